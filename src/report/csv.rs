//! CSV for auditors' spreadsheets: one row per (file, rule), RFC 4180 quoting and CRLF
//! line ends. Columns: file, provider, framework, rule, reference, severity, verdict,
//! message (a waived result's starts with its waiver), evidence, line, legal_status
//! (`binding`, `doctrine`, `policy`, `referential`), enforced (`true` unless the
//! status is below `--enforce`), unverified (what the rule cites unread). New columns
//! are only ever added at the end. Procurement
//! verdicts are not results and would not fit these columns: the JSON, Markdown and
//! HTML reports carry them.

use super::render::{lang, severity_name};
use super::waived::waiver_sentence;
use super::{EvidenceEntry, FileReport, Report};
use crate::safe_text::csv_field;

const HEADER: [&str; 13] = [
    "file",
    "provider",
    "framework",
    "rule",
    "reference",
    "severity",
    "verdict",
    "message",
    "evidence",
    "line",
    "legal_status",
    "enforced",
    "unverified",
];

/// The report as CSV with a header row.
pub fn render(report: &Report) -> String {
    let mut out = header();
    for file in &report.reports {
        out.push_str(&file_rows(report, file));
    }
    out
}

/// The header row: what a streamed CSV starts with.
pub fn header() -> String {
    row(&HEADER.map(String::from))
}

/// The rows of one file of `run` (whose language the waiver sentences use): a CSV is
/// streamed as its header, then these rows file after file.
pub fn file_rows(run: &Report, file: &FileReport) -> String {
    let lang = lang(run);
    let mut out = String::new();
    for result in &file.results {
        let evidence: Vec<String> = result.evidence.iter().map(evidence).collect();
        // The columns stay the same: a waiver is told before the message.
        let message = match &result.waiver {
            Some(waiver) => format!("{} {}", waiver_sentence(waiver, lang), result.message),
            None => result.message.clone(),
        };
        out.push_str(&row(&[
            file.file.clone(),
            file.provider.clone(),
            result.framework.clone(),
            result.rule.clone(),
            result.reference.clone(),
            severity_name(result.severity).to_string(),
            result.verdict.name().to_string(),
            message,
            evidence.join(" | "),
            result
                .location
                .map(|l| l.line.to_string())
                .unwrap_or_default(),
            result.legal_status.name().to_string(),
            result.enforced.to_string(),
            result.unverified.clone().unwrap_or_default(),
        ]));
    }
    out
}

fn evidence(e: &EvidenceEntry) -> String {
    let source = e
        .provenance
        .as_ref()
        .map(|s| format!("; source {}", s.summary))
        .unwrap_or_default();
    format!(
        "{} [{}: expected {}; actual {}{source}]",
        e.finding,
        e.source.as_deref().unwrap_or(&e.path),
        e.expected,
        e.actual.as_deref().unwrap_or("(missing)")
    )
}

fn row(fields: &[String]) -> String {
    let cells: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    format!("{}\r\n", cells.join(","))
}
