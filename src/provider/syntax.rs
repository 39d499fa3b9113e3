//! Parsing: YAML text into the spanned tree, with syntax errors worded for people
//! (tabs, empty documents, limits, non-finite numbers).

use crate::diagnostics::{Code, InputErrors, Problem, Span};
use crate::yaml::{self, Node, ParseError, limits};

/// Limits of registry files, which may hold tens of thousands of entities; nesting,
/// aliases and alias expansion stay as strict as for provider files.
pub mod registry_limits {
    /// Largest registry file, in bytes.
    pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
    /// Most YAML nodes in one registry (about 300,000 typical entities).
    pub const MAX_NODES: usize = 4_000_000;
    /// Most parser events in one registry: each node opens and may close a collection.
    pub const MAX_EVENTS: usize = 3 * MAX_NODES;
}

/// Parses a provider file.
pub fn parse_provider(name: &str, text: &str) -> Result<Node, InputErrors> {
    parse_with(name, text, yaml::parse)
}

/// Parses a registry file, within [`registry_limits`].
pub fn parse_registry(name: &str, text: &str) -> Result<Node, InputErrors> {
    parse_with(name, text, parse_large)
}

/// Stack of the thread that parses. The parser recurses once per nesting level until
/// its depth budget stops it; unoptimised builds need about 64 KiB per level, more
/// than the 2 MiB of test and worker threads.
const PARSER_STACK_BYTES: usize = 16 * 1024 * 1024;

fn parse_with(
    name: &str,
    text: &str,
    parse: fn(&str) -> Result<Node, ParseError>,
) -> Result<Node, InputErrors> {
    let problem = if is_blank(text) {
        Problem::new(Code::EmptyDocument, format!("{name} has no content"))
            .help("start from the example in the provider format documentation")
    } else {
        match on_parser_stack(text, parse) {
            Ok(root) => return Ok(root),
            Err(error) => explain(text, error),
        }
    };
    Err(InputErrors::new(
        name,
        Some(text.to_string()),
        vec![problem],
    ))
}

/// Runs `parse` on a thread with [`PARSER_STACK_BYTES`] of stack (on this thread
/// if none can be started). Optimised builds use a few KiB per level, so 64 levels fit
/// any thread's stack: they parse in place, since starting a thread per file cost
/// more than the rest of an assessment in batch runs.
fn on_parser_stack(
    text: &str,
    parse: fn(&str) -> Result<Node, ParseError>,
) -> Result<Node, ParseError> {
    if !cfg!(debug_assertions) {
        return parse(text);
    }
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("yaml-parser".into())
            .stack_size(PARSER_STACK_BYTES)
            .spawn_scoped(scope, || parse(text));
        match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|_| {
                Err(ParseError {
                    message: "the YAML parser failed on this document".into(),
                    span: None,
                })
            }),
            Err(_) => parse(text),
        }
    })
}

/// True for a text with nothing but blank lines, comments and document markers.
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#') || line == "---" || line == "...")
}

/// The parser's error as a problem a person can act on.
fn explain(text: &str, error: ParseError) -> Problem {
    let message = strip_position(&error.message);
    let Some(span) = error.span else {
        // The parser gives no position only when the document holds no value (`~`).
        return Problem::new(
            Code::EmptyDocument,
            format!("the document is empty: {message}"),
        )
        .help("write the provider description as a mapping of keys");
    };
    if message
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word == "tab" || word == "tabs")
    {
        return tab_problem(text, span, message);
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        // The parser's advice about its own options is meant for programmers.
        let key = key.split(", set ").next().unwrap_or(key);
        return Problem::new(Code::YamlSyntax, format!("duplicate key `{key}`"))
            .at(span, "repeated key")
            .help("each key may appear once in a mapping: merge or remove the repeated one");
    }
    if message.contains("non-finite float") {
        return non_finite_problem(text, span);
    }
    let (message, help) = limit_breached(message).unwrap_or_else(|| {
        (
            format!("invalid YAML: {message}"),
            "check the YAML syntax around this position".into(),
        )
    });
    Problem::new(Code::YamlSyntax, message)
        .at(span, "here")
        .help(help)
}

/// The message and help of a document refused by one of the parser's limits.
fn limit_breached(message: &str) -> Option<(String, String)> {
    let (message, help) = if message.contains("Depth") || message.contains("recursion limit") {
        (
            format!(
                "the document nests deeper than {} levels",
                limits::MAX_DEPTH
            ),
            "flatten the document: no provider description needs this depth".to_string(),
        )
    } else if message.contains("alias") || message.contains("Alias") {
        (
            "aliases expand to too many values".into(),
            "write the values out: aliases may only repeat small parts (billion-laughs guard)"
                .into(),
        )
    } else if message.contains("Nodes") || message.contains("Events") {
        (
            "the document holds too many values".into(),
            "move large groups of entities to a registry (`entities_from`)".into(),
        )
    } else if message.contains("multiple YAML documents") {
        (
            "the file holds several YAML documents".into(),
            "keep one document per file: remove the `---` separator".into(),
        )
    } else {
        return None;
    };
    Some((message, help))
}

/// Drops the `error: line 3 column 5: ` prefix: the report shows the position itself.
fn strip_position(message: &str) -> &str {
    let message = message.strip_prefix("error: ").unwrap_or(message);
    match message.strip_prefix("line ") {
        Some(rest) => rest.split_once(": ").map_or(message, |(_, text)| text),
        None => message,
    }
}

/// A tab in indentation: point at the first one, wherever the parser noticed it.
fn tab_problem(text: &str, span: Span, message: &str) -> Problem {
    let mut offset = 0;
    let mut tab = None;
    for line in text.split_inclusive('\n') {
        let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(column) = line[..indent_len].find('\t') {
            tab = Some(Span::new(offset + column, 1));
            break;
        }
        offset += line.len();
    }
    match tab {
        Some(tab) => Problem::new(Code::YamlSyntax, "tab character in indentation")
            .at(tab, "tab")
            .help("YAML indents with spaces only: replace the tab with spaces"),
        None => Problem::new(Code::YamlSyntax, format!("invalid YAML: {message}"))
            .at(span, "here")
            .help("replace the tab with spaces"),
    }
}

/// `.nan` and `.inf` are refused by the parser; under `capital` or `voting` they are
/// reported as the invalid percentages they are.
fn non_finite_problem(text: &str, span: Span) -> Problem {
    let written = text.get(span.offset..span.end()).unwrap_or(".nan");
    match key_before(text, span.offset) {
        Some(key @ ("capital" | "voting")) => Problem::new(
            Code::PercentOutOfRange,
            format!("`{key}`: `{written}` is not a percentage"),
        )
        .at(span, "not a finite number")
        .help("write a number from 0 to 100"),
        _ => Problem::new(
            Code::YamlSyntax,
            format!("`{written}` is not a number trustcheck accepts"),
        )
        .at(span, "not a finite number")
        .help("write a finite number"),
    }
}

/// The mapping key written just before `offset` on its line (`capital` in
/// `- { entity: x, capital: .nan }`).
fn key_before(text: &str, offset: usize) -> Option<&str> {
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let before = text.get(line_start..offset)?.trim_end().strip_suffix(':')?;
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
    before.get(start..).filter(|key| !key.is_empty())
}

/// `yaml::parse` with the budget of registries.
fn parse_large(text: &str) -> Result<Node, ParseError> {
    yaml::parse_within(
        text,
        yaml::Budget {
            max_nodes: registry_limits::MAX_NODES,
            max_events: Some(registry_limits::MAX_EVENTS),
            // Non-finite numbers reach the structural check, which reports them with
            // every other problem instead of stopping at the first one.
            non_finite_numbers: true,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> Problem {
        let error = parse_provider("t.yaml", text).unwrap_err();
        assert_eq!(error.problems.len(), 1);
        error.problems[0].clone()
    }

    #[test]
    fn blank_and_null_documents_are_empty() {
        for text in ["", "\n\n", "# a\n  # b\n", "---\n# c\n...\n", "~\n"] {
            assert_eq!(problem(text).code, Code::EmptyDocument, "{text:?}");
        }
    }

    #[test]
    fn tabs_in_indentation_point_at_the_tab() {
        let text = "a:\n  b: 1\n\tc: 2\n";
        let found = problem(text);
        assert_eq!(found.message, "tab character in indentation");
        assert_eq!(found.span, Some(Span::new(text.find('\t').unwrap(), 1)));
    }

    #[test]
    fn limits_are_explained() {
        let deep = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
        assert_eq!(
            problem(&deep).message,
            "the document nests deeper than 64 levels"
        );
        let found = problem("a: 1\n---\nb: 2\n");
        assert_eq!(found.message, "the file holds several YAML documents");
        let found = problem("a: [1, 2\n");
        assert_eq!(found.message, "invalid YAML: unclosed bracket '['");
    }

    #[test]
    fn duplicate_keys_name_the_key() {
        let found = problem("a: 1\nb: 2\na: 3\n");
        assert_eq!(found.message, "duplicate key `a`");
        assert!(found.help.unwrap().contains("once"));
    }

    #[test]
    fn positions_are_not_repeated_in_messages() {
        assert_eq!(
            strip_position("error: line 1 column 4: unclosed bracket"),
            "unclosed bracket"
        );
        assert_eq!(strip_position("unclosed bracket"), "unclosed bracket");
        let found = problem("a: [1, 2\n");
        assert_eq!(found.code, Code::YamlSyntax);
        assert!(!found.message.contains("line 1"), "{}", found.message);
    }

    #[test]
    fn non_finite_percentages_are_invalid_percentages() {
        let found = problem("s:\n  - { entity: x, capital: .nan }\n");
        assert_eq!(found.code, Code::PercentOutOfRange);
        assert_eq!(found.message, "`capital`: `.nan` is not a percentage");
        assert_eq!(problem("days: .inf\n").code, Code::YamlSyntax);
    }

    #[test]
    fn keys_before_a_value_are_found() {
        let text = "  voting: .inf";
        assert_eq!(key_before(text, 10), Some("voting"));
        assert_eq!(key_before("- .inf", 2), None);
    }

    #[test]
    fn registries_may_exceed_the_provider_node_budget() {
        let items = limits::MAX_NODES + 1_000;
        let text = format!("a: [{}]\n", "0,".repeat(items));
        assert!(parse_registry("r", &text).is_ok());
        let small = format!("a: [{}]\n", "0,".repeat(limits::MAX_NODES));
        assert_eq!(
            parse_provider("p", &small).unwrap_err().codes(),
            vec![Code::YamlSyntax]
        );
    }

    #[test]
    fn registries_pass_non_finite_numbers_on() {
        let root = parse_registry("r", "a: .nan\n").unwrap();
        assert!(matches!(root.get("a").unwrap().value, yaml::Value::Float(f) if f.is_nan()));
    }
}
