//! Output formats and files: `--format` for standard output, `--output FORMAT=PATH`
//! for files, written atomically (a temporary file renamed into place).

use super::Result;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use clap::ValueEnum;

use super::assess::same_file;
use super::inputs::Input;
use crate::lang::Lang;
use crate::report::table::{self, TableStyle};
use crate::report::{Report, csv, github, gitlab, html, json, junit, markdown, oscal, sarif};

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables grouped by framework (terminal).
    Table,
    /// The documented JSON contract.
    Json,
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

/// A `FORMAT=PATH` pair.
#[derive(Debug, Clone)]
pub struct OutputTarget {
    pub format: Format,
    pub path: PathBuf,
}

impl FromStr for OutputTarget {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (format, path) = s
            .split_once('=')
            .ok_or_else(|| format!("`{s}` is not FORMAT=PATH (e.g. json=report.json)"))?;
        let format = Format::from_str(format, true).map_err(|_| {
            let known: Vec<String> = Format::value_variants()
                .iter()
                .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
                .collect();
            format!(
                "unknown format `{format}`; known formats: {}",
                known.join(", ")
            )
        })?;
        if path.is_empty() {
            return Err("the PATH of FORMAT=PATH is empty".into());
        }
        Ok(OutputTarget {
            format,
            path: PathBuf::from(path),
        })
    }
}

/// Renders the report in one format. Paths in CI formats are made relative to the
/// working directory.
pub fn render(report: &Report, format: Format, style: TableStyle, lang: Lang) -> String {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match format {
        Format::Table => table::render(report, style, lang),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report, &cwd),
        Format::Junit => junit::render(report, &cwd),
        Format::Markdown => markdown::render(report),
        Format::Html => html::render(report),
        Format::Oscal => oscal::render(report, oscal::DEFAULT_OSCAL_VERSION),
        Format::Github => github::render(report, &cwd),
        Format::GithubSummary => github::step_summary(report),
        Format::Gitlab => gitlab::render(report, &cwd),
        Format::Csv => csv::render(report),
    }
}

/// Refuses an output path that is one of the inputs: a report must never replace
/// the provider file it assesses.
pub fn refuse_overwriting_inputs(targets: &[OutputTarget], inputs: &[Input]) -> Result<()> {
    for target in targets {
        for input in inputs {
            if let Input::File(path) = input
                && same_file(&target.path, path)
            {
                bail!(
                    "refusing to write the {:?} report over the input {}",
                    target.format,
                    path.display()
                );
            }
        }
    }
    Ok(())
}

/// Writes `text` to `path` through a temporary file in the same folder, so that a
/// reader never sees a half-written report.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| failure!("cannot write in {}: {e}", dir.display()))?;
    file.write_all(text.as_bytes())?;
    file.persist(path)
        .map_err(|e| failure!("cannot write {}: {e}", path.display()))?;
    Ok(())
}
