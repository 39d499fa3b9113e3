//! The rules in force for a run: the embedded packs, then user packs that add
//! frameworks, add rules or replace rules by id; ordered so that every rule comes
//! after the rules it rests on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::condition::{Condition, Op};
use super::pack::{self, Manifest, Pack};
use super::rule::Rule;
use crate::diagnostics::{Code, InputErrors, Problem};
use crate::jurisdiction::Jurisdictions;
use crate::provenance::Source;

/// A replaced shipped rule, reported so nobody is surprised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub rule: String,
    /// Where the replacement comes from.
    pub by: String,
}

/// A pack in use, as the lock file records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PackInUse {
    pub id: String,
    pub version: String,
    /// `rules/<id>` for an embedded pack, else the folder it was read from.
    pub origin: String,
    pub sha256: String,
}

/// Every rule in force, in evaluation order.
#[derive(Debug, Clone)]
pub struct RuleSet {
    frameworks: Vec<Manifest>,
    rules: Vec<Rule>,
    pub overrides: Vec<Override>,
    /// The packs, in load order.
    pub packs: Vec<PackInUse>,
    /// Where each framework's packs came from.
    pub origins: BTreeMap<String, Vec<String>>,
    /// Per rule, in evaluation order: whether its verdict may change with the
    /// workload, itself or through a rule it rests on.
    workload_bound: Vec<bool>,
    /// Per rule, in evaluation order: whether another rule rests on it.
    depended_on: Vec<bool>,
}

impl RuleSet {
    /// The embedded packs plus the user packs in `dirs`, in that order.
    pub fn load(dirs: &[PathBuf]) -> Result<RuleSet, InputErrors> {
        let mut packs = pack::embedded_packs()?;
        for dir in dirs {
            packs.push(pack::load_dir(dir)?);
        }
        RuleSet::from_packs(packs)
    }

    /// Merges packs: a later pack with a known framework id adds rules to it, and a
    /// rule with a known id replaces the earlier one.
    pub fn from_packs(packs: Vec<Pack>) -> Result<RuleSet, InputErrors> {
        let mut frameworks: Vec<Manifest> = Vec::new();
        let mut rules: Vec<Rule> = Vec::new();
        let mut overrides = Vec::new();
        let mut origins: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut in_use = Vec::new();
        for pack in packs {
            in_use.push(PackInUse {
                id: pack.manifest.id.clone(),
                version: pack.manifest.version.clone(),
                origin: pack.origin.clone(),
                sha256: pack.digest.clone(),
            });
            origins
                .entry(pack.manifest.id.clone())
                .or_default()
                .push(pack.origin.clone());
            if !frameworks.iter().any(|m| m.id == pack.manifest.id) {
                frameworks.push(pack.manifest.clone());
            }
            let mut seen = BTreeSet::new();
            for rule in pack.rules {
                if !seen.insert(rule.id().to_string()) {
                    return Err(rule_error(
                        &rule,
                        format!("rule id {} is declared twice in this pack", rule.id()),
                        "id",
                    ));
                }
                match rules.iter_mut().find(|r| r.id() == rule.id()) {
                    Some(existing) => {
                        overrides.push(Override {
                            rule: rule.id().to_string(),
                            by: rule.origin.clone(),
                        });
                        *existing = rule;
                    }
                    None => rules.push(rule),
                }
            }
            let own = Minimums {
                minimums: &pack.manifest.min_evidence,
                origin: &format!("{}/pack.yaml", pack.origin),
                text: &pack.manifest_text,
                rules: &seen,
            };
            own.apply(&mut rules, &mut overrides)?;
        }
        let rules = order(rules)?;
        check_groups(&rules, Jurisdictions::embedded())?;
        let (workload_bound, depended_on) = workload_bounds(&rules);
        Ok(RuleSet {
            frameworks,
            rules,
            overrides,
            packs: in_use,
            origins,
            workload_bound,
            depended_on,
        })
    }

    /// Whether the verdict of the rule at `index` (in evaluation order) may change
    /// when another workload is assumed; `true` for an index out of range.
    pub fn workload_bound(&self, index: usize) -> bool {
        self.workload_bound.get(index).copied().unwrap_or(true)
    }

    /// Whether another rule rests on the rule at `index` (in evaluation order);
    /// `true` for an index out of range.
    pub fn depended_on(&self, index: usize) -> bool {
        self.depended_on.get(index).copied().unwrap_or(true)
    }

    /// Rules in evaluation order (dependencies first).
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The ids of the rules no waiver may cover (`waivable: false`).
    pub fn unwaivable(&self) -> std::collections::BTreeSet<&str> {
        self.rules
            .iter()
            .filter(|r| !r.waivable())
            .map(Rule::id)
            .collect()
    }

    /// The frameworks, in pack order.
    pub fn frameworks(&self) -> &[Manifest] {
        &self.frameworks
    }

    /// A framework's manifest.
    pub fn framework(&self, id: &str) -> Option<&Manifest> {
        self.frameworks.iter().find(|m| m.id == id)
    }

    /// A rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id() == id)
    }
}

/// A pack's `min_evidence`, with what is needed to report a mistake in it.
struct Minimums<'a> {
    minimums: &'a BTreeMap<String, Source>,
    /// `…/pack.yaml` and its text.
    origin: &'a str,
    text: &'a str,
    /// The ids of the pack's own rules.
    rules: &'a BTreeSet<String>,
}

impl Minimums<'_> {
    /// Applies the minimums to the rules loaded so far (the pack's own included); a
    /// change to another pack's rule is reported like a replacement.
    fn apply(&self, rules: &mut [Rule], overrides: &mut Vec<Override>) -> Result<(), InputErrors> {
        for (id, minimum) in self.minimums {
            let Some(rule) = rules.iter_mut().find(|r| r.id() == id) else {
                return Err(self.unknown(id, rules));
            };
            if !self.rules.contains(id) && rule.raw.min_evidence != Some(*minimum) {
                overrides.push(Override {
                    rule: id.clone(),
                    by: format!("{} (min_evidence: {minimum})", self.origin),
                });
            }
            rule.raw.min_evidence = Some(*minimum);
        }
        Ok(())
    }

    fn unknown(&self, id: &str, rules: &[Rule]) -> InputErrors {
        let known: Vec<&str> = rules.iter().map(Rule::id).collect();
        let span = crate::yaml::parse(self.text)
            .ok()
            .and_then(|root| root.get("min_evidence").and_then(|m| m.key_span(id)));
        let mut problem = Problem::new(
            Code::RulePack,
            format!("`min_evidence` names rule {id}, which no pack loaded so far has"),
        )
        .help(crate::provider::suggest_help(
            id,
            known.iter().copied(),
            "rule ids",
        ));
        if let Some(span) = span {
            problem = problem.at(span, "unknown rule");
        }
        InputErrors::new(self.origin, Some(self.text.to_string()), vec![problem])
    }
}

/// Sorts rules so that dependencies come first, keeping pack order otherwise;
/// refuses unknown dependencies and cycles.
fn order(rules: Vec<Rule>) -> Result<Vec<Rule>, InputErrors> {
    let ids: BTreeSet<String> = rules.iter().map(|r| r.id().to_string()).collect();
    for rule in &rules {
        if let Some(missing) = rule.dependencies().into_iter().find(|d| !ids.contains(d)) {
            return Err(rule_error(
                rule,
                format!("rule {} rests on unknown rule {missing}", rule.id()),
                "check",
            ));
        }
    }
    let mut placed: BTreeSet<String> = BTreeSet::new();
    let mut ordered = Vec::with_capacity(rules.len());
    let mut pending = rules;
    while !pending.is_empty() {
        let before = pending.len();
        let (ready, rest): (Vec<Rule>, Vec<Rule>) = pending
            .into_iter()
            .partition(|r| r.dependencies().iter().all(|d| placed.contains(d)));
        for rule in ready {
            placed.insert(rule.id().to_string());
            ordered.push(rule);
        }
        pending = rest;
        if pending.len() == before {
            let cycle: Vec<&str> = pending.iter().map(Rule::id).collect();
            let Some(first) = pending.first() else { break };
            return Err(rule_error(
                first,
                format!("rules rest on each other in a cycle: {}", cycle.join(", ")),
                "check",
            ));
        }
    }
    Ok(ordered)
}

/// Per rule in evaluation order (dependencies first): whether the workload may
/// change its verdict (it reads the workload, or rests on a rule that may), and
/// whether another rule rests on it.
fn workload_bounds(rules: &[Rule]) -> (Vec<bool>, Vec<bool>) {
    let mut bound: BTreeSet<&str> = BTreeSet::new();
    let mut depended: BTreeSet<String> = BTreeSet::new();
    let mut workload_bound = Vec::with_capacity(rules.len());
    for rule in rules {
        let dependencies = rule.dependencies();
        let is_bound =
            rule.may_read_workload() || dependencies.iter().any(|d| bound.contains(d.as_str()));
        if is_bound {
            bound.insert(rule.id());
        }
        workload_bound.push(is_bound);
        depended.extend(dependencies);
    }
    let depended_on = rules.iter().map(|r| depended.contains(r.id())).collect();
    (workload_bound, depended_on)
}

fn check_groups(rules: &[Rule], jurisdictions: &Jurisdictions) -> Result<(), InputErrors> {
    for rule in rules {
        let mut groups = Vec::new();
        for condition in rule.applies_when.iter().chain(std::iter::once(&rule.check)) {
            collect_groups(condition, &mut groups);
        }
        if let Some(unknown) = groups.iter().find(|g| jurisdictions.group(g).is_none()) {
            let known: Vec<&str> = jurisdictions.group_names().collect();
            return Err(rule_error(
                rule,
                format!(
                    "rule {} names unknown country group {unknown}; known groups: {}",
                    rule.id(),
                    known.join(", ")
                ),
                "check",
            ));
        }
    }
    Ok(())
}

fn collect_groups(condition: &Condition, out: &mut Vec<String>) {
    match condition {
        Condition::All(parts) | Condition::Any(parts) => {
            parts.iter().for_each(|p| collect_groups(p, out))
        }
        Condition::Not(inner) => collect_groups(inner, out),
        Condition::If { condition, then } => {
            collect_groups(condition, out);
            collect_groups(then, out);
        }
        Condition::Every(q) | Condition::Some(q) => {
            if let Some(filter) = &q.filter {
                collect_groups(filter, out);
            }
            collect_groups(&q.check, out);
        }
        Condition::Compare {
            op: Op::InGroup(group),
            ..
        } => out.push(group.clone()),
        Condition::Sum {
            filter: Some(filter),
            ..
        } => collect_groups(filter, out),
        Condition::Compare { .. } | Condition::Sum { .. } | Condition::Rule(_) => {}
    }
}

fn rule_error(rule: &Rule, message: String, path: &str) -> InputErrors {
    let span = crate::yaml::parse(&rule.text)
        .ok()
        .map(|root| crate::yaml::SourceMap::new(root).locate(path).span);
    let mut problem = Problem::new(Code::RulePack, message);
    if let Some(span) = span {
        problem = problem.at(span, "here");
    }
    InputErrors::new(&rule.origin, Some(rule.text.clone()), vec![problem])
}
