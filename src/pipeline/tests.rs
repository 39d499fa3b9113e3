use std::path::PathBuf;

use jiff::civil::Date;

use super::sink::{Json, Jsonl};
use super::*;
use crate::lang::Lang;
use crate::report::json::Detail;

const AS_OF: Date = Date::constant(2026, 11, 1);

fn options(window: usize) -> RunOptions {
    RunOptions {
        assess: AssessOptions {
            as_of: AS_OF,
            frameworks: vec![],
            lang: Lang::En,
        },
        registries: vec![],
        load: crate::provider::LoadOptions {
            allow: vec![],
            as_of: Some(AS_OF),
        },
        valid_until: None,
        enforce: Enforce::Policy,
        window,
        progress: false,
    }
}

/// The examples, a file with waived gaps, and an input that does not exist.
fn inputs() -> Vec<Input> {
    let mut files: Vec<Input> = [
        "examples/us-hyperscaler-region.yaml",
        "./tests/waivers/two-gaps.yaml",
        "examples/eu-native-qualified.yaml",
        "tests/no-such-provider.yaml",
        "examples/jv-non-eu-minority.yaml",
        "examples/qualification-in-progress.yaml",
    ]
    .iter()
    .map(|p| Input::File(PathBuf::from(p)))
    .collect();
    files.push(Input::File(PathBuf::from(
        "examples/jv-us-technology-licence.yaml",
    )));
    files
}

fn waivers(rules: &RuleSet) -> Vec<Waiver> {
    crate::waivers::load("tests/waivers/accepted.yaml".as_ref(), rules, Some(AS_OF)).unwrap()
}

/// The JSON the pipeline streams, in `detail`, with `window` files in flight.
fn streamed(window: usize, detail: Detail) -> (Vec<u8>, RunEnd) {
    let rules = RuleSet::load(&[]).unwrap();
    let waivers = waivers(&rules);
    let mut json = Json::new(Vec::new(), detail);
    let (end, _) = run(
        &inputs(),
        &rules,
        &waivers,
        &options(window),
        &mut [&mut json],
        |_, _| Ok::<(), ()>(()),
    )
    .unwrap();
    (json.into_inner(), end)
}

#[test]
fn the_stream_equals_the_whole_run_settled_at_once() {
    let rules = RuleSet::load(&[]).unwrap();
    let waivers = waivers(&rules);
    let opts = options(2);
    let reports: Vec<FileReport> = inputs()
        .iter()
        .filter_map(|i| assess_one(i, &rules, &opts).ok().map(|(r, _)| r))
        .collect();
    let mut whole = crate::assess::run_report(reports, &rules, &opts.assess, &waivers);
    whole.enforce(Enforce::Policy);
    let expected = crate::report::json::try_render(&whole).unwrap();
    let (bytes, end) = streamed(2, Detail::Full);
    assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    assert_eq!(end.exit_code(), whole.exit_code());
    assert_eq!(end.files, 6);
    assert_eq!(end.invalid.len(), 1);
    assert!(!whole.waivers.is_empty());
}

#[test]
fn the_output_does_not_depend_on_threads_or_window() {
    let on = |threads: usize, window: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| streamed(window, Detail::Compact).0)
    };
    let one = on(1, 1);
    assert_eq!(one, on(4, 3));
    assert_eq!(one, on(2, 256));
}

#[test]
fn compact_json_keeps_evidence_only_for_results_that_decide() {
    let (compact, _) = streamed(4, Detail::Compact);
    let (full, _) = streamed(4, Detail::Full);
    assert!(compact.len() < full.len());
    let doc: serde_json::Value = serde_json::from_slice(&compact).unwrap();
    let full: serde_json::Value = serde_json::from_slice(&full).unwrap();
    let results = |doc: &serde_json::Value| -> Vec<serde_json::Value> {
        doc["reports"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["results"].as_array().unwrap().clone())
            .collect()
    };
    let (compact, full) = (results(&doc), results(&full));
    assert_eq!(compact.len(), full.len());
    let mut quiet_with_evidence = 0;
    for (c, f) in compact.iter().zip(&full) {
        for kept in [
            "rule",
            "framework",
            "reference",
            "verdict",
            "message",
            "legal_status",
            "enforced",
            "unverified",
            "waiver",
        ] {
            assert_eq!(c[kept], f[kept], "{kept} is kept");
        }
        // The rule's metadata is the catalogue's, not repeated on every result.
        for left in ["title", "severity", "confidence", "caveat"] {
            assert!(c.get(left).is_none(), "{left} is left to the catalogue");
        }
        assert!(f.get("title").is_some() && f.get("severity").is_some());
        match c["verdict"].as_str().unwrap() {
            "pass" | "not_applicable" => {
                assert_eq!(c["evidence"], serde_json::json!([]));
                assert!(c.get("location").is_none() && c.get("too_weak").is_none());
                quiet_with_evidence += usize::from(f["evidence"] != serde_json::json!([]));
            }
            _ => {
                assert_eq!(c["evidence"], f["evidence"]);
                assert_eq!(c["location"], f["location"]);
                assert_eq!(c["too_weak"], f["too_weak"]);
            }
        }
    }
    assert!(quiet_with_evidence > 0, "the fixture has passing evidence");
}

#[test]
fn jsonl_writes_one_complete_object_per_file_in_input_order() {
    let rules = RuleSet::load(&[]).unwrap();
    let mut jsonl = Jsonl::new(Vec::new(), Detail::Compact);
    run(
        &inputs(),
        &rules,
        &[],
        &options(3),
        &mut [&mut jsonl],
        |_, _| Ok::<(), ()>(()),
    )
    .unwrap();
    let text = String::from_utf8(jsonl.into_inner()).unwrap();
    let files: Vec<String> = text
        .lines()
        .map(|line| {
            let doc: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(doc["as_of"], "2026-11-01");
            assert_eq!(doc["trustcheck_version"], env!("CARGO_PKG_VERSION"));
            // A line stands alone: each result says what a pipeline filters on.
            let results = doc["report"]["results"].as_array().unwrap();
            assert!(!results.is_empty());
            for result in results {
                for field in ["rule", "verdict", "message", "reference"] {
                    assert!(result[field].as_str().is_some_and(|v| !v.is_empty()));
                }
            }
            doc["report"]["file"].as_str().unwrap().to_string()
        })
        .collect();
    let expected: Vec<String> = inputs()
        .iter()
        .map(Input::name)
        .filter(|n| !n.contains("no-such"))
        .collect();
    assert_eq!(files, expected);
}

#[test]
fn a_refused_report_stops_the_run_before_any_sink_sees_it() {
    let rules = RuleSet::load(&[]).unwrap();
    let mut jsonl = Jsonl::new(Vec::new(), Detail::Compact);
    let mut seen = 0;
    let outcome = run(
        &inputs(),
        &rules,
        &[],
        &options(2),
        &mut [&mut jsonl],
        |_, _| {
            seen += 1;
            if seen == 2 { Err("refused") } else { Ok(()) }
        },
    );
    assert!(matches!(outcome, Err(RunError::Refused("refused"))));
    assert_eq!(
        String::from_utf8(jsonl.into_inner())
            .unwrap()
            .lines()
            .count(),
        1
    );
}

/// The whole run, settled at once, as the renderers of the whole run read it.
fn whole_run(inputs: &[Input]) -> Report {
    let rules = RuleSet::load(&[]).unwrap();
    let waivers = waivers(&rules);
    let opts = options(2);
    let reports: Vec<FileReport> = inputs
        .iter()
        .filter_map(|i| assess_one(i, &rules, &opts).ok().map(|(r, _)| r))
        .collect();
    let mut whole = crate::assess::run_report(reports, &rules, &opts.assess, &waivers);
    whole.enforce(Enforce::Policy);
    whole
}

/// What `sink` writes of a pipeline run over `inputs`, with the fixture's waivers.
fn streamed_into<S: Sink>(inputs: &[Input], mut sink: S) -> S {
    let rules = RuleSet::load(&[]).unwrap();
    let waivers = waivers(&rules);
    run(
        inputs,
        &rules,
        &waivers,
        &options(3),
        &mut [&mut sink],
        |_, _| Ok::<(), ()>(()),
    )
    .unwrap();
    sink
}

#[test]
fn streamed_gitlab_equals_its_whole_rendering() {
    let cwd = std::env::current_dir().unwrap();
    let qualified = vec![Input::File(PathBuf::from(
        "examples/eu-native-qualified.yaml",
    ))];
    for inputs in [inputs(), qualified] {
        let expected = crate::report::gitlab::render(&whole_run(&inputs), &cwd);
        let sink = streamed_into(&inputs, sink::Gitlab::new(Vec::new(), cwd.clone()));
        let streamed = String::from_utf8(sink.into_inner()).unwrap();
        assert_eq!(streamed, expected);
        serde_json::from_str::<serde_json::Value>(&streamed).unwrap();
    }
}

#[test]
fn streamed_junit_equals_its_whole_rendering() {
    let cwd = std::env::current_dir().unwrap();
    let inputs = inputs();
    let expected = crate::report::junit::render(&whole_run(&inputs), &cwd);
    let sink = streamed_into(&inputs, sink::Junit::new(Vec::new(), cwd.clone()));
    assert_eq!(String::from_utf8(sink.into_inner()).unwrap(), expected);
    assert!(expected.contains("<testsuite ") && expected.ends_with("</testsuites>\n"));
}

#[test]
fn streamed_markdown_equals_its_whole_rendering() {
    use crate::report::markdown;
    let inputs = inputs();
    let expected = markdown::render(&whole_run(&inputs));
    let sink = streamed_into(
        &inputs,
        sink::Framed::new(
            Vec::new(),
            markdown::begin,
            markdown::file_part,
            markdown::ending,
        ),
    );
    assert_eq!(String::from_utf8(sink.into_inner()).unwrap(), expected);
    assert!(
        expected.contains("\n## Waivers\n"),
        "the waivers come at the end"
    );
}

#[test]
fn streamed_html_equals_its_whole_rendering() {
    use crate::report::html;
    let inputs = inputs();
    let expected = html::render(&whole_run(&inputs));
    let sink = streamed_into(
        &inputs,
        sink::Framed::new(Vec::new(), html::begin, html::file_part, html::ending),
    );
    assert_eq!(String::from_utf8(sink.into_inner()).unwrap(), expected);
    assert!(expected.contains("<section class=\"waivers\">"));
}
