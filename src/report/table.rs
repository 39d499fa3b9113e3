//! The terminal table: results grouped by framework, then each framework's verdict.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ContentArrangement, Table};

use super::{FileReport, FrameworkSummary, Report, ResultEntry, procurement};
use crate::engine::Verdict;
use crate::lang::Lang;
use crate::rules::LegalStatus;
use crate::safe_text::{terminal, terminal_line};

/// How the table is drawn.
#[derive(Debug, Clone, Copy)]
pub struct TableStyle {
    /// Colour verdicts (only on a terminal, and never with NO_COLOR).
    pub color: bool,
    /// Total width in characters.
    pub width: u16,
    /// Most evidence lines shown per result.
    pub evidence_lines: usize,
}

/// The whole report as text tables.
pub fn render(report: &Report, style: TableStyle, lang: Lang) -> String {
    let mut out = String::new();
    let mut rows = Vec::new();
    for file in &report.reports {
        out.push_str(&file_part(file, style, lang));
        rows.push(MatrixRow::of(file));
    }
    out.push_str(&ending(report, &rows, style, lang));
    out
}

/// One file's tables: the table is streamed as these, file after file, then
/// [`ending`] from the small [`MatrixRow`] kept of each file.
pub fn file_part(file: &FileReport, style: TableStyle, lang: Lang) -> String {
    let mut out = String::new();
    render_file(&mut out, file, style, lang);
    out
}

/// What the matrix of offers needs of a file: its names and framework verdicts.
#[derive(Debug, Clone)]
pub struct MatrixRow {
    offer: String,
    file: String,
    /// Id, title and verdict of each framework.
    frameworks: Vec<(String, String, Verdict)>,
}

impl MatrixRow {
    /// The row of one file.
    pub fn of(file: &FileReport) -> MatrixRow {
        MatrixRow {
            offer: file
                .offer
                .as_deref()
                .unwrap_or(&file.provider_name)
                .to_string(),
            file: file.file.clone(),
            frameworks: file
                .frameworks
                .iter()
                .map(|f| (f.id.clone(), f.title.clone(), f.verdict))
                .collect(),
        }
    }
}

/// What follows the files: the matrix of offers (several files only), then the
/// waivers of `run`.
pub fn ending(run: &Report, rows: &[MatrixRow], style: TableStyle, lang: Lang) -> String {
    let mut out = String::new();
    if rows.len() > 1 {
        out.push_str(&matrix(rows, style, lang));
    }
    let waivers = super::waived::waiver_lines(run, lang);
    if !waivers.is_empty() {
        out.push_str(&terminal(&format!(
            "{}:\n",
            super::render::words(lang).waivers
        )));
        for line in waivers {
            out.push_str(&format!("  {}\n", terminal_line(&line)));
        }
    }
    out
}

/// One row per offer, one column per framework, the verdict in each cell.
fn matrix(rows: &[MatrixRow], style: TableStyle, lang: Lang) -> String {
    let mut frameworks: Vec<(&str, &str)> = Vec::new();
    for row in rows {
        for (id, title, _) in &row.frameworks {
            if !frameworks.iter().any(|(known, _)| known == id) {
                frameworks.push((id, title));
            }
        }
    }
    let mut table = new_table(style, lang);
    let mut header = vec![match lang {
        Lang::En => "Offer".to_string(),
        Lang::Fr => "Offre".to_string(),
    }];
    header.extend(frameworks.iter().map(|(_, title)| terminal(title)));
    table.set_header(header);
    for file in rows {
        let mut row = vec![Cell::new(terminal(&format!(
            "{}\n{}",
            file.offer, file.file
        )))];
        for (id, _) in &frameworks {
            row.push(match file.frameworks.iter().find(|(f, _, _)| f == id) {
                Some((_, _, verdict)) => verdict_cell(*verdict, style, lang),
                None => Cell::new("-"),
            });
        }
        table.add_row(row);
    }
    format!("{table}\n")
}

fn render_file(out: &mut String, file: &FileReport, style: TableStyle, lang: Lang) {
    let offer = file.offer.as_deref().unwrap_or("-");
    out.push_str(&terminal(&format!(
        "{} — {} ({})\n",
        terminal_line(&file.file),
        terminal_line(offer),
        terminal_line(&file.provider_name)
    )));
    for framework in &file.frameworks {
        out.push_str(&terminal(&format!(
            "\n{} [{}]\n",
            framework.title,
            legal_status(framework.legal_status, lang)
        )));
        let mut table = new_table(style, lang);
        for result in file.results.iter().filter(|r| r.framework == framework.id) {
            table.add_row(vec![
                verdict_cell(result.verdict, style, lang),
                Cell::new(terminal(&result.rule)),
                Cell::new(terminal(&reference(result, framework, lang))),
                Cell::new(terminal(&reason(result, style.evidence_lines, lang))),
            ]);
        }
        out.push_str(&table.to_string());
        out.push('\n');
        let verdict_label = match lang {
            Lang::En => "Verdict",
            Lang::Fr => "Verdict",
        };
        out.push_str(&terminal(&format!(
            "{verdict_label} {}: {} — {}\n",
            framework.id,
            verdict_word(framework.verdict, lang),
            framework.legal_note
        )));
        if let Some(unverified) = &framework.unverified {
            let label = match lang {
                Lang::En => "Not verified in the official text",
                Lang::Fr => "Non vérifié dans le texte officiel",
            };
            out.push_str(&terminal(&format!("{label}: {unverified}\n")));
        }
    }
    if !file.eligibility.is_empty() {
        out.push_str(match lang {
            Lang::En => "\nNo workload declared: eligibility per sensitivity class (state administration)\n",
            Lang::Fr => "\nAucun besoin déclaré : éligibilité par niveau de sensibilité (administration de l'État)\n",
        });
        for e in &file.eligibility {
            let decisive = if e.decisive.is_empty() {
                String::new()
            } else {
                format!(" ({})", e.decisive.join(", "))
            };
            out.push_str(&terminal(&format!(
                "  {:<10} {}: {}{}\n",
                e.sensitivity,
                e.framework,
                verdict_word(e.verdict, lang),
                decisive
            )));
        }
    }
    for o in &file.overrides {
        out.push_str(&terminal(&format!(
            "note: rule {} is replaced by {}\n",
            o.rule, o.by
        )));
    }
    for warning in &file.warnings {
        let label = match lang {
            Lang::En => "warning",
            Lang::Fr => "avertissement",
        };
        out.push_str(&terminal(&format!(
            "{label}: {}\n",
            terminal_line(&super::waived::warning_line(warning, lang))
        )));
    }
    procurement_block(out, file, style, lang);
    out.push('\n');
}

/// The procurement verdicts of a file, each rationale in both languages.
fn procurement_block(out: &mut String, file: &FileReport, style: TableStyle, lang: Lang) {
    if file.procurement.is_empty() {
        return;
    }
    out.push_str(&terminal(&format!("\n{}\n", procurement::title(lang))));
    for verdict in &file.procurement {
        out.push_str(&terminal(&format!(
            "  {}: {}\n",
            procurement::heading(verdict, lang),
            procurement::decision_word(verdict.decision, lang)
        )));
        for (code, rationale) in procurement::rationales(verdict, lang) {
            let lines = wrap(
                &format!("{code}: {rationale}"),
                usize::from(style.width) - 4,
            );
            out.push_str(&terminal(&format!("    {}\n", lines.join("\n        "))));
        }
    }
}

/// Words in lines of at most `width` characters (a longer word gets a line of its
/// own); the caller indents the lines after the first further, so they lose 4.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let limit = if lines.is_empty() {
            width
        } else {
            width.saturating_sub(4)
        };
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > limit {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

fn new_table(style: TableStyle, lang: Lang) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    if !style.color {
        table.force_no_tty();
    }
    let header = match lang {
        Lang::En => ["Verdict", "Rule", "Reference", "Reason"],
        Lang::Fr => ["Verdict", "Règle", "Référence", "Motif"],
    };
    table.set_header(header);
    table
}

fn reason(result: &ResultEntry, lines: usize, lang: Lang) -> String {
    let mut text = result.message.clone();
    if let Some(waiver) = &result.waiver {
        text.push_str("\n⚑ ");
        text.push_str(&super::waived::waiver_sentence(waiver, lang));
    }
    for e in result.evidence.iter().take(lines) {
        text.push_str("\n• ");
        text.push_str(&e.finding);
        if let Some(source) = &e.provenance {
            text.push_str(&format!(" [{}]", source.summary));
        }
    }
    if result.evidence.len() > lines {
        let more = result.evidence.len() - lines;
        text.push_str(&match lang {
            Lang::En => format!("\n(+{more} more)"),
            Lang::Fr => format!("\n(+{more} autres)"),
        });
    }
    text
}

fn verdict_cell(verdict: Verdict, style: TableStyle, lang: Lang) -> Cell {
    let cell = Cell::new(verdict_word(verdict, lang));
    if !style.color {
        return cell;
    }
    cell.fg(match verdict {
        Verdict::Pass => Color::Green,
        Verdict::Fail => Color::Red,
        Verdict::Unknown => Color::Yellow,
        Verdict::NotApplicable => Color::DarkGrey,
        Verdict::Waived => Color::Cyan,
    })
}

/// The verdict in words; upper case so it reads in grey print too.
pub fn verdict_word(verdict: Verdict, lang: Lang) -> &'static str {
    match (verdict, lang) {
        (Verdict::Pass, Lang::En) => "PASS",
        (Verdict::Fail, Lang::En) => "FAIL",
        (Verdict::Unknown, Lang::En) => "UNKNOWN",
        (Verdict::NotApplicable, Lang::En) => "N/A",
        (Verdict::Waived, Lang::En) => "WAIVED",
        (Verdict::Pass, Lang::Fr) => "CONFORME",
        (Verdict::Fail, Lang::Fr) => "NON CONFORME",
        (Verdict::Unknown, Lang::Fr) => "INDÉTERMINÉ",
        (Verdict::NotApplicable, Lang::Fr) => "S.O.",
        (Verdict::Waived, Lang::Fr) => "DÉROGATION",
    }
}

/// The rule's section, and its legal status when it differs from its framework's or
/// is not enforced (`--enforce`).
fn reference(result: &ResultEntry, framework: &FrameworkSummary, lang: Lang) -> String {
    if result.legal_status == framework.legal_status && result.enforced {
        return result.reference.clone();
    }
    format!(
        "{}\n({})",
        result.reference,
        super::render::status_words(result, lang)
    )
}

/// What kind of text a framework is, in words.
pub fn legal_status(status: LegalStatus, lang: Lang) -> &'static str {
    match (status, lang) {
        (LegalStatus::Binding, Lang::En) => "legal obligation",
        (LegalStatus::Doctrine, Lang::En) => "State doctrine by circular",
        (LegalStatus::Policy, Lang::En) => "announced government policy",
        (LegalStatus::Referential, Lang::En) => "certification referential",
        (LegalStatus::Binding, Lang::Fr) => "obligation légale",
        (LegalStatus::Doctrine, Lang::Fr) => "doctrine de l'État par circulaire",
        (LegalStatus::Policy, Lang::Fr) => "politique gouvernementale annoncée",
        (LegalStatus::Referential, Lang::Fr) => "référentiel de qualification",
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn rationales_wrap_on_words_with_room_for_the_indent() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc", "dd"]);
        assert_eq!(wrap("averylongword x", 5), ["averylongword", "x"]);
        assert_eq!(wrap("", 5), [""]);
    }
}
