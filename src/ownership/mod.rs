//! Who holds and who controls the provider and its third parties, and which
//! extraterritorial laws reach them.
//!
//! The analysis reads only the part of the registry above the entities it is asked
//! about (their holders and right holders, transitively), so that one provider in a
//! national-size register costs what its own groups cost. It answers:
//! - how much of the provider each direct or indirect holder has, attributed
//!   (SecNumCloud 19.6 b), "directly or indirectly": what an entity controls counts
//!   as its own) and economic (multiplied along the chains);
//! - how much is held outside the EU, as a bound when holdings are undeclared;
//! - who controls the provider and each third party (Code de commerce art. L.233-3);
//! - which laws reach them, by seat or through a controller.
//!
//! Unknowns are bounded, never guessed: undeclared holdings become a synthetic holder
//! whose worst case is one holder outside the EU, except a listed company's free float.

mod analysis;
mod claims;
mod describe;
mod exposure;
mod origin;
mod reach;
pub mod render;
mod rights;

// The graph machinery indexes dense vectors by node id. Node ids are never read
// from input: `Graph::build` numbers the nodes 0..n and sizes every per-node vector
// (`index`, `low`, `on_stack`, component tables, share and control tables) to n in
// the same scope, so an index out of bounds cannot happen.
#[allow(clippy::indexing_slicing)]
mod components;
#[allow(clippy::indexing_slicing)]
mod control;
#[allow(clippy::indexing_slicing)]
mod graph;
#[allow(clippy::indexing_slicing)]
mod holders;
#[allow(clippy::indexing_slicing)]
mod non_eu;
#[allow(clippy::indexing_slicing)]
mod shares;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use analysis::{
    Analysis, Bound, Chain, Coalition, ControlBasis, Controller, EdgeKind, Exposure, HolderShare,
    Origin, OwnershipEdge, PublicLink, RightOver, Role, ThirdParty, ThirdPartyRef,
};
pub use exposure::exposure_table;
pub use origin::origin;

use crate::jurisdiction::Jurisdictions;
use crate::provider::model::{Entity, EntityId};
use components::Components;
use control::Control;
use graph::{Graph, HeldBy, Node};

/// Analyses the ownership of `subject` and the control of its third parties.
pub fn analyse(
    entities: &BTreeMap<EntityId, Entity>,
    subject: &str,
    third_parties: &[ThirdPartyRef],
    j: &Jurisdictions,
) -> Analysis {
    // Sorted so that nothing depends on the order the file lists third parties in.
    let mut refs: Vec<&ThirdPartyRef> = third_parties.iter().collect();
    refs.sort_by(|a, b| (a.role, &a.entity, &a.path).cmp(&(b.role, &b.entity, &b.path)));
    refs.dedup();
    let seeds = std::iter::once(subject).chain(refs.iter().map(|r| r.entity.as_str()));
    let scope = Scope::new(Graph::upstream(entities, seeds), j);
    let coalitions = reach::coalitions(&scope);
    let third_parties = exposure::third_parties(&scope, &refs, &coalitions);
    let exposure = exposure::all(&scope, subject, &refs);
    let Some(s) = scope.graph.node(subject) else {
        return undeclared_subject(subject, third_parties, exposure);
    };
    let held_by = HeldBy::new(&scope.graph);
    let economic = shares::economic(&scope.graph, &scope.components, &held_by, s);
    let holdings = holders::holders(&scope, &held_by, &economic, s);
    let (non_eu_capital, non_eu_voting, settled) = non_eu::held(&scope, s, &coalitions);
    let mut notes = holdings.notes;
    let reach = reach::reach(&scope, s, &coalitions);
    let rights = rights::rights(&scope, s);
    let foreign_public = reach::foreign_public(&scope, s, &holdings.holders, &rights);
    if !(economic.converged && settled && scope.control.settled() && reach.settled) {
        notes.push(UNSETTLED.to_string());
    }
    let controller = origin::principal_controller(&scope.graph, &scope.control, &scope.origins, s)
        .map(|l| {
            (
                scope.id(l.controller),
                l.basis,
                scope.chain_to(l.controller, s),
            )
        });
    Analysis {
        subject: subject.to_string(),
        subject_origin: scope.origin(s),
        holders: holdings.holders,
        non_eu_capital,
        non_eu_voting,
        rights,
        controller,
        controlled_from_non_eu: reach.controlled_from_non_eu,
        controllers: reach.controllers,
        coalition: reach.coalition,
        non_eu_board_seats: reach.non_eu_board_seats,
        foreign_public,
        third_parties,
        exposure,
        edges: rights::edges(&scope, s),
        notes,
    }
}

/// The analysis of a subject the registry does not declare: nothing is known of its
/// holders, so everything held outside the EU is possible.
fn undeclared_subject(
    subject: &str,
    third_parties: Vec<ThirdParty>,
    exposure: Vec<Exposure>,
) -> Analysis {
    let unknown = Bound {
        known: 0.0,
        worst: 100.0,
    };
    Analysis {
        subject: subject.to_string(),
        subject_origin: Origin::Unknown,
        holders: Vec::new(),
        non_eu_capital: unknown,
        non_eu_voting: unknown,
        rights: Vec::new(),
        controller: None,
        controlled_from_non_eu: None,
        controllers: Vec::new(),
        coalition: None,
        non_eu_board_seats: unknown,
        foreign_public: Vec::new(),
        third_parties,
        exposure,
        edges: Vec::new(),
        notes: vec![format!(
            "{subject} is not a declared entity: nothing is known of its holders"
        )],
    }
}

/// The note added when an iteration hit its round limit.
const UNSETTLED: &str = "a cycle of cross-holdings did not settle within the iteration limit: \
                         figures on it are lower estimates";

/// Per node, whether it is free float that holds shares of listed companies only.
fn dispersed(graph: &Graph) -> Vec<bool> {
    let free_float = |n: Node| {
        graph
            .entity(n)
            .is_some_and(|e| e.kind == crate::provider::model::EntityKind::FreeFloat)
    };
    let mut dispersed: Vec<bool> = graph.nodes().map(free_float).collect();
    for held in graph.nodes() {
        let listed = graph.entity(held).is_some_and(|e| e.listed);
        if !listed {
            for h in graph.holders(held) {
                if let Some(d) = dispersed.get_mut(h.other as usize) {
                    *d = false;
                }
            }
        }
    }
    dispersed
}

/// The part of a registry an analysis looks at, with control worked out.
pub(crate) struct Scope<'a> {
    graph: Graph<'a>,
    components: Components,
    control: Control,
    origins: Vec<Origin>,
    /// Per node: free float that holds shares of listed companies only, so that it
    /// is dispersed holdings rather than one holder (a kind never counts as harmless
    /// where the graph contradicts it).
    dispersed: Vec<bool>,
    j: &'a Jurisdictions,
}

impl<'a> Scope<'a> {
    fn new(graph: Graph<'a>, j: &'a Jurisdictions) -> Self {
        let components = Components::new(&graph);
        let control = Control::compute(&graph, &components);
        let origins = origin::origins(&graph, j);
        let dispersed = dispersed(&graph);
        Scope {
            graph,
            components,
            control,
            origins,
            dispersed,
            j,
        }
    }

    /// Whether `n` is free float of listed companies only (see `dispersed`).
    fn dispersed(&self, n: Node) -> bool {
        self.dispersed.get(n as usize).copied().unwrap_or(false)
    }

    fn id(&self, n: Node) -> EntityId {
        self.graph.id(n).to_string()
    }

    fn origin(&self, n: Node) -> Origin {
        self.origins
            .get(n as usize)
            .copied()
            .unwrap_or(Origin::Unknown)
    }

    /// The ids of a chain of nodes.
    fn chain(&self, nodes: &[Node]) -> Chain {
        Chain(nodes.iter().map(|&n| self.id(n)).collect())
    }

    /// The control chain from `controller` down to `n` (see [`Control::path`]).
    fn chain_to(&self, controller: Node, n: Node) -> Chain {
        self.chain(&self.control.path(controller, n))
    }

    /// The chain from a member of a coalition (an entity whose origin `member`
    /// accepts) down to `n`, following the holder through which the coalition's
    /// control runs at each step; `None` when it cannot be rebuilt (a cycle that did
    /// not settle).
    fn coalition_chain(
        &self,
        control: &Control,
        n: Node,
        member: impl Fn(Origin) -> bool,
    ) -> Option<Chain> {
        let mut chain = vec![n];
        let mut at = n;
        for _ in 0..=self.graph.len() {
            let via = control.link(at, control::COALITION)?.via;
            chain.push(via);
            if member(self.origin(via)) && !self.dispersed(via) {
                chain.reverse();
                return Some(self.chain(&chain));
            }
            at = via;
        }
        None
    }

    fn foreign_control(&self, n: Node) -> origin::ForeignControl {
        origin::foreign_control(&self.graph, &self.control, &self.origins, n)
    }
}
