//! Hostile sealed records: what a forger or a careless copy could put in a record.
//! `verify` and `diff` both read records, so both must refuse the same things (exit 2,
//! nothing on standard output) without reading outside the record or blocking.

use std::path::Path;
use std::time::Duration;

use super::{SEALED_QUALIFIED, edit, refused, seal, trustcheck};

/// `diff` of a record with itself, which must be refused: returns standard error.
/// Bounded in time, so that a FIFO that blocks fails the test instead of hanging it.
fn diff_refused(record: &Path) -> String {
    let output = trustcheck()
        .arg("diff")
        .arg(record)
        .arg(record)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "", "{stderr}");
    stderr
}

/// Text without white space or the frame of a diagnostic, so that what a message
/// says can be found whatever the width it was wrapped to.
fn flat(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

/// Whether the diagnostic `stderr` says `said`, however it was wrapped.
fn says(stderr: &str, said: &str) -> bool {
    flat(stderr).contains(&flat(said))
}

/// Both readers refuse `record`, each saying every one of `said`, and neither panics.
fn both_refuse(record: &Path, said: &[&str]) {
    for (command, stderr) in [("verify", refused(record)), ("diff", diff_refused(record))] {
        assert!(!stderr.contains("panicked"), "{command}: {stderr}");
        for s in said {
            assert!(says(&stderr, s), "{command} should say {s:?}: {stderr}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_sealed_input_linked_to_a_system_file_is_refused_by_verify_and_diff() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    std::fs::remove_file(record.join(SEALED_QUALIFIED)).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", record.join(SEALED_QUALIFIED)).unwrap();
    both_refuse(&record, &["a symbolic link (to /etc/passwd)"]);
}

#[cfg(unix)]
#[test]
fn a_link_to_a_system_file_anywhere_in_the_record_is_refused_by_verify_and_diff() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    std::os::unix::fs::symlink("/etc/passwd", record.join("reports/passwd")).unwrap();
    both_refuse(
        &record,
        &["reports/passwd", "a symbolic link (to /etc/passwd)"],
    );
}

#[cfg(unix)]
#[test]
fn a_sealed_input_linked_out_of_the_record_is_refused_by_diff() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    // The same bytes outside: the link would read exactly what was sealed.
    let outside = temp.path().join("outside.yaml");
    std::fs::copy(record.join(SEALED_QUALIFIED), &outside).unwrap();
    std::fs::remove_file(record.join(SEALED_QUALIFIED)).unwrap();
    std::os::unix::fs::symlink(&outside, record.join(SEALED_QUALIFIED)).unwrap();
    let stderr = diff_refused(&record);
    assert!(says(&stderr, "a symbolic link (to "), "{stderr}");
    assert!(says(&stderr, "diff reads nothing outside it"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_folder_linked_out_of_the_record_is_refused_by_diff() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    let outside = temp.path().join("providers");
    std::fs::rename(record.join("inputs/providers"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, record.join("inputs/providers")).unwrap();
    let stderr = diff_refused(&record);
    assert!(says(&stderr, "a symbolic link (to "), "{stderr}");
    assert!(says(&stderr, "inputs/providers"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_record_is_refused_by_verify_and_diff_without_blocking() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    std::fs::remove_file(record.join(SEALED_QUALIFIED)).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(record.join(SEALED_QUALIFIED))
        .status()
        .unwrap();
    assert!(made.success());
    both_refuse(&record, &[SEALED_QUALIFIED, "a FIFO"]);
}

#[test]
fn a_manifest_that_is_not_json_is_refused_by_verify_and_diff() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    std::fs::write(record.join("manifest.json"), "not json {").unwrap();
    both_refuse(&record, &["manifest.json", "expected ident"]);
}

#[test]
fn a_manifest_too_large_is_refused_unread_by_verify_and_diff() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    // Sparse: the size alone must refuse it, before anything is read.
    let manifest = std::fs::OpenOptions::new()
        .write(true)
        .open(record.join("manifest.json"))
        .unwrap();
    manifest.set_len(65 * 1024 * 1024).unwrap();
    both_refuse(&record, &["manifest.json", "larger than"]);
}

#[test]
fn a_deeply_nested_manifest_is_refused_by_verify_and_diff() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    let depth = 100_000;
    let nested = format!(
        "{{\"format\": {}{}}}",
        "{\"a\": ".repeat(depth),
        "}".repeat(depth)
    );
    std::fs::write(record.join("manifest.json"), nested).unwrap();
    both_refuse(&record, &["manifest.json"]);
}

#[test]
fn manifest_paths_leaving_the_record_are_refused_by_verify_and_diff() {
    for bad in ["../x", "inputs/../../x", "/etc/passwd", ""] {
        let temp = tempfile::tempdir().unwrap();
        let record = seal(temp.path(), &[]);
        edit(
            &record.join("manifest.json"),
            &format!("\"path\": \"{SEALED_QUALIFIED}\""),
            &format!("\"path\": \"{bad}\""),
        );
        both_refuse(&record, &["not a path inside the record"]);
    }
}

#[test]
fn a_manifest_naming_a_folder_as_a_sealed_input_is_refused_by_diff() {
    let temp = tempfile::tempdir().unwrap();
    let record = seal(temp.path(), &[]);
    edit(
        &record.join("manifest.json"),
        &format!("\"path\": \"{SEALED_QUALIFIED}\""),
        "\"path\": \"inputs/providers\"",
    );
    let stderr = diff_refused(&record);
    assert!(
        says(
            &stderr,
            "`inputs/providers`, which is not a regular file of the record"
        ),
        "{stderr}"
    );
}
