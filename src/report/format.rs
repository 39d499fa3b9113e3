//! The report formats, and the rendering of a whole run in one of them. Formats that
//! stream are written a file at a time by the pipeline's sinks
//! ([`crate::pipeline::sink::for_format`]); this renders the run at once.

use std::path::PathBuf;

use clap::ValueEnum;

use super::table::{self, TableStyle};
use super::{Report, csv, github, gitlab, html, json, junit, markdown, oscal, sarif};
use crate::lang::Lang;

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables grouped by framework (terminal).
    Table,
    /// The documented JSON contract.
    Json,
    /// One JSON object per line and per file, written as each file is assessed.
    Jsonl,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// JUnit XML for GitLab and Jenkins.
    Junit,
    /// Markdown for a merge-request comment or a committee file.
    Markdown,
    /// One self-contained HTML file.
    Html,
    /// OSCAL assessment-results JSON.
    Oscal,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitHub step summary (markdown for $GITHUB_STEP_SUMMARY).
    GithubSummary,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// One row per file and rule.
    Csv,
}

/// Renders the report in one format. Paths in CI formats are made relative to the
/// working directory.
/// A JSON report that cannot be serialised is an error, never a stand-in document.
pub fn render(
    report: &Report,
    format: Format,
    style: TableStyle,
    lang: Lang,
) -> Result<String, serde_json::Error> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    Ok(match format {
        Format::Table => table::render(report, style, lang),
        Format::Json => json::try_render(report)?,
        Format::Jsonl => {
            let mut text = String::new();
            for file in &report.reports {
                let line = json::jsonl_line(report, file, json::Detail::Compact)
                    .map_err(serde_json::Error::io)?;
                text.push_str(&line);
            }
            text
        }
        Format::Sarif => sarif::render(report, &cwd),
        Format::Junit => junit::render(report, &cwd),
        Format::Markdown => markdown::render(report),
        Format::Html => html::render(report),
        Format::Oscal => oscal::render(report, oscal::DEFAULT_OSCAL_VERSION),
        Format::Github => github::render(report, &cwd),
        Format::GithubSummary => github::step_summary(report),
        Format::Gitlab => gitlab::render(report, &cwd),
        Format::Csv => csv::render(report),
    })
}
