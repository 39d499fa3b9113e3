//! Third parties' control and the extraterritorial laws that reach each entity.
//!
//! A law reaches an entity seated (registered office, central administration or
//! principal establishment) in its jurisdiction, and every entity such an entity
//! controls, directly or not (L.233-3 control, as `rules/laws.yaml` states): the
//! CLOUD Act, for one, reaches data a US parent controls through its subsidiaries.

use std::collections::BTreeMap;

use super::Scope;
use super::analysis::{Chain, Exposure, Origin, Role, ThirdParty, ThirdPartyRef};
use super::components::Components;
use super::control::{COALITION, Control};
use super::graph::{Graph, Node};
use super::origin::ForeignControl;
use crate::jurisdiction::{Jurisdictions, Law};
use crate::provider::model::{Entity, EntityId};

/// Each third party, with its origin and whether it is controlled from outside the
/// EU (SecNumCloud 19.6 c), control as in L.233-3 II), in the order given.
/// `coalitions` are the control of the non-EU entities together, known and worst
/// (see [`super::reach::coalitions`]): a third party that non-EU companies control
/// together, or that an entity in the EU controls only through the votes of a
/// company outside the EU, is "controlled by" non-EU companies as much as one that
/// a single one controls.
pub(crate) fn third_parties(
    scope: &Scope,
    refs: &[&ThirdPartyRef],
    coalitions: &[Control; 2],
) -> Vec<ThirdParty> {
    refs.iter()
        .map(|r| {
            let (origin, controlled, chain) = match scope.graph.node(&r.entity) {
                Some(n) => {
                    let (controlled, chain) = controlled(scope, coalitions, n);
                    (scope.origin(n), controlled, chain)
                }
                None => (Origin::Unknown, None, None),
            };
            ThirdParty {
                role: r.role,
                entity: r.entity.clone(),
                path: r.path.clone(),
                origin,
                controlled_from_non_eu: controlled,
                control_chain: chain,
            }
        })
        .collect()
}

/// Whether `n` is controlled from outside the EU, alone or together, and the chain
/// that decides it: a single controller outside the EU first, then the non-EU
/// entities together; unknown when a controller of unknown origin, undeclared
/// votes, or entities of unknown origin together could make one.
fn controlled(scope: &Scope, coalitions: &[Control; 2], n: Node) -> (Option<bool>, Option<Chain>) {
    let decided = scope.foreign_control(n);
    if decided.answer() == Some(true) {
        return (Some(true), control_chain(scope, decided, n));
    }
    let [known, worst] = coalitions;
    if known.link(n, COALITION).is_some() {
        let chain = scope.coalition_chain(known, n, |o| o == Origin::NonEu);
        return (Some(true), chain);
    }
    if decided.answer() == Some(false) && worst.link(n, COALITION).is_some() {
        let chain = scope.coalition_chain(worst, n, |o| o != Origin::Eu);
        return (None, chain);
    }
    (decided.answer(), control_chain(scope, decided, n))
}

/// The chain from the entity that decided the answer down to `n`.
fn control_chain(scope: &Scope, decided: ForeignControl, n: Node) -> Option<Chain> {
    match decided {
        ForeignControl::NonEu(c)
        | ForeignControl::UnknownOrigin(c)
        | ForeignControl::Free(Some(c)) => Some(scope.chain_to(c, n)),
        ForeignControl::Undeclared(x) if x != n => Some(scope.chain_to(x, n)),
        ForeignControl::Undeclared(_) | ForeignControl::Free(None) => None,
    }
}

/// The laws that reach the subject and each third party, by role, entity and law.
pub(crate) fn all(scope: &Scope, subject: &str, refs: &[&ThirdPartyRef]) -> Vec<Exposure> {
    let mut all = exposures(scope, Role::Provider, subject);
    for r in refs {
        all.extend(exposures(scope, r.role, &r.entity));
    }
    let key = |e: &Exposure| (e.role, e.entity.clone(), e.law.clone());
    all.sort_by_key(key);
    all.dedup_by_key(|e| key(e));
    all
}

/// The laws that reach entity `id` in `role`, one exposure per law.
fn exposures(scope: &Scope, role: Role, id: &str) -> Vec<Exposure> {
    let Some(n) = scope.graph.node(id) else {
        return Vec::new();
    };
    reach(&scope.graph, &scope.control, scope.j, n)
        .into_iter()
        .map(|r| Exposure {
            entity: id.to_string(),
            role,
            law: r.law.id.clone(),
            chain: scope.chain_to(r.bound, n),
            bound_entity: scope.id(r.bound),
            bound_country: r.country.to_string(),
        })
        .collect()
}

/// For every entity of a registry reached by some law, the laws and the chain from
/// the bound entity down to it; sorted by entity id, laws in table order. Control is
/// computed once per entity, holders first, and every entity keeps all its
/// controllers, so each entity is settled once without walking up the graph again.
pub fn exposure_table(
    entities: &BTreeMap<EntityId, Entity>,
    j: &Jurisdictions,
) -> Vec<(EntityId, Vec<(String, Chain)>)> {
    let graph = Graph::whole(entities);
    let components = Components::new(&graph);
    let control = Control::compute(&graph, &components);
    drop(components);
    graph
        .nodes()
        .filter_map(|n| {
            let entity = graph.entity(n)?;
            let laws: Vec<(String, Chain)> = reach(&graph, &control, j, n)
                .into_iter()
                .map(|r| {
                    let path = control.path(r.bound, n);
                    let ids = path.iter().map(|&m| graph.id(m).to_string()).collect();
                    (r.law.id.clone(), Chain(ids))
                })
                .collect();
            (!laws.is_empty()).then(|| (entity.id.clone(), laws))
        })
        .collect()
}

/// A law, the entity it binds by seat, and that seat.
struct Reach<'j, 'a> {
    law: &'j Law,
    bound: Node,
    country: &'a str,
}

/// The laws that reach `n`: by its own seat first, else through its nearest
/// controller bound by the law (then by id).
fn reach<'j, 'a>(
    graph: &Graph<'a>,
    control: &Control,
    j: &'j Jurisdictions,
    n: Node,
) -> Vec<Reach<'j, 'a>> {
    j.laws()
        .iter()
        .filter_map(|law| {
            if let Some(country) = seat_in(law, graph.entity(n)) {
                return Some(Reach {
                    law,
                    bound: n,
                    country,
                });
            }
            control
                .controllers(n)
                .iter()
                .filter_map(|l| Some((l, seat_in(law, graph.entity(l.controller))?)))
                .min_by_key(|(l, _)| (l.depth, graph.id(l.controller)))
                .map(|(l, country)| Reach {
                    law,
                    bound: l.controller,
                    country,
                })
        })
        .collect()
}

/// The first seat of `entity` in the jurisdiction of `law`.
fn seat_in<'a>(law: &Law, entity: Option<&'a Entity>) -> Option<&'a str> {
    entity?
        .seats()
        .into_iter()
        .flatten()
        .find(|country| law.jurisdictions.contains(*country))
        .map(String::as_str)
}
