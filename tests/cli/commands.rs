//! Every command besides `assess`: success and error paths.

use predicates::prelude::*;

use crate::cli::trustcheck;

#[test]
fn validate_accepts_every_example_and_rejects_bad_files() {
    trustcheck()
        .arg("validate")
        .args(
            std::fs::read_dir("examples")
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml")),
        )
        .assert()
        .success()
        .stdout(predicate::str::contains("valid"));
    trustcheck()
        .args(["validate", "does/not/exist.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exist.yaml"));
}

#[test]
fn ownership_works_on_every_example() {
    for entry in std::fs::read_dir("examples")
        .unwrap()
        .filter_map(|e| e.ok())
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            for args in [vec![], vec!["--format", "json"], vec!["--graph", "dot"]] {
                trustcheck()
                    .arg("ownership")
                    .arg(&path)
                    .args(&args)
                    .assert()
                    .success();
            }
        }
    }
}

#[test]
fn ownership_prints_holders_exposure_and_graphs() {
    trustcheck()
        .args(["ownership", "examples/us-hyperscaler-region.yaml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("CLOUD Act").and(predicate::str::contains("→")));
    let json = trustcheck()
        .args([
            "ownership",
            "examples/us-hyperscaler-region.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let analysis: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(
        analysis["holders"]
            .as_array()
            .is_some_and(|h| !h.is_empty())
    );
    trustcheck()
        .args([
            "ownership",
            "examples/us-hyperscaler-region.yaml",
            "--graph",
            "dot",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("digraph"));
    trustcheck()
        .args([
            "ownership",
            "examples/us-hyperscaler-region.yaml",
            "--graph",
            "mermaid",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("flowchart"));
    trustcheck()
        .args(["ownership", "nope.yaml"])
        .assert()
        .code(2);
}

#[test]
fn rules_list_show_and_errors() {
    trustcheck()
        .args(["rules", "list", "--framework", "secnumcloud-3.2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("SNC-19.6-a").and(predicate::str::contains("CAC-").not()));
    trustcheck()
        .args(["rules", "show", "SNC-19.6-b-individual"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("What the text requires")
                .and(predicate::str::contains("Facts it reads"))
                .and(predicate::str::contains("Failing example"))
                .and(predicate::str::contains("id: SNC-19.6-b-individual")),
        );
    trustcheck()
        .args(["rules", "show", "SNC-99"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no rule"));
    trustcheck()
        .args(["rules", "list", "--lang", "fr"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Aucun détenteur"));
}

#[test]
fn rules_test_runs_cases_and_reports_failures() {
    trustcheck()
        .args(["rules", "test", "tests/cases"])
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 failed"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wrong.yaml"),
        "rule: SNC-19.6-a\nbase: examples/eu-native-qualified.yaml\ncases:\n  - name: wrongly expected\n    patch: {}\n    expect: fail\n",
    )
    .unwrap();
    trustcheck()
        .args(["rules", "test"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("- expected: fail")
                .and(predicate::str::contains("+ actual:   pass")),
        );
}

#[test]
fn rules_lint_passes_on_the_shipped_packs() {
    trustcheck()
        .args(["rules", "lint"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no problem"));
}

#[test]
fn rules_doc_and_oscal_export() {
    trustcheck()
        .args(["rules", "doc"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## SNC-19.6-a"));
    let out = trustcheck()
        .args(["rules", "export", "--oscal"])
        .output()
        .unwrap();
    let catalog: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(catalog["catalog"]["uuid"].is_string());
}

#[test]
fn schemas_init_completions_and_man() {
    for kind in ["provider", "rules", "registry"] {
        let out = trustcheck().args(["schema", kind]).output().unwrap();
        let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(schema["properties"].is_object(), "{kind}");
    }
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("provider.yaml");
    trustcheck()
        .args(["init", "--out"])
        .arg(&template)
        .assert()
        .success();
    trustcheck()
        .arg("validate")
        .arg(&template)
        .assert()
        .success();
    trustcheck()
        .args(["init", "--out"])
        .arg(&template)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot create"));
    for shell in ["bash", "zsh", "fish", "powershell"] {
        trustcheck()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("trustcheck"));
    }
    trustcheck()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH"));
}

#[test]
fn version_verbose_lists_pack_digests() {
    trustcheck()
        .args(["--version", "--verbose"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("secnumcloud-3.2").and(predicate::str::contains("sha256:")),
        );
}

#[test]
fn a_lock_gates_assessments_when_the_packs_change() {
    let dir = tempfile::tempdir().unwrap();
    let lock = dir.path().join("trustcheck.lock");
    trustcheck()
        .args(["rules", "lock", "--out"])
        .arg(&lock)
        .assert()
        .success();
    trustcheck()
        .args([
            "assess",
            "examples/eu-native-qualified.yaml",
            "--as-of",
            "2026-11-01",
            "--locked",
        ])
        .arg(&lock)
        .assert()
        .code(0);
    trustcheck()
        .args([
            "--rules",
            "examples/rule-pack",
            "assess",
            "examples/eu-native-qualified.yaml",
            "--locked",
        ])
        .arg(&lock)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ministry-extra").and(predicate::str::contains("differ")));
    let text = std::fs::read_to_string(&lock).unwrap();
    let first = text.find("sha256 = \"").unwrap() + 10;
    let mut tampered = text.clone();
    tampered.replace_range(first..first + 4, "0000");
    std::fs::write(&lock, tampered).unwrap();
    trustcheck()
        .args(["assess", "examples/eu-native-qualified.yaml", "--locked"])
        .arg(&lock)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("locked version"));
}
