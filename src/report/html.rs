//! One self-contained HTML file an auditor can open or print: inline CSS, no script,
//! no external asset. Verdicts carry a word and a symbol, so they read in grey print.
//! The markup is also well-formed XML, so any XML parser can check it.

use super::render::{
    Words, framework_label, lang, severity_word, status_words, verdict_mark, words,
};
use super::table::{legal_status, verdict_word};
use super::waived::{waiver_lines, waiver_sentence, warning_line};
use super::{EvidenceEntry, FileReport, FrameworkSummary, Report, ResultEntry, procurement};
use crate::engine::Verdict;
use crate::lang::Lang;

const STYLE: &str = "
body { font-family: system-ui, sans-serif; color: #111; margin: 2rem; line-height: 1.4; }
h1 { margin-bottom: 0; }
.meta { color: #444; margin-top: 0.2rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #777; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
.verdict { font-weight: bold; white-space: nowrap; }
.v-fail { background: #fbdada; }
.v-fail .verdict { border-left: 0.4rem solid #111; padding-left: 0.3rem; }
.v-unknown { background: #fff1c9; }
.v-unknown .verdict { border-left: 0.4rem dashed #111; padding-left: 0.3rem; }
.v-pass { background: #ddf1dd; }
.v-not_applicable { color: #555; font-style: italic; }
.evidence { margin: 0.3rem 0; padding-left: 1.2rem; }
.caveat { font-style: italic; }
.decision { white-space: nowrap; }
code { font-family: ui-monospace, monospace; font-size: 0.9em; }
footer { margin-top: 2rem; color: #444; font-size: 0.9em; }
@media print {
  body { margin: 0; }
  section.file + section.file { break-before: page; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .v-fail, .v-unknown, .v-pass { background: none; }
}
";

/// The report as one HTML page, in the report's language.
pub fn render(report: &Report) -> String {
    let mut out = begin(report);
    for file in &report.reports {
        out.push_str(&file_part(report, file));
    }
    out.push_str(&ending(report));
    out
}

/// The document's head and title, before any file.
pub fn begin(run: &Report) -> String {
    let lang = lang(run);
    let words = words(lang);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n\
         <p class=\"meta\">{} {} · trustcheck {}</p>\n</header>\n<main>\n",
        match lang {
            Lang::En => "en",
            Lang::Fr => "fr",
        },
        words.title,
        words.title,
        words.as_of,
        text(&run.as_of),
        text(&run.trustcheck_version)
    )
}

/// One file's section; `run` gives the language.
pub fn file_part(run: &Report, file: &FileReport) -> String {
    let lang = lang(run);
    let mut out = String::new();
    render_file(&mut out, file, words(lang), lang);
    out
}

/// What comes after the files: the run's waivers, and the document's end.
pub fn ending(run: &Report) -> String {
    let lang = lang(run);
    let words = words(lang);
    let mut out = String::new();
    let waivers = waiver_lines(run, lang);
    if !waivers.is_empty() {
        out.push_str(&format!(
            "<section class=\"waivers\">\n<h2>{}</h2>\n<ul>\n",
            words.waivers
        ));
        for line in waivers {
            out.push_str(&format!("<li>{}</li>\n", text(&line)));
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn render_file(out: &mut String, file: &FileReport, words: &Words, lang: Lang) {
    out.push_str(&format!(
        "<section class=\"file\">\n<h2><code>{}</code> — {} ({})</h2>\n\
         <p class=\"overall {}\">{}: {}</p>\n",
        text(&file.file),
        text(file.offer.as_deref().unwrap_or("-")),
        text(&file.provider_name),
        class(file.verdict),
        words.overall,
        verdict(file.verdict, lang)
    ));
    out.push_str(&format!(
        "<table class=\"summary\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        words.framework, words.verdict, words.legal_status
    ));
    for f in &file.frameworks {
        out.push_str(&format!(
            "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            class(f.verdict),
            text(&framework_label(f)),
            verdict(f.verdict, lang),
            legal(f, lang)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    render_procurement(out, file, lang);
    if !file.warnings.is_empty() {
        out.push_str(&format!(
            "<h3>{}</h3>\n<ul class=\"warnings\">\n",
            words.warnings
        ));
        for warning in &file.warnings {
            out.push_str(&format!(
                "<li>⚠ {}</li>\n",
                text(&warning_line(warning, lang))
            ));
        }
        out.push_str("</ul>\n");
    }
    render_eligibility(out, file, words, lang);
    for f in &file.frameworks {
        render_framework(out, file, f, words, lang);
    }
    for o in &file.overrides {
        out.push_str(&format!(
            "<p class=\"override\">{} <code>{}</code> {} <code>{}</code></p>\n",
            words.rule,
            text(&o.rule),
            words.replaced_by,
            text(&o.by)
        ));
    }
    out.push_str("</section>\n");
}

/// The procurement verdicts, each rationale in both languages (marked as such).
fn render_procurement(out: &mut String, file: &FileReport, lang: Lang) {
    if file.procurement.is_empty() {
        return;
    }
    out.push_str(&format!(
        "<section class=\"procurement\">\n<h3>{}</h3>\n",
        procurement::title(lang)
    ));
    for verdict in &file.procurement {
        out.push_str(&format!(
            "<h4>{}: <span class=\"decision\">{}</span></h4>\n",
            text(&procurement::heading(verdict, lang)),
            procurement::decision_word(verdict.decision, lang)
        ));
        for (code, rationale) in procurement::rationales(verdict, lang) {
            out.push_str(&format!(
                "<p lang=\"{}\" class=\"rationale\">{}</p>\n",
                code.to_ascii_lowercase(),
                text(rationale)
            ));
        }
    }
    out.push_str("</section>\n");
}

fn render_eligibility(out: &mut String, file: &FileReport, words: &Words, lang: Lang) {
    if file.eligibility.is_empty() {
        return;
    }
    out.push_str(&format!(
        "<h3>{}</h3>\n<table class=\"eligibility\">\n<thead><tr><th>{}</th><th>{}</th>\
         <th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        text(words.eligibility),
        words.sensitivity,
        words.framework,
        words.verdict,
        words.decisive
    ));
    for e in &file.eligibility {
        out.push_str(&format!(
            "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            class(e.verdict),
            text(&e.sensitivity),
            text(&e.framework),
            verdict(e.verdict, lang),
            text(&e.decisive.join(", "))
        ));
    }
    out.push_str("</tbody>\n</table>\n");
}

fn render_framework(
    out: &mut String,
    file: &FileReport,
    framework: &FrameworkSummary,
    words: &Words,
    lang: Lang,
) {
    out.push_str(&format!(
        "<section class=\"framework\">\n<h3>{}</h3>\n<p class=\"legal\">{}</p>\n\
         <table class=\"results\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>\
         <th>{}</th></tr></thead>\n<tbody>\n",
        text(&framework.title),
        legal(framework, lang),
        words.verdict,
        words.rule,
        words.reference,
        words.severity,
        words.finding
    ));
    for result in file.results.iter().filter(|r| r.framework == framework.id) {
        render_result(out, result, framework, words, lang);
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn render_result(
    out: &mut String,
    result: &ResultEntry,
    framework: &FrameworkSummary,
    words: &Words,
    lang: Lang,
) {
    let mut reference = format!("§{}", text(&result.reference));
    // A rule may be of another legal kind than its framework: say so where it applies.
    // Or not enforced (`--enforce`), or citing a text not read.
    // (what the framework's note already says is not repeated on every row).
    let own_unverified = result.unverified.is_some() && result.unverified != framework.unverified;
    if result.legal_status != framework.legal_status || !result.enforced || own_unverified {
        reference.push_str(&format!("<br/>({})", text(&status_words(result, lang))));
    }
    out.push_str(&format!(
        "<tr class=\"{}\"{}><td>{}</td><td><code>{}</code><br/>{}</td><td>{}</td><td>{}</td>\
         <td><p>{}</p>",
        class(result.verdict),
        // Inline, so that reports without waivers keep the same style sheet.
        if result.waiver.is_some() {
            " style=\"background: #e3ecf7\""
        } else {
            ""
        },
        verdict(result.verdict, lang),
        text(&result.rule),
        text(&result.title),
        reference,
        severity_word(result.severity, lang),
        text(&result.message)
    ));
    if let Some(waiver) = &result.waiver {
        out.push_str(&format!(
            "<p class=\"waiver\"><strong>⚑</strong> {}</p>",
            text(&waiver_sentence(waiver, lang))
        ));
    }
    if !result.evidence.is_empty() {
        out.push_str("<ul class=\"evidence\">");
        for e in &result.evidence {
            out.push_str(&format!("<li>{}</li>", evidence(e, words)));
        }
        out.push_str("</ul>");
    }
    if let Some(caveat) = &result.caveat {
        out.push_str(&format!(
            "<p class=\"caveat\"><strong>{}:</strong> {}</p>",
            words.caveat,
            text(caveat)
        ));
    }
    if let Some(unverified) = result.unverified.as_ref().filter(|_| own_unverified) {
        out.push_str(&format!(
            "<p class=\"caveat\"><strong>{}:</strong> {}</p>",
            words.unverified,
            text(unverified)
        ));
    }
    out.push_str("</td></tr>\n");
}

fn evidence(e: &EvidenceEntry, words: &Words) -> String {
    let mut item = format!(
        "{} — <code>{}</code>: {} {}; {} {}",
        text(&e.finding),
        text(e.source.as_deref().unwrap_or(&e.path)),
        words.expected,
        text(&e.expected),
        words.actual,
        text(e.actual.as_deref().unwrap_or(words.missing))
    );
    if let Some(location) = e.location {
        item.push_str(&format!(" ({} {})", words.line, location.line));
    }
    if let Some(note) = &e.note {
        item.push_str(&format!(" — {}", text(note)));
    }
    if let Some(source) = &e.provenance {
        item.push_str(&format!(
            " — <span class=\"source\">source: {}</span>",
            text(&source.summary)
        ));
    }
    item
}

fn legal(framework: &FrameworkSummary, lang: Lang) -> String {
    let mut out = format!(
        "<strong>{}</strong>: {}",
        legal_status(framework.legal_status, lang),
        text(&framework.legal_note)
    );
    if let Some(unverified) = &framework.unverified {
        out.push_str(&format!(
            " <em>{}: {}</em>",
            words(lang).unverified,
            text(unverified)
        ));
    }
    out
}

fn verdict(verdict: Verdict, lang: Lang) -> String {
    format!(
        "<span class=\"verdict\"><span aria-hidden=\"true\">{}</span> {}</span>",
        verdict_mark(verdict),
        verdict_word(verdict, lang)
    )
}

fn class(verdict: Verdict) -> String {
    format!("v-{}", verdict.name())
}

fn text(value: &str) -> String {
    crate::safe_text::markup(value, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_carry_a_word_and_a_symbol() {
        let fail = verdict(Verdict::Fail, Lang::En);
        assert!(fail.contains('✘') && fail.contains("FAIL"));
        let unknown = verdict(Verdict::Unknown, Lang::Fr);
        assert!(unknown.contains('?') && unknown.contains("INDÉTERMINÉ"));
    }

    #[test]
    fn the_style_cannot_break_the_markup() {
        assert!(!STYLE.contains(['<', '&']));
    }
}
