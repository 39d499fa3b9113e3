//! `trustcheck explain`: the tree it tells has the verdict `assess` gives, for every
//! rule on every example; and the command's success and error paths.

use jiff::civil::Date;
use predicates::prelude::*;
use trustcheck::assess::{AssessOptions, assess};
use trustcheck::engine::{Role, Tri, Verdict};
use trustcheck::explain::explain;
use trustcheck::lang::Lang;
use trustcheck::provider::{Loaded, load_file, load_str};
use trustcheck::rules::RuleSet;

use crate::waivers::{GAPS, trustcheck};

const AS_OF: Date = Date::constant(2026, 11, 1);

/// Every example, the waiver tests' provider, and that provider without a workload
/// (its workload rules are set aside).
fn providers() -> Vec<Loaded> {
    let mut paths: Vec<_> = std::fs::read_dir("examples")
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths.push(GAPS.into());
    let mut loaded: Vec<Loaded> = paths
        .iter()
        .map(|p| load_file(p, &[]).expect("valid provider"))
        .collect();
    let text = std::fs::read_to_string(GAPS).expect("fixture");
    let cut = text.find("\nworkload:").expect("workload");
    loaded.push(load_str("no-workload.yaml", &text[..=cut]).expect("valid without workload"));
    loaded
}

#[test]
fn explain_gives_the_assess_verdict_for_every_rule_on_every_provider() {
    let rules = RuleSet::load(&[]).expect("embedded rules");
    let options = AssessOptions {
        as_of: AS_OF,
        frameworks: vec![],
        lang: Lang::En,
    };
    let mut compared = 0;
    for loaded in providers() {
        let report = assess(&loaded, &rules, &options);
        for rule in rules.rules() {
            let assessed = report
                .results
                .iter()
                .find(|r| r.rule == rule.id())
                .map(|r| r.verdict)
                .expect("every rule is reported");
            let explained = explain(&loaded, &rules, rule.id(), AS_OF).expect("explained");
            assert_eq!(
                explained.verdict,
                assessed,
                "{} on {}",
                rule.id(),
                loaded.name
            );
            // A pass on evidence below the rule's minimum is reported as unknown.
            let expected = match &explained.grade {
                Some(grade)
                    if grade.too_weak() && tree_verdict(&explained.trace) == Some(Tri::Pass) =>
                {
                    assert_eq!(explained.verdict, Verdict::Unknown);
                    Some(Tri::Pass)
                }
                _ => explained.verdict.into_tri(),
            };
            assert_eq!(tree_verdict(&explained.trace), expected);
            compared += 1;
        }
    }
    assert!(compared > 100, "only {compared} comparisons");
}

/// The verdict the recorded tree itself gives: `applies_when` failing means not
/// applicable, unknown means unknown, else the requirement's; none when the rule was
/// set aside (nothing recorded).
fn tree_verdict(trace: &[trustcheck::engine::TraceNode]) -> Option<Tri> {
    let applies = trace.iter().find(|n| n.role == Role::AppliesWhen);
    let check = trace.iter().find(|n| n.role == Role::Check);
    match (applies.map(|n| n.tri), check) {
        (Some(Tri::Fail), None) => None,
        (Some(Tri::Unknown), None) => Some(Tri::Unknown),
        (_, Some(check)) => Some(check.tri),
        (_, None) => None,
    }
}

/// The tri a verdict comes from; none for not applicable.
trait IntoTri {
    fn into_tri(self) -> Option<Tri>;
}

impl IntoTri for Verdict {
    fn into_tri(self) -> Option<Tri> {
        match self {
            Verdict::Pass => Some(Tri::Pass),
            Verdict::Fail => Some(Tri::Fail),
            Verdict::Unknown => Some(Tri::Unknown),
            Verdict::NotApplicable | Verdict::Waived => None,
        }
    }
}

#[test]
fn the_tree_names_facts_figures_lines_and_bounds() {
    trustcheck()
        .args([
            "explain",
            "SNC-19.6-b-individual",
            "examples/jv-non-eu-minority.yaml",
        ])
        .args(["--as-of", "2026-11-01"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Verdict: FAIL")
                .and(predicate::str::contains(
                    "requirement: FAIL — every selected element of ownership.holders",
                ))
                .and(predicate::str::contains(
                    "element ownership.holders[2] — holder Meridian Software Corp. (US)",
                ))
                .and(predicate::str::contains("economic_capital: 30"))
                .and(predicate::str::contains(
                    "chain: Meridian Software Corp. (US)",
                ))
                .and(predicate::str::contains(
                    "ownership.holders[2].capital = 30 (expected: at most 24)",
                ))
                .and(predicate::str::contains(
                    "stated at entities.sillage.shareholders[1], line 83",
                )),
        );
}

#[test]
fn the_tree_speaks_french() {
    trustcheck()
        .args(["--lang", "fr", "explain", "CAC-R9-sensitive", GAPS])
        .args(["--as-of", "2026-11-01"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Verdict: INDÉTERMINÉ")
                .and(predicate::str::contains("s'applique si: CONFORME"))
                .and(predicate::str::contains(
                    "INDÉTERMINÉ — la règle SNC-19.6-f est conforme ou sans objet",
                )),
        );
}

#[test]
fn an_unknown_rule_is_a_usage_error_with_a_hint() {
    trustcheck()
        .args(["explain", "SNC-19.6-b", GAPS])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("no rule `SNC-19.6-b` is in force")
                .and(predicate::str::contains("SNC-19.6-b-individual")),
        );
}

#[test]
fn an_invalid_file_is_an_input_error_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.yaml");
    let text = std::fs::read_to_string(GAPS).expect("fixture");
    std::fs::write(&path, text.replace("country: FR\n", "country: XX\n")).expect("written");
    trustcheck()
        .args(["explain", "SNC-19.6-a"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.yaml").and(predicate::str::contains("XX")));
    trustcheck()
        .args(["explain", "SNC-19.6-a", "tests/waivers/absent.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("absent.yaml"));
}
