//! The subject's ownership graph as Graphviz DOT or Mermaid: holdings labelled with
//! their percentages, control drawn thick, entities outside the EU in red and dashed,
//! entities of unknown origin dotted. Output is sorted, so it is stable across runs.

use std::collections::{BTreeMap, BTreeSet};

use super::analysis::{Analysis, EdgeKind, Origin, OwnershipEdge};
use super::describe::{UNDECLARED, label, percent_text};
use super::origin::origin;
use crate::jurisdiction::Jurisdictions;
use crate::provider::model::{Entity, EntityId, RightKind};

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Look {
    Subject,
    Eu,
    NonEu,
    Unknown,
    Undeclared,
}

/// The nodes of the graph, sorted by id, with how each is drawn.
fn nodes<'a>(
    analysis: &'a Analysis,
    entities: &BTreeMap<EntityId, Entity>,
    j: &Jurisdictions,
) -> Vec<(&'a str, Look)> {
    let ids: BTreeSet<&str> = std::iter::once(analysis.subject.as_str())
        .chain(
            analysis
                .edges
                .iter()
                .flat_map(|e| [e.holder.as_str(), e.held.as_str()]),
        )
        .collect();
    ids.into_iter()
        .map(|id| {
            let look = if id == analysis.subject {
                Look::Subject
            } else if id.starts_with(UNDECLARED) {
                Look::Undeclared
            } else {
                match entities.get(id).map(|e| origin(e, j)) {
                    Some(Origin::Eu) => Look::Eu,
                    Some(Origin::NonEu) => Look::NonEu,
                    Some(Origin::Unknown) | None => Look::Unknown,
                }
            };
            (id, look)
        })
        .collect()
}

/// The text on an edge: "60 %", "60 % capital, 40 % votes" or the right's name.
fn edge_label(edge: &OwnershipEdge) -> String {
    match edge.link {
        EdgeKind::Holding { capital, voting } if capital == voting => {
            format!("{} %", percent_text(capital))
        }
        EdgeKind::Holding { capital, voting } => {
            format!(
                "{} % capital, {} % votes",
                percent_text(capital),
                percent_text(voting)
            )
        }
        EdgeKind::Right { right } => match right {
            RightKind::Veto => "veto",
            RightKind::BoardAppointment => "board appointment",
            RightKind::GoldenShare => "golden share",
            RightKind::ManagementAgreement => "management agreement",
            RightKind::VotingAgreement => "voting agreement",
            RightKind::DeFactoControl => "de facto control",
            RightKind::Other => "special right",
        }
        .to_string(),
    }
}

/// The ownership graph in Graphviz DOT.
pub fn dot(
    analysis: &Analysis,
    entities: &BTreeMap<EntityId, Entity>,
    j: &Jurisdictions,
) -> String {
    let quote = |text: &str| format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::from("digraph ownership {\n  rankdir=TB;\n  node [shape=box];\n");
    for (id, look) in nodes(analysis, entities, j) {
        let style = match look {
            Look::Subject => ", peripheries=2",
            Look::Eu => "",
            Look::NonEu => ", color=red, fontcolor=red, style=dashed",
            Look::Unknown => ", style=dotted",
            Look::Undeclared => ", color=gray, fontcolor=gray, style=dotted",
        };
        out.push_str(&format!(
            "  {} [label={}{style}];\n",
            quote(id),
            quote(&label(entities, id))
        ));
    }
    for edge in &analysis.edges {
        let mut style = String::new();
        if matches!(edge.link, EdgeKind::Right { .. }) {
            style.push_str(", style=dashed");
        }
        if edge.control.is_some() {
            style = ", style=bold, penwidth=2".to_string();
        }
        out.push_str(&format!(
            "  {} -> {} [label={}{style}];\n",
            quote(&edge.holder),
            quote(&edge.held),
            quote(&edge_label(edge)),
        ));
    }
    out.push_str("}\n");
    out
}

/// The ownership graph as a Mermaid flowchart.
pub fn mermaid(
    analysis: &Analysis,
    entities: &BTreeMap<EntityId, Entity>,
    j: &Jurisdictions,
) -> String {
    let quote = |text: &str| format!("\"{}\"", text.replace('"', "#quot;"));
    let nodes = nodes(analysis, entities, j);
    // Mermaid ids must be plain words: node i is `n{i}`, in id order.
    let key: BTreeMap<&str, String> = nodes
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, format!("n{i}")))
        .collect();
    let mut out = String::from("flowchart TB\n");
    for (i, (id, _)) in nodes.iter().enumerate() {
        out.push_str(&format!("  n{i}[{}]\n", quote(&label(entities, id))));
    }
    for edge in &analysis.edges {
        let (Some(holder), Some(held)) =
            (key.get(edge.holder.as_str()), key.get(edge.held.as_str()))
        else {
            continue;
        };
        let arrow = match (edge.control, edge.link) {
            (Some(_), _) => "==>",
            (None, EdgeKind::Right { .. }) => "-.->",
            (None, EdgeKind::Holding { .. }) => "-->",
        };
        out.push_str(&format!(
            "  {holder} {arrow}|{}| {held}\n",
            quote(&edge_label(edge))
        ));
    }
    for (i, (_, look)) in nodes.iter().enumerate() {
        let class = match look {
            Look::Subject => "subject",
            Look::NonEu => "nonEu",
            Look::Unknown => "unknown",
            Look::Undeclared => "undeclared",
            Look::Eu => continue,
        };
        out.push_str(&format!("  class n{i} {class}\n"));
    }
    out.push_str(
        "  classDef subject stroke-width:3px\n  \
         classDef nonEu stroke:#c00,color:#c00,stroke-dasharray:5 5\n  \
         classDef unknown stroke-dasharray:2 2\n  \
         classDef undeclared stroke:#888,color:#888,stroke-dasharray:2 2\n",
    );
    out
}
