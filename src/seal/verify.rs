//! `trustcheck verify DIR`: checks a sealed record. Every file digest is recomputed,
//! the assessment is re-run from the record alone, and its verdicts are compared
//! with the manifest's and with `reports/report.json`.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;

use super::compare::{compare, sealed_report};
use super::manifest::Manifest;
use super::rerun::{PackDifference, RerunOptions, rerun};
use super::sign::VerifyingKey;
use super::{MANIFEST, REPORT_JSON, SIGNATURE, SealError, inside, sha256_hex};
use crate::assess::AssessOptions;
use crate::diagnostics::{Code, InputErrors, Problem, Span};
use crate::jurisdiction::Jurisdictions;
use crate::lang::Lang;

pub use super::compare::Difference;
pub use super::verify_render::render;

/// Why a record could not be checked at all (exit 2, unlike a record that does not
/// verify).
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("{}", .0)]
    Invalid(Box<InputErrors>),
    #[error(transparent)]
    Record(#[from] SealError),
}

/// The outcome of checking a record.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    /// Whether the record verifies: no file, pack, verdict or signature problem.
    pub verifies: bool,
    pub trustcheck_version: String,
    pub as_of: String,
    /// How many files had their digest recomputed and compared with the manifest's.
    pub files_checked: usize,
    /// Those files, by path in the record (the manifest and its signature aside).
    pub digests_checked: Vec<String>,
    /// Where the sealed verdicts were compared one by one with the re-run's:
    /// `manifest.json`, and `reports/report.json` when it could be read.
    pub verdicts_compared_in: Vec<String>,
    /// Reports checked by digest only: nothing in them is compared with the re-run
    /// (the OSCAL results today).
    pub digest_only_reports: Vec<String>,
    /// Provider files re-run, and rule results compared.
    pub providers: usize,
    pub results_compared: usize,
    pub files: Vec<FileProblem>,
    pub packs: Vec<PackDifference>,
    /// What stopped part of the re-run or the comparison.
    pub errors: Vec<String>,
    pub differences: Vec<Difference>,
    pub signature: SignatureCheck,
    /// Differences of the running trustcheck that do not fail the record.
    pub notes: Vec<Note>,
}

/// A file of the record that does not match the manifest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "problem", content = "path", rename_all = "snake_case")]
pub enum FileProblem {
    Changed(String),
    Missing(String),
    Extra(String),
}

/// What became of the signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SignatureCheck {
    /// No key given and no signature in the record.
    Unsigned,
    /// The record is signed but no key was given to check it.
    NotChecked,
    /// Signed by the key given: `fingerprint` is that key's.
    Good { fingerprint: String },
    /// The signature does not verify with the key given (`key`, its fingerprint).
    Bad { key: String, reason: String },
    /// A key was given (`key`, its fingerprint) and the record has no signature.
    Missing { key: String },
}

/// A difference between the sealed run's trustcheck and the running one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum Note {
    TrustcheckVersion { sealed: String, running: String },
    Jurisdictions { sealed: String, running: String },
}

/// Checks the record in `dir`; with `key`, its signature must be good.
pub fn verify(dir: &Path, key: Option<&VerifyingKey>) -> Result<Verification, VerifyError> {
    // Links and special files are refused before the manifest itself is read.
    let present = super::inventory(dir)?;
    let signed = present.contains(SIGNATURE);
    let manifest_path = dir.join(MANIFEST);
    let name = manifest_path.display().to_string();
    let text = super::read_file_text(&manifest_path)?;
    let manifest = Manifest::parse(&name, &text).map_err(|e| VerifyError::Invalid(Box::new(e)))?;
    let options = options(&name, &text, &manifest)?;
    for path in manifest_paths(&manifest) {
        inside(dir, path)?;
    }
    let unlisted = read_but_unlisted(&manifest);
    let (files, digests_checked) = check_files(dir, &manifest, present)?;
    let rerun = rerun(dir, &manifest, &options);
    let mut errors = unlisted;
    errors.extend(rerun.errors);
    let mut differences = Vec::new();
    let (mut providers, mut results_compared) = (0, 0);
    let mut verdicts_compared_in = Vec::new();
    if let Some(report) = &rerun.report {
        let again = super::write::verdicts(report);
        providers = again.len();
        results_compared = again.iter().map(|f| f.results.len()).sum();
        differences.extend(compare(&manifest.verdicts, &again, MANIFEST));
        verdicts_compared_in.push(MANIFEST.to_string());
        match sealed_report(&dir.join(REPORT_JSON)) {
            Ok(sealed) => {
                differences.extend(compare(&sealed, &again, REPORT_JSON));
                verdicts_compared_in.push(REPORT_JSON.to_string());
            }
            Err(e) => errors.push(e),
        }
    }
    let digest_only_reports = digests_checked
        .iter()
        .filter(|p| p.starts_with("reports/") && !verdicts_compared_in.contains(p))
        .cloned()
        .collect();
    let signature = check_signature(dir, signed, &text, key);
    let verifies = files.is_empty()
        && rerun.packs.is_empty()
        && errors.is_empty()
        && differences.is_empty()
        && !matches!(
            signature,
            SignatureCheck::Bad { .. } | SignatureCheck::Missing { .. }
        );
    Ok(Verification {
        verifies,
        notes: notes(&manifest),
        trustcheck_version: manifest.trustcheck_version,
        as_of: manifest.as_of,
        files_checked: digests_checked.len(),
        digests_checked,
        verdicts_compared_in,
        digest_only_reports,
        providers,
        results_compared,
        files,
        packs: rerun.packs,
        errors,
        differences,
        signature,
    })
}

/// The sealed options, each refused at its place in the manifest when unreadable.
fn options(name: &str, text: &str, manifest: &Manifest) -> Result<RerunOptions, VerifyError> {
    let invalid = |value: &str, what: &str| {
        let quoted = format!("\"{value}\"");
        let mut problem = Problem::new(Code::SealRecord, format!("`{value}` is not {what}"));
        if let Some(offset) = text.find(&quoted) {
            problem = problem.at(Span::new(offset, quoted.len()), "here");
        }
        VerifyError::Invalid(Box::new(InputErrors::new(
            name,
            Some(text.to_string()),
            vec![problem],
        )))
    };
    let date = |value: &str| {
        value
            .parse()
            .map_err(|_| invalid(value, "a date (YYYY-MM-DD)"))
    };
    let lang = match manifest.options.lang.as_str() {
        "en" => Lang::En,
        "fr" => Lang::Fr,
        other => return Err(invalid(other, "a language (en or fr)")),
    };
    Ok(RerunOptions {
        assess: AssessOptions {
            as_of: date(&manifest.as_of)?,
            frameworks: manifest.options.frameworks.clone(),
            lang,
        },
        valid_until: manifest
            .options
            .valid_until
            .as_deref()
            .map(date)
            .transpose()?,
    })
}

/// Every path the manifest names: its files, inputs and pack folders.
fn manifest_paths(manifest: &Manifest) -> impl Iterator<Item = &str> {
    let inputs = manifest
        .providers
        .iter()
        .chain(&manifest.entities)
        .chain(&manifest.waivers)
        .map(|i| i.path.as_str());
    manifest
        .files
        .iter()
        .map(|f| f.path.as_str())
        .chain(inputs)
        .chain(manifest.packs.iter().map(|p| p.path.as_str()))
}

/// Inputs the re-run would read whose digest the manifest does not record, and pack
/// folders with no file listed: what is not checked by digest cannot be re-run
/// as sealed.
fn read_but_unlisted(manifest: &Manifest) -> Vec<String> {
    let listed: BTreeSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    let mut out = Vec::new();
    let inputs = manifest
        .providers
        .iter()
        .chain(&manifest.entities)
        .chain(&manifest.waivers);
    for input in inputs {
        if !listed.contains(input.path.as_str()) {
            out.push(format!(
                "{}: read by the re-run but not listed with a digest in {MANIFEST}",
                input.path
            ));
        }
    }
    for pack in &manifest.packs {
        let prefix = format!("{}/", pack.path);
        if !listed.iter().any(|f| f.starts_with(&prefix)) {
            out.push(format!(
                "{}: pack folder with no file listed with a digest in {MANIFEST}",
                pack.path
            ));
        }
    }
    out
}

/// Changed and missing files of the manifest's list, and files of the record
/// (`present`, from [`super::inventory`]) it does not list; and the files whose
/// digest was compared.
fn check_files(
    dir: &Path,
    manifest: &Manifest,
    mut present: BTreeSet<String>,
) -> Result<(Vec<FileProblem>, Vec<String>), SealError> {
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for listed in &manifest.files {
        if !present.remove(&listed.path) {
            problems.push(FileProblem::Missing(listed.path.clone()));
            continue;
        }
        let path = inside(dir, &listed.path)?;
        let bytes = super::read_file(&path)?;
        if sha256_hex(&bytes) != listed.sha256 {
            problems.push(FileProblem::Changed(listed.path.clone()));
        }
        checked.push(listed.path.clone());
    }
    present.remove(MANIFEST);
    present.remove(SIGNATURE);
    problems.extend(present.into_iter().map(FileProblem::Extra));
    problems.sort();
    checked.sort();
    Ok((problems, checked))
}

/// The signature's status; `signed` when the record holds a signature file, even
/// one that cannot be read: such a record is never reported as not signed.
fn check_signature(
    dir: &Path,
    signed: bool,
    manifest: &str,
    key: Option<&VerifyingKey>,
) -> SignatureCheck {
    match (key, signed) {
        (None, false) => SignatureCheck::Unsigned,
        (None, true) => SignatureCheck::NotChecked,
        (Some(key), false) => SignatureCheck::Missing {
            key: key.fingerprint(),
        },
        (Some(key), true) => match super::read_file_text(&dir.join(SIGNATURE))
            .map_err(|e| e.to_string())
            .and_then(|signature| {
                key.check(manifest.as_bytes(), &signature)
                    .map_err(|e| e.to_string())
            }) {
            Ok(()) => SignatureCheck::Good {
                fingerprint: key.fingerprint(),
            },
            Err(reason) => SignatureCheck::Bad {
                key: key.fingerprint(),
                reason,
            },
        },
    }
}

fn notes(manifest: &Manifest) -> Vec<Note> {
    let mut notes = Vec::new();
    let running = env!("CARGO_PKG_VERSION");
    if manifest.trustcheck_version != running {
        notes.push(Note::TrustcheckVersion {
            sealed: manifest.trustcheck_version.clone(),
            running: running.into(),
        });
    }
    let tables = &Jurisdictions::embedded().version;
    if &manifest.jurisdictions != tables {
        notes.push(Note::Jurisdictions {
            sealed: manifest.jurisdictions.clone(),
            running: tables.clone(),
        });
    }
    notes
}
