//! Consistency between facts of the same file, as facts rules can read:
//! `consistency.datacenters` and `consistency.contradictions`.
//!
//! A provider file can say one thing in one place and its opposite in another: data
//! stored in France on datacenters that are all outside the EU, staff with privileged
//! access outside the EU while administration is from France only. Such a file must
//! never pass the rules that read the contradicted facts. What the texts imply is
//! encoded where it can be: customer data and the infrastructure's technical data
//! reside where the hosting datacenters are, so `consistency.datacenters` lists every
//! datacenter (an empty list when the file names none) for SNC-19.2-b and -d to check;
//! the rest are contradictions, each naming the fact it contradicts (`reads`) and both
//! locations: a country of storage, backups, processing or supervision that nothing
//! else in the file explains; a datacenter in a country no data list names; privileged staff outside the EU with administration or
//! support from the EU only; support access "supervised from the EU" while supervision
//! is from outside it.

use std::collections::BTreeSet;

use crate::jurisdiction::Jurisdictions;
use crate::provider::model::Provider;

use super::{Fact, list, record};

/// The `consistency` record.
pub fn consistency_fact(provider: &Provider, j: &Jurisdictions) -> Fact {
    let offer = &provider.file.offer;
    let storage = offer
        .data
        .as_ref()
        .and_then(|d| d.storage.as_ref())
        .filter(|s| !s.is_empty());
    let datacenters: Vec<Fact> = offer
        .datacenters
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, d)| {
            let path = format!("offer.datacenters[{i}]");
            let mut fields = Vec::new();
            if let Some(name) = &d.name {
                fields.push(("name", Fact::text(name, Some(format!("{path}.name")))));
            }
            if let Some(country) = &d.country {
                let mut fact = Fact::text(country, Some(format!("{path}.country")));
                // Both places, when the file says data is stored elsewhere.
                if let Some(storage) = storage
                    && !storage.contains(country)
                {
                    fact =
                        fact.with_note(format!("offer.data.storage says [{}]", storage.join(", ")));
                }
                fields.push(("country", fact));
            }
            record(fields, Some(path))
        })
        .collect();
    let contradictions = contradictions(provider, j)
        .into_iter()
        .map(Contradiction::fact)
        .collect();
    let mut fields = vec![("contradictions", list(contradictions, None))];
    // A datacenter list left out is silence, not "none": where data resides cannot
    // be checked against it, so the rules that read it are unknown.
    if offer.datacenters.is_some() {
        fields.push((
            "datacenters",
            list(datacenters, Some("offer.datacenters".into())),
        ));
    }
    record(fields, None)
}

/// Two statements of the file that cannot both be true.
#[derive(Debug, Clone, PartialEq)]
struct Contradiction {
    /// The fact path a rule reads that the contradiction puts in doubt.
    reads: String,
    /// Where the first statement is.
    at: String,
    /// What is wrong, naming both locations.
    finding: String,
    /// Whether both statements cannot hold (`consistent: false`), rather than one
    /// leaving the other unexplained (`consistent` not given: unknown). A country
    /// without a datacenter may be a datacenter the list forgot.
    certain: bool,
}

impl Contradiction {
    fn fact(self) -> Fact {
        let at = Some(self.at.clone());
        let mut fields = vec![
            ("reads", Fact::text(&self.reads, at.clone())),
            ("finding", Fact::text(&self.finding, at.clone())),
        ];
        if self.certain {
            fields.push((
                "consistent",
                Fact::boolean(false, at.clone()).with_note(self.finding.clone()),
            ));
        }
        record(fields, at)
    }
}

fn contradictions(provider: &Provider, j: &Jurisdictions) -> Vec<Contradiction> {
    let offer = &provider.file.offer;
    let mut found = Vec::new();
    let hosting: BTreeSet<&str> = offer
        .datacenters
        .iter()
        .flatten()
        .filter_map(|d| d.country.as_deref())
        .collect();
    let operations = offer.operations.as_ref();
    let administration = countries(operations.and_then(|o| o.administration_from.as_ref()));
    let support = countries(operations.and_then(|o| o.support_from.as_ref()));
    let supervision = countries(operations.and_then(|o| o.supervision_from.as_ref()));
    // Where the subcontractors are: processing or supervision may happen there.
    let subcontracted: BTreeSet<&str> = offer
        .subcontractors
        .iter()
        .flatten()
        .filter_map(|s| provider.entities.get(&s.entity))
        .filter_map(|e| e.country.as_deref())
        .collect();
    // Where the offer is hosted is part of what explains the other places: when the
    // file leaves it out, or a datacenter without its country, no place can be
    // checked against it, and each place listed stays in doubt.
    unplaced_hosting(offer, operations, &mut found);
    // Data is stored where the hosting datacenters are: a storage or backup country
    // without a datacenter contradicts the datacenter list (when it gives countries).
    if !hosting.is_empty() {
        let data = offer.data.as_ref();
        // And a datacenter hosts data: one in a country that no data list names
        // contradicts those lists (when they are given).
        let located: BTreeSet<&str> = data
            .into_iter()
            .flat_map(|d| [&d.storage, &d.processing, &d.backups, &d.metadata])
            .flatten()
            .flatten()
            .map(String::as_str)
            .collect();
        if !located.is_empty() {
            for (i, datacenter) in offer.datacenters.iter().flatten().enumerate() {
                let Some(country) = datacenter.country.as_deref() else {
                    continue;
                };
                if !located.contains(country) {
                    let at = format!("offer.datacenters[{i}].country");
                    found.push(Contradiction {
                        reads: "offer.data.storage".into(),
                        finding: format!(
                            "{at} says a datacenter hosting the offer is in {country}, but no \
                             list of offer.data names {country}"
                        ),
                        at,
                        certain: false,
                    });
                }
            }
        }
        let staffed: BTreeSet<&str> = hosting
            .iter()
            .chain(&administration)
            .chain(&support)
            .chain(&supervision)
            .chain(&subcontracted)
            .copied()
            .collect();
        for (key, what, explained, by) in [
            (
                "storage",
                "customer data is stored in",
                &hosting,
                "no datacenter (offer.datacenters) is",
            ),
            (
                "backups",
                "backups are kept in",
                &hosting,
                "no datacenter (offer.datacenters) is",
            ),
            (
                "processing",
                "customer data is processed in",
                &staffed,
                "no datacenter, operations list or subcontractor is",
            ),
        ] {
            let listed = match key {
                "storage" => data.and_then(|d| d.storage.as_ref()),
                "backups" => data.and_then(|d| d.backups.as_ref()),
                _ => data.and_then(|d| d.processing.as_ref()),
            };
            for (k, country) in listed.into_iter().flatten().enumerate() {
                if !explained.contains(country.as_str()) {
                    let at = format!("offer.data.{key}[{k}]");
                    found.push(Contradiction {
                        reads: format!("offer.data.{key}"),
                        finding: format!("{at} says {what} {country}, but {by} in {country}"),
                        at,
                        certain: false,
                    });
                }
            }
        }
        let explained: BTreeSet<&str> = hosting
            .iter()
            .chain(&administration)
            .chain(&support)
            .chain(&subcontracted)
            .copied()
            .collect();
        let listed = operations.and_then(|o| o.supervision_from.as_ref());
        for (k, country) in listed.into_iter().flatten().enumerate() {
            if !explained.contains(country.as_str()) {
                let at = format!("offer.operations.supervision_from[{k}]");
                found.push(Contradiction {
                    reads: "offer.operations.supervision_from".into(),
                    finding: format!(
                        "{at} says the service is supervised from {country}, but no datacenter, \
                         other operations list or subcontractor is in {country}"
                    ),
                    at,
                    certain: false,
                });
            }
        }
    }
    // Staff with privileged access outside the EU administer the service from outside
    // the EU: an administration list with EU countries only contradicts it.
    let in_eu = |c: &str| j.in_group(c, "EU") == Some(true);
    let staff_outside = operations.and_then(|o| o.staff_in_eu) == Some(false);
    if staff_outside && !administration.is_empty() && administration.iter().all(|c| in_eu(c)) {
        let listed: Vec<&str> = administration.iter().copied().collect();
        found.push(Contradiction {
            reads: "offer.operations.administration_from".into(),
            at: "offer.operations.staff_in_eu".into(),
            finding: format!(
                "offer.operations.staff_in_eu is false (staff with privileged access work \
                 outside the EU), but offer.operations.administration_from lists only [{}]",
                listed.join(", ")
            ),
            certain: true,
        });
    }
    // The same staff, seen from support: privileged staff outside the EU while
    // support is said to be given from the EU only may be support staff, whose
    // access needs the 19.2 e) controls.
    if staff_outside && !support.is_empty() && support.iter().all(|c| in_eu(c)) {
        let listed: Vec<&str> = support.iter().copied().collect();
        found.push(Contradiction {
            reads: "offer.operations.support_from".into(),
            at: "offer.operations.staff_in_eu".into(),
            finding: format!(
                "offer.operations.staff_in_eu is false (staff with privileged access work \
                 outside the EU), but offer.operations.support_from lists only [{}]",
                listed.join(", ")
            ),
            certain: false,
        });
    }
    // Support access "supervised from the EU" by a provider that supervises only from
    // outside the EU.
    let supervised_from_eu = operations
        .and_then(|o| o.support_controls.as_ref())
        .and_then(|c| c.supervised_from_eu);
    if supervised_from_eu == Some(true)
        && !supervision.is_empty()
        && !supervision.iter().any(|c| in_eu(c))
    {
        let listed: Vec<&str> = supervision.iter().copied().collect();
        found.push(Contradiction {
            reads: "offer.operations.support_controls.supervised_from_eu".into(),
            at: "offer.operations.support_controls.supervised_from_eu".into(),
            finding: format!(
                "offer.operations.support_controls.supervised_from_eu is true, but \
                 offer.operations.supervision_from names no EU country: [{}]",
                listed.join(", ")
            ),
            certain: true,
        });
    }
    found
}

/// Doubts for every place listed (storage, backups, processing, supervision) when
/// the datacenters are left out or one of them has no country.
fn unplaced_hosting(
    offer: &crate::provider::raw::Offer,
    operations: Option<&crate::provider::raw::Operations>,
    found: &mut Vec<Contradiction>,
) {
    let gap = match &offer.datacenters {
        None => Some("offer.datacenters".to_string()),
        Some(list) if list.is_empty() => Some("offer.datacenters (an empty list)".to_string()),
        Some(list) => list
            .iter()
            .position(|d| d.country.is_none())
            .map(|i| format!("offer.datacenters[{i}].country")),
    };
    let Some(at) = gap else {
        return;
    };
    let data = offer.data.as_ref();
    let places = [
        ("offer.data.storage", data.and_then(|d| d.storage.as_ref())),
        ("offer.data.backups", data.and_then(|d| d.backups.as_ref())),
        (
            "offer.data.processing",
            data.and_then(|d| d.processing.as_ref()),
        ),
        (
            "offer.operations.supervision_from",
            operations.and_then(|o| o.supervision_from.as_ref()),
        ),
    ];
    for (reads, listed) in places {
        if listed.is_some_and(|l| !l.is_empty()) {
            found.push(Contradiction {
                reads: reads.into(),
                finding: format!(
                    "{at} is not given: {reads} cannot be checked against where the offer \
                     is hosted"
                ),
                at: at.clone(),
                certain: false,
            });
        }
    }
}

fn countries(list: Option<&Vec<String>>) -> BTreeSet<&str> {
    list.into_iter().flatten().map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::FactValue;
    use crate::provider::model::Provider;

    fn provider(offer: &str) -> Provider {
        let text = format!(
            "trustcheck: 1\nprovider: p\nentities:\n  p: {{ country: FR }}\n  soc: {{ country: DE }}\noffer:\n{offer}"
        );
        crate::provider::load_str("test.yaml", &text)
            .map(|loaded| loaded.provider)
            .expect("a valid file")
    }

    fn found(offer: &str) -> Vec<(String, String)> {
        contradictions(&provider(offer), Jurisdictions::embedded())
            .into_iter()
            .map(|c| (c.reads, c.at))
            .collect()
    }

    #[test]
    fn only_the_staff_contradiction_is_certain() {
        let offer = "  datacenters: [{ country: FR }]\n  data: { storage: [DE] }\n  operations: { administration_from: [FR], staff_in_eu: false }\n";
        let certain: Vec<(String, bool)> =
            contradictions(&provider(offer), Jurisdictions::embedded())
                .into_iter()
                .map(|c| (c.reads, c.certain))
                .collect();
        assert_eq!(
            certain,
            vec![
                // The datacenter in France no data list names, and storage in Germany.
                ("offer.data.storage".to_string(), false),
                ("offer.data.storage".to_string(), false),
                ("offer.operations.administration_from".to_string(), true),
            ]
        );
        let fact = Contradiction {
            reads: "r".into(),
            at: "a".into(),
            finding: "f".into(),
            certain: false,
        }
        .fact();
        assert!(fact.field("consistent").is_none(), "unknown, not false");
    }

    #[test]
    fn storage_outside_every_datacenter_country() {
        let got = found(
            "  datacenters: [{ country: US }, { country: US }]\n  data: { storage: [FR], backups: [US], processing: [US] }\n",
        );
        assert_eq!(
            got,
            vec![(
                "offer.data.storage".to_string(),
                "offer.data.storage[0]".to_string()
            )]
        );
    }

    #[test]
    fn a_datacenter_where_no_data_list_says_data_is() {
        let offer = "  datacenters: [{ country: FR }, { country: DE }]\n  data: { storage: [FR], backups: [FR] }\n";
        assert_eq!(
            found(offer),
            vec![(
                "offer.data.storage".to_string(),
                "offer.datacenters[1].country".to_string()
            )]
        );
        let offer = "  datacenters: [{ country: FR }, { country: DE }]\n  data: { storage: [FR], backups: [FR, DE] }\n";
        assert!(found(offer).is_empty());
    }

    #[test]
    fn without_datacenter_countries_every_place_listed_stays_in_doubt() {
        assert_eq!(
            found("  datacenters: [{ name: a }]\n  data: { storage: [FR] }\n"),
            vec![(
                "offer.data.storage".to_string(),
                "offer.datacenters[0].country".to_string()
            )]
        );
        assert_eq!(
            found("  data: { storage: [FR] }\n  operations: { supervision_from: [FR] }\n"),
            vec![
                (
                    "offer.data.storage".to_string(),
                    "offer.datacenters".to_string()
                ),
                (
                    "offer.operations.supervision_from".to_string(),
                    "offer.datacenters".to_string()
                )
            ]
        );
        assert_eq!(
            found("  datacenters: []\n  data: { storage: [FR] }\n"),
            vec![(
                "offer.data.storage".to_string(),
                "offer.datacenters (an empty list)".to_string()
            )]
        );
    }

    #[test]
    fn processing_and_supervision_may_be_explained_by_operations_or_subcontractors() {
        let offer = "  datacenters: [{ country: FR }]\n  data: { processing: [FR, DE, ES] }\n  operations: { administration_from: [FR], supervision_from: [DE, IT] }\n  subcontractors: [{ entity: soc }]\n";
        assert_eq!(
            found(offer),
            vec![
                (
                    "offer.data.processing".to_string(),
                    "offer.data.processing[2]".to_string()
                ),
                (
                    "offer.operations.supervision_from".to_string(),
                    "offer.operations.supervision_from[1]".to_string()
                ),
            ]
        );
    }

    #[test]
    fn staff_outside_the_eu_with_administration_from_the_eu_only() {
        let offer = "  operations: { administration_from: [FR], staff_in_eu: false }\n";
        assert_eq!(
            found(offer),
            vec![(
                "offer.operations.administration_from".to_string(),
                "offer.operations.staff_in_eu".to_string()
            )]
        );
        // Said plainly: administration from outside the EU is no contradiction.
        let offer = "  operations: { administration_from: [FR, US], staff_in_eu: false }\n";
        assert!(found(offer).is_empty());
        // Support from the EU only: the staff abroad may be support staff.
        let offer = "  operations: { administration_from: [FR, US], support_from: [FR], staff_in_eu: false }\n";
        assert_eq!(
            found(offer),
            vec![(
                "offer.operations.support_from".to_string(),
                "offer.operations.staff_in_eu".to_string()
            )]
        );
        let offer = "  operations: { administration_from: [FR], staff_in_eu: true }\n";
        assert!(found(offer).is_empty());
    }

    #[test]
    fn support_supervised_from_the_eu_by_a_provider_supervising_from_outside_it() {
        let offer = "  datacenters: [{ country: US }]\n  operations: { supervision_from: [US], support_controls: { supervised_from_eu: true } }\n";
        assert_eq!(
            found(offer),
            vec![(
                "offer.operations.support_controls.supervised_from_eu".to_string(),
                "offer.operations.support_controls.supervised_from_eu".to_string()
            )]
        );
        let offer = "  datacenters: [{ country: FR }, { country: US }]\n  operations: { supervision_from: [US, FR], support_controls: { supervised_from_eu: true } }\n";
        assert!(found(offer).is_empty());
    }

    #[test]
    fn every_datacenter_is_listed_with_its_country() {
        let fact = consistency_fact(
            &provider("  datacenters: [{ name: a, country: US }, { name: b }]\n"),
            Jurisdictions::embedded(),
        );
        let Some(FactValue::List(items)) = fact.field("datacenters").map(|f| &f.value) else {
            panic!("no list")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0].field("country").and_then(|c| c.source.clone()),
            Some("offer.datacenters[0].country".to_string())
        );
        assert!(items[1].field("country").is_none());
        let fact = consistency_fact(
            &provider("  datacenters: [{ country: US }]\n  data: { storage: [FR] }\n"),
            Jurisdictions::embedded(),
        );
        let note = fact
            .lookup("datacenters")
            .and_then(|l| match &l.value {
                FactValue::List(items) => items.first(),
                _ => None,
            })
            .and_then(|d| d.field("country"))
            .and_then(|c| c.note.clone());
        assert_eq!(note.as_deref(), Some("offer.data.storage says [FR]"));
        let left_out = consistency_fact(&provider("  name: x\n"), Jurisdictions::embedded());
        assert!(left_out.field("datacenters").is_none(), "silence, not none");
        let none = consistency_fact(&provider("  datacenters: []\n"), Jurisdictions::embedded());
        assert!(matches!(
            none.field("datacenters").map(|f| &f.value),
            Some(FactValue::List(items)) if items.is_empty()
        ));
    }
}
