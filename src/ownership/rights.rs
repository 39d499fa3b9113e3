//! Special rights over the subject, and the edges of its ownership graph.

use super::Scope;
use super::analysis::{EdgeKind, OwnershipEdge, RightOver};
use super::describe::UNDECLARED;
use super::graph::Node;
use super::holders::above;
use super::non_eu::{percent, remainder};

/// The special rights over `subject`: each is held by its holder and, through it, by
/// every entity that controls the holder (SecNumCloud 19.6 b) counts rights held "by
/// contract or by the articles" individually or collectively, so a parent outside the
/// EU holds what its subsidiary holds). Sorted by position, then nearness, then holder.
pub(crate) fn rights(scope: &Scope, subject: Node) -> Vec<RightOver> {
    let mut rights = Vec::new();
    for right in scope.graph.rights(subject) {
        let above = scope
            .control
            .controllers(right.holder)
            .iter()
            .map(|l| l.controller);
        for holder in std::iter::once(right.holder).chain(above) {
            let mut via = scope.chain_to(holder, right.holder);
            via.0.push(scope.id(subject));
            // A holder seated in the EU whose own controllers cannot be told (votes
            // or rights it leaves undeclared) may hold the right for someone outside
            // the EU: its origin is unknown, never taken as the EU.
            let origin = match scope.origin(holder) {
                super::Origin::Eu
                    if holder == right.holder
                        && scope.foreign_control(holder).answer().is_none() =>
                {
                    super::Origin::Unknown
                }
                origin => origin,
            };
            rights.push(RightOver {
                holder: scope.id(holder),
                kind: right.kind,
                origin,
                via,
                index: right.index,
            });
        }
    }
    rights.sort_by(|a, b| {
        (a.index, a.via.0.len(), &a.holder).cmp(&(b.index, b.via.0.len(), &b.holder))
    });
    rights
}

/// Every holding and right among `subject` and the entities above it, with the
/// undeclared remainders as holdings of `undeclared:<id>`; sorted by held, holder.
pub(crate) fn edges(scope: &Scope, subject: Node) -> Vec<OwnershipEdge> {
    let mut edges = Vec::new();
    for held in std::iter::once(subject).chain(above(scope, subject)) {
        let control = |holder: Node| scope.control.link(held, holder).map(|l| l.basis);
        for h in scope.graph.holders(held) {
            edges.push(OwnershipEdge {
                holder: scope.id(h.other),
                held: scope.id(held),
                link: EdgeKind::Holding {
                    capital: percent(h.capital),
                    voting: percent(h.voting),
                },
                control: control(h.other),
            });
        }
        for r in scope.graph.rights(held) {
            edges.push(OwnershipEdge {
                holder: scope.id(r.holder),
                held: scope.id(held),
                link: EdgeKind::Right { right: r.kind },
                control: control(r.holder),
            });
        }
        let [capital, voting] = remainder(scope, held).map(percent);
        if capital > 0.0 || voting > 0.0 {
            edges.push(OwnershipEdge {
                holder: format!("{UNDECLARED}{}", scope.graph.id(held)),
                held: scope.id(held),
                link: EdgeKind::Holding { capital, voting },
                control: None,
            });
        }
    }
    edges.sort_by(|a, b| (&a.held, &a.holder).cmp(&(&b.held, &b.holder)));
    edges
}
