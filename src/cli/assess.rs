//! `trustcheck assess`: files, folders or standard input in; a report per file, in
//! one or several formats, out.

use super::Result;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;
use indicatif::{ParallelProgressIterator, ProgressBar, ProgressStyle};
use jiff::civil::Date;
use rayon::prelude::*;

use super::inputs::{self, Input};
use super::output::{self, Format, OutputTarget};
use super::{Outcome, colour_wanted, print};
use crate::assess::{AssessOptions, assess, certification_warnings, run_report};
use crate::diagnostics::InputErrors;
use crate::lang::Lang;
use crate::provider;
use crate::report::FileReport;
use crate::report::table::TableStyle;
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
    let (inputs, mut invalid) = inputs::expand(&args.files);
    let mut protected = protected(&args, rule_dirs, &inputs);
    protected.check_all(&args.outputs)?;
    let options = AssessOptions {
        as_of: args.as_of.unwrap_or_else(super::today),
        frameworks: args.frameworks.clone(),
        lang,
    };
    let load = provider::LoadOptions {
        allow: args.allow_paths.clone(),
        as_of: Some(options.as_of),
    };
    let outcomes = assess_all(
        &inputs,
        &args.registries,
        &rules,
        &options,
        &load,
        args.valid_until,
    );
    let mut reports = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok((report, registries)) => {
                for registry in registries {
                    protected.file("the entity registry", &registry);
                }
                reports.push(report);
            }
            Err(errors) => invalid.push(errors),
        }
    }
    // Registries named in `entities_from` are known once the files are read.
    protected.check_all(&args.outputs)?;
    let mut report = run_report(reports, &rules, &options, &waivers);
    report.enforce(args.enforce);
    if let Some(seal) = &seal {
        seal.write(&args, &inputs, lang, &rules, &report, invalid.len())?;
    }
    let rendered = |format: Format, style: TableStyle| {
        output::render(&report, format, style, lang)
            .map_err(|e| failure!("cannot render the {format:?} report: {e}"))
    };
    for target in &args.outputs {
        output::write_atomically(&target.path, &rendered(target.format, table_style(false))?)?;
    }
    if !report.reports.is_empty() {
        print(&rendered(args.format, table_style(colour_wanted()))?)?;
    }
    if !invalid.is_empty() {
        return Ok(Outcome::InvalidInput(invalid));
    }
    Ok(Outcome::Code(report.exit_code()))
}

/// Loads and assesses every input in parallel; results keep the input order. With
/// `valid_until`, each report warns of certifications that expire before it.
/// Each report comes with the registries its file read through `entities_from`.
fn assess_all(
    inputs: &[Input],
    registries: &[PathBuf],
    rules: &RuleSet,
    options: &AssessOptions,
    load: &provider::LoadOptions,
    valid_until: Option<Date>,
) -> Vec<Result<(FileReport, Vec<PathBuf>), InputErrors>> {
    let one = |input: &Input| {
        let loaded = match input {
            Input::File(path) => provider::load_file_with(path, registries, load),
            Input::Stdin(text) => provider::load_str_with(&input.name(), text, load),
        }?;
        let mut report = assess(&loaded, rules, options);
        if let Some(until) = valid_until {
            report.warnings = certification_warnings(&loaded, until, options.lang);
        }
        Ok((report, loaded.registries))
    };
    if inputs.len() > 3 && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(inputs.len() as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let results = inputs
            .par_iter()
            .progress_with(bar.clone())
            .map(one)
            .collect();
        bar.finish_and_clear();
        results
    } else {
        inputs.par_iter().map(one).collect()
    }
}

/// Everything the run reads, and where it writes its record: no `--output` may
/// replace any of it.
fn protected(args: &AssessArgs, rule_dirs: &[PathBuf], inputs: &[Input]) -> output::Protected {
    let mut protected = output::Protected::default();
    for input in inputs {
        if let Input::File(path) = input {
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
