//! `trustcheck diff`, end to end: what changed between two provider files or two sealed
//! records, which criteria flipped, and the exit codes a CI gate relies on.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

mod diff {
    pub mod records;
}

pub const BASE: &str = "examples/eu-native-qualified.yaml";
pub const AS_OF: &str = "2026-11-01";

/// The binary, with a fixed language and no colour.
pub fn trustcheck() -> Command {
    let mut cmd = Command::cargo_bin("trustcheck").expect("binary");
    cmd.env("LANG", "C").env("NO_COLOR", "1");
    cmd
}

/// `diff --format json` of two inputs: the exit code and the parsed diff.
fn diff_json(old: &str, new: &str, extra: &[&str]) -> (i32, Value) {
    let output = trustcheck()
        .args(["diff", old, new, "--format", "json", "--as-of", AS_OF])
        .args(extra)
        .output()
        .expect("runs");
    let diff = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code().unwrap_or(-1), diff)
}

/// The facts of the only provider, as `(change, fact)` pairs.
pub fn facts(diff: &Value) -> Vec<(String, String)> {
    diff["providers"][0]["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .map(|f| {
            (
                f["change"].as_str().unwrap().into(),
                f["fact"].as_str().unwrap().into(),
            )
        })
        .collect()
}

/// The flipped rules of a provider, as `(rule, old, new)`.
pub fn flips(provider: &Value) -> Vec<(String, String, String)> {
    provider["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .map(|c| {
            let side = |v: &Value| v.as_str().unwrap_or("absent").to_string();
            (
                c["rule"].as_str().unwrap().into(),
                side(&c["old"]),
                side(&c["new"]),
            )
        })
        .collect()
}

fn flip(rule: &str, old: &str, new: &str) -> (String, String, String) {
    (rule.into(), old.into(), new.into())
}

#[test]
fn a_change_of_ownership_that_breaks_eligibility_fails_the_gate() {
    trustcheck()
        .args([
            "diff",
            BASE,
            "tests/diff/us-holder-40.yaml",
            "--as-of",
            AS_OF,
        ])
        .arg("--fail-on-regression")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("SNC-19.6-b-individual"))
        .stdout(predicate::str::contains("SNC-19.6-b-collective"))
        .stdout(predicate::str::contains("CAC-R9-sensitive"))
        .stdout(predicate::str::contains("4 criteria regressed"));
    // Without the flag the same comparison is a report, not a gate.
    trustcheck()
        .args([
            "diff",
            BASE,
            "tests/diff/us-holder-40.yaml",
            "--as-of",
            AS_OF,
        ])
        .assert()
        .code(0);
}

#[test]
fn the_ownership_change_names_each_fact_with_both_sides() {
    let (code, diff) = diff_json(BASE, "tests/diff/us-holder-40.yaml", &[]);
    assert_eq!(code, 0);
    // A US holder of 40 % with no larger holder is presumed in control (L.233-3 II).
    assert_eq!(diff["regressions"], 4);
    let provider = &diff["providers"][0];
    assert_eq!(
        flips(provider),
        [
            flip("CAC-R9-sensitive", "pass", "fail"),
            flip("SNC-19.6-b-collective", "pass", "fail"),
            flip("SNC-19.6-b-control", "pass", "fail"),
            flip("SNC-19.6-b-individual", "pass", "fail"),
        ]
    );
    let facts = provider["facts"].as_array().unwrap();
    let vasseur = facts
        .iter()
        .find(|f| f["fact"] == "entities.arvenis.shareholders[entity=vasseur].capital")
        .expect("the founder's sale is a changed fact");
    assert_eq!(vasseur["category"], "ownership");
    assert_eq!(
        vasseur["old"],
        json!({"value": "34", "at": {"file": BASE, "line": 86, "column": 37}})
    );
    assert_eq!(vasseur["new"]["value"], "10");
    assert_eq!(vasseur["new"]["at"]["line"], 79);
    let non_eu = facts
        .iter()
        .find(|f| f["fact"] == "ownership.{non_eu_capital, non_eu_voting}")
        .expect("the computed non-EU shares changed");
    assert_eq!(
        (&non_eu["old"]["value"], &non_eu["new"]["value"]),
        (&json!("12"), &json!("52"))
    );
    let frameworks = provider["frameworks"].as_array().unwrap();
    assert!(
        frameworks
            .iter()
            .any(|f| f["framework"] == "secnumcloud-3.2" && f["new"] == "fail")
    );
}

#[test]
fn the_same_facts_written_differently_change_nothing() {
    let (code, diff) = diff_json(
        BASE,
        "tests/diff/eu-native-reformatted.yaml",
        &["--fail-on-regression"],
    );
    assert_eq!(code, 0);
    assert_eq!(facts(&diff), Vec::<(String, String)>::new());
    assert_eq!(diff["providers"][0]["criteria"], json!([]));
    assert_eq!(diff["regressions"], 0);
    trustcheck()
        .args([
            "diff",
            BASE,
            "tests/diff/eu-native-reformatted.yaml",
            "--as-of",
            AS_OF,
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Nothing changed"));
}

#[test]
fn a_change_of_location_is_reported_under_locations() {
    let (code, diff) = diff_json(
        BASE,
        "tests/diff/processing-outside-eu.yaml",
        &["--fail-on-regression"],
    );
    assert_eq!(code, 1);
    let provider = &diff["providers"][0];
    let locations: Vec<(&str, &str, &str)> = provider["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["category"], "locations");
            (
                f["fact"].as_str().unwrap(),
                f["old"]["value"].as_str().unwrap(),
                f["new"]["value"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        locations,
        [
            ("offer.data.processing", "[FR]", "[FR, US]"),
            ("offer.operations.administration_from", "[FR]", "[FR, US]"),
        ]
    );
    let rules: Vec<String> = flips(provider).into_iter().map(|f| f.0).collect();
    assert!(rules.contains(&"SNC-19.2-b".to_string()), "{rules:?}");
    assert!(rules.contains(&"SNC-19.2-c".to_string()), "{rules:?}");
}

#[test]
fn an_inserted_list_item_is_one_added_fact() {
    let (code, diff) = diff_json(
        BASE,
        "tests/diff/hds-certification.yaml",
        &["--fail-on-regression"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        facts(&diff),
        [(
            "added".to_string(),
            "offer.certifications[scheme=hds]".to_string()
        )]
    );
    assert_eq!(
        diff["providers"][0]["facts"][0]["category"],
        "certifications"
    );
}

#[test]
fn framework_limits_the_verdicts_compared() {
    let (_, diff) = diff_json(
        BASE,
        "tests/diff/us-holder-40.yaml",
        &["--framework", "secnumcloud-3.2"],
    );
    let rules: Vec<String> = flips(&diff["providers"][0])
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(
        rules,
        [
            "SNC-19.6-b-collective",
            "SNC-19.6-b-control",
            "SNC-19.6-b-individual"
        ]
    );
}

#[test]
fn an_invalid_file_is_an_input_error_at_its_line() {
    trustcheck()
        .args([
            "diff",
            BASE,
            "tests/invalid/percent-150.yaml",
            "--as-of",
            AS_OF,
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("trustcheck::percent-out-of-range"))
        .stderr(predicate::str::contains("tests/invalid/percent-150.yaml"))
        .stderr(predicate::str::contains("[8:47]"));
}

#[test]
fn a_file_and_a_folder_are_not_compared() {
    trustcheck()
        .args(["diff", BASE, "tests/diff", "--as-of", AS_OF])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give two files or two records"));
}

#[test]
fn table_markdown_and_json_snapshots() {
    for format in ["table", "markdown", "json"] {
        let output = trustcheck()
            .args([
                "diff",
                BASE,
                "tests/diff/us-holder-40.yaml",
                "--as-of",
                AS_OF,
                "--format",
                format,
            ])
            .output()
            .unwrap();
        insta::assert_snapshot!(format, String::from_utf8(output.stdout).unwrap());
    }
}
