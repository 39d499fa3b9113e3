//! What each holder claims over an entity, and when that claim is control (Code de
//! commerce art. L.233-3).
//!
//! An entity E controls X when, counting what E holds itself and what the entities E
//! controls hold (L.233-3 "directement ou indirectement"; L.233-4 attributes a
//! controlled company's holdings to its controller):
//! 1. E has more than 50 % of the voting rights in X (I 1°, majority of votes);
//! 2. E holds a `voting-agreement` or a `management-agreement` over X: it disposes of
//!    the majority of votes by agreement with other holders (I 2°). With `votes`, the
//!    agreement puts that share of the votes at E's disposal, and E controls when
//!    they and its own votes are more than half;
//! 3. E holds a `de-facto-control` right over X: it determines in fact, by the votes
//!    it has, the decisions of X's general meetings (I 3°). That is a finding about
//!    attendance and dispersion the file states; it is not inferred from figures;
//! 4. E holds rights to appoint or dismiss more than half of a body of X
//!    (administration, management or supervision; I 4°): the `seats` of its
//!    `board-appointment` rights added up, a right without `seats` naming the majority;
//! 5. E has at least 40 % of the votes and no other holder has more: the II
//!    presumption. The statute presumes control "supérieure à 40 %"; exactly 40 % is
//!    counted here too, on purpose, because a trust check must err towards control.
//!
//! With a coalition (see [`Claims::coalition`]), the members' votes, agreements and
//! seats add up as one claim: SecNumCloud 19.6 b) looks at non-EU holders
//! "individuellement ou collectivement". What a member holds counts for the
//! coalition only, never for an entity outside the coalition that controls the
//! member: a company seated outside the EU casts its votes under the law of its
//! seat, whoever appoints its board.
//!
//! Veto rights and golden shares are not control under L.233-3: they are reported as
//! rights, not here.

use super::analysis::ControlBasis;
use super::control::{COALITION, Control, ControlLink};
use super::graph::{Graph, Node};
use crate::provider::model::{EntityKind, RightKind};

/// More than this fraction of the votes is a majority (L.233-3 I 1°).
const MAJORITY: f64 = 0.5;
/// At least this fraction of the votes, with no larger holder, is taken as presumed
/// control: L.233-3 II presumes it above 40 %; exactly 40 % is counted too, on purpose.
pub(crate) const PRESUMPTION: f64 = 0.4;
/// Tolerance on sums of percentages written with decimals.
pub(crate) const EPSILON: f64 = 1e-9;
/// What one entity may claim over the entity being settled.
#[derive(Debug, Clone, Copy)]
struct Claim {
    entity: Node,
    votes: f64,
    /// Through which holder the votes come: (via, depth, votes of that holder).
    vote_via: Option<(Node, u32, f64)>,
    agreement: Option<(Node, u32)>,
    de_facto: Option<(Node, u32)>,
    /// Votes put at the claimant's disposal by agreements that give less than the
    /// majority alone, and the nearest such agreement.
    agreed: f64,
    agreed_via: Option<(Node, u32)>,
    /// Fraction of a body the claimant's appointment rights name, and the nearest of them.
    seats: f64,
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
    /// A right, with the fraction of a body it names (board appointments).
    Right(RightKind, f64),
    /// An agreement that puts this fraction of the votes at the holder's disposal.
    AgreedVotes(f64),
}

/// Buffers reused from one entity to the next, and the coalition, if any.
#[derive(Debug, Default)]
pub(crate) struct Claims {
    shares: Vec<Share>,
    claims: Vec<Claim>,
    /// Entities that claim as one, as [`COALITION`].
    members: Vec<bool>,
    /// Whether the L.233-3 II presumption is left out (while a cycle's majorities
    /// and rights settle).
    without_presumption: bool,
}

impl Claims {
    /// Whether claims may amount to control by the L.233-3 II presumption.
    pub fn presume(&mut self, presume: bool) {
        self.without_presumption = !presume;
    }

    /// Claims in which the entities marked in `members` claim as one.
    pub fn coalition(members: Vec<bool>) -> Self {
        Claims {
            members,
            ..Claims::default()
        }
    }

    /// Every holding and right over `n`, credited to its holder and to every
    /// controller of its holder (attribution, L.233-4).
    fn gather(&mut self, graph: &Graph, control: &Control, n: Node) {
        self.shares.clear();
        // Free float is dispersed holdings below the declaration threshold: no one
        // disposes of its votes, so it neither controls nor blocks a presumption. It
        // is dispersed only in a listed company: elsewhere it counts as one holder.
        let listed = graph.entity(n).is_some_and(|e| e.listed);
        let holders = graph
            .holders(n)
            .iter()
            .filter(|h| {
                !(listed
                    && graph
                        .entity(h.other)
                        .is_some_and(|e| e.kind == EntityKind::FreeFloat))
            })
            .map(|h| (h.other, Contribution::Votes(h.voting)));
        let rights = graph.rights(n).iter().map(|r| {
            let what = match (r.kind, r.votes) {
                (RightKind::VotingAgreement | RightKind::ManagementAgreement, Some(v)) => {
                    Contribution::AgreedVotes(v)
                }
                _ => Contribution::Right(r.kind, r.seats),
            };
            (r.holder, what)
        });
        for (via, what) in holders.chain(rights) {
            let above = control
                .controllers(via)
                .iter()
                .map(|l| (l.controller, l.depth + 1));
            // A holding counts once for the coalition, even when a member holds it and
            // the coalition also controls the member.
            let mut coalition_credited = false;
            let member = |m: Node| self.members.get(m as usize).copied().unwrap_or(false);
            let via_member = member(via);
            for (beneficiary, depth) in std::iter::once((via, 1)).chain(above) {
                // A member casts its own votes and exercises its own rights, under the
                // law of its seat: they are the coalition's, never those of an entity
                // in the EU that controls the member. Otherwise a French parent of an
                // American company would take its votes out of the non-EU side.
                if via_member && !member(beneficiary) {
                    continue;
                }
                let beneficiary = if member(beneficiary) {
                    COALITION
                } else {
                    beneficiary
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
    pub fn evaluate(
        &mut self,
        graph: &Graph,
        control: &Control,
        n: Node,
    ) -> (Vec<ControlLink>, f64) {
        self.gather(graph, control, n);
        self.decide()
    }

    /// The claims that amount to control, and the largest block of votes. L.233-3
    /// II presumes control when no other holder has more, directly or indirectly: a
    /// parent whose votes are only its subsidiary's ties with it, and both are
    /// presumed; a parent with more than that is the one presumed, not its subsidiary.
    fn decide(&self) -> (Vec<ControlLink>, f64) {
        let largest = self.claims.iter().map(|c| c.votes).fold(0.0, f64::max);
        let found = self
            .claims
            .iter()
            .filter_map(|claim| {
                let presumed = !self.without_presumption
                    && claim.votes >= PRESUMPTION - EPSILON
                    && largest <= claim.votes + EPSILON;
                let (basis, (via, depth)) = basis(claim, presumed)?;
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
}

/// Whether a claim is control, and on what ground; `presumed` says whether the
/// L.233-3 II presumption holds for it. When several grounds hold, the one that
/// reaches the entity through the fewest links is named (then majority, agreement,
/// board, in that order): on a cycle of rights, naming a farther ground would make
/// each round a link longer than the last, and the cycle would never settle.
fn basis(claim: &Claim, presumed: bool) -> Option<(ControlBasis, (Node, u32))> {
    let votes = claim.vote_via.map(|(via, depth, _)| (via, depth));
    let grounds = [
        (
            claim.votes > MAJORITY + EPSILON,
            ControlBasis::VotingMajority,
            votes,
        ),
        (true, ControlBasis::Agreement, claim.agreement),
        (
            claim.agreed > 0.0 && claim.votes + claim.agreed > MAJORITY + EPSILON,
            ControlBasis::Agreement,
            claim.agreed_via,
        ),
        (
            claim.seats > MAJORITY + EPSILON,
            ControlBasis::BoardAppointment,
            claim.board,
        ),
        (true, ControlBasis::DeFacto, claim.de_facto),
        (presumed, ControlBasis::Presumption, votes),
    ];
    grounds
        .into_iter()
        .filter_map(|(holds, basis, via)| Some((basis, via.filter(|_| holds)?)))
        .min_by_key(|&(basis, (_, depth))| (depth, basis))
}

impl Claim {
    fn new(entity: Node) -> Self {
        Claim {
            entity,
            votes: 0.0,
            vote_via: None,
            agreement: None,
            de_facto: None,
            agreed: 0.0,
            agreed_via: None,
            seats: 0.0,
            board: None,
        }
    }

    /// Adds a share. The link kept for a chain is the shortest, then the largest; on
    /// a tie the first, that is the holder with the smallest id (holdings and rights
    /// come sorted by holder id), so that the choice never depends on numbering.
    fn add(&mut self, share: &Share) {
        let shorter = |old: Option<(Node, u32)>| old.is_none_or(|(_, depth)| share.depth < depth);
        match share.what {
            Contribution::Votes(v) => {
                self.votes += v;
                let better = |(_, depth, w): (Node, u32, f64)| (share.depth, -v) < (depth, -w);
                if v > 0.0 && self.vote_via.is_none_or(better) {
                    self.vote_via = Some((share.via, share.depth, v));
                }
            }
            Contribution::Right(RightKind::ManagementAgreement | RightKind::VotingAgreement, _)
                if shorter(self.agreement) =>
            {
                self.agreement = Some((share.via, share.depth));
            }
            Contribution::Right(RightKind::DeFactoControl, _) if shorter(self.de_facto) => {
                self.de_facto = Some((share.via, share.depth));
            }
            Contribution::Right(RightKind::BoardAppointment, seats) => {
                self.seats += seats;
                if shorter(self.board) {
                    self.board = Some((share.via, share.depth));
                }
            }
            Contribution::AgreedVotes(v) => {
                self.agreed += v;
                if shorter(self.agreed_via) {
                    self.agreed_via = Some((share.via, share.depth));
                }
            }
            Contribution::Right(..) => {}
        }
    }
}
