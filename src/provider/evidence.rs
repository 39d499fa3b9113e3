//! Checks of the sources a provider file states (`evidence`): each names a value
//! that is there, says which document it is, and is stated once.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::diagnostics::{Code, Problem, Span};
use crate::provenance::Source;
use crate::yaml::{Node, PathSegment, Value, format_path, parse_path};

use super::suggest;
use super::validate::{as_str, entries, parse_date};

/// Checks the `evidence` section and every `evidence` record next to values;
/// `elsewhere` holds the ids of entities declared in registries, whose values the
/// section may name without this file holding them. With `as_of`, a document dated
/// after the assessment date is refused.
pub fn check(root: &Node, elsewhere: &BTreeSet<&str>, as_of: Option<Date>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut stated: BTreeMap<String, Span> = BTreeMap::new();
    if let Some(section) = root.get("evidence") {
        for (key, record) in entries(section) {
            let segments = parse_path(&key.name);
            let path = format_path(&segments);
            let registered = matches!(
                segments.as_slice(),
                [PathSegment::Key(e), PathSegment::Key(id), ..]
                    if e == "entities" && elsewhere.contains(id.as_str())
            );
            if registered {
                problems.extend(record_problems(record, as_of));
                continue;
            }
            if let Some(problem) = dangling(root, &segments, &key.name, key.span) {
                problems.push(problem);
                continue;
            }
            stated.insert(path, key.span);
            problems.extend(record_problems(record, as_of));
        }
    }
    inline(root, &[], &stated, as_of, &mut problems);
    problems
}

/// A problem when a section key names no value of the file.
fn dangling(root: &Node, segments: &[PathSegment], key: &str, span: Span) -> Option<Problem> {
    let starts_in_evidence =
        matches!(segments.first(), Some(PathSegment::Key(k)) if k == "evidence");
    let (found, missing) = first_missing(root, segments);
    if missing.is_none() && !segments.is_empty() && !starts_in_evidence {
        return None;
    }
    let keys: Vec<&str> = match &found.value {
        Value::Map(map) => map
            .iter()
            .map(|(k, _)| k.name.as_str())
            .filter(|k| *k != "evidence")
            .collect(),
        _ => Vec::new(),
    };
    let help = match (missing, &found.value) {
        (Some((depth, PathSegment::Key(name))), Value::Map(_)) => {
            match suggest::closest(name, keys.iter().copied()) {
                Some(close) => {
                    let mut fixed = segments.to_vec();
                    if let Some(segment) = fixed.get_mut(depth) {
                        *segment = PathSegment::Key(close.to_string());
                    }
                    format!("did you mean `{}`?", format_path(&fixed))
                }
                None => format!(
                    "there, the file has: {}",
                    suggest::list(keys.iter().copied())
                ),
            }
        }
        (Some(_), Value::Seq(items)) => {
            format!(
                "there, the list has indices 0 to {}",
                items.len().saturating_sub(1)
            )
        }
        _ => "write the path of a value of this file, e.g. `entities.acme.shareholders[0]`"
            .to_string(),
    };
    Some(
        Problem::new(
            Code::InvalidValue,
            format!("`evidence`: `{key}` is not the path of a value of this file"),
        )
        .at(span, "no such value")
        .help(help),
    )
}

/// The deepest node the path reaches, and the first segment it cannot follow (with
/// its position), if any.
fn first_missing<'a>(
    root: &'a Node,
    segments: &'a [PathSegment],
) -> (&'a Node, Option<(usize, &'a PathSegment)>) {
    let mut node = root;
    for (depth, segment) in segments.iter().enumerate() {
        let next = match (segment, &node.value) {
            (PathSegment::Key(k), Value::Map(_)) => node.get(k),
            (PathSegment::Index(i), Value::Seq(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(child) => node = child,
            None => return (node, Some((depth, segment))),
        }
    }
    (node, None)
}

/// Finds `evidence` records written next to values, below the file's top level.
fn inline(
    node: &Node,
    path: &[PathSegment],
    stated: &BTreeMap<String, Span>,
    as_of: Option<Date>,
    problems: &mut Vec<Problem>,
) {
    match &node.value {
        Value::Map(map) => {
            for (key, child) in map {
                if key.name == "evidence" {
                    // At the top level it is the section; in a certification a text
                    // reference, which states no grade.
                    if path.is_empty() || !matches!(child.value, Value::Map(_)) {
                        continue;
                    }
                    let here = format_path(path);
                    if stated.contains_key(&here) {
                        problems.push(twice(&here, key.span));
                    }
                    problems.extend(record_problems(child, as_of));
                    continue;
                }
                let mut next = path.to_vec();
                next.push(PathSegment::Key(key.name.clone()));
                inline(child, &next, stated, as_of, problems);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let mut next = path.to_vec();
                next.push(PathSegment::Index(i));
                inline(item, &next, stated, as_of, problems);
            }
        }
        _ => {}
    }
}

fn future(text: &str, as_of: Date, span: Span) -> Problem {
    Problem::new(
        Code::InvalidDate,
        format!("`evidence`: the document is dated {text}, after the assessment date {as_of}"),
    )
    .at(span, "after the assessment date")
    .help(
        "a source cannot be dated after the assessment: correct the date, or assess at \
         a later date (`--as-of`)",
    )
}

fn twice(path: &str, span: Span) -> Problem {
    Problem::new(
        Code::InvalidValue,
        format!("the source of `{path}` is stated twice"),
    )
    .at(span, "also stated in the `evidence` section")
    .help("keep one statement: next to the values, or in the `evidence` section")
}

/// What the structure cannot say of one record: a document beyond the provider's
/// word is named (and not by an empty text), its date is a date no later than the
/// assessment, and its digest is a SHA-256.
fn record_problems(record: &Node, as_of: Option<Date>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let source = record
        .get("source")
        .and_then(as_str)
        .and_then(|s| serde_json::from_value::<Source>(s.into()).ok());
    let named = record.get("reference").is_some() || record.get("url").is_some();
    if let Some(source) = source.filter(|s| *s != Source::SelfDeclared && !named) {
        problems.push(
            Problem::new(
                Code::MissingKey,
                format!("a `{source}` source must say which document it is"),
            )
            .at(record.span, "no `reference` or `url`")
            .help("add `reference:` (its number or title) or `url:`, or write `source: self-declared`"),
        );
    }
    for key in ["reference", "url"] {
        if let Some(node) = record.get(key)
            && as_str(node).is_some_and(|text| text.trim().is_empty())
        {
            problems.push(
                Problem::new(Code::InvalidValue, format!("`evidence`: `{key}` is empty"))
                    .at(node.span, "empty")
                    .help(format!(
                        "write the document's {}, or remove the key",
                        if key == "url" {
                            "address"
                        } else {
                            "number or title"
                        }
                    )),
            );
        }
    }
    if let Some(node) = record.get("date")
        && let Some(text) = as_str(node)
    {
        match parse_date(text) {
            Err(help) => problems.push(
                Problem::new(
                    Code::InvalidDate,
                    format!("`evidence`: `{text}` is not a date"),
                )
                .at(node.span, "not a date")
                .help(help),
            ),
            Ok(date) => {
                if let Some(as_of) = as_of
                    && date > as_of
                {
                    problems.push(future(text, as_of, node.span));
                }
            }
        }
    }
    if let Some(node) = record.get("sha256")
        && let Some(text) = as_str(node)
        && !(text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        problems.push(
            Problem::new(
                Code::InvalidValue,
                "`evidence`: `sha256` is not a SHA-256 digest",
            )
            .at(node.span, "not 64 hexadecimal digits")
            .help("write the document's SHA-256 as 64 hexadecimal digits (`sha256sum FILE`)"),
        );
    }
    problems
}
