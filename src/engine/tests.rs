//! Evaluator tests on hand-built facts.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde_json::json;

use super::*;
use crate::facts::{Fact, FactValue};
use crate::rules::Pack;
use crate::rules::pack::Manifest;
use crate::rules::rule::{RawRule, Rule};

fn rule(id: &str, check: &str, applies: Option<&str>) -> Rule {
    let mut text = format!(
        "id: {id}\nframework: test\nreference: \"1\"\nseverity: high\nconfidence: high\n\
         title: {{en: t, fr: t}}\nrequires: {{en: r, fr: r}}\nwhy: {{en: w, fr: w}}\n\
         message: {{pass: {{en: ok, fr: ok}}, fail: {{en: ko, fr: ko}}, unknown: {{en: '?', fr: '?'}}}}\n\
         check: {check}\n"
    );
    if let Some(applies) = applies {
        text.push_str(&format!("applies_when: {applies}\n"));
    }
    let raw: RawRule = serde_saphyr::from_str(&text).unwrap();
    Rule::new(raw, format!("{id}.yaml"), text).unwrap()
}

fn ruleset(rules: Vec<Rule>) -> RuleSet {
    let manifest: Manifest = serde_saphyr::from_str(
        "id: test\ntitle: {en: T, fr: T}\nversion: '1'\nframework_version: '1'\n\
         framework_date: '2022-03-08'\nsource: x\nlegal_status: policy\nlegal_note: {en: n, fr: n}\n",
    )
    .unwrap();
    RuleSet::from_packs(vec![Pack {
        manifest,
        rules,
        origin: "test".into(),
        digest: String::new(),
        manifest_text: String::new(),
    }])
    .unwrap()
}

fn holder(name: &str, non_eu: Option<bool>, known: f64, worst: f64) -> Fact {
    let mut fields = BTreeMap::new();
    fields.insert("name".to_string(), Fact::text(name, None));
    fields.insert(
        "capital".to_string(),
        Fact::new(
            FactValue::Number { known, worst },
            Some(format!("h.{name}")),
        ),
    );
    if let Some(non_eu) = non_eu {
        fields.insert("non_eu".to_string(), Fact::boolean(non_eu, None));
    }
    Fact::new(FactValue::Record(fields), None)
}

fn facts(holders: Vec<Fact>) -> Facts {
    let file = json!({
        "offer": {"data": {"storage": ["FR", "DE"], "backups": ["FR", "US"]}, "service_models": ["iaas", "saas"],
                  "certifications": [{"scheme": "secnumcloud", "expires": "2027-01-01", "scope": ["iaas"]}]},
        "workload": {"data": {"sensitivity": "sensitive"}}
    });
    let mut computed = BTreeMap::new();
    let mut ownership = BTreeMap::new();
    ownership.insert(
        "holders".to_string(),
        Fact::new(FactValue::List(holders), None),
    );
    computed.insert(
        "ownership".to_string(),
        Fact::new(FactValue::Record(ownership), None),
    );
    Facts::new(&file, computed, Date::constant(2026, 11, 1))
}

fn run(rules: Vec<Rule>, facts: &Facts) -> Vec<RuleResult> {
    evaluate(&ruleset(rules), facts, Jurisdictions::embedded())
}

const INDIVIDUAL: &str = "{every: ownership.holders, where: {fact: item.non_eu, equals: true}, \
    check: {fact: item.capital, at_most: 24, says: {en: 'holds {actual} %', fr: 'détient {actual} %'}}, \
    subject: {en: 'holder {name}', fr: 'actionnaire {name}'}}";
const COLLECTIVE: &str =
    "{sum: ownership.holders, of: capital, where: {fact: item.non_eu, equals: true}, at_most: 39}";

#[test]
fn every_names_the_failing_item() {
    let f = facts(vec![
        holder("Acme Inc", Some(true), 30.0, 30.0),
        holder("Eu SA", Some(false), 70.0, 70.0),
    ]);
    let results = run(vec![rule("IND", INDIVIDUAL, None)], &f);
    assert_eq!(results[0].verdict, Verdict::Fail);
    let evidence = &results[0].evidence;
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].sentence.en, "holder Acme Inc: holds 30 %");
    assert_eq!(evidence[0].path, "ownership.holders[0].capital");
    assert_eq!(evidence[0].source.as_deref(), Some("h.Acme Inc"));
}

#[test]
fn unknown_origin_makes_every_unknown_only_when_it_would_fail() {
    let small = facts(vec![holder("Who", None, 10.0, 10.0)]);
    assert_eq!(
        run(vec![rule("IND", INDIVIDUAL, None)], &small)[0].verdict,
        Verdict::Pass
    );
    let large = facts(vec![holder("Who", None, 0.0, 30.0)]);
    assert_eq!(
        run(vec![rule("IND", INDIVIDUAL, None)], &large)[0].verdict,
        Verdict::Unknown
    );
}

#[test]
fn sums_are_bounds() {
    let f = facts(vec![
        holder("A", Some(true), 10.0, 10.0),
        holder("undeclared", None, 0.0, 30.0),
    ]);
    let result = &run(vec![rule("COL", COLLECTIVE, None)], &f)[0];
    assert_eq!(result.verdict, Verdict::Unknown);
    assert_eq!(
        result.evidence[0].actual.as_deref(),
        Some("10 known, up to 40")
    );
    let f = facts(vec![
        holder("A", Some(true), 10.0, 10.0),
        holder("undeclared", None, 0.0, 20.0),
    ]);
    assert_eq!(
        run(vec![rule("COL", COLLECTIVE, None)], &f)[0].verdict,
        Verdict::Pass
    );
    let f = facts(vec![holder("A", Some(true), 40.0, 40.0)]);
    assert_eq!(
        run(vec![rule("COL", COLLECTIVE, None)], &f)[0].verdict,
        Verdict::Fail
    );
}

#[test]
fn missing_facts_are_unknown_never_pass() {
    let f = facts(vec![]);
    let r = run(
        vec![rule(
            "LAW",
            "{fact: offer.contract.governing_law, in_group: EU}",
            None,
        )],
        &f,
    );
    assert_eq!(r[0].verdict, Verdict::Unknown);
    assert_eq!(r[0].evidence[0].actual, None);
    let r = run(
        vec![rule(
            "ALL",
            "{every: offer.subcontractors, check: {fact: item.access, equals: none}}",
            None,
        )],
        &f,
    );
    assert_eq!(r[0].verdict, Verdict::Unknown);
}

#[test]
fn a_list_compared_with_one_value_is_unknown_never_a_failure() {
    let f = facts(vec![]);
    let r = run(
        vec![
            rule("EQ", "{fact: offer.data.storage, equals: FR}", None),
            rule("ONE", "{fact: offer.data.storage, one_of: [FR, DE]}", None),
            // As a condition of applicability, a silent failure would make the rule
            // not apply; unknown says the file must be read again.
            rule(
                "APPLIES",
                "{fact: offer.data.storage, in_group: EU}",
                Some("{fact: offer.service_models, equals: saas}"),
            ),
        ],
        &f,
    );
    let verdicts: Vec<Verdict> = r.iter().map(|r| r.verdict).collect();
    assert_eq!(
        verdicts,
        [Verdict::Unknown, Verdict::Unknown, Verdict::Unknown]
    );
}

#[test]
fn groups_lists_and_dates() {
    let f = facts(vec![]);
    let r = run(
        vec![
            rule(
                "LOC",
                "{all: [{fact: offer.data.storage, in_group: EU}, {fact: offer.data.backups, in_group: EU}]}",
                None,
            ),
            rule(
                "QUAL",
                "{some: offer.certifications, check: {all: [{fact: item.expires, on_or_after: as_of}, {fact: item.scope, contains_all: {fact: offer.service_models}}]}}",
                None,
            ),
        ],
        &f,
    );
    assert_eq!(r[0].verdict, Verdict::Fail);
    assert_eq!(r[0].evidence[0].actual.as_deref(), Some("US"));
    assert_eq!(
        r[1].verdict,
        Verdict::Fail,
        "an IaaS scope does not cover SaaS"
    );
}

#[test]
fn applicability_and_dependencies() {
    let f = facts(vec![holder("Acme Inc", Some(true), 30.0, 30.0)]);
    let results = run(
        vec![
            rule(
                "R9",
                "{rule: IND}",
                Some("{fact: workload.data.sensitivity, equals: sensitive}"),
            ),
            rule("IND", INDIVIDUAL, None),
            rule(
                "HEALTH",
                "{rule: IND}",
                Some("{fact: workload.data.health, equals: true}"),
            ),
            rule(
                "PUBLIC",
                "{rule: IND}",
                Some("{fact: workload.data.sensitivity, equals: public}"),
            ),
        ],
        &f,
    );
    let verdict = |id: &str| results.iter().find(|r| r.rule == id).unwrap().verdict;
    assert_eq!(results[0].rule, "IND", "dependencies are evaluated first");
    assert_eq!(verdict("R9"), Verdict::Fail);
    assert_eq!(
        verdict("HEALTH"),
        Verdict::Unknown,
        "unknown applicability is unknown"
    );
    assert_eq!(verdict("PUBLIC"), Verdict::NotApplicable);
}

#[test]
fn cycles_and_unknown_rules_are_refused() {
    let manifest = ruleset(vec![]).frameworks()[0].clone();
    let cyclic = vec![rule("A", "{rule: B}", None), rule("B", "{rule: A}", None)];
    let err = RuleSet::from_packs(vec![Pack {
        manifest: manifest.clone(),
        rules: cyclic,
        origin: "t".into(),
        digest: String::new(),
        manifest_text: String::new(),
    }])
    .unwrap_err();
    assert!(
        err.problems[0].message.contains("cycle"),
        "{}",
        err.problems[0].message
    );
    let dangling = vec![rule("A", "{rule: NOPE}", None)];
    let err = RuleSet::from_packs(vec![Pack {
        manifest: manifest.clone(),
        rules: dangling,
        origin: "t".into(),
        digest: String::new(),
        manifest_text: String::new(),
    }])
    .unwrap_err();
    assert!(err.problems[0].message.contains("unknown rule NOPE"));
    let bad_group = vec![rule("A", "{fact: x, in_group: EUR}", None)];
    let err = RuleSet::from_packs(vec![Pack {
        manifest,
        rules: bad_group,
        origin: "t".into(),
        digest: String::new(),
        manifest_text: String::new(),
    }])
    .unwrap_err();
    assert!(
        err.problems[0]
            .message
            .contains("unknown country group EUR")
    );
}

#[test]
fn implication_passes_when_the_condition_fails() {
    let f = facts(vec![]);
    let check = "{if: {fact: offer.data.backups, in_group: EU}, then: {fact: offer.contract.governing_law, present: true}}";
    assert_eq!(
        run(vec![rule("IF", check, None)], &f)[0].verdict,
        Verdict::Pass
    );
    let check = "{if: {fact: offer.data.storage, in_group: EU}, then: {fact: offer.contract.governing_law, present: true}}";
    assert_eq!(
        run(vec![rule("IF", check, None)], &f)[0].verdict,
        Verdict::Unknown
    );
}

#[test]
fn needs_assessment_is_unknown_on_purpose_and_an_empty_list_passes() {
    const ASSESS: &str = "{every: ownership.holders, subject: {en: 'holder {name}', fr: 'détenteur {name}'}, \
        check: {fact: item.name, needs_assessment: true, says: {en: '{actual} needs an assessment', fr: '{actual} à apprécier'}}}";
    let f = facts(vec![holder("Acme Inc", Some(true), 30.0, 30.0)]);
    let results = run(vec![rule("ASSESS", ASSESS, None)], &f);
    assert_eq!(results[0].verdict, Verdict::Unknown);
    assert_eq!(
        results[0].evidence[0].sentence.en,
        "holder Acme Inc: Acme Inc needs an assessment"
    );
    let none = facts(vec![]);
    assert_eq!(
        run(vec![rule("ASSESS", ASSESS, None)], &none)[0].verdict,
        Verdict::Pass
    );
}

/// Rules about the workload, a rule resting on one, and rules that read no workload.
fn scenario_rules() -> RuleSet {
    ruleset(vec![
        rule(
            "SENSITIVE",
            "{fact: workload.data.sensitivity, equals: sensitive}",
            None,
        ),
        rule("ON-SENSITIVE", "{rule: SENSITIVE}", None),
        rule("IND", INDIVIDUAL, None),
        rule("ON-IND", "{rule: IND}", None),
        rule(
            "STORAGE",
            "{fact: offer.data.storage, contains_all: [FR]}",
            Some("{rule: IND}"),
        ),
    ])
}

#[test]
fn a_scenario_decides_as_a_full_evaluation() {
    let f = facts(vec![holder("Acme Inc", Some(true), 30.0, 30.0)]);
    let rules = scenario_rules();
    let jurisdictions = Jurisdictions::embedded();
    let base: Vec<Verdict> = evaluate(&rules, &f, jurisdictions)
        .iter()
        .map(|r| r.verdict)
        .collect();
    for sensitivity in ["public", "sensitive", "restricted"] {
        let scenario = f.with_workload(&json!({"data": {"sensitivity": sensitivity}}));
        let full: Vec<Verdict> = evaluate_verdicts(&rules, &scenario, jurisdictions)
            .iter()
            .map(|r| r.verdict)
            .collect();
        assert_eq!(
            evaluate_scenario(&rules, &scenario, jurisdictions, &base),
            full,
            "{sensitivity}"
        );
        assert_eq!(
            evaluate_scenario(&rules, &scenario, jurisdictions, &[]),
            full,
            "{sensitivity}, without base verdicts"
        );
    }
}

#[test]
fn a_scenario_evaluates_again_only_what_the_workload_may_change() {
    let f = facts(vec![holder("Acme Inc", Some(true), 30.0, 30.0)]);
    let rules = scenario_rules();
    let ids: Vec<&str> = rules.rules().iter().map(Rule::id).collect();
    // Base verdicts no evaluation gives: those kept show through.
    let base = vec![Verdict::Waived; ids.len()];
    let scenario = f.with_workload(&json!({"data": {"sensitivity": "public"}}));
    let verdicts = evaluate_scenario(&rules, &scenario, Jurisdictions::embedded(), &base);
    let verdict = |id: &str| verdicts[ids.iter().position(|i| *i == id).unwrap()];
    assert_eq!(verdict("SENSITIVE"), Verdict::Fail, "reads the workload");
    assert_eq!(
        verdict("ON-SENSITIVE"),
        Verdict::Fail,
        "rests on the workload"
    );
    for kept in ["IND", "ON-IND", "STORAGE"] {
        assert_eq!(verdict(kept), Verdict::Waived, "{kept} is kept");
    }
}

#[test]
fn a_path_that_may_name_the_workload_binds_the_rule() {
    for (check, bound) in [
        ("{fact: workload.data.health, equals: true}", true),
        ("{fact: .workload.data.health, equals: true}", true),
        ("{fact: offer.workloads, equals: true}", true),
        ("{fact: offer.data.storage, contains_all: [FR]}", false),
    ] {
        let rules = ruleset(vec![rule("R", check, None)]);
        assert_eq!(rules.workload_bound(0), bound, "{check}");
    }
}
