//! `trustcheck assess`: formats, exit codes, filters, outputs.

use predicates::prelude::*;

use crate::cli::{assess_json, trustcheck, verdict};

const QUALIFIED: &str = "examples/eu-native-qualified.yaml";
const HYPERSCALER: &str = "examples/us-hyperscaler-region.yaml";

#[test]
fn json_report_follows_the_contract() {
    let (code, report) = assess_json(&[QUALIFIED]);
    assert_eq!(code, 0, "{report:#}");
    assert!(report["trustcheck_version"].is_string());
    assert_eq!(report["as_of"], "2026-11-01");
    let file = &report["reports"][0];
    assert_eq!(file["file"], QUALIFIED);
    assert_eq!(file["verdict"], "pass");
    for framework in file["frameworks"].as_array().unwrap() {
        assert!(framework["id"].is_string() && framework["verdict"].is_string());
    }
    let result = &file["results"][0];
    for key in [
        "rule",
        "framework",
        "reference",
        "verdict",
        "message",
        "evidence",
        "legal_status",
    ] {
        assert!(!result[key].is_null(), "missing {key} in {result:#}");
    }
    // The rule's description is the catalogue's, found by the result's rule id.
    assert!(result["severity"].is_null() && result["title"].is_null());
    let rule = report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == result["rule"])
        .unwrap();
    assert!(rule["severity"].is_string() && rule["title"].is_string());
}

#[test]
fn a_failing_offer_exits_1_and_names_the_chain() {
    let (code, report) = assess_json(&[HYPERSCALER]);
    assert_eq!(code, 1);
    assert_eq!(verdict(&report, "SNC-19.6-b-individual"), "fail");
    let results = report["reports"][0]["results"].as_array().unwrap();
    let individual = results
        .iter()
        .find(|r| r["rule"] == "SNC-19.6-b-individual")
        .unwrap();
    let evidence = individual["evidence"][0].clone();
    assert!(
        evidence["path"]
            .as_str()
            .unwrap()
            .starts_with("ownership.holders")
    );
    assert!(evidence["actual"].is_string() && evidence["expected"].is_string());
    assert!(
        evidence["finding"].as_str().unwrap().contains("→"),
        "the finding names the chain: {evidence:#}"
    );
}

#[test]
fn framework_selects_what_is_reported_not_what_is_computed() {
    let (_, report) = assess_json(&[HYPERSCALER, "--framework", "cloud-au-centre"]);
    let frameworks = report["reports"][0]["frameworks"].as_array().unwrap();
    assert_eq!(frameworks.len(), 1);
    assert_eq!(frameworks[0]["id"], "cloud-au-centre");
    // CAC-R9-sensitive rests on SecNumCloud rules that are not reported but computed.
    assert_eq!(verdict(&report, "CAC-R9-sensitive"), "fail");
    assert_eq!(verdict(&report, "SNC-QUAL"), "absent");
}

#[test]
fn unknown_framework_is_a_usage_error() {
    trustcheck()
        .args(["assess", QUALIFIED, "--framework", "secnumcloud"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("known frameworks"));
}

#[test]
fn table_is_plain_off_a_terminal() {
    trustcheck()
        .args(["assess", HYPERSCALER, "--as-of", "2026-11-01"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL").and(predicate::str::contains("\u{1b}[").not()));
}

#[test]
fn french_reports() {
    trustcheck()
        .args([
            "assess",
            HYPERSCALER,
            "--as-of",
            "2026-11-01",
            "--lang",
            "fr",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("NON CONFORME").and(predicate::str::contains("Règle")));
}

/// A folder holding a copy of every example provider file.
fn example_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir("examples")
        .unwrap()
        .filter_map(|e| e.ok())
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, dir.path().join(entry.file_name())).unwrap();
        }
    }
    dir
}

#[test]
fn same_inputs_same_bytes() {
    let dir = example_folder();
    let run = || {
        trustcheck()
            .args(["assess", "--format", "json", "--as-of", "2026-11-01"])
            .arg(dir.path())
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn folders_are_assessed_in_a_stable_order_with_a_matrix() {
    let dir = example_folder();
    let output = trustcheck()
        .args(["assess", "--as-of", "2026-11-01"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    let first = text.find("eu-native-qualified").unwrap();
    let last = text.find("us-hyperscaler-region").unwrap();
    assert!(first < last);
    assert!(text.contains("Offer"), "the run ends with the matrix");
}

#[test]
fn invalid_files_exit_2_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "trustcheck: 1\nprovider: x\noffer: {}\nentities:\n  x: {name: X, country: FRA}\n",
    )
    .unwrap();
    trustcheck()
        .args(["assess"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.yaml"));
}

#[test]
fn outputs_are_written_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("report.json");
    trustcheck()
        .args(["assess", QUALIFIED, "--as-of", "2026-11-01", "--output"])
        .arg(format!("json={}", json.display()))
        .assert()
        .code(0);
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(written["reports"][0]["verdict"], "pass");
    let copy = dir.path().join("provider.yaml");
    std::fs::copy(QUALIFIED, &copy).unwrap();
    trustcheck()
        .arg("assess")
        .arg(&copy)
        .arg("--output")
        .arg(format!("sarif={}", copy.display()))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing"));
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        std::fs::read_to_string(QUALIFIED).unwrap()
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    trustcheck()
        .args(["assess", "-", "--as-of", "2026-11-01", "--format", "json"])
        .write_stdin(std::fs::read_to_string(QUALIFIED).unwrap())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"file\": \"<stdin>\""));
}

#[test]
fn without_a_workload_the_report_gives_eligibility_per_sensitivity_class() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(QUALIFIED).unwrap();
    let without = text.split("\nworkload:").next().unwrap().to_string();
    let file = dir.path().join("no-workload.yaml");
    std::fs::write(&file, format!("{without}\n")).unwrap();
    let (code, report) = assess_json(&[file.to_str().unwrap()]);
    assert_eq!(code, 0, "{report:#}");
    let all = report["reports"][0]["eligibility"].as_array().unwrap();
    // SecNumCloud reads the workload only to refuse classified information
    // (SNC-A2-f), which no class is: a qualified, immune offer passes in each.
    let snc: Vec<(&str, &str)> = all
        .iter()
        .filter(|e| e["framework"] == "secnumcloud-3.2")
        .map(|e| {
            (
                e["sensitivity"].as_str().unwrap(),
                e["verdict"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        snc,
        [
            ("public", "pass"),
            ("internal", "pass"),
            ("sensitive", "pass"),
            ("restricted", "pass")
        ]
    );
    let eligibility: Vec<&serde_json::Value> = all
        .iter()
        .filter(|e| e["framework"] == "cloud-au-centre")
        .collect();
    let classes: Vec<&str> = eligibility
        .iter()
        .map(|e| e["sensitivity"].as_str().unwrap())
        .collect();
    assert_eq!(classes, ["public", "internal", "sensitive", "restricted"]);
    let restricted = &eligibility[3];
    assert_eq!(
        restricted["verdict"], "fail",
        "Diffusion Restreinte cannot rest on SecNumCloud alone"
    );
    assert_eq!(
        eligibility[2]["verdict"], "pass",
        "a qualified, immune offer may host sensitive data"
    );
    assert_eq!(verdict(&report, "CAC-R9-sensitive"), "not_applicable");
}
