//! `trustcheck diff OLD NEW`: which facts changed between two provider files (or two
//! sealed records) and which criteria flipped.
//!
//! Exit codes: 0 when the comparison ran (and, with `--fail-on-regression`, no
//! criterion regressed); 1 with `--fail-on-regression` when a criterion went from pass
//! or not applicable to fail or unknown; 2 on invalid input or usage.

use super::Result;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use super::{Outcome, print};
use crate::assess::AssessOptions;
use crate::diff::{self, DiffError, render};
use crate::lang::Lang;
use crate::pipeline;
use crate::rules::RuleSet;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier provider file, or sealed record (a folder with manifest.json).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later provider file, or sealed record.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Format on standard output.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    /// Exit 1 when a criterion went from pass or not applicable to fail or unknown.
    #[arg(long)]
    pub fail_on_regression: bool,
    /// Date at which both files' certifications are judged (YYYY-MM-DD) [default:
    /// today, UTC]. Records keep the date they were sealed with.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
    /// Compare only this framework's verdicts (repeatable).
    #[arg(long = "framework", value_name = "ID")]
    pub frameworks: Vec<String>,
    /// Shared entity registry to load with both files (repeatable); records use the
    /// registries they sealed.
    #[arg(long = "entities", value_name = "FILE")]
    pub registries: Vec<PathBuf>,
    /// Let `entities_from` read registries under DIR too (repeatable); by default a
    /// provider file reads only from its own folder and subfolders.
    #[arg(long = "allow-path", value_name = "DIR")]
    pub allow_paths: Vec<PathBuf>,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Tables by category (terminal).
    Table,
    /// Markdown for a merge-request comment.
    Markdown,
    /// JSON for tools.
    Json,
}

pub fn run(args: DiffArgs, rule_dirs: &[PathBuf], lang: Lang) -> Result<Outcome> {
    let records = diff::record::is_record(&args.old) && diff::record::is_record(&args.new);
    if records && (args.as_of.is_some() || !args.registries.is_empty() || !rule_dirs.is_empty()) {
        bail!(
            "sealed records are compared as they were recorded: --as-of, --entities and \
             --rules apply to provider files only"
        );
    }
    let rules = match RuleSet::load(rule_dirs) {
        Ok(rules) => rules,
        Err(e) => return Ok(Outcome::InvalidInput(vec![e])),
    };
    // Records may name frameworks of packs this trustcheck lacks: only files are checked.
    if !records
        && let Some(unknown) = args
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
    let options = pipeline::options_for(
        AssessOptions {
            as_of: args.as_of.unwrap_or_else(super::today),
            frameworks: args.frameworks.clone(),
            lang,
        },
        args.registries.clone(),
        args.allow_paths.clone(),
    );
    let diff = match diff::diff_paths(&args.old, &args.new, &rules, &options) {
        Ok(diff) => diff,
        Err(DiffError::Input(errors)) => return Ok(Outcome::InvalidInput(errors)),
        Err(other) => return Err(other.into()),
    };
    let text = match args.format {
        DiffFormat::Table => {
            let width = comfy_table::Table::new().width().unwrap_or(120).max(80);
            render::table(&diff, width, lang)
        }
        DiffFormat::Markdown => render::markdown(&diff, lang),
        DiffFormat::Json => render::json(&diff),
    };
    print(&text)?;
    Ok(Outcome::Code(u8::from(
        args.fail_on_regression && diff.regressions > 0,
    )))
}
