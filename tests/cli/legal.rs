//! Legal status end to end: `assess --enforce` (results below the level stay in the
//! report, marked as not enforced, and no longer count for the exit code), and the
//! status and unverified marks in `rules show`, `explain` and reports.

use std::path::Path;

use serde_json::Value;

use crate::cli::{assess_json, trustcheck};

const QUALIFIED: &str = "examples/eu-native-qualified.yaml";

/// The `enforced` mark of every result of the first file, by rule id.
fn enforced(report: &Value) -> Vec<(String, bool)> {
    report["reports"][0]["results"]
        .as_array()
        .map(|results| {
            results
                .iter()
                .map(|r| {
                    (
                        r["rule"].as_str().unwrap_or_default().to_string(),
                        r["enforced"].as_bool().expect("enforced is a boolean"),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A user pack `mine` with one rule of the given status; `check` decides its verdict
/// on the qualified example (whose agreement is governed by French law).
fn pack(dir: &Path, status: &str, check: &str) -> String {
    let pack = dir.join(format!("pack-{status}"));
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::write(
        pack.join("pack.yaml"),
        "id: mine\ntitle: {en: Mine, fr: Le mien}\nversion: '1'\nframework_version: '1'\n\
         framework_date: '2026-01-01'\nsource: internal\nlegal_status: policy\n\
         legal_note: {en: Ours, fr: Le nôtre}\n",
    )
    .unwrap();
    std::fs::write(
        pack.join("MINE-1.yaml"),
        format!(
            "id: MINE-1\nframework: mine\nreference: '1'\nseverity: high\nconfidence: high\n\
             legal_status: {status}\ntitle: {{en: T, fr: T}}\nrequires: {{en: r, fr: r}}\n\
             why: {{en: w, fr: w}}\n\
             message: {{pass: {{en: p, fr: p}}, fail: {{en: f, fr: f}}, unknown: {{en: u, fr: u}}}}\n\
             check: {check}\n"
        ),
    )
    .unwrap();
    pack.display().to_string()
}

const FAILS: &str = "{not: {fact: offer.contract.governing_law, in_group: EU}}";
const UNKNOWN: &str = "{fact: workload.siiv, equals: true}";

/// The exit code of the qualified example under `--enforce level` with one rule of
/// `status` that decides by `check`, reporting only that rule's pack.
fn code(status: &str, check: &str, level: Option<&str>) -> i32 {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack(dir.path(), status, check);
    let mut args = vec!["--rules", &pack, QUALIFIED, "--framework", "mine"];
    if let Some(level) = level {
        args.extend(["--enforce", level]);
    }
    let (code, report) = assess_json(&args);
    assert_eq!(
        report["reports"][0]["results"][0]["legal_status"], status,
        "{report:#}"
    );
    code
}

#[test]
fn a_failing_announced_policy_gates_by_default_and_not_under_binding() {
    let file = "examples/jv-non-eu-minority.yaml";
    let only_cac = ["--framework", "cloud-au-centre"];
    let (default, report) = assess_json(&[file, only_cac[0], only_cac[1]]);
    assert_eq!(crate::cli::verdict(&report, "CAC-OIV-OSE"), "fail");
    assert_eq!(default, 1, "by default every status counts");
    assert!(enforced(&report).iter().all(|(_, e)| *e));
    for level in ["binding", "doctrine"] {
        let (code, report) = assess_json(&[file, only_cac[0], only_cac[1], "--enforce", level]);
        assert_eq!(code, 0, "a policy failure does not gate under {level}");
        // Still reported, marked as not enforced.
        assert_eq!(crate::cli::verdict(&report, "CAC-OIV-OSE"), "fail");
        assert!(enforced(&report).contains(&("CAC-OIV-OSE".to_string(), false)));
        assert!(enforced(&report).contains(&("CAC-R9-sensitive".to_string(), true)));
    }
    let (code, _) = assess_json(&[file, only_cac[0], only_cac[1], "--enforce", "policy"]);
    assert_eq!(code, 1);
}

#[test]
fn each_level_counts_the_statuses_at_or_above_it() {
    // status of the failing rule, then the exit code under binding, doctrine, policy.
    let table = [
        ("binding", [1, 1, 1]),
        ("doctrine", [0, 1, 1]),
        ("referential", [0, 1, 1]),
        ("policy", [0, 0, 1]),
    ];
    for (status, codes) in table {
        for (level, expected) in ["binding", "doctrine", "policy"].into_iter().zip(codes) {
            assert_eq!(
                code(status, FAILS, Some(level)),
                expected,
                "a failing {status} rule under --enforce {level}"
            );
        }
        assert_eq!(code(status, FAILS, None), 1, "the default enforces policy");
    }
}

#[test]
fn an_unknown_binding_result_still_exits_3_under_binding() {
    assert_eq!(code("binding", UNKNOWN, Some("binding")), 3);
    assert_eq!(code("policy", UNKNOWN, Some("binding")), 0);
}

#[test]
fn an_unknown_level_is_a_usage_error() {
    let (code, _) = assess_json(&[QUALIFIED, "--enforce", "law"]);
    assert_eq!(code, 2);
}

#[test]
fn rules_show_and_explain_say_the_status_and_what_was_not_read() {
    let show = trustcheck()
        .args(["rules", "show", "CAC-R9-sensitive"])
        .output()
        .unwrap();
    let show = String::from_utf8_lossy(&show.stdout);
    assert!(show.contains("Legal status: legal obligation"), "{show}");
    assert!(
        show.contains("## Not verified in the official text"),
        "{show}"
    );
    assert!(show.contains("décret n° 2026-272"), "{show}");
    // A rule without its own takes its pack's.
    let show = trustcheck()
        .args(["--lang", "fr", "rules", "show", "CAC-R4"])
        .output()
        .unwrap();
    let show = String::from_utf8_lossy(&show.stdout);
    assert!(show.contains("doctrine de l'État par circulaire"), "{show}");
    assert!(
        show.contains("## Non vérifié dans le texte officiel"),
        "{show}"
    );
    let explain = trustcheck()
        .args([
            "explain",
            "CAC-OIV-OSE",
            "examples/jv-non-eu-minority.yaml",
            "--as-of",
            "2026-11-01",
        ])
        .output()
        .unwrap();
    let explain = String::from_utf8_lossy(&explain.stdout);
    assert!(
        explain.contains("Legal status: announced government policy"),
        "{explain}"
    );
    assert!(
        explain.contains("Not verified in the official text: The OIV security"),
        "{explain}"
    );
}

#[test]
fn every_framework_and_result_of_the_json_report_has_a_legal_status() {
    let (_, report) = assess_json(&["examples/us-hyperscaler-region.yaml"]);
    let file = &report["reports"][0];
    let statuses = ["binding", "doctrine", "policy", "referential"];
    for framework in file["frameworks"].as_array().unwrap() {
        assert!(statuses.contains(&framework["legal_status"].as_str().unwrap()));
    }
    let cac = file["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "cloud-au-centre")
        .unwrap();
    assert_eq!(cac["legal_status"], "doctrine");
    assert!(cac["unverified"].as_str().unwrap().contains("6404/SG"));
    for result in file["results"].as_array().unwrap() {
        assert!(statuses.contains(&result["legal_status"].as_str().unwrap()));
        assert_eq!(result["enforced"], true, "the default enforces everything");
    }
    let sensitive = file["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "CAC-R9-sensitive")
        .unwrap();
    assert_eq!(sensitive["legal_status"], "binding");
    assert!(
        sensitive["unverified"]
            .as_str()
            .unwrap()
            .contains("2026-272")
    );
}

#[test]
fn rules_list_gives_each_rule_its_own_or_its_packs_status() {
    let output = trustcheck().args(["rules", "list"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let status = |id: &str| {
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .map(|l| l.to_string())
            .unwrap_or_default()
    };
    assert!(status("CAC-R9-sensitive").contains(" binding "), "{text}");
    assert!(status("CAC-OIV-OSE").contains(" policy "), "{text}");
    assert!(status("CAC-R4").contains(" doctrine "), "{text}");
    assert!(status("SNC-19.6-a").contains(" referential "), "{text}");
}

#[test]
fn a_binding_rule_resting_on_referential_rules_still_gates_under_binding() {
    let file = "examples/us-hyperscaler-region.yaml";
    let (code, report) = assess_json(&[file, "--enforce", "binding"]);
    assert_eq!(crate::cli::verdict(&report, "CAC-R9-sensitive"), "fail");
    assert_eq!(crate::cli::verdict(&report, "SNC-QUAL"), "fail");
    let marks = enforced(&report);
    assert!(marks.contains(&("CAC-R9-sensitive".to_string(), true)));
    assert!(marks.contains(&("SNC-QUAL".to_string(), false)));
    assert_eq!(
        code, 1,
        "the law is broken through the referential it rests on"
    );
    // The verdicts are the same at every level.
    let (_, default) = assess_json(&[file]);
    assert_eq!(
        default["reports"][0]["verdict"],
        report["reports"][0]["verdict"]
    );
}
