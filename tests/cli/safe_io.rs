//! A run reads files written by the party being assessed, beside the auditor's keys
//! and registries: it must never replace what it reads, hang on a special file, read
//! outside the folders it is given, or write anywhere but where it is told.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use predicates::prelude::*;

use crate::cli::trustcheck;

const EXAMPLE: &str = "examples/us-hyperscaler-region.yaml";
const REGISTRY: &str =
    "trustcheck_registry: 1\nentities:\n  other-group: { name: Other Group SA, country: FR }\n";

/// A folder holding a copy of the example, named `provider.yaml`, that reads
/// `entities_from` the given paths (none when empty).
fn folder(entities_from: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(EXAMPLE).unwrap();
    let text = if entities_from.is_empty() {
        text
    } else {
        format!("entities_from: [{}]\n{text}", entities_from.join(", "))
    };
    fs::write(dir.path().join("provider.yaml"), text).unwrap();
    dir
}

fn assess(dir: &Path) -> assert_cmd::Command {
    let mut cmd = trustcheck();
    cmd.current_dir(dir)
        .args(["assess", "--as-of", "2026-11-01", "--format", "json"])
        .timeout(Duration::from_secs(60));
    cmd
}

/// Runs `assess provider.yaml ARGS --output json=TARGET` and checks that it is
/// refused and that `guarded` is unchanged.
fn refused(dir: &Path, args: &[&str], target: &str, guarded: &Path) {
    let before = fs::read(guarded).unwrap();
    assess(dir)
        .arg("provider.yaml")
        .args(args)
        .arg("--output")
        .arg(format!("json={target}"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to write"));
    assert_eq!(fs::read(guarded).unwrap(), before, "{target} was changed");
}

#[test]
fn an_output_never_replaces_a_file_the_run_reads() {
    let dir = folder(&[]);
    let path = dir.path();
    fs::create_dir(path.join("sub")).unwrap();
    fs::write(path.join("groups.yaml"), REGISTRY).unwrap();
    fs::copy("tests/waivers/lapsed.yaml", path.join("waivers.yaml")).unwrap();
    let pack = path.join("pack");
    fs::create_dir(&pack).unwrap();
    for name in ["pack.yaml", "MIN-FR-DATA.yaml"] {
        fs::copy(Path::new("examples/rule-pack").join(name), pack.join(name)).unwrap();
    }
    let rule = fs::read_dir(&pack)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().is_some_and(|n| n != "pack.yaml"))
        .unwrap();
    let rule_name = format!("pack/{}", rule.file_name().unwrap().to_string_lossy());
    // The provider file, spelt otherwise.
    refused(
        path,
        &[],
        "sub/../provider.yaml",
        &path.join("provider.yaml"),
    );
    refused(path, &[], "./provider.yaml", &path.join("provider.yaml"));
    // Every other input.
    let entities = ["--entities", "groups.yaml"];
    refused(path, &entities, "groups.yaml", &path.join("groups.yaml"));
    let waivers = ["--waivers", "waivers.yaml"];
    refused(
        path,
        &waivers,
        "sub/../waivers.yaml",
        &path.join("waivers.yaml"),
    );
    let rules = ["--rules", "pack"];
    refused(path, &rules, &rule_name, &rule);
    refused(path, &rules, "pack/pack.yaml", &pack.join("pack.yaml"));
    trustcheck()
        .current_dir(path)
        .args(["rules", "lock", "--out", "rules.lock"])
        .assert()
        .success();
    refused(
        &path.join("sub"),
        &["--locked", "../rules.lock"],
        "../rules.lock",
        &path.join("rules.lock"),
    );
}

#[cfg(unix)]
#[test]
fn an_output_through_a_link_never_replaces_what_the_link_leads_to() {
    let dir = folder(&[]);
    let path = dir.path();
    fs::write(path.join("groups.yaml"), REGISTRY).unwrap();
    std::os::unix::fs::symlink(path.join("provider.yaml"), path.join("soft.json")).unwrap();
    fs::hard_link(path.join("groups.yaml"), path.join("hard.json")).unwrap();
    refused(path, &[], "soft.json", &path.join("provider.yaml"));
    let entities = ["--entities", "groups.yaml"];
    refused(path, &entities, "hard.json", &path.join("groups.yaml"));
    // A link to a report is followed: the report is replaced, the link kept.
    fs::write(path.join("report.json"), "old").unwrap();
    std::os::unix::fs::symlink(path.join("report.json"), path.join("link.json")).unwrap();
    assess(path)
        .args(["provider.yaml", "--output", "json=link.json"])
        .assert()
        .code(1);
    assert!(
        fs::symlink_metadata(path.join("link.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(path.join("report.json"))
            .unwrap()
            .contains("\"reports\"")
    );
}

#[test]
fn an_output_never_replaces_a_registry_named_in_the_file() {
    let dir = folder(&["shared/groups.yaml"]);
    let path = dir.path();
    fs::create_dir(path.join("shared")).unwrap();
    fs::write(path.join("shared/groups.yaml"), REGISTRY).unwrap();
    refused(
        path,
        &[],
        "shared/groups.yaml",
        &path.join("shared/groups.yaml"),
    );
}

#[test]
fn an_output_never_replaces_a_private_key_or_a_sealed_record() {
    let dir = folder(&[]);
    let path = dir.path();
    let key = path.join("id_ed25519");
    fs::write(
        &key,
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n",
    )
    .unwrap();
    refused(path, &[], "id_ed25519", &key);
    assess(path)
        .args(["provider.yaml", "--seal", "record"])
        .assert()
        .code(1);
    let manifest = path.join("record/manifest.json");
    refused(path, &[], "record/manifest.json", &manifest);
    refused(path, &[], "record/reports/report.json", &manifest);
    // Nor may a report go into the record being written.
    let dir = folder(&[]);
    assess(dir.path())
        .args([
            "provider.yaml",
            "--seal",
            "new",
            "--output",
            "json=new/report.json",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("sealed record folder"));
    assert!(!dir.path().join("new").exists());
}

#[cfg(unix)]
fn fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_report_is_written_into_a_fifo_not_over_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = folder(&[]);
    let pipe = dir.path().join("report.pipe");
    fifo(&pipe);
    // The reader waits for a writer; if the run replaced the FIFO by a file, none
    // comes: the test gives up after a while instead of hanging.
    let (sender, received) = std::sync::mpsc::channel();
    {
        let pipe = pipe.clone();
        std::thread::spawn(move || sender.send(fs::read_to_string(pipe).unwrap()));
    }
    assess(dir.path())
        .args(["provider.yaml", "--output", "json=report.pipe"])
        .assert()
        .code(1);
    let written = received
        .recv_timeout(Duration::from_secs(30))
        .expect("the report was not written into the FIFO");
    assert!(written.contains("\"reports\""), "{written}");
    assert!(fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());
    // A device too: written into, never replaced.
    assess(dir.path())
        .args(["provider.yaml", "--output", "json=/dev/null"])
        .assert()
        .code(1);
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_as_inputs_without_waiting() {
    let dir = folder(&["groups.pipe"]);
    fifo(&dir.path().join("groups.pipe"));
    assess(dir.path())
        .arg("provider.yaml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trustcheck::not-a-regular-file"));
    fifo(&dir.path().join("provider.pipe"));
    for args in [
        vec!["provider.pipe"],
        vec!["--waivers", "provider.pipe", "provider.yaml"],
        vec!["--entities", "provider.pipe", "provider.yaml"],
    ] {
        assess(dir.path())
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a regular file"));
    }
}

#[test]
fn entities_from_reads_only_below_the_file_unless_allowed() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("groups.yaml"), REGISTRY).unwrap();
    let absolute = outside.path().join("groups.yaml");
    let absolute = absolute.to_string_lossy();
    let dir = folder(&[absolute.as_ref()]);
    assess(dir.path())
        .arg("provider.yaml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trustcheck::path-not-allowed"));
    assess(dir.path())
        .arg("provider.yaml")
        .arg("--allow-path")
        .arg(outside.path())
        .assert()
        .code(1);
    // `..` leads out of the folder as surely.
    let dir = folder(&[]);
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("groups.yaml"), REGISTRY).unwrap();
    let text = fs::read_to_string(dir.path().join("provider.yaml")).unwrap();
    fs::write(
        dir.path().join("sub/provider.yaml"),
        format!("entities_from: [../groups.yaml]\n{text}"),
    )
    .unwrap();
    assess(dir.path())
        .arg("sub/provider.yaml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trustcheck::path-not-allowed"));
    assess(dir.path())
        .args(["sub/provider.yaml", "--allow-path", "."])
        .assert()
        .code(1);
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_folder_is_refused_too() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("groups.yaml"), REGISTRY).unwrap();
    let dir = folder(&["groups.yaml"]);
    std::os::unix::fs::symlink(
        outside.path().join("groups.yaml"),
        dir.path().join("groups.yaml"),
    )
    .unwrap();
    assess(dir.path())
        .arg("provider.yaml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trustcheck::path-not-allowed"));
}

#[test]
fn a_file_named_as_a_registry_is_never_shown_unless_it_is_one() {
    let secrets = [
        ("notes.txt", "db_password: SECRET-hunter2\n: : not yaml [\n"),
        ("broken.yaml", "api_token: SECRET-42\n"),
    ];
    for (name, text) in secrets {
        let dir = folder(&[name]);
        fs::write(dir.path().join(name), text).unwrap();
        let output = assess(dir.path()).arg("provider.yaml").output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("SECRET"), "{stderr}");
        assert!(stderr.contains("not an entity registry"), "{stderr}");
        // Given on the command line, the same.
        let dir = folder(&[]);
        fs::write(dir.path().join(name), text).unwrap();
        let output = assess(dir.path())
            .args(["provider.yaml", "--entities", name])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("SECRET"), "{stderr}");
    }
}

#[test]
fn standard_input_has_the_size_limit_of_a_file() {
    let mut text = fs::read_to_string(EXAMPLE).unwrap();
    text.push('#');
    text.push_str(&"x".repeat(16 * 1024 * 1024));
    text.push('\n');
    trustcheck()
        .args(["assess", "--as-of", "2026-11-01", "-"])
        .write_stdin(text)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trustcheck::file-too-large"));
}

#[test]
fn waivers_approved_after_the_assessment_are_refused_at_their_line() {
    let dir = folder(&[]);
    fs::copy("tests/waivers/lapsed.yaml", dir.path().join("waivers.yaml")).unwrap();
    // The file approves a waiver on 2026-09-15.
    trustcheck()
        .current_dir(dir.path())
        .args(["assess", "--as-of", "2026-09-14"])
        .args(["--waivers", "waivers.yaml", "provider.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "approved after the assessment date",
        ))
        .stderr(predicate::str::contains("waivers.yaml:17:18"));
}

#[test]
fn evidence_must_be_dated_by_the_assessment_and_carry_a_real_digest() {
    // The example's evidence for its entities is dated 2026-09-15.
    let reference = "reference: \"Trade-register and beneficial-owner register extracts\"";
    let cases = [
        (
            "date: 2026-09-15",
            "date: 2027-01-01",
            "after the assessment date",
        ),
        (
            "date: 2026-09-15",
            "date: 2026-09-15\n    sha256: abc",
            "not a SHA-256",
        ),
        (reference, "reference: ''", "`reference` is empty"),
    ];
    for (from, to, message) in cases {
        let dir = folder(&[]);
        let text = fs::read_to_string(EXAMPLE).unwrap();
        assert!(text.contains(from), "{from}");
        fs::write(dir.path().join("provider.yaml"), text.replacen(from, to, 1)).unwrap();
        assess(dir.path())
            .arg("provider.yaml")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn diff_and_explain_refuse_evidence_dated_after_the_assessment_as_assess_does() {
    let dir = folder(&[]);
    let text = fs::read_to_string(EXAMPLE).unwrap();
    assert!(text.contains("date: 2026-09-15"));
    fs::write(
        dir.path().join("provider.yaml"),
        text.replacen("date: 2026-09-15", "date: 2027-01-01", 1),
    )
    .unwrap();
    let commands: [&[&str]; 3] = [
        &["assess", "provider.yaml"],
        &["explain", "SNC-19.6-b-individual", "provider.yaml"],
        &["diff", "provider.yaml", "provider.yaml"],
    ];
    for args in commands {
        trustcheck()
            .current_dir(dir.path())
            .args(args)
            .args(["--as-of", "2026-11-01"])
            .timeout(Duration::from_secs(60))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("after the assessment date"));
    }
}

/// Every file under `dir` with its content, links as their target.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir(dir)
        .into_iter()
        .map(|path| {
            let content = fs::read(&path).unwrap_or_default();
            (path.strip_prefix(dir).unwrap().to_path_buf(), content)
        })
        .collect()
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        found.push(path.clone());
        if path.is_dir() {
            found.extend(walkdir(&path));
        }
    }
    found
}

#[test]
fn a_run_writes_nothing_but_its_outputs_and_its_record() {
    let dir = folder(&[]);
    let path = dir.path();
    fs::write(path.join("groups.yaml"), REGISTRY).unwrap();
    fs::copy("tests/waivers/lapsed.yaml", path.join("waivers.yaml")).unwrap();
    fs::create_dir(path.join("out")).unwrap();
    let before = tree(path);
    let mut cmd = assess(path);
    cmd.env("TMPDIR", path.join("out"))
        .args([
            "provider.yaml",
            "--entities",
            "groups.yaml",
            "--waivers",
            "waivers.yaml",
        ])
        .args(["--seal", "record"]);
    for &format in super::formats::FORMATS {
        cmd.arg("--output")
            .arg(format!("{format}=out/report.{format}"));
    }
    cmd.assert().code(1);
    let after = tree(path);
    for (file, content) in &before {
        assert_eq!(after.get(file), Some(content), "{} changed", file.display());
    }
    let added: Vec<&PathBuf> = after.keys().filter(|f| !before.contains_key(*f)).collect();
    for file in &added {
        let expected = file.starts_with("record")
            || super::formats::FORMATS
                .iter()
                .any(|f| *file == Path::new(&format!("out/report.{f}")));
        assert!(expected, "{} was written", file.display());
    }
    assert_eq!(
        added.iter().filter(|f| f.starts_with("out")).count(),
        super::formats::FORMATS.len()
    );
}

#[test]
fn a_lock_file_never_replaces_a_rule_it_describes() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack");
    fs::create_dir(&pack).unwrap();
    for name in ["pack.yaml", "MIN-FR-DATA.yaml"] {
        fs::copy(Path::new("examples/rule-pack").join(name), pack.join(name)).unwrap();
    }
    let before = fs::read(pack.join("MIN-FR-DATA.yaml")).unwrap();
    trustcheck()
        .current_dir(dir.path())
        .args([
            "--rules",
            "pack",
            "rules",
            "lock",
            "--out",
            "pack/MIN-FR-DATA.yaml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to write the lock file"));
    assert_eq!(fs::read(pack.join("MIN-FR-DATA.yaml")).unwrap(), before);
}

#[test]
fn validate_confines_entities_from_as_assess_does() {
    let dir = folder(&[]);
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("groups.yaml"), REGISTRY).unwrap();
    let text = fs::read_to_string(dir.path().join("provider.yaml")).unwrap();
    let named = format!("entities_from: [../groups.yaml]\n{text}");
    fs::write(dir.path().join("sub/provider.yaml"), named).unwrap();
    trustcheck()
        .current_dir(dir.path())
        .args(["validate", "sub/provider.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trustcheck::path-not-allowed"));
    trustcheck()
        .current_dir(dir.path())
        .args(["validate", "sub/provider.yaml", "--allow-path", "."])
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn a_report_goes_to_standard_output_through_dev_stdout() {
    let dir = folder(&[]);
    let output = trustcheck()
        .current_dir(dir.path())
        .args([
            "assess",
            "--as-of",
            "2026-11-01",
            "--format",
            "csv",
            "provider.yaml",
        ])
        .args(["--output", "json=/dev/stdout"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("\"reports\""));
}

#[test]
fn explain_ownership_and_diff_confine_entities_from_too() {
    let dir = folder(&[]);
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("groups.yaml"), REGISTRY).unwrap();
    let text = fs::read_to_string(dir.path().join("provider.yaml")).unwrap();
    let named = format!("entities_from: [../groups.yaml]\n{text}");
    fs::write(dir.path().join("sub/provider.yaml"), named).unwrap();
    for command in [
        vec!["ownership", "sub/provider.yaml"],
        vec!["explain", "SNC-19.6-a", "sub/provider.yaml"],
        vec!["diff", "sub/provider.yaml", "sub/provider.yaml"],
    ] {
        trustcheck()
            .current_dir(dir.path())
            .args(&command)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("trustcheck::path-not-allowed"));
        let allowed = trustcheck()
            .current_dir(dir.path())
            .args(&command)
            .args(["--allow-path", "."])
            .output()
            .unwrap();
        assert_ne!(allowed.status.code(), Some(2), "{allowed:?}");
    }
}

#[test]
fn a_report_or_record_that_cannot_be_written_is_an_error_not_an_empty_file() {
    let dir = folder(&[]);
    assess(dir.path())
        .args(["provider.yaml", "--output", "json=missing/report.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write missing/report.json"));
    assert!(!dir.path().join("missing").exists());
    // A record under a file cannot be written: said, and no report is left half-done.
    assess(dir.path())
        .args(["provider.yaml", "--seal", "provider.yaml/record"])
        .args(["--output", "json=report.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("provider.yaml"));
    assert!(!dir.path().join("report.json").exists());
}
