//! The assessment re-run from a record alone: its packs (never the embedded ones),
//! its registries and waivers, its as-of date and options.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

use super::inside;
use super::manifest::{Manifest, SealedPack};
use crate::assess::AssessOptions;
use crate::pipeline::{self, Input, RunOptions};
use crate::provider;
use crate::report::Report;
use crate::rules::pack::{self, Pack};
use crate::rules::{Enforce, RuleSet};

/// The options of the sealed run, read from the manifest.
#[derive(Debug, Clone)]
pub(super) struct RerunOptions {
    pub assess: AssessOptions,
    pub valid_until: Option<Date>,
}

/// A sealed pack whose folder no longer gives the sealed digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackDifference {
    pub id: String,
    pub path: String,
    /// The digest the manifest records.
    pub sealed: String,
    /// The digest of the pack folder as it is now.
    pub actual: String,
}

/// What the re-run gave.
#[derive(Debug, Default)]
pub(super) struct Rerun {
    /// `None` when the rules or waivers could not be loaded.
    pub report: Option<Report>,
    pub packs: Vec<PackDifference>,
    /// Why something could not be re-run, one line each.
    pub errors: Vec<String>,
}

/// Re-runs the sealed assessment. Paths come from a manifest whose paths were
/// checked to stay inside `dir`.
pub(super) fn rerun(dir: &Path, manifest: &Manifest, options: &RerunOptions) -> Rerun {
    let mut out = Rerun::default();
    let packs = load_packs(dir, &manifest.packs, &mut out);
    if !out.errors.is_empty() {
        return out;
    }
    let rules = match RuleSet::from_packs(packs) {
        Ok(rules) => rules,
        Err(e) => {
            out.errors.push(e.to_string());
            return out;
        }
    };
    let mut waivers = Vec::new();
    for sealed in &manifest.waivers {
        let loaded = sealed_path(dir, &sealed.path).map(|p| crate::waivers::load(&p, &rules, None));
        match loaded {
            Some(Ok(read)) => waivers.extend(read),
            Some(Err(e)) => out.errors.push(e.to_string()),
            None => out.errors.push(outside(&sealed.path)),
        }
    }
    if !out.errors.is_empty() {
        return out;
    }
    out.report = assess_providers(dir, manifest, &rules, &waivers, options, &mut out.errors);
    out
}

/// Assesses every sealed provider file under the name the sealed run gave it, through
/// the same pipeline as `assess`.
fn assess_providers(
    dir: &Path,
    manifest: &Manifest,
    rules: &RuleSet,
    waivers: &[crate::waivers::Waiver],
    options: &RerunOptions,
    errors: &mut Vec<String>,
) -> Option<Report> {
    let registries: Vec<PathBuf> = manifest
        .entities
        .iter()
        .filter_map(|e| sealed_path(dir, &e.path))
        .collect();
    let mut inputs = Vec::new();
    for sealed in &manifest.providers {
        match sealed_path(dir, &sealed.path) {
            Some(path) => inputs.push(Input::Named {
                path,
                name: sealed.name.clone(),
            }),
            None => errors.push(outside(&sealed.path)),
        }
    }
    let run_options = RunOptions {
        assess: options.assess.clone(),
        registries,
        load: provider::LoadOptions::default(),
        valid_until: options.valid_until,
        // The sealed report marks every result enforced, as `run_report` does.
        enforce: Enforce::Policy,
        window: pipeline::order::DEFAULT_WINDOW,
        progress: false,
    };
    let mut collected = pipeline::sink::Collect::default();
    let ran = pipeline::run(
        &inputs,
        rules,
        waivers,
        &run_options,
        &mut [&mut collected],
        |_, _| Ok::<(), std::convert::Infallible>(()),
    );
    match ran {
        Ok((end, run)) => {
            errors.extend(end.invalid.iter().map(ToString::to_string));
            Some(Report {
                reports: collected.reports,
                ..run
            })
        }
        Err(e) => {
            errors.push(e.to_string());
            None
        }
    }
}

/// Loads every sealed pack folder, in the sealed order; a pack whose digest differs
/// from the manifest's is noted, one that cannot be loaded stops the re-run.
fn load_packs(dir: &Path, sealed: &[SealedPack], out: &mut Rerun) -> Vec<Pack> {
    let mut packs = Vec::with_capacity(sealed.len());
    for entry in sealed {
        let Some(path) = sealed_path(dir, &entry.path) else {
            out.errors.push(outside(&entry.path));
            continue;
        };
        match pack::load_dir(&path) {
            Ok(pack) => {
                if pack.digest != entry.sha256 || pack.manifest.id != entry.id {
                    out.packs.push(PackDifference {
                        id: entry.id.clone(),
                        path: entry.path.clone(),
                        sealed: entry.sha256.clone(),
                        actual: pack.digest.clone(),
                    });
                }
                packs.push(pack);
            }
            Err(e) => out.errors.push(e.to_string()),
        }
    }
    packs
}

fn outside(path: &str) -> String {
    format!("{path}: not a path inside the record")
}

fn sealed_path(dir: &Path, relative: &str) -> Option<PathBuf> {
    inside(dir, relative).ok()
}
