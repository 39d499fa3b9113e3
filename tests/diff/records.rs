//! Sealed records (`assess --seal DIR`), written here as that command lays them out:
//! `diff` takes their facts from the sealed inputs and their verdicts from the record.

use std::path::Path;

use predicates::prelude::*;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::diff::{AS_OF, BASE, flips, trustcheck};

/// Seals `providers` (`(name, content file)`) into `dir` as `assess --seal` lays a
/// record out: the inputs byte for byte, the JSON report, the manifest.
fn seal(dir: &Path, as_of: &str, providers: &[(&str, &str)]) {
    let stage = tempfile::tempdir().unwrap();
    let mut entries = Vec::new();
    for (i, (name, content)) in providers.iter().enumerate() {
        let text = std::fs::read(content).unwrap();
        let staged = stage.path().join(name);
        std::fs::create_dir_all(staged.parent().unwrap()).unwrap();
        std::fs::write(&staged, &text).unwrap();
        let base = Path::new(name).file_name().unwrap().to_string_lossy();
        let path = format!("inputs/providers/{:02}-{base}", i + 1);
        std::fs::create_dir_all(dir.join("inputs/providers")).unwrap();
        std::fs::write(dir.join(&path), &text).unwrap();
        entries.push(json!({"name": name, "path": path}));
    }
    let output = trustcheck()
        .current_dir(stage.path())
        .args(["assess", "--format", "json", "--as-of", as_of])
        .args(providers.iter().map(|(name, _)| name))
        .output()
        .unwrap();
    std::fs::create_dir_all(dir.join("reports")).unwrap();
    std::fs::write(dir.join("reports/report.json"), &output.stdout).unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let verdicts: Vec<Value> = report["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            let results: serde_json::Map<String, Value> = file["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["rule"].as_str().unwrap().to_string(),
                        r["verdict"].clone(),
                    )
                })
                .collect();
            json!({"file": file["file"], "verdict": file["verdict"], "results": results})
        })
        .collect();
    let mut files: Vec<Value> = entries
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .chain(["reports/report.json"])
        .map(|path| {
            let digest = Sha256::digest(std::fs::read(dir.join(path)).unwrap());
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            json!({"path": path, "sha256": hex})
        })
        .collect();
    files.sort_by_key(|f| f["path"].as_str().unwrap().to_string());
    let manifest = json!({
        "format": "trustcheck-seal/1",
        "trustcheck_version": env!("CARGO_PKG_VERSION"),
        "as_of": as_of,
        "options": {"frameworks": [], "lang": "en", "valid_until": null},
        "jurisdictions": "2026-11-01",
        "providers": entries,
        "entities": [],
        "waivers": [],
        "packs": [],
        "verdicts": verdicts,
        "files": files,
    });
    std::fs::write(
        dir.join("manifest.json"),
        serde_json::to_string_pretty(&manifest).unwrap(),
    )
    .unwrap();
}

/// Two records of the same offer: sealed in 2026, then in 2029 after the change of
/// ownership, when its SecNumCloud qualification (expiring 2028-06-11) has lapsed.
fn two_records() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let here = std::env::current_dir().unwrap();
    let at = |file: &str| here.join(file).display().to_string();
    let (base, hyperscaler, holder, jv) = (
        at(BASE),
        at("examples/us-hyperscaler-region.yaml"),
        at("tests/diff/us-holder-40.yaml"),
        at("examples/jv-non-eu-minority.yaml"),
    );
    seal(
        &root.path().join("2026"),
        AS_OF,
        &[(BASE, &base), ("offers/hyperscaler.yaml", &hyperscaler)],
    );
    seal(
        &root.path().join("2029"),
        "2029-01-01",
        &[("offers/jv.yaml", &jv), (BASE, &holder)],
    );
    root
}

#[test]
fn two_records_are_compared_as_recorded() {
    let root = two_records();
    let output = trustcheck()
        .current_dir(root.path())
        .args([
            "diff",
            "2026",
            "2029",
            "--format",
            "json",
            "--fail-on-regression",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let diff: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(diff["only_in_old"], json!(["offers/hyperscaler.yaml"]));
    assert_eq!(diff["only_in_new"], json!(["offers/jv.yaml"]));
    let provider = &diff["providers"][0];
    assert_eq!(provider["name"], BASE);
    assert_eq!(
        provider["new_file"],
        "2029/inputs/providers/02-eu-native-qualified.yaml"
    );
    // SNC-QUAL fails only at the sealed date of 2029: the verdicts are the record's.
    let rules: Vec<String> = flips(provider).into_iter().map(|f| f.0).collect();
    for rule in ["SNC-QUAL", "SNC-19.6-b-individual", "SNC-19.6-b-collective"] {
        assert!(rules.contains(&rule.to_string()), "{rule} in {rules:?}");
    }
    let founder = provider["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fact"] == "entities.arvenis.shareholders[entity=vasseur].capital")
        .expect("facts come from the sealed inputs");
    assert_eq!(
        founder["old"]["at"]["file"],
        "2026/inputs/providers/01-eu-native-qualified.yaml"
    );
}

#[test]
fn records_refuse_options_that_would_change_what_they_recorded() {
    let root = two_records();
    trustcheck()
        .current_dir(root.path())
        .args(["diff", "2026", "2029", "--as-of", AS_OF])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("compared as they were recorded"));
}
