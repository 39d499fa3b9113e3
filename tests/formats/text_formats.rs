//! JUnit and HTML read back with an XML parser, CSV with a CSV reader, Markdown and
//! GitHub workflow commands line by line.

use std::collections::BTreeSet;

use roxmltree::{Document, Node, ParsingOptions};
use trustcheck::engine::Verdict;
use trustcheck::lang::Lang;
use trustcheck::report::{Report, ResultEntry, csv, github, html, junit, markdown};

use crate::formats::fixture::{self, SNC};
use crate::formats::working_dir;

fn all_results(report: &Report) -> Vec<&ResultEntry> {
    report.reports.iter().flat_map(|f| &f.results).collect()
}

fn count(report: &Report, verdict: Verdict) -> usize {
    all_results(report)
        .iter()
        .filter(|r| r.verdict == verdict)
        .count()
}

/// Failing and unknown results below `--enforce`: shown as notices, never gating.
fn not_enforced(report: &Report) -> usize {
    all_results(report)
        .iter()
        .filter(|r| !r.enforced && matches!(r.verdict, Verdict::Fail | Verdict::Unknown))
        .count()
}

fn enforced_count(report: &Report, verdict: Verdict) -> usize {
    all_results(report)
        .iter()
        .filter(|r| r.enforced && r.verdict == verdict)
        .count()
}

fn attribute(node: Node, name: &str) -> usize {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("attribute {name} on {:?}", node.tag_name()))
}

fn children<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    node.children().filter(|n| n.has_tag_name(name)).collect()
}

#[test]
fn junit_counts_and_maps_every_verdict() {
    let report = fixture::report(Lang::En);
    let text = junit::render(&report, working_dir());
    let document = Document::parse(&text).expect("well-formed XML");
    let root = document.root_element();
    assert!(root.has_tag_name("testsuites"));
    // The totals are the suites' (the root carries none, so that suites stream).
    assert!(root.attribute("tests").is_none());
    let total = |name: &str| -> usize {
        children(root, "testsuite")
            .into_iter()
            .map(|suite| attribute(suite, name))
            .sum()
    };
    assert_eq!(total("tests"), all_results(&report).len());
    assert_eq!(total("failures"), enforced_count(&report, Verdict::Fail));
    assert_eq!(total("errors"), enforced_count(&report, Verdict::Unknown));
    // Waived, not applicable, and failing or unknown below `--enforce`.
    assert_eq!(
        total("skipped"),
        count(&report, Verdict::NotApplicable)
            + count(&report, Verdict::Waived)
            + not_enforced(&report)
    );
    assert!(
        text.contains("<skipped message=\"not enforced (unknown): Processing countries"),
        "a result below --enforce is skipped and says why"
    );
    assert!(
        text.contains("<skipped message=\"waived: Waived by W-7 until 2026-12-31"),
        "a waived criterion is skipped with its waiver"
    );
    assert_eq!(root.attribute("timestamp"), Some("2026-09-01T00:00:00"));
    let suites = children(root, "testsuite");
    assert_eq!(suites.len(), 4, "one suite per (file, framework)");
    let mut names = BTreeSet::new();
    for suite in suites {
        let cases = children(suite, "testcase");
        assert_eq!(attribute(suite, "tests"), cases.len());
        for (kind, attr) in [
            ("failure", "failures"),
            ("error", "errors"),
            ("skipped", "skipped"),
        ] {
            let with = cases
                .iter()
                .filter(|c| !children(**c, kind).is_empty())
                .count();
            assert_eq!(attribute(suite, attr), with, "{attr}");
        }
        for case in cases {
            assert!(names.insert(case.attribute("name").expect("name").to_string()));
            assert_eq!(case.attribute("time"), Some("0"));
        }
    }
    assert_eq!(names.len(), all_results(&report).len(), "names are unique");
}

#[test]
fn junit_failures_carry_message_evidence_and_reference() {
    let report = fixture::report(Lang::En);
    let text = junit::render(&report, working_dir());
    let document = Document::parse(&text).expect("well-formed XML");
    let case = document
        .descendants()
        .find(|n| n.attribute("name") == Some("SNC-19.6-a Seat in the EU [provider=acme-cloud]"))
        .expect("test case");
    assert_eq!(case.attribute("classname"), Some("secnumcloud-3.2.19.6"));
    assert_eq!(case.attribute("file"), Some("procurement/acme.yaml"));
    assert_eq!(case.attribute("line"), Some("14"));
    let failure = children(case, "failure")[0];
    let entry = &report.reports[0].results[1];
    assert_eq!(failure.attribute("message"), Some(entry.message.as_str()));
    assert_eq!(failure.attribute("type"), Some("not-satisfied"));
    let body = failure.text().expect("body");
    let actual = entry.evidence[0].actual.as_deref().expect("actual");
    assert!(body.contains(&format!("actual: {actual}\n")), "{body}");
    assert!(body.contains("path: entities.acme.seat.country"));
    assert!(body.contains("ref: SecNumCloud 3.2 §19.6 a)"));
    let unknown = document
        .descendants()
        .find(|n| n.has_tag_name("error"))
        .expect("an unknown result");
    assert_eq!(unknown.attribute("type"), Some("not-evaluated"));
}

fn parse_html(text: &str) -> Document<'_> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).expect("well-formed markup")
}

#[test]
fn html_is_one_self_contained_page() {
    for lang in [Lang::En, Lang::Fr] {
        let report = fixture::report(lang);
        let text = html::render(&report);
        let document = parse_html(&text);
        let root = document.root_element();
        assert_eq!(root.attribute("lang"), Some(report.lang.as_str()));
        for node in document.descendants().filter(|n| n.is_element()) {
            let tag = node.tag_name().name();
            assert!(
                !["script", "link", "img", "iframe", "object"].contains(&tag),
                "{tag}"
            );
            assert!(node.attribute("src").is_none() && node.attribute("href").is_none());
            assert!(
                !["b", "holding"].contains(&tag),
                "a provider value became markup"
            );
        }
        assert!(!text.contains("http"), "no network reference");
        let rows: Vec<Node> = document
            .descendants()
            .filter(|n| n.has_tag_name("table") && n.attribute("class") == Some("results"))
            .flat_map(|t| t.descendants().filter(|n| n.has_tag_name("tr")).skip(1))
            .collect();
        assert_eq!(rows.len(), all_results(&report).len());
        for row in rows {
            let cell: String = row
                .first_element_child()
                .expect("cell")
                .descendants()
                .filter_map(|n| n.text())
                .collect();
            let marked = ["✔", "✘", "?", "–", "~"]
                .iter()
                .any(|m| cell.starts_with(m));
            assert!(marked && cell.chars().any(char::is_alphabetic), "{cell}");
        }
    }
}

#[test]
fn html_keeps_provider_values_as_text() {
    let report = fixture::report(Lang::En);
    let text = html::render(&report);
    let document = parse_html(&text);
    let all: String = document.descendants().filter_map(|n| n.text()).collect();
    let actual = report.reports[0].results[1].evidence[0]
        .actual
        .as_deref()
        .expect("actual");
    assert!(all.contains(actual), "the value reads back unchanged");
    assert!(
        all.contains("Thresholds read from a draft"),
        "caveats are shown"
    );
    assert!(
        all.contains("certification referential"),
        "legal status is shown"
    );
}

#[test]
fn markdown_details_failing_and_unknown_criteria_in_the_report_language() {
    let report = fixture::report(Lang::Fr);
    let text = markdown::render(&report);
    assert!(text.starts_with("# Rapport trustcheck\n"));
    assert!(text.contains("**Verdict global: ✘ NON CONFORME**"));
    let details: Vec<&str> = text.lines().filter(|l| l.starts_with("#### ")).collect();
    let expected = count(&report, Verdict::Fail)
        + count(&report, Verdict::Unknown)
        + count(&report, Verdict::Waived);
    assert_eq!(details.len(), expected);
    assert!(text.contains("### Cloud au centre — critères sous dérogation"));
    assert!(text.contains(
        "### Avertissements\n\n- ⚠ la certification secnumcloud 3.2 expire le 2027-06-30"
    ));
    assert!(text.contains("> ⚑ Dérogation W-7 jusqu'au 2026-12-31"));
    assert!(text.contains("## Dérogations\n\n- W-7 (CAC-R9-SENS): appliquée"));
    assert!(
        !details.iter().any(|l| l.contains("SNC-19.2-a")),
        "passes are not detailed"
    );
    assert_eq!(
        text.matches("Aucun besoin déclaré").count(),
        1,
        "eligibility of acme only"
    );
    assert!(text.contains(
        "| sensitive | cloud-au-centre | ✘ NON CONFORME | `CAC-R9-SENS`, `SNC-19.6-a` |"
    ));
    assert!(
        !text.contains("<b>"),
        "provider values cannot inject markup"
    );
    assert!(text.contains("Référence: SecNumCloud 3.2 §19.6 a)"));
    let english = markdown::render(&fixture::report(Lang::En));
    assert!(english.contains("**Overall verdict: ✘ FAIL**"));
}

#[test]
fn github_commands_annotate_each_flagged_criterion_on_one_line() {
    let report = fixture::report(Lang::En);
    let text = github::render(&report, working_dir());
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        not_enforced(&report) > 0,
        "the fixture has a result not enforced"
    );
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::error ")).count(),
        enforced_count(&report, Verdict::Fail)
    );
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::warning ")).count(),
        enforced_count(&report, Verdict::Unknown)
    );
    // A notice per waived or not enforced criterion, and one per procurement verdict.
    let verdicts: usize = report.reports.iter().map(|f| f.procurement.len()).sum();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::notice ")).count(),
        count(&report, Verdict::Waived) + not_enforced(&report) + verdicts
    );
    assert_eq!(
        lines.len(),
        count(&report, Verdict::Fail)
            + count(&report, Verdict::Unknown)
            + count(&report, Verdict::Waived)
            + verdicts
    );
    let procurement = lines
        .iter()
        .find(|l| l.contains("title=secnumcloud-3.2 — HR <records> | payroll%3A NOT ESTABLISHED"))
        .expect("procurement notice");
    assert!(procurement.starts_with("::notice file=offers/nimbus.yaml,"));
    assert!(procurement.ends_with("100%25 \"sure\"%0A— secnumcloud-3.2."));
    let seat = lines
        .iter()
        .find(|l| l.contains("title=SNC-19.6-a") && l.contains("acme"))
        .expect("annotation");
    assert!(seat.starts_with(
        "::error file=procurement/acme.yaml,line=14,col=5,endLine=14,endColumn=32,title=SNC-19.6-a::"
    ));
    assert!(seat.contains("100%25%0Aholding"), "{seat}");
    let unlocated = lines
        .iter()
        .find(|l| l.contains("title=CAC-R4"))
        .expect("annotation");
    assert!(unlocated.starts_with("::warning file=offers/nimbus.yaml,title=CAC-R4::"));
    assert_eq!(github::step_summary(&report), markdown::render(&report));
}

#[test]
fn csv_reads_back_row_for_row() {
    let report = fixture::report(Lang::En);
    let text = csv::render(&report);
    assert!(text.ends_with("\r\n"));
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "file",
            "provider",
            "framework",
            "rule",
            "reference",
            "severity",
            "verdict",
            "message",
            "evidence",
            "line",
            "legal_status",
            "enforced",
            "unverified"
        ]
    );
    let rows: Vec<::csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    let files = report
        .reports
        .iter()
        .flat_map(|f| f.results.iter().map(move |r| (f, r)));
    assert_eq!(rows.len(), all_results(&report).len());
    for (row, (file, result)) in rows.iter().zip(files) {
        assert_eq!(row.len(), 13);
        assert_eq!(&row[10], result.legal_status.name());
        assert_eq!(&row[11], result.enforced.to_string());
        assert_eq!(&row[12], result.unverified.clone().unwrap_or_default());
        let provider = if file.provider.starts_with('=') {
            format!("'{}", file.provider)
        } else {
            file.provider.clone()
        };
        assert_eq!(&row[1], provider);
        assert_eq!(&row[3], result.rule);
        assert_eq!(&row[6], result.verdict.name());
        // A waived result's message starts with its waiver.
        assert!(row[7].ends_with(&result.message), "{}", &row[7]);
        assert_eq!(
            row[7].starts_with("Waived by W-7 until 2026-12-31"),
            result.waiver.is_some()
        );
        assert_eq!(
            &row[9],
            result
                .location
                .map(|l| l.line.to_string())
                .unwrap_or_default()
        );
    }
    let seat = rows
        .iter()
        .find(|r| &r[3] == "SNC-19.6-a" && r[0].contains("acme"))
        .expect("row");
    assert!(
        seat[8].contains("US Parent \"Inc\" <b>&</b>, 100%\nholding"),
        "{}",
        &seat[8]
    );
    assert!(seat[8].contains(" | "), "evidence is joined");
    assert!(
        rows.iter().any(|r| &r[1] == "'=nimbus"),
        "a formula-like value stays text"
    );
    assert!(rows.iter().any(|r| &r[2] == SNC));
}
