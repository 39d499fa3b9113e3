//! Lists in conditions: `every`, `some` and `sum` over a list fact, element by element.

use super::compare::{Operands, compare};
use super::eval::{Item, Outcome, Scope};
use super::trace::Role;
use super::verdict::{Evidence, Tri};
use crate::facts::{Fact, FactValue, format_number};
use crate::lang::Text;
use crate::rules::condition::{Condition, Op, Quantifier};

impl<'a> Scope<'a> {
    pub(super) fn elements(&self, list: &str) -> Result<(Vec<Item<'a>>, String), Outcome> {
        let (fact, shown) = self.lookup(list);
        match fact.map(|f| &f.value) {
            Some(FactValue::List(items)) => Ok((
                items
                    .iter()
                    .enumerate()
                    .map(|(i, fact)| Item {
                        fact,
                        path: format!("{shown}[{i}]"),
                        subject: None,
                    })
                    .collect(),
                shown,
            )),
            _ => Err(self.single(Evidence {
                sentence: Text::new(
                    format!("{shown} is not given"),
                    format!("{shown} n'est pas renseigné"),
                ),
                path: shown,
                source: fact.and_then(|f| f.source.clone()),
                actual: fact.map(Fact::display),
                expected: Text::new("a list", "une liste"),
                outcome: Tri::Unknown,
                note: None,
                provenance: None,
            })),
        }
    }

    pub(super) fn quantify(&self, q: &Quantifier, every: bool) -> Outcome {
        let items = match self.elements(&q.list) {
            Ok((items, _)) => items,
            Err(outcome) => return outcome,
        };
        let mut decided: Vec<(Tri, Outcome)> = Vec::new();
        for mut item in items {
            if self.words() {
                item.subject = q.subject.as_ref().map(|s| fill(s, item.fact));
            }
            let scope = self.with_item(item);
            let selected = q
                .filter
                .as_ref()
                .map_or(Tri::Pass, |f| scope.evaluate_as(Role::Where, f).tri);
            if selected == Tri::Fail {
                continue;
            }
            let checked = scope.evaluate_as(Role::Each, &q.check);
            // An element that may or may not be selected matters only if it would fail
            // `every` or pass `some`.
            let tri = match (selected, checked.tri, every) {
                (Tri::Unknown, Tri::Pass, true) => Tri::Pass,
                (Tri::Unknown, Tri::Fail, false) => Tri::Fail,
                (Tri::Unknown, _, _) => Tri::Unknown,
                (_, tri, _) => tri,
            };
            decided.push((tri, checked));
        }
        let (decisive, fallback) = if every {
            (Tri::Fail, Tri::Pass)
        } else {
            (Tri::Pass, Tri::Fail)
        };
        let tri = if decided.iter().any(|(t, _)| *t == decisive) {
            decisive
        } else if decided.iter().any(|(t, _)| *t == Tri::Unknown) {
            Tri::Unknown
        } else {
            fallback
        };
        let evidence = decided
            .into_iter()
            .filter(|(t, _)| *t == tri)
            .flat_map(|(_, o)| o.evidence)
            .collect();
        Outcome { tri, evidence }
    }

    pub(super) fn sum(
        &self,
        list: &str,
        field: &str,
        filter: Option<&Condition>,
        op: &Op,
        says: Option<&Text>,
    ) -> Outcome {
        let (items, shown) = match self.elements(list) {
            Ok(found) => found,
            Err(outcome) => return outcome,
        };
        let (mut known, mut worst) = (0.0, 0.0);
        let mut missing = false;
        for item in items {
            let fact = item.fact;
            let selected = filter.map_or(Tri::Pass, |f| {
                self.with_item(item).evaluate_as(Role::Where, f).tri
            });
            if selected == Tri::Fail {
                continue;
            }
            match fact.field(field).map(|f| &f.value) {
                Some(FactValue::Number { known: k, worst: w }) => {
                    if selected == Tri::Pass {
                        known += k;
                    }
                    worst += w;
                }
                _ => missing = true,
            }
        }
        let total = Fact::new(
            FactValue::Number { known, worst },
            self.lookup(list).0.and_then(|f| f.source.clone()),
        );
        let path = format!("{shown}[*].{field}");
        if missing {
            return self.single(Evidence {
                sentence: Text::new(
                    format!("{path}: a selected element does not give `{field}`"),
                    format!("{path} : un élément retenu ne renseigne pas `{field}`"),
                ),
                path,
                source: total.source,
                actual: None,
                expected: Text::new("every value given", "toutes les valeurs renseignées"),
                outcome: Tri::Unknown,
                note: None,
                provenance: None,
            });
        }
        let comparison = compare(
            &total,
            op,
            &Operands {
                date: None,
                list: None,
            },
            self.jurisdictions,
        );
        let actual = total.display();
        let note = (known != worst).then(|| {
            format!(
                "{} known, up to {} if every holding of unknown origin is outside the EU",
                format_number(known),
                format_number(worst)
            )
        });
        self.single(Evidence {
            sentence: self.sentence(says, &path, Some(&actual), &comparison.expected),
            path,
            source: total.source,
            actual: Some(actual),
            expected: comparison.expected,
            outcome: comparison.outcome,
            note,
            provenance: None,
        })
    }
}

/// Fills `{field}` placeholders from a record fact.
fn fill(template: &Text, fact: &Fact) -> Text {
    let fill_one = |text: &str| {
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let key = &after[..close];
                    out.push_str(
                        &fact
                            .lookup(key)
                            .map(Fact::display)
                            .unwrap_or_else(|| "?".into()),
                    );
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    };
    Text::new(fill_one(&template.en), fill_one(&template.fr))
}
