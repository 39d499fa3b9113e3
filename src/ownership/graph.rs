//! The entity graph in compact form: entities numbered, their holders and right
//! holders in flat arrays, so that an analysis touches only the entities it needs and
//! a whole registry fits in memory next to the model it was built from.

use std::collections::{BTreeMap, HashMap};

use crate::provider::model::{Entity, EntityId, RightKind};

/// An entity's number in a [`Graph`].
pub(crate) type Node = u32;

/// A direct holding, as fractions of 1.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HoldingEdge {
    /// The holder (for [`Graph::holders`]) or the held entity (for [`HeldBy`]).
    pub other: Node,
    pub capital: f64,
    pub voting: f64,
}

/// A special right over an entity.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RightEdge {
    pub holder: Node,
    pub kind: RightKind,
    /// The fraction of the body a `board-appointment` names: 1 (all of it) when
    /// the file gives no `seats`, since such a right names the majority.
    pub seats: f64,
    /// The fraction of the votes an agreement puts at the holder's disposal: `None`
    /// when the file gives no `votes`, since such an agreement gives the majority.
    pub votes: Option<f64>,
    /// Position in the held entity's `rights` list.
    pub index: usize,
}

/// Per-node lists stored back to back.
#[derive(Debug)]
struct Lists<T> {
    start: Vec<usize>,
    items: Vec<T>,
}

impl<T> Lists<T> {
    fn new() -> Self {
        Lists {
            start: vec![0],
            items: Vec::new(),
        }
    }

    /// Closes the list of the next node: everything pushed since the last call.
    fn close(&mut self) {
        self.start.push(self.items.len());
    }

    fn get(&self, node: Node) -> &[T] {
        let n = node as usize;
        match (self.start.get(n), self.start.get(n + 1)) {
            (Some(&a), Some(&b)) => &self.items[a..b],
            _ => &[],
        }
    }
}

/// Entities, numbered in the order they were reached, with their holdings and rights.
#[derive(Debug)]
pub(crate) struct Graph<'a> {
    registry: &'a BTreeMap<EntityId, Entity>,
    ids: Vec<&'a str>,
    entities: Vec<Option<&'a Entity>>,
    /// The first `sorted` ids are in increasing order and found by binary search;
    /// the others through `index`. A whole registry is numbered in id order, which
    /// spares keeping a hash table of a million entries.
    sorted: usize,
    index: HashMap<&'a str, Node>,
    holders: Lists<HoldingEdge>,
    rights: Lists<RightEdge>,
    undeclared: Vec<[f64; 2]>,
}

impl<'a> Graph<'a> {
    /// The given entities and every entity above them: their holders and right
    /// holders, transitively. Ids not in the registry are left out.
    pub fn upstream<'s>(
        registry: &'a BTreeMap<EntityId, Entity>,
        seeds: impl IntoIterator<Item = &'s str>,
    ) -> Self {
        let mut graph = Graph::empty(registry);
        for seed in seeds {
            if let Some((id, _)) = registry.get_key_value(seed) {
                graph.intern(id);
            }
        }
        graph.expand_all();
        graph
    }

    /// Every entity of the registry, numbered in id order.
    pub fn whole(registry: &'a BTreeMap<EntityId, Entity>) -> Self {
        let mut graph = Graph::empty(registry);
        graph.ids = registry.keys().map(String::as_str).collect();
        graph.entities = registry.values().map(Some).collect();
        // Hashing is faster than a binary search while holders are resolved; once
        // they are, the ids in order are enough, and the table is dropped before
        // control takes its share of memory.
        graph.index = graph.ids.iter().zip(0..).map(|(&id, n)| (id, n)).collect();
        graph.expand_all();
        graph.sorted = registry.len();
        let sorted = graph.sorted;
        graph.index.retain(|_, &mut n| n as usize >= sorted);
        graph.index.shrink_to_fit();
        graph
    }

    fn empty(registry: &'a BTreeMap<EntityId, Entity>) -> Self {
        Graph {
            registry,
            ids: Vec::new(),
            entities: Vec::new(),
            sorted: 0,
            index: HashMap::new(),
            holders: Lists::new(),
            rights: Lists::new(),
            undeclared: Vec::new(),
        }
    }

    fn intern(&mut self, id: &'a str) -> Node {
        if let Some(node) = self.node(id) {
            return node;
        }
        // More than u32::MAX entities cannot be held in memory: saturating keeps the
        // arithmetic total without a panic path.
        let node = Node::try_from(self.ids.len()).unwrap_or(Node::MAX);
        self.ids.push(id);
        self.entities.push(self.registry.get(id));
        self.index.insert(id, node);
        node
    }

    /// Lists holders and rights of every node, reaching new nodes as it goes: nodes
    /// are closed in number order, which is what [`Lists`] needs.
    fn expand_all(&mut self) {
        let mut next = 0;
        while next < self.ids.len() {
            self.expand(next);
            next += 1;
        }
    }

    fn expand(&mut self, n: usize) {
        let Some(entity) = self.entities[n] else {
            self.holders.close();
            self.rights.close();
            self.undeclared.push([0.0, 0.0]);
            return;
        };
        // Sorted so that numbering and sums never depend on the order of the file.
        let mut holdings: Vec<_> = entity
            .shareholders
            .iter()
            .filter(|h| h.holder != entity.id)
            .collect();
        holdings.sort_by(|a, b| {
            a.holder
                .cmp(&b.holder)
                .then(a.capital.total_cmp(&b.capital))
                .then(a.voting.total_cmp(&b.voting))
        });
        for h in holdings {
            let other = self.intern(&h.holder);
            self.holders.items.push(HoldingEdge {
                other,
                capital: fraction(h.capital),
                voting: fraction(h.voting),
            });
        }
        self.holders.close();
        self.undeclared.push(remainder(self.holders(n as Node)));
        let mut rights: Vec<_> = entity
            .rights
            .iter()
            .filter(|r| r.holder != entity.id)
            .collect();
        rights.sort_by(|a, b| (a.holder.as_str(), a.index).cmp(&(b.holder.as_str(), b.index)));
        for r in rights {
            let holder = self.intern(&r.holder);
            self.rights.items.push(RightEdge {
                holder,
                kind: r.kind,
                seats: r.seats.map_or(1.0, fraction),
                votes: r.votes.map(fraction),
                index: r.index,
            });
        }
        self.rights.close();
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The node of an entity id, if the graph reached it.
    pub fn node(&self, id: &str) -> Option<Node> {
        if let Some(&n) = self.index.get(id) {
            return Some(n);
        }
        let n = self.ids[..self.sorted].binary_search(&id).ok()?;
        Node::try_from(n).ok()
    }

    /// The id of a node.
    pub fn id(&self, n: Node) -> &'a str {
        self.ids.get(n as usize).copied().unwrap_or("")
    }

    /// The entity of a node; `None` for an id the registry does not declare.
    pub fn entity(&self, n: Node) -> Option<&'a Entity> {
        self.entities.get(n as usize).copied().flatten()
    }

    /// The direct holders of a node, sorted by holder id.
    pub fn holders(&self, n: Node) -> &[HoldingEdge] {
        self.holders.get(n)
    }

    /// The capital and votes of a node no declared holder accounts for, as fractions
    /// (summed in holder order, so that it does not depend on the order of the file).
    pub fn undeclared(&self, n: Node) -> [f64; 2] {
        self.undeclared
            .get(n as usize)
            .copied()
            .unwrap_or([0.0, 0.0])
    }

    /// The special rights over a node, sorted by holder id.
    pub fn rights(&self, n: Node) -> &[RightEdge] {
        self.rights.get(n)
    }

    /// Every node.
    pub fn nodes(&self) -> impl Iterator<Item = Node> + use<'a> {
        0..Node::try_from(self.ids.len()).unwrap_or(Node::MAX)
    }

    /// The registry the graph was built from.
    pub fn registry(&self) -> &'a BTreeMap<EntityId, Entity> {
        self.registry
    }
}

/// For every node, the entities it holds: the holdings read the other way.
#[derive(Debug)]
pub(crate) struct HeldBy(Lists<HoldingEdge>);

impl HeldBy {
    /// Inverts the holdings of `graph`.
    pub fn new(graph: &Graph) -> Self {
        let mut count = vec![0usize; graph.len()];
        for n in graph.nodes() {
            for edge in graph.holders(n) {
                count[edge.other as usize] += 1;
            }
        }
        let mut start = Vec::with_capacity(graph.len() + 1);
        let mut total = 0;
        start.push(0);
        for c in &count {
            total += c;
            start.push(total);
        }
        let mut fill = start.clone();
        let mut items = vec![
            HoldingEdge {
                other: 0,
                capital: 0.0,
                voting: 0.0,
            };
            total
        ];
        for held in graph.nodes() {
            for edge in graph.holders(held) {
                let slot = &mut fill[edge.other as usize];
                items[*slot] = HoldingEdge {
                    other: held,
                    ..*edge
                };
                *slot += 1;
            }
        }
        HeldBy(Lists { start, items })
    }

    /// The entities `n` holds directly, with its holdings in them.
    pub fn held(&self, n: Node) -> &[HoldingEdge] {
        self.0.get(n)
    }
}

/// What `holders` leave undeclared; below 1e-9 it is rounding, not a holding.
fn remainder(holders: &[HoldingEdge]) -> [f64; 2] {
    let declared = holders
        .iter()
        .fold([0.0, 0.0], |[c, v], h| [c + h.capital, v + h.voting]);
    declared.map(|d| {
        let rest = 1.0 - d;
        if rest > 1e-9 { rest } else { 0.0 }
    })
}

/// A percentage as a fraction of 1, kept within 0–1 (a value the model let through
/// out of range, or not a number, must not make a share exceed 100 %).
pub(crate) fn fraction(percent: f64) -> f64 {
    if percent.is_finite() {
        (percent / 100.0).clamp(0.0, 1.0)
    } else {
        0.0
    }
}
