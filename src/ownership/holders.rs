//! The holders of the subject, their attributed and economic shares, and the
//! synthetic holders that stand for undeclared holdings.

use std::collections::{BTreeMap, HashSet};

use super::Scope;
use super::analysis::{Bound, Chain, HolderShare, Origin};
use super::describe::{UNDECLARED, label, percent_text};
use super::graph::{HeldBy, HoldingEdge, Node};
use super::non_eu::percent;
use super::shares::{Pair, Solution};

/// At most this many chains are kept per holder.
const MAX_CHAINS: usize = 5;

/// The holders of the subject and the notes their figures need.
pub(crate) struct Holdings {
    pub holders: Vec<HolderShare>,
    pub notes: Vec<String>,
}

/// Every entity above `subject`, excluding it, in id order.
pub(crate) fn above(scope: &Scope, subject: Node) -> Vec<Node> {
    let mut seen = vec![false; scope.graph.len()];
    let mut queue = vec![subject];
    seen[subject as usize] = true;
    let mut found = Vec::new();
    while let Some(n) = queue.pop() {
        let holders = scope.graph.holders(n).iter().map(|h| h.other);
        let right_holders = scope.graph.rights(n).iter().map(|r| r.holder);
        for m in holders.chain(right_holders) {
            if !std::mem::replace(&mut seen[m as usize], true) {
                queue.push(m);
                found.push(m);
            }
        }
    }
    found.sort_unstable_by_key(|&n| scope.graph.id(n));
    found
}

/// What is attributed to one entity: its share, and the direct holdings of the
/// subject it comes from (the holder and its larger figure).
#[derive(Debug, Default)]
struct Attributed {
    share: Pair,
    holdings: Vec<(f64, Node)>,
}

/// Attributed shares (SecNumCloud 19.6 b), "directement ou indirectement"; Code de
/// commerce art. L.233-4): each direct holding of the subject counts in full for its
/// holder and for every entity that controls the holder, directly or not.
fn attributed(scope: &Scope, subject: Node) -> BTreeMap<Node, Attributed> {
    let mut shares: BTreeMap<Node, Attributed> = BTreeMap::new();
    for edge in scope.graph.holders(subject) {
        let controllers = scope
            .control
            .controllers(edge.other)
            .iter()
            .map(|l| l.controller);
        for beneficiary in std::iter::once(edge.other).chain(controllers) {
            if beneficiary != subject {
                let entry = shares.entry(beneficiary).or_default();
                entry.share[0] += edge.capital;
                entry.share[1] += edge.voting;
                entry
                    .holdings
                    .push((edge.capital.max(edge.voting), edge.other));
            }
        }
    }
    shares
}

/// The holders of `subject`, by descending worst capital, then id.
pub(crate) fn holders(
    scope: &Scope,
    held_by: &HeldBy,
    economic: &Solution,
    subject: Node,
) -> Holdings {
    let attributed = attributed(scope, subject);
    let mut holdings = Holdings {
        holders: Vec::new(),
        notes: Vec::new(),
    };
    let above = above(scope, subject);
    for &n in &above {
        let share = economic
            .values
            .get(n as usize)
            .copied()
            .unwrap_or([0.0, 0.0]);
        if scope.dispersed(n) {
            free_float_note(scope, n, share, &mut holdings.notes);
            continue;
        }
        let attributed = attributed.get(&n);
        let attributed_share = attributed.map_or([0.0, 0.0], |a| a.share);
        if let Some(holder) = declared(scope, subject, n, attributed_share, share) {
            let through = attributed.map_or(&[][..], |a| &a.holdings);
            let chains = chains(scope, held_by, economic, subject, n, through);
            holdings.holders.push(HolderShare { chains, ..holder });
        }
    }
    for n in std::iter::once(subject).chain(above) {
        undeclared(scope, held_by, economic, subject, n, &mut holdings);
    }
    holdings.holders.sort_by(|a, b| {
        b.capital
            .worst
            .total_cmp(&a.capital.worst)
            .then_with(|| a.entity.cmp(&b.entity))
    });
    holdings
}

/// A declared holder with its shares (chains left empty); `None` if it has no share
/// and no control.
fn declared(
    scope: &Scope,
    subject: Node,
    n: Node,
    attributed: Pair,
    economic: Pair,
) -> Option<HolderShare> {
    let [attributed_capital, attributed_voting] = attributed.map(percent);
    let [economic_capital, economic_voting] = economic.map(percent);
    let control = scope.control.link(subject, n).map(|l| l.basis);
    let capital = attributed_capital.max(economic_capital);
    let voting = attributed_voting.max(economic_voting);
    if capital <= 0.0 && voting <= 0.0 && control.is_none() {
        return None;
    }
    Some(HolderShare {
        entity: scope.id(n),
        origin: scope.origin(n),
        attributed_capital,
        attributed_voting,
        economic_capital,
        economic_voting,
        capital: Bound::exact(capital),
        voting: Bound::exact(voting),
        control,
        chains: Vec::new(),
        undeclared: false,
    })
}

/// The synthetic holder of what nobody declared in `n`, weighted by `n`'s economic
/// share in the subject; for a listed company, a note on its free float instead.
fn undeclared(
    scope: &Scope,
    held_by: &HeldBy,
    economic: &Solution,
    subject: Node,
    n: Node,
    holdings: &mut Holdings,
) {
    let Some(entity) = scope.graph.entity(n) else {
        return;
    };
    let share = economic
        .values
        .get(n as usize)
        .copied()
        .unwrap_or([0.0, 0.0]);
    let [capital, voting] = scope.graph.undeclared(n);
    if !entity.can_have_holders() || share == [0.0, 0.0] || (capital <= 0.0 && voting <= 0.0) {
        return;
    }
    if entity.dispersed_remainder() {
        holdings.notes.push(format!(
            "{} is listed: the {} % of its capital no holder declared is free float (holdings \
             below the 5 % declaration threshold of Code de commerce art. L.233-7 I) and is not \
             counted as held outside the EU",
            label(scope.graph.registry(), &entity.id),
            percent_text(percent(capital)),
        ));
        return;
    }
    let [worst_capital, worst_voting] = [capital * share[0], voting * share[1]].map(percent);
    let id = format!("{UNDECLARED}{}", entity.id);
    let mut chains: Vec<Chain> = economic_paths(scope, held_by, economic, subject, n)
        .into_iter()
        .map(|path| {
            Chain(
                std::iter::once(id.clone())
                    .chain(path.iter().map(|&m| scope.id(m)))
                    .collect(),
            )
        })
        .collect();
    chains.truncate(MAX_CHAINS);
    holdings.holders.push(HolderShare {
        entity: id,
        origin: Origin::Unknown,
        attributed_capital: 0.0,
        attributed_voting: 0.0,
        economic_capital: worst_capital,
        economic_voting: worst_voting,
        capital: Bound {
            known: 0.0,
            worst: worst_capital,
        },
        voting: Bound {
            known: 0.0,
            worst: worst_voting,
        },
        control: None,
        chains,
        undeclared: true,
    });
}

fn free_float_note(scope: &Scope, n: Node, share: Pair, notes: &mut Vec<String>) {
    if share[0] > 0.0 || share[1] > 0.0 {
        notes.push(format!(
            "{} is free float: its {} % of the capital is dispersed among holders below the \
             declaration threshold and is not counted as held outside the EU",
            label(scope.graph.registry(), scope.graph.id(n)),
            percent_text(percent(share[0])),
        ));
    }
}

/// The chains behind a holder's figures: first the control chains down to the
/// direct holdings attributed to it (`through`, largest first), then the paths that
/// carry its economic share.
fn chains(
    scope: &Scope,
    held_by: &HeldBy,
    economic: &Solution,
    subject: Node,
    n: Node,
    through: &[(f64, Node)],
) -> Vec<Chain> {
    let mut through = through.to_vec();
    through.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut paths: Vec<Vec<Node>> = through
        .iter()
        .take(MAX_CHAINS)
        .map(|&(_, holder)| {
            let mut path = scope.control.path(n, holder);
            path.push(subject);
            path
        })
        .collect();
    for path in economic_paths(scope, held_by, economic, subject, n) {
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    paths.truncate(MAX_CHAINS);
    paths.iter().map(|p| scope.chain(p)).collect()
}

/// Paths from `n` down to `subject`, one per entity `n` holds, most significant
/// first: each follows, at every step, the holding that carries the most of the
/// economic share.
fn economic_paths(
    scope: &Scope,
    held_by: &HeldBy,
    economic: &Solution,
    subject: Node,
    n: Node,
) -> Vec<Vec<Node>> {
    let weight = |edge: &HoldingEdge| {
        let [c, v] = economic
            .values
            .get(edge.other as usize)
            .copied()
            .unwrap_or([0.0, 0.0]);
        edge.capital * c + edge.voting * v
    };
    if n == subject {
        return vec![vec![subject]];
    }
    let mut firsts: Vec<_> = held_by.held(n).iter().filter(|e| weight(e) > 0.0).collect();
    let id = |e: &HoldingEdge| scope.graph.id(e.other);
    firsts.sort_by(|a, b| weight(b).total_cmp(&weight(a)).then(id(a).cmp(id(b))));
    let mut paths = Vec::new();
    for first in firsts.into_iter().take(MAX_CHAINS) {
        let mut path = vec![n, first.other];
        let mut visited: HashSet<Node> = path.iter().copied().collect();
        let mut at = first.other;
        while at != subject {
            let next = held_by
                .held(at)
                .iter()
                .filter(|e| weight(e) > 0.0 && !visited.contains(&e.other))
                .max_by(|a, b| weight(a).total_cmp(&weight(b)).then(id(b).cmp(id(a))));
            let Some(next) = next else { break };
            at = next.other;
            visited.insert(at);
            path.push(at);
        }
        if at == subject {
            paths.push(path);
        }
    }
    paths
}
