//! `manifest.json`: what a sealed record holds, the options of the run, the
//! verdicts it gave and the SHA-256 of every file. Keys keep the order of the
//! shared layout, so the same run gives the same bytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, InputErrors, Problem, Span};

/// The format tag of the records this version writes and reads.
pub const FORMAT: &str = "trustcheck-seal/1";

/// The manifest of a sealed record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub trustcheck_version: String,
    /// The date certifications were judged and waivers applied at.
    pub as_of: String,
    pub options: Options,
    /// Version of the jurisdiction tables the run used.
    pub jurisdictions: String,
    pub providers: Vec<SealedInput>,
    pub entities: Vec<SealedInput>,
    pub waivers: Vec<SealedInput>,
    /// The rule packs, in load order.
    pub packs: Vec<SealedPack>,
    pub verdicts: Vec<FileVerdicts>,
    /// Every file of the record but the manifest and its signature, sorted by path.
    pub files: Vec<SealedFile>,
}

/// The options of the run that change what is reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// `--framework` values; empty for every framework.
    pub frameworks: Vec<String>,
    pub lang: String,
    /// `--valid-until`, when given.
    pub valid_until: Option<String>,
}

/// An input file: its name on the command line and its copy in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedInput {
    /// The path as given: reports name the file by it.
    pub name: String,
    /// The copy, relative to the record.
    pub path: String,
}

/// A rule pack in use and its folder in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedPack {
    pub id: String,
    pub version: String,
    /// The pack digest (`rules lock`), over its manifest and rule files.
    pub sha256: String,
    pub path: String,
}

/// The verdicts a file received: overall and per rule (after waivers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileVerdicts {
    pub file: String,
    pub verdict: String,
    /// Rule id → verdict.
    pub results: BTreeMap<String, String>,
}

/// One file of the record and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedFile {
    pub path: String,
    pub sha256: String,
}

impl Manifest {
    /// The manifest as written: pretty JSON ending in a newline. A manifest that
    /// cannot be serialised is an error: an empty one would seal nothing.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }

    /// Reads a manifest; a problem points at its line and column in `name`.
    pub fn parse(name: &str, text: &str) -> Result<Manifest, InputErrors> {
        let manifest: Manifest = serde_json::from_str(text).map_err(|e| {
            let mut problem = Problem::new(Code::SealRecord, headline(&e));
            if let Some(span) = Span::from_line_column(text, e.line(), e.column()) {
                problem = problem.at(span, "here");
            }
            InputErrors::new(name, Some(text.to_string()), vec![problem])
        })?;
        if manifest.format != FORMAT {
            let mut problem = Problem::new(
                Code::SealRecord,
                format!(
                    "unsupported record format `{}`; this trustcheck reads `{FORMAT}`",
                    manifest.format
                ),
            );
            let quoted = format!("\"{}\"", manifest.format);
            if let Some(offset) = text.find(&quoted) {
                problem = problem.at(Span::new(offset, quoted.len()), "this format");
            }
            return Err(InputErrors::new(
                name,
                Some(text.to_string()),
                vec![problem],
            ));
        }
        Ok(manifest)
    }
}

/// serde_json's message without its trailing "at line L column C": miette shows the
/// position.
fn headline(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(cut) => message.get(..cut).unwrap_or(&message).to_string(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        Manifest {
            format: FORMAT.into(),
            trustcheck_version: "0.1.0".into(),
            as_of: "2026-11-01".into(),
            options: Options {
                frameworks: vec![],
                lang: "en".into(),
                valid_until: None,
            },
            jurisdictions: "2026-01".into(),
            providers: vec![SealedInput {
                name: "examples/x.yaml".into(),
                path: "inputs/providers/01-x.yaml".into(),
            }],
            entities: vec![],
            waivers: vec![],
            packs: vec![],
            verdicts: vec![FileVerdicts {
                file: "examples/x.yaml".into(),
                verdict: "fail".into(),
                results: BTreeMap::from([("SNC-QUAL".into(), "fail".into())]),
            }],
            files: vec![],
        }
    }

    #[test]
    fn keys_keep_the_layout_order_and_read_back() {
        let text = sample().to_json().unwrap();
        let keys: Vec<usize> = [
            "\"format\"",
            "\"trustcheck_version\"",
            "\"as_of\"",
            "\"options\"",
            "\"jurisdictions\"",
            "\"providers\"",
            "\"entities\"",
            "\"waivers\"",
            "\"packs\"",
            "\"verdicts\"",
            "\"files\"",
        ]
        .iter()
        .map(|k| text.find(k).unwrap())
        .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert_eq!(Manifest::parse("m", &text).unwrap(), sample());
    }

    #[test]
    fn a_syntax_error_points_at_its_line_and_column() {
        let text = "{\n  \"format\": \"trustcheck-seal/1\",\n  \"as_of\": oops\n}\n";
        let errors = Manifest::parse("manifest.json", text).unwrap_err();
        let problem = &errors.problems[0];
        assert_eq!(problem.code, Code::SealRecord);
        assert_eq!(errors.position(problem), Some((3, 12)));
        assert!(!problem.message.contains("line 3"), "{}", problem.message);
    }

    #[test]
    fn another_format_is_refused_at_its_value() {
        let text = sample()
            .to_json()
            .unwrap()
            .replace(FORMAT, "trustcheck-seal/9");
        let errors = Manifest::parse("manifest.json", &text).unwrap_err();
        assert_eq!(errors.position(&errors.problems[0]), Some((2, 13)));
    }
}
