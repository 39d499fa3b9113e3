//! `trustcheck assess`: files, folders or standard input in; a report per file, in
//! one or several formats, out.

use super::{CliError, Result};
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use super::output::{self, Format, OutputTarget};
use super::{Outcome, colour_wanted};
use crate::assess::AssessOptions;
use crate::lang::Lang;
use crate::pipeline::{self, Input, RunError, RunOptions, Sink, sink};
use crate::provider;
use crate::report::json::Detail;
use crate::report::table::TableStyle;
use crate::report::{FileReport, Report};
use crate::rules::{Enforce, RuleSet};

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Provider files, folders (searched for *.yaml and *.yml) or `-` for standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Format on standard output [default: table].
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also write FORMAT to PATH (repeatable), e.g. `--output sarif=report.sarif`.
    #[arg(long = "output", value_name = "FORMAT=PATH")]
    pub outputs: Vec<OutputTarget>,
    /// Date at which certifications are judged and waivers applied (YYYY-MM-DD)
    /// [default: today, UTC].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
    /// Report only this framework (repeatable); every rule is still computed.
    #[arg(long = "framework", value_name = "ID")]
    pub frameworks: Vec<String>,
    /// Shared entity registry to load (repeatable).
    #[arg(long = "entities", value_name = "FILE")]
    pub registries: Vec<PathBuf>,
    /// Refuse to run unless the rule packs match this lock file (`rules lock`).
    #[arg(long, value_name = "FILE")]
    pub locked: Option<PathBuf>,
    /// Warn about every certification that expires before DATE (e.g. the end of the
    /// contract); verdicts are unchanged.
    #[arg(long, value_name = "DATE")]
    pub valid_until: Option<Date>,
    /// Waivers file (repeatable): accepted failing or unknown results, until a date.
    #[arg(long = "waivers", value_name = "FILE")]
    pub waivers: Vec<PathBuf>,
    /// Also write a sealed record of this run to DIR (new or empty): inputs, rule
    /// packs, reports, and a manifest of digests and verdicts (`trustcheck verify`).
    #[arg(long, value_name = "DIR")]
    pub seal: Option<PathBuf>,
    /// Sign the sealed record's manifest with this OpenSSH Ed25519 private key.
    #[arg(long, value_name = "KEY", requires = "seal")]
    pub sign_key: Option<PathBuf>,
    /// The weakest legal status whose results count for the exit code: `binding`
    /// (laws, decrees, arrêtés), `doctrine` (also circulars and certification
    /// referentials) or `policy` (everything, announced policies included). Results
    /// of a weaker status stay in the report, marked as not enforced.
    #[arg(long, value_enum, value_name = "STATUS", default_value_t = Enforce::Policy)]
    pub enforce: Enforce,
    /// Let `entities_from` read registries under DIR too (repeatable); by default a
    /// provider file reads only from its own folder and subfolders.
    #[arg(long = "allow-path", value_name = "DIR")]
    pub allow_paths: Vec<PathBuf>,
    /// How much of each result the `json` and `jsonl` formats write: `compact` (rule
    /// id, verdict, message, reference, legal status, waiver; evidence only for
    /// failing, unknown and waived results; the rule's metadata is in the `rules`
    /// catalogue) or `full` (every field and the evidence of every result).
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = DetailArg::Compact)]
    pub detail: DetailArg,
}

/// `--detail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DetailArg {
    /// What is the result's own; evidence only for the results that decide.
    Compact,
    /// Every field and the evidence of every result.
    Full,
}

pub fn run(args: AssessArgs, rule_dirs: &[PathBuf], lang: Lang) -> Result<Outcome> {
    let seal = super::seal::plan(args.seal.as_deref(), args.sign_key.as_deref())?;
    let rules = match RuleSet::load(rule_dirs) {
        Ok(rules) => rules,
        Err(e) => return Ok(Outcome::InvalidInput(vec![e])),
    };
    if let Some(lock) = &args.locked {
        let name = lock.display().to_string();
        let limit = provider::SizeLimit {
            bytes: 1024 * 1024,
            applies_to: "lock files",
        };
        let text = match provider::read_text(lock, &name, limit) {
            Ok(text) => text,
            Err(errors) => return Ok(Outcome::InvalidInput(vec![errors])),
        };
        crate::rules::lock::check(&rules, &lock.display().to_string(), &text)?;
    }
    if let Some(unknown) = args
        .frameworks
        .iter()
        .find(|f| rules.framework(f).is_none())
    {
        let known: Vec<&str> = rules.frameworks().iter().map(|m| m.id.as_str()).collect();
        bail!(
            "unknown framework `{unknown}`; known frameworks: {}",
            known.join(", ")
        );
    }
    let mut waivers = Vec::new();
    for path in &args.waivers {
        match crate::waivers::load(path, &rules, Some(args.as_of.unwrap_or_else(super::today))) {
            Ok(read) => waivers.extend(read),
            Err(errors) => return Ok(Outcome::InvalidInput(vec![errors])),
        }
    }
    let (inputs, mut invalid) = pipeline::expand(&args.files);
    let mut protected = protected(&args, rule_dirs, &inputs);
    protected.check_all(&args.outputs)?;
    let assess = AssessOptions {
        as_of: args.as_of.unwrap_or_else(super::today),
        frameworks: args.frameworks.clone(),
        lang,
    };
    let options = RunOptions {
        load: provider::LoadOptions {
            allow: args.allow_paths.clone(),
            as_of: Some(assess.as_of),
        },
        assess,
        registries: args.registries.clone(),
        valid_until: args.valid_until,
        enforce: args.enforce,
        window: pipeline::order::DEFAULT_WINDOW,
        progress: std::io::stderr().is_terminal(),
    };
    let detail = match args.detail {
        DetailArg::Compact => Detail::Compact,
        DetailArg::Full => Detail::Full,
    };
    let mut files = args
        .outputs
        .iter()
        .map(|target| output::Streamed::open(&target.path))
        .collect::<Result<Vec<_>, _>>()?;
    let mut stdout = output::Stdout::default();
    let mut collected = sink::Collect::default();
    let (end, run) = {
        let mut sinks: Vec<Box<dyn Sink + '_>> = Vec::new();
        for (file, target) in files.iter_mut().zip(&args.outputs) {
            sinks.push(sink::for_format(
                target.format,
                file,
                table_style(false),
                lang,
                detail,
            ));
        }
        // Standard output shows nothing when no file could be assessed.
        let style = table_style(colour_wanted());
        sinks.push(Box::new(sink::WhenAny::new(sink::for_format(
            args.format,
            &mut stdout,
            style,
            lang,
            detail,
        ))));
        if seal.is_some() {
            sinks.push(Box::new(&mut collected));
        }
        let mut seen = std::collections::BTreeSet::new();
        let mut refs: Vec<&mut dyn Sink> = sinks.iter_mut().map(|s| &mut **s as _).collect();
        let admit = |_: &FileReport, registries: &[PathBuf]| {
            // Registries named in `entities_from` are known once the files are read.
            let mut new = false;
            for registry in registries {
                if seen.insert(registry.clone()) {
                    protected.file("the entity registry", registry);
                    new = true;
                }
            }
            if new {
                protected.check_all(&args.outputs)
            } else {
                Ok(())
            }
        };
        pipeline::run(&inputs, &rules, &waivers, &options, &mut refs, admit).map_err(
            |e| match e {
                RunError::Write(e) => CliError::Io(e),
                RunError::Refused(e) => CliError::Output(e),
            },
        )?
    };
    let code = end.exit_code();
    invalid.extend(end.invalid);
    if let Some(seal) = &seal {
        let report = Report {
            reports: std::mem::take(&mut collected.reports),
            ..run
        };
        seal.write(&args, &inputs, lang, &rules, &report, invalid.len())?;
    }
    for file in files {
        file.commit()?;
    }
    if !invalid.is_empty() {
        return Ok(Outcome::InvalidInput(invalid));
    }
    Ok(Outcome::Code(code))
}

/// Everything the run reads, and where it writes its record: no `--output` may
/// replace any of it.
fn protected(args: &AssessArgs, rule_dirs: &[PathBuf], inputs: &[Input]) -> output::Protected {
    let mut protected = output::Protected::default();
    for input in inputs {
        if let Input::File(path) | Input::Named { path, .. } = input {
            protected.file("the provider file", path);
        }
    }
    for path in &args.registries {
        protected.file("the entity registry", path);
    }
    for path in &args.waivers {
        protected.file("the waivers file", path);
    }
    if let Some(path) = &args.locked {
        protected.file("the lock file", path);
    }
    if let Some(path) = &args.sign_key {
        protected.file("the signing key", path);
    }
    for dir in rule_dirs {
        protected.tree("the rule pack folder", dir);
    }
    if let Some(dir) = &args.seal {
        protected.tree("the sealed record folder", dir);
    }
    protected
}

fn table_style(color: bool) -> TableStyle {
    let width = comfy_table::Table::new().width().unwrap_or(120).max(80);
    TableStyle {
        color,
        width,
        evidence_lines: 3,
    }
}
