//! Strongly connected components of the entity graph, in dependency order.
//!
//! An entity depends on its holders and on the holders of rights over it: who
//! controls it is known only once who controls them is known. Cross-holdings make
//! cycles, so the unit of work is a strongly connected component: acyclic parts are
//! computed once per entity, cycles are iterated to a fixed point. Tarjan's algorithm
//! (iterative, so that deep chains cannot overflow the stack) yields the components
//! upstream first.

use super::graph::{Graph, Node};

const UNVISITED: u32 = u32::MAX;

/// The components of a graph, upstream first.
#[derive(Debug)]
pub(crate) struct Components {
    /// Nodes, component after component.
    order: Vec<Node>,
    /// Where each component starts in `order` (plus the end).
    bounds: Vec<usize>,
    /// The component of each node.
    of: Vec<u32>,
}

impl Components {
    /// Finds the components of `graph`.
    pub fn new(graph: &Graph) -> Self {
        Tarjan::new(graph).run()
    }

    /// The components, holders before what they hold.
    pub fn upstream_first(&self) -> impl DoubleEndedIterator<Item = &[Node]> {
        self.bounds.windows(2).map(|w| &self.order[w[0]..w[1]])
    }

    /// Whether two nodes lie on a common cycle.
    pub fn same(&self, a: Node, b: Node) -> bool {
        self.of.get(a as usize) == self.of.get(b as usize)
    }
}

/// The dependencies of `n` in a fixed order: holders, then right holders.
fn dependency(graph: &Graph, n: Node, position: usize) -> Option<Node> {
    let holders = graph.holders(n);
    match holders.get(position) {
        Some(edge) => Some(edge.other),
        None => graph
            .rights(n)
            .get(position - holders.len())
            .map(|r| r.holder),
    }
}

struct Tarjan<'g, 'a> {
    graph: &'g Graph<'a>,
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<Node>,
    counter: u32,
    result: Components,
}

impl<'g, 'a> Tarjan<'g, 'a> {
    fn new(graph: &'g Graph<'a>) -> Self {
        let n = graph.len();
        Tarjan {
            graph,
            index: vec![UNVISITED; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            counter: 0,
            result: Components {
                order: Vec::with_capacity(n),
                bounds: vec![0],
                of: vec![0; n],
            },
        }
    }

    fn run(mut self) -> Components {
        for root in self.graph.nodes() {
            if self.index[root as usize] == UNVISITED {
                self.visit_from(root);
            }
        }
        self.result
    }

    fn enter(&mut self, n: Node, calls: &mut Vec<(Node, usize)>) {
        self.index[n as usize] = self.counter;
        self.low[n as usize] = self.counter;
        self.counter += 1;
        self.stack.push(n);
        self.on_stack[n as usize] = true;
        calls.push((n, 0));
    }

    fn visit_from(&mut self, root: Node) {
        let mut calls = Vec::new();
        self.enter(root, &mut calls);
        while let Some(&mut (v, ref mut position)) = calls.last_mut() {
            if let Some(w) = dependency(self.graph, v, *position) {
                *position += 1;
                if self.index[w as usize] == UNVISITED {
                    self.enter(w, &mut calls);
                } else if self.on_stack[w as usize] {
                    let low = self.low[v as usize].min(self.index[w as usize]);
                    self.low[v as usize] = low;
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                let low = self.low[parent as usize].min(self.low[v as usize]);
                self.low[parent as usize] = low;
            }
            if self.low[v as usize] == self.index[v as usize] {
                self.emit(v);
            }
        }
    }

    /// Pops the component rooted at `v`: every component it depends on was emitted
    /// before, so components come out upstream first.
    fn emit(&mut self, v: Node) {
        let id = u32::try_from(self.result.bounds.len() - 1).unwrap_or(u32::MAX);
        while let Some(w) = self.stack.pop() {
            self.on_stack[w as usize] = false;
            self.result.of[w as usize] = id;
            self.result.order.push(w);
            if w == v {
                break;
            }
        }
        self.result.bounds.push(self.result.order.len());
    }
}
