//! Reading a sealed record (`assess --seal DIR`): its manifest, its sealed provider
//! inputs and the verdicts it recorded. Verdicts come from the record, never from a
//! re-run: a record says what was decided then, with the rules of then.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::DiffError;
use super::verdicts::{FrameworkVerdict, RuleVerdict, Verdicts};
use crate::diagnostics::{Code, InputErrors, Problem, Span};
use crate::engine::Verdict;
use crate::seal::SealError;

/// The format a record must declare.
pub const SEAL_FORMAT: &str = "trustcheck-seal/1";
const MANIFEST: &str = "manifest.json";
const REPORT: &str = "reports/report.json";
/// A manifest or report larger than this is not one trustcheck wrote.
const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;

/// One provider of a record: its name on the sealing command line, where its sealed
/// copy is, and the verdicts recorded for it.
#[derive(Debug, Clone)]
pub struct SealedProvider {
    pub name: String,
    pub path: PathBuf,
    pub verdicts: Verdicts,
}

/// What `diff` needs from a record.
#[derive(Debug, Clone)]
pub struct Record {
    pub providers: Vec<SealedProvider>,
    /// The sealed `--entities` registries, to load the providers as they were assessed.
    pub registries: Vec<PathBuf>,
}

#[derive(Deserialize)]
struct Manifest {
    format: String,
    providers: Vec<Entry>,
    #[serde(default)]
    entities: Vec<Entry>,
    #[serde(default)]
    verdicts: Vec<ManifestVerdict>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    path: String,
}

#[derive(Deserialize)]
struct ManifestVerdict {
    file: String,
    #[serde(default)]
    results: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct SealedReport {
    reports: Vec<SealedFile>,
    /// The rule catalogue: a compact report's results name their rule by id only.
    #[serde(default)]
    rules: Vec<SealedRule>,
}

#[derive(Deserialize)]
struct SealedRule {
    id: String,
    title: String,
}

#[derive(Deserialize)]
struct SealedFile {
    file: String,
    frameworks: Vec<SealedFramework>,
    results: Vec<SealedResult>,
    #[serde(default)]
    eligibility: Vec<SealedEligibility>,
}

#[derive(Deserialize)]
struct SealedFramework {
    id: String,
    verdict: String,
}

#[derive(Deserialize)]
struct SealedResult {
    rule: String,
    framework: String,
    reference: String,
    /// Written on each result in full detail only; else the catalogue's.
    #[serde(default)]
    title: Option<String>,
    verdict: String,
    message: String,
}

#[derive(Deserialize)]
struct SealedEligibility {
    sensitivity: String,
    framework: String,
    verdict: String,
}

/// Whether `path` is a sealed record rather than a provider file.
pub fn is_record(path: &Path) -> bool {
    path.is_dir()
}

/// Reads the record in `dir`: its manifest, then the report it sealed. The manifest's
/// verdicts must agree with the report's: a record that contradicts itself is refused.
pub fn read(dir: &Path) -> Result<Record, DiffError> {
    let files = plain_files(dir)?;
    let manifest: Manifest = read_json(dir, MANIFEST)?;
    if manifest.format != SEAL_FORMAT {
        return Err(DiffError::SealFormat {
            record: dir.display().to_string(),
            found: manifest.format,
        });
    }
    let report: SealedReport = read_json(dir, REPORT)?;
    let mut providers = Vec::new();
    for entry in &manifest.providers {
        let sealed = report.reports.iter().find(|r| r.file == entry.name);
        let verdicts = match sealed {
            Some(file) => verdicts(dir, file, &report.rules)?,
            None => return Err(inconsistent(dir, &entry.name, "has no report")),
        };
        check_manifest_verdicts(dir, &manifest, &entry.name, &verdicts)?;
        providers.push(SealedProvider {
            name: entry.name.clone(),
            path: sealed_file(dir, &files, &entry.path)?,
            verdicts,
        });
    }
    let registries = manifest
        .entities
        .iter()
        .map(|e| sealed_file(dir, &files, &e.path))
        .collect::<Result<_, _>>()?;
    Ok(Record {
        providers,
        registries,
    })
}

fn verdicts(dir: &Path, file: &SealedFile, rules: &[SealedRule]) -> Result<Verdicts, DiffError> {
    let verdict = |text: &str| {
        parse_verdict(text).ok_or_else(|| inconsistent(dir, &file.file, "has an unknown verdict"))
    };
    let mut results = Vec::new();
    for r in &file.results {
        let title = match &r.title {
            Some(title) => title.clone(),
            None => rules
                .iter()
                .find(|rule| rule.id == r.rule)
                .map(|rule| rule.title.clone())
                .ok_or_else(|| inconsistent(dir, &file.file, "has a result of no known rule"))?,
        };
        results.push(RuleVerdict {
            rule: r.rule.clone(),
            framework: r.framework.clone(),
            reference: r.reference.clone(),
            title,
            verdict: verdict(&r.verdict)?,
            reason: r.message.clone(),
        });
    }
    let mut frameworks = Vec::new();
    for f in &file.frameworks {
        frameworks.push(FrameworkVerdict {
            framework: f.id.clone(),
            sensitivity: None,
            verdict: verdict(&f.verdict)?,
        });
    }
    for e in &file.eligibility {
        frameworks.push(FrameworkVerdict {
            framework: e.framework.clone(),
            sensitivity: Some(e.sensitivity.clone()),
            verdict: verdict(&e.verdict)?,
        });
    }
    Ok(Verdicts {
        results,
        frameworks,
    })
}

/// The manifest lists each rule's verdict; every one must be the report's.
fn check_manifest_verdicts(
    dir: &Path,
    manifest: &Manifest,
    name: &str,
    verdicts: &Verdicts,
) -> Result<(), DiffError> {
    let listed = manifest.verdicts.iter().filter(|v| v.file == name);
    for (rule, verdict) in listed.flat_map(|v| &v.results) {
        let reported = verdicts.results.iter().find(|r| &r.rule == rule);
        if reported.is_none_or(|r| r.verdict.name() != verdict) {
            let what = format!("has {rule}: {verdict} in {MANIFEST} but not in {REPORT}");
            return Err(inconsistent(dir, name, &what));
        }
    }
    Ok(())
}

/// A verdict as the JSON report writes it.
pub fn parse_verdict(text: &str) -> Option<Verdict> {
    [
        Verdict::Pass,
        Verdict::Fail,
        Verdict::Unknown,
        Verdict::NotApplicable,
        Verdict::Waived,
    ]
    .into_iter()
    .find(|v| v.name() == text)
}

/// `relative` inside the record; a path that could lead out of it is refused.
fn inside(dir: &Path, relative: &str) -> Result<PathBuf, DiffError> {
    let path = Path::new(relative);
    if relative.is_empty() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(DiffError::OutsideRecord {
            record: dir.display().to_string(),
            path: relative.to_string(),
        });
    }
    Ok(dir.join(path))
}

/// The regular files of the record, by `/`-separated relative path, under the rule
/// `verify` applies: a symbolic link (to a file or a folder, inside the record or
/// not) or a special file anywhere in it refuses the whole record before anything is
/// read, so that `diff` never reads outside the record nor blocks on a FIFO.
fn plain_files(dir: &Path) -> Result<BTreeSet<String>, DiffError> {
    crate::seal::inventory(dir).map_err(|e| {
        let (file, message) = match e {
            SealError::NotPlain { path, what } => (
                path.display().to_string(),
                format!(
                    "{what}; a sealed record holds only regular files and folders, and diff \
                     reads nothing outside it"
                ),
            ),
            other => (dir.display().to_string(), other.to_string()),
        };
        DiffError::from(InputErrors::single(
            file,
            Problem::new(Code::SealRecord, message),
        ))
    })
}

/// The file a manifest path names: inside the record, and one of its regular files.
fn sealed_file(dir: &Path, files: &BTreeSet<String>, relative: &str) -> Result<PathBuf, DiffError> {
    let path = inside(dir, relative)?;
    let key: Vec<String> = Path::new(relative)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if files.contains(&key.join("/")) {
        return Ok(path);
    }
    Err(DiffError::from(InputErrors::single(
        dir.display().to_string(),
        Problem::new(
            Code::SealRecord,
            format!(
                "the manifest names `{relative}`, which is not a regular file of the record \
                 (run `trustcheck verify`)"
            ),
        ),
    )))
}

fn inconsistent(dir: &Path, name: &str, what: &str) -> DiffError {
    DiffError::Inconsistent {
        record: dir.display().to_string(),
        detail: format!("{name} {what}"),
    }
}

/// Reads and parses a JSON file of the record; a malformed one is reported at its line
/// and column.
fn read_json<T: DeserializeOwned>(dir: &Path, relative: &str) -> Result<T, DiffError> {
    let path = dir.join(relative);
    let name = path.display().to_string();
    let unreadable = |message: String| {
        DiffError::from(InputErrors::single(
            &name,
            Problem::new(Code::Unreadable, message),
        ))
    };
    match std::fs::metadata(&path) {
        Ok(meta) if meta.len() > MAX_JSON_BYTES => {
            return Err(unreadable(format!(
                "{relative} is larger than {MAX_JSON_BYTES} bytes: not a sealed record"
            )));
        }
        Ok(_) => {}
        Err(e) if !dir.join(MANIFEST).exists() => {
            return Err(DiffError::NotARecord {
                path: dir.display().to_string(),
                reason: e.to_string(),
            });
        }
        Err(e) => return Err(unreadable(format!("cannot read {relative}: {e}"))),
    }
    // A record's file, within the limit of a record's files, never a FIFO.
    let text = crate::seal::read_file_text(&path)
        .map_err(|e| unreadable(format!("cannot read {relative}: {e}")))?;
    serde_json::from_str(&text).map_err(|e| {
        let problem = Problem::new(
            Code::InvalidValue,
            format!("{relative} is not a trustcheck record: {e}"),
        );
        let problem = match Span::from_line_column(&text, e.line(), e.column()) {
            Some(span) => problem.at(span, "here"),
            None => problem,
        };
        DiffError::from(InputErrors::new(&name, Some(text.clone()), vec![problem]))
    })
}
