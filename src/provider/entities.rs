//! Semantic checks of declared entities: seats, holders and rights.

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Problem, Span};
use crate::yaml::{Node, Value};

use super::validate::{Checker, as_str, entries, items};

/// Sums are compared with this tolerance so that 33.33 + 33.33 + 33.34 is 100.
const SUM_TOLERANCE: f64 = 1e-9;

impl Checker<'_> {
    /// Checks every entity of an `entities` mapping.
    pub(super) fn entities(&mut self, entities: &Node) {
        for (key, entity) in entries(entities) {
            for seat in [
                "country",
                "central_administration",
                "principal_establishment",
            ] {
                self.country_at(entity, seat);
            }
            if let Some(holders) = entity.get("shareholders") {
                let key_span = entity.key_span("shareholders").unwrap_or(holders.span);
                self.shareholders(&key.name, holders, key_span);
            }
            for right in items(entity.get("rights")) {
                if let Some(holder) = right.get("holder") {
                    self.reference(holder, "holder");
                }
            }
        }
    }

    fn shareholders(&mut self, held: &str, holders: &Node, key_span: Span) {
        let mut first_seen: BTreeMap<&str, usize> = BTreeMap::new();
        let (mut capital, mut voting) = (0.0, 0.0);
        for (index, holding) in items(Some(holders)).iter().enumerate() {
            if let Some(holder) = holding.get("entity") {
                self.holder(held, holder, index, &mut first_seen);
            }
            let held_capital = percent(holding.get("capital"));
            capital += held_capital.unwrap_or(0.0);
            voting += percent(holding.get("voting"))
                .or(held_capital)
                .unwrap_or(0.0);
        }
        let over = over_100(capital, voting);
        if let Some(over) = over {
            self.problems.push(
                Problem::new(
                    Code::HoldingsOver100,
                    format!("the holders of `{held}` hold {over}"),
                )
                .at(key_span, "more than 100 %")
                .help("the direct holdings of one entity add up to at most 100 %; leave out what is unknown"),
            );
        }
    }

    fn holder<'n>(
        &mut self,
        held: &str,
        holder: &'n Node,
        index: usize,
        first_seen: &mut BTreeMap<&'n str, usize>,
    ) {
        let Some(id) = as_str(holder) else { return };
        if id == held {
            self.problems.push(
                Problem::new(
                    Code::SelfHolding,
                    format!("`{held}` is listed as its own shareholder"),
                )
                .at(holder.span, "holds itself")
                .help("treasury shares are not declared: remove this holding"),
            );
            return;
        }
        if let Some(first) = first_seen.get(id) {
            self.problems.push(
                Problem::new(
                    Code::DuplicateHolder,
                    format!("`{id}` is listed twice among the holders of `{held}` (first at shareholders[{first}])"),
                )
                .at(holder.span, "listed again")
                .help("merge the two holdings into one"),
            );
            return;
        }
        first_seen.insert(id, index);
        self.reference(holder, "entity");
    }
}

/// What exceeds 100 %: "120 % of its capital", "110 % of its voting rights", or both.
fn over_100(capital: f64, voting: f64) -> Option<String> {
    let over = |total: f64| total > 100.0 + SUM_TOLERANCE;
    match (over(capital), over(voting)) {
        (true, true) if round(capital) == round(voting) => Some(format!(
            "{} % of its capital and voting rights",
            round(capital)
        )),
        (true, true) => Some(format!(
            "{} % of its capital and {} % of its voting rights",
            round(capital),
            round(voting)
        )),
        (true, false) => Some(format!("{} % of its capital", round(capital))),
        (false, true) => Some(format!("{} % of its voting rights", round(voting))),
        (false, false) => None,
    }
}

/// A percentage that passed the structural check (0 to 100); others are already
/// reported and left out of the totals.
fn percent(node: Option<&Node>) -> Option<f64> {
    let value = match node?.value {
        Value::Int(i) => i as f64,
        Value::Float(f) => f,
        _ => return None,
    };
    (0.0..=100.0).contains(&value).then_some(value)
}

/// A total for a message: `120`, `100.5`, `33.33`.
fn round(total: f64) -> String {
    let rounded = (total * 100.0).round() / 100.0;
    format!("{rounded}")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::provider::validate::check_registry;
    use crate::yaml::parse;

    fn problems(entities: &str, declared: &[&str]) -> Vec<Problem> {
        let text = format!("trustcheck_registry: 1\nentities:\n{entities}");
        let declared: BTreeSet<&str> = declared.iter().copied().collect();
        check_registry(&parse(&text).unwrap(), &declared)
    }

    #[test]
    fn sums_above_100_are_reported_with_the_total() {
        let found = problems(
            "  a:\n    shareholders:\n      - {entity: b, capital: 70}\n      - {entity: c, capital: 50, voting: 30}\n",
            &["a", "b", "c"],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::HoldingsOver100);
        assert_eq!(
            found[0].message,
            "the holders of `a` hold 120 % of its capital"
        );
    }

    #[test]
    fn voting_defaults_to_capital_in_the_sum() {
        let found = problems(
            "  a:\n    shareholders:\n      - {entity: b, capital: 60}\n      - {entity: c, capital: 30, voting: 50}\n",
            &["a", "b", "c"],
        );
        assert_eq!(
            found[0].message,
            "the holders of `a` hold 110 % of its voting rights"
        );
    }

    #[test]
    fn thirds_add_up_to_100() {
        let found = problems(
            "  a:\n    shareholders:\n      - {entity: b, capital: 33.33}\n      - {entity: c, capital: 33.33}\n      - {entity: d, capital: 33.34}\n",
            &["a", "b", "c", "d"],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn self_holding_duplicates_and_undeclared_holders() {
        let found = problems(
            "  a:\n    shareholders:\n      - {entity: a, capital: 1}\n      - {entity: b, capital: 1}\n      - {entity: b, capital: 1}\n      - {entity: x, capital: 1}\n    rights:\n      - {holder: y, kind: veto}\n",
            &["a", "b"],
        );
        let codes: Vec<Code> = found.iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            vec![
                Code::SelfHolding,
                Code::DuplicateHolder,
                Code::UndeclaredEntity,
                Code::UndeclaredEntity
            ]
        );
    }

    #[test]
    fn seats_must_be_countries() {
        let found = problems("  a: {country: fr, central_administration: EU}\n", &["a"]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `FR`?"));
        assert!(found[1].help.as_deref().unwrap().contains("group"));
    }

    #[test]
    fn unsupported_registry_versions_are_reported() {
        let text = "trustcheck_registry: 2\nentities: {}\n";
        let found = check_registry(&parse(text).unwrap(), &BTreeSet::new());
        assert_eq!(found[0].code, Code::UnsupportedVersion);
    }
}
