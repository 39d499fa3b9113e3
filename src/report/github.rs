//! GitHub Actions workflow commands: an `::error` annotation per failing criterion,
//! a `::warning` per unknown one, a `::notice` per waived one, on the line of the decisive fact,
//! a `::notice` per procurement verdict on the provider file; and a Markdown
//! summary for `$GITHUB_STEP_SUMMARY`, which shows everything (GitHub shows at most
//! ten annotations of each kind per step).

use std::path::Path;

use super::render::{finding, lang, relative_path, status_words};
use super::waived::waiver_sentence;
use super::{FileReport, ProcurementVerdict, Report, ResultEntry, procurement};
use crate::engine::Verdict;
use crate::lang::Lang;
use crate::safe_text::{github_data as data, github_property as property};

/// One workflow command per failing or unknown criterion; file paths are made
/// relative to `working_dir` (the repository root in a workflow).
pub fn render(report: &Report, working_dir: &Path) -> String {
    let mut out = String::new();
    for file in &report.reports {
        out.push_str(&file_commands(report, file, working_dir));
    }
    out
}

/// The commands of one file of `run`: the format is streamed file after file.
pub fn file_commands(run: &Report, file: &FileReport, working_dir: &Path) -> String {
    let mut out = String::new();
    let lang = lang(run);
    let path = relative_path(&file.file, working_dir);
    for result in &file.results {
        if let Some(command) = command(file, result, &path, lang) {
            out.push_str(&command);
            out.push('\n');
        }
    }
    for verdict in &file.procurement {
        out.push_str(&procurement_notice(verdict, &path, lang));
        out.push('\n');
    }
    out
}

/// The Markdown summary of the whole report, for `$GITHUB_STEP_SUMMARY`.
pub fn step_summary(report: &Report) -> String {
    super::markdown::render(report)
}

fn command(file: &FileReport, result: &ResultEntry, path: &str, lang: Lang) -> Option<String> {
    let kind = match result.verdict {
        // Below `--enforce`: shown, without failing the check run.
        Verdict::Fail | Verdict::Unknown if !result.enforced => "notice",
        Verdict::Fail => "error",
        Verdict::Unknown => "warning",
        // Accepted, not compliant: still shown, without failing the check run.
        Verdict::Waived => "notice",
        Verdict::Pass | Verdict::NotApplicable => return None,
    };
    let mut properties = vec![format!("file={}", property(path))];
    if let Some(l) = result.location {
        properties.push(format!("line={}", l.line));
        properties.push(format!("col={}", l.column));
        properties.push(format!("endLine={}", l.end_line));
        properties.push(format!("endColumn={}", l.end_column));
    }
    properties.push(format!("title={}", property(&result.rule)));
    let mut message = format!(
        "{} ({} §{}, {}, provider {})",
        finding(result),
        result.framework,
        result.reference,
        status_words(result, lang),
        file.provider
    );
    if let Some(waiver) = &result.waiver {
        message = format!("{} {message}", waiver_sentence(waiver, lang));
    }
    Some(format!(
        "::{kind} {}::{}",
        properties.join(","),
        data(&message)
    ))
}

/// A procurement verdict as a notice on the provider file: its title says the
/// decision, its message is the rationale in the report's language.
fn procurement_notice(verdict: &ProcurementVerdict, path: &str, lang: Lang) -> String {
    let title = format!(
        "{}: {}",
        procurement::heading(verdict, lang),
        procurement::decision_word(verdict.decision, lang)
    );
    format!(
        "::notice file={},title={}::{}",
        property(path),
        property(&title),
        data(verdict.rationale.get(lang))
    )
}
