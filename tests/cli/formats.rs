//! Every format on every example: produced, valid for its consumer and
//! deterministic. The bytes of each format are kept as one snapshot on a small
//! fixture (`tests/formats.rs`), the examples' verdicts in the verdict matrix
//! (`verdicts.rs`).

use trustcheck::provider::json_schema::Validator;

use crate::cli::trustcheck;

/// Every report format `assess --format` takes.
pub(crate) const FORMATS: &[&str] = &[
    "json",
    "jsonl",
    "sarif",
    "junit",
    "markdown",
    "html",
    "oscal",
    "github",
    "github-summary",
    "gitlab",
    "csv",
    "table",
];

fn examples() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir("examples")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files
}

fn render(format: &str) -> String {
    let output = trustcheck()
        .args(["assess", "--as-of", "2026-11-01", "--format", format])
        .args(examples())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{format}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn schema_file(schema: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(format!("tests/schemas/{schema}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_format_is_deterministic() {
    for format in FORMATS {
        let first = render(format);
        assert!(!first.is_empty(), "{format}");
        assert_eq!(first, render(format), "{format} differs between two runs");
    }
}

#[test]
fn machine_formats_validate_against_their_schemas() {
    for (format, schema) in [
        ("sarif", "sarif-2.1.0-subset.json"),
        ("gitlab", "gitlab-code-quality.json"),
        ("oscal", "oscal-assessment-results-subset.json"),
    ] {
        let json: serde_json::Value = serde_json::from_str(&render(format)).unwrap();
        let schema = schema_file(schema);
        let errors: Vec<String> = Validator::new(&schema)
            .with_patterns(crate::regex_match)
            .errors(&json)
            .iter()
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{format}: {errors:?}");
    }
    let junit = render("junit");
    let document = roxmltree::Document::parse(&junit).unwrap();
    let cases = document
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert!(cases > 50, "{cases} test cases");
    let csv = render("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert!(reader.records().all(|r| r.is_ok()));
}

#[test]
fn several_outputs_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = trustcheck();
    cmd.args([
        "assess",
        "--as-of",
        "2026-11-01",
        "examples/us-hyperscaler-region.yaml",
        "--format",
        "json",
    ]);
    for format in ["sarif", "junit", "html"] {
        cmd.arg("--output").arg(format!(
            "{format}={}",
            dir.path().join(format!("report.{format}")).display()
        ));
    }
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    for format in ["sarif", "junit", "html"] {
        let written = std::fs::read_to_string(dir.path().join(format!("report.{format}"))).unwrap();
        assert!(!written.is_empty(), "{format}");
    }
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 3, "no temporary file is left behind");
}

#[test]
fn jsonl_has_one_complete_report_per_line_in_input_order() {
    let text = render("jsonl");
    let files: Vec<String> = text
        .lines()
        .map(|line| {
            let doc: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(doc["as_of"], "2026-11-01");
            assert!(doc["trustcheck_version"].is_string());
            assert!(doc["report"]["results"].is_array());
            doc["report"]["file"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(files, examples());
}

#[test]
fn detail_full_adds_the_evidence_of_passing_results_only() {
    let run = |detail: &str| -> serde_json::Value {
        let output = trustcheck()
            .args(["assess", "--as-of", "2026-11-01", "--format", "json"])
            .args(["--detail", detail])
            .args(examples())
            .output()
            .unwrap();
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let (compact, full) = (run("compact"), run("full"));
    let default: serde_json::Value = serde_json::from_str(&render("json")).unwrap();
    assert_eq!(default, compact, "compact is the default");
    let mut dropped = 0;
    for (c, f) in compact["reports"]
        .as_array()
        .unwrap()
        .iter()
        .zip(full["reports"].as_array().unwrap())
    {
        for (c, f) in c["results"]
            .as_array()
            .unwrap()
            .iter()
            .zip(f["results"].as_array().unwrap())
        {
            assert_eq!((&c["rule"], &c["verdict"]), (&f["rule"], &f["verdict"]));
            if ["pass", "not_applicable"].contains(&c["verdict"].as_str().unwrap()) {
                assert_eq!(c["evidence"], serde_json::json!([]));
                dropped += usize::from(f["evidence"] != serde_json::json!([]));
            } else {
                assert_eq!(c["evidence"], f["evidence"]);
            }
        }
    }
    assert!(dropped > 0);
}

#[test]
fn one_run_streams_into_several_outputs_and_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = trustcheck();
    cmd.args(["assess", "--as-of", "2026-11-01", "--format", "jsonl"])
        .args(examples());
    for format in ["json", "jsonl", "csv"] {
        cmd.arg("--output").arg(format!(
            "{format}={}",
            dir.path().join(format!("report.{format}")).display()
        ));
    }
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let read = |format: &str| {
        std::fs::read_to_string(dir.path().join(format!("report.{format}"))).unwrap()
    };
    assert_eq!(read("json"), render("json"));
    assert_eq!(read("jsonl"), render("jsonl"));
    assert_eq!(read("jsonl"), String::from_utf8(output.stdout).unwrap());
    assert_eq!(read("csv"), render("csv"));
}

#[test]
fn the_output_is_the_same_whatever_the_number_of_threads() {
    let run = |threads: &str| {
        trustcheck()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "assess",
                "--as-of",
                "2026-11-01",
                "--format",
                "json",
                "examples",
            ])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
}
