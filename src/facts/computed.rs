//! Computed facts: the provider entity, its ownership analysis, its third parties and
//! the laws that reach it, shaped as records rules can read.

use std::collections::BTreeMap;

use crate::jurisdiction::Jurisdictions;
use crate::ownership::{Analysis, Bound, Chain, Coalition, Origin, Role, ThirdParty};
use crate::provider::model::{Entity, Provider, RightKind};

use super::{Fact, FactValue, list, record};

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
    // A seat left out reads as the registered office, but its source is its own
    // path, which the evidence index grades `self-declared`: a default is not a
    // stated fact, and does not borrow the registered office's source.
    let declared = |key: &str| Some(format!("{base}.{key}"));
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
        let mut fact = Fact::text(country, declared("central_administration"));
        if !given_central {
            fact = fact.with_note("same as the registered office: not declared separately");
        }
        fields.push(("central_administration", fact));
    }
    let given_principal = raw.is_some_and(|r| r.principal_establishment.is_some());
    if let Some(country) = &entity.principal_establishment {
        let mut fact = Fact::text(country, declared("principal_establishment"));
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
            let declared = provider
                .entities
                .get(subject)
                .and_then(|e| e.rights.get(r.index));
            if let Some(votes) = declared.and_then(|right| right.votes) {
                fields.push(("votes", Fact::number(votes, source.clone())));
            }
            let seats = declared.and_then(|right| right.seats);
            if let Some(seats) = seats {
                fields.push(("seats", Fact::number(seats, source.clone())));
            }
            // Whether the right alone names the majority of a body: a board-appointment
            // right without `seats` does.
            let majority = r.kind == RightKind::BoardAppointment && seats.is_none_or(|s| s > 50.0);
            fields.push(("majority", Fact::boolean(majority, source.clone())));
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
            (
                "non_eu_board_seats",
                bound(
                    analysis.non_eu_board_seats,
                    Some(format!("entities.{subject}.rights")),
                )
                .with_note(
                    "seats of a governing body named by board-appointment rights held from \
                     outside the EU, together; the worst case counts holders of unknown origin",
                ),
            ),
            ("controllers", controllers_fact(provider, analysis)),
            ("foreign_public", foreign_public_fact(provider, analysis)),
        ],
        Some(format!("entities.{subject}")),
    );
    // The provider's `rights` left out is silence, not "no rights": the rights over
    // it are a missing fact (`rights: []` states there are none).
    let rights_stated = provider
        .entities
        .get(subject)
        .is_some_and(|e| e.stated.rights);
    if !rights_stated && let FactValue::Record(fields) = &mut fact.value {
        fields.remove("rights");
        fields.remove("non_eu_board_seats");
    }
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

/// Every controller of the provider (L.233-3), then the entities outside the EU
/// together when they control it as a coalition.
fn controllers_fact(provider: &Provider, analysis: &Analysis) -> Fact {
    let subject = &analysis.subject;
    let source = Some(format!("entities.{subject}"));
    let mut items: Vec<Fact> = analysis
        .controllers
        .iter()
        .map(|c| {
            let mut fields = vec![
                ("entity", Fact::text(&c.entity, None)),
                ("name", Fact::text(display_name(&c.entity, provider), None)),
                ("basis", Fact::text(c.basis.describe(), None)),
                ("paragraph", Fact::text(c.basis.paragraph(), None)),
                (
                    "chain",
                    Fact::text(c.chain.describe(&provider.entities), None),
                ),
            ];
            let source = holding_path(&c.chain, provider)
                .or_else(|| right_path(&c.chain, provider))
                .or_else(|| source.clone());
            if let Some(non_eu) = origin_flag(c.origin) {
                fields.push(("non_eu", Fact::boolean(non_eu, source.clone())));
            }
            record(fields, source)
        })
        .collect();
    if let Some(coalition) = &analysis.coalition {
        let names: Vec<String> = coalition
            .members
            .iter()
            .map(|m| display_name(m, provider))
            .collect();
        let mut fields = vec![
            ("entity", Fact::text("non-EU holders together", None)),
            (
                "name",
                Fact::text(
                    format!("entities outside the EU together ({})", names.join(", ")),
                    None,
                ),
            ),
            ("basis", Fact::text(coalition.basis.describe(), None)),
            ("paragraph", Fact::text(coalition.basis.paragraph(), None)),
            (
                "chain",
                Fact::text(coalition_chain(coalition, &names, provider), None),
            ),
        ];
        // Known only when the entities known to be outside the EU control together.
        if coalition.known {
            fields.push(("non_eu", Fact::boolean(true, source.clone())));
        }
        items.push(record(fields, source.clone()));
    }
    list(items, source)
}

/// The chain through which the control of the entities outside the EU together
/// runs, when it passes through an entity between them and the provider
/// ("US Co (US) → Holding SAS (FR) → Acme (FR)"); else the entities, "US Co + CH SA".
fn coalition_chain(coalition: &Coalition, names: &[String], provider: &Provider) -> String {
    match &coalition.chain {
        Some(chain) if chain.0.len() > 2 => chain.describe(&provider.entities),
        _ => names.join(" + "),
    }
}

/// States and public bodies not known to be in the EU linked to the provider
/// (SecNumCloud 19.6 e)).
fn foreign_public_fact(provider: &Provider, analysis: &Analysis) -> Fact {
    let items = analysis
        .foreign_public
        .iter()
        .map(|p| {
            let rights: Vec<String> = p
                .rights
                .iter()
                .map(|r| {
                    serde_json::to_value(r)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                })
                .collect();
            let mut reach = Vec::new();
            if p.undeclared {
                reach.push(format!(
                    "up to {} % of the capital and {} % of the votes held by holders nobody \
                     declared, who could be a foreign state or public body",
                    p.capital, p.voting
                ));
            } else if p.capital > 0.0 || p.voting > 0.0 {
                reach.push(format!(
                    "holds {} % of the capital and {} % of the votes",
                    p.capital, p.voting
                ));
            }
            if !rights.is_empty() {
                reach.push(format!("holds rights: {}", rights.join(", ")));
            }
            if let Some(basis) = p.control {
                reach.push(format!("controls it: {}", basis.describe()));
            }
            let country = provider
                .entities
                .get(&p.entity)
                .and_then(|e| e.country.clone())
                .unwrap_or_else(|| "?".into());
            let source = match p.entity.strip_prefix("undeclared:") {
                Some(of) => Some(format!("entities.{of}.shareholders")),
                None => Some(format!("entities.{}", p.entity)),
            };
            record(
                vec![
                    ("entity", Fact::text(&p.entity, source.clone())),
                    ("name", Fact::text(display_name(&p.entity, provider), None)),
                    ("country", Fact::text(country, None)),
                    ("capital", Fact::number(p.capital, None)),
                    ("voting", Fact::number(p.voting, None)),
                    ("rights", Fact::text(rights.join(", "), None)),
                    ("controls", Fact::boolean(p.control.is_some(), None)),
                    ("undeclared", Fact::boolean(p.undeclared, None)),
                    ("reach", Fact::text(reach.join("; "), None)),
                    (
                        "chain",
                        Fact::text(p.chain.describe(&provider.entities), None),
                    ),
                ],
                source,
            )
        })
        .collect();
    list(items, Some(format!("entities.{}", analysis.subject)))
}

/// Path of the right that ends a chain (a right of the holder over the held entity).
fn right_path(chain: &Chain, provider: &Provider) -> Option<String> {
    let [.., holder, held] = chain.0.as_slice() else {
        return None;
    };
    let entity = provider.entities.get(held)?;
    let right = entity.rights.iter().find(|r| &r.holder == holder)?;
    Some(format!("entities.{held}.rights[{}]", right.index))
}

fn worst_case_note() -> &'static str {
    "the worst case counts undeclared holdings and holders of unknown origin as outside the EU"
}

fn third_party_fact(tp: &ThirdParty, provider: &Provider, file: &serde_json::Value) -> Fact {
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
    // Every entry naming this third party in this role counts, the most exposed one
    // deciding.
    let entries = super::merge::entries_of(file, tp.role, &tp.entity);
    if entries.len() > 1 {
        let paths: Vec<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
        fields.push((
            "entries",
            Fact::text(paths.join(", "), Some(tp.path.clone())),
        ));
    }
    if let Some(fact) = super::merge::access(&entries, access_key) {
        fields.push(("access", fact));
    }
    for key in ["operating_autonomy", "secnumcloud_qualified"] {
        if let Some(fact) = super::merge::all_true(&entries, key) {
            fields.push((key, fact));
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
