//! Unit tests of fact matching and record reading; the command is tested end to end in
//! tests/diff.rs.

use std::path::Path;

use serde_json::json;

use super::facts::fact_changes;
use super::keys::keyed_items;
use super::paths::category;
use super::record;
use super::*;
use crate::facts::{Fact, FactValue};

const EXAMPLE: &str = include_str!("../../examples/eu-native-qualified.yaml");

fn changes(old: &str, new: &str) -> Vec<FactChange> {
    let old = provider::load_str("old.yaml", old).unwrap();
    let new = provider::load_str("new.yaml", new).unwrap();
    fact_changes(&old, &new)
}

fn edited(from: &str, to: &str) -> String {
    assert!(EXAMPLE.contains(from), "the example has `{from}`");
    EXAMPLE.replacen(from, to, 1)
}

#[test]
fn the_same_file_has_no_changes() {
    assert!(changes(EXAMPLE, EXAMPLE).is_empty());
}

#[test]
fn inserting_a_list_item_is_one_added_fact() {
    let new = edited(
        "  certifications:\n",
        "  certifications:\n    - { scheme: hds, status: qualified, scope: [iaas] }\n",
    );
    let found = changes(EXAMPLE, &new);
    assert_eq!(found.len(), 1, "{found:#?}");
    let change = &found[0];
    assert_eq!(change.fact, "offer.certifications[scheme=hds]");
    assert_eq!(change.change, Change::Added);
    assert_eq!(change.category, Category::Certifications);
    assert!(change.old.is_none());
    let side = change.new.as_ref().unwrap();
    assert_eq!(
        side.value,
        "{scheme: hds, scope: [iaas], status: qualified}"
    );
    let at = side.at.as_ref().unwrap();
    let line = new.lines().position(|l| l.contains("scheme: hds")).unwrap() + 1;
    assert_eq!((at.file.as_str(), at.line), ("new.yaml", line));
}

#[test]
fn plain_lists_are_compared_as_sets() {
    let reordered = edited("storage: [FR]", "storage: [FR, DE]");
    let swapped = edited("storage: [FR]", "storage: [DE, FR]");
    assert!(changes(&reordered, &swapped).is_empty());
    let found = changes(EXAMPLE, &reordered);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].fact, "offer.data.storage");
    assert_eq!(found[0].category, Category::Locations);
    assert_eq!(found[0].old.as_ref().unwrap().value, "[FR]");
    assert_eq!(found[0].new.as_ref().unwrap().value, "[FR, DE]");
}

#[test]
fn fields_that_change_alike_are_one_fact() {
    let new = edited(
        "{ entity: lemanic, capital: 12 }",
        "{ entity: lemanic, capital: 12, voting: 20 }",
    );
    let new = new.replacen(
        "{ entity: staff-fund, capital: 12 }",
        "{ entity: staff-fund, capital: 12, voting: 4 }",
        1,
    );
    let facts: Vec<String> = changes(EXAMPLE, &new).into_iter().map(|c| c.fact).collect();
    assert!(
        facts.contains(
            &"ownership.holders[entity=berthoud].{attributed_voting, economic_voting, voting}"
                .to_string()
        ),
        "{facts:#?}"
    );
    // Capital did not move: it is no part of the change.
    assert!(!facts.iter().any(|f| f.contains("capital}")), "{facts:#?}");
}

#[test]
fn categories_follow_the_first_segments() {
    assert_eq!(
        category("entities.a.shareholders[entity=b]"),
        Category::Ownership
    );
    assert_eq!(category("ownership.non_eu_capital"), Category::Ownership);
    assert_eq!(category("third_parties[entity=v]"), Category::Ownership);
    assert_eq!(
        category("offer.operations.administration_from"),
        Category::Locations
    );
    assert_eq!(
        category("offer.datacenters[name=Lyon].country"),
        Category::Locations
    );
    assert_eq!(
        category("offer.certifications[scheme=x]"),
        Category::Certifications
    );
    assert_eq!(category("offer.contract.governing_law"), Category::Other);
    assert_eq!(category("offer.data_extra"), Category::Other);
    assert_eq!(category("evidence.entities.source"), Category::Sources);
    assert_eq!(
        category("entities.a.rights[holder=b].evidence.source"),
        Category::Sources
    );
}

fn facts(items: serde_json::Value) -> Vec<Fact> {
    match Fact::from_json(&items, "list").map(|f| f.value) {
        Some(FactValue::List(items)) => items,
        other => panic!("not a list: {other:?}"),
    }
}

#[test]
fn items_sharing_an_identity_are_told_apart() {
    let old = facts(json!([{"holder": "x", "kind": "veto"}]));
    let new =
        facts(json!([{"holder": "x", "kind": "veto"}, {"holder": "x", "kind": "board-seat"}]));
    let (a, b) = keyed_items(&old, &new);
    assert_eq!(a.keys().collect::<Vec<_>>(), ["holder=x,kind=veto"]);
    assert_eq!(
        b.keys().collect::<Vec<_>>(),
        ["holder=x,kind=board-seat", "holder=x,kind=veto"]
    );
    let twins = facts(json!([{"entity": "x"}, {"entity": "x"}]));
    let (a, _) = keyed_items(&twins, &[]);
    assert_eq!(a.keys().collect::<Vec<_>>(), ["entity=x#1", "entity=x#2"]);
    let anonymous = facts(json!([{"country": "FR"}]));
    let (a, _) = keyed_items(&anonymous, &[]);
    assert_eq!(a.keys().collect::<Vec<_>>(), ["0#1"]);
}

fn record_with(manifest: serde_json::Value, report: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("reports")).unwrap();
    std::fs::write(dir.path().join("manifest.json"), manifest.to_string()).unwrap();
    std::fs::write(dir.path().join("reports/report.json"), report).unwrap();
    dir
}

const REPORT: &str = r#"{"reports": [{"file": "x.yaml", "verdict": "pass",
  "frameworks": [{"id": "secnumcloud-3.2", "verdict": "pass"}],
  "results": [{"rule": "SNC-QUAL", "framework": "secnumcloud-3.2", "reference": "19",
    "title": "Qualified", "verdict": "pass", "message": "Qualified."}]}]}"#;

fn manifest(path: &str, verdict: &str) -> serde_json::Value {
    json!({
        "format": "trustcheck-seal/1",
        "providers": [{"name": "x.yaml", "path": path}],
        "verdicts": [{"file": "x.yaml", "verdict": verdict, "results": {"SNC-QUAL": verdict}}],
    })
}

#[test]
fn a_record_gives_its_recorded_verdicts() {
    let dir = record_with(manifest("inputs/providers/01-x.yaml", "pass"), REPORT);
    // The sealed input must be one of the record's regular files.
    let sealed = dir.path().join("inputs/providers/01-x.yaml");
    std::fs::create_dir_all(sealed.parent().unwrap()).unwrap();
    std::fs::write(&sealed, "trustcheck: 1\n").unwrap();
    let read = record::read(dir.path()).unwrap();
    assert_eq!(read.providers.len(), 1);
    assert_eq!(read.providers[0].name, "x.yaml");
    assert!(
        read.providers[0]
            .path
            .ends_with("inputs/providers/01-x.yaml")
    );
    assert_eq!(read.providers[0].verdicts.results[0].reason, "Qualified.");
}

#[test]
fn a_record_that_contradicts_itself_is_refused() {
    let dir = record_with(manifest("inputs/providers/01-x.yaml", "fail"), REPORT);
    let error = record::read(dir.path()).unwrap_err();
    assert!(matches!(error, DiffError::Inconsistent { .. }), "{error}");
    assert!(error.to_string().contains("SNC-QUAL: fail"), "{error}");
}

#[test]
fn a_manifest_path_leading_out_of_the_record_is_refused() {
    for path in ["../x.yaml", "/etc/passwd", ""] {
        let dir = record_with(manifest(path, "pass"), REPORT);
        let error = record::read(dir.path()).unwrap_err();
        assert!(
            matches!(error, DiffError::OutsideRecord { .. }),
            "{path}: {error}"
        );
    }
}

#[test]
fn another_record_format_is_refused() {
    let mut other = manifest("inputs/providers/01-x.yaml", "pass");
    other["format"] = json!("trustcheck-seal/9");
    let dir = record_with(other, REPORT);
    let error = record::read(dir.path()).unwrap_err();
    assert!(matches!(error, DiffError::SealFormat { .. }), "{error}");
}

#[test]
fn a_malformed_manifest_is_reported_at_its_line() {
    let dir = record_with(json!({}), REPORT);
    std::fs::write(dir.path().join("manifest.json"), "{\n  \"format\": 1,\n}").unwrap();
    let Err(DiffError::Input(errors)) = record::read(dir.path()) else {
        panic!("a malformed manifest is an input error")
    };
    let problem = &errors[0].problems[0];
    assert_eq!(errors[0].position(problem).map(|p| p.0), Some(2));
}

#[test]
fn a_folder_without_a_manifest_is_not_a_record() {
    let dir = tempfile::tempdir().unwrap();
    let error = record::read(Path::new(dir.path())).unwrap_err();
    assert!(matches!(error, DiffError::NotARecord { .. }), "{error}");
}

#[test]
fn a_compact_record_takes_its_titles_from_the_catalogue() {
    let compact = REPORT.replace(r#""title": "Qualified", "#, "");
    let with_catalogue = compact.replacen(
        r#"{"reports""#,
        r#"{"rules": [{"id": "SNC-QUAL", "title": "Qualified"}], "reports""#,
        1,
    );
    let sealed = |report: &str| {
        let dir = record_with(manifest("inputs/providers/01-x.yaml", "pass"), report);
        let input = dir.path().join("inputs/providers/01-x.yaml");
        std::fs::create_dir_all(input.parent().unwrap()).unwrap();
        std::fs::write(&input, "trustcheck: 1\n").unwrap();
        dir
    };
    let dir = sealed(&with_catalogue);
    let read = record::read(dir.path()).unwrap();
    assert_eq!(read.providers[0].verdicts.results[0].title, "Qualified");
    // A result whose rule is described nowhere is not given a title.
    let dir = sealed(&compact);
    let error = record::read(dir.path()).unwrap_err();
    assert!(matches!(error, DiffError::Inconsistent { .. }), "{error}");
}
