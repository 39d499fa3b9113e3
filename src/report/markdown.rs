//! Markdown for a merge-request comment or a committee file: per file, the verdict of
//! each framework, the eligibility per sensitivity class, then every criterion that
//! fails, is unknown or is waived with its reason, evidence and reference, and what
//! became of each waiver.

use super::render::{
    Words, framework_label, lang, severity_word, status_words, verdict_mark, words,
};
use super::table::{legal_status, verdict_word};
use super::waived::{waiver_lines, waiver_sentence, warning_line};
use super::{EvidenceEntry, FileReport, Report, ResultEntry, procurement};
use crate::engine::Verdict;
use crate::lang::Lang;
use crate::safe_text::{markdown as escape, markdown_code as code};

/// The report as Markdown, in the report's language.
pub fn render(report: &Report) -> String {
    let mut out = begin(report);
    for file in &report.reports {
        out.push_str(&file_part(report, file));
    }
    out.push_str(&ending(report));
    out
}

/// The document's title and date, before any file.
pub fn begin(run: &Report) -> String {
    let words = words(lang(run));
    format!(
        "# {}\n\n{} {} · trustcheck {}\n",
        words.title,
        words.as_of,
        escape(&run.as_of),
        escape(&run.trustcheck_version)
    )
}

/// One file's section; `run` gives the language.
pub fn file_part(run: &Report, file: &FileReport) -> String {
    let lang = lang(run);
    let mut out = String::new();
    render_file(&mut out, file, words(lang), lang);
    out
}

/// What comes after the files: the run's waivers.
pub fn ending(run: &Report) -> String {
    let lang = lang(run);
    let words = words(lang);
    let mut out = String::new();
    let waivers = waiver_lines(run, lang);
    if !waivers.is_empty() {
        out.push_str(&format!("\n## {}\n\n", words.waivers));
        for line in waivers {
            out.push_str(&format!("- {}\n", escape(&line)));
        }
    }
    out
}

fn render_file(out: &mut String, file: &FileReport, words: &Words, lang: Lang) {
    let offer = file.offer.as_deref().unwrap_or("-");
    out.push_str(&format!(
        "\n## {} — {} ({})\n\n**{}: {}**\n\n",
        code(&file.file),
        escape(offer),
        escape(&file.provider_name),
        words.overall,
        verdict(file.verdict, lang)
    ));
    out.push_str(&format!(
        "| {} | {} | {} |\n| --- | --- | --- |\n",
        words.framework, words.verdict, words.legal_status
    ));
    for f in &file.frameworks {
        let unverified = f
            .unverified
            .as_ref()
            .map(|u| format!(" _{}:_ {}", words.unverified, escape(u)))
            .unwrap_or_default();
        out.push_str(&format!(
            "| {} | {} | {}: {}{unverified} |\n",
            escape(&framework_label(f)),
            verdict(f.verdict, lang),
            legal_status(f.legal_status, lang),
            escape(&f.legal_note)
        ));
    }
    render_procurement(out, file, lang);
    if !file.warnings.is_empty() {
        out.push_str(&format!("\n### {}\n\n", words.warnings));
    }
    for warning in &file.warnings {
        out.push_str(&format!("- ⚠ {}\n", escape(&warning_line(warning, lang))));
    }
    render_eligibility(out, file, words, lang);
    for f in &file.frameworks {
        out.push_str(&format!(
            "\n### {} — {}\n",
            escape(&f.title),
            words.to_review
        ));
        let to_review: Vec<&ResultEntry> = file
            .results
            .iter()
            .filter(|r| r.framework == f.id)
            .filter(|r| matches!(r.verdict, Verdict::Fail | Verdict::Unknown))
            .collect();
        if to_review.is_empty() {
            out.push_str(&format!("\n{}\n", words.nothing_to_review));
        }
        for result in to_review {
            render_result(out, result, &f.title, words, lang);
        }
        let waived: Vec<&ResultEntry> = file
            .results
            .iter()
            .filter(|r| r.framework == f.id && r.verdict == Verdict::Waived)
            .collect();
        if !waived.is_empty() {
            out.push_str(&format!("\n### {} — {}\n", escape(&f.title), words.waived));
        }
        for result in waived {
            render_result(out, result, &f.title, words, lang);
        }
    }
    for o in &file.overrides {
        out.push_str(&format!(
            "\n> {} {} {} {}\n",
            words.rule,
            code(&o.rule),
            words.replaced_by,
            code(&o.by)
        ));
    }
}

/// The procurement verdicts, each rationale in both languages, for a procurement file.
fn render_procurement(out: &mut String, file: &FileReport, lang: Lang) {
    if file.procurement.is_empty() {
        return;
    }
    out.push_str(&format!("\n### {}\n", procurement::title(lang)));
    for verdict in &file.procurement {
        out.push_str(&format!(
            "\n**{}: {}**\n\n",
            escape(&procurement::heading(verdict, lang)),
            procurement::decision_word(verdict.decision, lang)
        ));
        for (code, rationale) in procurement::rationales(verdict, lang) {
            out.push_str(&format!("- {code} — {}\n", escape(rationale)));
        }
    }
}

fn render_eligibility(out: &mut String, file: &FileReport, words: &Words, lang: Lang) {
    if file.eligibility.is_empty() {
        return;
    }
    out.push_str(&format!(
        "\n### {}\n\n| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n",
        words.eligibility, words.sensitivity, words.framework, words.verdict, words.decisive
    ));
    for e in &file.eligibility {
        let decisive: Vec<String> = e.decisive.iter().map(|d| code(d)).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            escape(&e.sensitivity),
            escape(&e.framework),
            verdict(e.verdict, lang),
            decisive.join(", ")
        ));
    }
}

fn render_result(
    out: &mut String,
    result: &ResultEntry,
    framework_title: &str,
    words: &Words,
    lang: Lang,
) {
    out.push_str(&format!(
        "\n#### {} · {} — {}\n\n{}\n",
        verdict(result.verdict, lang),
        escape(&result.rule),
        escape(&result.title),
        escape(&result.message)
    ));
    if let Some(waiver) = &result.waiver {
        out.push_str(&format!(
            "\n> ⚑ {}\n",
            escape(&waiver_sentence(waiver, lang))
        ));
    }
    if !result.evidence.is_empty() {
        out.push('\n');
    }
    for e in &result.evidence {
        out.push_str(&format!("- {}\n", evidence(e, words)));
    }
    out.push_str(&format!(
        "\n{}: {} §{} · {}: {} · {}: {}\n",
        words.reference,
        escape(framework_title),
        escape(&result.reference),
        words.severity,
        severity_word(result.severity, lang),
        words.legal_status,
        escape(&status_words(result, lang))
    ));
    if let Some(caveat) = &result.caveat {
        out.push_str(&format!("\n_{}:_ {}\n", words.caveat, escape(caveat)));
    }
    if let Some(unverified) = &result.unverified {
        out.push_str(&format!(
            "\n_{}:_ {}\n",
            words.unverified,
            escape(unverified)
        ));
    }
}

fn evidence(e: &EvidenceEntry, words: &Words) -> String {
    let actual = e.actual.as_deref().unwrap_or(words.missing);
    let mut line = format!(
        "{} — {}: {} {}; {} {}",
        escape(&e.finding),
        code(e.source.as_deref().unwrap_or(&e.path)),
        words.expected,
        escape(&e.expected),
        words.actual,
        escape(actual)
    );
    if let Some(location) = e.location {
        line.push_str(&format!(" ({} {})", words.line, location.line));
    }
    if let Some(note) = &e.note {
        line.push_str(&format!(" — {}", escape(note)));
    }
    if let Some(source) = &e.provenance {
        line.push_str(&format!(" — source: {}", escape(&source.summary)));
    }
    line
}

fn verdict(verdict: Verdict, lang: Lang) -> String {
    format!("{} {}", verdict_mark(verdict), verdict_word(verdict, lang))
}
