//! Sealed records end to end: `assess --seal` on the shipped examples, then
//! `verify` on the record as written and after every kind of tampering.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use ssh_key::private::Ed25519Keypair;
use ssh_key::{LineEnding, PrivateKey};

#[path = "seal/hostile.rs"]
mod hostile;

const QUALIFIED: &str = "examples/eu-native-qualified.yaml";
const SEALED_QUALIFIED: &str = "inputs/providers/01-eu-native-qualified.yaml";

/// The binary, with a fixed language and no colour.
fn trustcheck() -> Command {
    let mut cmd = Command::cargo_bin("trustcheck").expect("binary");
    cmd.env("LANG", "C").env("NO_COLOR", "1");
    cmd
}

/// The shipped provider examples, in name order (the qualified one first).
fn examples() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files
}

/// Seals the examples into `<temp>/record` (with extra arguments); returns the record.
fn seal(temp: &Path, extra: &[&str]) -> PathBuf {
    let record = temp.join("record");
    trustcheck()
        .args([
            "assess",
            "--as-of",
            "2026-11-01",
            "--format",
            "json",
            "--seal",
        ])
        .arg(&record)
        .args(extra)
        .args(examples())
        .assert()
        .code(1);
    record
}

/// `verify` on a record: exit code and standard output.
fn verify(record: &Path, extra: &[&str]) -> (i32, String) {
    let output = trustcheck()
        .arg("verify")
        .arg(record)
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (output.status.code().unwrap(), stdout)
}

/// The lines of a verification after the file and re-run counts: what was
/// compared, the signature and the conclusion.
fn tail(out: &str) -> String {
    out.lines()
        .skip_while(|l| !l.starts_with("Verdicts compared"))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Records the file's current digest in the manifest, as a careful forger would.
fn fix_digest(record: &Path, relative: &str) {
    let manifest_path = record.join("manifest.json");
    let mut manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    let digest = trustcheck::seal::sha256_hex(&std::fs::read(record.join(relative)).unwrap());
    for file in manifest["files"].as_array_mut().unwrap() {
        if file["path"] == relative {
            file["sha256"] = digest.clone().into();
        }
    }
    let text = serde_json::to_string_pretty(&manifest).unwrap() + "\n";
    std::fs::write(manifest_path, text).unwrap();
}

/// `verify record` in `dir`: the exit code and the human report, version aside.
fn verify_text(dir: &std::path::Path) -> (Option<i32>, String) {
    let output = trustcheck()
        .current_dir(dir)
        .args(["verify", "record"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout)
        .unwrap()
        .replace(env!("CARGO_PKG_VERSION"), "[version]");
    (output.status.code(), text)
}

#[test]
fn a_fresh_record_verifies_and_says_so() {
    let temp = tempfile::tempdir().unwrap();
    seal(temp.path(), &[]);
    let (code, text) = verify_text(temp.path());
    assert_eq!(code, Some(0));
    insta::assert_snapshot!(text);
}

#[test]
fn sealing_changes_neither_the_report_nor_the_exit_code() {
    let temp = tempfile::tempdir().unwrap();
    // The record keeps every result's evidence: compared with `--detail full`.
    let plain = trustcheck()
        .args(["assess", "--as-of", "2026-11-01", "--format", "json"])
        .args(["--detail", "full"])
        .args(examples())
        .output()
        .unwrap();
    let record = temp.path().join("record");
    let sealed = trustcheck()
        .args([
            "assess",
            "--as-of",
            "2026-11-01",
            "--format",
            "json",
            "--detail",
            "full",
            "--seal",
        ])
        .arg(&record)
        .args(examples())
        .output()
        .unwrap();
    assert_eq!(plain.status.code(), sealed.status.code());
    assert_eq!(plain.stdout, sealed.stdout);
    assert_eq!(
        std::fs::read(record.join("reports/report.json")).unwrap(),
        sealed.stdout
    );
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(record.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["format"], "trustcheck-seal/1");
    assert_eq!(manifest["providers"][0]["name"], QUALIFIED);
    assert_eq!(manifest["providers"][0]["path"], SEALED_QUALIFIED);
    assert_eq!(manifest["verdicts"][0]["results"]["SNC-QUAL"], "pass");
    let original = std::fs::read(QUALIFIED).unwrap();
    assert_eq!(
        std::fs::read(record.join(SEALED_QUALIFIED)).unwrap(),
        original
    );
}

#[test]
fn an_edited_provider_input_fails_by_digest_and_by_verdict() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    edit(
        &record.join(SEALED_QUALIFIED),
        "expires: 2028-06-11",
        "expires: 2026-06-11",
    );
    let (code, out) = verify(&record, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("changed  {SEALED_QUALIFIED}")),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "SNC-QUAL on {QUALIFIED}: sealed pass, re-run fail"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "SNC-QUAL on {QUALIFIED}: reports/report.json pass, re-run fail"
        )),
        "{out}"
    );
    assert!(out.ends_with("The record does not verify.\n"), "{out}");
}

#[test]
fn a_tampered_record_says_what_differs() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    edit(
        &record.join(SEALED_QUALIFIED),
        "expires: 2028-06-11",
        "expires: 2026-06-11",
    );
    std::fs::remove_file(record.join("reports/report.oscal.json")).unwrap();
    std::fs::write(record.join("notes.txt"), "x").unwrap();
    let (code, text) = verify_text(temp.path());
    assert_eq!(code, Some(1));
    insta::assert_snapshot!(text);
}

#[test]
fn an_edited_pack_rule_fails_by_digest_pack_digest_and_verdict() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    let rule = "packs/secnumcloud-3.2/SNC-QUAL.yaml";
    edit(
        &record.join(rule),
        "equals: qualified\n",
        "equals: qualified-x\n",
    );
    let (code, out) = verify(&record, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("changed  {rule}")), "{out}");
    assert!(
        out.contains("secnumcloud-3.2 (packs/secnumcloud-3.2): sealed "),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "SNC-QUAL on {QUALIFIED}: sealed pass, re-run fail"
        )),
        "{out}"
    );
}

#[test]
fn an_edited_json_report_fails_even_with_its_digest_fixed() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    let report = "reports/report.json";
    edit(
        &record.join(report),
        "\"verdict\": \"pass\"",
        "\"verdict\": \"fail\"",
    );
    let (code, out) = verify(&record, &[]);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("changed  {report}")), "{out}");
    fix_digest(&record, report);
    let (code, out) = verify(&record, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(" checked by SHA-256, all match"), "{out}");
    assert!(
        out.contains(&format!(
            "{QUALIFIED}: reports/report.json fail, re-run pass"
        )),
        "{out}"
    );
}

#[test]
fn edited_manifest_verdicts_fail_the_re_run_comparison() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    edit(
        &record.join("manifest.json"),
        "\"SNC-QUAL\": \"fail\"",
        "\"SNC-QUAL\": \"pass\"",
    );
    let (code, out) = verify(&record, &["--format", "json"]);
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["verifies"], false);
    assert_eq!(json["files"], Value::Array(vec![]));
    let differences = json["differences"].as_array().unwrap();
    assert_eq!(differences.len(), 1, "{out}");
    assert_eq!(differences[0]["rule"], "SNC-QUAL");
    assert_eq!(differences[0]["sealed_in"], "manifest.json");
    assert_eq!(differences[0]["sealed"], "pass");
    assert_eq!(differences[0]["rerun"], "fail");
}

#[test]
fn a_deleted_or_added_file_is_named() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    std::fs::remove_file(record.join("reports/report.oscal.json")).unwrap();
    std::fs::write(record.join("inputs/providers/06-extra.yaml"), "x").unwrap();
    let (code, out) = verify(&record, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("missing  reports/report.oscal.json"), "{out}");
    assert!(
        out.contains("extra    inputs/providers/06-extra.yaml"),
        "{out}"
    );
    assert!(out.contains("Re-run: 5 provider files"), "{out}");
}

/// Writes an Ed25519 key pair made from `seed`; returns (private, public) paths.
fn key_pair(dir: &Path, seed: u8) -> (PathBuf, PathBuf) {
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]));
    let private = dir.join(format!("key{seed}"));
    let public = dir.join(format!("key{seed}.pub"));
    std::fs::write(&private, key.to_openssh(LineEnding::LF).unwrap().as_bytes()).unwrap();
    std::fs::write(&public, key.public_key().to_openssh().unwrap()).unwrap();
    (private, public)
}

#[test]
fn a_signed_record_verifies_with_its_key_only() {
    let temp = tempfile::tempdir().unwrap();
    let (private, public) = key_pair(temp.path(), 7);
    let (_, other) = key_pair(temp.path(), 8);
    let record = seal(temp.path(), &["--sign-key", private.to_str().unwrap()]);
    assert!(
        std::fs::read_to_string(record.join("manifest.json.sig"))
            .unwrap()
            .starts_with("-----BEGIN SSH SIGNATURE-----")
    );
    let (code, out) = verify(&record, &["--key", public.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let good = out.replace(env!("CARGO_PKG_VERSION"), "[version]");
    insta::assert_snapshot!("signed_with_key", tail(&good));
    let (code, out) = verify(&record, &[]);
    assert_eq!(code, 0, "{out}");
    insta::assert_snapshot!("signed_without_key", tail(&out));
    let (code, out) = verify(&record, &["--key", other.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Signature: bad with --key SHA256:")
            && out.contains(": the signature was made by another key"),
        "{out}"
    );
}

#[test]
fn a_tampered_or_unsigned_manifest_fails_when_a_key_is_given() {
    let temp = tempfile::tempdir().unwrap();
    let (private, public) = key_pair(temp.path(), 9);
    let record = seal(temp.path(), &["--sign-key", private.to_str().unwrap()]);
    edit(
        &record.join("manifest.json"),
        "\"as_of\": \"2026-11-01\"",
        "\"as_of\": \"2026-11-02\"",
    );
    let (code, out) = verify(&record, &["--key", public.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Signature: bad with --key SHA256:")
            && out.contains(": the signature does not match"),
        "{out}"
    );
    std::fs::remove_file(record.join("manifest.json.sig")).unwrap();
    let (code, out) = verify(&record, &["--key", public.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Signature: not signed, though --key SHA256:"),
        "{out}"
    );
    assert!(out.ends_with("The record does not verify.\n"), "{out}");
}

#[test]
fn a_non_empty_folder_is_refused_before_assessing() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("notes.txt"), "keep me").unwrap();
    trustcheck()
        .args(["assess", "--as-of", "2026-11-01", "--seal"])
        .arg(temp.path())
        .arg(QUALIFIED)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("the folder is not empty"));
    assert_eq!(std::fs::read_dir(temp.path()).unwrap().count(), 1);
}

#[test]
fn an_unreadable_manifest_points_at_its_line_and_column() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    edit(
        &record.join("manifest.json"),
        "\"as_of\": \"2026-11-01\",",
        "\"as_of\": 2026-11-01,",
    );
    trustcheck()
        .arg("verify")
        .arg(&record)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "record/manifest.json: invalid type",
        ))
        .stderr(predicate::str::contains("╭─[4:15]"))
        .stderr(predicate::str::contains("trustcheck::seal-record"));
    let (code, _) = verify(&temp.path().join("nowhere"), &[]);
    assert_eq!(code, 2);
}

/// `verify` on a record that must be refused as unreadable (exit 2, nothing on
/// standard output): returns standard error. Bounded in time, so that a FIFO
/// that blocks fails the test instead of hanging it.
fn refused(record: &Path) -> String {
    let output = trustcheck()
        .arg("verify")
        .arg(record)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "", "{stderr}");
    stderr
}

#[cfg(unix)]
#[test]
fn a_file_linked_out_of_the_record_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    // The same bytes outside: by digest alone the record would verify.
    let outside = temp.path().join("outside.yaml");
    std::fs::copy(record.join(SEALED_QUALIFIED), &outside).unwrap();
    std::fs::remove_file(record.join(SEALED_QUALIFIED)).unwrap();
    std::os::unix::fs::symlink(&outside, record.join(SEALED_QUALIFIED)).unwrap();
    let stderr = refused(&record);
    assert!(
        stderr.contains(&format!("{SEALED_QUALIFIED}: a symbolic link (to ")),
        "{stderr}"
    );
    assert!(stderr.contains("outside.yaml)"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_folder_linked_out_of_the_record_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    let outside = temp.path().join("providers");
    std::fs::rename(record.join("inputs/providers"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, record.join("inputs/providers")).unwrap();
    let stderr = refused(&record);
    assert!(
        stderr.contains("inputs/providers: a symbolic link (to "),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_record_is_refused_without_blocking() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    let fifo = record.join("packs/secnumcloud-3.2/SNC-ZZZ.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let stderr = refused(&record);
    assert!(
        stderr.contains("packs/secnumcloud-3.2/SNC-ZZZ.yaml: a FIFO"),
        "{stderr}"
    );
}

#[test]
fn manifest_paths_leaving_the_record_are_refused() {
    for bad in ["inputs/../../outside.yaml", "/tmp/outside.yaml"] {
        let temp = tempfile::tempdir().unwrap();
        let record = seal(temp.path(), &[]);
        std::fs::copy(QUALIFIED, temp.path().join("outside.yaml")).unwrap();
        edit(
            &record.join("manifest.json"),
            &format!("\"path\": \"{SEALED_QUALIFIED}\""),
            &format!("\"path\": \"{bad}\""),
        );
        let stderr = refused(&record);
        assert!(
            stderr.contains(&format!("{bad} is not a path inside the record")),
            "{stderr}"
        );
    }
}

#[test]
fn an_input_without_a_digest_fails_the_record() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    // The provider copy moves to a path the manifest's file list does not name.
    let unlisted = "inputs/providers/unlisted.yaml";
    std::fs::rename(record.join(SEALED_QUALIFIED), record.join(unlisted)).unwrap();
    edit(
        &record.join("manifest.json"),
        &format!("\"path\": \"{SEALED_QUALIFIED}\""),
        &format!("\"path\": \"{unlisted}\""),
    );
    let (code, out) = verify(&record, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "{unlisted}: read by the re-run but not listed with a digest"
        )),
        "{out}"
    );
}

#[test]
fn an_unlisted_rule_file_in_a_pack_fails_the_record() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    let extra = "packs/secnumcloud-3.2/SNC-QUAL-2.yaml";
    std::fs::copy(
        record.join("packs/secnumcloud-3.2/SNC-QUAL.yaml"),
        record.join(extra),
    )
    .unwrap();
    let (code, out) = verify(&record, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("extra    {extra}")), "{out}");
    assert!(out.ends_with("The record does not verify.\n"), "{out}");
}

#[test]
fn every_file_checked_by_digest_is_named_on_request() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    let (code, out) = verify(&record, &["--list-files"]);
    assert_eq!(code, 0, "{out}");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(record.join("manifest.json")).unwrap()).unwrap();
    let listed = manifest["files"].as_array().unwrap();
    assert!(
        out.contains(&format!(
            "Files: {} checked by SHA-256, all match:\n",
            listed.len()
        )),
        "{out}"
    );
    for file in listed {
        let path = file["path"].as_str().unwrap();
        assert!(
            out.contains(&format!("  match    {path}\n")),
            "{path}: {out}"
        );
    }
    let (_, json) = verify(&record, &["--format", "json"]);
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        json["digests_checked"].as_array().unwrap().len(),
        listed.len()
    );
    assert_eq!(
        json["verdicts_compared_in"],
        serde_json::json!(["manifest.json", "reports/report.json"])
    );
    assert_eq!(
        json["digest_only_reports"],
        serde_json::json!(["reports/report.oscal.json"])
    );
    assert_eq!(json["signature"]["status"], "unsigned");
}

#[test]
fn an_unreadable_signature_is_never_reported_as_not_signed() {
    let temp = tempfile::tempdir().unwrap();
    let (_, public) = key_pair(temp.path(), 10);
    let record = seal(temp.path(), &[]);
    std::fs::write(record.join("manifest.json.sig"), [0xff, 0xfe, 0x00]).unwrap();
    let (code, out) = verify(&record, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Signature: signed, but no --key given: signature not checked."),
        "{out}"
    );
    let (code, out) = verify(&record, &["--key", public.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Signature: bad with --key SHA256:"), "{out}");
}
