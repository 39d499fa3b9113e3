//! JUnit XML as GitLab and Jenkins read it: one test suite per (file, framework), one
//! test case per criterion. A failing criterion is a `failure`, an unknown one an
//! `error` (not evaluated), a criterion that does not apply or is waived is `skipped`
//! (a waived one with `waived: …` and the waiver in its message; a failing or unknown
//! one below `--enforce` with `not enforced: …`, so that it does not fail the build).
//! Each test case's properties give its legal status and whether it is enforced.
//!
//! GitLab shows `classname` as the suite and drops test cases whose name repeats, so
//! names carry the rule, its title and the provider. Times are zero and the only
//! timestamp is the report date: the output depends on the report alone.
//!
//! The document streams: its start ([`begin`]), each file's suites as the file is
//! settled ([`file_suites`]), its [`END`]. The totals are on each suite only.

use std::path::Path;

use super::render::{lang, legal_status_name, relative_path, section};
use super::waived::waiver_sentence;
use super::{FileReport, FrameworkSummary, Report, ResultEntry};
use crate::engine::Verdict;
use crate::lang::Lang;
use crate::safe_text::markup as escape_markup;

/// Counts of one group of test cases.
#[derive(Default, Clone, Copy)]
struct Tally {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

impl Tally {
    /// Counts a result; `enforced` is false below `--enforce`.
    fn add(&mut self, verdict: Verdict, enforced: bool) {
        self.tests += 1;
        match verdict {
            Verdict::Fail | Verdict::Unknown if !enforced => self.skipped += 1,
            Verdict::Fail => self.failures += 1,
            Verdict::Unknown => self.errors += 1,
            Verdict::NotApplicable | Verdict::Waived => self.skipped += 1,
            Verdict::Pass => {}
        }
    }

    fn attributes(&self) -> String {
        format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\"",
            self.tests, self.failures, self.errors, self.skipped
        )
    }
}

/// The report as a JUnit XML document; file paths are made relative to `working_dir`.
pub fn render(report: &Report, working_dir: &Path) -> String {
    let mut text = begin(report);
    for file in &report.reports {
        text.push_str(&file_suites(report, file, working_dir));
    }
    text.push_str(END);
    text
}

/// The document's start, up to its first suite. `<testsuites>` carries no totals
/// (they are optional in the JUnit schemas, and each suite has its own), so that the
/// suites can be written as each file is settled.
pub fn begin(run: &Report) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"trustcheck\" \
         timestamp=\"{}\">\n",
        attr(&timestamp(run))
    )
}

/// The document's end, after the last suite.
pub const END: &str = "</testsuites>\n";

/// One file's suites, one per framework; `run` gives the date, version and language.
pub fn file_suites(run: &Report, file: &FileReport, working_dir: &Path) -> String {
    let timestamp = timestamp(run);
    let lang = lang(run);
    let path = relative_path(&file.file, working_dir);
    let mut suites = String::new();
    for framework in &file.frameworks {
        let results: Vec<&ResultEntry> = file
            .results
            .iter()
            .filter(|r| r.framework == framework.id)
            .collect();
        let mut tally = Tally::default();
        results
            .iter()
            .for_each(|r| tally.add(r.verdict, r.enforced));
        suites.push_str(&format!(
            "  <testsuite name=\"{}\" {} timestamp=\"{}\" file=\"{}\">\n",
            attr(&format!("{} ({path})", framework.title)),
            tally.attributes(),
            attr(&timestamp),
            attr(&path)
        ));
        suites.push_str(&properties(run, file, framework));
        for result in results {
            suites.push_str(&testcase(file, framework, result, &path, lang));
        }
        suites.push_str("  </testsuite>\n");
    }
    suites
}

/// The report date as a JUnit timestamp.
fn timestamp(run: &Report) -> String {
    if run.as_of.contains('T') {
        run.as_of.clone()
    } else {
        format!("{}T00:00:00", run.as_of)
    }
}

fn properties(report: &Report, file: &FileReport, framework: &FrameworkSummary) -> String {
    let entries = [
        ("trustcheck.version", report.trustcheck_version.as_str()),
        ("as_of", report.as_of.as_str()),
        ("provider", file.provider.as_str()),
        ("framework", framework.id.as_str()),
        ("framework.version", framework.version.as_str()),
        ("legal_status", legal_status_name(framework.legal_status)),
        ("legal_note", framework.legal_note.as_str()),
    ];
    let mut out = String::from("    <properties>\n");
    for (name, value) in entries {
        out.push_str(&format!(
            "      <property name=\"{name}\" value=\"{}\"/>\n",
            attr(value)
        ));
    }
    out.push_str(&procurement_properties(file, framework));
    out.push_str("    </properties>\n");
    out
}

/// The framework's procurement verdicts as properties: `procurement.decision`, …,
/// or `procurement[CLASS].decision`, … for each sensitivity class.
fn procurement_properties(file: &FileReport, framework: &FrameworkSummary) -> String {
    let mut out = String::new();
    for verdict in file
        .procurement
        .iter()
        .filter(|v| v.framework == framework.id)
    {
        let prefix = match (&verdict.workload, &verdict.sensitivity) {
            (None, Some(class)) => format!("procurement[{class}]"),
            _ => "procurement".to_string(),
        };
        let entries = [
            ("decision", verdict.decision.name().to_string()),
            ("rationale.en", verdict.rationale.en.clone()),
            ("rationale.fr", verdict.rationale.fr.clone()),
            ("decisive", verdict.decisive.join(" ")),
        ];
        for (name, value) in entries {
            out.push_str(&format!(
                "      <property name=\"{}\" value=\"{}\"/>\n",
                attr(&format!("{prefix}.{name}")),
                attr(&value)
            ));
        }
    }
    out
}

fn testcase(
    file: &FileReport,
    framework: &FrameworkSummary,
    result: &ResultEntry,
    path: &str,
    lang: Lang,
) -> String {
    let classname = format!("{}.{}", framework.id, section(&result.reference));
    let name = format!(
        "{} {} [provider={}]",
        result.rule, result.title, file.provider
    );
    let line = result
        .location
        .map(|l| format!(" line=\"{}\"", l.line))
        .unwrap_or_default();
    let open = format!(
        "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"{line} time=\"0\"",
        attr(&classname),
        attr(&name),
        attr(path)
    );
    let properties = testcase_properties(result);
    let (element, kind) = match result.verdict {
        Verdict::Pass => return format!("{open}>\n{properties}    </testcase>\n"),
        // Reported, but below `--enforce`: it must not fail the build.
        Verdict::Fail | Verdict::Unknown if !result.enforced => ("skipped", ""),
        Verdict::Fail => ("failure", " type=\"not-satisfied\""),
        Verdict::Unknown => ("error", " type=\"not-evaluated\""),
        // An accepted risk is not a pass: it stays visible as a skipped test.
        Verdict::NotApplicable | Verdict::Waived => ("skipped", ""),
    };
    let message = match &result.waiver {
        Some(waiver) => format!("waived: {}", waiver_sentence(waiver, lang)),
        None if !result.enforced && matches!(result.verdict, Verdict::Fail | Verdict::Unknown) => {
            format!(
                "not enforced ({}): {}",
                result.verdict.name(),
                result.message
            )
        }
        None => result.message.clone(),
    };
    format!(
        "{open}>\n{properties}      <{element} message=\"{}\"{kind}>{}</{element}>\n    </testcase>\n",
        attr(&message),
        escape_markup(&body(result, &framework.title), false)
    )
}

/// The result's legal status, whether it is enforced, and what it cites unread, as
/// test-case properties (JUnit 5 and GitLab read them).
fn testcase_properties(result: &ResultEntry) -> String {
    let mut entries = vec![
        (
            "legal_status",
            legal_status_name(result.legal_status).to_string(),
        ),
        ("enforced", result.enforced.to_string()),
    ];
    if let Some(unverified) = &result.unverified {
        entries.push(("unverified", unverified.clone()));
    }
    let mut out = String::from("      <properties>\n");
    for (name, value) in entries {
        out.push_str(&format!(
            "        <property name=\"{name}\" value=\"{}\"/>\n",
            attr(&value)
        ));
    }
    out.push_str("      </properties>\n");
    out
}

/// What a CI page shows under the test case: each decisive fact, then the reference.
fn body(result: &ResultEntry, framework_title: &str) -> String {
    let mut body = String::new();
    for e in &result.evidence {
        body.push_str(&format!(
            "path: {}\n",
            e.source.as_deref().unwrap_or(&e.path)
        ));
        body.push_str(&format!("expected: {}\n", e.expected));
        body.push_str(&format!(
            "actual: {}\n",
            e.actual.as_deref().unwrap_or("(missing)")
        ));
        body.push_str(&format!("finding: {}\n", e.finding));
        if let Some(source) = &e.provenance {
            body.push_str(&format!("source: {}\n", source.summary));
        }
        if let Some(location) = e.location {
            body.push_str(&format!("line: {}\n", location.line));
        }
        body.push('\n');
    }
    body.push_str(&format!("ref: {framework_title} §{}", result.reference));
    if let Some(caveat) = &result.caveat {
        body.push_str(&format!("\ncaveat: {caveat}"));
    }
    body
}

fn attr(value: &str) -> String {
    escape_markup(value, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_count_each_verdict_once() {
        let mut tally = Tally::default();
        for v in [
            Verdict::Pass,
            Verdict::Fail,
            Verdict::Unknown,
            Verdict::NotApplicable,
            Verdict::Waived,
        ] {
            tally.add(v, true);
        }
        assert_eq!(
            tally.attributes(),
            "tests=\"5\" failures=\"1\" errors=\"1\" skipped=\"2\" time=\"0\""
        );
        // Below `--enforce`, a failure or an unknown is skipped: it must not fail a build.
        tally.add(Verdict::Fail, false);
        tally.add(Verdict::Unknown, false);
        tally.add(Verdict::Pass, false);
        assert_eq!(
            tally.attributes(),
            "tests=\"8\" failures=\"1\" errors=\"1\" skipped=\"4\" time=\"0\""
        );
    }
}
