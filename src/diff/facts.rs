//! Which facts changed between two providers: the file's values and the facts computed
//! from them (ownership, third parties, exposure), compared as trees.
//!
//! List items are matched by their identifying key (`entity`, `holder`, `vendor`,
//! `scheme`…), not by position, so inserting a shareholder is one added fact rather
//! than a shift of every shareholder after it. A record or list item present on one
//! side only is one fact, summarised; lists of plain values are compared as sets.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::assess::fact_sources;
use crate::diagnostics::LineIndex;
use crate::facts::{Fact, FactValue};
use crate::jurisdiction::Jurisdictions;
use crate::provider::Loaded;

use super::keys::keyed_items;
use super::paths::{category, join, merge_siblings};

/// What a changed fact is about; the order is the order of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Entities, shareholders, rights and the computed ownership, third-party and
    /// exposure facts.
    Ownership,
    /// Where data is stored and processed, where it is administered from, datacenters.
    Locations,
    /// The offer's certifications.
    Certifications,
    /// The contract, the workload and everything else.
    Other,
    /// Where the facts come from: the sources stated for them.
    Sources,
}

/// How a fact changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// A position in a provider file (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Position {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// One side of a changed fact: its value and where the file states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactSide {
    pub value: String,
    pub at: Option<Position>,
}

/// A fact that differs between the two providers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactChange {
    pub category: Category,
    /// The fact's path, list items named by key: `entities.acme.shareholders[entity=x]`.
    pub fact: String,
    pub change: Change,
    pub old: Option<FactSide>,
    pub new: Option<FactSide>,
}

/// One provider's fact tree and what is needed to point into its file.
struct Side<'a> {
    root: Fact,
    loaded: &'a Loaded,
    lines: LineIndex<'a>,
}

impl<'a> Side<'a> {
    fn new(loaded: &'a Loaded) -> Side<'a> {
        let (file, computed) = fact_sources(&loaded.provider, Jurisdictions::embedded());
        let mut fields = match Fact::from_json(&file, "") {
            Some(Fact {
                value: FactValue::Record(fields),
                ..
            }) => fields,
            _ => BTreeMap::new(),
        };
        // Computed records take precedence, as they do for rules.
        fields.extend(computed);
        Side {
            root: Fact::new(FactValue::Record(fields), None),
            loaded,
            lines: LineIndex::new(&loaded.text),
        }
    }

    /// The fact summarised, located at its own source or else its nearest parent's.
    fn side(&self, fact: &Fact, inherited: Option<&str>) -> FactSide {
        let at = fact.source.as_deref().or(inherited).and_then(|path| {
            let located = self.loaded.source.locate(path);
            // A path the file does not state (an entity from a registry) has no line.
            located.exact.then(|| {
                let (line, column) = self.lines.position(located.span.offset);
                Position {
                    file: self.loaded.name.clone(),
                    line,
                    column,
                }
            })
        });
        FactSide {
            value: summary(fact),
            at,
        }
    }
}

/// Every fact that differs between `old` and `new`, by category then path.
pub fn fact_changes(old: &Loaded, new: &Loaded) -> Vec<FactChange> {
    let old = Side::new(old);
    let new = Side::new(new);
    let mut changes = Vec::new();
    let mut walk = Walk {
        old: &old,
        new: &new,
        changes: &mut changes,
    };
    walk.compare("", Some((&old.root, None)), Some((&new.root, None)));
    // A stable sort keeps path order inside each category.
    changes.sort_by_key(|c| c.category);
    merge_siblings(changes)
}

/// A fact and the source path it inherits from its parent.
type At<'f> = (&'f Fact, Option<&'f str>);

struct Walk<'s, 'a> {
    old: &'s Side<'a>,
    new: &'s Side<'a>,
    changes: &'s mut Vec<FactChange>,
}

impl Walk<'_, '_> {
    fn compare(&mut self, path: &str, old: Option<At>, new: Option<At>) {
        let (change, old_side, new_side) = match (old, new) {
            (Some(o), Some(n)) => {
                if self.descend(path, o, n) {
                    return;
                }
                if same_value(o.0, n.0) {
                    return;
                }
                (Change::Changed, Some(o), Some(n))
            }
            (Some(o), None) => (Change::Removed, Some(o), None),
            (None, Some(n)) => (Change::Added, None, Some(n)),
            (None, None) => return,
        };
        self.changes.push(FactChange {
            category: category(path),
            fact: path.to_string(),
            change,
            old: old_side.map(|(f, at)| self.old.side(f, at)),
            new: new_side.map(|(f, at)| self.new.side(f, at)),
        });
    }

    /// Compares records field by field and lists of records item by item; false when
    /// the two facts are to be compared as values.
    fn descend(&mut self, path: &str, (old, old_at): At, (new, new_at): At) -> bool {
        let old_at = old.source.as_deref().or(old_at);
        let new_at = new.source.as_deref().or(new_at);
        let (old_items, new_items) = match (&old.value, &new.value) {
            (FactValue::Record(a), FactValue::Record(b)) => {
                let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
                for key in keys {
                    self.compare(
                        &join(path, key),
                        a.get(key).map(|f| (f, old_at)),
                        b.get(key).map(|f| (f, new_at)),
                    );
                }
                return true;
            }
            (FactValue::List(a), FactValue::List(b)) if has_records(a) || has_records(b) => {
                keyed_items(a, b)
            }
            _ => return false,
        };
        let keys: BTreeSet<&String> = old_items.keys().chain(new_items.keys()).collect();
        for key in keys {
            self.compare(
                &format!("{path}[{key}]"),
                old_items.get(key).map(|f| (*f, old_at)),
                new_items.get(key).map(|f| (*f, new_at)),
            );
        }
        true
    }
}

fn has_records(items: &[Fact]) -> bool {
    items
        .iter()
        .any(|f| matches!(f.value, FactValue::Record(_)))
}

/// Whether two facts state the same value; lists of plain values are compared as sets.
fn same_value(old: &Fact, new: &Fact) -> bool {
    match (&old.value, &new.value) {
        (FactValue::List(a), FactValue::List(b)) => {
            let set = |items: &[Fact]| items.iter().map(summary).collect::<BTreeSet<_>>();
            set(a) == set(b)
        }
        _ => summary(old) == summary(new),
    }
}

/// The value as one line: plain values as rules show them, records as `{key: value}`.
fn summary(fact: &Fact) -> String {
    match &fact.value {
        FactValue::List(items) => format!(
            "[{}]",
            items.iter().map(summary).collect::<Vec<_>>().join(", ")
        ),
        FactValue::Record(fields) => format!(
            "{{{}}}",
            fields
                .iter()
                .map(|(k, v)| format!("{k}: {}", summary(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => fact.display(),
    }
}
