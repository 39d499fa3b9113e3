//! YAML parsing into a generic tree whose every node knows where it came from.
//!
//! trustcheck parses each YAML document once, into [`Node`]s that carry byte spans.
//! The tree is then checked against the JSON Schema of the expected type (so that
//! every structural error is reported, not just the first), converted into typed
//! values through `serde_json`, and kept as the [`SourceMap`] that turns a fact's
//! path back into a line and column.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Options, Spanned};

use crate::diagnostics::Span;

pub mod typed;

/// Limits applied to every YAML document trustcheck reads (documented in the README).
pub mod limits {
    /// Largest input file, in bytes.
    pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
    /// Deepest nesting of mappings and sequences.
    pub const MAX_DEPTH: usize = 64;
    /// Most YAML nodes in one document.
    pub const MAX_NODES: usize = 250_000;
    /// Most alias uses (`*name`) in one document.
    pub const MAX_ALIASES: usize = 1_000;
    /// Most events replayed through aliases in one document (billion-laughs guard).
    pub const MAX_ALIAS_REPLAY: usize = 100_000;
}

/// A YAML node with the byte span of its value in the source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

/// The value of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Seq(Vec<Node>),
    /// Keys keep their own spans so that an unknown key can be pointed at.
    Map(Vec<(Key, Node)>),
}

/// A mapping key and its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub span: Span,
    pub name: String,
}

/// A YAML syntax or limit error, with the position the parser gave.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub message: String,
    pub span: Option<Span>,
}

/// How much one document may hold, beyond the depth and alias [`limits`] that every
/// document shares.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Most YAML nodes.
    pub max_nodes: usize,
    /// Most parser events, when larger than the parser's default.
    pub max_events: Option<usize>,
    /// Let `.nan` and `.inf` through to the checks that name them, instead of
    /// refusing them while parsing.
    pub non_finite_numbers: bool,
}

impl Budget {
    /// The budget of a provider file.
    pub const PROVIDER: Budget = Budget {
        max_nodes: limits::MAX_NODES,
        max_events: None,
        non_finite_numbers: false,
    };
}

/// Parses one YAML document into a spanned tree, within [`limits`].
pub fn parse(text: &str) -> Result<Node, ParseError> {
    parse_within(text, Budget::PROVIDER)
}

/// Parser options with the limits of a provider file (depth, nodes, aliases and
/// their expansion), for YAML read straight into types (rule packs).
pub fn limited_options() -> Options {
    let mut options = Options::default();
    options.strict_booleans = true;
    let mut parser_budget = serde_saphyr::Budget::default();
    parser_budget.max_depth = limits::MAX_DEPTH;
    parser_budget.max_nodes = limits::MAX_NODES;
    parser_budget.max_aliases = limits::MAX_ALIASES;
    options.budget = Some(parser_budget);
    options.alias_limits.max_total_replayed_events = limits::MAX_ALIAS_REPLAY;
    options
}

/// Parses one YAML document into a spanned tree, within `budget`.
pub fn parse_within(text: &str, budget: Budget) -> Result<Node, ParseError> {
    let mut options = Options::default();
    // `NO` is Norway, not `false`: only YAML 1.2 booleans are booleans.
    options.strict_booleans = true;
    if budget.non_finite_numbers {
        options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    }
    let mut parser_budget = serde_saphyr::Budget::default();
    parser_budget.max_depth = limits::MAX_DEPTH;
    parser_budget.max_nodes = budget.max_nodes;
    parser_budget.max_aliases = limits::MAX_ALIASES;
    if let Some(events) = budget.max_events {
        parser_budget.max_events = events;
    }
    options.budget = Some(parser_budget);
    options.alias_limits.max_total_replayed_events = limits::MAX_ALIAS_REPLAY;
    let node: Option<Node> =
        serde_saphyr::from_str_with_options(text, options).map_err(|error| ParseError {
            span: error.location().and_then(|loc| location_span(&loc, text)),
            message: parse_message(&error),
        })?;
    node.ok_or(ParseError {
        message: "the document is empty".into(),
        span: None,
    })
}

/// The parser's message without its own snippet and position (miette draws ours).
fn parse_message(error: &serde_saphyr::Error) -> String {
    let full = error.to_string();
    let first = full.lines().next().unwrap_or_default();
    match first.find(" at line ") {
        Some(cut) => first[..cut].to_string(),
        None => first.to_string(),
    }
}

fn location_span(loc: &serde_saphyr::Location, text: &str) -> Option<Span> {
    if loc.line() == 0 {
        return None;
    }
    let span = loc.span();
    match span.byte_offset() {
        Some(offset) => Some(Span::new(
            offset as usize,
            span.byte_len().unwrap_or(0) as usize,
        )),
        None => Span::from_line_column(text, loc.line() as usize, loc.column() as usize),
    }
}

fn spanned_span<T>(spanned: &Spanned<T>) -> Span {
    let span = spanned.referenced.span();
    Span::new(
        span.byte_offset().unwrap_or(0) as usize,
        span.byte_len().unwrap_or(0) as usize,
    )
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        let span = spanned_span(&spanned);
        Ok(Node {
            span,
            value: spanned.value,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        i64::try_from(v)
            .map(Value::Int)
            .or(Ok(Value::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyName>>()? {
            let span = spanned_span(&key);
            let value = map.next_value::<Node>()?;
            entries.push((
                Key {
                    span,
                    name: key.value.0,
                },
                value,
            ));
        }
        Ok(Value::Map(entries))
    }
}

/// A mapping key read as text, whatever its YAML type (`1:` and `true:` are keys too).
struct KeyName(String);

impl<'de> Deserialize<'de> for KeyName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Ok(KeyName(match value {
            Value::String(s) => s,
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => "null".into(),
            Value::Seq(_) | Value::Map(_) => "<complex key>".into(),
        }))
    }
}

impl Node {
    /// Looks up a mapping entry by key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The span of a mapping key, for errors about the key itself.
    pub fn key_span(&self, key: &str) -> Option<Span> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.name == key)
                .map(|(k, _)| k.span),
            _ => None,
        }
    }

    /// Converts the tree to JSON for typed deserialisation and schema checks.
    /// Non-finite floats become strings so that the schema rejects them by name.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f)
                .map(J::Number)
                .unwrap_or_else(|| J::String(f.to_string())),
            Value::String(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// Follows a JSON-pointer-like list of segments; returns the deepest node reached
    /// and whether the whole path was found.
    pub fn resolve<'a>(&'a self, segments: &[PathSegment]) -> (&'a Node, bool) {
        let mut node = self;
        for segment in segments {
            let next = match (segment, &node.value) {
                (PathSegment::Key(k), Value::Map(_)) => node.get(k),
                (PathSegment::Index(i), Value::Seq(items)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => return (node, false),
            }
        }
        (node, true)
    }
}

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathSegment {
    Key(String),
    Index(usize),
}

/// Maps fact paths of one document to spans in its text.
#[derive(Debug, Clone)]
pub struct SourceMap {
    root: Node,
}

impl SourceMap {
    pub fn new(root: Node) -> Self {
        SourceMap { root }
    }

    /// The span of the value at `path` (dotted, with `[i]` indices), or of the
    /// deepest existing parent when the value is absent; `exact` tells which.
    pub fn locate(&self, path: &str) -> Located {
        let segments = parse_path(path);
        let (node, exact) = self.root.resolve(&segments);
        Located {
            span: node.span,
            exact,
        }
    }

    /// The root node.
    pub fn root(&self) -> &Node {
        &self.root
    }
}

/// Where a fact sits in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub span: Span,
    /// False when the fact is missing and `span` is its nearest parent's.
    pub exact: bool,
}

/// Splits `a.b[2].c` into segments. Keys may not contain `.` or `[` in paths.
pub fn parse_path(path: &str) -> Vec<PathSegment> {
    let mut segments = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            if open > 0 {
                segments.push(PathSegment::Key(rest[..open].to_string()));
            }
            rest = &rest[open..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let close = stripped.find(']').unwrap_or(stripped.len());
                if let Ok(i) = stripped[..close].parse() {
                    segments.push(PathSegment::Index(i));
                }
                rest = stripped.get(close + 1..).unwrap_or("");
            }
        } else {
            segments.push(PathSegment::Key(rest.to_string()));
        }
    }
    segments
}

/// Renders segments back into the dotted form.
pub fn format_path(segments: &[PathSegment]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            PathSegment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathSegment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_at_values_and_keys() {
        let text = "a: 1\nb:\n  c: [FR, DE]\n";
        let root = parse(text).unwrap();
        let c = root.get("b").unwrap().get("c").unwrap();
        let Value::Seq(items) = &c.value else {
            panic!()
        };
        assert_eq!(&text[items[1].span.offset..items[1].span.end()], "DE");
        let key = root.key_span("b").unwrap();
        assert_eq!(&text[key.offset..key.end()], "b");
    }

    #[test]
    fn norway_is_a_country_not_a_boolean() {
        let root = parse("country: NO\n").unwrap();
        assert_eq!(
            root.get("country").unwrap().value,
            Value::String("NO".into())
        );
    }

    #[test]
    fn duplicate_keys_are_refused_with_a_position() {
        let err = parse("a: 1\na: 2\n").unwrap_err();
        assert!(err.message.contains("duplicate"), "{}", err.message);
        assert!(err.span.is_some());
    }

    #[test]
    fn paths_round_trip() {
        let segments = parse_path("entities.acme.shareholders[1].capital");
        assert_eq!(
            format_path(&segments),
            "entities.acme.shareholders[1].capital"
        );
        assert_eq!(segments[3], PathSegment::Index(1));
    }

    #[test]
    fn missing_facts_locate_their_parent() {
        let text = "offer:\n  name: x\n";
        let map = SourceMap::new(parse(text).unwrap());
        let located = map.locate("offer.data.storage");
        assert!(!located.exact);
        assert_eq!(&text[located.span.offset..located.span.offset + 4], "name");
    }
}
