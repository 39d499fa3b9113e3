//! GitLab Code Quality JSON: an issue per failing, unknown or waived criterion (a
//! waived one at severity info), shown inline in merge-request diffs. Procurement
//! verdicts are left out: Code Quality holds defects at a line, and a verdict on a
//! whole offer is neither; GitLab would count it as a new defect in every merge
//! request. The JUnit report (read by GitLab too) carries them as properties.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::json::write_indented;
use super::render::{decisive_path, finding, fingerprint, lang, relative_path, status_words};
use super::waived::waiver_sentence;
use super::{FileReport, Report, ResultEntry};
use crate::engine::Verdict;
use crate::lang::Lang;
use crate::rules::Severity;
use crate::safe_text::json_text;

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation,
}

#[derive(Serialize)]
struct IssueLocation {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The report as a Code Quality array; paths are made relative to `working_dir`.
pub fn render(report: &Report, working_dir: &Path) -> String {
    let mut stream = GitlabStream::default();
    let mut out = Vec::new();
    let written = report
        .reports
        .iter()
        .try_for_each(|file| stream.file(&mut out, report, file, working_dir))
        .and_then(|()| stream.finish(&mut out));
    match written {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        // Issues hold only strings and numbers and a Vec does not fail to grow.
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// The Code Quality array written a file at a time: [`GitlabStream::file`] for each
/// report in order (`run` gives the language), then [`GitlabStream::finish`].
#[derive(Debug, Default)]
pub struct GitlabStream {
    issues: usize,
}

impl GitlabStream {
    /// Writes one file's issues.
    pub fn file(
        &mut self,
        out: &mut dyn Write,
        run: &Report,
        file: &FileReport,
        working_dir: &Path,
    ) -> std::io::Result<()> {
        let lang = lang(run);
        let path = relative_path(&file.file, working_dir);
        for issue in file
            .results
            .iter()
            .filter_map(|r| issue(file, r, &path, lang))
        {
            out.write_all(if self.issues == 0 { b"[\n" } else { b",\n" })?;
            self.issues += 1;
            let text = serde_json::to_string_pretty(&issue).map_err(std::io::Error::other)?;
            write_indented(out, &text, "  ", true)?;
        }
        Ok(())
    }

    /// Closes the array (`[]` when no file had an issue).
    pub fn finish(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(if self.issues == 0 { b"[]\n" } else { b"\n]\n" })
    }
}

fn issue(file: &FileReport, result: &ResultEntry, path: &str, lang: Lang) -> Option<Issue> {
    let severity = match result.verdict {
        // Below `--enforce`: shown, never blocking.
        Verdict::Fail | Verdict::Unknown if !result.enforced => "info",
        Verdict::Fail => fail_severity(result.severity),
        Verdict::Unknown => unknown_severity(result.severity),
        // Accepted for a time: shown, but never blocking.
        Verdict::Waived => "info",
        Verdict::Pass | Verdict::NotApplicable => return None,
    };
    let waiver = result
        .waiver
        .as_ref()
        .map(|w| format!(" {}", waiver_sentence(w, lang)))
        .unwrap_or_default();
    Some(Issue {
        description: json_text(&format!(
            "{}: {} ({}){waiver}",
            result.rule,
            finding(result),
            status_words(result, lang)
        )),
        check_name: result.rule.clone(),
        // The file is part of it: GitLab merges issues with the same fingerprint, and
        // two files may describe the same provider.
        fingerprint: fingerprint(&[&result.rule, decisive_path(result), &file.provider, path]),
        severity,
        location: IssueLocation {
            path: path.to_string(),
            lines: Lines {
                begin: result.location.map_or(1, |l| l.line),
            },
        },
    })
}

fn fail_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "critical",
        Severity::High => "major",
        Severity::Medium => "minor",
        Severity::Low => "info",
    }
}

/// An unknown result is one level below a failure of the same rule: nothing is
/// known to be wrong yet, but compliance is not established either.
fn unknown_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "major",
        Severity::High => "minor",
        Severity::Medium | Severity::Low => "info",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_is_one_level_below_fail() {
        assert_eq!(fail_severity(Severity::Critical), "critical");
        assert_eq!(unknown_severity(Severity::Critical), "major");
        assert_eq!(fail_severity(Severity::High), "major");
        assert_eq!(unknown_severity(Severity::High), "minor");
        assert_eq!(unknown_severity(Severity::Low), "info");
    }
}
