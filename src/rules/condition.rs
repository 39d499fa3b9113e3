//! The condition language of rules (documented in docs/rules.md).
//!
//! A condition is written as a YAML mapping with exactly one operator key. It is read
//! into the flat [`RawCondition`] (so that the JSON Schema lists every key, and
//! unknown keys are refused) and then checked into the typed [`Condition`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::lang::Text;

/// A condition as written.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<RawCondition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<Vec<RawCondition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<RawCondition>>,
    #[serde(default, rename = "if", skip_serializing_if = "Option::is_none")]
    pub if_: Option<Box<RawCondition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then: Option<Box<RawCondition>>,
    /// A fact path to compare.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub less_than: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_than: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_or_after: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_or_before: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains_all: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<bool>,
    /// `needs_assessment: true`: the fact, when given, is a finding a person must
    /// assess, so the comparison is `unknown` on purpose, never a pass or a fail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs_assessment: Option<bool>,
    /// The evidence sentence; `{actual}` and `{expected}` are replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub says: Option<Text>,
    /// A list fact every selected element of which must pass `check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<String>,
    /// A list fact at least one selected element of which must pass `check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub some: Option<String>,
    /// A list fact whose elements' `of` field is added up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub where_: Option<Box<RawCondition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<Box<RawCondition>>,
    /// Names a list element in evidence; `{FIELD}` is replaced by its field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Text>,
    /// The id of a rule that must pass (or not apply).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A checked condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    If {
        condition: Box<Condition>,
        then: Box<Condition>,
    },
    Compare {
        fact: String,
        op: Op,
        says: Option<Text>,
    },
    Every(Quantifier),
    Some(Quantifier),
    Sum {
        list: String,
        field: String,
        filter: Option<Box<Condition>>,
        op: Op,
        says: Option<Text>,
    },
    Rule(String),
}

/// `every` / `some` over a list fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantifier {
    pub list: String,
    pub filter: Option<Box<Condition>>,
    pub check: Box<Condition>,
    pub subject: Option<Text>,
}

/// A comparison operator and its operand.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Equals(serde_json::Value),
    OneOf(Vec<serde_json::Value>),
    InGroup(String),
    AtMost(f64),
    AtLeast(f64),
    LessThan(f64),
    MoreThan(f64),
    Date(DateOrder, DateOperand),
    Contains(serde_json::Value),
    ContainsAll(ListOperand),
    Present,
    /// Unknown whatever the fact: a text that allows an assessment, not a verdict.
    NeedsAssessment,
}

/// How a date must compare with the operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    OnOrAfter,
    OnOrBefore,
    After,
    Before,
}

/// The date a fact is compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum DateOperand {
    AsOf,
    Literal(jiff::civil::Date),
    Fact(String),
}

/// The list a fact must contain entirely.
#[derive(Debug, Clone, PartialEq)]
pub enum ListOperand {
    Literal(Vec<serde_json::Value>),
    Fact(String),
}

/// A condition that cannot be checked, with the path inside the rule where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionError {
    pub path: String,
    pub message: String,
}

impl RawCondition {
    /// Checks the condition; `path` is where it sits in the rule (`check.all[1]`).
    pub fn check(&self, path: &str) -> Result<Condition, ConditionError> {
        let forms = self.forms();
        let form = match forms.as_slice() {
            [one] => *one,
            [] => {
                return Err(error(
                    path,
                    "a condition needs one operator: all, any, not, if, fact, every, some, sum or rule",
                ));
            }
            many => {
                return Err(error(
                    path,
                    &format!("a condition has one operator, found {}", many.join(", ")),
                ));
            }
        };
        let sub = |c: &RawCondition, key: &str| c.check(&format!("{path}.{key}"));
        let list = |items: &[RawCondition], key: &str| {
            items
                .iter()
                .enumerate()
                .map(|(i, c)| c.check(&format!("{path}.{key}[{i}]")))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(match form {
            "all" => Condition::All(list(self.all.as_deref().unwrap_or_default(), "all")?),
            "any" => Condition::Any(list(self.any.as_deref().unwrap_or_default(), "any")?),
            "not" => Condition::Not(Box::new(sub(required(&self.not, path, "not")?, "not")?)),
            "if" => Condition::If {
                condition: Box::new(sub(required(&self.if_, path, "if")?, "if")?),
                then: Box::new(sub(required(&self.then, path, "then")?, "then")?),
            },
            "fact" => Condition::Compare {
                fact: self.fact.clone().unwrap_or_default(),
                op: self.op(path)?,
                says: self.says.clone(),
            },
            "every" | "some" => {
                let quantifier = Quantifier {
                    list: self.every.clone().or(self.some.clone()).unwrap_or_default(),
                    filter: self.filter(path)?,
                    check: Box::new(sub(required(&self.check, path, "check")?, "check")?),
                    subject: self.subject.clone(),
                };
                if form == "every" {
                    Condition::Every(quantifier)
                } else {
                    Condition::Some(quantifier)
                }
            }
            "sum" => Condition::Sum {
                list: self.sum.clone().unwrap_or_default(),
                field: required(&self.of, path, "of")?.clone(),
                filter: self.filter(path)?,
                op: self.op(path)?,
                says: self.says.clone(),
            },
            _ => Condition::Rule(self.rule.clone().unwrap_or_default()),
        })
    }

    fn filter(&self, path: &str) -> Result<Option<Box<Condition>>, ConditionError> {
        self.where_
            .as_ref()
            .map(|w| w.check(&format!("{path}.where")).map(Box::new))
            .transpose()
    }

    /// Which operator keys are present.
    fn forms(&self) -> Vec<&'static str> {
        let candidates = [
            ("all", self.all.is_some()),
            ("any", self.any.is_some()),
            ("not", self.not.is_some()),
            ("if", self.if_.is_some()),
            ("fact", self.fact.is_some()),
            ("every", self.every.is_some()),
            ("some", self.some.is_some()),
            ("sum", self.sum.is_some()),
            ("rule", self.rule.is_some()),
        ];
        candidates
            .iter()
            .filter(|(_, present)| *present)
            .map(|(name, _)| *name)
            .collect()
    }

    /// The comparison of a `fact` or `sum` condition: exactly one operator.
    fn op(&self, path: &str) -> Result<Op, ConditionError> {
        let mut ops = Vec::new();
        let date = |order, v: &serde_json::Value| date_operand(v, path).map(|d| Op::Date(order, d));
        if let Some(v) = &self.equals {
            ops.push(Ok(Op::Equals(v.clone())));
        }
        if let Some(v) = &self.one_of {
            ops.push(Ok(Op::OneOf(v.clone())));
        }
        if let Some(v) = &self.in_group {
            ops.push(Ok(Op::InGroup(v.clone())));
        }
        for (value, make) in [
            (self.at_most, Op::AtMost as fn(f64) -> Op),
            (self.at_least, Op::AtLeast),
            (self.less_than, Op::LessThan),
            (self.more_than, Op::MoreThan),
        ] {
            if let Some(v) = value {
                ops.push(Ok(make(v)));
            }
        }
        for (value, order) in [
            (&self.on_or_after, DateOrder::OnOrAfter),
            (&self.on_or_before, DateOrder::OnOrBefore),
            (&self.after, DateOrder::After),
            (&self.before, DateOrder::Before),
        ] {
            if let Some(v) = value {
                ops.push(date(order, v));
            }
        }
        if let Some(v) = &self.contains {
            ops.push(Ok(Op::Contains(v.clone())));
        }
        if let Some(v) = &self.contains_all {
            ops.push(list_operand(v, path).map(Op::ContainsAll));
        }
        if let Some(present) = self.present {
            ops.push(if present {
                Ok(Op::Present)
            } else {
                Err(error(
                    path,
                    "`present: false` is not supported: a missing fact is unknown, never a pass",
                ))
            });
        }
        if let Some(assess) = self.needs_assessment {
            ops.push(if assess {
                Ok(Op::NeedsAssessment)
            } else {
                Err(error(
                    path,
                    "`needs_assessment: false` is not supported: leave it out to compare the fact",
                ))
            });
        }
        match ops.len() {
            1 => ops.remove(0),
            0 => Err(error(
                path,
                "a comparison needs an operator: equals, one_of, in_group, at_most, at_least, less_than, more_than, on_or_after, on_or_before, after, before, contains, contains_all, present or needs_assessment",
            )),
            n => Err(error(
                path,
                &format!("a comparison has one operator, found {n}"),
            )),
        }
    }
}

fn required<'a, T>(value: &'a Option<T>, path: &str, key: &str) -> Result<&'a T, ConditionError> {
    value
        .as_ref()
        .ok_or_else(|| error(path, &format!("`{key}` is required here")))
}

fn error(path: &str, message: &str) -> ConditionError {
    ConditionError {
        path: path.to_string(),
        message: message.to_string(),
    }
}

fn date_operand(value: &serde_json::Value, path: &str) -> Result<DateOperand, ConditionError> {
    match value {
        serde_json::Value::String(s) if s == "as_of" => Ok(DateOperand::AsOf),
        serde_json::Value::String(s) => s.parse().map(DateOperand::Literal).map_err(|_| {
            error(
                path,
                &format!("`{s}` is not a date: write YYYY-MM-DD, `as_of` or {{fact: PATH}}"),
            )
        }),
        serde_json::Value::Object(map) => match map.get("fact").and_then(|f| f.as_str()) {
            Some(fact) if map.len() == 1 => Ok(DateOperand::Fact(fact.to_string())),
            _ => Err(error(
                path,
                "a date operand is YYYY-MM-DD, `as_of` or {fact: PATH}",
            )),
        },
        _ => Err(error(
            path,
            "a date operand is YYYY-MM-DD, `as_of` or {fact: PATH}",
        )),
    }
}

fn list_operand(value: &serde_json::Value, path: &str) -> Result<ListOperand, ConditionError> {
    match value {
        serde_json::Value::Array(items) => Ok(ListOperand::Literal(items.clone())),
        serde_json::Value::Object(map) => match map.get("fact").and_then(|f| f.as_str()) {
            Some(fact) if map.len() == 1 => Ok(ListOperand::Fact(fact.to_string())),
            _ => Err(error(path, "`contains_all` takes a list or {fact: PATH}")),
        },
        _ => Err(error(path, "`contains_all` takes a list or {fact: PATH}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<Condition, ConditionError> {
        let raw: RawCondition = serde_saphyr::from_str(yaml).unwrap();
        raw.check("check")
    }

    #[test]
    fn one_operator_per_condition() {
        assert!(matches!(
            parse("fact: a\nin_group: EU\n"),
            Ok(Condition::Compare {
                op: Op::InGroup(_),
                ..
            })
        ));
        let err = parse("fact: a\nin_group: EU\nat_most: 3\n").unwrap_err();
        assert!(err.message.contains("one operator"));
        let err = parse("all: [{fact: a}]\n").unwrap_err();
        assert_eq!(err.path, "check.all[0]");
    }

    #[test]
    fn quantifiers_need_a_check() {
        let err = parse("every: x\n").unwrap_err();
        assert!(err.message.contains("`check`"), "{}", err.message);
        let ok =
            parse("every: x\nwhere: {fact: item.a, equals: true}\ncheck: {rule: R}\n").unwrap();
        let mut deps = Vec::new();
        ok.rule_dependencies(&mut deps);
        assert_eq!(deps, ["R"]);
    }

    #[test]
    fn date_operands() {
        assert!(matches!(
            parse("fact: d\non_or_after: as_of\n"),
            Ok(Condition::Compare {
                op: Op::Date(DateOrder::OnOrAfter, DateOperand::AsOf),
                ..
            })
        ));
        assert!(parse("fact: d\nbefore: 2026-02-30\n").is_err());
        assert!(parse("fact: d\npresent: false\n").is_err());
    }

    #[test]
    fn needs_assessment_is_an_operator_that_cannot_be_turned_off() {
        assert!(matches!(
            parse("fact: d\nneeds_assessment: true\n"),
            Ok(Condition::Compare {
                op: Op::NeedsAssessment,
                ..
            })
        ));
        assert!(parse("fact: d\nneeds_assessment: false\n").is_err());
        assert!(parse("fact: d\nneeds_assessment: true\nequals: 1\n").is_err());
    }
}
