//! Waivers through the command line: applied, expired, stale, an unreadable expiry,
//! invalid waiver files, scoping by file and fact path, and exit code 4; and the
//! certification warnings of `--valid-until`, and `trustcheck explain`.

#[path = "waivers/explain.rs"]
mod explain;
#[path = "waivers/valid_until.rs"]
mod valid_until;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// A qualified offer with two gaps: SNC-10.6-a fails, SNC-19.6-f is unknown (and
/// CAC-R9-sensitive, which rests on it, is unknown too).
const GAPS: &str = "tests/waivers/two-gaps.yaml";
const ACCEPTED: &str = "tests/waivers/accepted.yaml";
const LAPSED: &str = "tests/waivers/lapsed.yaml";

fn trustcheck() -> Command {
    let mut cmd = Command::cargo_bin("trustcheck").expect("binary");
    cmd.env("LANG", "C").env("NO_COLOR", "1");
    cmd
}

/// `assess --format json --as-of 2026-11-01` with `args`: the exit code and report.
fn assess(args: &[&str]) -> (i32, Value) {
    let output = trustcheck()
        .args(["assess", "--format", "json", "--as-of", "2026-11-01"])
        .args(args)
        .output()
        .expect("runs");
    let report = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code().unwrap_or(-1), report)
}

fn result<'a>(report: &'a Value, rule: &str) -> &'a Value {
    report["reports"][0]["results"]
        .as_array()
        .and_then(|results| results.iter().find(|r| r["rule"] == rule))
        .unwrap_or(&Value::Null)
}

fn waiver<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["waivers"]
        .as_array()
        .and_then(|waivers| waivers.iter().find(|w| w["id"] == id))
        .unwrap_or(&Value::Null)
}

fn framework_verdict(report: &Value, id: &str) -> String {
    report["reports"][0]["frameworks"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["id"] == id))
        .and_then(|f| f["verdict"].as_str())
        .unwrap_or("absent")
        .to_string()
}

#[test]
fn without_waivers_the_gaps_fail_and_no_waiver_list_is_written() {
    let (code, report) = assess(&[GAPS]);
    assert_eq!(code, 1);
    assert_eq!(result(&report, "SNC-10.6-a")["verdict"], "fail");
    assert_eq!(result(&report, "SNC-19.6-f")["verdict"], "unknown");
    assert!(report.get("waivers").is_none());
    assert!(result(&report, "SNC-10.6-a").get("waiver").is_none());
}

#[test]
fn current_waivers_waive_and_never_exit_0() {
    let (code, report) = assess(&[GAPS, "--waivers", ACCEPTED]);
    assert_eq!(code, 4, "{report:#}");
    let pki = result(&report, "SNC-10.6-a");
    assert_eq!(pki["verdict"], "waived");
    assert_eq!(pki["waiver"]["id"], "W-2026-001");
    assert_eq!(pki["waiver"]["owner"], "Head of infrastructure");
    assert_eq!(pki["waiver"]["approved_by"], "CISO");
    assert_eq!(pki["waiver"]["approved_on"], "2026-09-15");
    assert_eq!(pki["waiver"]["expires"], "2027-03-31");
    assert_eq!(pki["waiver"]["covers"], "fail");
    assert!(
        pki["waiver"]["justification"]
            .as_str()
            .is_some_and(|j| j.contains("French provider"))
    );
    // Expiry is inclusive: the waiver expiring on the assessment day still applies.
    assert_eq!(result(&report, "SNC-19.6-f")["verdict"], "waived");
    assert_eq!(result(&report, "SNC-19.6-f")["waiver"]["covers"], "unknown");
    assert_eq!(framework_verdict(&report, "secnumcloud-3.2"), "waived");
    assert_eq!(report["reports"][0]["verdict"], "waived");
    let applied = waiver(&report, "W-2026-001");
    assert_eq!(applied["status"], "applied");
    assert_eq!(applied["results"][0]["rule"], "SNC-10.6-a");
    assert_eq!(applied["results"][0]["verdict"], "fail");
    assert_eq!(applied["origin"], "tests/waivers/accepted.yaml:4");
}

#[test]
fn a_waiver_covers_its_own_rule_only() {
    // Without W-2026-003, CAC-R9-sensitive stays unknown though the rule it rests on
    // is waived: the run is not established, exit 3.
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(ACCEPTED).expect("fixture");
    let cut = text.find("  - id: W-2026-003").expect("third waiver");
    let two = dir.path().join("two.yaml");
    std::fs::write(&two, &text[..cut]).expect("written");
    let (code, report) = assess(&[GAPS, "--waivers", two.to_str().expect("utf-8")]);
    assert_eq!(code, 3);
    assert_eq!(result(&report, "SNC-19.6-f")["verdict"], "waived");
    assert_eq!(result(&report, "CAC-R9-sensitive")["verdict"], "unknown");
    assert_eq!(framework_verdict(&report, "cloud-au-centre"), "unknown");
}

#[test]
fn expired_waivers_leave_the_verdict_and_say_so() {
    let (code, report) = assess(&[GAPS, "--waivers", LAPSED]);
    assert_eq!(code, 1);
    assert_eq!(result(&report, "SNC-10.6-a")["verdict"], "fail");
    let old = waiver(&report, "W-OLD");
    assert_eq!(old["status"], "expired");
    assert_eq!(old["expires"], "2026-10-31");
    assert_eq!(old["results"][0]["rule"], "SNC-10.6-a");
    assert!(
        old["note"]
            .as_str()
            .is_some_and(|n| n.contains("2026-10-31"))
    );
}

#[test]
fn an_unreadable_expiry_is_expired_not_an_error() {
    let (code, report) = assess(&[GAPS, "--waivers", LAPSED]);
    assert_eq!(code, 1);
    assert_eq!(result(&report, "SNC-19.6-f")["verdict"], "unknown");
    let typo = waiver(&report, "W-TYPO");
    assert_eq!(typo["status"], "expired");
    assert_eq!(typo["expires"], "2026-13-01");
    assert!(
        typo["note"]
            .as_str()
            .is_some_and(|n| n.contains("not a date"))
    );
}

#[test]
fn waivers_that_match_nothing_are_stale() {
    let (_, report) = assess(&[GAPS, "--waivers", LAPSED]);
    // SNC-19.6-a passes: there is nothing to waive.
    let passing = waiver(&report, "W-PASSING");
    assert_eq!(passing["status"], "stale");
    assert_eq!(passing["results"], Value::Array(vec![]));
    assert_eq!(result(&report, "SNC-19.6-a")["verdict"], "pass");
}

#[test]
fn file_and_path_scope_a_waiver() {
    let (_, report) = assess(&[GAPS, "--waivers", LAPSED]);
    assert_eq!(waiver(&report, "W-OTHER-FILE")["status"], "stale");
    assert_eq!(waiver(&report, "W-OTHER-PATH")["status"], "stale");
    // accepted.yaml names the file as `./tests/…` and the path `offer.pki`, which
    // holds the evidence `offer.pki.ca_country`: it applies.
    let (_, report) = assess(&[GAPS, "--waivers", ACCEPTED]);
    assert_eq!(waiver(&report, "W-2026-001")["status"], "applied");
    // The same waivers on another file: the file-scoped one is stale there.
    let (_, report) = assess(&["examples/us-hyperscaler-region.yaml", "--waivers", ACCEPTED]);
    assert_eq!(waiver(&report, "W-2026-001")["status"], "stale");
    assert_eq!(result(&report, "SNC-10.6-a")["verdict"], "fail");
    assert_eq!(result(&report, "SNC-19.6-f")["verdict"], "waived");
}

#[test]
fn a_waiver_of_an_unreported_framework_says_so() {
    let (_, report) = assess(&[
        GAPS,
        "--waivers",
        ACCEPTED,
        "--framework",
        "secnumcloud-3.2",
    ]);
    let cac = waiver(&report, "W-2026-003");
    assert_eq!(cac["status"], "stale");
    assert!(
        cac["note"]
            .as_str()
            .is_some_and(|n| n.contains("--framework"))
    );
}

#[test]
fn a_missing_field_is_an_input_error_with_its_position() {
    trustcheck()
        .args(["assess", GAPS, "--as-of", "2026-11-01"])
        .args(["--waivers", "tests/waivers/missing-owner.yaml"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("missing-owner.yaml")
                .and(predicate::str::contains("has no `owner`"))
                .and(predicate::str::contains("[2:5]")),
        );
}

#[test]
fn malformed_fields_and_unknown_rules_are_input_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.yaml");
    std::fs::write(
        &path,
        "waivers:\n  - id: W-1\n    rule: SNC-10.6-z\n    justification: x\n    owner: o\n    \
         approved_by: a\n    approved_on: 15/09/2026\n    expires: 2027-01-01\n    colour: red\n",
    )
    .expect("written");
    trustcheck()
        .args(["assess", GAPS, "--as-of", "2026-11-01", "--waivers"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no rule `SNC-10.6-z`")
                .and(predicate::str::contains("`15/09/2026` is not a date"))
                .and(predicate::str::contains("`colour` is not a key")),
        );
}

#[test]
fn every_format_shows_the_waiver() {
    let output = |format: &str| {
        let out = trustcheck()
            .args([
                "assess",
                GAPS,
                "--as-of",
                "2026-11-01",
                "--waivers",
                ACCEPTED,
            ])
            .args(["--format", format])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(4), "{format}");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let table = output("table");
    assert!(table.contains("WAIVED") && table.contains("Waived by W-2026-001 until 2027-03-31"));
    assert!(table.contains("W-2026-003 (CAC-R9-sensitive): applied"));
    assert!(output("markdown").contains("~ WAIVED · SNC-10.6-a"));
    assert!(output("html").contains("Waived by W-2026-001"));
    let csv = output("csv");
    assert!(
        csv.lines()
            .any(|l| l.contains(",waived,") && l.contains("Waived by W-2026-001")),
        "{csv}"
    );
    let sarif: Value = serde_json::from_str(&output("sarif")).expect("json");
    let suppressed = sarif["runs"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|run| run["results"].as_array().into_iter().flatten())
        .find(|r| r["ruleId"] == "SNC-10.6-a")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(suppressed["level"], "note");
    assert_eq!(suppressed["suppressions"][0]["kind"], "external");
    assert_eq!(suppressed["suppressions"][0]["status"], "accepted");
    assert!(output("junit").contains("<skipped message=\"waived: Waived by W-2026-001"));
    assert!(output("github").contains("::notice file=tests/waivers/two-gaps.yaml"));
    let gitlab: Value = serde_json::from_str(&output("gitlab")).expect("json");
    assert!(
        gitlab
            .as_array()
            .into_iter()
            .flatten()
            .all(|issue| issue["severity"] == "info")
    );
    assert!(output("oscal").contains("\"waiver-id\""));
}

#[test]
fn french_reports_speak_of_derogations() {
    trustcheck()
        .args(["--lang", "fr", "assess", GAPS, "--as-of", "2026-11-01"])
        .args(["--waivers", ACCEPTED])
        .assert()
        .code(4)
        .stdout(
            predicate::str::contains("DÉROGATION")
                .and(predicate::str::contains(
                    "Dérogation W-2026-001 jusqu'au 2027-03-31",
                ))
                .and(predicate::str::contains("Dérogations:")),
        );
}

#[test]
fn an_unreadable_waivers_file_is_an_input_error() {
    trustcheck()
        .args(["assess", GAPS, "--waivers", "tests/waivers/absent.yaml"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("absent.yaml").and(predicate::str::contains("cannot read")),
        );
}

/// Classified information is never lawful on these offers: a waiver cannot make it so.
/// Both rules that say so keep failing, their waivers are reported `refused`, and the
/// run exits 1, not 4.
#[test]
fn classified_information_cannot_be_waived() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(GAPS).expect("fixture");
    let classified = text.replace("sensitivity: sensitive", "sensitivity: classified");
    assert_ne!(classified, text, "the fixture states a sensitivity");
    let provider = dir.path().join("classified.yaml");
    std::fs::write(&provider, classified).expect("write");
    let provider = provider.to_str().expect("utf-8 path");
    let (code, report) = assess(&[provider, "--waivers", "tests/waivers/classified.yaml"]);
    assert_eq!(code, 1);
    for (rule, id) in [
        ("CAC-IGI-1300", "W-CLASSIFIED-CAC"),
        ("SNC-A2-f", "W-CLASSIFIED-SNC"),
    ] {
        assert_eq!(result(&report, rule)["verdict"], "fail", "{rule}");
        assert_eq!(waiver(&report, id)["status"], "refused", "{id}");
    }
    let procurement = report["reports"][0]["procurement"]
        .as_array()
        .expect("procurement verdicts");
    assert!(
        procurement.iter().all(|p| p["decision"] == "not_eligible"),
        "{procurement:?}"
    );
}
