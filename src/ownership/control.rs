//! Control in the sense of Code de commerce art. L.233-3, computed once per entity.
//!
//! An entity E controls X when, counting what E holds itself and what the entities E
//! controls hold (L.233-3 "directement ou indirectement"):
//! 1. E has more than 50 % of the voting rights in X (I 1°, majority of votes);
//! 2. E has a management agreement over X: it disposes of the majority of votes by
//!    agreement with other holders (I 2°);
//! 3. E has a right to appoint the majority of X's board (I 4°);
//! 4. E has at least 40 % of the votes and no other holder has more (the II
//!    presumption). The statute says "supérieure à 40 %"; exactly 40 % is taken as
//!    control here on purpose, because a trust check must err towards control.
//!
//! Veto rights and golden shares are not control under L.233-3: they are reported as
//! rights, not here. Control is transitive, and every controller of an entity is kept
//! (not only the nearest), so that a registry-wide question ("is X reached by a law
//! that binds one of its controllers?") needs no walk up the graph.

use super::analysis::ControlBasis;
use super::components::Components;
use super::graph::{Graph, Node};
use crate::provider::model::RightKind;

/// More than this fraction of the votes is a majority (L.233-3 I 1°).
pub(crate) const MAJORITY: f64 = 0.5;
/// At least this fraction of the votes, with no larger holder, presumes control (L.233-3 II).
pub(crate) const PRESUMPTION: f64 = 0.4;
/// Tolerance on sums of percentages written with decimals.
pub(crate) const EPSILON: f64 = 1e-9;
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
        let claims = Claims {
            members,
            ..Claims::default()
        };
        Control::run(graph, components, claims)
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

    /// Settles control on a cycle by rounds in which every member is recomputed from
    /// the previous round (so that the result does not depend on the order of the
    /// members); false if it did not settle within [`MAX_ROUNDS`].
    fn settle_cycle(&mut self, graph: &Graph, members: &[Node], claims: &mut Claims) -> bool {
        for _ in 0..MAX_ROUNDS {
            let round: Vec<_> = members
                .iter()
                .map(|&n| claims.evaluate(graph, self, n))
                .collect();
            let mut changed = false;
            for (&n, (found, largest)) in members.iter().zip(round) {
                changed |= self.set(n, &found, largest);
            }
            if !changed {
                return true;
            }
        }
        false
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

    /// Every entity that controls `n`, directly or through others.
    pub fn controllers(&self, n: Node) -> &[ControlLink] {
        self.links.get(n as usize).map_or(&[], |l| l)
    }

    /// How `controller` controls `n`, if it does.
    pub fn link(&self, n: Node, controller: Node) -> Option<&ControlLink> {
        self.controllers(n)
            .iter()
            .find(|l| l.controller == controller)
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

/// What one entity may claim over the entity being settled.
#[derive(Debug, Clone, Copy)]
struct Claim {
    entity: Node,
    votes: f64,
    /// Through which holder the votes come: (via, depth, votes of that holder).
    vote_via: Option<(Node, u32, f64)>,
    agreement: Option<(Node, u32)>,
    board: Option<(Node, u32)>,
}

/// One holder's contribution to a claim.
#[derive(Debug, Clone, Copy)]
struct Share {
    beneficiary: Node,
    via: Node,
    depth: u32,
    what: Contribution,
}

#[derive(Debug, Clone, Copy)]
enum Contribution {
    Votes(f64),
    Right(RightKind),
}

/// Buffers reused from one entity to the next, and the coalition, if any.
#[derive(Debug, Default)]
struct Claims {
    shares: Vec<Share>,
    claims: Vec<Claim>,
    /// Entities that claim as one, as [`COALITION`].
    members: Vec<bool>,
}

impl Claims {
    /// Every holding and right over `n`, credited to its holder and to every
    /// controller of its holder (attribution, L.233-4).
    fn gather(&mut self, graph: &Graph, control: &Control, n: Node) {
        self.shares.clear();
        let holders = graph
            .holders(n)
            .iter()
            .map(|h| (h.other, Contribution::Votes(h.voting)));
        let rights = graph
            .rights(n)
            .iter()
            .map(|r| (r.holder, Contribution::Right(r.kind)));
        for (via, what) in holders.chain(rights) {
            let above = control
                .controllers(via)
                .iter()
                .map(|l| (l.controller, l.depth + 1));
            // A holding counts once for the coalition, even when a member holds it and
            // the coalition also controls the member.
            let mut coalition_credited = false;
            for (beneficiary, depth) in std::iter::once((via, 1)).chain(above) {
                let beneficiary = match self.members.get(beneficiary as usize) {
                    Some(true) => COALITION,
                    _ => beneficiary,
                };
                if beneficiary == COALITION && std::mem::replace(&mut coalition_credited, true) {
                    continue;
                }
                if beneficiary != n {
                    self.shares.push(Share {
                        beneficiary,
                        via,
                        depth,
                        what,
                    });
                }
            }
        }
        self.shares.sort_by_key(|s| s.beneficiary);
        self.claims.clear();
        for share in &self.shares {
            match self.claims.last_mut() {
                Some(claim) if claim.entity == share.beneficiary => claim.add(share),
                _ => {
                    let mut claim = Claim::new(share.beneficiary);
                    claim.add(share);
                    self.claims.push(claim);
                }
            }
        }
    }

    /// The controllers of `n` and the largest block of votes in it.
    fn evaluate(&mut self, graph: &Graph, control: &Control, n: Node) -> (Vec<ControlLink>, f64) {
        self.gather(graph, control, n);
        self.decide()
    }

    /// The claims that amount to control, and the largest block of votes.
    fn decide(&self) -> (Vec<ControlLink>, f64) {
        let largest = self.claims.iter().map(|c| c.votes).fold(0.0, f64::max);
        let found = self
            .claims
            .iter()
            .filter_map(|claim| {
                let (basis, (via, depth)) = self.basis(claim)?;
                Some(ControlLink {
                    controller: claim.entity,
                    basis,
                    via,
                    depth,
                })
            })
            .collect();
        (found, largest)
    }

    fn basis(&self, claim: &Claim) -> Option<(ControlBasis, (Node, u32))> {
        let votes = claim.vote_via.map(|(via, depth, _)| (via, depth));
        if claim.votes > MAJORITY + EPSILON {
            return Some((ControlBasis::VotingMajority, votes?));
        }
        if let Some(via) = claim.agreement {
            return Some((ControlBasis::Agreement, via));
        }
        if let Some(via) = claim.board {
            return Some((ControlBasis::BoardAppointment, via));
        }
        // L.233-3 II: no other holder has more, directly or indirectly. A parent whose
        // votes are only its subsidiary's ties with it, and both are presumed; a parent
        // with more than that is the one presumed, not its subsidiary.
        let unrivalled = self
            .claims
            .iter()
            .all(|other| other.votes <= claim.votes + EPSILON);
        if claim.votes >= PRESUMPTION - EPSILON && unrivalled {
            return Some((ControlBasis::DeFacto, votes?));
        }
        None
    }
}

impl Claim {
    fn new(entity: Node) -> Self {
        Claim {
            entity,
            votes: 0.0,
            vote_via: None,
            agreement: None,
            board: None,
        }
    }

    /// Adds a share; the link kept for a chain is the shortest, then the largest.
    fn add(&mut self, share: &Share) {
        let shorter = |old: Option<(Node, u32)>| match old {
            Some((via, depth)) => (share.depth, share.via) < (depth, via),
            None => true,
        };
        match share.what {
            Contribution::Votes(v) => {
                self.votes += v;
                let better = match self.vote_via {
                    Some((via, depth, w)) => (share.depth, -v, share.via) < (depth, -w, via),
                    None => v > 0.0,
                };
                if better && v > 0.0 {
                    self.vote_via = Some((share.via, share.depth, v));
                }
            }
            Contribution::Right(RightKind::ManagementAgreement) if shorter(self.agreement) => {
                self.agreement = Some((share.via, share.depth));
            }
            Contribution::Right(RightKind::BoardAppointment) if shorter(self.board) => {
                self.board = Some((share.via, share.depth));
            }
            Contribution::Right(_) => {}
        }
    }
}
