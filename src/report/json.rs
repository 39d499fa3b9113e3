//! The JSON report: a stable, documented contract (see the README), written
//! whole ([`render`]) or a file at a time ([`JsonStream`], [`jsonl_line`]).
//!
//! The streamed document has the same bytes as the whole one: the run's header, each
//! file's report as soon as it is settled, then the rule catalogue and the waivers,
//! which are known only at the end.

use std::io::Write;

use serde::Serialize;

use super::{
    DeclaredWorkload, Eligibility, EvidenceEntry, FileReport, FrameworkSummary, Location,
    OverrideEntry, ProcurementVerdict, Report, ResultEntry, ResultWaiver, Warning,
};
use crate::engine::Verdict;
use crate::provenance::TooWeak;
use crate::rules::LegalStatus;

/// How much of each result the JSON formats write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Detail {
    /// Each result keeps what is its own: rule id, framework, reference, verdict,
    /// message, legal status, whether it is enforced, what of its text is unverified,
    /// its waiver; and, only where it decides (failing, unknown and waived results),
    /// its evidence, location and `too_weak`. The rule's description (title,
    /// severity, confidence, caveat) is left to the run's `rules` catalogue.
    #[default]
    Compact,
    /// Every field of every result, the evidence of passing and not applicable
    /// results included.
    Full,
}

/// Whether a verdict decides: its evidence is what a reader must check.
fn decides(verdict: Verdict) -> bool {
    matches!(verdict, Verdict::Fail | Verdict::Unknown | Verdict::Waived)
}

/// A file's report as the compact detail writes it: the fields of [`FileReport`] in
/// the same order, its results as [`CompactResult`].
#[derive(Serialize)]
struct CompactFile<'a> {
    file: &'a str,
    provider: &'a str,
    provider_name: &'a str,
    offer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    workload: Option<&'a DeclaredWorkload>,
    verdict: Verdict,
    frameworks: &'a [FrameworkSummary],
    results: Vec<CompactResult<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    eligibility: &'a [Eligibility],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    overrides: &'a [OverrideEntry],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    warnings: &'a [Warning],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    procurement: &'a [ProcurementVerdict],
}

/// One result in compact detail (see [`Detail::Compact`]).
#[derive(Serialize)]
struct CompactResult<'a> {
    rule: &'a str,
    framework: &'a str,
    reference: &'a str,
    verdict: Verdict,
    message: &'a str,
    evidence: &'a [EvidenceEntry],
    legal_status: LegalStatus,
    enforced: bool,
    /// A claim's limit travels with its verdict, even without the catalogue.
    #[serde(skip_serializing_if = "Option::is_none")]
    unverified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    too_weak: Option<&'a TooWeak>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiver: Option<&'a ResultWaiver>,
}

impl<'a> CompactFile<'a> {
    fn new(report: &'a FileReport) -> Self {
        CompactFile {
            file: &report.file,
            provider: &report.provider,
            provider_name: &report.provider_name,
            offer: report.offer.as_deref(),
            workload: report.workload.as_ref(),
            verdict: report.verdict,
            frameworks: &report.frameworks,
            results: report.results.iter().map(CompactResult::new).collect(),
            eligibility: &report.eligibility,
            overrides: &report.overrides,
            warnings: &report.warnings,
            procurement: &report.procurement,
        }
    }
}

impl<'a> CompactResult<'a> {
    fn new(result: &'a ResultEntry) -> Self {
        let decides = decides(result.verdict);
        CompactResult {
            rule: &result.rule,
            framework: &result.framework,
            reference: &result.reference,
            verdict: result.verdict,
            message: &result.message,
            evidence: if decides { &result.evidence } else { &[] },
            legal_status: result.legal_status,
            enforced: result.enforced,
            unverified: result.unverified.as_deref(),
            location: result.location.as_ref().filter(|_| decides),
            too_weak: result.too_weak.as_ref().filter(|_| decides),
            waiver: result.waiver.as_ref(),
        }
    }
}

/// A file's report as `detail` writes it.
#[derive(Serialize)]
#[serde(untagged)]
enum View<'a> {
    Full(&'a FileReport),
    Compact(CompactFile<'a>),
}

fn view(report: &FileReport, detail: Detail) -> View<'_> {
    match detail {
        Detail::Full => View::Full(report),
        Detail::Compact => View::Compact(CompactFile::new(report)),
    }
}

/// The report as pretty-printed JSON, with a final newline.
pub fn render(report: &Report) -> String {
    try_render(report).unwrap_or_else(|e| {
        // The model holds only strings, numbers and enums: serialisation cannot fail.
        format!("{{\"error\": \"{e}\"}}\n")
    })
}

/// The report as [`render`] writes it, or the serialisation error: files (`--output`,
/// a sealed record) are written from this, so that a failure is an error and never a
/// document that reads as a report.
pub fn try_render(report: &Report) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(report)?;
    text.push('\n');
    Ok(text)
}

/// The JSON document written as the run goes: [`JsonStream::begin`] with the run
/// (its reports not yet known), [`JsonStream::file`] for each report in order, then
/// [`JsonStream::finish`] with the run's catalogue and waivers.
#[derive(Debug, Default)]
pub struct JsonStream {
    files: usize,
}

impl JsonStream {
    /// Writes the header: version, date and language, and opens the reports.
    pub fn begin(&mut self, out: &mut dyn Write, run: &Report) -> std::io::Result<()> {
        write!(
            out,
            "{{\n  \"trustcheck_version\": {},\n  \"as_of\": {},\n  \"lang\": {},\n  \"reports\": [",
            string(&run.trustcheck_version)?,
            string(&run.as_of)?,
            string(&run.lang)?
        )
    }

    /// Writes one file's report.
    pub fn file(
        &mut self,
        out: &mut dyn Write,
        report: &FileReport,
        detail: Detail,
    ) -> std::io::Result<()> {
        out.write_all(if self.files == 0 { b"\n" } else { b",\n" })?;
        self.files += 1;
        let text = pretty(&view(report, detail))?;
        write_indented(out, &text, "    ", true)
    }

    /// Closes the reports and writes the rule catalogue and the waivers.
    pub fn finish(&mut self, out: &mut dyn Write, run: &Report) -> std::io::Result<()> {
        out.write_all(if self.files == 0 { b"]" } else { b"\n  ]" })?;
        out.write_all(b",\n  \"rules\": ")?;
        write_indented(out, &pretty(&run.rules)?, "  ", false)?;
        if !run.waivers.is_empty() {
            out.write_all(b",\n  \"waivers\": ")?;
            write_indented(out, &pretty(&run.waivers)?, "  ", false)?;
        }
        out.write_all(b"\n}\n")
    }
}

/// One line of the `jsonl` format: the run's version, date and language, and one
/// file's report, as a single-line JSON object.
pub fn jsonl_line(run: &Report, report: &FileReport, detail: Detail) -> std::io::Result<String> {
    #[derive(Serialize)]
    struct Line<'a> {
        trustcheck_version: &'a str,
        as_of: &'a str,
        lang: &'a str,
        report: View<'a>,
    }
    let mut line = serde_json::to_string(&Line {
        trustcheck_version: &run.trustcheck_version,
        as_of: &run.as_of,
        lang: &run.lang,
        report: view(report, detail),
    })
    .map_err(std::io::Error::other)?;
    line.push('\n');
    Ok(line)
}

fn string(text: &str) -> std::io::Result<String> {
    serde_json::to_string(text).map_err(std::io::Error::other)
}

fn pretty(value: &impl Serialize) -> std::io::Result<String> {
    serde_json::to_string_pretty(value).map_err(std::io::Error::other)
}

/// Writes `text` with every line indented (the first too when `first`): JSON strings
/// hold no raw line break, so this nests a pretty document exactly as serde would.
pub(crate) fn write_indented(
    out: &mut dyn Write,
    text: &str,
    indent: &str,
    first: bool,
) -> std::io::Result<()> {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        if i > 0 || first {
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
