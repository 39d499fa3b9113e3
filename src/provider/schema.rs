//! The JSON Schemas the structural check runs against, and the reading of them that
//! turns a validation error into a precise message.
//!
//! The schemas are generated from the serde types in [`raw`](super::raw) (and the
//! registry header), so the published schema and the check cannot disagree. Error
//! messages are not built from the validator's wording: the subschema at the failing
//! place is read back (following `$ref` and the `anyOf [T, null]` that schemars emits
//! for `Option<T>`) to say exactly which keys, values, types and ranges are valid.

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value};

use super::json_schema::Validator;
use super::raw;
use super::registry::RegistryFile;

/// A generated schema, checked against and read back for messages.
pub struct CompiledSchema {
    root: Value,
}

/// The JSON Schema of a provider file (format version 1 and its extensions).
pub fn provider_schema() -> Value {
    generate::<raw::ProviderFile>()
}

/// The compiled schema of a whole provider file.
pub(super) fn provider() -> &'static CompiledSchema {
    static SCHEMA: OnceLock<CompiledSchema> = OnceLock::new();
    SCHEMA.get_or_init(|| CompiledSchema::compile(provider_schema()))
}

/// The compiled schema of one entity, for registries checked entity by entity.
pub(super) fn entity() -> &'static CompiledSchema {
    static SCHEMA: OnceLock<CompiledSchema> = OnceLock::new();
    SCHEMA.get_or_init(|| CompiledSchema::compile(generate::<raw::Entity>()))
}

/// The JSON Schema of an entity registry file.
pub fn registry_schema() -> Value {
    generate::<RegistryFile>()
}

/// The compiled schema of a registry file's top level: its entities are checked one
/// by one against [`entity`], so that no JSON copy of a large registry is held.
pub(super) fn registry_header() -> &'static CompiledSchema {
    static SCHEMA: OnceLock<CompiledSchema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut header = registry_schema();
        if let Some(entities) = header.pointer_mut("/properties/entities") {
            *entities = serde_json::json!({"type": "object"});
        }
        CompiledSchema::compile(header)
    })
}

fn generate<T: JsonSchema>() -> Value {
    SchemaSettings::draft2020_12()
        .with_transform(BoundUnsigned)
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

/// Adds the upper bound that `format: uint32` implies, so that a count too large for
/// the typed model is reported on its value instead of failing the conversion.
#[derive(Clone)]
struct BoundUnsigned;

impl Transform for BoundUnsigned {
    fn transform(&mut self, schema: &mut Schema) {
        if schema.get("format").and_then(Value::as_str) == Some("uint32") {
            schema.insert("maximum".into(), Value::from(u32::MAX));
        }
        transform_subschemas(self, schema);
    }
}

impl CompiledSchema {
    fn compile(root: Value) -> CompiledSchema {
        CompiledSchema { root }
    }

    /// The validator.
    pub fn validator(&self) -> Validator<'_> {
        Validator::new(&self.root)
    }

    /// The root schema, resolved.
    pub fn root(&self) -> Subschema<'_> {
        self.resolve(&self.root)
    }

    /// The subschema of the property `key` (or of any key, for maps) of `parent`.
    #[cfg(test)]
    pub fn property<'s>(&'s self, parent: Subschema<'s>, key: &str) -> Option<Subschema<'s>> {
        self.property_for(parent, key, None)
    }

    /// The subschema of the items of the list `parent`.
    #[cfg(test)]
    pub fn items<'s>(&'s self, parent: Subschema<'s>) -> Option<Subschema<'s>> {
        self.items_for(parent, None)
    }

    /// The subschema of the property `key` (or of any key, for maps) of `parent`, for
    /// a value of JSON type `found`: of a value with several forms, the form of that type.
    pub fn property_for<'s>(
        &'s self,
        parent: Subschema<'s>,
        key: &str,
        found: Option<&str>,
    ) -> Option<Subschema<'s>> {
        let object = parent.object?;
        let child = object
            .get("properties")
            .and_then(|p| p.get(key))
            .or_else(|| object.get("additionalProperties").filter(|a| a.is_object()))?;
        Some(self.resolve_for(child, found))
    }

    /// The subschema of the items of the list `parent`, for an item of type `found`.
    pub fn items_for<'s>(
        &'s self,
        parent: Subschema<'s>,
        found: Option<&str>,
    ) -> Option<Subschema<'s>> {
        let items = parent.object?.get("items")?;
        Some(self.resolve_for(items, found))
    }

    /// Follows `$ref` and picks the non-null branch of `anyOf`/`oneOf`.
    fn resolve<'s>(&'s self, schema: &'s Value) -> Subschema<'s> {
        self.resolve_for(schema, None)
    }

    /// Follows `$ref` and picks the non-null branch of `anyOf`/`oneOf`; of several,
    /// the one that accepts the JSON type `found` when one does.
    fn resolve_for<'s>(&'s self, mut schema: &'s Value, found: Option<&str>) -> Subschema<'s> {
        // Generated schemas nest at most a reference inside an `anyOf`; the bound only
        // guards against a reference cycle.
        for _ in 0..8 {
            if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
                match self.definition(target) {
                    Some(found) => schema = found,
                    None => break,
                }
            } else if let Some(branch) = self.non_null_branch(schema, found) {
                schema = branch;
            } else {
                break;
            }
        }
        Subschema {
            object: schema.as_object(),
        }
    }

    fn non_null_branch<'s>(&'s self, schema: &'s Value, found: Option<&str>) -> Option<&'s Value> {
        let branches: Vec<&Value> = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))?
            .as_array()?
            .iter()
            .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        let accepts = |branch: &&&Value| {
            let target = branch
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| self.definition(r))
                .unwrap_or(*branch);
            let types = Subschema {
                object: target.as_object(),
            }
            .types();
            found.is_some_and(|t| {
                types.contains(&t) || (t == "integer" && types.contains(&"number"))
            })
        };
        branches
            .iter()
            .find(accepts)
            .or_else(|| branches.first())
            .copied()
    }

    fn definition(&self, reference: &str) -> Option<&Value> {
        let name = reference.strip_prefix("#/$defs/")?;
        self.root.get("$defs")?.get(name)
    }
}

/// A resolved subschema: what is valid at one place of a document.
#[derive(Clone, Copy)]
pub struct Subschema<'s> {
    object: Option<&'s Map<String, Value>>,
}

impl<'s> Subschema<'s> {
    /// The JSON types accepted, `null` left out (it only marks optional fields).
    pub fn types(&self) -> Vec<&'s str> {
        match self.get("type") {
            Some(Value::String(one)) => vec![one.as_str()],
            Some(Value::Array(many)) => many
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether a value of JSON type `name` is accepted.
    pub fn accepts(&self, name: &str) -> bool {
        let types = self.types();
        types.is_empty()
            || types.contains(&name)
            || (name == "integer" && types.contains(&"number"))
    }

    /// The property names a mapping may have.
    pub fn property_names(&self) -> Vec<&'s str> {
        match self.get("properties") {
            Some(Value::Object(properties)) => properties.keys().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The allowed values, for an enumeration.
    pub fn enum_values(&self) -> Option<Vec<&'s str>> {
        let values = self.get("enum")?.as_array()?;
        Some(values.iter().filter_map(Value::as_str).collect())
    }

    /// The inclusive lower bound of a number.
    pub fn minimum(&self) -> Option<f64> {
        self.get("minimum").and_then(Value::as_f64)
    }

    /// The inclusive upper bound of a number.
    pub fn maximum(&self) -> Option<f64> {
        self.get("maximum").and_then(Value::as_f64)
    }

    /// A percentage: a number from 0 to 100.
    pub fn is_percent(&self) -> bool {
        self.accepts("number")
            && !self.types().contains(&"integer")
            && self.minimum() == Some(0.0)
            && self.maximum() == Some(100.0)
    }

    /// The least number of items a list must have, when the schema sets one.
    pub fn min_items(&self) -> Option<u64> {
        self.get("minItems").and_then(Value::as_u64)
    }

    fn get(&self, key: &str) -> Option<&'s Value> {
        self.object?.get(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `pattern` of a value.
    fn patterns<'v>(value: &'v Value, found: &mut Vec<&'v str>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    match (key.as_str(), child) {
                        ("pattern", Value::String(p)) => found.push(p),
                        _ => patterns(child, found),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| patterns(item, found)),
            _ => {}
        }
    }

    #[test]
    fn every_pattern_of_the_schemas_is_understood_by_the_validator() {
        let mut found = Vec::new();
        let (provider, registry) = (provider_schema(), registry_schema());
        patterns(&provider, &mut found);
        patterns(&registry, &mut found);
        assert!(!found.is_empty(), "the digests have a pattern");
        for pattern in found {
            assert!(
                crate::provider::json_schema::hex_length(pattern).is_some(),
                "`{pattern}` is not checked by the built-in matcher"
            );
        }
    }

    #[test]
    fn the_validator_rejects_a_bad_digest() {
        let schema = provider();
        let good = "a".repeat(64);
        for (digest, valid) in [(good.as_str(), true), ("abc", false)] {
            let text = format!(
                "trustcheck: 1\nprovider: p\noffer: {{}}\nentities:\n  p:\n    country: FR\n\
                 \x20   evidence: {{source: self-declared, sha256: {digest}}}\n"
            );
            let json = crate::yaml::parse(&text).unwrap().to_json();
            let errors = schema.validator().errors(&json);
            assert_eq!(errors.is_empty(), valid, "{text}: {errors:?}");
        }
    }

    #[test]
    fn walks_through_refs_options_and_maps() {
        let schema = provider();
        let entities = schema.property(schema.root(), "entities").unwrap();
        let entity = schema.property(entities, "any-id").unwrap();
        assert!(entity.property_names().contains(&"shareholders"));
        let holdings = schema.property(entity, "shareholders").unwrap();
        assert_eq!(holdings.types(), vec!["array"]);
        let holding = schema.items(holdings).unwrap();
        assert!(schema.property(holding, "capital").unwrap().is_percent());
        assert!(schema.property(holding, "voting").unwrap().is_percent());
        let kind = schema.property(entity, "kind").unwrap();
        assert!(kind.enum_values().unwrap().contains(&"free-float"));
    }

    #[test]
    fn unknown_properties_have_no_subschema() {
        let schema = provider();
        let offer = schema.property(schema.root(), "offer").unwrap();
        assert!(schema.property(offer, "nonsense").is_none());
    }

    #[test]
    fn counts_are_bounded_to_what_the_model_holds() {
        let schema = provider();
        let offer = schema.property(schema.root(), "offer").unwrap();
        let contract = schema.property(offer, "contract").unwrap();
        let days = schema.property(contract, "deletion_notice_days").unwrap();
        assert_eq!(days.maximum(), Some(f64::from(u32::MAX)));
        assert!(!days.is_percent());
    }
}
