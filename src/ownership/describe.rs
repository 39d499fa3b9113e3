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

/// A chain of more than this many links is described by its first and last links
/// only: in a long chain of holdings the intermediate companies say nothing the
/// ends do not, and describing every chain in full makes the text of a report
/// grow with the square of the chain. The figures and verdicts are computed on the
/// whole chain; only its description is shortened.
pub(crate) const MAX_LINKS_SHOWN: usize = 12;

/// The words for the intermediate companies a shortened chain leaves out.
fn left_out(count: usize) -> String {
    let plural = if count == 1 { "company" } else { "companies" };
    format!("… {count} intermediate {plural} …")
}

/// `items` as they are when there are at most `limit`; else the first two and the
/// last two (a chain's first and last links) around a count of the others.
fn shortened<T>(items: &[T], limit: usize, shown: impl Fn(&T) -> String) -> Vec<String> {
    match items {
        [a, b, .., y, z] if items.len() > limit => {
            let mut out = vec![shown(a), shown(b)];
            out.push(left_out(items.len() - 4));
            out.push(shown(y));
            out.push(shown(z));
            out
        }
        _ => items.iter().map(shown).collect(),
    }
}

impl Chain {
    /// The chain in words, holder first: "Y Inc (US) → Z BV (NL) → X SAS (FR)".
    /// A chain of more than [`MAX_LINKS_SHOWN`] links is shown by its first and
    /// last links and the number of intermediate companies between them.
    pub fn describe(&self, entities: &BTreeMap<EntityId, Entity>) -> String {
        shortened(&self.0, MAX_LINKS_SHOWN + 1, |id| label(entities, id)).join(" → ")
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
                    // The bound of a chain: `between` is the chain without its two ends.
                    let limit = MAX_LINKS_SHOWN - 1;
                    let names = shortened(between, limit, |id| name(entities, id).to_string());
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
