//! Rule cases: provider files or fragments with the verdicts rules must give on
//! them. `trustcheck rules test` runs them, and so does the test suite for the
//! shipped packs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;

use crate::assess::{AssessOptions, assess};
use crate::diagnostics::{Code, InputErrors, Problem};
use crate::engine::Verdict;
use crate::lang::Lang;
use crate::provider;
use crate::rules::RuleSet;
use crate::rules::pack::parse;

/// The assessment date of a case that does not give one.
pub const DEFAULT_AS_OF: Date = Date::constant(2026, 11, 1);

/// A case file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// The rule the cases are about, unless a case says otherwise.
    #[serde(default)]
    pub rule: Option<String>,
    /// A provider file the patches apply to.
    #[serde(default)]
    pub base: Option<String>,
    pub cases: Vec<Case>,
}

/// One case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    #[serde(default)]
    pub rule: Option<String>,
    /// Deep-merged onto the base: maps merge, lists and scalars replace, null removes.
    #[serde(default)]
    pub patch: Option<serde_json::Value>,
    /// A complete provider document, instead of base + patch.
    #[serde(default)]
    pub provider: Option<serde_json::Value>,
    #[serde(default)]
    pub as_of: Option<String>,
    pub expect: Expectation,
}

/// The verdict expected of the case's rule, or of several rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Expectation {
    One(VerdictName),
    Many(BTreeMap<String, VerdictName>),
}

/// A verdict as written in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictName {
    Pass,
    Fail,
    Unknown,
    NotApplicable,
}

impl From<VerdictName> for Verdict {
    fn from(v: VerdictName) -> Verdict {
        match v {
            VerdictName::Pass => Verdict::Pass,
            VerdictName::Fail => Verdict::Fail,
            VerdictName::Unknown => Verdict::Unknown,
            VerdictName::NotApplicable => Verdict::NotApplicable,
        }
    }
}

/// What one expectation gave.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseOutcome {
    pub file: String,
    pub case: String,
    pub rule: String,
    pub expected: Verdict,
    /// `None` when the rule is not in force or the provider did not load.
    pub actual: Option<Verdict>,
    /// The rule's message and findings, or why the case could not run.
    pub detail: String,
}

impl CaseOutcome {
    pub fn passed(&self) -> bool {
        self.actual == Some(self.expected)
    }
}

/// Every `*.yaml` case file under `dir`, sorted.
pub fn case_files(dir: &Path) -> Result<Vec<PathBuf>, InputErrors> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current).map_err(|e| unreadable(&current, &e))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| unreadable(&path, &e))?;
            if kind.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Runs the cases of one file.
pub fn run_file(path: &Path, rules: &RuleSet) -> Result<Vec<CaseOutcome>, InputErrors> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| unreadable(path, &e))?;
    let file: CaseFile = parse(&name, &text)?;
    let base = match &file.base {
        Some(base) => Some(read_base(base, path)?),
        None => None,
    };
    let mut outcomes = Vec::new();
    for case in &file.cases {
        let expectations: Vec<(String, Verdict)> =
            match (&case.expect, case.rule.as_ref().or(file.rule.as_ref())) {
                (Expectation::One(v), Some(rule)) => vec![(rule.clone(), (*v).into())],
                (Expectation::One(_), None) => {
                    return Err(case_error(
                        &name,
                        &text,
                        &format!(
                            "case `{}` names no rule: add `rule:` to the case or the file",
                            case.name
                        ),
                    ));
                }
                (Expectation::Many(map), _) => {
                    map.iter().map(|(r, v)| (r.clone(), (*v).into())).collect()
                }
            };
        let document = match (&case.provider, &base, &case.patch) {
            (Some(provider), _, _) => provider.clone(),
            (None, Some(base), patch) => merged(base.clone(), patch.clone().unwrap_or_default()),
            (None, None, _) => {
                return Err(case_error(
                    &name,
                    &text,
                    &format!(
                        "case `{}` has neither `provider` nor a file `base`",
                        case.name
                    ),
                ));
            }
        };
        let as_of = match &case.as_of {
            Some(date) => date.parse().map_err(|_| {
                case_error(
                    &name,
                    &text,
                    &format!("case `{}`: `{date}` is not a date (YYYY-MM-DD)", case.name),
                )
            })?,
            None => DEFAULT_AS_OF,
        };
        outcomes.extend(run_case(&name, case, &document, as_of, rules, expectations));
    }
    Ok(outcomes)
}

fn run_case(
    file: &str,
    case: &Case,
    document: &serde_json::Value,
    as_of: Date,
    rules: &RuleSet,
    expectations: Vec<(String, Verdict)>,
) -> Vec<CaseOutcome> {
    let label = format!("{file} › {}", case.name);
    let text = serde_json::to_string_pretty(document).unwrap_or_default();
    let report = provider::load_str(&label, &text).map(|loaded| {
        let options = AssessOptions {
            as_of,
            frameworks: Vec::new(),
            lang: Lang::En,
        };
        assess(&loaded, rules, &options)
    });
    expectations
        .into_iter()
        .map(|(rule, expected)| {
            let (actual, detail) = match &report {
                Err(errors) => (
                    None,
                    format!(
                        "the provider does not load: {}",
                        errors
                            .problems
                            .iter()
                            .map(|p| p.message.clone())
                            .collect::<Vec<_>>()
                            .join("; ")
                    ),
                ),
                Ok(report) => match report.results.iter().find(|r| r.rule == rule) {
                    None => (None, format!("rule {rule} is not in force")),
                    Some(result) => {
                        let findings: Vec<&str> =
                            result.evidence.iter().map(|e| e.finding.as_str()).collect();
                        (
                            Some(result.verdict),
                            format!("{} {}", result.message, findings.join("; ")),
                        )
                    }
                },
            };
            CaseOutcome {
                file: file.to_string(),
                case: case.name.clone(),
                rule,
                expected,
                actual,
                detail,
            }
        })
        .collect()
}

/// Reads the base provider file (relative to the working directory, else to the
/// case file's folder) as JSON.
fn read_base(base: &str, case_file: &Path) -> Result<serde_json::Value, InputErrors> {
    let candidates = [
        PathBuf::from(base),
        case_file.parent().unwrap_or(Path::new(".")).join(base),
    ];
    let path = candidates
        .iter()
        .find(|p| p.is_file())
        .unwrap_or(&candidates[0]);
    let text = std::fs::read_to_string(path).map_err(|e| unreadable(path, &e))?;
    let root = crate::yaml::parse(&text).map_err(|e| {
        let mut problem = Problem::new(Code::YamlSyntax, e.message);
        if let Some(span) = e.span {
            problem = problem.at(span, "here");
        }
        InputErrors::new(
            path.display().to_string(),
            Some(text.clone()),
            vec![problem],
        )
    })?;
    Ok(root.to_json())
}

/// Deep merge: maps merge key by key, `null` removes a key, anything else replaces.
pub fn merged(mut base: serde_json::Value, patch: serde_json::Value) -> serde_json::Value {
    match (&mut base, patch) {
        (serde_json::Value::Object(target), serde_json::Value::Object(patch)) => {
            for (key, value) in patch {
                if value.is_null() {
                    target.remove(&key);
                } else {
                    let current = target.remove(&key).unwrap_or(serde_json::Value::Null);
                    target.insert(key, merged(current, value));
                }
            }
            base
        }
        (_, patch) => patch,
    }
}

fn unreadable(path: &Path, error: &std::io::Error) -> InputErrors {
    InputErrors::single(
        path.display().to_string(),
        Problem::new(Code::Unreadable, format!("cannot read: {error}")),
    )
}

fn case_error(name: &str, text: &str, message: &str) -> InputErrors {
    InputErrors::new(
        name,
        Some(text.to_string()),
        vec![Problem::new(Code::RulePack, message)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patches_merge_maps_and_replace_the_rest() {
        let base = json!({"a": {"b": 1, "c": [1, 2]}, "d": 1});
        let patch = json!({"a": {"c": [3], "e": true}, "d": null});
        assert_eq!(
            merged(base, patch),
            json!({"a": {"b": 1, "c": [3], "e": true}})
        );
    }
}
