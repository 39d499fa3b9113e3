//! SARIF, GitLab Code Quality and OSCAL: valid against the schemas in tests/schemas,
//! and mapped as their consumers expect.

use std::collections::BTreeSet;

use serde_json::Value;
use trustcheck::engine::Verdict;
use trustcheck::lang::Lang;
use trustcheck::provider::json_schema::Validator;
use trustcheck::report::{Report, ResultEntry, gitlab, oscal, sarif};

use crate::formats::fixture::{self, CAC, SNC};
use crate::formats::working_dir;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

/// Validates `text` against a schema of tests/schemas, with formats checked.
fn assert_valid(schema_file: &str, text: &str) {
    let path = format!("{}/tests/schemas/{schema_file}", env!("CARGO_MANIFEST_DIR"));
    let schema = json(&std::fs::read_to_string(path).expect("schema file"));
    let instance = json(text);
    let errors: Vec<String> = validator(&schema)
        .with_formats()
        .errors(&instance)
        .iter()
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{schema_file}: {errors:#?}");
}

/// A validator of `schema`, patterns matched by the `regex` crate.
fn validator(schema: &Value) -> Validator<'_> {
    Validator::new(schema).with_patterns(crate::regex_match)
}

/// The results a CI format reports: failing and unknown ones.
fn flagged<'a>(report: &'a Report, framework: &str) -> Vec<&'a ResultEntry> {
    report
        .reports
        .iter()
        .flat_map(|f| &f.results)
        .filter(|r| r.framework == framework)
        .filter(|r| {
            matches!(
                r.verdict,
                Verdict::Fail | Verdict::Unknown | Verdict::Waived
            )
        })
        .collect()
}

#[test]
fn sarif_is_valid_and_the_schema_rejects_what_is_not() {
    for lang in [Lang::En, Lang::Fr] {
        let text = sarif::render(&fixture::report(lang), working_dir());
        assert_valid("sarif-2.1.0-subset.json", &text);
    }
    // The schema is not a rubber stamp: a bad level and a line 0 are refused.
    let text = sarif::render(&fixture::report(Lang::En), working_dir());
    let broken = text
        .replacen("\"level\": \"error\"", "\"level\": \"fatal\"", 1)
        .replacen("\"startLine\": 14", "\"startLine\": 0", 1);
    let schema = format!(
        "{}/tests/schemas/sarif-2.1.0-subset.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let schema = json(&std::fs::read_to_string(schema).expect("schema file"));
    assert_eq!(validator(&schema).errors(&json(&broken)).len(), 2);
}

#[test]
fn sarif_has_a_run_per_framework_with_its_rules() {
    let report = fixture::report(Lang::En);
    let log = json(&sarif::render(&report, working_dir()));
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 2);
    for (run, framework) in runs.iter().zip([SNC, CAC]) {
        assert_eq!(
            run["automationDetails"]["id"],
            format!("trustcheck/{framework}/")
        );
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "trustcheck");
        assert_eq!(driver["semanticVersion"], "0.1.0");
        let ids: BTreeSet<&str> = driver["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .map(|r| r["id"].as_str().expect("id"))
            .collect();
        let mut expected: BTreeSet<&str> = report
            .rules
            .iter()
            .filter(|r| r.framework == framework)
            .map(|r| r.id.as_str())
            .collect();
        expected.extend(flagged(&report, framework).iter().map(|r| r.rule.as_str()));
        assert_eq!(ids, expected, "rules of {framework}");
        for rule in driver["rules"].as_array().expect("rules") {
            let tags = rule["properties"]["tags"].as_array().expect("tags");
            assert!(tags.contains(&Value::from("compliance")));
            assert!(tags.contains(&Value::from(framework)));
            assert!(rule["help"]["markdown"].as_str().is_some());
        }
    }
    let immunity = &runs[0]["tool"]["driver"]["rules"][1];
    assert_eq!(immunity["id"], "SNC-19.6-a");
    assert_eq!(immunity["shortDescription"]["text"], "Seat in the EU");
    assert_eq!(
        immunity["fullDescription"]["text"],
        "What SNC-19.6-a requires"
    );
    assert_eq!(immunity["defaultConfiguration"]["level"], "error");
    assert_eq!(immunity["properties"]["security-severity"], "9.5");
    assert_eq!(immunity["properties"]["precision"], "high");
    let help = immunity["help"]["text"].as_str().expect("help");
    assert!(help.starts_with("SecNumCloud 3.2 §19.6 a)"), "{help}");
    let individual = &runs[0]["tool"]["driver"]["rules"][2]["help"]["text"];
    assert!(
        individual
            .as_str()
            .expect("help")
            .contains("Caveat: Thresholds")
    );
}

#[test]
fn sarif_results_point_at_the_decisive_fact() {
    let report = fixture::report(Lang::En);
    let log = json(&sarif::render(&report, working_dir()));
    for (run, framework) in log["runs"].as_array().expect("runs").iter().zip([SNC, CAC]) {
        let expected = flagged(&report, framework);
        let results = run["results"].as_array().expect("results");
        assert_eq!(results.len(), expected.len(), "results of {framework}");
        for (result, entry) in results.iter().zip(expected) {
            let index = result["ruleIndex"].as_u64().expect("index") as usize;
            assert_eq!(
                run["tool"]["driver"]["rules"][index]["id"],
                result["ruleId"]
            );
            assert_eq!(result["ruleId"], entry.rule.as_str());
            let level = match entry.verdict {
                // Below `--enforce`: reported, not gating.
                _ if !entry.enforced => "note",
                Verdict::Fail => "error",
                Verdict::Waived => "note",
                _ => "warning",
            };
            assert_eq!(result["level"], level);
            assert_eq!(
                result["properties"]["legal_status"],
                entry.legal_status.name()
            );
            assert_eq!(result["properties"]["enforced"], entry.enforced);
            let suppressions = result["suppressions"].as_array();
            match &entry.waiver {
                Some(waiver) => {
                    let suppression = &suppressions.expect("suppressions")[0];
                    assert_eq!(suppression["kind"], "external");
                    assert_eq!(suppression["status"], "accepted");
                    let justification = suppression["justification"].as_str().expect("text");
                    assert!(
                        justification.contains(&waiver.justification),
                        "{justification}"
                    );
                }
                None => assert!(suppressions.is_none(), "only waived results are suppressed"),
            }
            let message = result["message"]["text"].as_str().expect("message");
            assert!(
                message.starts_with(&format!("{}.", entry.message)),
                "{message}"
            );
            let physical = &result["locations"][0]["physicalLocation"];
            let uri = physical["artifactLocation"]["uri"].as_str().expect("uri");
            assert!(
                ["procurement/acme.yaml", "offers/nimbus.yaml"].contains(&uri),
                "{uri}"
            );
            let (line, column) = entry.location.map_or((1, 1), |l| (l.line, l.column));
            assert_eq!(physical["region"]["startLine"], line);
            assert_eq!(physical["region"]["startColumn"], column);
            let hash = result["partialFingerprints"]["primaryLocationLineHash"]
                .as_str()
                .expect("fingerprint");
            assert!(hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()));
        }
    }
}

fn fingerprints(log: &Value) -> Vec<String> {
    log["runs"]
        .as_array()
        .expect("runs")
        .iter()
        .flat_map(|run| run["results"].as_array().expect("results").clone())
        .map(|r| r["partialFingerprints"]["primaryLocationLineHash"].to_string())
        .collect()
}

#[test]
fn sarif_fingerprints_survive_reformatting_and_tell_results_apart() {
    let report = fixture::report(Lang::En);
    let before = fingerprints(&json(&sarif::render(&report, working_dir())));
    let mut moved = report.clone();
    for file in &mut moved.reports {
        for result in &mut file.results {
            if let Some(location) = result.location.as_mut() {
                location.line += 7;
                location.end_line += 7;
            }
        }
    }
    let after_text = sarif::render(&moved, working_dir());
    assert!(after_text.contains("\"startLine\": 21"), "lines moved");
    assert_eq!(before, fingerprints(&json(&after_text)));
    let distinct: BTreeSet<&String> = before.iter().collect();
    assert_eq!(distinct.len(), before.len());
}

#[test]
fn gitlab_code_quality_is_valid_and_graded() {
    for lang in [Lang::En, Lang::Fr] {
        assert_valid(
            "gitlab-code-quality.json",
            &gitlab::render(&fixture::report(lang), working_dir()),
        );
    }
    let report = fixture::report(Lang::En);
    let issues = json(&gitlab::render(&report, working_dir()));
    let issues = issues.as_array().expect("array");
    assert_eq!(
        issues.len(),
        flagged(&report, SNC).len() + flagged(&report, CAC).len()
    );
    let grade = |path: &str, rule: &str| {
        issues
            .iter()
            .find(|i| i["location"]["path"] == path && i["check_name"] == rule)
            .map(|i| i["severity"].clone())
    };
    // critical fail, high unknown, medium unknown.
    assert_eq!(
        grade("procurement/acme.yaml", "SNC-19.6-a"),
        Some("critical".into())
    );
    assert_eq!(
        grade("procurement/acme.yaml", "SNC-19.6-b-individual"),
        Some("minor".into())
    );
    assert_eq!(grade("offers/nimbus.yaml", "CAC-R4"), Some("info".into()));
    // A waived critical failure is shown, never blocking.
    assert_eq!(
        grade("procurement/acme.yaml", "CAC-R9-SENS"),
        Some("info".into())
    );
    assert_eq!(
        grade("procurement/acme.yaml", "SNC-19.2-a"),
        None,
        "a pass is no issue"
    );
    let located = issues
        .iter()
        .find(|i| i["check_name"] == "SNC-19.6-a")
        .expect("issue");
    assert_eq!(located["location"]["lines"]["begin"], 14);
    let distinct: BTreeSet<String> = issues
        .iter()
        .map(|i| i["fingerprint"].to_string())
        .collect();
    assert_eq!(distinct.len(), issues.len());
}

#[test]
fn oscal_documents_are_valid_in_both_versions() {
    for lang in [Lang::En, Lang::Fr] {
        let report = fixture::report(lang);
        for version in [oscal::DEFAULT_OSCAL_VERSION, "1.2.1"] {
            let results = oscal::render(&report, version);
            assert_valid("oscal-assessment-results-subset.json", &results);
            assert!(results.contains(&format!("\"oscal-version\": \"{version}\"")));
            assert_valid(
                "oscal-catalog-subset.json",
                &oscal::catalog(&report, version),
            );
        }
    }
}

/// Every id of `key` anywhere in `value`.
fn collect(value: &Value, key: &str, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if let Some(s) = v.as_str().filter(|_| k == key) {
                    into.push(s.to_string());
                }
                collect(v, key, into);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, key, into)),
        _ => {}
    }
}

#[test]
fn oscal_findings_resolve_in_the_catalog() {
    let report = fixture::report(Lang::En);
    let results = json(&oscal::render(&report, oscal::DEFAULT_OSCAL_VERSION));
    let catalog = json(&oscal::catalog(&report, oscal::DEFAULT_OSCAL_VERSION));
    let mut defined = Vec::new();
    collect(&catalog, "id", &mut defined);
    for key in ["target-id", "control-id"] {
        let mut used = Vec::new();
        collect(&results, key, &mut used);
        assert!(!used.is_empty());
        for id in used {
            assert!(defined.contains(&id), "{key} {id} is not in the catalog");
        }
    }
    let mut uuids = Vec::new();
    collect(&results, "uuid", &mut uuids);
    let mut referenced = Vec::new();
    collect(&results, "observation-uuid", &mut referenced);
    for uuid in &referenced {
        assert!(uuids.contains(uuid), "observation {uuid} is missing");
    }
    let distinct: BTreeSet<&String> = uuids.iter().collect();
    assert_eq!(distinct.len(), uuids.len(), "uuids are unique");
    assert_eq!(
        results["assessment-results"]["import-ap"]["href"],
        "urn:trustcheck:assessment-plan:secnumcloud-3.2:cloud-au-centre"
    );
    assert_eq!(
        results["assessment-results"]["metadata"]["last-modified"],
        "2026-09-01T00:00:00Z"
    );
}

#[test]
fn oscal_has_a_result_per_file_and_framework_and_a_finding_per_criterion() {
    let report = fixture::report(Lang::En);
    let document = json(&oscal::render(&report, oscal::DEFAULT_OSCAL_VERSION));
    let results = document["assessment-results"]["results"]
        .as_array()
        .expect("results");
    assert_eq!(results.len(), 4);
    let acme_snc = &results[0];
    let expected: Vec<&ResultEntry> = report.reports[0]
        .results
        .iter()
        .filter(|r| r.framework == SNC)
        .collect();
    let findings = acme_snc["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), expected.len());
    assert_eq!(
        acme_snc["observations"]
            .as_array()
            .expect("observations")
            .len(),
        expected.len()
    );
    for (finding, entry) in findings.iter().zip(expected) {
        let (state, reason) = match entry.verdict {
            Verdict::Pass => ("satisfied", "pass"),
            Verdict::Fail => ("not-satisfied", "fail"),
            Verdict::Unknown => ("not-satisfied", "other"),
            Verdict::NotApplicable => ("satisfied", "other"),
            Verdict::Waived => ("not-satisfied", "other"),
        };
        assert_eq!(finding["target"]["type"], "objective-id");
        assert_eq!(finding["target"]["status"]["state"], state);
        assert_eq!(finding["target"]["status"]["reason"], reason);
    }
    assert_eq!(findings[1]["target"]["target-id"], "snc-19.6_obj.a");
    let acme_cac = results[1]["findings"].as_array().expect("findings");
    let waived = acme_cac
        .iter()
        .find(|f| {
            f["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("CAC-R9-SENS"))
        })
        .expect("waived finding");
    let props = waived["props"].as_array().expect("props");
    assert!(
        props
            .iter()
            .any(|p| p["name"] == "waiver-id" && p["value"] == "W-7"),
        "{props:?}"
    );
    assert_eq!(waived["target"]["status"]["state"], "not-satisfied");
}

#[test]
fn procurement_verdicts_ride_in_sarif_runs_and_oscal_results() {
    let report = fixture::report(Lang::En);
    let log = json(&sarif::render(&report, working_dir()));
    let runs = log["runs"].as_array().expect("runs");
    for run in runs {
        let framework = run["automationDetails"]["id"].as_str().expect("id");
        let verdicts = run["properties"]["procurement"].as_array().expect("bag");
        assert_eq!(verdicts.len(), 2, "one per file in {framework}");
        for verdict in verdicts {
            assert!(framework.contains(verdict["framework"].as_str().expect("framework")));
            assert!(verdict["rationale"]["fr"].is_string());
        }
    }
    let document = json(&oscal::render(&report, oscal::DEFAULT_OSCAL_VERSION));
    let results = document["assessment-results"]["results"]
        .as_array()
        .expect("results");
    let decisions: Vec<(String, Option<String>)> = results
        .iter()
        .flat_map(|r| r["props"].as_array().expect("props"))
        .filter(|p| p["name"] == "procurement-decision")
        .map(|p| {
            let value = p["value"].as_str().expect("value").to_string();
            (value, p["class"].as_str().map(str::to_string))
        })
        .collect();
    assert_eq!(
        decisions,
        [
            ("not_eligible".to_string(), None),
            (
                "eligible_with_waivers".to_string(),
                Some("sensitive".to_string())
            ),
            ("not_established".to_string(), None),
            ("eligible".to_string(), None),
        ]
    );
    assert!(results.iter().all(|r| r["remarks"].is_string()));
}
