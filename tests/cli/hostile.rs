//! Broken and hostile input through the command line: each ends in a clear error and
//! exit code 2, and good files beside it are still assessed.

use predicates::prelude::*;

use crate::cli::trustcheck;

#[test]
fn every_file_of_the_bad_input_corpus_exits_2_with_its_name() {
    let mut files: Vec<_> = std::fs::read_dir("tests/invalid")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| !p.ends_with("bom.yaml"))
        .collect();
    files.sort();
    assert!(files.len() > 15);
    for file in files {
        trustcheck()
            .arg("validate")
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                file.file_name().unwrap().to_string_lossy(),
            ));
    }
}

#[cfg(unix)]
#[test]
fn a_link_loop_in_a_folder_is_reported_and_the_rest_assessed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("nested")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("nested/loop")).unwrap();
    std::fs::copy(
        "examples/eu-native-qualified.yaml",
        dir.path().join("ok.yaml"),
    )
    .unwrap();
    trustcheck()
        .args(["assess", "--as-of", "2026-11-01"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout(predicate::str::contains("ok.yaml"))
        .stderr(predicate::str::contains("loops"));
}

#[test]
fn a_rule_pack_with_a_cycle_or_an_unknown_reference_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("examples/rule-pack/pack.yaml", dir.path().join("pack.yaml")).unwrap();
    let rule = std::fs::read_to_string("examples/rule-pack/MIN-FR-DATA.yaml").unwrap();
    let head = rule.split("check:").next().unwrap().to_string();
    let tail = rule.split("message:").nth(1).unwrap().to_string();
    let cyclic = |id: &str, other: &str| {
        let head = head.replace("id: MIN-FR-DATA", &format!("id: {id}"));
        format!("{head}check:\n  rule: {other}\nmessage:{tail}")
    };
    std::fs::write(dir.path().join("A.yaml"), cyclic("MIN-A", "MIN-B")).unwrap();
    std::fs::write(dir.path().join("B.yaml"), cyclic("MIN-B", "MIN-A")).unwrap();
    trustcheck()
        .arg("--rules")
        .arg(dir.path())
        .args(["assess", "examples/eu-native-qualified.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cycle"));
    std::fs::remove_file(dir.path().join("B.yaml")).unwrap();
    std::fs::write(
        dir.path().join("A.yaml"),
        rule.replace("id: MIN-FR-DATA", "id: MIN-A")
            .replace("  all:\n", "  all:\n    - rule: SNC-99\n"),
    )
    .unwrap();
    trustcheck()
        .arg("--rules")
        .arg(dir.path())
        .args(["assess", "examples/eu-native-qualified.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule SNC-99"));
}

#[test]
fn shared_registries_are_loaded_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("examples/us-hyperscaler-region.yaml").unwrap();
    std::fs::write(dir.path().join("provider.yaml"), &text).unwrap();
    // A registry that declares an entity the provider file does not use.
    std::fs::write(
        dir.path().join("groups.yaml"),
        "trustcheck_registry: 1\nentities:\n  other-group: { name: Other Group SA, country: FR }\n",
    )
    .unwrap();
    trustcheck()
        .arg("validate")
        .arg(dir.path().join("provider.yaml"))
        .arg("--entities")
        .arg(dir.path().join("groups.yaml"))
        .assert()
        .success();
    std::fs::write(
        dir.path().join("broken.yaml"),
        "trustcheck_registry: 1\nentities:\n  x: { name: X, country: FRA }\n",
    )
    .unwrap();
    trustcheck()
        .arg("validate")
        .arg(dir.path().join("provider.yaml"))
        .arg("--entities")
        .arg(dir.path().join("broken.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.yaml").and(predicate::str::contains("FRA")));
}

/// A single line of 100,000+ characters with a YAML error at its very end: the
/// report clips the line around the error instead of panicking, and still gives the
/// real line and column.
fn long_line_then_error(prefix: &str) -> String {
    format!("{prefix}{}: [\n", "x".repeat(100_000))
}

fn assert_clipped_error(output: std::process::Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains(", column 1000"), "{stderr}");
    assert!(stderr.contains('…'), "{stderr}");
    assert!(
        stderr.len() < 5_000,
        "the excerpt is short: {} bytes",
        stderr.len()
    );
}

#[test]
fn an_error_past_column_65535_of_a_provider_file_is_clipped_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.yaml");
    std::fs::write(&file, long_line_then_error("name: ")).unwrap();
    for command in ["validate", "assess"] {
        assert_clipped_error(trustcheck().arg(command).arg(&file).output().unwrap());
    }
}

#[test]
fn an_error_past_column_65535_of_a_rule_pack_or_waivers_is_clipped_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("examples/rule-pack/pack.yaml", dir.path().join("pack.yaml")).unwrap();
    std::fs::write(dir.path().join("LONG.yaml"), long_line_then_error("id: ")).unwrap();
    assert_clipped_error(
        trustcheck()
            .arg("--rules")
            .arg(dir.path())
            .args(["rules", "list"])
            .output()
            .unwrap(),
    );
    let waivers = dir.path().join("waivers.yaml");
    std::fs::write(&waivers, long_line_then_error("waivers: ")).unwrap();
    assert_clipped_error(
        trustcheck()
            .args([
                "assess",
                "--as-of",
                "2026-11-01",
                "tests/waivers/two-gaps.yaml",
            ])
            .arg("--waivers")
            .arg(&waivers)
            .output()
            .unwrap(),
    );
}

/// A provider file whose names carry terminal escapes, control characters, markup, a
/// spreadsheet formula and a forged workflow command.
fn hostile_provider(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string("examples/us-hyperscaler-region.yaml")
        .unwrap()
        .replace(
            "name: Stratus Cloud, region Paris (eu-west-paris)",
            r#"name: "=HYPERLINK(\"http://evil\")\e[31m<script>x</script>|`x`\r\n::error::forged\a""#,
        )
        .replace(
            "name: Stratus Cloud France SAS",
            r#"name: "\e]8;;http://evil\e\\Stratus\e[2J\rFR\u202Eevil""#,
        )
        .replace(
            "reference: \"Stratus Cloud customer agreement (EU), version 2026-06\"",
            r#"reference: "@SUM(1)\e[1m\x9b2J <img src=x onerror=alert(1)>""#,
        );
    assert!(text.contains("HYPERLINK") && text.contains("@SUM"));
    let file = dir.join("hostile.yaml");
    std::fs::write(&file, text).unwrap();
    file
}

/// A character that must never reach a terminal, a spreadsheet or a log raw.
fn is_hazard(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\r' && c != '\t')
        || ('\u{202A}'..='\u{202E}').contains(&c)
}

/// The strings people read in a SARIF log or a GitLab report.
fn message_texts(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Array(items) => items.iter().for_each(|v| message_texts(v, out)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("text" | "markdown" | "description", serde_json::Value::String(s)) => {
                        out.push(s.clone())
                    }
                    ("properties", _) => {}
                    _ => message_texts(v, out),
                }
            }
        }
        _ => {}
    }
}

#[test]
fn hostile_names_are_neutralised_in_every_text_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_provider(dir.path());
    for &format in super::formats::FORMATS {
        let output = trustcheck()
            .args(["assess", "--as-of", "2026-11-01", "--format", format])
            .arg(&file)
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}: {stdout}");
        if format == "sarif" || format == "gitlab" {
            // JSON read by people through a tool: its messages are text, its property
            // bags are data as in the JSON report.
            let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            let mut texts = Vec::new();
            message_texts(&value, &mut texts);
            for text in texts {
                assert!(
                    !text.chars().any(is_hazard) && !text.contains('\r'),
                    "{format}: {text:?}"
                );
            }
            continue;
        }
        if format == "json" || format == "oscal" {
            // Data, not text: the JSON encoder escapes control characters, and the
            // value stays exactly what the file says.
            serde_json::from_str::<serde_json::Value>(&stdout).unwrap();
            continue;
        }
        if format == "jsonl" {
            for line in stdout.lines() {
                serde_json::from_str::<serde_json::Value>(line).unwrap();
            }
            continue;
        }
        if format != "csv" {
            assert!(stdout.contains("HYPERLINK"), "{format}: the name is shown");
        }
        assert!(!stdout.chars().any(is_hazard), "{format}: {stdout:?}");
        assert!(
            !stdout.contains('\r') || format == "csv",
            "{format}: {stdout:?}"
        );
        match format {
            "csv" => assert!(stdout.contains("@SUM(1)\\u{1b}[1m"), "{stdout}"),
            "github" => assert!(
                // The forged command stays inside a message: it never starts a line.
                stdout.lines().all(|l| !l.starts_with("::error::forged")
                    && ["::error ", "::warning ", "::notice "]
                        .iter()
                        .any(|kind| l.starts_with(kind))),
                "{stdout}"
            ),
            "markdown" | "github-summary" => {
                // Markup is escaped: every `<` and backtick is preceded by a backslash.
                assert!(!stdout.replace("\\<", "").contains('<'), "{stdout}");
                assert!(!stdout.contains("|`x`"), "{stdout}");
            }
            "html" | "junit" => {
                assert!(
                    !stdout.contains("<script>") && !stdout.contains("<img"),
                    "{stdout}"
                );
            }
            _ => {}
        }
    }
}

#[test]
fn hostile_names_are_neutralised_in_ownership_explain_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_provider(dir.path());
    let runs: [Vec<std::ffi::OsString>; 5] = [
        vec!["ownership".into(), file.clone().into()],
        vec![
            "ownership".into(),
            "--graph".into(),
            "dot".into(),
            file.clone().into(),
        ],
        vec![
            "ownership".into(),
            "--graph".into(),
            "mermaid".into(),
            file.clone().into(),
        ],
        vec!["explain".into(), "SNC-19.6-a".into(), file.clone().into()],
        vec![
            "diff".into(),
            "examples/us-hyperscaler-region.yaml".into(),
            file.clone().into(),
        ],
    ];
    for args in runs {
        let output = trustcheck().args(&args).output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(!stdout.chars().any(is_hazard), "{args:?}: {stdout:?}");
        assert!(!stdout.contains('\r'), "{args:?}: {stdout:?}");
        if args[0] != "explain" {
            assert!(
                stdout.contains("\\u{1b}"),
                "{args:?}: the escape is shown: {stdout}"
            );
        }
    }
    let output = trustcheck()
        .args([
            "diff",
            "--format",
            "markdown",
            "examples/us-hyperscaler-region.yaml",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.chars().any(is_hazard), "{stdout:?}");
    assert!(!stdout.replace("\\<", "").contains('<'), "{stdout}");
}

#[test]
fn a_csv_cell_that_would_be_a_formula_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_provider(dir.path());
    std::fs::rename(&file, dir.path().join("=HYPERLINK(1).yaml")).unwrap();
    let output = trustcheck()
        .current_dir(dir.path())
        .args(["assess", "--as-of", "2026-11-01", "--format", "csv"])
        .arg("=HYPERLINK(1).yaml")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let rows: Vec<&str> = stdout.lines().skip(1).collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row.starts_with("'=HYPERLINK(1).yaml,"), "{row}");
    }
}

#[test]
fn an_error_on_a_line_with_escape_sequences_shows_them_without_sending_them() {
    let dir = tempfile::tempdir().unwrap();
    let provider = std::fs::read_to_string("examples/us-hyperscaler-region.yaml").unwrap();
    let cases = [
        // A key that is not part of the format, then a YAML error.
        provider.replacen("as_of:", "as\u{1b}[2J\u{1b}[31mof:", 1),
        format!("{provider}\nbad\u{1b}]0;title\u{7}: [\n"),
    ];
    for text in cases {
        let file = dir.path().join("escapes.yaml");
        std::fs::write(&file, text).unwrap();
        let output = trustcheck().arg("validate").arg(&file).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(!stderr.chars().any(is_hazard), "{stderr:?}");
        assert!(stderr.contains("\\u{1b}"), "{stderr}");
    }
}

#[test]
fn a_line_break_in_a_name_cannot_forge_a_line_of_the_terminal_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("examples/us-hyperscaler-region.yaml")
        .unwrap()
        .replace(
            "name: Stratus Cloud France SAS",
            r#"name: "Stratus\nFORGED verdict: pass""#,
        );
    let file = dir.path().join("forged.yaml");
    std::fs::write(&file, text).unwrap();
    for args in [vec!["assess", "--as-of", "2026-11-01"], vec!["ownership"]] {
        let output = trustcheck().args(&args).arg(&file).output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains("FORGED"), "{args:?}: the name is shown");
        assert!(
            stdout
                .lines()
                .all(|l| !l.trim_start().starts_with("FORGED")),
            "{args:?}: {stdout}"
        );
    }
}
