//! Rule authoring: a user pack is linted, tested, explained and used; the shipped
//! documentation is generated and kept current; files validate against the schemas.

use predicates::prelude::*;
use trustcheck::lang::Lang;
use trustcheck::provider::json_schema::Validator;
use trustcheck::report::rule_doc;
use trustcheck::rules::RuleSet;

use crate::cli::trustcheck;

const PACK: &str = "examples/rule-pack";

#[test]
fn the_example_pack_lints_tests_and_assesses() {
    trustcheck()
        .args(["--rules", PACK, "rules", "lint", PACK])
        .assert()
        .success();
    trustcheck()
        .args(["--rules", PACK, "rules", "test", "examples/rule-pack/cases"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 passed, 0 failed"));
    trustcheck()
        .args(["--rules", PACK, "rules", "show", "MIN-FR-DATA"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Ministry purchasing criteria"));
    trustcheck()
        .args([
            "--rules",
            PACK,
            "assess",
            "examples/eu-native-qualified.yaml",
            "--as-of",
            "2026-11-01",
            "--framework",
            "ministry-extra",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("MIN-FR-DATA"));
}

#[test]
fn a_broken_pack_is_reported_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(format!("{PACK}/pack.yaml"), dir.path().join("pack.yaml")).unwrap();
    let rule = std::fs::read_to_string(format!("{PACK}/MIN-FR-DATA.yaml"))
        .unwrap()
        .replace("offer.data.storage", "offer.data.storrage");
    std::fs::write(dir.path().join("MIN-FR-DATA.yaml"), rule).unwrap();
    trustcheck()
        .args(["rules", "lint"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("offer.data.storrage")
                .and(predicate::str::contains(
                    "did you mean `offer.data.storage`",
                ))
                .and(predicate::str::contains("has no case")),
        );
}

#[test]
fn a_user_pack_can_replace_a_shipped_rule_and_the_report_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pack.yaml"),
        std::fs::read_to_string("rules/secnumcloud-3.2/pack.yaml").unwrap(),
    )
    .unwrap();
    let rule = std::fs::read_to_string("rules/secnumcloud-3.2/SNC-19.3-a.yaml").unwrap();
    std::fs::write(
        dir.path().join("SNC-19.3-a.yaml"),
        rule.replace("severity: medium", "severity: low"),
    )
    .unwrap();
    let output = trustcheck()
        .arg("--rules")
        .arg(dir.path())
        .args([
            "assess",
            "examples/eu-native-qualified.yaml",
            "--as-of",
            "2026-11-01",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let overrides = &report["reports"][0]["overrides"];
    assert_eq!(overrides[0]["rule"], "SNC-19.3-a", "{report:#}");
}

#[test]
fn the_rule_reference_and_the_readme_index_are_current() {
    let rules = RuleSet::load(&[]).unwrap();
    for (framework, text) in rule_doc::reference(&rules, Lang::En) {
        let path = format!("docs/reference/{framework}.md");
        let shipped = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            shipped == text,
            "{path} is out of date: run `trustcheck rules doc --out docs/reference`"
        );
    }
    let readme = std::fs::read_to_string("README.md").unwrap();
    let index = rule_doc::index(&rules, Lang::En);
    assert!(
        readme.contains(&index),
        "the README's rule index is out of date; it should contain:\n{index}"
    );
}

/// `docs/diagnostics.md` is generated from the closed list of codes; with
/// `UPDATE_DOCS=1` this test rewrites it instead of failing.
#[test]
fn the_diagnostics_reference_is_current() {
    let text = trustcheck::diagnostics::reference();
    let path = "docs/diagnostics.md";
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let shipped = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        shipped == text,
        "{path} is out of date: run `UPDATE_DOCS=1 cargo test --test suite diagnostics`"
    );
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains("docs/diagnostics.md"),
        "the README links to {path}"
    );
}

fn schema(kind: &str) -> serde_json::Value {
    let output = trustcheck().args(["schema", kind]).output().unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The errors of `json` against `schema`, patterns matched by the `regex` crate.
fn schema_errors(schema: &serde_json::Value, json: &serde_json::Value) -> Vec<String> {
    Validator::new(schema)
        .with_patterns(crate::regex_match)
        .errors(json)
        .iter()
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}

fn yaml_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn examples_and_shipped_rules_validate_against_the_schemas() {
    let provider = schema("provider");
    for file in yaml_files("examples") {
        let json = trustcheck::yaml::parse(&std::fs::read_to_string(&file).unwrap())
            .unwrap()
            .to_json();
        let errors = schema_errors(&provider, &json);
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
    let rule = schema("rules");
    for dir in ["rules/secnumcloud-3.2", "rules/cloud-au-centre", PACK] {
        for file in yaml_files(dir)
            .into_iter()
            .filter(|f| !f.ends_with("pack.yaml"))
        {
            let json = trustcheck::yaml::parse(&std::fs::read_to_string(&file).unwrap())
                .unwrap()
                .to_json();
            let errors = schema_errors(&rule, &json);
            assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        }
    }
}

#[test]
fn every_rule_speaks_both_languages() {
    let rules = RuleSet::load(&[]).unwrap();
    for rule in rules.rules() {
        let raw = &rule.raw;
        let mut texts = vec![
            &raw.title,
            &raw.requires,
            &raw.why,
            &raw.message.pass,
            &raw.message.fail,
            &raw.message.unknown,
        ];
        texts.extend(raw.caveat.iter());
        for text in texts {
            assert!(
                !text.en.trim().is_empty() && !text.fr.trim().is_empty(),
                "{} lacks a language",
                rule.id()
            );
        }
    }
}
