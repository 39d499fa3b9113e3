//! Several owner types: naming one more type never makes a rule stop applying, and
//! the one-value form and the one-element list give the same verdicts.
//!
//! Every owner type, alone and with each other type, on the qualified example and on
//! the hyperscaler (so that the rules that apply both pass and fail).

use std::collections::BTreeMap;

use trustcheck::assess::{AssessOptions, assess};
use trustcheck::engine::Verdict;
use trustcheck::lang::Lang;
use trustcheck::provider::load_str;
use trustcheck::rules::RuleSet;

const TYPES: &[&str] = &[
    "state-administration",
    "local-authority",
    "public-operator",
    "oiv",
    "ose",
    "nis2-essential",
    "nis2-important",
    "private",
    "gip",
];

const EXAMPLES: &[(&str, &str)] = &[
    (
        "examples/eu-native-qualified.yaml",
        "owner: { type: state-administration, name: Ministry legal affairs directorate }",
    ),
    (
        "examples/us-hyperscaler-region.yaml",
        "owner: { type: state-administration, name: Ministry human resources directorate }",
    ),
];

/// The verdict of every rule with the workload's owner written as `owner_type`.
fn verdicts(text: &str, owner_line: &str, owner_type: &str) -> BTreeMap<String, Verdict> {
    let changed = text.replace(owner_line, &format!("owner: {{ type: {owner_type} }}"));
    assert!(changed != text, "the example's owner line moved");
    // Every type also makes the OIV rule look at a vital information system.
    let changed = changed.replace("\nworkload:\n", "\nworkload:\n  siiv: true\n");
    let loaded =
        load_str("owners.yaml", &changed).unwrap_or_else(|e| panic!("{owner_type}: {e:?}"));
    let rules = RuleSet::load(&[]).unwrap();
    let options = AssessOptions {
        as_of: jiff::civil::Date::constant(2026, 11, 1),
        frameworks: vec![],
        lang: Lang::En,
    };
    assess(&loaded, &rules, &options)
        .results
        .into_iter()
        .map(|r| (r.rule, r.verdict))
        .collect()
}

#[test]
fn one_more_owner_type_never_makes_a_rule_stop_applying() {
    let mut checked = 0;
    for (file, owner_line) in EXAMPLES {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(!text.contains("siiv:"), "{file} already states siiv");
        let alone: BTreeMap<&str, BTreeMap<String, Verdict>> = TYPES
            .iter()
            .map(|t| (*t, verdicts(&text, owner_line, t)))
            .collect();
        for (first, before) in &alone {
            assert_eq!(
                before,
                &verdicts(&text, owner_line, &format!("[{first}]")),
                "{file}: `{first}` and `[{first}]` differ"
            );
            for second in TYPES {
                let after = verdicts(&text, owner_line, &format!("[{first}, {second}]"));
                for (rule, verdict) in before {
                    if *verdict != Verdict::NotApplicable {
                        assert_ne!(
                            after[rule],
                            Verdict::NotApplicable,
                            "{file}: {rule} applies to {first} but not to [{first}, {second}]"
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}
