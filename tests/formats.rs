//! Every report format on one hand-built report: validity against each consumer's
//! schema or parser, the mapping of verdicts, snapshots, and determinism.

#[path = "formats/fixture.rs"]
mod fixture;
#[path = "formats/json_formats.rs"]
mod json_formats;
#[path = "formats/text_formats.rs"]
mod text_formats;

use std::path::{Path, PathBuf};

use trustcheck::lang::Lang;
use trustcheck::report::json::{Detail, jsonl_line};
use trustcheck::report::table::TableStyle;
use trustcheck::report::{
    Report, csv, github, gitlab, html, json, junit, markdown, oscal, sarif, table,
};

/// The working directory the CI formats resolve paths against.
pub fn working_dir() -> &'static Path {
    Path::new(fixture::WORKING_DIR)
}

/// The table as `assess` draws it into a file or a pipe: no colour, a fixed width.
const TABLE: TableStyle = TableStyle {
    color: false,
    width: 100,
    evidence_lines: 3,
};

/// The `jsonl` format: one line per file.
fn jsonl(report: &Report) -> String {
    report
        .reports
        .iter()
        .map(|file| jsonl_line(report, file, Detail::Compact).expect("serialisable"))
        .collect()
}

/// Every format and its rendering of `report`, by name.
fn render_all(report: &Report) -> Vec<(&'static str, String)> {
    vec![
        ("json", json::render(report)),
        ("jsonl", jsonl(report)),
        ("table", table::render(report, TABLE, Lang::En)),
        ("sarif", sarif::render(report, working_dir())),
        ("junit", junit::render(report, working_dir())),
        ("markdown", markdown::render(report)),
        ("html", html::render(report)),
        ("oscal", oscal::render(report, oscal::DEFAULT_OSCAL_VERSION)),
        (
            "oscal_catalog",
            oscal::catalog(report, oscal::DEFAULT_OSCAL_VERSION),
        ),
        ("github", github::render(report, working_dir())),
        ("github_step_summary", github::step_summary(report)),
        ("gitlab", gitlab::render(report, working_dir())),
        ("csv", csv::render(report)),
    ]
}

#[test]
fn every_format_gives_the_same_bytes_twice() {
    for lang in [Lang::En, Lang::Fr] {
        let first = render_all(&fixture::report(lang));
        let second = render_all(&fixture::report(lang));
        for ((name, a), (_, b)) in first.iter().zip(&second) {
            assert!(!a.is_empty(), "{name} rendered nothing");
            assert_eq!(a, b, "{name} differs between two renderings");
        }
    }
}

#[test]
fn renderers_read_no_clock_and_no_randomness() {
    let forbidden = [
        "now(",
        "SystemTime",
        "Instant",
        "new_v4",
        "HashMap",
        "HashSet",
        "rand::",
        "env::var",
    ];
    let mut files = Vec::new();
    collect_sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/report"),
        &mut files,
    );
    assert!(files.len() >= 10, "report sources not found: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable source");
        for word in forbidden {
            assert!(!text.contains(word), "{} uses {word}", file.display());
        }
    }
}

fn collect_sources(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("report directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_sources(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn snapshots_of_every_format() {
    for (name, text) in render_all(&fixture::report(Lang::En)) {
        insta::assert_snapshot!(format!("{name}_en").as_str(), text);
    }
    // The human-readable formats speak French too.
    let french = fixture::report(Lang::Fr);
    insta::assert_snapshot!("markdown_fr", markdown::render(&french));
    insta::assert_snapshot!("html_fr", html::render(&french));
    insta::assert_snapshot!("junit_fr", junit::render(&french, working_dir()));
    insta::assert_snapshot!("table_fr", table::render(&french, TABLE, Lang::Fr));
}
