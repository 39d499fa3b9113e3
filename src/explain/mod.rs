//! `trustcheck explain RULE FILE`: the evaluation of one rule on one provider file as a
//! tree an auditor can follow: each condition, its verdict, the facts it read with
//! their values and lines, the figures computed for each list element, the bounds.
//!
//! There is no second evaluator: the rule is evaluated by the engine, on the same
//! facts as `assess`, through a scope that records what it evaluates.

mod render;

use std::collections::BTreeMap;

use jiff::civil::Date;
use thiserror::Error;

pub use render::render;

use crate::assess::{facts_of, is_set_aside, set_aside_message};
use crate::diagnostics::LineIndex;
use crate::engine::{self, Scope, TraceNode, Tracer, Verdict};
use crate::facts::Facts;
use crate::jurisdiction::Jurisdictions;
use crate::lang::Text;
use crate::provenance::{Source, Weakest};
use crate::provider::Loaded;
use crate::report::{Location, locate};
use crate::rules::{LegalStatus, RuleSet};

/// One rule's evaluation on one file, ready to be told.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub rule: String,
    pub title: Text,
    pub reference: String,
    pub framework_title: Text,
    pub file: String,
    pub as_of: Date,
    /// The rule's verdict, as `assess` reports it (before any waiver).
    pub verdict: Verdict,
    /// The rule's headline for that verdict.
    pub message: Text,
    /// The conditions evaluated: `applies_when` (if any), then `check` (if reached).
    /// Empty when the rule is set aside for want of a workload.
    pub trace: Vec<TraceNode>,
    /// Where each provider-file path the trace cites is, by path.
    pub locations: BTreeMap<String, Location>,
    /// The weakest source behind each fact the trace cites, by fact path.
    pub sources: BTreeMap<String, Weakest>,
    /// The rule's minimum source and how its evidence measures up, when it sets one.
    pub grade: Option<Grade>,
    /// The rule's legal status (its own, else its pack's).
    pub legal_status: Option<LegalStatus>,
    /// What the rule cites but the project has not read in the official text (its
    /// own, else its pack's).
    pub unverified: Option<Text>,
}

/// A rule's minimum source against the weakest source its result rests on.
#[derive(Debug, Clone)]
pub struct Grade {
    pub minimum: Source,
    pub weakest: Option<Weakest>,
}

impl Grade {
    /// Whether the evidence falls short of the minimum.
    pub fn too_weak(&self) -> bool {
        self.weakest
            .as_ref()
            .is_some_and(|w| w.source < self.minimum)
    }
}

/// Why a rule cannot be explained.
#[derive(Debug, Clone, Error)]
pub enum ExplainError {
    #[error("no rule `{id}` is in force{}", similar_hint(.similar))]
    UnknownRule {
        id: String,
        /// Ids of rules in force that contain what was asked for.
        similar: Vec<String>,
    },
}

fn similar_hint(similar: &[String]) -> String {
    if similar.is_empty() {
        "; `trustcheck rules list` shows the rules in force".into()
    } else {
        format!("; did you mean {}?", similar.join(", "))
    }
}

/// Evaluates rule `rule_id` of `rules` on `loaded` at `as_of`, recording the tree.
pub fn explain(
    loaded: &Loaded,
    rules: &RuleSet,
    rule_id: &str,
    as_of: Date,
) -> Result<Explanation, ExplainError> {
    let rule = rules
        .rule(rule_id)
        .ok_or_else(|| ExplainError::UnknownRule {
            id: rule_id.to_string(),
            similar: similar(rules, rule_id),
        })?;
    let jurisdictions = Jurisdictions::embedded();
    let facts = facts_of(&loaded.provider, jurisdictions, as_of);
    // The rules this one rests on, as `assess` evaluates them.
    let verdicts: BTreeMap<String, Verdict> = engine::evaluate(rules, &facts, jurisdictions)
        .into_iter()
        .map(|r| (r.rule, r.verdict))
        .collect();
    let tracer = Tracer::new();
    let scope = Scope::new(&facts, &verdicts, jurisdictions).traced(&tracer);
    let result = engine::evaluate_rule(rule, &scope);
    let grade = rule.raw.min_evidence.map(|minimum| Grade {
        minimum,
        weakest: engine::weakest_source(
            &result.evidence,
            facts.evidence().weakest_basis(rule.fact_paths()),
        ),
    });
    let (verdict, message, trace) = if is_set_aside(&loaded.provider, rule) {
        (Verdict::NotApplicable, set_aside_message(), Vec::new())
    } else {
        (result.verdict, result.message, tracer.roots())
    };
    let manifest = rules.framework(&rule.raw.framework);
    let framework_title = manifest
        .map(|m| m.title.clone())
        .unwrap_or_else(|| Text::new(&rule.raw.framework, &rule.raw.framework));
    Ok(Explanation {
        legal_status: rule.raw.legal_status.or(manifest.map(|m| m.legal_status)),
        unverified: rule
            .raw
            .unverified
            .clone()
            .or_else(|| manifest.and_then(|m| m.unverified.clone())),
        rule: rule.id().to_string(),
        title: rule.raw.title.clone(),
        reference: rule.raw.reference.clone(),
        framework_title,
        file: loaded.name.clone(),
        as_of,
        verdict,
        message,
        locations: locations(loaded, &trace),
        sources: sources(&facts, &trace),
        grade,
        trace,
    })
}

/// Rule ids that contain `asked` (case aside), for a hint.
pub fn similar(rules: &RuleSet, asked: &str) -> Vec<String> {
    let asked = asked.to_lowercase();
    if asked.is_empty() {
        return Vec::new();
    }
    rules
        .rules()
        .iter()
        .map(|r| r.id())
        .filter(|id| id.to_lowercase().contains(&asked))
        .take(5)
        .map(str::to_string)
        .collect()
}

/// The weakest source behind every fact the trace cites.
fn sources(facts: &Facts, trace: &[TraceNode]) -> BTreeMap<String, Weakest> {
    let mut sources = BTreeMap::new();
    let mut pending: Vec<&TraceNode> = trace.iter().collect();
    while let Some(node) = pending.pop() {
        for e in &node.evidence {
            if let Some(weakest) = facts
                .evidence()
                .weakest_behind(&e.path, e.source.as_deref())
            {
                sources.insert(e.path.clone(), weakest);
            }
        }
        pending.extend(&node.children);
    }
    sources
}

/// The line and column of every provider-file path the trace cites.
fn locations(loaded: &Loaded, trace: &[TraceNode]) -> BTreeMap<String, Location> {
    let lines = LineIndex::new(&loaded.text);
    let mut paths = Vec::new();
    let mut pending: Vec<&TraceNode> = trace.iter().collect();
    while let Some(node) = pending.pop() {
        paths.extend(node.evidence.iter().filter_map(|e| e.source.clone()));
        paths.extend(node.item.as_ref().and_then(|i| i.source.clone()));
        pending.extend(&node.children);
    }
    paths
        .into_iter()
        .map(|path| {
            let location = locate(&loaded.source, &lines, &path);
            (path, location)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Role, Tri};

    fn load(path: &str) -> Loaded {
        crate::provider::load_file(path.as_ref(), &[]).unwrap()
    }

    #[test]
    fn the_check_node_carries_the_rule_verdict() {
        let rules = RuleSet::load(&[]).unwrap();
        let loaded = load("examples/us-hyperscaler-region.yaml");
        let e = explain(
            &loaded,
            &rules,
            "SNC-19.6-b-individual",
            Date::constant(2026, 11, 1),
        )
        .unwrap();
        assert_eq!(e.verdict, Verdict::Fail);
        let check = e.trace.iter().find(|n| n.role == Role::Check).unwrap();
        assert_eq!(check.tri, Tri::Fail);
        // Every holder is an element with its computed figures.
        let elements: Vec<_> = check
            .children
            .iter()
            .filter_map(|c| c.item.as_ref())
            .collect();
        assert!(!elements.is_empty());
        assert!(
            elements
                .iter()
                .all(|i| i.fields.iter().any(|(name, _)| name == "economic_capital"))
        );
        assert!(!e.locations.is_empty(), "cited provider values are located");
    }

    #[test]
    fn unknown_rules_suggest_close_ids() {
        let rules = RuleSet::load(&[]).unwrap();
        let loaded = load("examples/eu-native-qualified.yaml");
        let err = explain(&loaded, &rules, "snc-19.6-b", Date::constant(2026, 11, 1)).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("SNC-19.6-b-individual"), "{text}");
        let err = explain(&loaded, &rules, "NOPE", Date::constant(2026, 11, 1)).unwrap_err();
        assert!(err.to_string().contains("rules list"));
    }
}
