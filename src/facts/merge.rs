//! One third party listed several times: the same company twice among the
//! subcontractors, a technology supplier of two products, the operator of several
//! datacenters. Every entry counts, the most exposed one deciding: the largest
//! access, and operating autonomy or a SecNumCloud qualification only when every
//! entry states it (a single entry that says nothing makes the merged value unknown).
//! Each merged fact points at the entry that decided it.

use serde_json::Value;

use crate::ownership::Role;

use super::{Fact, FactValue};

/// Access levels, from least to most exposed.
const ACCESS: [&str; 4] = ["none", "metadata", "customer-data", "admin"];

/// Every entry of the offer that names `entity` in `role`, with its path.
pub(super) fn entries_of<'a>(
    file: &'a Value,
    role: Role,
    entity: &str,
) -> Vec<(String, &'a Value)> {
    let (list, key) = match role {
        Role::Subcontractor => ("subcontractors", "entity"),
        Role::Technology => ("technology", "vendor"),
        Role::DatacenterOperator => ("datacenters", "operator"),
        Role::Provider | Role::DatacenterOwner => return Vec::new(),
    };
    let Some(items) = file
        .get("offer")
        .and_then(|o| o.get(list))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.get(key).and_then(Value::as_str) == Some(entity))
        .map(|(i, item)| (format!("offer.{list}[{i}]"), item))
        .collect()
}

/// The most exposed access of the entries; unknown when an entry does not give it,
/// unless another already gives the highest level.
pub(super) fn access(entries: &[(String, &Value)], key: &str) -> Option<Fact> {
    let mut worst: Option<(usize, &str)> = None;
    let mut missing = false;
    for (path, entry) in entries {
        let level = entry
            .get(key)
            .and_then(Value::as_str)
            .and_then(|v| ACCESS.iter().position(|a| *a == v));
        match level {
            Some(level) if worst.is_none_or(|(w, _)| level > w) => worst = Some((level, path)),
            Some(_) => {}
            None => missing = true,
        }
    }
    let (level, path) = worst?;
    if missing && level + 1 < ACCESS.len() {
        return None;
    }
    let name = ACCESS.get(level)?;
    let fact = Fact::text(*name, Some(format!("{path}.{key}")));
    Some(noted(fact, entries.len(), "the most exposed access"))
}

/// `true` only when every entry says `true`; `false` as soon as one says `false`;
/// unknown otherwise.
pub(super) fn all_true(entries: &[(String, &Value)], key: &str) -> Option<Fact> {
    let mut first_true = None;
    let mut missing = false;
    for (path, entry) in entries {
        match entry.get(key).and_then(Value::as_bool) {
            Some(false) => {
                let fact = Fact::boolean(false, Some(format!("{path}.{key}")));
                return Some(noted(fact, entries.len(), "one entry says false"));
            }
            Some(true) => first_true = first_true.or(Some(path)),
            None => missing = true,
        }
    }
    if missing {
        return None;
    }
    let path = first_true?;
    let fact = Fact::new(FactValue::Bool(true), Some(format!("{path}.{key}")));
    Some(noted(fact, entries.len(), "every entry says true"))
}

fn noted(fact: Fact, entries: usize, how: &str) -> Fact {
    if entries > 1 {
        fact.with_note(format!("listed {entries} times: {how}"))
    } else {
        fact
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn subcontractors(list: Value) -> Value {
        json!({"offer": {"subcontractors": list}})
    }

    fn shown(fact: Option<Fact>) -> Option<(String, String)> {
        fact.map(|f| (f.display(), f.source.unwrap_or_default()))
    }

    #[test]
    fn third_party_facts_merge_every_entry() {
        let text = "trustcheck: 1\nprovider: p\nentities:\n  p: { country: FR }\n  us: { country: US }\noffer:\n  technology: []\n  datacenters: []\n  subcontractors:\n    - { entity: us, access: none, operating_autonomy: true }\n    - { entity: us, access: admin, operating_autonomy: true }\n";
        let loaded = crate::provider::load_str("test.yaml", text).expect("a valid file");
        let facts = crate::assess::facts_of(
            &loaded.provider,
            crate::jurisdiction::Jurisdictions::embedded(),
            jiff::civil::Date::constant(2026, 11, 1),
        );
        let Some(FactValue::List(parties)) = facts.get("third_parties").map(|f| &f.value) else {
            panic!("no third parties")
        };
        assert_eq!(parties.len(), 1, "one third party");
        let party = &parties[0];
        let access = party.field("access").expect("access");
        assert_eq!(access.display(), "admin");
        assert_eq!(
            access.source.as_deref(),
            Some("offer.subcontractors[1].access")
        );
        assert_eq!(
            party.field("entries").map(Fact::display).as_deref(),
            Some("offer.subcontractors[0], offer.subcontractors[1]")
        );
    }

    #[test]
    fn every_entry_of_the_same_third_party_is_found() {
        let file = subcontractors(json!([
            {"entity": "a", "access": "none"},
            {"entity": "b", "access": "admin"},
            {"entity": "a", "access": "admin"},
        ]));
        let entries = entries_of(&file, Role::Subcontractor, "a");
        let paths: Vec<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            ["offer.subcontractors[0]", "offer.subcontractors[2]"]
        );
    }

    #[test]
    fn the_most_exposed_access_wins_and_names_its_entry() {
        let file = subcontractors(json!([
            {"entity": "a", "access": "none"},
            {"entity": "a", "access": "customer-data"},
        ]));
        let entries = entries_of(&file, Role::Subcontractor, "a");
        assert_eq!(
            shown(access(&entries, "access")),
            Some((
                "customer-data".into(),
                "offer.subcontractors[1].access".into()
            ))
        );
    }

    #[test]
    fn a_missing_access_makes_the_merge_unknown_unless_admin_is_given() {
        let file = subcontractors(json!([
            {"entity": "a", "access": "none"},
            {"entity": "a"},
        ]));
        let entries = entries_of(&file, Role::Subcontractor, "a");
        assert!(access(&entries, "access").is_none());
        let file = subcontractors(json!([
            {"entity": "a"},
            {"entity": "a", "access": "admin"},
        ]));
        let entries = entries_of(&file, Role::Subcontractor, "a");
        assert_eq!(
            shown(access(&entries, "access")).map(|(v, _)| v),
            Some("admin".into())
        );
    }

    #[test]
    fn autonomy_only_when_every_entry_says_so() {
        let file = json!({"offer": {"datacenters": [
            {"operator": "dc", "operating_autonomy": true},
            {"operator": "dc", "operating_autonomy": false},
        ]}});
        let entries = entries_of(&file, Role::DatacenterOperator, "dc");
        assert_eq!(
            shown(all_true(&entries, "operating_autonomy")),
            Some((
                "false".into(),
                "offer.datacenters[1].operating_autonomy".into()
            ))
        );
        let file = json!({"offer": {"datacenters": [
            {"operator": "dc", "operating_autonomy": true},
            {"operator": "dc"},
        ]}});
        let entries = entries_of(&file, Role::DatacenterOperator, "dc");
        assert!(all_true(&entries, "operating_autonomy").is_none());
        let file = json!({"offer": {"technology": [
            {"vendor": "v", "operating_autonomy": true},
            {"vendor": "v", "operating_autonomy": true},
        ]}});
        let entries = entries_of(&file, Role::Technology, "v");
        let merged = all_true(&entries, "operating_autonomy").expect("true");
        assert_eq!(merged.display(), "true");
        assert!(merged.note.is_some_and(|n| n.contains("2 times")));
    }
}
