//! Comparisons of one fact with an operand.

use jiff::civil::Date;

use super::verdict::Tri;
use crate::facts::{Fact, FactValue, format_number};
use crate::jurisdiction::Jurisdictions;
use crate::lang::Text;
use crate::rules::condition::{DateOrder, Op};

/// What a comparison found.
pub struct Comparison {
    pub outcome: Tri,
    pub expected: Text,
    /// For lists: the elements that failed (named in evidence).
    pub offending: Vec<String>,
}

/// Operands that come from other facts, resolved by the caller.
pub struct Operands {
    pub date: Option<Date>,
    pub list: Option<Vec<serde_json::Value>>,
}

/// Compares a present fact with an operator.
pub fn compare(fact: &Fact, op: &Op, operands: &Operands, j: &Jurisdictions) -> Comparison {
    let expected = expected_text(op, operands);
    let (outcome, offending) = match op {
        Op::Equals(value) => (equals(fact, value), vec![]),
        Op::OneOf(values) => (one_of(fact, values), vec![]),
        Op::InGroup(group) => in_group(fact, group, j),
        Op::AtMost(n) => (numeric(fact, |v| v <= *n), vec![]),
        Op::AtLeast(n) => (numeric(fact, |v| v >= *n), vec![]),
        Op::LessThan(n) => (numeric(fact, |v| v < *n), vec![]),
        Op::MoreThan(n) => (numeric(fact, |v| v > *n), vec![]),
        Op::Date(order, _) => (date(fact, *order, operands.date), vec![]),
        Op::Contains(value) => (contains(fact, value), vec![]),
        Op::ContainsAll(_) => contains_all(fact, operands.list.as_deref()),
        Op::Present => (Tri::Pass, vec![]),
        Op::NeedsAssessment => (Tri::Unknown, vec![]),
    };
    Comparison {
        outcome,
        expected,
        offending,
    }
}

/// Whether a fact equals a literal; a bound straddling the value is unknown. A list
/// compared with a single value is unknown, not a failure: whether "any" or "every"
/// element was meant is the rule's to say (`some`, `every`, `contains`), and a silent
/// failure would make a rule stop applying when a file writes a list.
pub fn equals(fact: &Fact, value: &serde_json::Value) -> Tri {
    match (&fact.value, value) {
        (FactValue::List(_), v) if !v.is_array() => Tri::Unknown,
        (FactValue::Text(t), serde_json::Value::String(s)) => Tri::from_bool(t == s),
        (FactValue::Bool(b), serde_json::Value::Bool(v)) => Tri::from_bool(b == v),
        (FactValue::Number { known, worst }, serde_json::Value::Number(n)) => {
            let Some(n) = n.as_f64() else {
                return Tri::Unknown;
            };
            if known == worst {
                Tri::from_bool(*known == n)
            } else if n < *known || n > *worst {
                Tri::Fail
            } else {
                Tri::Unknown
            }
        }
        _ => Tri::Fail,
    }
}

fn one_of(fact: &Fact, values: &[serde_json::Value]) -> Tri {
    let outcomes: Vec<Tri> = values.iter().map(|v| equals(fact, v)).collect();
    if outcomes.contains(&Tri::Pass) {
        Tri::Pass
    } else if outcomes.contains(&Tri::Unknown) {
        Tri::Unknown
    } else {
        Tri::Fail
    }
}

fn in_group(fact: &Fact, group: &str, j: &Jurisdictions) -> (Tri, Vec<String>) {
    let countries: Vec<&Fact> = match &fact.value {
        FactValue::List(items) if items.is_empty() => return (Tri::Unknown, vec![]),
        FactValue::List(items) => items.iter().collect(),
        _ => vec![fact],
    };
    let mut offending = Vec::new();
    let mut unknown = false;
    for country in countries {
        match &country.value {
            FactValue::Text(code) => {
                if j.in_group(code, group) != Some(true) {
                    offending.push(code.clone());
                }
            }
            _ => unknown = true,
        }
    }
    let outcome = if !offending.is_empty() {
        Tri::Fail
    } else if unknown {
        Tri::Unknown
    } else {
        Tri::Pass
    };
    (outcome, offending)
}

/// A number known to lie in [known, worst] passes if the test holds at both ends,
/// fails if it holds at neither, and is unknown otherwise.
fn numeric(fact: &Fact, test: impl Fn(f64) -> bool) -> Tri {
    match fact.value {
        FactValue::Number { known, worst } => match (test(known), test(worst)) {
            (true, true) => Tri::Pass,
            (false, false) => Tri::Fail,
            _ => Tri::Unknown,
        },
        _ => Tri::Unknown,
    }
}

fn date(fact: &Fact, order: DateOrder, operand: Option<Date>) -> Tri {
    let (Some(value), Some(operand)) = (fact.as_date(), operand) else {
        return Tri::Unknown;
    };
    Tri::from_bool(match order {
        DateOrder::OnOrAfter => value >= operand,
        DateOrder::OnOrBefore => value <= operand,
        DateOrder::After => value > operand,
        DateOrder::Before => value < operand,
    })
}

fn contains(fact: &Fact, value: &serde_json::Value) -> Tri {
    match &fact.value {
        FactValue::List(items) => {
            Tri::from_bool(items.iter().any(|item| equals(item, value) == Tri::Pass))
        }
        _ => Tri::Unknown,
    }
}

fn contains_all(fact: &Fact, wanted: Option<&[serde_json::Value]>) -> (Tri, Vec<String>) {
    let (FactValue::List(items), Some(wanted)) = (&fact.value, wanted) else {
        return (Tri::Unknown, vec![]);
    };
    if wanted.is_empty() {
        return (Tri::Unknown, vec![]);
    }
    let missing: Vec<String> = wanted
        .iter()
        .filter(|w| !items.iter().any(|item| equals(item, w) == Tri::Pass))
        .map(literal_text)
        .collect();
    (Tri::from_bool(missing.is_empty()), missing)
}

/// A literal as evidence text (`FR`, `true`, `24`).
pub fn literal_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.as_f64().map(format_number).unwrap_or_default(),
        other => other.to_string(),
    }
}

fn list_text(values: &[serde_json::Value]) -> String {
    values
        .iter()
        .map(literal_text)
        .collect::<Vec<_>>()
        .join(", ")
}

fn expected_text(op: &Op, operands: &Operands) -> Text {
    let date = || {
        operands
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "?".into())
    };
    match op {
        Op::Equals(v) => Text::new(literal_text(v), literal_text(v)),
        Op::OneOf(vs) => Text::new(
            format!("one of {}", list_text(vs)),
            format!("l'un de {}", list_text(vs)),
        ),
        Op::InGroup(g) => Text::new(format!("in {g}"), format!("dans {g}")),
        Op::AtMost(n) => Text::new(
            format!("at most {}", format_number(*n)),
            format!("au plus {}", format_number(*n)),
        ),
        Op::AtLeast(n) => Text::new(
            format!("at least {}", format_number(*n)),
            format!("au moins {}", format_number(*n)),
        ),
        Op::LessThan(n) => Text::new(
            format!("less than {}", format_number(*n)),
            format!("moins de {}", format_number(*n)),
        ),
        Op::MoreThan(n) => Text::new(
            format!("more than {}", format_number(*n)),
            format!("plus de {}", format_number(*n)),
        ),
        Op::Date(DateOrder::OnOrAfter, _) => Text::new(
            format!("on or after {}", date()),
            format!("le {} ou après", date()),
        ),
        Op::Date(DateOrder::OnOrBefore, _) => Text::new(
            format!("on or before {}", date()),
            format!("le {} ou avant", date()),
        ),
        Op::Date(DateOrder::After, _) => {
            Text::new(format!("after {}", date()), format!("après le {}", date()))
        }
        Op::Date(DateOrder::Before, _) => {
            Text::new(format!("before {}", date()), format!("avant le {}", date()))
        }
        Op::Contains(v) => Text::new(
            format!("contains {}", literal_text(v)),
            format!("contient {}", literal_text(v)),
        ),
        Op::ContainsAll(_) => {
            let list = operands
                .list
                .as_deref()
                .map(list_text)
                .unwrap_or_else(|| "?".into());
            Text::new(
                format!("contains all of {list}"),
                format!("contient tous les éléments de {list}"),
            )
        }
        Op::Present => Text::new("given", "renseigné"),
        Op::NeedsAssessment => Text::new("an assessment", "une appréciation"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn no_operands() -> Operands {
        Operands {
            date: None,
            list: None,
        }
    }

    fn list(codes: &[&str]) -> Fact {
        Fact::new(
            FactValue::List(codes.iter().map(|c| Fact::text(*c, None)).collect()),
            None,
        )
    }

    #[test]
    fn groups_name_the_offending_countries() {
        let j = Jurisdictions::embedded();
        let c = compare(
            &list(&["FR", "US", "DE"]),
            &Op::InGroup("EU".into()),
            &no_operands(),
            j,
        );
        assert_eq!(c.outcome, Tri::Fail);
        assert_eq!(c.offending, ["US"]);
        let c = compare(&list(&[]), &Op::InGroup("EU".into()), &no_operands(), j);
        assert_eq!(c.outcome, Tri::Unknown, "an empty list decides nothing");
    }

    #[test]
    fn bounds_decide_only_when_sure() {
        let j = Jurisdictions::embedded();
        let bound = |known, worst| Fact::new(FactValue::Number { known, worst }, None);
        let op = Op::AtMost(39.0);
        assert_eq!(
            compare(&bound(10.0, 30.0), &op, &no_operands(), j).outcome,
            Tri::Pass
        );
        assert_eq!(
            compare(&bound(10.0, 40.0), &op, &no_operands(), j).outcome,
            Tri::Unknown
        );
        assert_eq!(
            compare(&bound(40.0, 40.0), &op, &no_operands(), j).outcome,
            Tri::Fail
        );
        assert_eq!(
            compare(
                &Fact::number(24.0, None),
                &Op::AtMost(24.0),
                &no_operands(),
                j
            )
            .outcome,
            Tri::Pass
        );
        assert_eq!(
            compare(
                &Fact::number(24.01, None),
                &Op::AtMost(24.0),
                &no_operands(),
                j
            )
            .outcome,
            Tri::Fail
        );
    }

    #[test]
    fn dates_and_lists() {
        let j = Jurisdictions::embedded();
        let operands = Operands {
            date: Some(Date::constant(2026, 6, 1)),
            list: Some(vec![json!("iaas"), json!("saas")]),
        };
        let expires = Fact::text("2026-05-31", None);
        let op = Op::Date(
            DateOrder::OnOrAfter,
            crate::rules::condition::DateOperand::AsOf,
        );
        assert_eq!(compare(&expires, &op, &operands, j).outcome, Tri::Fail);
        let scope = list(&["iaas", "paas"]);
        let c = compare(
            &scope,
            &Op::ContainsAll(crate::rules::condition::ListOperand::Fact("x".into())),
            &operands,
            j,
        );
        assert_eq!(
            (c.outcome, c.offending),
            (Tri::Fail, vec!["saas".to_string()])
        );
        assert_eq!(
            compare(&list(&["fr"]), &Op::Contains(json!("fr")), &operands, j).outcome,
            Tri::Pass
        );
    }
}
