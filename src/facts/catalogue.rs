//! Every fact path a rule may read: the provider format's own paths (from the JSON
//! Schema of its types, so they cannot drift) and the computed facts.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::provider::raw::ProviderFile;

/// Fields of the computed records, as documented in docs/rules.md.
const COMPUTED: &[&str] = &[
    "as_of",
    "provider.id",
    "provider.name",
    "provider.kind",
    "provider.country",
    "provider.central_administration",
    "provider.principal_establishment",
    "provider.listed",
    "ownership.holders[].entity",
    "ownership.holders[].name",
    "ownership.holders[].country",
    "ownership.holders[].non_eu",
    "ownership.holders[].capital",
    "ownership.holders[].voting",
    "ownership.holders[].attributed_capital",
    "ownership.holders[].attributed_voting",
    "ownership.holders[].economic_capital",
    "ownership.holders[].economic_voting",
    "ownership.holders[].controls",
    "ownership.holders[].control_basis",
    "ownership.holders[].chain",
    "ownership.holders[].undeclared",
    "ownership.non_eu_capital",
    "ownership.non_eu_voting",
    "ownership.rights[].holder",
    "ownership.rights[].name",
    "ownership.rights[].kind",
    "ownership.rights[].non_eu",
    "ownership.rights[].chain",
    "ownership.rights[].seats",
    "ownership.rights[].votes",
    "ownership.rights[].majority",
    "ownership.non_eu_board_seats",
    "ownership.controlled_from_non_eu",
    "ownership.controllers[].entity",
    "ownership.controllers[].name",
    "ownership.controllers[].basis",
    "ownership.controllers[].paragraph",
    "ownership.controllers[].chain",
    "ownership.controllers[].non_eu",
    "ownership.foreign_public[].entity",
    "ownership.foreign_public[].name",
    "ownership.foreign_public[].country",
    "ownership.foreign_public[].capital",
    "ownership.foreign_public[].voting",
    "ownership.foreign_public[].rights",
    "ownership.foreign_public[].controls",
    "ownership.foreign_public[].undeclared",
    "ownership.foreign_public[].reach",
    "ownership.foreign_public[].chain",
    "third_parties[].entity",
    "third_parties[].name",
    "third_parties[].role",
    "third_parties[].country",
    "third_parties[].non_eu_seat",
    "third_parties[].controlled_from_non_eu",
    "third_parties[].non_eu_linked",
    "third_parties[].chain",
    "third_parties[].access",
    "third_parties[].operating_autonomy",
    "third_parties[].secnumcloud_qualified",
    "third_parties[].entries",
    "certification_status.secnumcloud[].model",
    "certification_status.secnumcloud[].status",
    "certification_status.secnumcloud[].version",
    "certification_status.secnumcloud[].issued",
    "certification_status.secnumcloud[].expires",
    "certification_status.secnumcloud[].decided",
    "certification_status.secnumcloud[].decision",
    "certification_status.hds[].model",
    "certification_status.hds[].status",
    "certification_status.hds[].version",
    "certification_status.hds[].issued",
    "certification_status.hds[].expires",
    "certification_status.hds[].decided",
    "certification_status.hds[].decision",
    "certification_status.hds[].referential_valid",
    "consistency.datacenters[].name",
    "consistency.datacenters[].country",
    "consistency.contradictions[].reads",
    "consistency.contradictions[].finding",
    "consistency.contradictions[].consistent",
    "exposure[].law",
    "exposure[].title",
    "exposure[].chain",
    "workload.owner.types",
    "workload.owner.types[]",
];

/// The set of readable fact paths; list elements are written `LIST[]`, and every
/// prefix of a path is itself readable.
#[derive(Debug, Clone)]
pub struct Catalogue {
    paths: BTreeSet<String>,
}

impl Catalogue {
    /// The catalogue of this version of trustcheck.
    pub fn new() -> Catalogue {
        let schema = serde_json::to_value(schemars::schema_for!(ProviderFile)).unwrap_or_default();
        let mut leaves = Vec::new();
        walk(&schema, &schema, String::new(), &mut leaves, 0);
        leaves.extend(COMPUTED.iter().map(|p| p.to_string()));
        let mut paths = BTreeSet::new();
        for leaf in leaves {
            let mut prefix = String::new();
            for part in leaf.split('.') {
                if !prefix.is_empty() {
                    prefix.push('.');
                }
                prefix.push_str(part);
                paths.insert(prefix.clone());
                if let Some(list) = prefix.strip_suffix("[]") {
                    paths.insert(list.to_string());
                }
            }
        }
        Catalogue { paths }
    }

    /// Whether a rule may read `path` (as given by `Condition::fact_paths`).
    pub fn knows(&self, path: &str) -> bool {
        self.paths.contains(path) || self.paths.contains(&format!("{path}[]"))
    }

    /// The closest known path, for a "did you mean" hint.
    pub fn suggest(&self, path: &str) -> Option<&str> {
        self.paths
            .iter()
            .map(|p| (strsim::levenshtein(p, path), p))
            .filter(|(distance, _)| *distance <= 3)
            .min()
            .map(|(_, p)| p.as_str())
    }
}

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue::new()
    }
}

/// Collects leaf paths of a JSON Schema; maps with free keys (`entities`) become `*`.
fn walk(root: &Value, node: &Value, path: String, out: &mut Vec<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        let target = reference
            .strip_prefix("#/$defs/")
            .and_then(|name| root.get("$defs").and_then(|defs| defs.get(name)));
        if let Some(target) = target {
            walk(root, target, path, out, depth + 1);
        }
        return;
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(options) = node.get(key).and_then(Value::as_array) {
            for option in options {
                walk(root, option, path.clone(), out, depth + 1);
            }
        }
    }
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    if let Some(properties) = node.get("properties").and_then(Value::as_object) {
        for (key, child) in properties {
            walk(root, child, join(key), out, depth + 1);
        }
    } else if let Some(values) = node.get("additionalProperties").filter(|v| v.is_object()) {
        walk(root, values, join("*"), out, depth + 1);
    } else if let Some(items) = node.get("items") {
        walk(root, items, format!("{path}[]"), out, depth + 1);
    } else if !path.is_empty() {
        out.push(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_file_and_computed_paths() {
        let c = Catalogue::new();
        for path in [
            "offer.data.storage",
            "offer.contract.governing_law",
            "offer.certifications[].scope",
            "offer.certifications",
            "workload.data.sensitivity",
            "ownership.holders[].capital",
            "ownership.non_eu_capital",
            "third_parties[].access",
            "entities.*.country",
        ] {
            assert!(c.knows(path), "{path}");
        }
        assert!(!c.knows("offer.data.storrage"));
        assert_eq!(c.suggest("offer.data.storrage"), Some("offer.data.storage"));
    }
}
