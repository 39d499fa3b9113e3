//! The command line, end to end: exit codes, formats, errors, and every command's
//! success and error paths.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod cli {
    pub mod assess;
    pub mod authoring;
    pub mod commands;
    pub mod evidence;
    pub mod examples;
    pub mod formats;
    pub mod hostile;
    pub mod legal;
    pub mod procurement;
    pub mod safe_io;
    pub mod verdicts;
}

/// The binary, with a fixed language and no colour.
pub fn trustcheck() -> Command {
    let mut cmd = Command::cargo_bin("trustcheck").expect("binary");
    cmd.env("LANG", "C").env("NO_COLOR", "1");
    cmd
}

/// `assess --format json` on files, returning the exit code and the parsed report.
pub fn assess_json(args: &[&str]) -> (i32, Value) {
    let output = trustcheck()
        .args(["assess", "--format", "json", "--as-of", "2026-11-01"])
        .args(args)
        .output()
        .expect("runs");
    let report = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code().unwrap_or(-1), report)
}

/// The verdict of one rule in the first file of a JSON report.
pub fn verdict(report: &Value, rule: &str) -> String {
    report["reports"][0]["results"]
        .as_array()
        .and_then(|results| results.iter().find(|r| r["rule"] == rule))
        .and_then(|r| r["verdict"].as_str())
        .unwrap_or("absent")
        .to_string()
}

#[test]
fn help_lists_the_commands() {
    trustcheck()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("assess").and(predicate::str::contains("ownership")));
}

#[test]
fn usage_errors_exit_2() {
    trustcheck().arg("assess").assert().code(2);
    trustcheck().args(["frobnicate"]).assert().code(2);
}
