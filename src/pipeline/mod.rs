//! The assessment pipeline, once for every command: read → check → analyse →
//! evaluate → settle → render.
//!
//! A run loads nothing itself but the provider files: the caller gives the rule set
//! and the waivers, loaded once. Files are assessed in parallel a window at a time
//! ([`order`]); each report is then settled in input order (waivers, procurement
//! verdict, `--enforce`), handed to every [`Sink`] and dropped. What the run keeps
//! across files is small: what became of each waiver, the worst enforced verdict,
//! and the input errors.

pub mod inputs;
pub mod order;
pub mod sink;

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use jiff::civil::Date;

pub use inputs::{Input, expand};
pub use sink::Sink;

use crate::assess::{AssessOptions, assess, certification_warnings};
use crate::diagnostics::InputErrors;
use crate::engine::Verdict;
use crate::provider::Loaded;
use crate::report::{FileReport, Report};
use crate::rules::{Enforce, RuleSet};
use crate::waivers::{Ledger, Waiver};

/// What a run is asked to do, besides its inputs.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub assess: AssessOptions,
    /// Shared entity registries (`--entities`).
    pub registries: Vec<PathBuf>,
    pub load: crate::provider::LoadOptions,
    /// Warn of certifications that expire before this date (`--valid-until`).
    pub valid_until: Option<Date>,
    /// The weakest legal status that counts for the exit code.
    pub enforce: Enforce,
    /// Files in flight at once (see [`order::DEFAULT_WINDOW`]).
    pub window: usize,
    /// Show a progress bar on standard error.
    pub progress: bool,
}

/// How a run ended, once every report has gone to the sinks.
#[derive(Debug, Default)]
pub struct RunEnd {
    /// Reports written.
    pub files: usize,
    /// The worst enforced verdict over every report.
    pub worst: Option<Verdict>,
    /// The inputs that could not be assessed, in input order.
    pub invalid: Vec<InputErrors>,
}

impl RunEnd {
    /// The exit code of the reports: 1 if an enforced result fails, else 3 if one is
    /// unknown, else 4 if one is waived (a waiver never gives a clean 0), else 0.
    pub fn exit_code(&self) -> u8 {
        match self.worst {
            Some(Verdict::Fail) => 1,
            Some(Verdict::Unknown) => 3,
            Some(Verdict::Waived) => 4,
            _ => 0,
        }
    }
}

/// Why a run stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum RunError<E> {
    #[error("cannot write the report: {0}")]
    Write(#[from] std::io::Error),
    /// The caller refused a file's report (e.g. it read a registry an output would
    /// replace).
    #[error(transparent)]
    Refused(E),
}

/// The run's header: version, date, language and rule catalogue, no report yet.
pub fn header(rules: &RuleSet, options: &AssessOptions) -> Report {
    Report {
        trustcheck_version: env!("CARGO_PKG_VERSION").to_string(),
        as_of: options.as_of.to_string(),
        lang: options.lang.code().to_string(),
        reports: Vec::new(),
        rules: crate::report::rule_catalogue(rules, &options.frameworks, options.lang),
        waivers: Vec::new(),
    }
}

/// Assesses `inputs` and hands every report to `sinks`, in input order. `admit` sees
/// each report and the registries its file read before any sink does, and may stop
/// the run.
pub fn run<E>(
    inputs: &[Input],
    rules: &RuleSet,
    waivers: &[Waiver],
    options: &RunOptions,
    sinks: &mut [&mut dyn Sink],
    mut admit: impl FnMut(&FileReport, &[PathBuf]) -> Result<(), E>,
) -> Result<(RunEnd, Report), RunError<E>> {
    let mut run = header(rules, &options.assess);
    for sink in sinks.iter_mut() {
        sink.begin(&run)?;
    }
    let unwaivable = rules.unwaivable();
    let mut ledger = Ledger::new(waivers, options.assess.as_of, &unwaivable);
    let mut end = RunEnd::default();
    let bar = progress(inputs.len(), options.progress);
    let work = |input: &Input| {
        let outcome = assess_one(input, rules, options);
        if let Some(bar) = &bar {
            bar.inc(1);
        }
        outcome
    };
    order::for_each_ordered(inputs, options.window, work, |outcome| {
        let (mut report, registries) = match outcome {
            Ok(done) => done,
            Err(errors) => {
                end.invalid.push(errors);
                return Ok(());
            }
        };
        settle(&mut report, &mut ledger, rules, options.enforce);
        admit(&report, &registries).map_err(RunError::Refused)?;
        let enforced = report.results.iter().filter(|r| r.enforced);
        let worst = Verdict::combine(end.worst.into_iter().chain(enforced.map(|r| r.verdict)));
        end.worst = Some(worst);
        end.files += 1;
        for sink in sinks.iter_mut() {
            sink.file(&report)?;
        }
        Ok::<(), RunError<E>>(())
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    run.waivers = ledger.finish(options.assess.lang);
    for sink in sinks.iter_mut() {
        sink.finish(&run)?;
    }
    Ok((end, run))
}

/// Loads and assesses one input; with `valid_until`, its report warns of
/// certifications that expire before it. The report comes with the registries its
/// file read through `entities_from`.
pub fn assess_one(
    input: &Input,
    rules: &RuleSet,
    options: &RunOptions,
) -> Result<(FileReport, Vec<PathBuf>), InputErrors> {
    let loaded = load_one(input, options)?;
    let report = assess_loaded(&loaded, rules, options);
    Ok((report, loaded.registries))
}

/// Loads and checks one input as every command does: with the run's registries,
/// `--allow-path` folders and assessment date (evidence dated after it is refused).
pub fn load_one(input: &Input, options: &RunOptions) -> Result<Loaded, InputErrors> {
    match input {
        Input::File(path) => {
            crate::provider::load_file_with(path, &options.registries, &options.load)
        }
        Input::Stdin(text) => crate::provider::load_str_with(&input.name(), text, &options.load),
        Input::Named { path, name } => {
            crate::provider::load_file_with(path, &options.registries, &options.load).map(
                |mut loaded| {
                    // Reports and waivers name the file as asked.
                    loaded.name = name.clone();
                    loaded
                },
            )
        }
    }
}

/// Assesses a loaded input; with `valid_until`, the report warns of certifications
/// that expire before it. The report is not settled (see [`settle`]).
pub fn assess_loaded(loaded: &Loaded, rules: &RuleSet, options: &RunOptions) -> FileReport {
    let mut report = assess(loaded, rules, &options.assess);
    if let Some(until) = options.valid_until {
        report.warnings = certification_warnings(loaded, until, options.assess.lang);
    }
    report
}

/// Run options for a command that assesses files one by one, outside a run: the
/// date, frameworks and language, the registries and `--allow-path` folders; the
/// assessment date also bounds the dates of evidence, as in `assess`.
pub fn options_for(
    assess: AssessOptions,
    registries: Vec<PathBuf>,
    allow: Vec<PathBuf>,
) -> RunOptions {
    RunOptions {
        load: crate::provider::LoadOptions {
            allow,
            as_of: Some(assess.as_of),
        },
        assess,
        registries,
        valid_until: None,
        enforce: Enforce::Policy,
        window: order::DEFAULT_WINDOW,
        progress: false,
    }
}

/// Settles one file's report: its waivers, its procurement verdicts (which read the
/// waived results), then which results count under `enforce`.
pub fn settle(report: &mut FileReport, ledger: &mut Ledger<'_>, rules: &RuleSet, enforce: Enforce) {
    ledger.apply(report);
    crate::report::procurement::settle_file(report, rules);
    for result in &mut report.results {
        result.enforced = result.legal_status.enforced_under(enforce);
    }
}

fn progress(files: usize, wanted: bool) -> Option<ProgressBar> {
    (wanted && files > 3).then(|| {
        ProgressBar::new(files as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        )
    })
}

#[cfg(test)]
mod tests;
