//! Fact provenance end to end: sources stated in the file, rule minimums, packs that
//! relax or tighten them, and the sources shown in reports and explanations.

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

use crate::cli::{assess_json, trustcheck, verdict};

/// One result of the first file of a JSON report.
fn result<'a>(report: &'a Value, rule: &str) -> &'a Value {
    report["reports"][0]["results"]
        .as_array()
        .and_then(|results| results.iter().find(|r| r["rule"] == rule))
        .expect("the rule is reported")
}

/// The shipped qualified example, with its ownership only self-declared.
fn self_declared_ownership(dir: &Path) -> String {
    let text = std::fs::read_to_string("examples/eu-native-qualified.yaml").unwrap();
    let registers = "  entities:\n    source: registry-extract\n    reference: \"Kbis and \
                     beneficial-owner register extracts of every entity named\"\n    date: \
                     2026-09-15\n";
    assert!(text.contains(registers), "the example states its registers");
    let weak = text.replace(registers, "  entities: { source: self-declared }\n");
    let path = dir.join("self-declared.yaml");
    std::fs::write(&path, weak).unwrap();
    path.display().to_string()
}

/// A user pack that only changes minimums.
fn policy_pack(dir: &Path, minimums: &str) -> String {
    let pack = dir.join("policy");
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::write(
        pack.join("pack.yaml"),
        format!(
            "id: local-policy\ntitle: {{en: Local policy, fr: Politique locale}}\n\
             version: '1'\nframework_version: '1'\nframework_date: '2026-01-01'\n\
             source: internal\nlegal_status: policy\n\
             legal_note: {{en: Our own rules, fr: Nos règles}}\nmin_evidence:\n{minimums}"
        ),
    )
    .unwrap();
    pack.display().to_string()
}

#[test]
fn a_pass_on_sources_below_the_minimum_is_unknown_with_the_reason() {
    let (code, report) = assess_json(&["examples/qualification-in-progress.yaml"]);
    assert_eq!(code, 1, "the offer still fails elsewhere");
    let collective = result(&report, "SNC-19.6-b-collective");
    assert_eq!(collective["verdict"], "unknown");
    assert_eq!(
        collective["message"],
        "Evidence too weak: public-statement, needs registry-extract \
         (for entities.brisants.shareholders[0].capital)."
    );
    let source = &collective["evidence"][0]["provenance"];
    assert_eq!(source["grade"], "public-statement");
    assert_eq!(source["stated_at"], "evidence.\"entities\"");
    assert!(
        source["document"]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
}

#[test]
fn sources_of_the_qualified_example_are_strong_enough_and_reported() {
    // The evidence of passing results is written with `--detail full` only.
    let (code, report) = assess_json(&["--detail", "full", "examples/eu-native-qualified.yaml"]);
    assert_eq!(code, 0);
    let qualification = result(&report, "SNC-QUAL");
    assert_eq!(qualification["verdict"], "pass");
    assert_eq!(
        qualification["evidence"][0]["provenance"]["grade"],
        "certificate"
    );
    // The veto's source is written next to it, in the record.
    let rights = result(&report, "SNC-19.6-b-rights");
    let stated: Vec<&str> = rights["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["provenance"]["stated_at"].as_str())
        .collect();
    assert!(
        stated.contains(&"entities.arvenis.rights[0].evidence"),
        "{stated:?}"
    );
    // The workload is the buyer's own statement: no source is asked of it.
    let oiv = result(&report, "CAC-OIV-OSE");
    assert!(oiv["evidence"][0].get("provenance").is_none());
}

#[test]
fn the_table_names_the_source_of_each_fact() {
    trustcheck()
        .args(["assess", "examples/qualification-in-progress.yaml"])
        .args(["--as-of", "2026-11-01", "--framework", "secnumcloud-3.2"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "Evidence too weak: public-statement",
        ))
        .stdout(predicate::str::contains("[public-statement"));
}

#[test]
fn self_declared_ownership_makes_the_offer_not_established() {
    let dir = tempfile::tempdir().unwrap();
    let file = self_declared_ownership(dir.path());
    let (code, report) = assess_json(&[&file]);
    assert_eq!(code, 3, "unknown, not pass");
    for rule in [
        "SNC-19.6-a",
        "SNC-19.6-b-individual",
        "SNC-19.6-b-collective",
    ] {
        assert_eq!(verdict(&report, rule), "unknown", "{rule}");
    }
    let procurement = report["reports"][0]["procurement"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["framework"] == "secnumcloud-3.2")
        .unwrap();
    assert_eq!(procurement["decision"], "not_established");
    // The rationale gives the reason in both languages, not the rule's usual one.
    let en = procurement["rationale"]["en"].as_str().unwrap();
    assert!(
        en.contains("Evidence too weak: self-declared, needs registry-extract"),
        "{en}"
    );
    let fr = procurement["rationale"]["fr"].as_str().unwrap();
    assert!(
        fr.contains("Preuve insuffisante : self-declared, il faut au moins registry-extract"),
        "{fr}"
    );
    let weak = &result(&report, "SNC-19.6-a")["too_weak"];
    assert_eq!(weak["source"], "self-declared");
    assert_eq!(weak["minimum"], "registry-extract");
    assert_eq!(weak["value"], "entities.arvenis.country");
}

#[test]
fn a_user_pack_relaxes_or_tightens_a_shipped_minimum() {
    let dir = tempfile::tempdir().unwrap();
    let file = self_declared_ownership(dir.path());
    let pack = policy_pack(
        dir.path(),
        "  SNC-19.6-b-collective: self-declared\n  SNC-19.1-c: audit-report\n",
    );
    let (_, report) = assess_json(&["--rules", &pack, &file]);
    assert_eq!(verdict(&report, "SNC-19.6-b-collective"), "pass", "relaxed");
    assert_eq!(
        verdict(&report, "SNC-19.6-b-individual"),
        "unknown",
        "untouched"
    );
    assert_eq!(verdict(&report, "SNC-19.1-c"), "unknown", "tightened");
    let overrides: Vec<&str> = report["reports"][0]["overrides"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["rule"].as_str())
        .collect();
    assert_eq!(overrides, ["SNC-19.1-c", "SNC-19.6-b-collective"]);
}

#[test]
fn a_minimum_for_an_unknown_rule_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let pack = policy_pack(dir.path(), "  SNC-19.6-b-colective: contract\n");
    trustcheck()
        .args([
            "--rules",
            &pack,
            "assess",
            "examples/eu-native-qualified.yaml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("policy/pack.yaml"))
        .stderr(predicate::str::contains("[10:3]"))
        .stderr(predicate::str::contains(
            "did you mean `SNC-19.6-b-collective`?",
        ));
}

#[test]
fn explain_shows_each_fact_source_and_the_minimum() {
    trustcheck()
        .args(["explain", "SNC-19.6-b-collective"])
        .args([
            "examples/qualification-in-progress.yaml",
            "--as-of",
            "2026-11-01",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "source: public-statement (https://www.example.org/brisants/about/shareholders, \
             2026-06-30)",
        ))
        .stdout(predicate::str::contains(
            "Evidence: the rule needs registry-extract or stronger",
        ))
        .stdout(predicate::str::contains("too weak"));
}

#[test]
fn registry_entities_count_with_the_sources_their_registry_states() {
    let dir = tempfile::tempdir().unwrap();
    let registry = |group_source: &str| {
        format!(
            "trustcheck_registry: 1\nentities:\n  groupe:\n    name: Groupe SA\n    \
             country: FR\n    central_administration: FR\n    principal_establishment: FR\n    \
             shareholders: [{{ entity: fam, capital: 100 }}]\n{group_source}  \
             fam:\n    name: Family\n    kind: individual\n    country: FR\n    \
             evidence: {{ source: registry-extract, reference: \"RBE 2\" }}\n"
        )
    };
    std::fs::write(
        dir.path().join("p.yaml"),
        "trustcheck: 1\nprovider: acme\nentities_from: [registry.yaml]\noffer:\n  \
         service_models: [iaas]\nentities:\n  acme:\n    name: Acme SAS\n    country: FR\n    \
         central_administration: FR\n    principal_establishment: FR\n    shareholders: [{ entity: groupe, capital: 100 }]\nevidence:\n  entities.acme: \
         { source: registry-extract, reference: \"RCS 1\" }\n",
    )
    .unwrap();
    let file = dir.path().join("p.yaml").display().to_string();
    let sourced = "    evidence: { source: registry-extract, reference: \"RCS 2\" }\n";
    std::fs::write(dir.path().join("registry.yaml"), registry(sourced)).unwrap();
    let (_, report) = assess_json(&[&file]);
    assert_eq!(verdict(&report, "SNC-19.6-b-collective"), "pass");
    // Without a source in the registry, the group's holding is only self-declared.
    std::fs::write(dir.path().join("registry.yaml"), registry("")).unwrap();
    let (_, report) = assess_json(&[&file]);
    assert_eq!(verdict(&report, "SNC-19.6-b-collective"), "unknown");
    let weak = &result(&report, "SNC-19.6-b-collective")["too_weak"];
    assert_eq!(weak["value"], "entities.groupe.shareholders[0].capital");
    // The provider file may state the source of a registry entity by its path.
    let text = std::fs::read_to_string(&file).unwrap()
        + "  entities.groupe: { source: registry-extract, reference: \"RCS 2\" }\n";
    std::fs::write(&file, text).unwrap();
    let (_, report) = assess_json(&[&file]);
    assert_eq!(verdict(&report, "SNC-19.6-b-collective"), "pass");
}
