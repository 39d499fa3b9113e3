//! The verdict matrix of the shipped examples: for every example, its overall
//! verdict, each framework's verdict, each procurement decision and every rule's
//! verdict, kept in `tests/examples/verdicts.txt` and compared line by line. A change
//! of wording leaves the file alone; a change of verdict shows as a short diff.
//! `UPDATE_VERDICTS=1 cargo test --test suite verdict_matrix` rewrites the file.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::cli::trustcheck;

const MATRIX: &str = "tests/examples/verdicts.txt";

const HEADER: &str = "\
# The verdicts of the shipped examples on 2026-11-01: example, kind, id, verdict.
# kind: `verdict` (the file's), `framework`, `procurement` (the decision for the
# workload under that framework) or `rule`. Checked by the test `verdict_matrix`;
# regenerate with `UPDATE_VERDICTS=1 cargo test --test suite verdict_matrix` and
# review the diff: every changed line is a changed verdict.
";

/// One line of the matrix: (example, kind, id) and the verdict.
type Matrix = BTreeMap<(String, String, String), String>;

fn examples() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir("examples")
        .expect("examples directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or("absent").to_string()
}

/// The matrix as the shipped examples give it today, in the file's order.
fn actual() -> Vec<(String, String, String, String)> {
    let output = trustcheck()
        .args(["assess", "--format", "json", "--as-of", "2026-11-01"])
        .args(examples())
        .output()
        .expect("runs");
    let run: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    let reports = run["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), examples().len(), "one report per example");
    let rules: Vec<String> = run["rules"]
        .as_array()
        .expect("rule catalogue")
        .iter()
        .map(|r| text(&r["id"]))
        .collect();
    assert!(!rules.is_empty(), "no rules in the catalogue");
    let mut lines = Vec::new();
    for report in reports {
        let example = text(&report["file"])
            .trim_start_matches("examples/")
            .to_string();
        let mut line = |kind: &str, id: String, verdict: String| {
            lines.push((example.clone(), kind.to_string(), id, verdict));
        };
        line("verdict", "-".into(), text(&report["verdict"]));
        for framework in report["frameworks"].as_array().into_iter().flatten() {
            line(
                "framework",
                text(&framework["id"]),
                text(&framework["verdict"]),
            );
        }
        for decision in report["procurement"].as_array().into_iter().flatten() {
            line(
                "procurement",
                text(&decision["framework"]),
                text(&decision["decision"]),
            );
        }
        let results = report["results"].as_array().expect("results");
        for rule in &rules {
            let verdict = results
                .iter()
                .find(|r| r["rule"].as_str() == Some(rule))
                .map_or_else(|| "absent".to_string(), |r| text(&r["verdict"]));
            line("rule", rule.clone(), verdict);
        }
    }
    lines
}

/// The file's text for `lines`, columns aligned.
fn format(lines: &[(String, String, String, String)]) -> String {
    let width =
        |f: fn(&(String, String, String, String)) -> usize| lines.iter().map(f).max().unwrap_or(0);
    let (a, b, c) = (
        width(|l| l.0.len()),
        width(|l| l.1.len()),
        width(|l| l.2.len()),
    );
    let mut out = HEADER.to_string();
    for (example, kind, id, verdict) in lines {
        out.push_str(&format!("{example:a$}  {kind:b$}  {id:c$}  {verdict}\n"));
    }
    out
}

/// The matrix in `text`; a malformed or repeated line is an error naming its number.
fn parse(text: &str) -> Result<Matrix, String> {
    let mut matrix = Matrix::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [example, kind, id, verdict] = fields[..] else {
            return Err(format!(
                "line {}: expected `example kind id verdict`, found {line:?}",
                n + 1
            ));
        };
        let key = (example.to_string(), kind.to_string(), id.to_string());
        if matrix.insert(key, verdict.to_string()).is_some() {
            return Err(format!("line {}: {example} {kind} {id} repeated", n + 1));
        }
    }
    Ok(matrix)
}

/// The differences between the expected and actual matrices, as `-`/`+` lines.
fn diff(expected: &Matrix, actual: &Matrix) -> Vec<String> {
    let mut out = Vec::new();
    let keys: std::collections::BTreeSet<_> = expected.keys().chain(actual.keys()).collect();
    for key in keys {
        let (example, kind, id) = key;
        match (expected.get(key), actual.get(key)) {
            (Some(e), Some(a)) if e == a => {}
            (e, a) => {
                if let Some(e) = e {
                    out.push(format!("- {example} {kind} {id} {e}"));
                }
                if let Some(a) = a {
                    out.push(format!("+ {example} {kind} {id} {a}"));
                }
            }
        }
    }
    out
}

#[test]
fn verdict_matrix() {
    let lines = actual();
    let generated = format(&lines);
    if std::env::var_os("UPDATE_VERDICTS").is_some() {
        std::fs::write(MATRIX, &generated).expect("writable matrix");
        return;
    }
    let actual = parse(&generated).expect("the generated matrix parses");
    assert_eq!(actual.len(), lines.len(), "a key repeats in the reports");
    let committed = std::fs::read_to_string(MATRIX).unwrap_or_default();
    let expected = parse(&committed).unwrap_or_else(|e| panic!("{MATRIX}: {e}"));
    let differences = diff(&expected, &actual);
    assert!(
        differences.is_empty(),
        "the verdicts of the examples changed (- {MATRIX}, + now); if intended, \
         rerun with UPDATE_VERDICTS=1 and review the diff:\n{}",
        differences.join("\n")
    );
}

#[test]
fn the_matrix_names_every_example_and_every_rule() {
    let committed = std::fs::read_to_string(MATRIX).expect("the matrix is committed");
    let matrix = parse(&committed).expect("the matrix parses");
    for example in examples() {
        let name = example.trim_start_matches("examples/");
        assert!(
            matrix.contains_key(&(name.to_string(), "verdict".into(), "-".into())),
            "{name} is missing from {MATRIX}"
        );
    }
    let rules = trustcheck::rules::RuleSet::load(&[]).expect("embedded packs load");
    let per_example = matrix.keys().filter(|(_, kind, _)| kind == "rule").count();
    assert_eq!(per_example, rules.rules().len() * examples().len());
}

#[test]
fn a_changed_verdict_shows_as_one_removed_and_one_added_line() {
    let before = parse("a.yaml rule R-1 pass\na.yaml rule R-2 fail\n").expect("parses");
    let after = parse("a.yaml rule R-1 unknown\na.yaml rule R-2 fail\na.yaml rule R-3 pass\n")
        .expect("parses");
    assert_eq!(
        diff(&before, &after),
        [
            "- a.yaml rule R-1 pass",
            "+ a.yaml rule R-1 unknown",
            "+ a.yaml rule R-3 pass"
        ]
    );
}

#[test]
fn malformed_and_repeated_lines_are_refused() {
    assert!(parse("a.yaml rule pass\n").is_err());
    assert!(parse("a.yaml rule R-1 pass\na.yaml rule R-1 fail\n").is_err());
    assert!(parse("# comment\n\na.yaml verdict - pass\n").is_ok());
}
