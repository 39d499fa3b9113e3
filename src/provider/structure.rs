//! Structural check: a document against the JSON Schema of its type, every error
//! reported at the exact node (or key) it concerns.
//!
//! The validator runs over `Node::to_json()` and reports JSON-pointer instance paths;
//! each is followed back through the spanned tree and, in step, through the schema,
//! so that a message can name the valid keys, values and types of that very place.

use std::collections::BTreeSet;

use crate::diagnostics::{Code, Problem};
use crate::yaml::{Key, Node, PathSegment, Value, format_path};

use super::describe::{self, Place};
use super::json_schema::{ErrorKind, ValidationError};
use super::schema::{CompiledSchema, Subschema};
use super::suggest;

/// Checks `json` (the JSON form of `root`) against `schema`. `prefix` is the path of
/// `root` in its file, for messages.
pub fn check(
    root: &Node,
    json: &serde_json::Value,
    schema: &CompiledSchema,
    text: &str,
    prefix: &[PathSegment],
) -> Vec<Problem> {
    let mut report = Report {
        root,
        schema,
        text,
        prefix,
        problems: Vec::new(),
        seen: BTreeSet::new(),
    };
    for error in schema.validator().errors(json) {
        report.add(&error);
    }
    report.problems
}

/// The problems found so far in one document, without repeats (a value can fail
/// both its type and its enumeration).
struct Report<'a> {
    root: &'a Node,
    schema: &'a CompiledSchema,
    text: &'a str,
    prefix: &'a [PathSegment],
    problems: Vec<Problem>,
    seen: BTreeSet<Identity>,
}

/// What makes two problems the same: span, code and message.
type Identity = (Option<(usize, usize)>, Code, String);

impl Report<'_> {
    fn add(&mut self, error: &ValidationError) {
        // `Option<T>` is `anyOf [T, null]`: the validator reports the `anyOf` on the
        // optional value, with the real errors (possibly deep inside it) in the
        // branch for `T`.
        // A value of several forms (`type: oiv` or `type: [gip, oiv]`) fails every
        // branch: report the branch for the value's own type.
        if let ErrorKind::AnyOf { context } = &error.kind
            && let Some(branch) = context
                .iter()
                .filter(|branch| !only_not_null(branch))
                .min_by_key(|branch| wrong_type_at(branch, error))
        {
            for inner in branch {
                self.add(inner);
            }
            return;
        }
        let pointer = error.instance_path.as_str();
        let found = locate(self.root, self.schema, pointer, self.prefix).unwrap_or_else(|| {
            // Unreachable for JSON made from the same tree; reported at the root
            // rather than panicking.
            Located {
                node: self.root,
                key: None,
                schema: None,
                path: self.prefix.to_vec(),
            }
        });
        for problem in problems_of(&found, &error.kind, &error.message, self.text) {
            let identity = (
                problem.span.map(|s| (s.offset, s.len)),
                problem.code,
                problem.message.clone(),
            );
            if self.seen.insert(identity) {
                self.problems.push(problem);
            }
        }
    }
}

/// Whether a branch of `anyOf` only says "this is not null".
fn only_not_null(branch: &[ValidationError]) -> bool {
    branch
        .iter()
        .all(|error| matches!(&error.kind, ErrorKind::Type { expected } if expected == &["null"]))
}

/// Whether a branch of `anyOf` is for another type than the value's own: then its
/// other errors (an unknown enum value, say) are beside the point.
fn wrong_type_at(branch: &[ValidationError], parent: &ValidationError) -> bool {
    branch.iter().any(|error| {
        matches!(error.kind, ErrorKind::Type { .. }) && error.instance_path == parent.instance_path
    })
}

/// A place in the document reached by an instance path.
struct Located<'a> {
    node: &'a Node,
    /// The key under which `node` sits, when its parent is a mapping.
    key: Option<&'a Key>,
    schema: Option<Subschema<'a>>,
    path: Vec<PathSegment>,
}

fn problems_of(found: &Located, kind: &ErrorKind, fallback: &str, text: &str) -> Vec<Problem> {
    match kind {
        ErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|name| unknown_key(found, name))
            .collect(),
        ErrorKind::Required { property } => vec![missing_key(found, property)],
        _ => {
            let place = Place {
                node: found.node,
                text,
                field: field_name(&found.path),
                schema: found.schema,
            };
            vec![describe::value_problem(&place, fallback)]
        }
    }
}

fn unknown_key(found: &Located, name: &str) -> Problem {
    let span = match &found.node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(key, _)| key.name == name)
            .map_or(found.node.span, |(key, _)| key.span),
        _ => found.node.span,
    };
    let valid = found.schema.map(|s| s.property_names()).unwrap_or_default();
    let help = match valid.as_slice() {
        [] => "remove this key".to_string(),
        _ => suggest::help(name, valid.iter().copied(), "valid keys here"),
    };
    Problem::new(
        Code::UnknownKey,
        format!("unknown key `{name}`{}", within(&found.path)),
    )
    .at(span, "unknown key")
    .help(help)
}

fn missing_key(found: &Located, name: &str) -> Problem {
    // A mapping is best pointed at by the key that names it (`offer:`); list items
    // and the document itself by their first key.
    let (span, label) = match found.key {
        Some(key) => (key.span, format!("`{name}` is required here")),
        None => (
            describe::value_span(found.node),
            format!("this mapping has no `{name}`"),
        ),
    };
    Problem::new(
        Code::MissingKey,
        format!("missing key `{name}`{}", within(&found.path)),
    )
    .at(span, label)
    .help(format!("add `{name}:` to this mapping"))
}

fn within(path: &[PathSegment]) -> String {
    match path {
        [] => " at the top level".into(),
        _ => format!(" in `{}`", format_path(path)),
    }
}

/// The last key of a path and the indices after it: `capital`, `storage[1]`.
fn field_name(path: &[PathSegment]) -> String {
    let start = path
        .iter()
        .rposition(|s| matches!(s, PathSegment::Key(_)))
        .unwrap_or(0);
    match path.get(start..) {
        Some(tail) if !tail.is_empty() => format_path(tail),
        _ => "document".into(),
    }
}

/// Follows a JSON pointer through the tree and the schema together.
fn locate<'a>(
    root: &'a Node,
    schema: &'a CompiledSchema,
    pointer: &str,
    prefix: &[PathSegment],
) -> Option<Located<'a>> {
    let mut found = Located {
        node: root,
        key: None,
        schema: Some(schema.root()),
        path: prefix.to_vec(),
    };
    for raw in pointer.split('/').skip(1) {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        match &found.node.value {
            Value::Map(entries) => {
                let (key, node) = entries.iter().find(|(key, _)| key.name == segment)?;
                let form = Some(describe::json_type(node));
                found.schema = found
                    .schema
                    .and_then(|s| schema.property_for(s, &segment, form));
                found.node = node;
                found.key = Some(key);
                found.path.push(PathSegment::Key(segment));
            }
            Value::Seq(items) => {
                let index: usize = segment.parse().ok()?;
                found.node = items.get(index)?;
                let form = Some(describe::json_type(found.node));
                found.schema = found.schema.and_then(|s| schema.items_for(s, form));
                found.key = None;
                found.path.push(PathSegment::Index(index));
            }
            _ => return None,
        }
    }
    Some(found)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::provider::schema;
    use crate::yaml::parse;

    pub(in crate::provider) fn problems(text: &str) -> Vec<Problem> {
        let root = parse(text).unwrap();
        check(&root, &root.to_json(), schema::provider(), text, &[])
    }

    pub(in crate::provider) fn minimal(entities: &str) -> String {
        format!("trustcheck: 1\nprovider: p\noffer: {{}}\nentities:\n{entities}")
    }

    pub(in crate::provider) fn at<'t>(text: &'t str, problem: &Problem) -> &'t str {
        let span = problem.span.unwrap();
        &text[span.offset..span.end()]
    }

    #[test]
    fn a_minimal_file_is_structurally_valid() {
        assert!(problems(&minimal("  p: {country: FR}\n")).is_empty());
    }

    #[test]
    fn unknown_keys_point_at_the_key_with_a_suggestion() {
        let text = minimal("  p:\n    sharehlders: []\n");
        let found = problems(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::UnknownKey);
        assert_eq!(at(&text, &found[0]), "sharehlders");
        assert_eq!(
            found[0].help.as_deref(),
            Some("did you mean `shareholders`?")
        );
        assert!(
            found[0].message.contains("entities.p"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn missing_keys_point_at_the_mapping_that_lacks_them() {
        let text = "trustcheck: 1\nprovider: p\nentities: {}\n";
        let found = problems(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::MissingKey);
        assert_eq!(at(text, &found[0]), "trustcheck");
        let text = minimal("  p:\n    shareholders:\n      - capital: 5\n");
        let found = problems(&text);
        assert_eq!(found[0].code, Code::MissingKey);
        assert_eq!(at(&text, &found[0]), "capital");
    }

    fn with_owner_type(owner_type: &str) -> String {
        format!(
            "{}workload:\n  owner: {{type: {owner_type}}}\n",
            minimal("  p: {country: FR}\n")
        )
    }

    #[test]
    fn owner_types_are_one_value_or_a_non_empty_list() {
        for valid in ["gip", "[gip]", "[gip, public-operator]"] {
            assert!(problems(&with_owner_type(valid)).is_empty(), "{valid}");
        }
        let text = with_owner_type("[]");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "`type`: the list is empty");
        assert!(at(&text, &found[0]).starts_with('['));
    }

    #[test]
    fn a_value_of_several_forms_is_judged_in_its_own_form() {
        // In a list, the wrong element is named, not the list as a wrong type.
        let text = with_owner_type("[gip, stat-administration]");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::InvalidValue);
        assert_eq!(at(&text, &found[0]), "stat-administration");
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("state-administration"),
            "{found:?}"
        );
        // A single value is still judged as one.
        let text = with_owner_type("stat-administration");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::InvalidValue);
        assert_eq!(at(&text, &found[0]), "stat-administration");
    }

    #[test]
    fn keys_with_slashes_and_digits_are_followed() {
        let text = minimal("  \"a/b\": {kind: x}\n  \"01\": {kind: y}\n");
        let mut found: Vec<&str> = problems(&text).iter().map(|p| at(&text, p)).collect();
        found.sort();
        assert_eq!(found, vec!["x", "y"]);
    }
}
