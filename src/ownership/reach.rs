//! How far entities outside the EU reach the subject: who controls it and on what
//! ground (SecNumCloud 19.6 b), control in the sense of Code de commerce art.
//! L.233-3), how much of its governing bodies they name together, and which
//! foreign states or public bodies are linked to it (19.6 e)).

use super::Scope;
use super::analysis::{
    Bound, Chain, Coalition, Controller, HolderShare, Origin, PublicLink, RightOver,
};
use super::control::{COALITION, Control};
use super::graph::Node;
use super::holders::above;
use super::non_eu::percent;
use super::origin::ForeignControl;
use crate::provider::model::{EntityKind, RightKind};

/// What the reach of non-EU entities over the subject comes to.
pub(crate) struct Reach {
    pub controlled_from_non_eu: Option<bool>,
    pub controllers: Vec<Controller>,
    pub coalition: Option<Coalition>,
    pub non_eu_board_seats: Bound,
    pub settled: bool,
}

/// Control by the entities outside the EU together: first those known to be outside,
/// then (the worst case) with those of unknown origin too.
pub(crate) fn coalitions(scope: &Scope) -> [Control; 2] {
    [coalition(scope, false), coalition(scope, true)]
}

/// The coalition of the entities outside the EU (with those of unknown origin when
/// `worst`), free float left out: it is dispersed holdings, not one holder.
fn coalition(scope: &Scope, worst: bool) -> Control {
    let members = scope
        .graph
        .nodes()
        .map(|n| {
            let origin = scope.origin(n);
            let outside = origin == Origin::NonEu || (worst && origin == Origin::Unknown);
            outside && !scope.dispersed(n)
        })
        .collect();
    Control::coalition(&scope.graph, &scope.components, members)
}

/// Control of `subject` from outside the EU, alone or together, and the seats
/// of its bodies that rights held from outside the EU name.
pub(crate) fn reach(scope: &Scope, subject: Node, coalitions: &[Control; 2]) -> Reach {
    let mut controllers: Vec<Controller> = scope
        .control
        .controllers(subject)
        .iter()
        .map(|l| Controller {
            entity: scope.id(l.controller),
            origin: scope.origin(l.controller),
            basis: l.basis,
            chain: scope.chain_to(l.controller, subject),
        })
        .collect();
    controllers.sort_by(|a, b| (a.chain.0.len(), &a.entity).cmp(&(b.chain.0.len(), &b.entity)));
    let [known, worst] = coalitions;
    let members = |outside: &dyn Fn(Origin) -> bool| {
        let mut ids: Vec<_> = above(scope, subject)
            .into_iter()
            .filter(|&n| outside(scope.origin(n)))
            .map(|n| scope.id(n))
            .collect();
        ids.sort();
        ids
    };
    let coalition = if let Some(link) = known.link(subject, COALITION) {
        Some(Coalition {
            basis: link.basis,
            known: true,
            members: members(&|o| o == Origin::NonEu),
            chain: scope.coalition_chain(known, subject, |o| o == Origin::NonEu),
        })
    } else {
        worst.link(subject, COALITION).map(|link| Coalition {
            basis: link.basis,
            known: false,
            members: members(&|o| o != Origin::Eu),
            chain: scope.coalition_chain(worst, subject, |o| o != Origin::Eu),
        })
    };
    let single = scope.foreign_control(subject);
    let controlled_from_non_eu = match (single, &coalition) {
        (ForeignControl::NonEu(_), _) => Some(true),
        (_, Some(c)) if c.known => Some(true),
        (ForeignControl::Free(_), None) => Some(false),
        _ => None,
    };
    let non_eu_board_seats = board_seats(scope, known, subject);
    Reach {
        controlled_from_non_eu,
        controllers,
        coalition,
        non_eu_board_seats,
        settled: known.settled() && worst.settled(),
    }
}

/// The share of a body of `subject` named by `board-appointment` rights whose
/// holder is outside the EU or controlled from there, alone or by the non-EU
/// entities together (`known`); the worst case adds holders whose origin or
/// control cannot be told.
fn board_seats(scope: &Scope, known: &Control, subject: Node) -> Bound {
    let (mut sure, mut possible) = (0.0, 0.0);
    for right in scope.graph.rights(subject) {
        if right.kind != RightKind::BoardAppointment {
            continue;
        }
        let holder = right.holder;
        let outside = scope.origin(holder) == Origin::NonEu
            || known.link(holder, COALITION).is_some()
            || scope.foreign_control(holder).answer() == Some(true);
        if outside {
            sure += right.seats;
        } else if scope.origin(holder) == Origin::Unknown
            || scope.foreign_control(holder).answer().is_none()
        {
            possible += right.seats;
        }
    }
    Bound {
        known: percent(sure),
        worst: percent(sure + possible),
    }
}

/// Every state or public body not known to be in the EU that holds, holds a right
/// over, or controls `subject`, with its reach, by id; then the undeclared holdings
/// above it, which could be a foreign state's.
pub(crate) fn foreign_public(
    scope: &Scope,
    subject: Node,
    holders: &[HolderShare],
    rights: &[RightOver],
) -> Vec<PublicLink> {
    let mut found = Vec::new();
    for n in above(scope, subject) {
        let public = scope
            .graph
            .entity(n)
            .is_some_and(|e| matches!(e.kind, EntityKind::State | EntityKind::PublicBody));
        if !public || scope.origin(n) == Origin::Eu {
            continue;
        }
        let id = scope.id(n);
        let holding = holders.iter().find(|h| h.entity == id);
        let held_rights: Vec<&RightOver> = rights.iter().filter(|r| r.holder == id).collect();
        let control = scope.control.link(subject, n).map(|l| l.basis);
        let chain = holding
            .and_then(|h| h.chains.first().cloned())
            .or_else(|| held_rights.first().map(|r| r.via.clone()))
            .unwrap_or_else(|| scope.chain_to(n, subject));
        let (capital, voting) = holding.map_or((0.0, 0.0), |h| (h.capital.worst, h.voting.worst));
        if holding.is_none() && held_rights.is_empty() && control.is_none() {
            continue;
        }
        found.push(PublicLink {
            entity: id,
            origin: scope.origin(n),
            capital,
            voting,
            rights: held_rights.iter().map(|r| r.kind).collect(),
            control,
            chain,
            undeclared: false,
        });
    }
    // What nobody declared could be held by a foreign state: it is listed too, so
    // that leaving a state out of the file never makes 19.6 e) pass.
    for h in holders.iter().filter(|h| h.undeclared) {
        if h.capital.worst > 0.0 || h.voting.worst > 0.0 {
            found.push(PublicLink {
                entity: h.entity.clone(),
                origin: Origin::Unknown,
                capital: h.capital.worst,
                voting: h.voting.worst,
                rights: Vec::new(),
                control: None,
                chain: h.chains.first().cloned().unwrap_or_else(|| Chain(vec![])),
                undeclared: true,
            });
        }
    }
    found
}
