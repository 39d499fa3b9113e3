//! The JSON report: a stable, documented contract (see the README), written
//! whole ([`render`]) or a file at a time ([`JsonStream`], [`jsonl_line`]).
//!
//! The streamed document has the same bytes as the whole one: the run's header, each
//! file's report as soon as it is settled, then the rule catalogue and the waivers,
//! which are known only at the end.

use std::io::Write;

use serde::Serialize;

use super::{FileReport, Report};
use crate::engine::Verdict;

/// How much of each result the JSON formats write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Detail {
    /// Evidence only for the results that decide: failing, unknown and waived ones.
    #[default]
    Compact,
    /// Evidence for every result, passing and not applicable ones included.
    Full,
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

/// A file's report as `detail` writes it: in compact detail, passing and not
/// applicable results keep their verdict, message and reference but no evidence.
pub fn detailed(report: &FileReport, detail: Detail) -> std::borrow::Cow<'_, FileReport> {
    use std::borrow::Cow;
    let quiet = |v: Verdict| matches!(v, Verdict::Pass | Verdict::NotApplicable);
    if detail == Detail::Full
        || !report
            .results
            .iter()
            .any(|r| quiet(r.verdict) && !r.evidence.is_empty())
    {
        return Cow::Borrowed(report);
    }
    let mut compact = report.clone();
    for result in &mut compact.results {
        if quiet(result.verdict) {
            result.evidence = Vec::new();
        }
    }
    Cow::Owned(compact)
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
        let text = pretty(detailed(report, detail).as_ref())?;
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
        report: &'a FileReport,
    }
    let report = detailed(report, detail);
    let mut line = serde_json::to_string(&Line {
        trustcheck_version: &run.trustcheck_version,
        as_of: &run.as_of,
        lang: &run.lang,
        report: report.as_ref(),
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
fn write_indented(
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
