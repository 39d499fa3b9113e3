//! The diff as text: terminal tables, markdown (a merge-request comment) or JSON.
//! Every format shows the same things in the same order: per provider, the changed
//! facts by category, the flipped criteria, the framework verdicts that changed; then
//! the unpaired providers and the regression count.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::words::{Words, category_title, change_word};
use super::{Category, Diff, FactChange, FactSide, FrameworkFlip, ProviderDiff};
use crate::engine::Verdict;
use crate::lang::Lang;
use crate::report::table::verdict_word;
use crate::safe_text::{markdown as escape, markdown_code, terminal};

/// The diff as pretty JSON, with a final newline.
pub fn json(diff: &Diff) -> String {
    let mut text = serde_json::to_string_pretty(diff)
        // The model holds only strings, numbers and enums: serialisation cannot fail.
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// The diff as terminal tables `width` characters wide.
pub fn table(diff: &Diff, width: u16, lang: Lang) -> String {
    let words = Words::of(lang);
    let mut out = String::new();
    for provider in &diff.providers {
        out.push_str(&format!(
            "{} {}\n{} {}\n",
            words.old, provider.old_file, words.new, provider.new_file
        ));
        if provider.is_unchanged() {
            out.push_str(&format!("{}\n\n", words.unchanged));
            continue;
        }
        for (category, changes) in by_category(provider) {
            let mut table = new_table(width, &words.fact_header);
            for change in changes {
                table.add_row(vec![
                    change_word(change.change, lang).to_string(),
                    change.fact.clone(),
                    line_cell(change.old.as_ref(), &words),
                    line_cell(change.new.as_ref(), &words),
                ]);
            }
            out.push_str(&format!("\n{}\n{table}\n", category_title(category, lang)));
        }
        if !provider.criteria.is_empty() {
            let mut table = new_table(width, &words.rule_header);
            for flip in &provider.criteria {
                table.add_row(vec![
                    flip.rule.clone(),
                    flip.framework.clone(),
                    flip_words(flip.old, flip.new, lang),
                    flip.reason.clone(),
                ]);
            }
            out.push_str(&format!(
                "\n{} ({})\n{table}\n",
                words.criteria,
                provider.criteria.len()
            ));
        }
        if !provider.frameworks.is_empty() {
            out.push_str(&format!("\n{}:\n", words.frameworks));
            framework_lines(
                &mut out,
                &provider.frameworks,
                "  ",
                &words,
                lang,
                str::to_string,
            );
        }
        out.push('\n');
    }
    unpaired(&mut out, diff, "", &words, str::to_string);
    out.push_str(&regression_line(diff, &words));
    // No colour is drawn: the whole text can be made safe for a terminal at once.
    terminal(&out)
}

/// The diff as markdown.
pub fn markdown(diff: &Diff, lang: Lang) -> String {
    let words = Words::of(lang);
    let mut out = String::new();
    for provider in &diff.providers {
        out.push_str(&format!(
            "## {} → {}\n\n",
            markdown_code(&provider.old_file),
            markdown_code(&provider.new_file)
        ));
        if provider.is_unchanged() {
            out.push_str(&format!("{}\n\n", words.unchanged));
            continue;
        }
        for (category, changes) in by_category(provider) {
            out.push_str(&format!("### {}\n\n", category_title(category, lang)));
            out.push_str(&markdown_header(&words.fact_header));
            for change in changes {
                out.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    change_word(change.change, lang),
                    markdown_code(&change.fact),
                    cell(&side_cell(change.old.as_ref())),
                    cell(&side_cell(change.new.as_ref())),
                ));
            }
            out.push('\n');
        }
        if !provider.criteria.is_empty() {
            out.push_str(&format!(
                "### {} ({})\n\n",
                words.criteria,
                provider.criteria.len()
            ));
            out.push_str(&markdown_header(&words.rule_header));
            for flip in &provider.criteria {
                out.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    markdown_code(&flip.rule),
                    escape(&flip.framework),
                    flip_words(flip.old, flip.new, lang),
                    cell(&flip.reason),
                ));
            }
            out.push('\n');
        }
        if !provider.frameworks.is_empty() {
            out.push_str(&format!("### {}\n\n", words.frameworks));
            framework_lines(&mut out, &provider.frameworks, "- ", &words, lang, escape);
            out.push('\n');
        }
    }
    unpaired(&mut out, diff, "- ", &words, escape);
    out.push_str(&format!("**{}**", regression_line(diff, &words).trim_end()));
    out.push('\n');
    out
}

/// The changed facts of each category, in category order.
fn by_category(provider: &ProviderDiff) -> Vec<(Category, Vec<&FactChange>)> {
    let mut groups: Vec<(Category, Vec<&FactChange>)> = Vec::new();
    for change in &provider.facts {
        match groups.last_mut() {
            Some((category, list)) if *category == change.category => list.push(change),
            _ => groups.push((change.category, vec![change])),
        }
    }
    groups
}

fn framework_lines(
    out: &mut String,
    flips: &[FrameworkFlip],
    bullet: &str,
    words: &Words,
    lang: Lang,
    esc: fn(&str) -> String,
) {
    for flip in flips {
        let class = flip
            .sensitivity
            .as_deref()
            .map(|s| format!(" ({} {})", words.class, esc(s)))
            .unwrap_or_default();
        out.push_str(&format!(
            "{bullet}{}{class}: {}\n",
            esc(&flip.framework),
            flip_words(flip.old, flip.new, lang)
        ));
    }
}

fn unpaired(out: &mut String, diff: &Diff, bullet: &str, words: &Words, esc: fn(&str) -> String) {
    for (label, names, input) in [
        (words.only_in, &diff.only_in_old, &diff.old),
        (words.only_in, &diff.only_in_new, &diff.new),
    ] {
        for name in names {
            out.push_str(&format!("{bullet}{label} {}: {}\n", esc(input), esc(name)));
        }
    }
    if !diff.only_in_old.is_empty() || !diff.only_in_new.is_empty() {
        out.push('\n');
    }
}

fn regression_line(diff: &Diff, words: &Words) -> String {
    match diff.regressions {
        0 => format!("{}\n", words.no_regression),
        1 => format!("1 {}\n", words.regressions.0),
        n => format!("{n} {}\n", words.regressions.1),
    }
}

fn new_table(width: u16, header: &[&str; 4]) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .force_no_tty()
        .set_header(header.to_vec());
    table
}

fn markdown_header(header: &[&str; 4]) -> String {
    format!("| {} |\n|---|---|---|---|\n", header.join(" | "))
}

/// A markdown table cell: no line breaks, no stray column separators, no markup.
fn cell(text: &str) -> String {
    escape(text)
}

/// A value and the file and line that state it, or a dash for a side where the fact
/// is absent.
fn side_cell(side: Option<&FactSide>) -> String {
    match side {
        None => "—".to_string(),
        Some(FactSide { value, at: None }) => value.clone(),
        Some(FactSide {
            value,
            at: Some(at),
        }) => format!("{value} ({}:{})", at.file, at.line),
    }
}

/// A value and its line, for a table column whose file the heading names.
fn line_cell(side: Option<&FactSide>, words: &Words) -> String {
    match side {
        None => "—".to_string(),
        Some(FactSide { value, at: None }) => value.clone(),
        Some(FactSide {
            value,
            at: Some(at),
        }) => format!("{value}\n({} {})", words.line, at.line),
    }
}

fn flip_words(old: Option<Verdict>, new: Option<Verdict>, lang: Lang) -> String {
    let word = |v: Option<Verdict>| v.map_or("—", |v| verdict_word(v, lang));
    format!("{} → {}", word(old), word(new))
}
