//! Facts: the one way rules read a provider and its analysis.
//!
//! Every fact is a value with the path of the provider-file value it comes from, so
//! that a verdict can point at file, line and column. File facts keep the file's own
//! keys (`offer.data.storage`); computed facts (`ownership.*`, `third_parties`,
//! `exposure`) are built by [`computed`] from the ownership analysis.

mod catalogue;
mod certification;
mod computed;
mod consistency;
mod merge;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::provenance::EvidenceIndex;

pub use catalogue::Catalogue;
pub use computed::computed_facts;
pub use consistency::consistency_fact;

/// A fact value. A missing fact is simply absent.
#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    Bool(bool),
    /// A number known to lie between `known` and `worst` (equal when exact).
    Number {
        known: f64,
        worst: f64,
    },
    Text(String),
    List(Vec<Fact>),
    Record(BTreeMap<String, Fact>),
}

/// A record of named facts, from the path that states it.
pub(crate) fn record(fields: Vec<(&str, Fact)>, source: Option<String>) -> Fact {
    let fields = fields
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    Fact::new(FactValue::Record(fields), source)
}

/// A list of facts, from the path that states it.
pub(crate) fn list(items: Vec<Fact>, source: Option<String>) -> Fact {
    Fact::new(FactValue::List(items), source)
}

/// A fact and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub value: FactValue,
    /// Path of the provider-file value that states it, when there is one.
    pub source: Option<String>,
    /// A short explanation shown with the value (e.g. how a bound was reached).
    pub note: Option<String>,
}

impl Fact {
    pub fn new(value: FactValue, source: Option<String>) -> Self {
        Fact {
            value,
            source,
            note: None,
        }
    }

    /// An exact number.
    pub fn number(value: f64, source: Option<String>) -> Self {
        Fact::new(
            FactValue::Number {
                known: value,
                worst: value,
            },
            source,
        )
    }

    pub fn text(value: impl Into<String>, source: Option<String>) -> Self {
        Fact::new(FactValue::Text(value.into()), source)
    }

    pub fn boolean(value: bool, source: Option<String>) -> Self {
        Fact::new(FactValue::Bool(value), source)
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Builds facts from JSON; `null` values become missing facts.
    pub fn from_json(value: &serde_json::Value, path: &str) -> Option<Fact> {
        use serde_json::Value as J;
        let source = Some(path.to_string());
        let value = match value {
            J::Null => return None,
            J::Bool(b) => FactValue::Bool(*b),
            J::Number(n) => {
                let v = n.as_f64()?;
                FactValue::Number { known: v, worst: v }
            }
            J::String(s) => FactValue::Text(s.clone()),
            J::Array(items) => FactValue::List(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| Fact::from_json(item, &format!("{path}[{i}]")))
                    .collect(),
            ),
            J::Object(map) => FactValue::Record(
                map.iter()
                    .filter_map(|(k, v)| {
                        let child = join(path, k);
                        Fact::from_json(v, &child).map(|f| (k.clone(), f))
                    })
                    .collect(),
            ),
        };
        Some(Fact::new(value, source))
    }

    /// A field of a record fact.
    pub fn field(&self, name: &str) -> Option<&Fact> {
        match &self.value {
            FactValue::Record(fields) => fields.get(name),
            _ => None,
        }
    }

    /// Follows a dotted path of record fields.
    pub fn lookup(&self, path: &str) -> Option<&Fact> {
        path.split('.')
            .filter(|s| !s.is_empty())
            .try_fold(self, |fact, key| fact.field(key))
    }

    /// The value as a short text for evidence ("FR", "24", "[FR, DE]").
    pub fn display(&self) -> String {
        match &self.value {
            FactValue::Bool(b) => b.to_string(),
            FactValue::Number { known, worst } if known == worst => format_number(*known),
            FactValue::Number { known, worst } => {
                format!(
                    "{} known, up to {}",
                    format_number(*known),
                    format_number(*worst)
                )
            }
            FactValue::Text(t) => t.clone(),
            FactValue::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(Fact::display)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            FactValue::Record(fields) => match fields.get("name").or_else(|| fields.get("id")) {
                Some(name) => name.display(),
                None => "{…}".to_string(),
            },
        }
    }

    /// The value as a date, when it is one.
    pub fn as_date(&self) -> Option<Date> {
        match &self.value {
            FactValue::Text(t) => t.parse().ok(),
            _ => None,
        }
    }
}

/// Numbers print without a needless fraction (24, 24.5, 33.33).
pub fn format_number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        let text = format!("{rounded:.2}");
        text.trim_end_matches('0').to_string()
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Adds `workload.owner.types`: the owner's kinds as a list whether the file names
/// one (`type: oiv`) or several (`type: [gip, public-operator]`), so that one
/// condition (`some: workload.owner.types`) reads both forms. Its source is the
/// file's own `workload.owner.type`.
fn add_owner_types(workload: &mut Fact) {
    let FactValue::Record(workload) = &mut workload.value else {
        return;
    };
    let Some(FactValue::Record(owner)) = workload.get_mut("owner").map(|f| &mut f.value) else {
        return;
    };
    let Some(kind) = owner.get("type") else {
        return;
    };
    let kinds = match &kind.value {
        FactValue::List(_) => kind.clone(),
        _ => Fact::new(FactValue::List(vec![kind.clone()]), kind.source.clone()),
    };
    owner.insert("types".to_string(), kinds);
}

/// Everything rules can read about one provider file.
///
/// The facts are built once per file and shared: a scenario (a workload assumed
/// for a file that declares none) only overlays `workload`, it does not copy the
/// rest.
#[derive(Debug, Clone)]
pub struct Facts {
    root: Arc<Fact>,
    /// The workload of a scenario, read instead of the file's (`Some(None)`: a
    /// scenario without one).
    workload: Option<Option<Arc<Fact>>>,
    /// The date at which certifications and waivers are judged.
    pub as_of: Date,
    /// The sources the provider file states for its values.
    evidence: Arc<EvidenceIndex>,
}

impl Facts {
    /// Facts from the provider file's JSON plus computed records (`provider`,
    /// `ownership`, `third_parties`, `exposure`), which take precedence.
    pub fn new(file: &serde_json::Value, computed: BTreeMap<String, Fact>, as_of: Date) -> Facts {
        let mut fields = match Fact::from_json(file, "") {
            Some(Fact {
                value: FactValue::Record(fields),
                ..
            }) => fields,
            _ => BTreeMap::new(),
        };
        if let Some(workload) = fields.get_mut("workload") {
            add_owner_types(workload);
        }
        fields.extend(computed);
        // Dated facts: they depend on the assessment date.
        if let Some(status) = certification::certification_status(file, as_of) {
            fields.insert("certification_status".to_string(), status);
        }
        fields.insert(
            "as_of".to_string(),
            Fact::text(as_of.to_string(), None).with_note("assessment date"),
        );
        Facts {
            root: Arc::new(Fact::new(FactValue::Record(fields), None)),
            workload: None,
            as_of,
            evidence: Arc::default(),
        }
    }

    /// The same facts, with `workload` (the file's `workload` section, as JSON) read
    /// instead of the file's own: a scenario for a file that declares none. Nothing
    /// else is copied.
    pub fn with_workload(&self, workload: &serde_json::Value) -> Facts {
        let workload = Fact::from_json(workload, "workload").map(|mut fact| {
            add_owner_types(&mut fact);
            Arc::new(fact)
        });
        Facts {
            root: Arc::clone(&self.root),
            workload: Some(workload),
            as_of: self.as_of,
            evidence: Arc::clone(&self.evidence),
        }
    }

    /// The same facts, with the sources their file states.
    pub fn with_evidence(self, evidence: Arc<EvidenceIndex>) -> Facts {
        Facts { evidence, ..self }
    }

    /// The sources of the file's values.
    pub fn evidence(&self) -> &EvidenceIndex {
        &self.evidence
    }

    /// The fact at a dotted path, if given.
    pub fn get(&self, path: &str) -> Option<&Fact> {
        if let Some(workload) = &self.workload {
            let mut keys = path.split('.').filter(|s| !s.is_empty());
            if keys.next() == Some("workload") {
                let workload = workload.as_deref()?;
                return keys.try_fold(workload, |fact, key| fact.field(key));
            }
        }
        self.root.lookup(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_facts_keep_their_paths() {
        let file = json!({"offer": {"data": {"storage": ["FR", "DE"]}, "name": null}});
        let facts = Facts::new(&file, BTreeMap::new(), Date::constant(2026, 1, 1));
        let storage = facts.get("offer.data.storage").unwrap();
        let FactValue::List(items) = &storage.value else {
            panic!()
        };
        assert_eq!(items[1].source.as_deref(), Some("offer.data.storage[1]"));
        assert!(facts.get("offer.name").is_none(), "null is a missing fact");
        assert_eq!(facts.get("as_of").unwrap().display(), "2026-01-01");
    }

    #[test]
    fn owner_types_are_a_list_in_both_forms() {
        let as_of = Date::constant(2026, 1, 1);
        for (owner_type, expected) in [
            (json!("oiv"), vec!["oiv"]),
            (
                json!(["gip", "public-operator"]),
                vec!["gip", "public-operator"],
            ),
        ] {
            let file = json!({"workload": {"owner": {"type": owner_type}}});
            let facts = Facts::new(&file, BTreeMap::new(), as_of);
            let types = facts.get("workload.owner.types").unwrap();
            assert_eq!(types.source.as_deref(), Some("workload.owner.type"));
            let FactValue::List(items) = &types.value else {
                panic!("not a list: {types:?}")
            };
            let kinds: Vec<String> = items.iter().map(Fact::display).collect();
            assert_eq!(kinds, expected);
        }
        let none = Facts::new(&json!({"workload": {}}), BTreeMap::new(), as_of);
        assert!(none.get("workload.owner.types").is_none());
    }

    #[test]
    fn a_scenario_reads_its_workload_and_the_file_for_the_rest() {
        let as_of = Date::constant(2026, 1, 1);
        let file = json!({"offer": {"name": "o"}, "workload": {"name": "own"}});
        let workload = json!({"owner": {"type": "oiv"}, "data": {"sensitivity": "sensitive"}});
        let mut whole = file.clone();
        whole["workload"] = workload.clone();
        let expected = Facts::new(&whole, BTreeMap::new(), as_of);
        let scenario = Facts::new(&file, BTreeMap::new(), as_of).with_workload(&workload);
        for path in [
            "workload",
            "workload.owner.types",
            "workload.data.sensitivity",
            "workload.name",
            ".workload.owner",
            "offer.name",
            "as_of",
        ] {
            assert_eq!(scenario.get(path), expected.get(path), "{path}");
        }
        assert!(
            scenario.get("workload.name").is_none(),
            "replaced, not merged"
        );
        let none = Facts::new(&whole, BTreeMap::new(), as_of).with_workload(&json!(null));
        assert!(none.get("workload").is_none());
        assert!(none.get("workload.owner").is_none());
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(format_number(24.0), "24");
        assert_eq!(format_number(33.333), "33.33");
        assert_eq!(format_number(24.5), "24.5");
        let bound = Fact::new(
            FactValue::Number {
                known: 10.0,
                worst: 40.0,
            },
            None,
        );
        assert_eq!(bound.display(), "10 known, up to 40");
    }
}
