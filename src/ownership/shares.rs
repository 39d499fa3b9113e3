//! Look-through figures: economic shares and the share held outside the EU.
//!
//! Both are linear equations over the upstream graph, value(n) = base(n) + Σ w ×
//! value(m), solved component by component, dependencies first. An acyclic entity is
//! computed once. On a cross-holding cycle the equations are solved by fixed-point
//! iteration (Jacobi): starting from the holdings that enter the cycle, each round adds
//! one more turn around it, and since every turn multiplies by the product of the
//! holdings on the cycle (< 1 unless the cycle holds itself entirely), the values
//! converge geometrically. Iteration stops when no share moves by more than 1e-9
//! percentage points, or
//! after a bounded number of rounds (the analysis then says so in a note).

use super::components::Components;
use super::graph::{Graph, HeldBy, HoldingEdge, Node};

/// Capital and voting figures, as fractions of 1.
pub(crate) type Pair = [f64; 2];

/// Iteration stops when no value moves by more than this fraction of 1, that is
/// 1e-9 percentage points.
const TOLERANCE: f64 = 1e-11;
/// Rounds allowed on one cycle.
const MAX_ROUNDS: usize = 10_000;

/// The right-hand side of one entity's equation.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Term {
    /// The value is known: no need to look further.
    Fixed(Pair),
    /// The value is this plus what the dependencies bring.
    Sum(Pair),
}

/// The solved values, per node.
#[derive(Debug)]
pub(crate) struct Solution {
    pub values: Vec<Pair>,
    pub converged: bool,
}

/// Economic shares in `subject`: for every entity, the sum over every path from it
/// down to the subject of the product of the holdings on the path. A path stops at
/// the subject: what the subject holds is not a share in itself.
pub(crate) fn economic(
    graph: &Graph,
    components: &Components,
    held_by: &HeldBy,
    subject: Node,
) -> Solution {
    let order = components.upstream_first().rev();
    let term = |n| {
        if n == subject {
            Term::Fixed([1.0, 1.0])
        } else {
            Term::Sum([0.0, 0.0])
        }
    };
    solve(graph.len(), order, components, term, |n| held_by.held(n))
}

/// The fraction of each entity held outside the EU, looking through its holders:
/// 1 for an entity whose `term` says so, else its own counted remainder plus, for
/// each holder, its holding times the holder's fraction.
pub(crate) fn non_eu(
    graph: &Graph,
    components: &Components,
    term: impl Fn(Node) -> Term,
) -> Solution {
    solve(
        graph.len(),
        components.upstream_first(),
        components,
        term,
        |n| graph.holders(n),
    )
}

/// The fraction of `n` held outside the EU through its holders, whatever `n` itself
/// is: `remainder` plus each direct holding times its holder's fraction.
pub(crate) fn held_non_eu(graph: &Graph, fractions: &Solution, n: Node, remainder: Pair) -> Pair {
    pull(remainder, graph.holders(n).iter(), &fractions.values)
}

/// `base` plus each dependency's weight times its value.
fn pull<'e>(
    base: Pair,
    dependencies: impl Iterator<Item = &'e HoldingEdge>,
    values: &[Pair],
) -> Pair {
    dependencies.fold(base, |[c, v], edge| {
        let [vc, vv] = values
            .get(edge.other as usize)
            .copied()
            .unwrap_or([0.0, 0.0]);
        [c + edge.capital * vc, v + edge.voting * vv]
    })
}

fn solve<'c, 'd>(
    len: usize,
    order: impl Iterator<Item = &'c [Node]>,
    components: &Components,
    term: impl Fn(Node) -> Term,
    dependencies: impl Fn(Node) -> &'d [HoldingEdge],
) -> Solution {
    let mut solution = Solution {
        values: vec![[0.0, 0.0]; len],
        converged: true,
    };
    for component in order {
        if let [n] = component {
            let value = match term(*n) {
                Term::Fixed(value) => value,
                Term::Sum(base) => pull(base, dependencies(*n).iter(), &solution.values),
            };
            solution.values[*n as usize] = value;
        } else if !iterate(
            component,
            components,
            &term,
            &dependencies,
            &mut solution.values,
        ) {
            solution.converged = false;
        }
    }
    solution
}

/// Jacobi iteration on one cycle; false if it did not converge.
fn iterate<'d>(
    members: &[Node],
    components: &Components,
    term: &impl Fn(Node) -> Term,
    dependencies: &impl Fn(Node) -> &'d [HoldingEdge],
    values: &mut [Pair],
) -> bool {
    // What enters the cycle from outside does not change between rounds.
    let entering: Vec<Term> = members
        .iter()
        .map(|&n| match term(n) {
            Term::Sum(base) => {
                let outside = dependencies(n)
                    .iter()
                    .filter(|e| !components.same(e.other, n));
                Term::Sum(pull(base, outside, values))
            }
            fixed => fixed,
        })
        .collect();
    let mut next = vec![[0.0, 0.0]; members.len()];
    for _ in 0..MAX_ROUNDS {
        for ((slot, &n), entering) in next.iter_mut().zip(members).zip(&entering) {
            *slot = match *entering {
                Term::Fixed(value) => value,
                Term::Sum(base) => {
                    let inside = dependencies(n)
                        .iter()
                        .filter(|e| components.same(e.other, n));
                    pull(base, inside, values)
                }
            };
        }
        let mut moved: f64 = 0.0;
        for (&n, value) in members.iter().zip(&next) {
            let old = values[n as usize];
            moved = moved
                .max((old[0] - value[0]).abs())
                .max((old[1] - value[1]).abs());
            values[n as usize] = *value;
        }
        if moved < TOLERANCE {
            return true;
        }
    }
    false
}
