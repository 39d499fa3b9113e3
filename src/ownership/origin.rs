//! Where entities belong (SecNumCloud 19.6 a)) and whether they are controlled from
//! outside the EU (19.6 c), control as in Code de commerce art. L.233-3).

use super::analysis::Origin;
use super::claims::{EPSILON, PRESUMPTION};
use super::control::{Control, ControlLink};
use super::graph::{Graph, Node};
use crate::jurisdiction::Jurisdictions;
use crate::provider::model::{Entity, EntityKind};

/// The origin of an entity from its registered office, central administration and
/// principal establishment: outside the EU as soon as one known seat is; in the EU
/// only when all three are known and in the EU; unknown otherwise.
pub fn origin(entity: &Entity, j: &Jurisdictions) -> Origin {
    let seats = entity.seats();
    if seats.iter().flatten().any(|country| !j.is_eu(country)) {
        Origin::NonEu
    } else if seats.iter().all(Option::is_some) {
        Origin::Eu
    } else {
        Origin::Unknown
    }
}

/// The origin of every node; unknown for an id the registry does not declare.
pub(crate) fn origins(graph: &Graph, j: &Jurisdictions) -> Vec<Origin> {
    graph
        .nodes()
        .map(|n| graph.entity(n).map_or(Origin::Unknown, |e| origin(e, j)))
        .collect()
}

/// Whether an entity is controlled from outside the EU, and what decides it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ForeignControl {
    /// This controller is outside the EU.
    NonEu(Node),
    /// This controller's origin is unknown.
    UnknownOrigin(Node),
    /// This entity (the one looked at, or one of its controllers) has enough
    /// undeclared votes to hide a controller.
    Undeclared(Node),
    /// No control from outside the EU; the principal ultimate controller, if any.
    Free(Option<Node>),
}

impl ForeignControl {
    /// `Some(true)`, `Some(false)`, or `None` when it cannot be told.
    pub fn answer(self) -> Option<bool> {
        match self {
            ForeignControl::NonEu(_) => Some(true),
            ForeignControl::UnknownOrigin(_) | ForeignControl::Undeclared(_) => None,
            ForeignControl::Free(_) => Some(false),
        }
    }
}

/// Decides whether `n` is controlled from outside the EU. Every controller counts,
/// not only the nearest: control is transitive (L.233-3), so a non-EU parent anywhere
/// up the chain controls `n`.
pub(crate) fn foreign_control(
    graph: &Graph,
    control: &Control,
    origins: &[Origin],
    n: Node,
) -> ForeignControl {
    let origin_of = |c: Node| origins.get(c as usize).copied().unwrap_or(Origin::Unknown);
    let nearest = |wanted: Origin| {
        control
            .controllers(n)
            .iter()
            .filter(|l| origin_of(l.controller) == wanted)
            .min_by_key(|l| (l.depth, graph.id(l.controller)))
            .map(|l| l.controller)
    };
    if let Some(c) = nearest(Origin::NonEu) {
        return ForeignControl::NonEu(c);
    }
    if let Some(c) = nearest(Origin::Unknown) {
        return ForeignControl::UnknownOrigin(c);
    }
    let mut chain = std::iter::once(n).chain(control.controllers(n).iter().map(|l| l.controller));
    if let Some(x) = chain.find(|&x| may_hide_controller(graph, control, x)) {
        return ForeignControl::Undeclared(x);
    }
    if let Some(x) = hidden_tipping_holder(graph, control, origins, n) {
        return ForeignControl::Undeclared(x);
    }
    ForeignControl::Free(principal_controller(graph, control, origins, n).map(|l| l.controller))
}

/// Holders of `n` whose own controllers cannot be told (undeclared votes or rights,
/// or an unknown origin) may all be controlled by one hidden entity: their votes
/// would then count together (L.233-4). When together they could hold a majority of
/// `n`, who controls `n` cannot be told either; the first of them is named.
fn hidden_tipping_holder(
    graph: &Graph,
    control: &Control,
    origins: &[Origin],
    n: Node,
) -> Option<Node> {
    let hidden: Vec<_> = graph
        .holders(n)
        .iter()
        .filter(|h| {
            origins.get(h.other as usize).copied() == Some(Origin::Unknown)
                || may_hide_controller(graph, control, h.other)
        })
        .collect();
    let together: f64 = hidden.iter().map(|h| h.voting).sum();
    (hidden.len() > 1 && together > 0.5 + EPSILON).then(|| hidden.first().map(|h| h.other))?
}

/// Whether the votes nobody declared in `n` could belong to one holder that controls
/// it: at least 40 % (the L.233-3 II presumption, which the statute sets above 40 %;
/// exactly 40 % is counted here too) and at least as much as the largest
/// declared block, so that no declared majority or larger holder rules it out. A
/// listed company's undeclared votes are free float (no holder above the 5 %
/// declaration threshold of L.233-7 I) when it states its holders and their votes,
/// and an entity the registry does not declare at all could be held by anyone. A
/// company or fund that leaves its `rights` out could be controlled by a right or an
/// agreement no one declared: silence is not "none".
fn may_hide_controller(graph: &Graph, control: &Control, n: Node) -> bool {
    let Some(entity) = graph.entity(n) else {
        return true;
    };
    if !entity.stated.rights && matches!(entity.kind, EntityKind::Company | EntityKind::Fund) {
        return true;
    }
    if !entity.can_have_holders() || entity.dispersed_remainder() {
        return false;
    }
    let undeclared = graph.undeclared(n)[1];
    undeclared >= PRESUMPTION - EPSILON && undeclared >= control.largest_block(n) - EPSILON
}

/// The ultimate controller to name when one is asked for. L.233-3 allows several
/// (a majority holder and the holder of a board-appointment right may differ): the
/// one outside the EU comes first, then one of unknown origin, then by basis
/// (majority first), nearness and id.
pub(crate) fn principal_controller<'c>(
    graph: &Graph,
    control: &'c Control,
    origins: &[Origin],
    n: Node,
) -> Option<&'c ControlLink> {
    let rank = |o: Option<&Origin>| match o {
        Some(Origin::NonEu) => 0,
        Some(Origin::Unknown) | None => 1,
        Some(Origin::Eu) => 2,
    };
    control.ultimate(n).min_by_key(|l| {
        (
            rank(origins.get(l.controller as usize)),
            l.basis,
            l.depth,
            graph.id(l.controller),
        )
    })
}
