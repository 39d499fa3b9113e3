//! The evaluator: one condition on the facts, with the evidence that decided it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::compare::{Operands, compare, literal_text};
use super::trace::{Role, TracedItem, Tracer};
use super::verdict::{Evidence, Tri, Verdict};
use crate::facts::{Fact, FactValue, Facts};
use crate::jurisdiction::Jurisdictions;
use crate::lang::Text;
use crate::rules::condition::{Condition, DateOperand, ListOperand, Op};

/// The result of a condition.
pub struct Outcome {
    pub tri: Tri,
    pub evidence: Vec<Evidence>,
}

/// The list element a quantifier is looking at.
#[derive(Clone)]
pub(super) struct Item<'a> {
    pub(super) fact: &'a Fact,
    /// The element's path (`ownership.holders[2]`).
    pub(super) path: String,
    /// The element named in words, per language.
    pub(super) subject: Option<Text>,
}

/// What an evaluation can see.
pub struct Scope<'a> {
    pub facts: &'a Facts,
    pub verdicts: &'a BTreeMap<String, Verdict>,
    pub jurisdictions: &'a Jurisdictions,
    item: Option<Item<'a>>,
    /// Records every condition evaluated, for `trustcheck explain`.
    trace: Option<&'a Tracer>,
    /// Whether evidence is put in words (sentences, subjects); off when only the
    /// verdicts are read.
    words: bool,
}

impl<'a> Scope<'a> {
    pub fn new(
        facts: &'a Facts,
        verdicts: &'a BTreeMap<String, Verdict>,
        jurisdictions: &'a Jurisdictions,
    ) -> Self {
        Scope {
            facts,
            verdicts,
            jurisdictions,
            item: None,
            trace: None,
            words: true,
        }
    }

    /// The same scope, deciding verdicts without putting evidence in words: the
    /// sentences and subjects of its evidence are left empty. Verdicts and the
    /// paths, sources and grades of evidence are the same.
    pub fn without_words(self) -> Scope<'a> {
        Scope {
            words: false,
            ..self
        }
    }

    /// The same scope, recording into `tracer` every condition it evaluates (in
    /// words).
    pub fn traced(self, tracer: &'a Tracer) -> Scope<'a> {
        Scope {
            trace: Some(tracer),
            words: true,
            ..self
        }
    }

    pub(super) fn with_item(&self, item: Item<'a>) -> Scope<'a> {
        Scope {
            facts: self.facts,
            verdicts: self.verdicts,
            jurisdictions: self.jurisdictions,
            item: Some(item),
            trace: self.trace,
            words: self.words,
        }
    }

    /// Whether evidence is put in words.
    pub(super) fn words(&self) -> bool {
        self.words
    }

    /// A fact and the path it is shown under; `item.X` reads the current element.
    pub(super) fn lookup(&self, path: &str) -> (Option<&'a Fact>, String) {
        match (path.strip_prefix("item."), &self.item) {
            (Some(rest), Some(item)) => (item.fact.lookup(rest), format!("{}.{rest}", item.path)),
            (None, _) if path == "item" => match &self.item {
                Some(item) => (Some(item.fact), item.path.clone()),
                None => (None, path.to_string()),
            },
            _ => (self.facts.get(path), path.to_string()),
        }
    }

    /// Evaluates a condition.
    pub fn evaluate(&self, condition: &Condition) -> Outcome {
        self.evaluate_as(Role::Part, condition)
    }

    /// Evaluates a condition that plays `role` in what contains it; a traced scope
    /// records it with its outcome.
    pub fn evaluate_as(&self, role: Role, condition: &Condition) -> Outcome {
        let Some(tracer) = self.trace else {
            return self.decide(condition);
        };
        tracer.open();
        let outcome = self.decide(condition);
        let item = self
            .item
            .as_ref()
            .map(|i| TracedItem::new(&i.path, i.subject.as_ref(), i.fact));
        tracer.close(role, condition, item, &outcome);
        outcome
    }

    fn decide(&self, condition: &Condition) -> Outcome {
        match condition {
            Condition::All(parts) => self.all(parts),
            Condition::Any(parts) => self.any(parts),
            Condition::Not(inner) => {
                let outcome = self.evaluate(inner);
                Outcome {
                    tri: outcome.tri.negate(),
                    evidence: outcome.evidence,
                }
            }
            Condition::If { condition, then } => self.implication(condition, then),
            Condition::Compare { fact, op, says } => self.compare(fact, op, says.as_ref()),
            Condition::Every(q) => self.quantify(q, true),
            Condition::Some(q) => self.quantify(q, false),
            Condition::Sum {
                list,
                field,
                filter,
                op,
                says,
            } => self.sum(list, field, filter.as_deref(), op, says.as_ref()),
            Condition::Rule(id) => self.rule(id),
        }
    }

    fn all(&self, parts: &[Condition]) -> Outcome {
        let outcomes: Vec<Outcome> = parts.iter().map(|p| self.evaluate(p)).collect();
        let tri = if outcomes.iter().any(|o| o.tri == Tri::Fail) {
            Tri::Fail
        } else if outcomes.iter().any(|o| o.tri == Tri::Unknown) {
            Tri::Unknown
        } else {
            Tri::Pass
        };
        decided_by(tri, outcomes)
    }

    fn any(&self, parts: &[Condition]) -> Outcome {
        let outcomes: Vec<Outcome> = parts.iter().map(|p| self.evaluate(p)).collect();
        let tri = if outcomes.iter().any(|o| o.tri == Tri::Pass) {
            Tri::Pass
        } else if outcomes.iter().any(|o| o.tri == Tri::Unknown) {
            Tri::Unknown
        } else {
            Tri::Fail
        };
        decided_by(tri, outcomes)
    }

    fn implication(&self, condition: &Condition, then: &Condition) -> Outcome {
        let antecedent = self.evaluate_as(Role::If, condition);
        if antecedent.tri == Tri::Fail {
            return Outcome {
                tri: Tri::Pass,
                evidence: antecedent.evidence,
            };
        }
        let consequent = self.evaluate_as(Role::Then, then);
        let tri = match (antecedent.tri, consequent.tri) {
            (_, Tri::Pass) => Tri::Pass,
            (Tri::Unknown, _) => Tri::Unknown,
            (_, other) => other,
        };
        let mut evidence = antecedent.evidence;
        evidence.extend(consequent.evidence);
        Outcome { tri, evidence }
    }

    fn compare(&self, path: &str, op: &Op, says: Option<&Text>) -> Outcome {
        let (fact, shown) = self.lookup(path);
        let operands = self.operands(op);
        let Some(fact) = fact else {
            let expected =
                compare(&Fact::text("", None), op, &operands, self.jurisdictions).expected;
            return self.single(Evidence {
                sentence: self.sentence(says, &shown, None, &expected),
                path: shown,
                source: None,
                actual: None,
                expected,
                outcome: Tri::Unknown,
                note: None,
                provenance: None,
            });
        };
        let comparison = compare(fact, op, &operands, self.jurisdictions);
        let actual = if comparison.offending.is_empty() {
            fact.display()
        } else {
            comparison.offending.join(", ")
        };
        self.single(Evidence {
            sentence: self.sentence(says, &shown, Some(&actual), &comparison.expected),
            path: shown,
            source: fact.source.clone(),
            actual: Some(actual),
            expected: comparison.expected,
            outcome: comparison.outcome,
            note: fact.note.clone(),
            provenance: None,
        })
    }

    pub(super) fn single(&self, evidence: Evidence) -> Outcome {
        Outcome {
            tri: evidence.outcome,
            evidence: vec![evidence],
        }
    }

    fn operands(&self, op: &Op) -> Operands {
        let date = match op {
            Op::Date(_, DateOperand::AsOf) => Some(self.facts.as_of),
            Op::Date(_, DateOperand::Literal(d)) => Some(*d),
            Op::Date(_, DateOperand::Fact(path)) => self.lookup(path).0.and_then(Fact::as_date),
            _ => None,
        };
        let list = match op {
            Op::ContainsAll(ListOperand::Literal(values)) => Some(values.clone()),
            Op::ContainsAll(ListOperand::Fact(path)) => match self.lookup(path).0.map(|f| &f.value)
            {
                Some(FactValue::List(items)) => Some(items.iter().map(fact_literal).collect()),
                _ => None,
            },
            _ => None,
        };
        Operands { date, list }
    }

    /// The evidence sentence: the subject, then the rule's `says` or a plain default.
    pub(super) fn sentence(
        &self,
        says: Option<&Text>,
        path: &str,
        actual: Option<&str>,
        expected: &Text,
    ) -> Text {
        if !self.words {
            return Text::default();
        }
        let subject = self.item.as_ref().and_then(|i| i.subject.as_ref());
        let make = |lang_says: Option<&str>, subject: Option<&str>, expected: &str, fr: bool| {
            let body = match (lang_says, actual) {
                (Some(template), Some(actual)) => replaced(
                    &replaced(template, "{actual}", actual),
                    "{expected}",
                    expected,
                )
                .into_owned(),
                (_, None) if fr => format!("{path} n'est pas renseigné (attendu : {expected})"),
                (_, None) => format!("{path} is not given (expected: {expected})"),
                (None, Some(actual)) if fr => {
                    format!("{path} vaut {actual} ; attendu : {expected}")
                }
                (None, Some(actual)) => format!("{path} is {actual}; expected {expected}"),
            };
            match subject {
                Some(subject) => {
                    let mut sentence = String::with_capacity(subject.len() + 2 + body.len());
                    sentence.push_str(subject);
                    sentence.push_str(": ");
                    sentence.push_str(&body);
                    sentence
                }
                None => body,
            }
        };
        Text::new(
            make(
                says.map(|s| s.en.as_str()),
                subject.as_ref().map(|s| s.en.as_str()),
                &expected.en,
                false,
            ),
            make(
                says.map(|s| s.fr.as_str()),
                subject.as_ref().map(|s| s.fr.as_str()),
                &expected.fr,
                true,
            ),
        )
    }

    fn rule(&self, id: &str) -> Outcome {
        let verdict = self.verdicts.get(id).copied().unwrap_or(Verdict::Unknown);
        let tri = match verdict {
            Verdict::Pass | Verdict::NotApplicable => Tri::Pass,
            Verdict::Fail => Tri::Fail,
            // Waivers are applied after evaluation and cover their own rule only: a
            // rule resting on a waived one is never decided by the waiver.
            Verdict::Unknown | Verdict::Waived => Tri::Unknown,
        };
        let sentence = if self.words {
            Text::new(
                format!("rule {id}: {}", verdict.name()),
                format!("règle {id} : {}", verdict.name()),
            )
        } else {
            Text::default()
        };
        self.single(Evidence {
            sentence,
            path: format!("rules.{id}"),
            source: None,
            actual: Some(verdict.name().to_string()),
            expected: Text::new("pass", "pass"),
            outcome: tri,
            note: None,
            provenance: None,
        })
    }
}

/// `text` with every `from` replaced by `to`, as [`str::replace`] does, copied only
/// when there is something to replace and then in one allocation.
fn replaced<'t>(text: &'t str, from: &str, to: &str) -> Cow<'t, str> {
    let count = text.matches(from).count();
    if count == 0 {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + count * to.len());
    let mut rest = text;
    while let Some((before, after)) = rest.split_once(from) {
        out.push_str(before);
        out.push_str(to);
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Keeps the evidence of the parts that decided the verdict.
fn decided_by(tri: Tri, outcomes: Vec<Outcome>) -> Outcome {
    let evidence = outcomes
        .into_iter()
        .filter(|o| o.tri == tri)
        .flat_map(|o| o.evidence)
        .collect();
    Outcome { tri, evidence }
}

fn fact_literal(fact: &Fact) -> serde_json::Value {
    match &fact.value {
        FactValue::Text(t) => serde_json::Value::String(t.clone()),
        FactValue::Bool(b) => serde_json::Value::Bool(*b),
        FactValue::Number { known, .. } => serde_json::json!(known),
        other => serde_json::Value::String(literal_text(&serde_json::json!(format!("{other:?}")))),
    }
}

#[cfg(test)]
mod replace_tests {
    use super::replaced;

    #[test]
    fn replacing_reads_as_str_replace() {
        for (text, from, to) in [
            ("{actual} is {actual}", "{actual}", "FR"),
            ("no marker", "{actual}", "FR"),
            ("{expected}", "{expected}", ""),
            ("é{actual}è{actual}", "{actual}", "{actual}{actual}"),
            ("{act{actual}ual}", "{actual}", "x"),
            ("", "{actual}", "x"),
        ] {
            assert_eq!(replaced(text, from, to), text.replace(from, to), "{text}");
        }
    }
}
