//! `assess --valid-until DATE`: a warning per certification that expires before DATE
//! or gives no expiry; verdicts never change.

use predicates::prelude::*;
use serde_json::Value;

use crate::waivers::{GAPS, assess, trustcheck};

fn warnings(report: &Value) -> Vec<(String, String)> {
    report["reports"][0]["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|w| {
            (
                w["path"].as_str().unwrap_or_default().to_string(),
                w["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn certifications_expiring_before_the_date_are_named() {
    let (code, report) = assess(&[GAPS, "--valid-until", "2029-01-01"]);
    let (plain_code, plain) = assess(&[GAPS]);
    assert_eq!(code, plain_code, "verdicts never change");
    assert_eq!(
        report["reports"][0]["results"],
        plain["reports"][0]["results"]
    );
    let found = warnings(&report);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "offer.certifications[0].expires");
    assert!(found[0].1.contains("secnumcloud 3.2 expires on 2028-06-11"));
    assert!(found[1].1.contains("iso27001 2022 expires on 2027-01-31"));
    let location = &report["reports"][0]["warnings"][0]["location"];
    assert_eq!(location["line"], 38);
    assert!(plain["reports"][0].get("warnings").is_none());
}

#[test]
fn a_certification_valid_through_the_date_is_not_named() {
    // The ISO 27001 certificate expires on 2027-01-31: valid through that day.
    let (_, report) = assess(&[GAPS, "--valid-until", "2027-01-31"]);
    assert!(warnings(&report).is_empty(), "{:?}", warnings(&report));
    let (_, report) = assess(&[GAPS, "--valid-until", "2027-02-01"]);
    assert_eq!(warnings(&report).len(), 1);
}

#[test]
fn a_certification_without_expiry_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(GAPS).expect("fixture");
    let undated = text.replace(", expires: 2027-01-31", "");
    assert_ne!(undated, text);
    let path = dir.path().join("undated.yaml");
    std::fs::write(&path, undated).expect("written");
    let (_, report) = assess(&[path.to_str().expect("utf-8"), "--valid-until", "2027-01-01"]);
    let found = warnings(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "offer.certifications[1]");
    assert!(found[0].1.contains("iso27001 2022 gives no expiry date"));
}

#[test]
fn table_and_markdown_show_the_warnings_in_the_report_language() {
    trustcheck()
        .args([
            "assess",
            GAPS,
            "--as-of",
            "2026-11-01",
            "--valid-until",
            "2028-01-01",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "warning: certification iso27001 2022 expires on 2027-01-31, before the required \
             validity date 2028-01-01 (offer.certifications[1].expires, line 41)",
        ));
    trustcheck()
        .args(["--lang", "fr", "assess", GAPS, "--as-of", "2026-11-01"])
        .args(["--valid-until", "2028-01-01", "--format", "markdown"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("### Avertissements").and(predicate::str::contains(
                "la certification iso27001 2022 expire le",
            )),
        );
}

#[test]
fn an_invalid_date_is_a_usage_error() {
    trustcheck()
        .args(["assess", GAPS, "--valid-until", "2027-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--valid-until"));
}
