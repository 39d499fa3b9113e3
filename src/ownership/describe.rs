//! Chains, entities and exposures in words (English), for notes, evidence and graphs.

use std::collections::BTreeMap;

use super::analysis::{Chain, Exposure};
use crate::jurisdiction::Jurisdictions;
use crate::provider::model::{Entity, EntityId};

/// Prefix of the id of the synthetic holder of an entity's undeclared holdings.
pub(crate) const UNDECLARED: &str = "undeclared:";

/// "Name (CC)" for an entity; the bare id for one the registry does not declare;
/// "undeclared holders of Name" for the synthetic holder of undeclared holdings.
pub(crate) fn label(entities: &BTreeMap<EntityId, Entity>, id: &str) -> String {
    if let Some(held) = id.strip_prefix(UNDECLARED) {
        return format!("undeclared holders of {}", name(entities, held));
    }
    match entities.get(id) {
        Some(entity) => {
            let country = entity.country.as_deref().unwrap_or("country unknown");
            format!("{} ({country})", name(entities, id))
        }
        None => id.to_string(),
    }
}

/// The legal name of an entity, or its id when it has none.
pub(crate) fn name<'e>(entities: &'e BTreeMap<EntityId, Entity>, id: &'e str) -> &'e str {
    match entities.get(id) {
        Some(entity) if !entity.name.is_empty() => &entity.name,
        _ => id,
    }
}

/// A percentage with at most two decimals and no trailing zeros: "60", "33.33".
pub(crate) fn percent_text(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Chain {
    /// The chain in words, holder first: "Y Inc (US) → Z BV (NL) → X SAS (FR)".
    pub fn describe(&self, entities: &BTreeMap<EntityId, Entity>) -> String {
        let labels: Vec<String> = self.0.iter().map(|id| label(entities, id)).collect();
        labels.join(" → ")
    }
}

impl Exposure {
    /// The exposure in one sentence: "datacenter operator X SAS is controlled by
    /// Y Inc (US) through Z BV: US CLOUD Act (18 U.S.C. § 2713)".
    pub fn sentence(&self, entities: &BTreeMap<EntityId, Entity>, j: &Jurisdictions) -> String {
        let law = j
            .laws()
            .iter()
            .find(|l| l.id == self.law)
            .map_or(self.law.as_str(), |l| l.title.en.as_str());
        let who = format!("{} {}", self.role.describe(), name(entities, &self.entity));
        let how = match self.chain.0.as_slice() {
            [_, between @ .., _] => {
                let mut how = format!("is controlled by {}", label(entities, &self.bound_entity));
                if !between.is_empty() {
                    let names: Vec<&str> = between.iter().map(|id| name(entities, id)).collect();
                    how.push_str(&format!(" through {}", names.join(", ")));
                }
                how
            }
            _ => format!("has its {} in {}", self.seat(entities), self.bound_country),
        };
        format!("{who} {how}: {law}")
    }

    /// Which seat of the bound entity lies in the law's jurisdiction.
    fn seat(&self, entities: &BTreeMap<EntityId, Entity>) -> &'static str {
        const SEATS: [&str; 3] = [
            "registered office",
            "central administration",
            "principal establishment",
        ];
        entities
            .get(&self.bound_entity)
            .and_then(|e| {
                let seats = e.seats();
                seats
                    .iter()
                    .position(|s| s.map(String::as_str) == Some(self.bound_country.as_str()))
            })
            .and_then(|i| SEATS.get(i).copied())
            .unwrap_or("seat")
    }
}
