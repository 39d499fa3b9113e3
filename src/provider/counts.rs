//! Explicit limits on the size of an ownership graph: entities and edges
//! (shareholdings and rights), per document and per assessment.
//!
//! The YAML limits bound the text; these bound what the analysis works on, with a
//! message that names the limit instead of a slow run or an exhausted memory. An
//! assessment is one provider file with every registry it reads (`entities_from`
//! and `--entities`).

use crate::diagnostics::{Code, Problem, Span};
use crate::yaml::Node;

use super::validate::{entries, items};

/// The most entities a document, or an assessment, may declare.
pub const MAX_ENTITIES: usize = 100_000;
/// The most ownership edges (shareholdings and rights) a document, or an
/// assessment, may declare.
pub const MAX_EDGES: usize = 1_000_000;

/// How many entities and edges something declares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub entities: usize,
    pub edges: usize,
}

impl Tally {
    /// The two counts added.
    pub fn plus(self, other: Tally) -> Tally {
        Tally {
            entities: self.entities.saturating_add(other.entities),
            edges: self.edges.saturating_add(other.edges),
        }
    }
}

/// Counts the entities and edges of a document (the `entities` of `root`), with a
/// problem at the first entity and the first edge past a limit.
pub fn document(root: &Node) -> (Tally, Vec<Problem>) {
    let mut tally = Tally::default();
    let mut problems = Vec::new();
    let Some(entities) = root.get("entities") else {
        return (tally, problems);
    };
    for (key, entity) in entries(entities) {
        tally.entities += 1;
        if tally.entities == MAX_ENTITIES + 1 {
            problems.push(too_many_entities(
                "this document declares",
                key.span,
                "the entity past the limit",
            ));
        }
        for edge in items(entity.get("shareholders"))
            .iter()
            .chain(items(entity.get("rights")))
        {
            tally.edges += 1;
            if tally.edges == MAX_EDGES + 1 {
                problems.push(too_many_edges(
                    "this document declares",
                    edge.span,
                    "the edge past the limit",
                ));
            }
        }
    }
    (tally, problems)
}

/// The problems of an assessment whose documents together (`total`) pass a limit,
/// reported at `span` (the provider file's `entities`, or its top).
pub fn assessment(total: Tally, span: Span) -> Vec<Problem> {
    let mut problems = Vec::new();
    let what = "this file and its registries declare";
    if total.entities > MAX_ENTITIES {
        problems.push(too_many_entities(what, span, "too many entities in all"));
    }
    if total.edges > MAX_EDGES {
        problems.push(too_many_edges(what, span, "too many edges in all"));
    }
    problems
}

fn too_many_entities(what: &str, span: Span, label: &str) -> Problem {
    Problem::new(
        Code::TooManyEntities,
        format!("{what} more than {MAX_ENTITIES} entities, the limit"),
    )
    .at(span, label)
    .help(
        "assess a smaller ownership graph: split the registries, or leave out entities \
         that no offer's chain of control reaches",
    )
}

fn too_many_edges(what: &str, span: Span, label: &str) -> Problem {
    Problem::new(
        Code::TooManyEntities,
        format!(
            "{what} more than {MAX_EDGES} ownership edges (shareholdings and rights), the limit"
        ),
    )
    .at(span, label)
    .help(
        "assess a smaller ownership graph: split the registries, or leave out holdings \
         that no offer's chain of control reaches",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    #[test]
    fn counts_entities_and_edges() {
        let root = parse(
            "entities:\n  a: {shareholders: [{entity: b, capital: 1}]}\n  \
             b: {rights: [{holder: a, kind: veto}, {holder: a, kind: other}]}\n",
        )
        .unwrap();
        let (tally, problems) = document(&root);
        assert_eq!(
            tally,
            Tally {
                entities: 2,
                edges: 3
            }
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn the_first_entity_past_the_limit_is_pointed_at() {
        let mut text = String::from("entities:\n");
        for i in 0..=MAX_ENTITIES {
            text.push_str(&format!("  e{i}: {{}}\n"));
        }
        let budget = crate::yaml::Budget {
            max_nodes: 4_000_000,
            max_events: Some(12_000_000),
            non_finite_numbers: false,
        };
        let root = crate::yaml::parse_within(&text, budget).unwrap();
        let (tally, problems) = document(&root);
        assert_eq!(tally.entities, MAX_ENTITIES + 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, Code::TooManyEntities);
        let span = problems[0].span.unwrap();
        assert_eq!(&text[span.offset..span.end()], format!("e{MAX_ENTITIES}"));
    }

    #[test]
    fn an_assessment_is_judged_on_its_total() {
        let at_limit = Tally {
            entities: MAX_ENTITIES,
            edges: MAX_EDGES,
        };
        assert!(assessment(at_limit, Span::new(0, 1)).is_empty());
        let over = at_limit.plus(Tally {
            entities: 1,
            edges: 1,
        });
        let problems = assessment(over, Span::new(0, 1));
        assert_eq!(problems.len(), 2);
        assert!(problems[1].message.contains("1000000 ownership edges"));
    }
}
