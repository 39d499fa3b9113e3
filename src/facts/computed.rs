//! Computed facts: the provider entity, its ownership analysis, its third parties and
//! the laws that reach it, shaped as records rules can read.

use std::collections::BTreeMap;

use crate::jurisdiction::Jurisdictions;
use crate::ownership::{Analysis, Bound, Chain, Origin, Role, ThirdParty};
use crate::provider::model::{Entity, Provider};
use crate::yaml::PathSegment;

use super::{Fact, FactValue};

/// The computed top-level facts: `provider`, `ownership`, `third_parties`, `exposure`.
pub fn computed_facts(
    provider: &Provider,
    file: &serde_json::Value,
    analysis: &Analysis,
    jurisdictions: &Jurisdictions,
) -> BTreeMap<String, Fact> {
    let mut facts = BTreeMap::new();
    if let Some(entity) = provider.entities.get(&provider.provider) {
        facts.insert("provider".into(), entity_fact(entity, provider));
    }
    facts.insert("ownership".into(), ownership_fact(provider, analysis));
    facts.insert(
        "third_parties".into(),
        list(
            analysis
                .third_parties
                .iter()
                .filter(|tp| {
                    matches!(
                        tp.role,
                        Role::Subcontractor | Role::Technology | Role::DatacenterOperator
                    )
                })
                .map(|tp| third_party_fact(tp, provider, file))
                .chain(unstated_third_parties(file))
                .collect(),
            None,
        ),
    );
    let exposure = analysis
        .exposure
        .iter()
        .filter(|e| matches!(e.role, Role::Provider))
        .map(|e| {
            let title = jurisdictions
                .laws()
                .iter()
                .find(|law| law.id == e.law)
                .map(|law| law.title.en.clone())
                .unwrap_or_else(|| e.law.clone());
            record(
                vec![
                    ("law", Fact::text(&e.law, None)),
                    ("title", Fact::text(title, None)),
                    (
                        "chain",
                        Fact::text(e.chain.describe(&provider.entities), None),
                    ),
                ],
                Some(format!("entities.{}", e.bound_entity)),
            )
        })
        .collect();
    facts.insert("exposure".into(), list(exposure, None));
    facts
}

fn entity_fact(entity: &Entity, provider: &Provider) -> Fact {
    let base = entity.path();
    let raw = provider.file.entities.get(&entity.id);
    let declared = |given: bool, key: &str| {
        if given {
            Some(format!("{base}.{key}"))
        } else {
            Some(format!("{base}.country"))
        }
    };
    let mut fields = vec![
        ("id", Fact::text(&entity.id, Some(base.clone()))),
        (
            "name",
            Fact::text(&entity.name, Some(format!("{base}.name"))),
        ),
        (
            "kind",
            Fact::text(kind_name(entity), Some(format!("{base}.kind"))),
        ),
        (
            "listed",
            Fact::boolean(entity.listed, Some(format!("{base}.listed"))),
        ),
    ];
    if let Some(country) = &entity.country {
        fields.push((
            "country",
            Fact::text(country, Some(format!("{base}.country"))),
        ));
    }
    let given_central = raw.is_some_and(|r| r.central_administration.is_some());
    if let Some(country) = &entity.central_administration {
        let mut fact = Fact::text(country, declared(given_central, "central_administration"));
        if !given_central {
            fact = fact.with_note("same as the registered office: not declared separately");
        }
        fields.push(("central_administration", fact));
    }
    let given_principal = raw.is_some_and(|r| r.principal_establishment.is_some());
    if let Some(country) = &entity.principal_establishment {
        let mut fact = Fact::text(
            country,
            declared(given_principal, "principal_establishment"),
        );
        if !given_principal {
            fact = fact.with_note("same as the registered office: not declared separately");
        }
        fields.push(("principal_establishment", fact));
    }
    record(fields, Some(base))
}

fn kind_name(entity: &Entity) -> String {
    serde_json::to_value(entity.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn ownership_fact(provider: &Provider, analysis: &Analysis) -> Fact {
    let subject = &analysis.subject;
    let shareholders_path = Some(format!("entities.{subject}.shareholders"));
    let holders = analysis
        .holders
        .iter()
        .map(|h| {
            let name = display_name(&h.entity, provider);
            let source = h
                .chains
                .first()
                .and_then(|chain| holding_path(chain, provider))
                .or_else(|| undeclared_path(&h.entity));
            let mut fields = vec![
                ("entity", Fact::text(&h.entity, None)),
                ("name", Fact::text(name, None)),
                ("capital", bound(h.capital, source.clone())),
                ("voting", bound(h.voting, source.clone())),
                (
                    "attributed_capital",
                    Fact::number(h.attributed_capital, None),
                ),
                ("attributed_voting", Fact::number(h.attributed_voting, None)),
                ("economic_capital", Fact::number(h.economic_capital, None)),
                ("economic_voting", Fact::number(h.economic_voting, None)),
                ("controls", Fact::boolean(h.control.is_some(), None)),
                ("undeclared", Fact::boolean(h.undeclared, None)),
            ];
            if let Some(country) = provider
                .entities
                .get(&h.entity)
                .and_then(|e| e.country.clone())
            {
                fields.push(("country", Fact::text(country, None)));
            } else {
                fields.push(("country", Fact::text("?", None)));
            }
            if let Some(non_eu) = origin_flag(h.origin) {
                fields.push(("non_eu", Fact::boolean(non_eu, source.clone())));
            }
            if let Some(basis) = &h.control {
                fields.push(("control_basis", Fact::text(basis.describe(), None)));
            }
            let chains: Vec<String> = h
                .chains
                .iter()
                .map(|c| c.describe(&provider.entities))
                .collect();
            fields.push(("chain", Fact::text(chains.join("; "), None)));
            record(fields, source)
        })
        .collect();
    let rights = analysis
        .rights
        .iter()
        .map(|r| {
            let source = Some(format!("entities.{subject}.rights[{}]", r.index));
            let mut fields = vec![
                ("holder", Fact::text(&r.holder, None)),
                ("name", Fact::text(display_name(&r.holder, provider), None)),
                (
                    "kind",
                    Fact::text(
                        serde_json::to_value(r.kind)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default(),
                        source.clone(),
                    ),
                ),
                (
                    "chain",
                    Fact::text(r.via.describe(&provider.entities), None),
                ),
            ];
            if let Some(non_eu) = origin_flag(r.origin) {
                fields.push(("non_eu", Fact::boolean(non_eu, source.clone())));
            }
            record(fields, source)
        })
        .collect();
    let mut fact = record(
        vec![
            ("holders", list(holders, shareholders_path.clone())),
            (
                "non_eu_capital",
                bound(analysis.non_eu_capital, shareholders_path.clone())
                    .with_note(worst_case_note()),
            ),
            (
                "non_eu_voting",
                bound(analysis.non_eu_voting, shareholders_path.clone())
                    .with_note(worst_case_note()),
            ),
            (
                "rights",
                list(rights, Some(format!("entities.{subject}.rights"))),
            ),
        ],
        Some(format!("entities.{subject}")),
    );
    // Unknown (a missing fact) when undeclared holdings could hide a controller.
    if let (Some(controlled), FactValue::Record(fields)) =
        (analysis.controlled_from_non_eu, &mut fact.value)
    {
        fields.insert(
            "controlled_from_non_eu".into(),
            Fact::boolean(controlled, shareholders_path),
        );
    }
    fact
}

fn worst_case_note() -> &'static str {
    "the worst case counts undeclared holdings and holders of unknown origin as outside the EU"
}

fn third_party_fact(tp: &ThirdParty, provider: &Provider, file: &serde_json::Value) -> Fact {
    let entry = json_at(file, &tp.path);
    let access_key = match tp.role {
        Role::DatacenterOperator => "operator_access",
        _ => "access",
    };
    let mut fields = vec![
        ("entity", Fact::text(&tp.entity, Some(tp.path.clone()))),
        (
            "name",
            Fact::text(display_name(&tp.entity, provider), Some(tp.path.clone())),
        ),
        (
            "role",
            Fact::text(role_name(tp.role), Some(tp.path.clone())),
        ),
    ];
    if let Some(country) = provider
        .entities
        .get(&tp.entity)
        .and_then(|e| e.country.clone())
    {
        fields.push((
            "country",
            Fact::text(country, Some(format!("entities.{}.country", tp.entity))),
        ));
    }
    let seat = origin_flag(tp.origin);
    if let Some(non_eu) = seat {
        fields.push((
            "non_eu_seat",
            Fact::boolean(non_eu, Some(format!("entities.{}", tp.entity))),
        ));
    }
    if let Some(controlled) = tp.controlled_from_non_eu {
        fields.push((
            "controlled_from_non_eu",
            Fact::boolean(controlled, Some(format!("entities.{}", tp.entity))),
        ));
    }
    let linked = match (seat, tp.controlled_from_non_eu) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    };
    if let Some(linked) = linked {
        fields.push((
            "non_eu_linked",
            Fact::boolean(linked, Some(format!("entities.{}", tp.entity))),
        ));
    }
    if let Some(chain) = &tp.control_chain {
        fields.push((
            "chain",
            Fact::text(chain.describe(&provider.entities), None),
        ));
    }
    for (key, fact_key) in [
        (access_key, "access"),
        ("operating_autonomy", "operating_autonomy"),
        ("secnumcloud_qualified", "secnumcloud_qualified"),
    ] {
        if let Some(value) = entry.and_then(|e| e.get(key))
            && let Some(fact) = Fact::from_json(value, &format!("{}.{key}", tp.path))
        {
            fields.push((fact_key, fact));
        }
    }
    record(fields, Some(tp.path.clone()))
}

/// Third parties the file is silent about: a list of subcontractors, technology
/// suppliers or datacenters left out, or a datacenter whose operator is not named.
/// Leaving a key out is silence, not "none": each stands for a third party of which
/// nothing is known, so the rules on every third party cannot pass (an empty list is
/// the statement that there is none).
fn unstated_third_parties(file: &serde_json::Value) -> Vec<Fact> {
    let offer = file.get("offer");
    let mut facts = Vec::new();
    let mut unstated = |role: Role, name: String, path: String| {
        facts.push(record(
            vec![
                ("name", Fact::text(name, None)),
                ("role", Fact::text(role_name(role), None)),
            ],
            Some(path),
        ));
    };
    for (key, role, name) in [
        (
            "subcontractors",
            Role::Subcontractor,
            "(none listed: offer.subcontractors is not given)",
        ),
        (
            "technology",
            Role::Technology,
            "(none listed: offer.technology is not given)",
        ),
        (
            "datacenters",
            Role::DatacenterOperator,
            "(none listed: offer.datacenters is not given)",
        ),
    ] {
        if offer
            .and_then(|o| o.get(key))
            .is_none_or(serde_json::Value::is_null)
        {
            unstated(role, name.to_string(), "offer".to_string());
        }
    }
    let datacenters = offer
        .and_then(|o| o.get("datacenters"))
        .and_then(serde_json::Value::as_array);
    for (i, datacenter) in datacenters.into_iter().flatten().enumerate() {
        if datacenter
            .get("operator")
            .is_none_or(serde_json::Value::is_null)
        {
            unstated(
                Role::DatacenterOperator,
                "(not named: the datacenter's operator is not given)".to_string(),
                format!("offer.datacenters[{i}]"),
            );
        }
    }
    facts
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Provider => "provider",
        Role::Subcontractor => "subcontractor",
        Role::Technology => "technology",
        Role::DatacenterOperator => "datacenter-operator",
        Role::DatacenterOwner => "datacenter-owner",
    }
}

/// The JSON value at a dotted path of the provider file.
fn json_at<'a>(file: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    crate::yaml::parse_path(path)
        .into_iter()
        .try_fold(file, |node, segment| match segment {
            PathSegment::Key(k) => node.get(k),
            PathSegment::Index(i) => node.get(i),
        })
}

fn origin_flag(origin: Origin) -> Option<bool> {
    match origin {
        Origin::Eu => Some(false),
        Origin::NonEu => Some(true),
        Origin::Unknown => None,
    }
}

fn display_name(id: &str, provider: &Provider) -> String {
    match provider.entities.get(id) {
        Some(entity) => entity.name.clone(),
        None => match id.strip_prefix("undeclared:") {
            Some(of) => format!("undeclared holders of {}", display_name(of, provider)),
            None => id.to_string(),
        },
    }
}

/// Path of the holding that ends a chain (the direct holding of the subject).
fn holding_path(chain: &Chain, provider: &Provider) -> Option<String> {
    let [.., holder, held] = chain.0.as_slice() else {
        return None;
    };
    let entity = provider.entities.get(held)?;
    let holding = entity.shareholders.iter().find(|h| &h.holder == holder)?;
    Some(holding.path(held))
}

fn undeclared_path(id: &str) -> Option<String> {
    id.strip_prefix("undeclared:")
        .map(|of| format!("entities.{of}.shareholders"))
}

fn bound(value: Bound, source: Option<String>) -> Fact {
    Fact::new(
        FactValue::Number {
            known: value.known,
            worst: value.worst,
        },
        source,
    )
}

fn record(fields: Vec<(&str, Fact)>, source: Option<String>) -> Fact {
    let fields = fields
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    Fact::new(FactValue::Record(fields), source)
}

fn list(items: Vec<Fact>, source: Option<String>) -> Fact {
    Fact::new(FactValue::List(items), source)
}
