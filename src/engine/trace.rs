//! A record of one evaluation as a tree: each condition the evaluator met, the part it
//! played, its verdict and the evidence it produced. The evaluator fills it only when
//! given a [`Tracer`]; the verdicts are the evaluator's own, never recomputed.

use std::cell::RefCell;

use super::eval::Outcome;
use super::verdict::{Evidence, Tri};
use crate::facts::{Fact, FactValue};
use crate::lang::Text;
use crate::rules::condition::Condition;

/// The part a condition plays in what contains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A rule's `applies_when`.
    AppliesWhen,
    /// A rule's `check`.
    Check,
    /// A part of `all`, `any` or `not`.
    Part,
    /// The condition of `if`.
    If,
    /// The consequence of `if`.
    Then,
    /// The `where` filter of a list element.
    Where,
    /// The `check` of a list element.
    Each,
}

/// A condition without its sub-conditions: what the tree shows at each node.
#[derive(Debug, Clone, PartialEq)]
pub enum Head {
    All,
    Any,
    Not,
    If,
    Compare { fact: String },
    Every { list: String },
    Some { list: String },
    Sum { list: String, field: String },
    Rule(String),
}

impl Head {
    fn of(condition: &Condition) -> Head {
        match condition {
            Condition::All(_) => Head::All,
            Condition::Any(_) => Head::Any,
            Condition::Not(_) => Head::Not,
            Condition::If { .. } => Head::If,
            Condition::Compare { fact, .. } => Head::Compare { fact: fact.clone() },
            Condition::Every(q) => Head::Every {
                list: q.list.clone(),
            },
            Condition::Some(q) => Head::Some {
                list: q.list.clone(),
            },
            Condition::Sum { list, field, .. } => Head::Sum {
                list: list.clone(),
                field: field.clone(),
            },
            Condition::Rule(id) => Head::Rule(id.clone()),
        }
    }
}

/// The list element a condition was evaluated on.
#[derive(Debug, Clone, PartialEq)]
pub struct TracedItem {
    /// The element's path (`ownership.holders[2]`).
    pub path: String,
    /// The element named in words, when the rule names it.
    pub subject: Option<Text>,
    /// The provider-file value that states the element, when there is one.
    pub source: Option<String>,
    /// The element's plain fields and their values, in name order: the figures
    /// computed for it (shares, chains…) as the rule could read them.
    pub fields: Vec<(String, String)>,
}

impl TracedItem {
    pub(super) fn new(path: &str, subject: Option<&Text>, fact: &Fact) -> TracedItem {
        let fields = match &fact.value {
            FactValue::Record(fields) => fields
                .iter()
                .filter(|(_, f)| !matches!(f.value, FactValue::Record(_)))
                .map(|(name, f)| (name.clone(), f.display()))
                .collect(),
            _ => Vec::new(),
        };
        TracedItem {
            path: path.to_string(),
            subject: subject.cloned(),
            source: fact.source.clone(),
            fields,
        }
    }
}

/// One evaluated condition.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceNode {
    pub role: Role,
    pub head: Head,
    /// The list element it was evaluated on, inside `every`, `some` or `sum`.
    pub item: Option<TracedItem>,
    pub tri: Tri,
    /// The evidence it passed up: what decided it.
    pub evidence: Vec<Evidence>,
    /// The conditions it evaluated, in order.
    pub children: Vec<TraceNode>,
}

/// Collects the tree while a scope evaluates.
#[derive(Debug, Default)]
pub struct Tracer {
    /// The children gathered so far at each open level; the first is the roots.
    levels: RefCell<Vec<Vec<TraceNode>>>,
}

impl Tracer {
    pub fn new() -> Tracer {
        Tracer {
            levels: RefCell::new(vec![Vec::new()]),
        }
    }

    /// Starts a condition: what it evaluates until [`Tracer::close`] are its children.
    pub(super) fn open(&self) {
        self.levels.borrow_mut().push(Vec::new());
    }

    /// Ends the condition opened last, recording it with its outcome.
    pub(super) fn close(
        &self,
        role: Role,
        condition: &Condition,
        item: Option<TracedItem>,
        outcome: &Outcome,
    ) {
        let mut levels = self.levels.borrow_mut();
        let children = levels.pop().unwrap_or_default();
        let node = TraceNode {
            role,
            head: Head::of(condition),
            item,
            tri: outcome.tri,
            evidence: outcome.evidence.clone(),
            children,
        };
        match levels.last_mut() {
            Some(parent) => parent.push(node),
            None => levels.push(vec![node]),
        }
    }

    /// The conditions evaluated at the top level, in order.
    pub fn roots(self) -> Vec<TraceNode> {
        self.levels
            .into_inner()
            .into_iter()
            .next()
            .unwrap_or_default()
    }
}
