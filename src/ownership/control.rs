//! Control in the sense of Code de commerce art. L.233-3, computed once per entity.
//!
//! Control is transitive, and every controller of an entity is kept (not only the
//! nearest), so that a registry-wide question ("is X reached by a law that binds one
//! of its controllers?") needs no walk up the graph, and so that what an entity
//! claims over the next one (see [`super::claims`]) is read, not recomputed.

use super::analysis::ControlBasis;
use super::claims::Claims;
use super::components::Components;
use super::graph::{Graph, Node};

/// The controller that stands for a coalition (see [`Control::coalition`]).
pub(crate) const COALITION: Node = Node::MAX;
/// Rounds allowed for control to settle on a cycle. Control on a cycle settles in
/// a few rounds; the bound only guards against a presumption that flips back and forth.
const MAX_ROUNDS: usize = 64;

/// One entity that controls another, directly or through others.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ControlLink {
    pub controller: Node,
    pub basis: ControlBasis,
    /// The holder (or right holder) of the controlled entity through which the control
    /// runs: the controller itself, or an entity it controls.
    pub via: Node,
    /// Number of links from the controller down to the controlled entity.
    pub depth: u32,
}

/// Every controller of every entity of a graph.
#[derive(Debug)]
pub(crate) struct Control {
    /// Per node, sized exactly: a registry holds millions of these, and one shared
    /// growing buffer would double (and copy) its largest allocation.
    links: Vec<Box<[ControlLink]>>,
    largest_block: Vec<f64>,
    settled: bool,
}

impl Control {
    /// Computes control for every node, holders before what they hold.
    pub fn compute(graph: &Graph, components: &Components) -> Control {
        Control::run(graph, components, Claims::default())
    }

    /// Computes control as if the entities marked in `members` were one: the
    /// coalition appears as the controller [`COALITION`]. SecNumCloud 19.6 b) limits
    /// what non-EU entities hold "collectivement"; an intermediate company that
    /// non-EU entities control together is at their disposal as a whole, even when
    /// none of them controls it alone.
    pub fn coalition(graph: &Graph, components: &Components, members: Vec<bool>) -> Control {
        Control::run(graph, components, Claims::coalition(members))
    }

    fn run(graph: &Graph, components: &Components, mut claims: Claims) -> Control {
        let mut control = Control {
            links: vec![Box::default(); graph.len()],
            largest_block: vec![0.0; graph.len()],
            settled: true,
        };
        for component in components.upstream_first() {
            if let [n] = component {
                let (found, largest) = claims.evaluate(graph, &control, *n);
                control.set(*n, &found, largest);
            } else if !control.settle_cycle(graph, component, &mut claims) {
                control.settled = false;
            }
        }
        control
    }

    /// Settles control on a cycle by rounds in which the members are recomputed one
    /// after the other in id order (so that the result depends neither on the order
    /// of the file nor on how the graph was numbered); false if it did not settle
    /// within [`MAX_ROUNDS`].
    ///
    /// Majorities and rights are settled first, without presumptions: they only grow
    /// as control does, so they settle, and the L.233-3 II presumption, which only
    /// applies when no other holder has more, is then judged against them instead of
    /// against a half-known cycle. Presumptions can still contradict each other (one
    /// entity's presumed control makes another's holding the larger, which undoes the
    /// first, and back). Such a cycle has no stable answer; every entity presumed in
    /// control at some point of the oscillation is then kept as a controller, the side
    /// a trust check must err on, and the analysis says the cycle did not settle.
    fn settle_cycle(&mut self, graph: &Graph, members: &[Node], claims: &mut Claims) -> bool {
        let mut members = members.to_vec();
        members.sort_by_key(|&n| graph.id(n));
        for presume in [false, true] {
            claims.presume(presume);
            let settled = (0..MAX_ROUNDS).any(|_| !self.round(graph, &members, claims, false));
            if settled && presume {
                return true;
            }
        }
        for _ in 0..MAX_ROUNDS {
            if !self.round(graph, &members, claims, true) {
                break;
            }
        }
        false
    }

    /// One round on a cycle; with `keep`, controllers found before are kept. True if
    /// some member's controllers changed.
    fn round(&mut self, graph: &Graph, members: &[Node], claims: &mut Claims, keep: bool) -> bool {
        let mut changed = false;
        for &n in members {
            let (found, largest) = claims.evaluate(graph, self, n);
            let found = if keep {
                union(self.controllers(n), found)
            } else {
                found
            };
            changed |= self.set(n, &found, largest);
        }
        changed
    }

    /// Records the controllers of `n`; true if they changed.
    fn set(&mut self, n: Node, found: &[ControlLink], largest: f64) -> bool {
        self.largest_block[n as usize] = largest;
        if found == self.controllers(n) {
            return false;
        }
        if let Some(slot) = self.links.get_mut(n as usize) {
            *slot = found.into();
        }
        true
    }

    /// Every entity that controls `n`, directly or through others, by node.
    pub fn controllers(&self, n: Node) -> &[ControlLink] {
        self.links.get(n as usize).map_or(&[], |l| l)
    }

    /// How `controller` controls `n`, if it does. Controllers are kept sorted by
    /// node (claims are gathered in that order), so this is a binary search: chains
    /// hundreds deep ask it once per step.
    pub fn link(&self, n: Node, controller: Node) -> Option<&ControlLink> {
        let links = self.controllers(n);
        let i = links
            .binary_search_by_key(&controller, |l| l.controller)
            .ok()?;
        links.get(i)
    }

    /// The entities from `controller` (first) down to `n` (last) through which the
    /// control runs; `None` if `controller` does not control `n`.
    pub fn chain(&self, controller: Node, n: Node) -> Option<Vec<Node>> {
        let mut chain = vec![n];
        let mut at = n;
        // Each step goes to a link of smaller depth once control has settled; the
        // bound only matters if a cycle did not settle.
        for _ in 0..=self.links.len() {
            let link = self.link(at, controller)?;
            chain.push(link.via);
            if link.via == controller {
                chain.reverse();
                return Some(chain);
            }
            at = link.via;
        }
        None
    }

    /// The control chain from `controller` down to `n`: `n` alone when they are the
    /// same, and just the two when the chain cannot be rebuilt (an unsettled cycle).
    pub fn path(&self, controller: Node, n: Node) -> Vec<Node> {
        if controller == n {
            return vec![n];
        }
        self.chain(controller, n)
            .unwrap_or_else(|| vec![controller, n])
    }

    /// The controllers of `n` that nobody else controls (or only entities they
    /// control in turn, on a cycle of mutual control).
    pub fn ultimate(&self, n: Node) -> impl Iterator<Item = &ControlLink> {
        self.controllers(n).iter().filter(move |l| {
            self.controllers(l.controller)
                .iter()
                .all(|above| self.link(above.controller, l.controller).is_some())
        })
    }

    /// The largest block of votes in `n` held by one entity with what it controls.
    pub fn largest_block(&self, n: Node) -> f64 {
        self.largest_block.get(n as usize).copied().unwrap_or(0.0)
    }

    /// False if control on some cycle did not settle within the round limit.
    pub fn settled(&self) -> bool {
        self.settled
    }
}

/// The links of `old` and those of `new` whose controller `old` lacks, by controller.
fn union(old: &[ControlLink], new: Vec<ControlLink>) -> Vec<ControlLink> {
    let mut all: Vec<ControlLink> = old.to_vec();
    all.extend(new.into_iter().filter(|l| {
        old.binary_search_by_key(&l.controller, |o| o.controller)
            .is_err()
    }));
    all.sort_by_key(|l| l.controller);
    all
}
