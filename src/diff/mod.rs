//! `trustcheck diff`: what changed between two versions of a provider, and what that
//! did to the verdicts.
//!
//! Two provider files are both loaded and assessed with the same rules and options.
//! Two sealed records (`assess --seal`) are compared as recorded: facts from their
//! sealed provider inputs, verdicts from their reports, providers paired by the name
//! they were sealed under. The result answers the CI question "did this change of
//! ownership (location, certification…) break eligibility?".

pub mod facts;
mod keys;
mod paths;
pub mod record;
pub mod render;
pub mod verdicts;
mod words;

use std::path::{Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

use crate::diagnostics::InputErrors;
use crate::pipeline::{self, Input, RunOptions};
use crate::provider::{self, Loaded};
use crate::rules::RuleSet;

pub use facts::{Category, Change, FactChange, FactSide, Position};
pub use verdicts::{FrameworkFlip, RuleFlip, Verdicts};

/// Why two inputs could not be compared.
#[derive(Debug, Error)]
pub enum DiffError {
    /// An input file is invalid; every problem of each file is kept.
    #[error("{} invalid input file(s)", .0.len())]
    Input(Vec<InputErrors>),
    /// One input is a provider file, the other a folder.
    #[error("cannot compare a provider file with a sealed record: give two files or two records")]
    Mixed,
    /// A folder without a readable manifest.
    #[error("{path} is not a sealed record (no readable manifest.json): {reason}")]
    NotARecord { path: String, reason: String },
    #[error(
        "{record}: unsupported record format `{found}` (this trustcheck reads `{}`)",
        record::SEAL_FORMAT
    )]
    SealFormat { record: String, found: String },
    /// A manifest path that is absolute or climbs out of the record.
    #[error("{record}: the manifest names `{path}`, which is not a path inside the record")]
    OutsideRecord { record: String, path: String },
    /// The manifest's verdicts disagree with the sealed report, or a provider has none.
    #[error("{record}: the record contradicts itself: {detail} (run `trustcheck verify`)")]
    Inconsistent { record: String, detail: String },
}

impl From<InputErrors> for DiffError {
    fn from(errors: InputErrors) -> Self {
        DiffError::Input(vec![errors])
    }
}

/// The differences between two inputs.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// The inputs as given.
    pub old: String,
    pub new: String,
    /// One entry per provider present on both sides.
    pub providers: Vec<ProviderDiff>,
    /// Providers of the old record with no provider of the same name in the new one.
    pub only_in_old: Vec<String>,
    /// Providers of the new record with no provider of the same name in the old one.
    pub only_in_new: Vec<String>,
    /// How many criteria regressed, over every provider.
    pub regressions: usize,
}

/// What changed for one provider.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderDiff {
    /// The provider's name: the new file, or the name both records sealed it under.
    pub name: String,
    pub old_file: String,
    pub new_file: String,
    pub facts: Vec<FactChange>,
    pub criteria: Vec<RuleFlip>,
    pub frameworks: Vec<FrameworkFlip>,
}

impl ProviderDiff {
    /// Whether nothing at all changed.
    pub fn is_unchanged(&self) -> bool {
        self.facts.is_empty() && self.criteria.is_empty() && self.frameworks.is_empty()
    }
}

impl Diff {
    fn new(old: &Path, new: &Path, providers: Vec<ProviderDiff>) -> Diff {
        let regressions = providers
            .iter()
            .flat_map(|p| &p.criteria)
            .filter(|c| c.regression)
            .count();
        Diff {
            old: old.display().to_string(),
            new: new.display().to_string(),
            providers,
            only_in_old: Vec::new(),
            only_in_new: Vec::new(),
            regressions,
        }
    }
}

/// Compares two provider files, or two sealed records (folders); anything else is
/// refused as [`DiffError::Mixed`].
pub fn diff_paths(
    old: &Path,
    new: &Path,
    rules: &RuleSet,
    options: &RunOptions,
) -> Result<Diff, DiffError> {
    match (record::is_record(old), record::is_record(new)) {
        (true, true) => diff_records(old, new, &options.assess.frameworks),
        (false, false) => diff_files(old, new, rules, options),
        _ => Err(DiffError::Mixed),
    }
}

/// Compares two provider files: their facts, and their verdicts under `rules`. Both
/// are loaded and assessed by the pipeline, with the options `assess` would use.
pub fn diff_files(
    old: &Path,
    new: &Path,
    rules: &RuleSet,
    options: &RunOptions,
) -> Result<Diff, DiffError> {
    let load = |path: &Path| pipeline::load_one(&Input::File(path.to_path_buf()), options);
    let (old_loaded, new_loaded) = match (load(old), load(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            return Err(DiffError::Input(
                [old.err(), new.err()].into_iter().flatten().collect(),
            ));
        }
    };
    let verdicts =
        |loaded: &Loaded| Verdicts::from(&pipeline::assess_loaded(loaded, rules, options));
    let provider = compare(
        new_loaded.name.clone(),
        (&old_loaded, &verdicts(&old_loaded)),
        (&new_loaded, &verdicts(&new_loaded)),
        &options.assess.frameworks,
    );
    Ok(Diff::new(old, new, vec![provider]))
}

/// Compares two sealed records, provider by provider; `frameworks` limits the verdicts
/// compared (all when empty).
pub fn diff_records(old: &Path, new: &Path, frameworks: &[String]) -> Result<Diff, DiffError> {
    let old_record = record::read(old)?;
    let new_record = record::read(new)?;
    let mut providers = Vec::new();
    let mut only_in_new = Vec::new();
    for sealed in &new_record.providers {
        let Some(before) = old_record.providers.iter().find(|p| p.name == sealed.name) else {
            only_in_new.push(sealed.name.clone());
            continue;
        };
        let (old_loaded, new_loaded) = load_both(
            (&before.path, &old_record.registries),
            (&sealed.path, &new_record.registries),
            &[],
        )?;
        providers.push(compare(
            sealed.name.clone(),
            (&old_loaded, &before.verdicts),
            (&new_loaded, &sealed.verdicts),
            frameworks,
        ));
    }
    let mut diff = Diff::new(old, new, providers);
    diff.only_in_old = old_record
        .providers
        .iter()
        .filter(|p| !new_record.providers.iter().any(|n| n.name == p.name))
        .map(|p| p.name.clone())
        .collect();
    diff.only_in_new = only_in_new;
    Ok(diff)
}

/// Loads both sealed inputs with the registries they were sealed with, reporting
/// the problems of both when both are invalid.
fn load_both(
    (old, old_registries): (&Path, &[PathBuf]),
    (new, new_registries): (&Path, &[PathBuf]),
    allow: &[PathBuf],
) -> Result<(Loaded, Loaded), DiffError> {
    let options = provider::LoadOptions {
        allow: allow.to_vec(),
        as_of: None,
    };
    match (
        provider::load_file_with(old, old_registries, &options),
        provider::load_file_with(new, new_registries, &options),
    ) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        (old, new) => Err(DiffError::Input(
            [old.err(), new.err()].into_iter().flatten().collect(),
        )),
    }
}

fn compare(
    name: String,
    (old, old_verdicts): (&Loaded, &Verdicts),
    (new, new_verdicts): (&Loaded, &Verdicts),
    frameworks: &[String],
) -> ProviderDiff {
    ProviderDiff {
        name,
        old_file: old.name.clone(),
        new_file: new.name.clone(),
        facts: facts::fact_changes(old, new),
        criteria: verdicts::rule_flips(old_verdicts, new_verdicts, frameworks),
        frameworks: verdicts::framework_flips(old_verdicts, new_verdicts, frameworks),
    }
}

#[cfg(test)]
mod tests;
