//! A small JSON Schema validator for the keywords trustcheck's schemas use.
//!
//! The schemas of provider files and registries are generated from the serde types
//! (see [`schema`](super::schema)); the structural check only needs the keywords
//! schemars emits for them, so a general-purpose validator (and its many crates) is
//! not worth its cost. Supported: `$ref` (to `#/$defs/…`, `#/definitions/…` or any
//! JSON pointer into the root), `type`, `enum`, `const`, `properties`, `required`,
//! `additionalProperties`, `patternProperties` (only with a pattern matcher),
//! `items` (one schema or a tuple), `minItems`, `maxItems`, `uniqueItems`,
//! `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`,
//! `maxLength`, `pattern`, `anyOf`, `oneOf`, `allOf`, `not` and, when asked for,
//! the formats `uri`, `uri-reference`, `date` and `date-time`. Other keywords are
//! annotations here and do not constrain.
//!
//! Every error is reported, with the JSON pointer of the value it concerns; a value
//! that fails every branch of `anyOf` or `oneOf` carries the errors of each branch.

use serde_json::{Map, Value};

/// Decides whether a string matches a `pattern` of the schema.
pub type PatternMatcher = fn(pattern: &str, text: &str) -> bool;

/// A validator for one root schema.
#[derive(Clone, Copy)]
pub struct Validator<'s> {
    root: &'s Value,
    pattern: PatternMatcher,
    formats: bool,
}

/// Why a value is invalid.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// Keys that neither `properties` nor `patternProperties` allow.
    AdditionalProperties { unexpected: Vec<String> },
    /// A key named in `required` is absent.
    Required { property: String },
    /// The value's JSON type is not among these.
    Type { expected: Vec<String> },
    /// The value fails every branch of an `anyOf` or `oneOf`: the errors of each.
    AnyOf { context: Vec<Vec<ValidationError>> },
    /// Any other constraint (enumeration, range, length, pattern…).
    Other,
}

/// One error: where, why, and in words.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    /// The JSON pointer of the invalid value (`""` for the document).
    pub instance_path: String,
    pub kind: ErrorKind,
    pub message: String,
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl<'s> Validator<'s> {
    /// A validator of `root`, with the built-in pattern matcher and formats ignored.
    pub fn new(root: &'s Value) -> Self {
        Validator {
            root,
            pattern: builtin_pattern,
            formats: false,
        }
    }

    /// The same validator, matching `pattern` with `matcher`.
    pub fn with_patterns(self, matcher: PatternMatcher) -> Self {
        Validator {
            pattern: matcher,
            ..self
        }
    }

    /// The same validator, checking the formats it knows.
    pub fn with_formats(self) -> Self {
        Validator {
            formats: true,
            ..self
        }
    }

    /// Every error of `instance`.
    pub fn errors(&self, instance: &Value) -> Vec<ValidationError> {
        let mut out = Vec::new();
        let mut path = String::new();
        self.check(self.root, instance, &mut path, &mut out, 0);
        out
    }

    /// Whether `instance` is valid.
    pub fn is_valid(&self, instance: &Value) -> bool {
        self.errors(instance).is_empty()
    }

    fn check(
        &self,
        schema: &Value,
        value: &Value,
        path: &mut String,
        out: &mut Vec<ValidationError>,
        depth: usize,
    ) {
        let error = |path: &str, kind: ErrorKind, message: String| ValidationError {
            instance_path: path.to_string(),
            kind,
            message,
        };
        let schema = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                out.push(error(
                    path,
                    ErrorKind::Other,
                    "no value is allowed here".into(),
                ));
                return;
            }
            Value::Object(schema) => schema,
            _ => return,
        };
        // Generated schemas nest a few references; a cycle must not recurse forever.
        if depth > 256 {
            out.push(error(
                path,
                ErrorKind::Other,
                "the schema nests too deeply".into(),
            ));
            return;
        }
        if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
            match self.reference(target) {
                Some(target) => self.check(target, value, path, out, depth + 1),
                None => out.push(error(
                    path,
                    ErrorKind::Other,
                    format!("the schema's reference `{target}` leads nowhere"),
                )),
            }
        }
        if let Some(types) = schema.get("type") {
            let expected: Vec<String> = match types {
                Value::String(one) => vec![one.clone()],
                Value::Array(many) => many
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                _ => Vec::new(),
            };
            if !expected.iter().any(|t| has_type(value, t)) {
                let message = format!("{value} is not of type {}", expected.join(" or "));
                out.push(error(path, ErrorKind::Type { expected }, message));
                // The other keywords of this schema are about values of its type.
                return;
            }
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array)
            && !values.iter().any(|v| same(v, value))
        {
            out.push(error(
                path,
                ErrorKind::Other,
                format!("{value} is not one of {}", Value::Array(values.clone())),
            ));
        }
        if let Some(constant) = schema.get("const")
            && !same(constant, value)
        {
            out.push(error(
                path,
                ErrorKind::Other,
                format!("{constant} was expected"),
            ));
        }
        self.branches(schema, value, path, out, depth);
        match value {
            Value::Object(map) => self.object(schema, map, path, out, depth),
            Value::Array(items) => self.array(schema, items, path, out, depth),
            Value::String(text) => self.string(schema, text, path, out),
            Value::Number(_) => number(schema, value, path, out),
            Value::Null | Value::Bool(_) => {}
        }
    }

    fn branches(
        &self,
        schema: &Map<String, Value>,
        value: &Value,
        path: &mut String,
        out: &mut Vec<ValidationError>,
        depth: usize,
    ) {
        for keyword in ["anyOf", "oneOf"] {
            let Some(branches) = schema.get(keyword).and_then(Value::as_array) else {
                continue;
            };
            let results: Vec<Vec<ValidationError>> = branches
                .iter()
                .map(|branch| {
                    let mut inner = Vec::new();
                    self.check(branch, value, path, &mut inner, depth + 1);
                    inner
                })
                .collect();
            let passing = results.iter().filter(|r| r.is_empty()).count();
            if passing == 0 {
                out.push(ValidationError {
                    instance_path: path.clone(),
                    message: format!(
                        "{value} is not valid under any of the schemas listed in `{keyword}`"
                    ),
                    kind: ErrorKind::AnyOf { context: results },
                });
            } else if keyword == "oneOf" && passing > 1 {
                out.push(ValidationError {
                    instance_path: path.clone(),
                    kind: ErrorKind::Other,
                    message: format!(
                        "{value} is valid under more than one of the schemas listed in `oneOf`"
                    ),
                });
            }
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            for branch in all {
                self.check(branch, value, path, out, depth + 1);
            }
        }
        if let Some(not) = schema.get("not") {
            let mut inner = Vec::new();
            self.check(not, value, path, &mut inner, depth + 1);
            if inner.is_empty() {
                out.push(ValidationError {
                    instance_path: path.clone(),
                    kind: ErrorKind::Other,
                    message: format!("{value} should not be valid under {not}"),
                });
            }
        }
    }

    fn object(
        &self,
        schema: &Map<String, Value>,
        map: &Map<String, Value>,
        path: &mut String,
        out: &mut Vec<ValidationError>,
        depth: usize,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let patterns = schema.get("patternProperties").and_then(Value::as_object);
        for property in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !map.contains_key(property) {
                out.push(ValidationError {
                    instance_path: path.clone(),
                    kind: ErrorKind::Required {
                        property: property.to_string(),
                    },
                    message: format!("\"{property}\" is a required property"),
                });
            }
        }
        let additional = schema.get("additionalProperties");
        let mut unexpected = Vec::new();
        for (key, child) in map {
            let mut known = false;
            let length = path.len();
            push_pointer(path, key);
            if let Some(child_schema) = properties.and_then(|p| p.get(key)) {
                known = true;
                self.check(child_schema, child, path, out, depth + 1);
            }
            for (pattern, child_schema) in patterns.into_iter().flatten() {
                if (self.pattern)(pattern, key) {
                    known = true;
                    self.check(child_schema, child, path, out, depth + 1);
                }
            }
            if !known {
                match additional {
                    Some(Value::Bool(false)) => unexpected.push(key.clone()),
                    Some(other) => self.check(other, child, path, out, depth + 1),
                    None => {}
                }
            }
            path.truncate(length);
        }
        if !unexpected.is_empty() {
            let message = format!(
                "Additional properties are not allowed ({} unexpected)",
                unexpected.join(", ")
            );
            out.push(ValidationError {
                instance_path: path.clone(),
                kind: ErrorKind::AdditionalProperties { unexpected },
                message,
            });
        }
    }

    fn array(
        &self,
        schema: &Map<String, Value>,
        items: &[Value],
        path: &mut String,
        out: &mut Vec<ValidationError>,
        depth: usize,
    ) {
        let mut other = |message: String, path: &str| {
            out.push(ValidationError {
                instance_path: path.to_string(),
                kind: ErrorKind::Other,
                message,
            })
        };
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64)
            && (items.len() as u64) < min
        {
            other(format!("the list has fewer than {min} items"), path);
        }
        if let Some(max) = schema.get("maxItems").and_then(Value::as_u64)
            && (items.len() as u64) > max
        {
            other(format!("the list has more than {max} items"), path);
        }
        if schema.get("uniqueItems").and_then(Value::as_bool) == Some(true)
            && items
                .iter()
                .enumerate()
                .any(|(i, a)| items.iter().skip(i + 1).any(|b| same(a, b)))
        {
            other("the list has repeated items".into(), path);
        }
        for (index, item) in items.iter().enumerate() {
            let schema_of_item = match schema.get("items") {
                Some(Value::Array(tuple)) => {
                    tuple.get(index).or_else(|| schema.get("additionalItems"))
                }
                Some(one) => Some(one),
                None => None,
            };
            if let Some(item_schema) = schema_of_item {
                let length = path.len();
                push_pointer(path, &index.to_string());
                self.check(item_schema, item, path, out, depth + 1);
                path.truncate(length);
            }
        }
    }

    fn string(
        &self,
        schema: &Map<String, Value>,
        text: &str,
        path: &str,
        out: &mut Vec<ValidationError>,
    ) {
        let mut other = |message: String| {
            out.push(ValidationError {
                instance_path: path.to_string(),
                kind: ErrorKind::Other,
                message,
            })
        };
        let length = text.chars().count() as u64;
        if let Some(min) = schema.get("minLength").and_then(Value::as_u64)
            && length < min
        {
            other(format!("\"{text}\" is shorter than {min} characters"));
        }
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64)
            && length > max
        {
            other(format!("\"{text}\" is longer than {max} characters"));
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str)
            && !(self.pattern)(pattern, text)
        {
            other(format!("\"{text}\" does not match \"{pattern}\""));
        }
        if self.formats
            && let Some(format) = schema.get("format").and_then(Value::as_str)
            && !format_holds(format, text)
        {
            other(format!("\"{text}\" is not a \"{format}\""));
        }
    }

    fn reference(&self, target: &str) -> Option<&'s Value> {
        let pointer = target.strip_prefix('#')?;
        if pointer.is_empty() {
            return Some(self.root);
        }
        self.root.pointer(pointer)
    }
}

/// A numeric keyword, its wording, and when a number breaks it.
type Bound = (&'static str, &'static str, fn(f64, f64) -> bool);

fn number(schema: &Map<String, Value>, value: &Value, path: &str, out: &mut Vec<ValidationError>) {
    let Some(n) = value.as_f64() else {
        return;
    };
    let checks: [Bound; 4] = [
        ("minimum", "less than the minimum of", |n, l| n < l),
        ("maximum", "greater than the maximum of", |n, l| n > l),
        ("exclusiveMinimum", "not greater than", |n, l| n <= l),
        ("exclusiveMaximum", "not less than", |n, l| n >= l),
    ];
    for (keyword, words, fails) in checks {
        if let Some(limit) = schema.get(keyword).and_then(Value::as_f64)
            && fails(n, limit)
        {
            out.push(ValidationError {
                instance_path: path.to_string(),
                kind: ErrorKind::Other,
                message: format!("{value} is {words} {limit}"),
            });
        }
    }
}

/// Whether `value` is of the JSON Schema type `name`; an integer is a number
/// without a fractional part, however written.
fn has_type(value: &Value, name: &str) -> bool {
    match (name, value) {
        ("null", Value::Null)
        | ("boolean", Value::Bool(_))
        | ("string", Value::String(_))
        | ("array", Value::Array(_))
        | ("object", Value::Object(_))
        | ("number", Value::Number(_)) => true,
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
}

/// JSON equality, where numbers are compared by value (`1` equals `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, a)| y.get(key).is_some_and(|b| same(a, b)))
        }
        _ => a == b,
    }
}

fn push_pointer(path: &mut String, segment: &str) {
    path.push('/');
    for c in segment.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

/// The patterns trustcheck's own schemas use: `^[0-9a-fA-F]{N}$` (a hex digest).
/// Any other pattern is not understood and so does not constrain; a test checks
/// that the generated schemas use no other.
pub fn builtin_pattern(pattern: &str, text: &str) -> bool {
    match hex_length(pattern) {
        Some(n) => text.len() == n && text.bytes().all(|b| b.is_ascii_hexdigit()),
        None => true,
    }
}

/// `N` for the pattern `^[0-9a-fA-F]{N}$`.
pub fn hex_length(pattern: &str) -> Option<usize> {
    pattern
        .strip_prefix("^[0-9a-fA-F]{")?
        .strip_suffix("}$")?
        .parse()
        .ok()
}

fn format_holds(format: &str, text: &str) -> bool {
    match format {
        "uri" => {
            let Some((scheme, _)) = text.split_once(':') else {
                return false;
            };
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !text.contains(char::is_whitespace)
        }
        "uri-reference" => !text.contains(char::is_whitespace),
        "date" => text.parse::<jiff::civil::Date>().is_ok(),
        "date-time" => text.parse::<jiff::Timestamp>().is_ok(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(schema: Value, instance: Value) -> Vec<ValidationError> {
        Validator::new(&schema).errors(&instance)
    }

    #[test]
    fn checks_types_enums_and_ranges() {
        let schema = json!({"type": "object", "properties": {
            "n": {"type": "integer", "minimum": 0, "maximum": 10},
            "e": {"enum": ["a", "b"]},
            "s": {"type": "string", "minLength": 2, "pattern": "^[0-9a-fA-F]{4}$"}
        }});
        assert!(errors(schema.clone(), json!({"n": 3, "e": "a", "s": "00ff"})).is_empty());
        let found = errors(schema.clone(), json!({"n": 11, "e": "c", "s": "x"}));
        assert_eq!(found.len(), 4, "{found:?}");
        let found = errors(schema, json!({"n": "3"}));
        assert_eq!(found[0].instance_path, "/n");
        assert!(matches!(found[0].kind, ErrorKind::Type { .. }));
    }

    #[test]
    fn reports_unknown_and_missing_keys_with_their_place() {
        let schema = json!({"$defs": {"o": {"type": "object", "required": ["a"],
            "properties": {"a": true}, "additionalProperties": false}},
            "type": "object", "additionalProperties": {"$ref": "#/$defs/o"}});
        let found = errors(schema, json!({"x/y": {"b": 1}}));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].instance_path, "/x~1y");
        assert_eq!(
            found[0].kind,
            ErrorKind::Required {
                property: "a".into()
            }
        );
        assert_eq!(
            found[1].kind,
            ErrorKind::AdditionalProperties {
                unexpected: vec!["b".into()]
            }
        );
    }

    #[test]
    fn branches_carry_their_own_errors() {
        let schema = json!({"anyOf": [{"type": "string"}, {"type": "array", "minItems": 1}]});
        assert!(errors(schema.clone(), json!("a")).is_empty());
        assert!(errors(schema.clone(), json!(["a"])).is_empty());
        let found = errors(schema, json!([]));
        let ErrorKind::AnyOf { context } = &found[0].kind else {
            panic!("{found:?}");
        };
        assert_eq!(context.len(), 2);
        let one_of = json!({"oneOf": [{"type": "number"}, {"type": "integer"}]});
        assert_eq!(errors(one_of.clone(), json!(1)).len(), 1);
        assert!(errors(one_of, json!(1.5)).is_empty());
        assert_eq!(errors(json!({"not": {"const": 0}}), json!(0)).len(), 1);
    }

    #[test]
    fn lists_are_checked_item_by_item() {
        let schema = json!({"type": "array", "items": {"type": "integer"}, "uniqueItems": true});
        let found = errors(schema, json!([1, "a", 1]));
        let paths: Vec<&str> = found.iter().map(|e| e.instance_path.as_str()).collect();
        assert_eq!(paths, vec!["", "/1"]);
    }

    #[test]
    fn formats_are_checked_only_when_asked() {
        let schema = json!({"type": "string", "format": "uri"});
        assert!(Validator::new(&schema).is_valid(&json!("not a uri")));
        let strict = Validator::new(&schema).with_formats();
        assert!(!strict.is_valid(&json!("not a uri")));
        assert!(strict.is_valid(&json!("file:///a/b")));
    }

    #[test]
    fn a_reference_that_leads_nowhere_is_an_error() {
        assert_eq!(errors(json!({"$ref": "#/$defs/none"}), json!(1)).len(), 1);
    }
}
