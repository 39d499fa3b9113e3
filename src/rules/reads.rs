//! What a condition reads: the fact paths and the rules it rests on, for lint,
//! `rules show` and the ordering of rules.

use super::condition::{Condition, DateOperand, ListOperand, Op};

impl Condition {
    /// Every fact path the condition reads, as written (`item.X` inside quantifiers
    /// is given as `LIST[].X`).
    pub fn fact_paths(&self, out: &mut Vec<String>) {
        self.paths_in(None, out);
    }

    fn paths_in(&self, list: Option<&str>, out: &mut Vec<String>) {
        let mut push = |path: &str| {
            out.push(match (path.strip_prefix("item."), list) {
                (Some(rest), Some(list)) => format!("{list}[].{rest}"),
                (None, Some(list)) if path == "item" => format!("{list}[]"),
                _ => path.to_string(),
            })
        };
        match self {
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().for_each(|p| p.paths_in(list, out))
            }
            Condition::Not(inner) => inner.paths_in(list, out),
            Condition::If { condition, then } => {
                condition.paths_in(list, out);
                then.paths_in(list, out);
            }
            Condition::Compare { fact, op, .. } => {
                push(fact);
                match op {
                    Op::Date(_, DateOperand::Fact(other))
                    | Op::ContainsAll(ListOperand::Fact(other)) => push(other),
                    _ => {}
                }
            }
            Condition::Every(q) | Condition::Some(q) => {
                push(&q.list);
                let inner = q.list.clone();
                if let Some(filter) = &q.filter {
                    filter.paths_in(Some(&inner), out);
                }
                q.check.paths_in(Some(&inner), out);
            }
            Condition::Sum {
                list: sum_list,
                field,
                filter,
                ..
            } => {
                push(sum_list);
                out.push(format!("{sum_list}[].{field}"));
                if let Some(filter) = filter {
                    filter.paths_in(Some(sum_list), out);
                }
            }
            Condition::Rule(_) => {}
        }
    }

    /// Ids of the rules this condition rests on.
    pub fn rule_dependencies(&self, out: &mut Vec<String>) {
        match self {
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().for_each(|p| p.rule_dependencies(out))
            }
            Condition::Not(inner) => inner.rule_dependencies(out),
            Condition::If { condition, then } => {
                condition.rule_dependencies(out);
                then.rule_dependencies(out);
            }
            Condition::Every(q) | Condition::Some(q) => {
                if let Some(filter) = &q.filter {
                    filter.rule_dependencies(out);
                }
                q.check.rule_dependencies(out);
            }
            Condition::Sum { filter, .. } => {
                if let Some(filter) = filter {
                    filter.rule_dependencies(out);
                }
            }
            Condition::Rule(id) => out.push(id.clone()),
            Condition::Compare { .. } => {}
        }
    }
}
