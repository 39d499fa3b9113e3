//! Verdicts compared: the sealed ones (manifest or JSON report) with the re-run's.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::REPORT_JSON;
use super::manifest::FileVerdicts;

/// A verdict the re-run does not give again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub file: String,
    /// The rule, or none for the file's overall verdict.
    pub rule: Option<String>,
    /// Where the sealed verdict is written: `manifest.json` or `reports/report.json`.
    pub sealed_in: String,
    /// The sealed verdict (`absent` when there is none).
    pub sealed: String,
    pub rerun: String,
}

/// Every verdict of `sealed` that `rerun` does not give again, and the reverse.
pub(super) fn compare(
    sealed: &[FileVerdicts],
    rerun: &[FileVerdicts],
    sealed_in: &str,
) -> Vec<Difference> {
    const ABSENT: &str = "absent";
    let mut out = Vec::new();
    let mut differ =
        |file: &str, rule: Option<&String>, sealed: Option<&str>, again: Option<&str>| {
            if sealed != again {
                out.push(Difference {
                    file: file.to_string(),
                    rule: rule.cloned(),
                    sealed_in: sealed_in.to_string(),
                    sealed: sealed.unwrap_or(ABSENT).to_string(),
                    rerun: again.unwrap_or(ABSENT).to_string(),
                });
            }
        };
    let files: BTreeSet<&str> = sealed
        .iter()
        .chain(rerun)
        .map(|f| f.file.as_str())
        .collect();
    for file in files {
        let one = sealed.iter().find(|f| f.file == file);
        let two = rerun.iter().find(|f| f.file == file);
        differ(
            file,
            None,
            one.map(|f| f.verdict.as_str()),
            two.map(|f| f.verdict.as_str()),
        );
        let rules: BTreeSet<&String> = one
            .into_iter()
            .chain(two)
            .flat_map(|f| f.results.keys())
            .collect();
        for rule in rules {
            let sealed_verdict = one.and_then(|f| f.results.get(rule)).map(String::as_str);
            let rerun_verdict = two.and_then(|f| f.results.get(rule)).map(String::as_str);
            differ(file, Some(rule), sealed_verdict, rerun_verdict);
        }
    }
    out
}

/// The verdicts `reports/report.json` gives.
pub(super) fn sealed_report(path: &Path) -> Result<Vec<FileVerdicts>, String> {
    #[derive(Deserialize)]
    struct Report {
        reports: Vec<File>,
    }
    #[derive(Deserialize)]
    struct File {
        file: String,
        verdict: String,
        results: Vec<Result>,
    }
    #[derive(Deserialize)]
    struct Result {
        rule: String,
        verdict: String,
    }
    let text =
        super::read_file_text(path).map_err(|e| format!("{REPORT_JSON}: cannot be read: {e}"))?;
    let report: Report = serde_json::from_str(&text)
        .map_err(|e| format!("{REPORT_JSON}: not a trustcheck JSON report: {e}"))?;
    Ok(report
        .reports
        .into_iter()
        .map(|f| FileVerdicts {
            file: f.file,
            verdict: f.verdict,
            results: f.results.into_iter().map(|r| (r.rule, r.verdict)).collect(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn file(name: &str, verdict: &str, results: &[(&str, &str)]) -> FileVerdicts {
        FileVerdicts {
            file: name.into(),
            verdict: verdict.into(),
            results: results
                .iter()
                .map(|(r, v)| (r.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    #[test]
    fn the_same_verdicts_give_no_difference() {
        let sealed = [file("a.yaml", "fail", &[("R1", "pass"), ("R2", "fail")])];
        assert!(compare(&sealed, &sealed, "manifest.json").is_empty());
    }

    #[test]
    fn every_changed_added_or_dropped_verdict_is_named() {
        let sealed = [
            file("a.yaml", "pass", &[("R1", "pass"), ("R2", "pass")]),
            file("gone.yaml", "pass", &[]),
        ];
        let again = [file("a.yaml", "fail", &[("R1", "fail"), ("R3", "pass")])];
        let found: Vec<String> = compare(&sealed, &again, "m")
            .iter()
            .map(|d| {
                let rule = d.rule.as_deref().unwrap_or("-");
                format!("{} {rule}: {} -> {}", d.file, d.sealed, d.rerun)
            })
            .collect();
        assert_eq!(
            found,
            [
                "a.yaml -: pass -> fail",
                "a.yaml R1: pass -> fail",
                "a.yaml R2: pass -> absent",
                "a.yaml R3: absent -> pass",
                "gone.yaml -: pass -> absent",
            ]
        );
    }

    #[test]
    fn a_json_report_gives_its_verdicts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        std::fs::write(
            &path,
            r#"{"reports":[{"file":"a.yaml","verdict":"fail","results":[{"rule":"R1","verdict":"fail"}]}]}"#,
        )
        .unwrap();
        assert_eq!(
            sealed_report(&path).unwrap(),
            [file("a.yaml", "fail", &[("R1", "fail")])]
        );
        std::fs::write(&path, "[]").unwrap();
        assert!(
            sealed_report(&path)
                .unwrap_err()
                .contains("not a trustcheck JSON report")
        );
    }
}
