//! Building the validated model from a file that passed every check, with the
//! defaults the format defines.

use std::collections::BTreeMap;

use super::model::{Entity, EntityKind, Holding, Provider, Right, Stated};
use super::raw;
use super::registry::SharedEntities;

/// The model of a checked provider file and the registry entities it uses.
///
/// Registry entities are also added to `file.entities`, so that the typed file and
/// the model name the same entities.
pub fn provider(mut file: raw::ProviderFile, shared: SharedEntities) -> Provider {
    for (id, shared) in shared.entities {
        file.entities.entry(id).or_insert(shared.entity);
    }
    let entities = file
        .entities
        .iter()
        .map(|(id, entity)| (id.clone(), build_entity(id, entity)))
        .collect::<BTreeMap<_, _>>();
    // Checked already: a date that does not parse cannot reach this point.
    let as_of = file.as_of.as_deref().and_then(|date| date.parse().ok());
    Provider {
        provider: file.provider.clone(),
        entities,
        as_of,
        file,
    }
}

fn build_entity(id: &str, raw: &raw::Entity) -> Entity {
    let country = raw.country.clone();
    let shareholders = raw
        .shareholders
        .iter()
        .flatten()
        .enumerate()
        .map(|(index, holding)| Holding {
            holder: holding.entity.clone(),
            capital: holding.capital,
            voting: holding.voting.unwrap_or(holding.capital),
            index,
        })
        .collect();
    let rights = raw
        .rights
        .iter()
        .flatten()
        .enumerate()
        .map(|(index, right)| Right {
            holder: right.holder.clone(),
            kind: right.kind,
            seats: right.seats,
            votes: right.votes,
            note: right.note.clone(),
            index,
        })
        .collect();
    Entity {
        id: id.to_string(),
        name: raw.name.clone().unwrap_or_else(|| id.to_string()),
        kind: raw.kind.unwrap_or(EntityKind::Company),
        central_administration: raw
            .central_administration
            .clone()
            .or_else(|| country.clone()),
        principal_establishment: raw
            .principal_establishment
            .clone()
            .or_else(|| country.clone()),
        country,
        listed: raw.listed.unwrap_or(false),
        stated: Stated {
            rights: raw.rights.is_some(),
            holders: raw.shareholders.is_some(),
            votes: raw
                .shareholders
                .iter()
                .flatten()
                .all(|h| h.voting.is_some()),
        },
        shareholders,
        rights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(entities: serde_json::Value) -> raw::ProviderFile {
        serde_json::from_value(serde_json::json!({
            "trustcheck": 1, "provider": "p", "offer": {}, "entities": entities, "as_of": "2026-01-31"
        }))
        .unwrap()
    }

    #[test]
    fn applies_the_format_defaults() {
        let provider = provider(
            file(serde_json::json!({
                "p": {"country": "FR", "shareholders": [{"entity": "q", "capital": 40}]},
                "q": {"kind": "state", "country": "FR", "principal_establishment": "DE", "listed": true}
            })),
            SharedEntities::default(),
        );
        let p = &provider.entities["p"];
        assert_eq!(p.name, "p");
        assert_eq!(p.kind, EntityKind::Company);
        assert!(!p.listed);
        assert_eq!(p.central_administration.as_deref(), Some("FR"));
        assert_eq!(p.shareholders[0].voting, 40.0);
        // `p` leaves its rights out and its holding's votes: silence, not "none".
        assert!(!p.stated.rights && p.stated.holders && !p.stated.votes);
        let q = &provider.entities["q"];
        assert_eq!(q.principal_establishment.as_deref(), Some("DE"));
        assert!(q.listed);
        assert!(!q.stated.holders && q.stated.votes);
        assert!(!q.dispersed_remainder(), "listed, but its holders unstated");
        assert_eq!(
            provider.as_of.map(|d| d.to_string()).as_deref(),
            Some("2026-01-31")
        );
    }

    #[test]
    fn adds_registry_entities_without_replacing_the_file_s_own() {
        let mut shared = SharedEntities::default();
        for (id, country) in [("p", "DE"), ("g", "US")] {
            let entity = serde_json::from_value(serde_json::json!({"country": country})).unwrap();
            shared.entities.insert(
                id.into(),
                super::super::registry::SharedEntity {
                    entity,
                    origin: "r.yaml:1:1".into(),
                },
            );
        }
        let provider = provider(file(serde_json::json!({"p": {"country": "FR"}})), shared);
        assert_eq!(provider.entities["p"].country.as_deref(), Some("FR"));
        assert_eq!(provider.entities["g"].country.as_deref(), Some("US"));
        assert!(provider.file.entities.contains_key("g"));
    }
}
