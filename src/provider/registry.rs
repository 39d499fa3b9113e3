//! Shared entity registries: large groups declared once, used by many provider files.
//!
//! A registry is `{trustcheck_registry: 1, entities: {id: Entity…}}`, the entities in
//! the provider file's format. A provider file names its registries in
//! `entities_from` (paths relative to it) and the caller may add more (the CLI's
//! `--entities`). An entity declared in several places must be declared identically.
//!
//! Registries may be large, so they have their own limits
//! ([`registry_limits`](super::syntax::registry_limits): 64 MiB and 4 million YAML
//! nodes; at most [`MAX_ENTITIES`](super::counts::MAX_ENTITIES) entities and
//! [`MAX_EDGES`](super::counts::MAX_EDGES) edges, per registry and for a provider
//! file with all its registries) and are checked entity by entity, so that no JSON
//! copy of a whole registry is held and the cost stays linear in its size. Measured
//! on a release build before the entity limit: 250,000 entities (28 MB) loaded in
//! about 4.5 s and 700 MB of memory, most of it the parser's time and the spanned
//! tree.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use schemars::JsonSchema;

use crate::diagnostics::{Code, InputErrors, LineIndex, Problem};
use crate::yaml::typed::from_node;
use crate::yaml::{Key, Node, PathSegment, Value};

use super::counts::{self, Tally};
use super::errors::file_errors;
use super::load::percentages_hold;
use super::validate::{check_registry, entries};
use super::{raw, schema, structure, syntax};

/// A registry file: shared entities in the format of a provider file's `entities`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistryFile {
    /// Registry format version: the integer 1.
    pub trustcheck_registry: u32,
    /// Shared entities by id.
    pub entities: BTreeMap<String, raw::Entity>,
}

/// The text of one registry file.
#[derive(Debug, Clone)]
pub struct RegistrySource {
    pub name: String,
    pub text: String,
}

/// An entity declared in a registry.
#[derive(Debug, Clone)]
pub struct SharedEntity {
    pub entity: raw::Entity,
    /// Where it is declared: `file:line:column`.
    pub origin: String,
}

/// Every entity of the registries a provider file uses, by id.
#[derive(Debug, Clone, Default)]
pub struct SharedEntities {
    pub entities: BTreeMap<String, SharedEntity>,
    /// The entities and edges the registries declare, counted against the limits
    /// of an assessment.
    pub tally: Tally,
}

/// Loads registries in order; the first one with problems is reported (its
/// entities would be wrong for every provider file that uses it).
/// Evidence records dated after `as_of`, when given, are refused.
pub fn load(
    sources: Vec<RegistrySource>,
    as_of: Option<Date>,
) -> Result<SharedEntities, InputErrors> {
    let mut parsed = Vec::with_capacity(sources.len());
    for source in sources {
        let root = match syntax::parse_registry(&source.name, &source.text) {
            Ok(root) if is_registry(&root) => root,
            Ok(_) => return Err(not_a_registry(&source.name)),
            Err(_) if !names_itself_a_registry(&source.text) => {
                return Err(not_a_registry(&source.name));
            }
            Err(errors) => return Err(errors),
        };
        parsed.push((source, root));
    }
    // A registry may refer to entities of another (a subsidiary held by a group
    // declared elsewhere), never to those of a provider file.
    let declared: BTreeSet<&str> = parsed
        .iter()
        .flat_map(|(_, root)| root.get("entities").map_or(&[][..], entries))
        .map(|(key, _)| key.name.as_str())
        .collect();
    let mut shared = SharedEntities::default();
    for (source, root) in &parsed {
        let (tally, mut problems) = counts::document(root);
        shared.tally = shared.tally.plus(tally);
        problems.extend(header_problems(source, root));
        problems.extend(check_registry(root, &declared));
        problems.extend(super::evidence::check(root, &BTreeSet::new(), as_of));
        shared.add_entities(source, root, &mut problems);
        if !problems.is_empty() {
            return Err(file_errors(&source.name, source.text.clone(), problems));
        }
    }
    Ok(shared)
}

/// Whether a parsed document says it is a registry (`trustcheck_registry` at its
/// top level), whatever else is wrong with it.
fn is_registry(root: &Node) -> bool {
    matches!(root.value, Value::Map(_)) && root.get("trustcheck_registry").is_some()
}

/// Whether a text that is not valid YAML starts a line with `trustcheck_registry`:
/// then its syntax errors are shown, with the lines around them.
fn names_itself_a_registry(text: &str) -> bool {
    text.lines()
        .any(|line| line.starts_with("trustcheck_registry"))
}

/// Any file may be named as a registry (`entities_from`, `--entities`): one that
/// does not say it is one is refused without showing a line of it, so that a
/// provider file cannot make a report print a file it had no business reading.
fn not_a_registry(name: &str) -> InputErrors {
    InputErrors::single(
        name,
        Problem::new(
            Code::MissingKey,
            format!(
                "{name} is not an entity registry: it does not start with \
                 `trustcheck_registry: 1` (its content is not shown)"
            ),
        )
        .help("an entity registry holds `trustcheck_registry: 1` and `entities:` at its top level"),
    )
}

/// Structural problems of the top level, checked with the entities left out.
fn header_problems(source: &RegistrySource, root: &Node) -> Vec<Problem> {
    let header = match &root.value {
        Value::Map(entries) => serde_json::Value::Object(
            entries
                .iter()
                .map(|(key, node)| match (key.name.as_str(), &node.value) {
                    ("entities", Value::Map(_)) => (key.name.clone(), serde_json::json!({})),
                    _ => (key.name.clone(), node.to_json()),
                })
                .collect(),
        ),
        _ => root.to_json(),
    };
    structure::check(root, &header, schema::registry_header(), &source.text, &[])
}

impl SharedEntities {
    /// Checks the structure of each entity of one registry and adds those that pass;
    /// a different declaration of an id already known is a problem of this registry.
    fn add_entities(&mut self, source: &RegistrySource, root: &Node, problems: &mut Vec<Problem>) {
        let lines = LineIndex::new(&source.text);
        for (key, node) in root.get("entities").map_or(&[][..], entries) {
            let prefix = [
                PathSegment::Key("entities".into()),
                PathSegment::Key(key.name.clone()),
            ];
            // Reading the entity straight from the tree is the quick test; only an
            // entity that fails it pays for the schema walk, which names every problem.
            let read = from_node::<raw::Entity>(node);
            if !read.as_ref().is_ok_and(percentages_hold) {
                let json = node.to_json();
                let found = structure::check(node, &json, schema::entity(), &source.text, &prefix);
                if !found.is_empty() {
                    problems.extend(found);
                    continue;
                }
            }
            let entity = match read {
                Ok(entity) => entity,
                // The structural check accepts only what the type reads; a safety net.
                Err(error) => {
                    problems.push(
                        Problem::new(
                            Code::InvalidValue,
                            format!("entity `{}` cannot be read: {error}", key.name),
                        )
                        .at(key.span, "unreadable entity")
                        .help("write the entity as in a provider file's `entities`"),
                    );
                    continue;
                }
            };
            match self.entities.get(&key.name) {
                Some(known) if !same(&known.entity, &entity) => {
                    problems.push(duplicate(key, &known.origin));
                }
                Some(_) => {}
                None => {
                    let (line, column) = lines.position(key.span.offset);
                    let origin = format!("{}:{line}:{column}", source.name);
                    self.entities
                        .insert(key.name.clone(), SharedEntity { entity, origin });
                }
            }
        }
    }

    /// The ids of every shared entity.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entities.keys().map(String::as_str)
    }

    /// Problems of a provider file's `entities` that are also declared, differently,
    /// in a registry.
    pub fn conflicts(&self, entities: &Node) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (key, node) in entries(entities) {
            let Some(known) = self.entities.get(&key.name) else {
                continue;
            };
            match from_node::<raw::Entity>(node) {
                Ok(entity) if same(&known.entity, &entity) => {}
                Ok(_) => problems.push(duplicate(key, &known.origin)),
                Err(_) => {}
            }
        }
        problems
    }
}

/// Declarations are the same when they read the same (`50` and `50.0` are equal,
/// an absent optional field equals a null one).
fn same(a: &raw::Entity, b: &raw::Entity) -> bool {
    match (serde_json::to_value(a), serde_json::to_value(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn duplicate(key: &Key, origin: &str) -> Problem {
    Problem::new(
        Code::DuplicateEntity,
        format!(
            "entity `{}` is also declared, differently, at {origin}",
            key.name
        ),
    )
    .at(key.span, "declared twice")
    .help("declare the entity in one place, or make both declarations identical")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_all(sources: Vec<RegistrySource>) -> Result<SharedEntities, InputErrors> {
        load(sources, None)
    }

    fn source(name: &str, text: &str) -> RegistrySource {
        RegistrySource {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn merges_registries_that_refer_to_each_other() {
        let groups = source(
            "groups.yaml",
            "trustcheck_registry: 1\nentities:\n  orange:\n    country: FR\n    shareholders: [{entity: state-fr, capital: 23}]\n",
        );
        let states = source(
            "states.yaml",
            "trustcheck_registry: 1\nentities:\n  state-fr: {kind: state, country: FR}\n",
        );
        let shared = load_all(vec![groups, states]).unwrap();
        assert_eq!(shared.ids().collect::<Vec<_>>(), vec!["orange", "state-fr"]);
        assert_eq!(shared.entities["orange"].origin, "groups.yaml:3:3");
    }

    #[test]
    fn identical_declarations_are_allowed_and_different_ones_refused() {
        let a = "trustcheck_registry: 1\nentities:\n  orange: {country: FR, listed: true}\n";
        let same_again =
            "trustcheck_registry: 1\nentities:\n  orange: {listed: true, country: FR}\n";
        assert!(load_all(vec![source("a.yaml", a), source("b.yaml", same_again)]).is_ok());
        let other = "trustcheck_registry: 1\nentities:\n  orange: {country: DE}\n";
        let error = load_all(vec![source("a.yaml", a), source("c.yaml", other)]).unwrap_err();
        assert_eq!(error.file, "c.yaml");
        assert_eq!(error.codes(), vec![Code::DuplicateEntity]);
        assert!(error.problems[0].message.contains("a.yaml:3:3"));
    }

    #[test]
    fn problems_point_into_the_registry() {
        let text = "trustcheck_registry: 1\nentites: {}\n";
        let error = load_all(vec![source("r.yaml", text)]).unwrap_err();
        assert_eq!(error.codes(), vec![Code::MissingKey, Code::UnknownKey]);
        assert_eq!(
            error.problems[1].help.as_deref(),
            Some("did you mean `entities`?")
        );
        let text =
            "trustcheck_registry: 1\nentities:\n  a: {country: FR, sharehlders: [], kind: fnud}\n";
        let error = load_all(vec![source("r.yaml", text)]).unwrap_err();
        assert_eq!(error.codes(), vec![Code::UnknownKey, Code::InvalidValue]);
        assert!(error.problems[0].message.contains("entities.a"));
    }

    #[test]
    fn non_finite_percentages_in_registries_are_reported_with_the_rest() {
        let text = "trustcheck_registry: 1\nentities:\n  a: {country: XX, shareholders: [{entity: a2, capital: .nan}]}\n  a2: {}\n";
        let error = load_all(vec![source("r.yaml", text)]).unwrap_err();
        assert_eq!(
            error.codes(),
            vec![Code::UnknownCountry, Code::PercentOutOfRange]
        );
    }

    #[test]
    fn provider_declarations_that_differ_are_conflicts() {
        let shared = load_all(vec![source(
            "r.yaml",
            "trustcheck_registry: 1\nentities:\n  orange: {country: FR}\n",
        )])
        .unwrap();
        let same = crate::yaml::parse("orange: {country: FR}\nother: {}\n").unwrap();
        assert!(shared.conflicts(&same).is_empty());
        let differs = crate::yaml::parse("orange: {country: FR, listed: true}\n").unwrap();
        assert_eq!(shared.conflicts(&differs)[0].code, Code::DuplicateEntity);
    }
}
