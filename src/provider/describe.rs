//! Wording of structural problems on one value: what was found, what was expected,
//! and what to write instead.

use crate::diagnostics::{Code, Problem, Span};
use crate::yaml::{Node, Value};

use super::schema::Subschema;
use super::suggest;

/// A value that failed the structural check, with what is known about its place.
pub struct Place<'a> {
    pub node: &'a Node,
    /// The document text, to quote numbers exactly as written.
    pub text: &'a str,
    /// How the value is named in messages (`capital`, `storage[1]`).
    pub field: String,
    /// What is valid there, when the schema could be followed that far.
    pub schema: Option<Subschema<'a>>,
}

/// The problem with a value that has the wrong type, an invalid enumeration value or
/// a number out of range; `fallback` is the validator's own message, used only when
/// the schema does not explain the failure.
pub fn value_problem(place: &Place, fallback: &str) -> Problem {
    let span = value_span(place.node);
    let Some(schema) = place.schema else {
        return unexplained(place, fallback, span);
    };
    if let Value::Float(f) = place.node.value
        && !f.is_finite()
        && schema.accepts("number")
    {
        return non_finite(place, schema, span);
    }
    if !schema.accepts(json_type(place.node)) {
        return wrong_type(place, schema, span);
    }
    if let (Some(values), Value::String(found)) = (schema.enum_values(), &place.node.value)
        && !values.contains(&found.as_str())
    {
        return Problem::new(
            Code::InvalidValue,
            format!("`{}`: `{found}` is not an allowed value", place.field),
        )
        .at(span, "not an allowed value")
        .help(suggest::help(found, values.iter().copied(), "write one of"));
    }
    if let Some(number) = number_of(place.node)
        && out_of_range(number, schema)
    {
        return range_problem(place, schema, span);
    }
    if let Value::Seq(items) = &place.node.value
        && items.is_empty()
        && schema.min_items().is_some_and(|n| n > 0)
    {
        return Problem::new(
            Code::InvalidValue,
            format!("`{}`: the list is empty", place.field),
        )
        .at(span, "empty list")
        .help("write at least one value, or leave the key out");
    }
    unexplained(place, fallback, span)
}

fn unexplained(place: &Place, fallback: &str, span: Span) -> Problem {
    Problem::new(Code::InvalidValue, format!("`{}`: {fallback}", place.field))
        .at(span, "invalid value")
        .help("see the provider format (`trustcheck schema provider`) for what is valid here")
}

fn non_finite(place: &Place, schema: Subschema, span: Span) -> Problem {
    let written = source(place);
    if schema.is_percent() {
        return Problem::new(
            Code::PercentOutOfRange,
            format!("`{}`: `{written}` is not a percentage", place.field),
        )
        .at(span, "not a finite number")
        .help("write a number from 0 to 100");
    }
    Problem::new(
        Code::WrongType,
        format!(
            "`{}`: expected a finite number, found `{written}`",
            place.field
        ),
    )
    .at(span, "not a finite number")
    .help("write a number")
}

fn wrong_type(place: &Place, schema: Subschema, span: Span) -> Problem {
    let types = schema.types();
    let expected = expected_text(&types);
    let message = format!(
        "`{}`: expected {expected}, found {}",
        place.field,
        found_text(place)
    );
    let help = match schema.enum_values() {
        Some(values) => format!("write one of: {}", suggest::list(values)),
        None => type_help(place, schema, &types),
    };
    Problem::new(Code::WrongType, message)
        .at(span, format!("expected {expected}"))
        .help(help)
}

fn range_problem(place: &Place, schema: Subschema, span: Span) -> Problem {
    let written = source(place);
    if schema.is_percent() {
        return Problem::new(
            Code::PercentOutOfRange,
            format!("`{}`: {written} is not a percentage", place.field),
        )
        .at(span, "out of range")
        .help("write a number from 0 to 100");
    }
    let bounds = match (schema.minimum(), schema.maximum()) {
        (Some(min), Some(max)) => format!("from {min} to {max}"),
        (Some(min), None) => format!("of at least {min}"),
        (None, Some(max)) => format!("of at most {max}"),
        (None, None) => String::new(),
    };
    Problem::new(
        Code::InvalidValue,
        format!("`{}`: {written} is out of range", place.field),
    )
    .at(span, "out of range")
    .help(format!("write a number {bounds}"))
}

fn type_help(place: &Place, schema: Subschema, types: &[&str]) -> String {
    let written = source(place);
    let number_text = match &place.node.value {
        Value::String(s) => parse_number(s),
        _ => None,
    };
    match (types, &place.node.value) {
        _ if schema.is_percent() => match number_text {
            Some(n) => format!("write {n}, a number from 0 to 100"),
            None => "write a number from 0 to 100".into(),
        },
        (["integer" | "number"], Value::String(_)) => match number_text {
            Some(n) => format!("write {n}, without quotes"),
            None => "write a number".into(),
        },
        (["string"], Value::Int(_) | Value::Float(_) | Value::Bool(_)) => {
            format!("put the value in quotes: \"{written}\"")
        }
        (["boolean"], _) => "write true or false (yes, no, on and off are read as text)".into(),
        (["array"], Value::Map(_) | Value::Null) => {
            "write a list: `[a, b]`, or one `- item` per line".into()
        }
        (["array"], _) => format!("write a list: [{written}]"),
        (["object"], _) => "write a mapping of `key: value` pairs".into(),
        _ => format!("write {}", expected_text(types)),
    }
}

/// A number written as text (`"24"`, `"24%"`, `"24 %"`), as it should be written.
fn parse_number(text: &str) -> Option<String> {
    let trimmed = text.trim().trim_end_matches('%').trim_end();
    let number: f64 = trimmed.parse().ok()?;
    number.is_finite().then(|| trimmed.to_string())
}

fn out_of_range(number: f64, schema: Subschema) -> bool {
    schema.minimum().is_some_and(|min| number < min)
        || schema.maximum().is_some_and(|max| number > max)
}

fn number_of(node: &Node) -> Option<f64> {
    match node.value {
        Value::Int(i) => Some(i as f64),
        Value::Float(f) => Some(f),
        _ => None,
    }
}

/// The JSON type of a node, as JSON Schema names it.
pub(super) fn json_type(node: &Node) -> &'static str {
    match &node.value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Int(_) => "integer",
        Value::Float(f) if f.fract() == 0.0 => "integer",
        Value::Float(_) => "number",
        Value::String(_) => "string",
        Value::Seq(_) => "array",
        Value::Map(_) => "object",
    }
}

fn expected_text(types: &[&str]) -> String {
    let names: Vec<&str> = types
        .iter()
        .map(|t| match *t {
            "string" => "a string",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true or false",
            "array" => "a list",
            "object" => "a mapping",
            _ => "another kind of value",
        })
        .collect();
    match names.as_slice() {
        [] => "another kind of value".into(),
        _ => names.join(" or "),
    }
}

fn found_text(place: &Place) -> String {
    match &place.node.value {
        Value::Null => "nothing (null)".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Int(_) | Value::Float(_) => format!("the number {}", source(place)),
        Value::String(s) => format!("the string {:?}", shorten(s)),
        Value::Seq(_) => "a list".into(),
        Value::Map(_) => "a mapping".into(),
    }
}

/// A scalar exactly as written in the file (`3.10` stays `3.10`).
fn source(place: &Place) -> String {
    let span = place.node.span;
    match place.text.get(span.offset..span.end()) {
        Some(written) if !written.is_empty() => shorten(written.trim()),
        _ => match &place.node.value {
            Value::Float(f) => f.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::String(s) => shorten(s),
            _ => String::new(),
        },
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// A span worth underlining: block collections start with an empty span, so point
/// at their first key or item instead.
pub fn value_span(node: &Node) -> Span {
    if node.span.len > 0 {
        return node.span;
    }
    match &node.value {
        Value::Map(entries) => entries.first().map_or(node.span, |(key, _)| key.span),
        Value::Seq(items) => items.first().map_or(node.span, value_span),
        _ => node.span,
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Code;
    use crate::provider::structure::tests::{at, minimal, problems};

    #[test]
    fn a_percentage_written_as_text_gets_a_precise_message() {
        let text = minimal("  p:\n    shareholders:\n      - {entity: q, capital: \"24%\"}\n");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::WrongType);
        assert_eq!(
            found[0].message,
            "`capital`: expected a number, found the string \"24%\""
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("write 24, a number from 0 to 100")
        );
    }

    #[test]
    fn optional_enums_are_checked_through_any_of() {
        let text = minimal("  p: {kind: compnay}\n");
        let found = problems(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::InvalidValue);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `company`?"));
        let text = "trustcheck: 1\nprovider: p\noffer:\n  technology:\n    - {vendor: p, access: 3}\nentities: {}\n";
        let found = problems(text);
        assert_eq!(found[0].code, Code::WrongType);
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap()
                .contains("`customer-data`")
        );
    }

    #[test]
    fn percentages_out_of_range_are_reported_once() {
        let text =
            minimal("  p:\n    shareholders:\n      - {entity: q, capital: 150, voting: -1}\n");
        let found = problems(&text);
        let codes: Vec<_> = found.iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            vec![Code::PercentOutOfRange, Code::PercentOutOfRange]
        );
        assert_eq!(at(&text, &found[0]), "150");
    }

    #[test]
    fn a_scalar_where_a_list_is_expected_suggests_the_list() {
        let text = "trustcheck: 1\nprovider: p\noffer:\n  data: {storage: FR}\nentities: {}\n";
        let found = problems(text);
        assert_eq!(found[0].code, Code::WrongType);
        assert_eq!(found[0].help.as_deref(), Some("write a list: [FR]"));
    }

    #[test]
    fn numbers_are_quoted_as_written() {
        let text = "trustcheck: 1\nprovider: p\noffer:\n  certifications:\n    - {scheme: x, version: 3.10}\nentities: {}\n";
        let found = problems(text);
        assert_eq!(
            found[0].message,
            "`version`: expected a string, found the number 3.10"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("put the value in quotes: \"3.10\"")
        );
    }

    #[test]
    fn counts_too_large_for_the_model_are_out_of_range() {
        let text = "trustcheck: 5000000000\nprovider: p\noffer: {}\nentities: {}\n";
        let found = problems(text);
        assert_eq!(found[0].code, Code::InvalidValue);
        assert_eq!(at(text, &found[0]), "5000000000");
    }

    #[test]
    fn a_document_that_is_not_a_mapping_is_a_wrong_type() {
        let found = problems("[1, 2]\n");
        assert_eq!(found[0].code, Code::WrongType);
        assert!(
            found[0]
                .message
                .contains("expected a mapping, found a list")
        );
    }
}
