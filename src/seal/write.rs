//! `assess --seal DIR`: writes the record of a run. Inputs are copied byte for byte,
//! packs written out as folders, reports rendered as `--format json` and
//! `--format oscal` print them; the manifest comes last, so a record without one is
//! visibly incomplete.

use std::path::{Path, PathBuf};

use super::manifest::{self, FileVerdicts, Manifest, Options, SealedFile, SealedInput};
use super::packs::pack_folders;
use super::sign::SigningKey;
use super::{MANIFEST, REPORT_JSON, REPORT_OSCAL, SIGNATURE, SealError, refuse_non_empty};
use crate::jurisdiction::Jurisdictions;
use crate::report::{Report, json, oscal};
use crate::rules::RuleSet;

/// A provider document of the run: its name in reports and its bytes.
#[derive(Debug, Clone)]
pub struct ProviderCopy {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What a record is made of.
#[derive(Debug)]
pub struct SealRequest<'a> {
    pub providers: Vec<ProviderCopy>,
    /// `--entities` registries, in command-line order.
    pub entities: &'a [PathBuf],
    /// `--waivers` files, in command-line order.
    pub waivers: &'a [PathBuf],
    pub rules: &'a RuleSet,
    /// The report of the run, waivers applied.
    pub report: &'a Report,
    pub options: Options,
}

/// A record written to disk.
#[derive(Debug)]
pub struct Sealed {
    pub manifest: Manifest,
    /// Whether `manifest.json.sig` was written.
    pub signed: bool,
}

/// Writes the record into `dir` (created; refused when it exists and is not empty).
pub fn write(
    dir: &Path,
    request: &SealRequest<'_>,
    key: Option<&SigningKey>,
) -> Result<Sealed, SealError> {
    refuse_non_empty(dir)?;
    for provider in &request.providers {
        refuse_entities_from(provider)?;
    }
    let mut record = Record::default();
    let providers = request
        .providers
        .iter()
        .enumerate()
        .map(|(i, p)| record.input("providers", i, &p.name, p.bytes.clone()))
        .collect();
    let entities = record.copy_all("entities", request.entities)?;
    let waivers = record.copy_all("waivers", request.waivers)?;
    let mut packs = Vec::new();
    for (sealed, files) in pack_folders(&request.rules.packs)? {
        for file in files {
            record.add(format!("{}/{}", sealed.path, file.name), file.bytes);
        }
        packs.push(sealed);
    }
    record.add(
        REPORT_JSON.into(),
        json::try_render(request.report)
            .map_err(|source| SealError::Serialise {
                what: "JSON report",
                source,
            })?
            .into_bytes(),
    );
    let oscal = oscal::render(request.report, oscal::DEFAULT_OSCAL_VERSION);
    record.add(REPORT_OSCAL.into(), oscal.into_bytes());
    let files = record.write(dir)?;
    let manifest = Manifest {
        format: manifest::FORMAT.into(),
        trustcheck_version: env!("CARGO_PKG_VERSION").into(),
        as_of: request.report.as_of.clone(),
        options: request.options.clone(),
        jurisdictions: Jurisdictions::embedded().version.clone(),
        providers,
        entities,
        waivers,
        packs,
        verdicts: verdicts(request.report),
        files,
    };
    let text = manifest.to_json().map_err(|source| SealError::Serialise {
        what: "manifest",
        source,
    })?;
    write_file(&dir.join(MANIFEST), text.as_bytes())?;
    if let Some(key) = key {
        let signature = key.sign(text.as_bytes())?;
        write_file(&dir.join(SIGNATURE), signature.as_bytes())?;
    }
    Ok(Sealed {
        manifest,
        signed: key.is_some(),
    })
}

/// The verdicts of every file of the report, overall and per rule.
pub fn verdicts(report: &Report) -> Vec<FileVerdicts> {
    report
        .reports
        .iter()
        .map(|file| FileVerdicts {
            file: file.file.clone(),
            verdict: file.verdict.name().into(),
            results: file
                .results
                .iter()
                .map(|r| (r.rule.clone(), r.verdict.name().to_string()))
                .collect(),
        })
        .collect()
}

/// A provider file's `entities_from` paths are relative to where it lies: its copy
/// in the record could not find them again.
fn refuse_entities_from(provider: &ProviderCopy) -> Result<(), SealError> {
    let text = String::from_utf8_lossy(&provider.bytes);
    let uses = crate::yaml::parse(&text).is_ok_and(|root| root.get("entities_from").is_some());
    if uses {
        return Err(SealError::EntitiesFrom {
            file: provider.name.clone(),
        });
    }
    Ok(())
}

/// The files of a record, by path relative to it, before they are written.
#[derive(Default)]
struct Record {
    files: Vec<(String, Vec<u8>)>,
}

impl Record {
    fn add(&mut self, path: String, bytes: Vec<u8>) {
        self.files.push((path, bytes));
    }

    /// Adds an input as `inputs/<kind>/<NN>-<basename>`, NN counting from 01.
    fn input(&mut self, kind: &str, index: usize, name: &str, bytes: Vec<u8>) -> SealedInput {
        let base = Path::new(name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| name != "<stdin>" && !n.is_empty())
            .unwrap_or_else(|| "stdin.yaml".into());
        let path = format!("inputs/{kind}/{:02}-{base}", index + 1);
        self.add(path.clone(), bytes);
        SealedInput {
            name: name.to_string(),
            path,
        }
    }

    fn copy_all(&mut self, kind: &str, paths: &[PathBuf]) -> Result<Vec<SealedInput>, SealError> {
        paths
            .iter()
            .enumerate()
            .map(|(i, path)| {
                let bytes = super::read_file(path)?;
                Ok(self.input(kind, i, &path.display().to_string(), bytes))
            })
            .collect()
    }

    /// Writes every file under `dir`; returns their digests, sorted by path.
    fn write(self, dir: &Path) -> Result<Vec<SealedFile>, SealError> {
        let mut digests = Vec::with_capacity(self.files.len());
        for (path, bytes) in self.files {
            write_file(&dir.join(&path), &bytes)?;
            digests.push(SealedFile {
                sha256: super::sha256_hex(&bytes),
                path,
            });
        }
        digests.sort();
        Ok(digests)
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), SealError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| SealError::io(parent, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| SealError::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_numbered_in_order_and_keep_their_base_name() {
        let mut record = Record::default();
        let first = record.input("providers", 0, "examples/a.yaml", vec![]);
        let second = record.input("providers", 1, "<stdin>", vec![]);
        assert_eq!(first.path, "inputs/providers/01-a.yaml");
        assert_eq!(first.name, "examples/a.yaml");
        assert_eq!(second.path, "inputs/providers/02-stdin.yaml");
    }

    #[test]
    fn providers_that_read_entities_from_elsewhere_are_refused() {
        let copy = ProviderCopy {
            name: "p.yaml".into(),
            bytes: b"entities_from: [../shared.yaml]\n".to_vec(),
        };
        assert!(matches!(
            refuse_entities_from(&copy),
            Err(SealError::EntitiesFrom { .. })
        ));
    }
}
