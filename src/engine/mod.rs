//! Evaluates every rule in force on one provider's facts.
//!
//! There is one evaluator: rules are evaluated in dependency order, each result is
//! recorded, and `--framework` only filters what is reported afterwards.

mod compare;
mod eval;
mod grade;
mod lists;
mod trace;
mod verdict;

use std::collections::BTreeMap;

pub use eval::Scope;
pub use grade::weakest as weakest_source;
pub use trace::{Head, Role, TraceNode, TracedItem, Tracer};
pub use verdict::{Evidence, Tri, Verdict};

use crate::facts::Facts;
use crate::jurisdiction::Jurisdictions;
use crate::lang::Text;
use crate::provenance::TooWeak;
use crate::rules::{Rule, RuleSet, Severity};

/// The result of one rule on one provider.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleResult {
    pub rule: String,
    pub framework: String,
    pub reference: String,
    pub severity: Severity,
    pub verdict: Verdict,
    /// The rule's headline for this verdict.
    pub message: Text,
    pub evidence: Vec<Evidence>,
    /// Set when a pass became `unknown` for want of strong enough sources.
    pub too_weak: Option<TooWeak>,
}

/// Evaluates every rule of `rules` on `facts`, in evaluation order.
pub fn evaluate(rules: &RuleSet, facts: &Facts, jurisdictions: &Jurisdictions) -> Vec<RuleResult> {
    evaluate_with(rules, facts, jurisdictions, true)
}

/// Evaluates every rule as [`evaluate`] does, for a caller that reads only the
/// verdicts (e.g. the eligibility of an assumed workload): the same verdicts,
/// headlines and evidence paths, but the evidence is not put in words (its
/// sentences are empty).
pub fn evaluate_verdicts(
    rules: &RuleSet,
    facts: &Facts,
    jurisdictions: &Jurisdictions,
) -> Vec<RuleResult> {
    evaluate_with(rules, facts, jurisdictions, false)
}

/// The verdict of every rule, in evaluation order, on `facts` that differ from the
/// facts `base` was decided on only by the workload (an assumed workload put in
/// place of the file's own, see [`Facts::with_workload`]): the same verdicts as
/// [`evaluate_verdicts`], but a rule whose verdict the workload cannot change (it
/// reads no workload fact and rests on no rule that does) keeps its verdict in
/// `base` instead of being evaluated again. Without a base verdict (`base` shorter
/// than the rules) the rule is evaluated.
pub fn evaluate_scenario(
    rules: &RuleSet,
    facts: &Facts,
    jurisdictions: &Jurisdictions,
    base: &[Verdict],
) -> Vec<Verdict> {
    let mut known: BTreeMap<String, Verdict> = BTreeMap::new();
    let mut verdicts = Vec::with_capacity(rules.rules().len());
    for (index, rule) in rules.rules().iter().enumerate() {
        let kept = base.get(index).filter(|_| !rules.workload_bound(index));
        let verdict = match kept {
            Some(verdict) => *verdict,
            None => {
                let scope = Scope::new(facts, &known, jurisdictions).without_words();
                evaluate_rule(rule, &scope).verdict
            }
        };
        if rules.depended_on(index) {
            known.insert(rule.id().to_string(), verdict);
        }
        verdicts.push(verdict);
    }
    verdicts
}

fn evaluate_with(
    rules: &RuleSet,
    facts: &Facts,
    jurisdictions: &Jurisdictions,
    words: bool,
) -> Vec<RuleResult> {
    // Only `rule:` conditions read the verdicts: those of rules nothing rests on
    // are not kept.
    let mut verdicts: BTreeMap<String, Verdict> = BTreeMap::new();
    let mut results = Vec::with_capacity(rules.rules().len());
    for (index, rule) in rules.rules().iter().enumerate() {
        let scope = Scope::new(facts, &verdicts, jurisdictions);
        let scope = if words { scope } else { scope.without_words() };
        let result = evaluate_rule(rule, &scope);
        if rules.depended_on(index) {
            verdicts.insert(result.rule.clone(), result.verdict);
        }
        results.push(result);
    }
    results
}

/// The rule's headline for a verdict.
fn headline(rule: &Rule, verdict: Verdict) -> Text {
    let messages = &rule.raw.message;
    match verdict {
        Verdict::Pass => messages.pass.clone(),
        // The engine never waives (waivers apply to the report): a waived result keeps
        // the headline of the failure it covers.
        Verdict::Fail | Verdict::Waived => messages.fail.clone(),
        Verdict::Unknown => messages.unknown.clone(),
        Verdict::NotApplicable => messages.not_applicable.clone().unwrap_or_else(|| {
            Text::new(
                "The rule does not apply to this workload.",
                "La règle ne s'applique pas à ce besoin.",
            )
        }),
    }
}

/// Evaluates one rule; the scope holds the verdicts of the rules it rests on.
pub fn evaluate_rule(rule: &Rule, scope: &Scope) -> RuleResult {
    let applies = rule
        .applies_when
        .as_ref()
        .map(|c| scope.evaluate_as(Role::AppliesWhen, c));
    let (verdict, mut evidence) = match applies {
        Some(outcome) if outcome.tri == Tri::Fail => (Verdict::NotApplicable, outcome.evidence),
        Some(outcome) if outcome.tri == Tri::Unknown => (Verdict::Unknown, outcome.evidence),
        _ => {
            let outcome = scope.evaluate_as(Role::Check, &rule.check);
            (Verdict::from(outcome.tri), outcome.evidence)
        }
    };
    let index = scope.facts.evidence();
    grade::annotate(&mut evidence, index);
    let basis = || index.weakest_basis(rule.fact_paths());
    let too_weak = grade::too_weak(verdict, &evidence, rule.raw.min_evidence, basis);
    let (verdict, message) = match &too_weak {
        Some(weak) => (Verdict::Unknown, weak.headline()),
        None => (verdict, headline(rule, verdict)),
    };
    RuleResult {
        rule: rule.id().to_string(),
        framework: rule.raw.framework.clone(),
        reference: rule.raw.reference.clone(),
        severity: rule.raw.severity,
        verdict,
        message,
        evidence,
        too_weak,
    }
}

#[cfg(test)]
mod tests;
