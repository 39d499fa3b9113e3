//! Input problems: one closed list of codes, and their rendering with miette.
//!
//! Library code pushes [`Problem`]s instead of stopping at the first one, so that a
//! file with three mistakes is reported with three labels in one pass. The CLI
//! renders an [`InputErrors`] with miette: file, line, column, a label on the value
//! and a help line saying what would be valid.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceSpan};
use thiserror::Error;

mod excerpt;
mod reference;

pub use reference::reference;

use excerpt::Excerpt;

use crate::safe_text::{terminal, terminal_line};

/// A byte range in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub offset: usize,
    pub len: usize,
}

impl Span {
    pub fn new(offset: usize, len: usize) -> Self {
        Span { offset, len }
    }

    /// One past the last byte.
    pub fn end(&self) -> usize {
        self.offset + self.len
    }

    /// The byte offset of a 1-based line and column (columns count characters).
    pub fn from_line_column(text: &str, line: usize, column: usize) -> Option<Span> {
        let line_start = if line <= 1 {
            0
        } else {
            text.match_indices('\n').nth(line - 2)?.0 + 1
        };
        let offset = text[line_start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map(|(i, _)| line_start + i)
            .unwrap_or(text.len());
        Some(Span::new(offset, 0))
    }

    /// The 1-based line and column (in characters) where the span starts.
    pub fn line_column(&self, text: &str) -> (usize, usize) {
        let offset = self.offset.min(text.len());
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

/// Line starts of a text, so that many positions are found without rescanning it.
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The 1-based line and column (in characters) of a byte offset, as
    /// [`Span::line_column`] gives it.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

impl From<Span> for SourceSpan {
    fn from(span: Span) -> Self {
        SourceSpan::new(span.offset.into(), span.len)
    }
}

/// Stable codes of every input problem trustcheck reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    Unreadable,
    FileTooLarge,
    NotUtf8,
    YamlSyntax,
    EmptyDocument,
    UnsupportedVersion,
    UnknownKey,
    MissingKey,
    WrongType,
    InvalidValue,
    UnknownCountry,
    PercentOutOfRange,
    HoldingsOver100,
    UndeclaredEntity,
    SelfHolding,
    InvalidDate,
    ImpossibleDates,
    DuplicateEntity,
    DuplicateHolder,
    /// Two rights of the same kind held by the same holder over one entity.
    DuplicateRight,
    /// Board-appointment rights over one entity naming more than all of its seats.
    SeatsOver100,
    /// An entity kind the rest of the file contradicts.
    KindClaim,
    TooManyProblems,
    RulePack,
    /// A sealed record's manifest that cannot be read as one.
    SealRecord,
    /// A FIFO, device or socket given where a file is read.
    NotRegularFile,
    /// A path an input names outside the folders it may read.
    PathNotAllowed,
    /// More entities or ownership edges than one document or one assessment may hold.
    TooManyEntities,
}

impl Code {
    /// Every code, for documentation and the uniqueness test.
    pub const ALL: [Code; 28] = [
        Code::Unreadable,
        Code::FileTooLarge,
        Code::NotUtf8,
        Code::YamlSyntax,
        Code::EmptyDocument,
        Code::UnsupportedVersion,
        Code::UnknownKey,
        Code::MissingKey,
        Code::WrongType,
        Code::InvalidValue,
        Code::UnknownCountry,
        Code::PercentOutOfRange,
        Code::HoldingsOver100,
        Code::UndeclaredEntity,
        Code::SelfHolding,
        Code::InvalidDate,
        Code::ImpossibleDates,
        Code::DuplicateEntity,
        Code::DuplicateHolder,
        Code::DuplicateRight,
        Code::SeatsOver100,
        Code::KindClaim,
        Code::TooManyProblems,
        Code::RulePack,
        Code::SealRecord,
        Code::NotRegularFile,
        Code::PathNotAllowed,
        Code::TooManyEntities,
    ];

    /// The kebab-case name shown to users and tested against.
    pub fn name(self) -> &'static str {
        match self {
            Code::Unreadable => "unreadable",
            Code::FileTooLarge => "file-too-large",
            Code::NotUtf8 => "not-utf8",
            Code::YamlSyntax => "yaml-syntax",
            Code::EmptyDocument => "empty-document",
            Code::UnsupportedVersion => "unsupported-version",
            Code::UnknownKey => "unknown-key",
            Code::MissingKey => "missing-key",
            Code::WrongType => "wrong-type",
            Code::InvalidValue => "invalid-value",
            Code::UnknownCountry => "unknown-country",
            Code::PercentOutOfRange => "percent-out-of-range",
            Code::HoldingsOver100 => "holdings-over-100",
            Code::UndeclaredEntity => "undeclared-entity",
            Code::SelfHolding => "self-holding",
            Code::InvalidDate => "invalid-date",
            Code::ImpossibleDates => "impossible-dates",
            Code::DuplicateEntity => "duplicate-entity",
            Code::DuplicateHolder => "duplicate-holder",
            Code::DuplicateRight => "duplicate-right",
            Code::SeatsOver100 => "seats-over-100",
            Code::KindClaim => "kind-claim",
            Code::TooManyProblems => "too-many-problems",
            Code::RulePack => "rule-pack",
            Code::SealRecord => "seal-record",
            Code::NotRegularFile => "not-a-regular-file",
            Code::PathNotAllowed => "path-not-allowed",
            Code::TooManyEntities => "too-many-entities",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "trustcheck::{}", self.name())
    }
}

/// One thing wrong with an input, with where it is and what would be valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub code: Code,
    pub message: String,
    pub span: Option<Span>,
    /// Short text drawn under the offending value.
    pub label: String,
    /// What would be valid.
    pub help: Option<String>,
}

impl Problem {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Problem {
            code,
            message: message.into(),
            span: None,
            label: String::new(),
            help: None,
        }
    }

    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.span = Some(span);
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Every problem found in one input file.
#[derive(Debug, Clone, Error)]
#[error("{}: {}", terminal_line(.file), summary(.problems))]
pub struct InputErrors {
    pub file: String,
    /// The file's text, when it could be read as UTF-8.
    pub text: Option<String>,
    pub problems: Vec<Problem>,
    /// The problems as they are drawn: with the file's text (or a clipped excerpt of
    /// it) attached. A single problem is drawn as the report itself, several as
    /// related diagnostics.
    located: Vec<LocatedProblem>,
}

fn summary(problems: &[Problem]) -> String {
    match problems {
        [one] => terminal(&one.message),
        many => format!("{} problems", many.len()),
    }
}

impl InputErrors {
    pub fn new(file: impl Into<String>, text: Option<String>, problems: Vec<Problem>) -> Self {
        let file = file.into();
        // One shared copy of the text for every problem's snippet.
        let shared: Option<Arc<str>> = text.as_deref().map(Arc::from);
        // A single problem is drawn without the file name in its header, as before.
        let shown_name = terminal_line(&file);
        let name = (problems.len() > 1).then_some(shown_name.as_str());
        let index = text.as_deref().map(LineIndex::new);
        let located = problems
            .iter()
            .map(|problem| LocatedProblem::new(problem, shared.as_ref(), index.as_ref(), name))
            .collect();
        InputErrors {
            file,
            text,
            problems,
            located,
        }
    }

    /// A single problem without a position (unreadable file, wrong encoding…).
    pub fn single(file: impl Into<String>, problem: Problem) -> Self {
        InputErrors::new(file, None, vec![problem])
    }

    /// Line and column of a problem, for machine output and tests.
    pub fn position(&self, problem: &Problem) -> Option<(usize, usize)> {
        Some(problem.span?.line_column(self.text.as_deref()?))
    }

    /// The problem codes, in order (handy in tests).
    pub fn codes(&self) -> Vec<Code> {
        self.problems.iter().map(|p| p.code).collect()
    }

    fn only(&self) -> Option<&LocatedProblem> {
        match self.located.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

impl Diagnostic for InputErrors {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.only()?.code()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.only()?.help()
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.only()?.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.only()?.labels()
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.located.len() < 2 {
            return None;
        }
        Some(Box::new(self.located.iter().map(|p| p as &dyn Diagnostic)))
    }
}

/// The text a problem's snippet is drawn from.
#[derive(Debug, Clone)]
enum Snippet {
    /// The whole text, without a name (a report of one problem).
    Text(Arc<str>),
    /// The whole text with the file name (one of several problems).
    Named(NamedSource<Arc<str>>),
    /// A few lines around the problem, long lines clipped.
    Clipped(Box<Excerpt>),
}

impl Snippet {
    fn code(&self) -> &dyn miette::SourceCode {
        match self {
            Snippet::Text(text) => text,
            Snippet::Named(source) => source,
            Snippet::Clipped(excerpt) => excerpt.as_ref(),
        }
    }
}

/// One problem, carrying the text for its snippet and where its label goes in it.
#[derive(Debug, Clone, Error)]
#[error("{}", .problem.message)]
struct LocatedProblem {
    problem: Problem,
    snippet: Option<Snippet>,
    /// The label's span in the snippet's text.
    span: Option<Span>,
    label: Option<String>,
}

impl LocatedProblem {
    fn new(
        problem: &Problem,
        text: Option<&Arc<str>>,
        index: Option<&LineIndex<'_>>,
        name: Option<&str>,
    ) -> Self {
        // Messages quote input (a key, a value): shown, never sent to the terminal.
        let problem = Problem {
            message: terminal(&problem.message),
            label: terminal(&problem.label),
            help: problem.help.as_deref().map(terminal),
            ..problem.clone()
        };
        let label = (!problem.label.is_empty()).then(|| problem.label.clone());
        let whole = |text: &Arc<str>| match name {
            Some(name) => Snippet::Named(NamedSource::new(name, Arc::clone(text))),
            None => Snippet::Text(Arc::clone(text)),
        };
        let clipped = match (index, problem.span) {
            (Some(index), Some(span)) => Excerpt::around(index, span, name),
            _ => None,
        };
        let (snippet, span, label) = match (text, problem.span) {
            (Some(text), Some(span)) => match clipped {
                Some((excerpt, line, column, clipped)) => {
                    let label = if clipped {
                        let at = format!("line {line}, column {column}; long lines are clipped");
                        Some(match label {
                            Some(label) => format!("{label} ({at})"),
                            None => at,
                        })
                    } else {
                        label
                    };
                    let span = excerpt.span;
                    (Some(Snippet::Clipped(Box::new(excerpt))), Some(span), label)
                }
                None => (Some(whole(text)), Some(span), label),
            },
            (text, span) => (text.map(whole), span, label),
        };
        LocatedProblem {
            problem,
            snippet,
            span,
            label,
        }
    }
}

impl Diagnostic for LocatedProblem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.problem.code))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.problem
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.snippet.as_ref().map(Snippet::code)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            self.label.clone(),
            span,
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_the_codes_in_declaration_order_without_a_gap() {
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(*code as usize, i, "{code}");
        }
        // The last declared code closes the list: a code added after it must be
        // added to `ALL` (and so to docs/diagnostics.md) and named here.
        assert_eq!(Code::ALL.last(), Some(&Code::TooManyEntities));
    }

    #[test]
    fn codes_are_unique() {
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }

    #[test]
    fn the_line_index_agrees_with_a_rescan() {
        let text = "a: é\nbb: x\n\nlast";
        let index = LineIndex::new(text);
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            assert_eq!(
                index.position(offset),
                Span::new(offset, 0).line_column(text),
                "{offset}"
            );
        }
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a: é\nbb: x\n";
        let span = Span::new(text.find('x').unwrap(), 1);
        assert_eq!(span.line_column(text), (2, 5));
        assert_eq!(
            Span::from_line_column(text, 2, 5),
            Some(span).map(|s| Span::new(s.offset, 0))
        );
    }
}
