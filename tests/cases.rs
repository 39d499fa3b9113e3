//! The shipped packs' cases, run through the same mechanism as `trustcheck rules
//! test`: every expectation holds, and every shipped rule has a passing and a
//! failing case (an unknown one for the rules in `NEVER_FAIL`, a not applicable one
//! for those in `NEVER_PASS`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use trustcheck::cases::{case_files, run_file};
use trustcheck::engine::Verdict;
use trustcheck::rules::RuleSet;

/// Rules whose text allows no failure: SecNumCloud 19.6 e) lets an assessment take
/// links with a foreign government into account, so a link found is `unknown` (to be
/// assessed), never `fail`; they need a passing and an unknown case instead.
const NEVER_FAIL: &[&str] = &["SNC-19.6-e"];

/// Rules that fail wherever they apply: classified information (IGI 1300) is never
/// eligible on an offer, so these have no passing case by design.
const NEVER_PASS: &[&str] = &["CAC-IGI-1300", "SNC-A2-f"];

#[test]
fn every_case_of_the_shipped_packs_holds() {
    let rules = RuleSet::load(&[]).expect("embedded packs load");
    let files = case_files(Path::new("tests/cases")).expect("case folder");
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    let mut seen: BTreeMap<String, BTreeSet<Verdict>> = BTreeMap::new();
    for file in &files {
        let outcomes = run_file(file, &rules).unwrap_or_else(|e| panic!("{e:?}"));
        for outcome in outcomes {
            seen.entry(outcome.rule.clone())
                .or_default()
                .insert(outcome.expected);
            if !outcome.passed() {
                failures.push(format!(
                    "{} [{}]: expected {}, got {:?}: {}",
                    outcome.case,
                    outcome.rule,
                    outcome.expected.name(),
                    outcome.actual.map(Verdict::name),
                    outcome.detail
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
    for rule in rules.rules() {
        let verdicts = seen.get(rule.id()).cloned().unwrap_or_default();
        if NEVER_FAIL.contains(&rule.id()) {
            assert!(
                verdicts.contains(&Verdict::Pass) && verdicts.contains(&Verdict::Unknown),
                "rule {} needs a passing and an unknown case (has {verdicts:?})",
                rule.id()
            );
            continue;
        }
        if NEVER_PASS.contains(&rule.id()) {
            assert!(
                verdicts.contains(&Verdict::Fail)
                    && verdicts.contains(&Verdict::NotApplicable)
                    && !verdicts.contains(&Verdict::Pass),
                "rule {} fails wherever it applies: it needs a failing and a not \
                 applicable case, and no passing one (has {verdicts:?})",
                rule.id()
            );
            continue;
        }
        assert!(
            verdicts.contains(&Verdict::Pass) && verdicts.contains(&Verdict::Fail),
            "rule {} needs a passing and a failing case (has {verdicts:?})",
            rule.id()
        );
    }
}
