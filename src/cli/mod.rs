//! The command line: argument parsing and wiring only. Every command returns an
//! [`Outcome`]; `main` turns it into an exit code.

#[macro_use]
mod error;

mod assess;
mod diff;
mod explain;
mod output;
mod ownership;
mod rules;
mod schema;
mod seal;
mod validate;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::diagnostics::InputErrors;
use crate::lang::Lang;
pub use error::{CliError, Result};

/// Can this cloud offer be trusted with sensitive French public-sector and critical
/// workloads? trustcheck assesses provider files against SecNumCloud 3.2 and the
/// Cloud au Centre doctrine.
#[derive(Debug, Parser)]
#[command(
    name = "trustcheck",
    max_term_width = 100,
    disable_version_flag = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Print the version (with `--verbose`: and the embedded packs' digests).
    #[arg(short = 'V', long)]
    pub version: bool,
    /// With `--version`: also list the embedded rule packs and their SHA-256.
    #[arg(long, requires = "version")]
    pub verbose: bool,
    /// Language of every human-facing text [default: from LANG, else en].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Additional or replacement rule pack folder (repeatable).
    #[arg(long = "rules", global = true, value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Assess provider files: a verdict per criterion, with its reason.
    Assess(assess::AssessArgs),
    /// What changed between two provider files or sealed records, and which criteria flipped.
    Diff(diff::DiffArgs),
    /// Check provider files without assessing them.
    Validate(validate::ValidateArgs),
    /// One rule's evaluation on one file, as a tree of conditions, facts and figures.
    Explain(explain::ExplainArgs),
    /// Who holds and controls the provider, and which foreign laws reach it.
    Ownership(ownership::OwnershipArgs),
    /// List, show, test, lint and document rules.
    Rules(rules::RulesArgs),
    /// Print the JSON Schema of provider or rule files, for editors.
    Schema(schema::SchemaArgs),
    /// Write a commented provider template.
    Init(schema::InitArgs),
    /// Check a sealed record (`assess --seal`): digests, signature, and a re-run.
    Verify(seal::VerifyArgs),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: schema::Shell,
    },
    /// Print the man page.
    Man,
}

/// How a command ended.
#[derive(Debug)]
pub enum Outcome {
    /// Exit with this code (0 pass, 1 fail, 3 unknown, 4 waived).
    Code(u8),
    /// Invalid input: every error is printed, then exit 2.
    InvalidInput(Vec<InputErrors>),
}

impl Cli {
    /// Runs the command, writing the report to standard output.
    pub fn run(self) -> Result<Outcome> {
        let lang = self
            .lang
            .unwrap_or_else(|| Lang::from_locale(std::env::var("LANG").ok().as_deref()));
        let Some(command) = self.command else {
            return version(self.verbose);
        };
        match command {
            Command::Assess(args) => assess::run(args, &self.rule_dirs, lang),
            Command::Diff(args) => diff::run(args, &self.rule_dirs, lang),
            Command::Explain(args) => explain::run(args, &self.rule_dirs, lang),
            Command::Validate(args) => validate::run(args),
            Command::Verify(args) => seal::verify(args, lang),
            Command::Ownership(args) => ownership::run(args, lang),
            Command::Rules(args) => rules::run(args, &self.rule_dirs, lang),
            Command::Schema(args) => schema::schema(args),
            Command::Init(args) => schema::init(args),
            Command::Completions { shell } => schema::completions(shell),
            Command::Man => schema::man(),
        }
    }
}

/// `--version [--verbose]`.
fn version(verbose: bool) -> Result<Outcome> {
    let mut text = format!("trustcheck {}\n", env!("CARGO_PKG_VERSION"));
    if verbose {
        let rules = crate::rules::RuleSet::load(&[])?;
        for pack in &rules.packs {
            text.push_str(&format!(
                "{} {} ({}) sha256:{}\n",
                pack.id, pack.version, pack.origin, pack.sha256
            ));
        }
        text.push_str(&format!(
            "jurisdictions {}\n",
            crate::jurisdiction::Jurisdictions::embedded().version
        ));
    }
    print(&text)?;
    Ok(Outcome::Code(0))
}

/// Today in UTC, the day certifications and waivers expire in.
pub fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

/// Whether standard output is a terminal that wants colour.
pub fn colour_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes to standard output, treating a closed pipe as a normal end.
pub fn print(text: &str) -> Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
