//! Whole analyses of tricky graphs, pinned as snapshots: cycles, diamonds, a
//! self-holding, long chains, many paths, rights, coalitions and a dense graph with
//! cycles. They keep every figure, verdict and explanation (chains, notes, edges)
//! of today's resolution, so that a faster one can be checked against them: a
//! rewrite that changes any of them must say why in the snapshot's diff.

use serde_json::Value;

use super::fixtures::Registry;
use crate::jurisdiction::Jurisdictions;
use crate::ownership::{Role, ThirdPartyRef, exposure_table};
use crate::provider::model::{EntityKind, RightKind};

/// Percentages rounded to 1e-9, so that a different order of the same sums does
/// not read as a change.
fn rounded(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => serde_json::json!((f * 1e9).round() / 1e9),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(rounded).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, rounded(v))).collect())
        }
        other => other,
    }
}

/// The analysis of `subject` (with a subcontractor, when given) and the
/// registry-wide exposure table, as one JSON value.
fn pinned(r: &Registry, subject: &str, subcontractor: Option<&str>) -> Value {
    let third: Vec<ThirdPartyRef> = subcontractor
        .into_iter()
        .map(|entity| ThirdPartyRef {
            role: Role::Subcontractor,
            entity: entity.into(),
            path: "offer.subcontractors[0]".into(),
        })
        .collect();
    let analysis = r.analyse_with(subject, &third);
    let table = exposure_table(&r.entities, Jurisdictions::embedded());
    rounded(serde_json::json!({ "analysis": analysis, "exposure_table": table }))
}

fn companies(r: &mut Registry, ids: &[(&str, &str)]) {
    for (id, country) in ids {
        r.company(id, &id.to_uppercase(), country);
    }
}

#[test]
fn a_cross_holding_cycle_under_a_foreign_parent() {
    let mut r = Registry::new();
    companies(
        &mut r,
        &[("s", "FR"), ("a", "FR"), ("b", "DE"), ("u", "US")],
    );
    r.holds("a", "s", 60.0).holds("b", "s", 10.0);
    r.holds("b", "a", 30.0).holds("a", "b", 30.0);
    r.holds("u", "a", 40.0).holds("u", "b", 25.0);
    insta::assert_json_snapshot!(pinned(&r, "s", Some("b")));
}

#[test]
fn a_diamond_that_adds_up_to_control() {
    let mut r = Registry::new();
    companies(
        &mut r,
        &[("s", "FR"), ("l", "FR"), ("m", "IT"), ("t", "US")],
    );
    r.holds("t", "l", 60.0).holds("t", "m", 60.0);
    r.holds("l", "s", 30.0).holds("m", "s", 30.0);
    insta::assert_json_snapshot!(pinned(&r, "s", Some("m")));
}

#[test]
fn a_self_holding_is_left_out() {
    let mut r = Registry::new();
    companies(&mut r, &[("s", "FR"), ("h", "CN")]);
    r.holds("s", "s", 10.0).holds("h", "s", 45.0);
    insta::assert_json_snapshot!(pinned(&r, "s", None));
}

#[test]
fn a_long_chain_of_majorities() {
    let mut r = Registry::new();
    let n = 40;
    for i in 0..n {
        let country = if i + 1 == n { "US" } else { "FR" };
        r.company(&format!("c{i}"), &format!("C{i}"), country);
    }
    for i in 0..n - 1 {
        r.holds(&format!("c{}", i + 1), &format!("c{i}"), 60.0);
    }
    insta::assert_json_snapshot!(pinned(&r, "c0", Some("c20")));
}

#[test]
fn many_paths_through_layers() {
    // Four layers of four companies, each holding 25 % of every company of the
    // layer below: 4^4 paths from the top layer down to the subject.
    let mut r = Registry::new();
    r.company("s", "S", "FR");
    let layer = |l: usize, k: usize| format!("l{l}k{k}");
    for l in 0..4 {
        for k in 0..4 {
            let country = if l == 3 && k == 0 { "US" } else { "FR" };
            r.company(&layer(l, k), &layer(l, k).to_uppercase(), country);
        }
    }
    for k in 0..4 {
        r.holds(&layer(0, k), "s", 25.0);
    }
    for l in 1..4 {
        for k in 0..4 {
            for below in 0..4 {
                r.holds(&layer(l, k), &layer(l - 1, below), 25.0);
            }
        }
    }
    insta::assert_json_snapshot!(pinned(&r, "s", Some("l1k2")));
}

#[test]
fn rights_and_a_coalition_of_minorities() {
    let mut r = Registry::new();
    companies(
        &mut r,
        &[
            ("s", "FR"),
            ("u", "US"),
            ("c", "CN"),
            ("f", "FR"),
            ("g", "DE"),
        ],
    );
    r.entity("x", "Unknown Ltd", EntityKind::Company, None);
    r.holds("u", "s", 20.0)
        .holds("c", "s", 15.0)
        .holds("x", "s", 10.0);
    r.holds("f", "s", 30.0).holds("u", "g", 51.0);
    r.seats("u", "s", 30.0).seats("c", "s", 25.0);
    r.right("g", "s", RightKind::Veto);
    r.right("f", "g", RightKind::VotingAgreement);
    insta::assert_json_snapshot!(pinned(&r, "s", Some("g")));
}

#[test]
fn presumptions_on_a_cycle() {
    // Each of a and b holds 45 % of the other, and outsiders hold 42 % of each:
    // who is presumed to control whom depends on the other's answer.
    let mut r = Registry::new();
    companies(
        &mut r,
        &[
            ("s", "FR"),
            ("a", "FR"),
            ("b", "US"),
            ("p", "FR"),
            ("q", "US"),
        ],
    );
    r.holds("a", "s", 45.0).holds("b", "s", 45.0);
    r.holds("a", "b", 45.0).holds("b", "a", 45.0);
    r.holds("p", "a", 42.0).holds("q", "b", 42.0);
    insta::assert_json_snapshot!(pinned(&r, "s", Some("a")));
}

#[test]
fn a_dense_graph_with_cycles() {
    // 30 companies, each held by three others (30 %, 20 %, 10 %); every fifth is
    // American, every seventh of unknown seat, and the subject is held by two.
    let mut r = Registry::new();
    let n = 30;
    for i in 0..n {
        let id = format!("d{i}");
        if i % 7 == 6 {
            r.entity(&id, &id.to_uppercase(), EntityKind::Company, None);
        } else {
            let country = if i % 5 == 4 { "US" } else { "FR" };
            r.company(&id, &id.to_uppercase(), country);
        }
    }
    r.company("s", "S", "FR");
    for i in 0..n {
        let mut taken = vec![i];
        for (j, capital) in [
            ((i + 1) % n, 30.0),
            ((i + 7) % n, 20.0),
            ((i * 11 + 13) % n, 10.0),
        ] {
            if !taken.contains(&j) {
                taken.push(j);
                r.holds(&format!("d{j}"), &format!("d{i}"), capital);
            }
        }
    }
    r.holds("d0", "s", 40.0).holds("d15", "s", 35.0);
    insta::assert_json_snapshot!(pinned(&r, "s", Some("d3")));
}
