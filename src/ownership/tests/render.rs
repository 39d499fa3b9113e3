//! The ownership graph as DOT and Mermaid, on one small structure.

use super::fixtures::Registry;
use crate::jurisdiction::Jurisdictions;
use crate::ownership::render::{dot, mermaid};
use crate::provider::model::{EntityKind, RightKind};

fn registry() -> Registry {
    let mut r = Registry::new();
    r.company("s", "S SAS", "FR")
        .company("y", "Y Inc", "US")
        .listed("y");
    r.entity("i", "Ines", EntityKind::Individual, Some("FR"));
    r.entity("r", "R Agency", EntityKind::PublicBody, Some("FR"));
    r.holds("y", "s", 60.0)
        .holds_votes("i", "s", 30.0, 20.0)
        .right("r", "s", RightKind::Veto);
    r
}

#[test]
fn dot_marks_control_and_non_eu_entities() {
    let r = registry();
    let analysis = r.analyse("s");
    let expected = r#"digraph ownership {
  rankdir=TB;
  node [shape=box];
  "i" [label="Ines (FR)"];
  "r" [label="R Agency (FR)"];
  "s" [label="S SAS (FR)", peripheries=2];
  "undeclared:s" [label="undeclared holders of S SAS", color=gray, fontcolor=gray, style=dotted];
  "y" [label="Y Inc (US)", color=red, fontcolor=red, style=dashed];
  "i" -> "s" [label="30 % capital, 20 % votes"];
  "r" -> "s" [label="veto", style=dashed];
  "undeclared:s" -> "s" [label="10 % capital, 20 % votes"];
  "y" -> "s" [label="60 %", style=bold, penwidth=2];
}
"#;
    assert_eq!(
        dot(&analysis, &r.entities, Jurisdictions::embedded()),
        expected
    );
}

#[test]
fn mermaid_draws_control_thick() {
    let r = registry();
    let analysis = r.analyse("s");
    let text = mermaid(&analysis, &r.entities, Jurisdictions::embedded());
    let lines: Vec<&str> = text.lines().take(10).collect();
    assert_eq!(
        lines,
        [
            "flowchart TB",
            r#"  n0["Ines (FR)"]"#,
            r#"  n1["R Agency (FR)"]"#,
            r#"  n2["S SAS (FR)"]"#,
            r#"  n3["undeclared holders of S SAS"]"#,
            r#"  n4["Y Inc (US)"]"#,
            r#"  n0 -->|"30 % capital, 20 % votes"| n2"#,
            r#"  n1 -.->|"veto"| n2"#,
            r#"  n3 -->|"10 % capital, 20 % votes"| n2"#,
            r#"  n4 ==>|"60 %"| n2"#,
        ]
    );
    assert!(text.contains("  class n4 nonEu\n") && text.contains("  class n2 subject\n"));
}

#[test]
fn labels_are_escaped() {
    let mut r = registry();
    r.get("y").name = "Y \"Big\" Inc".into();
    let analysis = r.analyse("s");
    let j = Jurisdictions::embedded();
    assert!(dot(&analysis, &r.entities, j).contains(r#"[label="Y \"Big\" Inc (US)""#));
    assert!(mermaid(&analysis, &r.entities, j).contains(r#"n4["Y #quot;Big#quot; Inc (US)"]"#));
}
