//! The share of the subject held outside the EU, all holders together (SecNumCloud
//! 19.6 b), "collectivement").
//!
//! Each direct holding of the subject counts once: a direct holder H contributes its
//! holding times f(H), the fraction of H in non-EU hands. f(H) = 1 when H is itself
//! outside the EU or controlled from outside the EU (its whole stake is then at the
//! disposal of non-EU entities); otherwise f(H) looks through H's own holders,
//! recursively. Since the threshold is collective, "controlled from outside the EU"
//! takes the non-EU entities together (L.233-3 control by the coalition of them all):
//! a US fund with 30 % and a Chinese one with 25 % put their company's whole stake
//! on the non-EU side. This also makes the figure monotone: declaring one more non-EU
//! holder can shift control from one non-EU entity to another, never back to the EU.
//!
//! The known figure counts only entities known to be outside the EU; the worst figure
//! also counts entities of unknown origin, and every undeclared remainder as non-EU.
//! A listed company's undeclared remainder is free float and a `free-float` entity is
//! dispersed holdings: neither is one holder, so neither is counted. The worst case
//! does not also assume that an undeclared remainder is a controlling block: that
//! possibility is reported as "cannot tell" in `controlled_from_non_eu`, and counting
//! it here would make the worst case fall when a holder is declared.

use super::Scope;
use super::analysis::{Bound, Origin};
use super::control::{COALITION, Control};
use super::graph::Node;
use super::shares::{self, Pair, Term};

/// Non-EU capital and voting rights in `subject`, and whether every iteration settled;
/// `coalitions` are the control of the non-EU entities together, known and worst
/// (see [`super::reach::coalitions`]).
pub(crate) fn held(
    scope: &Scope,
    subject: Node,
    coalitions: &[Control; 2],
) -> (Bound, Bound, bool) {
    let solve = |worst: bool| {
        let outside = |o: Origin| o == Origin::NonEu || (worst && o == Origin::Unknown);
        let control = &coalitions[usize::from(worst)];
        let fractions = shares::non_eu(&scope.graph, &scope.components, |n| {
            if scope.dispersed(n) {
                Term::Fixed([0.0, 0.0])
            } else if outside(scope.origin(n)) || control.link(n, COALITION).is_some() {
                Term::Fixed([1.0, 1.0])
            } else if worst {
                Term::Sum(remainder(scope, n))
            } else {
                Term::Sum([0.0, 0.0])
            }
        });
        let own = if worst {
            remainder(scope, subject)
        } else {
            [0.0, 0.0]
        };
        let held = shares::held_non_eu(&scope.graph, &fractions, subject, own);
        (held, fractions.converged && control.settled())
    };
    let ((known, known_settled), (worst, worst_settled)) = (solve(false), solve(true));
    let bound = |i: usize| {
        let known = percent(known[i]);
        Bound {
            known,
            worst: percent(worst[i]).max(known),
        }
    };
    (bound(0), bound(1), known_settled && worst_settled)
}
/// The capital and votes of `n` nobody declared that could be one holder: none for
/// a listed company that states its holders and their votes (free float), a state, a
/// public body, an individual or free float.
pub(crate) fn remainder(scope: &Scope, n: Node) -> Pair {
    match scope.graph.entity(n) {
        Some(e) if e.can_have_holders() && !e.dispersed_remainder() => scope.graph.undeclared(n),
        _ => [0.0, 0.0],
    }
}

/// A fraction as a percentage within 0–100, rounded to 1e-9 so that binary
/// fractions do not show (1 − 0.7 is 30 %, not 30.000000000000004 %).
pub(crate) fn percent(fraction: f64) -> f64 {
    ((fraction * 100.0).clamp(0.0, 100.0) * 1e9).round() / 1e9
}
