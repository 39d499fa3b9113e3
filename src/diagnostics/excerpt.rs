//! Clipped excerpts of long lines, so that a diagnostic stays readable and drawable,
//! and safe: a control character of the file is shown, never sent to the terminal.
//!
//! The report library cannot draw a label past column 65,535 (it panics), and a
//! 100,000-character line is unreadable anyway. When the line of a problem or one of
//! its neighbours is long, the snippet shows a window of each long line, marked with
//! `…` where it was cut, while the header and the label keep the real line and column.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::{LineIndex, Span};
use crate::safe_text::{is_hazard, snippet};

/// Lines longer than this (in characters) are clipped.
pub(crate) const LONG_LINE: usize = 240;
/// Characters kept on each side of the error on a clipped line.
const HALF_WINDOW: usize = 60;
/// Marks where a line was cut.
const CLIP: &str = "…";

/// A few lines of a text around one span, long lines clipped, that miette reads as if
/// they were the whole text at their real line numbers.
#[derive(Debug, Clone)]
pub(crate) struct Excerpt {
    name: Option<String>,
    text: String,
    /// The 0-based real line of the excerpt's first line.
    first_line: usize,
    /// Where the original span falls in the excerpt.
    pub(crate) span: Span,
    /// The real 0-based column (in characters) of the span's start.
    column: usize,
}

impl Excerpt {
    /// The excerpt around `span`, or `None` when no line near it is long or holds a
    /// control character (the text is then drawn as it is). Also returns the real
    /// 1-based line and column, and whether a line was clipped.
    pub(crate) fn around(
        index: &LineIndex<'_>,
        span: Span,
        name: Option<&str>,
    ) -> Option<(Excerpt, usize, usize, bool)> {
        let text = index.text;
        let offset = floor_boundary(text, span.offset.min(text.len()));
        let (line, column) = index.position(offset);
        let line0 = line - 1;
        let first = line0.saturating_sub(1);
        let last = (line0 + 1).min(index.starts.len() - 1);
        let line_text = |l: usize| -> &str {
            let start = index.starts.get(l).copied().unwrap_or(text.len());
            let end = index.starts.get(l + 1).map_or(text.len(), |next| next - 1);
            let line = text.get(start..end).unwrap_or("");
            line.strip_suffix('\r').unwrap_or(line)
        };
        let long = (first..=last).any(|l| line_text(l).chars().count() > LONG_LINE);
        let hostile =
            (first..=last).any(|l| line_text(l).chars().any(|c| c != '\t' && is_hazard(c)));
        if !long && !hostile {
            return None;
        }
        let mut out = String::new();
        let mut excerpt_span = Span::new(0, 0);
        for l in first..=last {
            if l > first {
                out.push('\n');
            }
            let whole = line_text(l);
            if l != line0 {
                out.push_str(&snippet(&head(whole)));
                continue;
            }
            let line_start = index.starts.get(l).copied().unwrap_or(0);
            let at = offset - line_start;
            let span_end = span.end().min(line_start + whole.len());
            let span_chars = whole
                .get(at..span_end.max(offset) - line_start)
                .map_or(0, |s| s.chars().count());
            let chars: Vec<(usize, char)> = whole.char_indices().collect();
            let col0 = column - 1;
            let shown_span = span_chars.min(HALF_WINDOW);
            let from = col0.saturating_sub(HALF_WINDOW);
            let to = (col0 + shown_span + HALF_WINDOW).min(chars.len());
            let byte = |c: usize| chars.get(c).map_or(whole.len(), |&(i, _)| i);
            if from > 0 {
                out.push_str(CLIP);
            }
            let part = |a: usize, b: usize| snippet(whole.get(byte(a)..byte(b)).unwrap_or(""));
            out.push_str(&part(from, col0));
            let label_start = out.len();
            out.push_str(&part(col0, col0 + shown_span));
            let label_len = out.len() - label_start;
            out.push_str(&part(col0 + shown_span, to));
            if to < chars.len() {
                out.push_str(CLIP);
            }
            excerpt_span = Span::new(label_start, label_len);
        }
        let excerpt = Excerpt {
            name: name.map(str::to_string),
            text: out,
            first_line: first,
            span: excerpt_span,
            column: column - 1,
        };
        Some((excerpt, line, column, long))
    }
}

/// The start of a long line that is not the error's own, clipped.
fn head(line: &str) -> String {
    if line.chars().count() <= LONG_LINE {
        return line.to_string();
    }
    let mut kept: String = line.chars().take(2 * HALF_WINDOW).collect();
    kept.push_str(CLIP);
    kept
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        let line = inner.line() + self.first_line;
        // The header's column is the real one, not the one in the clipped line.
        let column = if span.offset() == self.span.offset {
            self.column
        } else {
            inner.column()
        };
        let (data, at, count) = (inner.data(), *inner.span(), inner.line_count());
        Ok(Box::new(match &self.name {
            Some(name) => {
                MietteSpanContents::new_named(name.clone(), data, at, line, column, count)
            }
            None => MietteSpanContents::new(data, at, line, column, count),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_not_clipped() {
        let text = "a: 1\nb: 2\n";
        assert!(Excerpt::around(&LineIndex::new(text), Span::new(8, 1), None).is_none());
    }

    #[test]
    fn a_long_line_is_clipped_around_the_error_with_its_real_position() {
        let text = format!("version: 1\nname: {}X\nend: 1\n", "x".repeat(100_000));
        let offset = text.find('X').unwrap();
        let (excerpt, line, column, _) =
            Excerpt::around(&LineIndex::new(&text), Span::new(offset, 1), None).unwrap();
        assert_eq!((line, column), (2, 100_007));
        assert!(excerpt.text.len() < 400, "{}", excerpt.text);
        assert!(excerpt.text.contains("\nname: ") || excerpt.text.contains(CLIP));
        assert_eq!(
            excerpt.text.get(excerpt.span.offset..excerpt.span.end()),
            Some("X")
        );
        let read = excerpt
            .read_span(&SourceSpan::from(excerpt.span), 0, 0)
            .unwrap();
        assert_eq!((read.line(), read.column()), (1, 100_006));
    }

    #[test]
    fn control_characters_of_the_file_are_shown_not_sent() {
        let text = "a: 1\nname: \u{1b}[31mred\u{1b}[0m: bad\n";
        let offset = text.find("bad").unwrap();
        let (excerpt, line, column, clipped) =
            Excerpt::around(&LineIndex::new(text), Span::new(offset, 3), None).unwrap();
        assert_eq!((line, column, clipped), (2, 21, false));
        assert!(!excerpt.text.contains('\u{1b}'), "{}", excerpt.text);
        assert!(excerpt.text.contains("\\u{1b}[31mred"), "{}", excerpt.text);
        assert_eq!(
            excerpt.text.get(excerpt.span.offset..excerpt.span.end()),
            Some("bad")
        );
    }

    #[test]
    fn a_long_neighbour_line_is_cut_too() {
        let text = format!("a: {}\nb: bad\n", "é".repeat(1_000));
        let offset = text.find("bad").unwrap();
        let (excerpt, line, column, _) =
            Excerpt::around(&LineIndex::new(&text), Span::new(offset, 3), None).unwrap();
        assert_eq!((line, column), (2, 4));
        assert!(excerpt.text.chars().count() < 200);
        assert_eq!(
            excerpt.text.get(excerpt.span.offset..excerpt.span.end()),
            Some("bad")
        );
    }
}
