//! Untrusted text made safe for each place trustcheck writes it.
//!
//! Provider files, waivers and rule packs are written by the party being assessed:
//! a name or a note may carry terminal escape sequences, control characters, bidi
//! overrides, Markdown or HTML syntax, a spreadsheet formula or a CI workflow
//! command. Every renderer passes such text through the one function here for its
//! sink, so that it is shown, never obeyed.

/// How a character that must not reach a sink raw is shown: `\u{1b}` for an escape.
fn visible(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// Control characters (C0, DEL, C1) and the invisible formatting characters that
/// reorder or hide text on screen (bidi embeddings, overrides, isolates and marks).
pub(crate) fn is_hazard(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Text for a terminal (table, ownership, explain and diff outputs): every control
/// character but the line feed, and every bidi control, is shown as `\u{…}`, so an
/// ANSI sequence or a carriage return cannot recolour, move the cursor or overwrite
/// a line.
pub fn terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push(c),
            c if is_hazard(c) => out.push_str(&visible(c)),
            c => out.push(c),
        }
    }
    out
}

/// A line of an input file drawn in a diagnostic: as [`terminal`], but tabs are kept
/// (the report library expands them).
pub fn snippet(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' => out.push(c),
            c if is_hazard(c) => out.push_str(&visible(c)),
            c => out.push(c),
        }
    }
    out
}

/// One line of text for a terminal: as [`terminal`], and a line break is shown as
/// `\u{a}` too, so a value cannot forge a line of its own (a fake verdict).
pub fn terminal_line(text: &str) -> String {
    terminal(text).replace('\n', "\\u{a}")
}

/// Text for JSON read by people through a tool (GitLab code quality, SARIF): as for a
/// terminal, line breaks included; the JSON encoder does the quoting.
pub fn json_text(text: &str) -> String {
    terminal(text)
}

/// Inline Markdown: every character Markdown (or the HTML it allows) could read as
/// syntax is escaped, line breaks are folded so tables and list items hold, and
/// control characters are shown as `\u{…}`.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if is_hazard(c) => out.push_str(&visible(c)),
            c => out.push(c),
        }
    }
    out
}

/// A path or id as inline Markdown code; escaped text when a backtick, a line break
/// or a control character would end or break the span.
pub fn markdown_code(text: &str) -> String {
    if text.contains('`') || text.chars().any(is_hazard) {
        markdown(text)
    } else {
        // GitHub tables split cells on `|` even inside code spans.
        format!("`{}`", text.replace('|', "\\|"))
    }
}

/// Text for XML (JUnit) and HTML. In attributes, quotes are escaped and line breaks
/// kept as character references (parsers would fold them into spaces). Characters
/// XML 1.0 forbids, and the C1 controls it discourages, become U+FFFD; bidi controls
/// are shown as `\u{…}`.
pub fn markup(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c if is_hazard(c) => out.push_str(&visible(c)),
            c => out.push(c),
        }
    }
    out
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break,
/// quotes doubled. A field a spreadsheet would run as a formula (starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return, as OWASP lists them) gets a leading
/// `'`; other control characters are shown as `\u{…}`.
pub fn csv_field(value: &str) -> String {
    let mut clean = String::with_capacity(value.len() + 1);
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        clean.push('\'');
    }
    for c in value.chars() {
        match c {
            '\n' | '\r' | '\t' => clean.push(c),
            c if is_hazard(c) => clean.push_str(&visible(c)),
            c => clean.push(c),
        }
    }
    if clean.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", clean.replace('"', "\"\""))
    } else {
        clean
    }
}

/// The message of a GitHub workflow command: `%`, CR and LF are escaped as GitHub
/// documents, so the text can neither end the command nor start a new `::` line;
/// other control characters are shown as `\u{…}`.
pub fn github_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if is_hazard(c) => out.push_str(&visible(c)),
            c => out.push(c),
        }
    }
    out
}

/// A property value of a GitHub workflow command: as data, and `:` and `,` too,
/// which end it.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "Acme\u{1b}[31mRED\u{1b}[0m\r\u{7}\u{9b}2J\u{202E}evil";

    #[test]
    fn no_sink_lets_a_control_character_through() {
        let outputs = [
            terminal(HOSTILE),
            json_text(HOSTILE),
            markdown(HOSTILE),
            markdown_code(HOSTILE),
            markup(HOSTILE, false),
            markup(HOSTILE, true),
            csv_field(HOSTILE),
            github_data(HOSTILE),
            github_property(HOSTILE),
        ];
        for out in outputs {
            // Line breaks and tabs are quoted or escaped by the sink's own syntax.
            let raw = |c: char| is_hazard(c) && !matches!(c, '\n' | '\r' | '\t');
            assert!(!out.chars().any(raw), "{out:?}");
        }
        assert_eq!(terminal_line("a\nVerdict: pass"), "a\\u{a}Verdict: pass");
        assert_eq!(terminal("a\u{1b}[0mb\r\nc"), "a\\u{1b}[0mb\\u{d}\nc");
    }

    #[test]
    fn markdown_syntax_is_inert() {
        assert_eq!(markdown("<b>a|b</b>"), "\\<b\\>a\\|b\\</b\\>");
        assert_eq!(markdown("line\nbreak"), "line break");
        assert_eq!(markdown("![x](http://e)"), "!\\[x\\](http://e)");
        assert_eq!(markdown_code("a`b"), "a\\`b");
        assert_eq!(markdown_code("x|y"), "`x\\|y`");
    }

    #[test]
    fn markup_is_escaped_and_stays_xml_1_0() {
        assert_eq!(
            markup("<a href=\"x\">&", true),
            "&lt;a href=&quot;x&quot;&gt;&amp;"
        );
        assert_eq!(markup("a\u{0}b\u{1b}c", false), "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_stay_text() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-3,5"), "\"'-3,5\"");
        assert_eq!(csv_field("\t=1"), "'\t=1");
        assert_eq!(csv_field("\r=1"), "\"'\r=1\"");
    }

    #[test]
    fn workflow_commands_cannot_be_injected() {
        assert_eq!(github_data("50% of\r\nit"), "50%25 of%0D%0Ait");
        assert_eq!(github_data("x\n::error::forged"), "x%0A::error::forged");
        assert_eq!(github_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
