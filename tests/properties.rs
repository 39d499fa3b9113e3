//! False greens as a class: metamorphic properties over generated provider files,
//! each over every rule of the shipped packs (and, for files without a workload,
//! every eligibility verdict). `pass` is the only green.
//!
//! 1. Adding something outside the EU never turns a non-pass into a pass.
//! 2. Duplicating a list entry, permuting a list or renaming ids never changes a
//!    verdict, unless the file is refused.
//! 3. Removing a key never yields a pass where there was an unknown or a fail.
//! 4. Raising a stake held from outside the EU never lowers the non-EU exposure
//!    bounds, nor turns a non-pass into a pass.
//!
//! Files are assessed through the library as `trustcheck assess` does. The case
//! counts keep the file quick in a debug build; `PROPTEST_CASES` raises them for a
//! deep run. Shrunk counter-examples are kept in `properties.proptest-regressions`,
//! and as readable files in `properties/cases.rs`; those of classes of defects
//! being fixed apart are kept out of the properties, each named where it is.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use jiff::civil::Date;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngSeed, TestCaseError, TestRunner};
use serde_json::Value;

use trustcheck::assess::{AssessOptions, analyse, assess};
use trustcheck::engine::Verdict;
use trustcheck::jurisdiction::Jurisdictions;
use trustcheck::lang::Lang;
use trustcheck::provider::{self, Loaded};
use trustcheck::rules::RuleSet;

mod properties {
    pub mod cases;
    pub mod generator;
    pub mod mutate;
}

use properties::{generator, mutate};

const AS_OF: Date = Date::constant(2026, 11, 1);

/// The seed of the generated files CI replays.
const SEED: u64 = 0x7275_7374_6368_6563;

/// The prefix of the keys that mark a result as unknown for too weak a source.
const TOO_WEAK: &str = "too-weak:";

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load(&[]).expect("embedded packs load"))
}

/// What a file gets: every rule's verdict and, without a workload, every
/// eligibility verdict; or the diagnostics of a refused file.
type Verdicts = BTreeMap<String, Verdict>;

pub fn load(file: &Value) -> Result<Loaded, String> {
    let text = serde_json::to_string_pretty(file).expect("JSON");
    provider::load_str("generated.yaml", &text).map_err(|e| {
        let problems: Vec<String> = e
            .problems
            .iter()
            .map(|p| format!("{:?}: {}", p.code, p.message))
            .collect();
        problems.join("\n")
    })
}

pub fn verdicts(loaded: &Loaded) -> Verdicts {
    let options = AssessOptions {
        as_of: AS_OF,
        frameworks: Vec::new(),
        lang: Lang::En,
    };
    let report = assess(loaded, rules(), &options);
    let mut out: Verdicts = report
        .results
        .iter()
        .map(|r| (r.rule.clone(), r.verdict))
        .collect();
    // Results unknown only because their sources are too weak, marked apart.
    for r in report.results.iter().filter(|r| r.too_weak.is_some()) {
        out.insert(format!("{TOO_WEAK}{}", r.rule), Verdict::Unknown);
    }
    for e in &report.eligibility {
        out.insert(format!("{}@{}", e.framework, e.sensitivity), e.verdict);
    }
    out
}

/// The verdicts of a file, or why it was refused.
pub fn assess_file(file: &Value) -> Result<Verdicts, String> {
    load(file).map(|l| verdicts(&l))
}

/// The verdicts of a file written as YAML, or why it was refused.
pub fn assess_yaml(text: &str) -> Result<Verdicts, String> {
    provider::load_str("case.yaml", text)
        .map(|l| verdicts(&l))
        .map_err(|e| {
            let problems: Vec<String> = e.problems.iter().map(|p| p.message.clone()).collect();
            problems.join("\n")
        })
}

/// The results that turned green: a non-pass (among `from`) before, a pass after.
pub fn new_greens(before: &Verdicts, after: &Verdicts, from: &[Verdict]) -> Vec<String> {
    before
        .iter()
        .filter(|(rule, v)| from.contains(v) && after.get(*rule) == Some(&Verdict::Pass))
        .map(|(rule, v)| format!("{rule}: {} -> pass", v.name()))
        .collect()
}

fn yaml(file: &Value) -> String {
    serde_json::to_string_pretty(file).unwrap_or_default()
}

/// The number of cases: `default`, or `PROPTEST_CASES` for a deep run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `property` on `cases` generated inputs and reports how many applied: a
/// change with no place in a file (no list to add to, no holder outside the EU)
/// leaves the case vacuous.
fn check<S: Strategy>(
    name: &str,
    default: u32,
    strategy: S,
    property: impl Fn(S::Value) -> Result<bool, TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    // CI replays the same generated files on every run, so that its verdict never
    // depends on luck; a deep run (`PROPTEST_CASES=…`) explores new ones, and
    // `PROPTEST_RNG_SEED` replays any run.
    let explore = ["PROPTEST_CASES", "PROPTEST_RNG_SEED"]
        .iter()
        .any(|v| std::env::var_os(v).is_some());
    let config = Config {
        cases: cases(default),
        rng_seed: if explore {
            Config::default().rng_seed
        } else {
            RngSeed::Fixed(SEED)
        },
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::default()
    };
    let total = config.cases;
    let applied = std::cell::Cell::new(0u32);
    let mut runner = TestRunner::new(config);
    let result = runner.run(&strategy, |input| {
        if property(input)? {
            applied.set(applied.get() + 1);
        }
        Ok(())
    });
    eprintln!("{name}: {total} cases generated, {} applied", applied.get());
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// A generated file, loaded: every one must be valid input.
fn base(file: &Value) -> Result<Verdicts, TestCaseError> {
    assess_file(file).map_err(|e| {
        TestCaseError::fail(format!("a generated file is refused:\n{e}\n{}", yaml(file)))
    })
}

fn no_new_green(
    before_file: &Value,
    before: &Verdicts,
    change: &str,
    after_file: &Value,
    from: &[Verdict],
) -> Result<bool, TestCaseError> {
    let Ok(after) = assess_file(after_file) else {
        return Ok(true);
    };
    let greens = new_greens(before, &after, from);
    if greens.is_empty() {
        Ok(true)
    } else {
        Err(TestCaseError::fail(format!(
            "{change} turned green: {greens:?}\nbefore:\n{}\nafter:\n{}",
            yaml(before_file),
            yaml(after_file)
        )))
    }
}

/// Leaves out the results unknown only for too weak a source.
fn drop_too_weak(verdicts: &mut Verdicts) {
    let weak: Vec<String> = verdicts
        .keys()
        .filter_map(|k| k.strip_prefix(TOO_WEAK).map(str::to_string))
        .collect();
    for rule in weak {
        verdicts.remove(&rule);
    }
}

#[test]
fn every_generated_file_is_valid_and_some_rules_pass() {
    let passes = std::cell::RefCell::new(BTreeMap::<String, u32>::new());
    check("valid", 64, generator::spec(), |spec| {
        let file = generator::file(&spec);
        for (rule, verdict) in base(&file)? {
            if verdict == Verdict::Pass {
                *passes.borrow_mut().entry(rule).or_default() += 1;
            }
        }
        Ok(true)
    });
    // A property about greens says nothing on files that never get one: most rules
    // pass on some generated file (those resting on all others pass more rarely).
    let passes = passes.into_inner();
    eprintln!("passes per rule: {passes:?}");
    let never: Vec<&str> = rules()
        .rules()
        .iter()
        .map(|r| r.id())
        .filter(|id| !passes.contains_key(*id))
        .collect();
    eprintln!("rules that passed on no generated file: {never:?}");
    assert!(
        never.len() * 4 <= rules().rules().len(),
        "rules that pass on no generated file: {never:?}"
    );
}

#[test]
fn adding_something_outside_the_eu_never_makes_a_pass() {
    let strategy = (generator::spec(), any::<[usize; 5]>());
    check("non-EU addition", 64, strategy, |(spec, picks)| {
        let file = generator::file(&spec);
        let before = base(&file)?;
        let Some((change, after)) = mutate::add_non_eu(&file, picks) else {
            return Ok(false);
        };
        // The property: an addition outside the EU never turns a failure
        // into a pass. An unknown may become a pass, and rightly: declaring a holding
        // narrows an undeclared remainder that could have hidden a controller, and a
        // subcontractor seated where supervision happens explains that place. A
        // missing fact never makes a pass: the removal property checks that.
        no_new_green(&file, &before, &change, &after, &[Verdict::Fail])
    });
}

/// A verdict that differs after a change that means nothing.
fn same_verdicts(
    before_file: &Value,
    before: &Verdicts,
    change: &str,
    after_file: &Value,
) -> Result<bool, TestCaseError> {
    let Ok(after) = assess_file(after_file) else {
        return Ok(true);
    };
    if *before == after {
        return Ok(true);
    }
    let changed: Vec<String> = before
        .iter()
        .filter(|(rule, v)| after.get(*rule) != Some(v))
        .map(|(rule, v)| {
            format!(
                "{rule}: {} -> {:?}",
                v.name(),
                after.get(rule).map(|a| a.name())
            )
        })
        .collect();
    Err(TestCaseError::fail(format!(
        "{change} changed {changed:?}\nbefore:\n{}\nafter:\n{}",
        yaml(before_file),
        yaml(after_file)
    )))
}

#[test]
fn duplicating_permuting_or_renaming_never_changes_a_verdict() {
    let strategy = (
        generator::spec(),
        0..3usize,
        any::<[usize; 3]>(),
        proptest::collection::vec(any::<u32>(), 12),
    );
    check(
        "duplicate/permute/rename",
        64,
        strategy,
        |(spec, op, picks, keys)| {
            let file = generator::file(&spec);
            let before = base(&file)?;
            let changed = match op {
                0 => mutate::duplicate(&file, picks),
                1 => mutate::permute(&file, picks[0], &keys),
                _ => Some(mutate::rename(&file, &keys)),
            };
            let Some((change, after)) = changed else {
                return Ok(false);
            };
            same_verdicts(&file, &before, &change, &after)
        },
    );
}

#[test]
fn removing_a_key_never_makes_a_pass() {
    let strategy = (generator::spec(), any::<usize>());
    check("removal", 64, strategy, |(spec, pick)| {
        let file = generator::file(&spec);
        let mut before = base(&file)?;
        let Some((change, after)) = mutate::remove_key(&file, pick) else {
            return Ok(false);
        };
        // A result unknown only because its sources are too weak is about the grade
        // of the sources, not the facts: removing a fact can take a weak source out
        // of what a pass is graded on (the holders of a provider, say, when a rule
        // rests on its own statements). What must never happen is a missing fact
        // making a pass, which the rest of the comparison checks; the grading of a
        // pass on nothing or on defaults has its own cases (`cases::a_pass_graded_on_
        // nothing_is_held_to_the_minimum`, `cases::leaving_every_seat_out_does_not_pass`).
        drop_too_weak(&mut before);
        no_new_green(
            &file,
            &before,
            &change,
            &after,
            &[Verdict::Fail, Verdict::Unknown],
        )
    });
}

#[test]
fn raising_a_non_eu_stake_never_lowers_exposure_nor_makes_a_pass() {
    let strategy = (generator::spec(), any::<[usize; 3]>());
    check("non-EU stake raised", 64, strategy, |(spec, picks)| {
        let file = generator::file(&spec);
        let before = base(&file)?;
        let Some((change, after_file)) = mutate::raise_non_eu_stake(&file, picks) else {
            return Ok(false);
        };
        let Ok(after_loaded) = load(&after_file) else {
            return Ok(true);
        };
        let jurisdictions = Jurisdictions::embedded();
        let old = analyse(
            &load(&file).map_err(TestCaseError::fail)?.provider,
            jurisdictions,
        );
        let new = analyse(&after_loaded.provider, jurisdictions);
        for (what, a, b) in [
            ("non_eu_capital", old.non_eu_capital, new.non_eu_capital),
            ("non_eu_voting", old.non_eu_voting, new.non_eu_voting),
        ] {
            if b.known < a.known - 1e-9 || b.worst < a.worst - 1e-9 {
                return Err(TestCaseError::fail(format!(
                    "{change} lowered ownership.{what} from {a:?} to {b:?}\nbefore:\n{}\nafter:\n{}",
                    yaml(&file),
                    yaml(&after_file)
                )));
            }
        }
        // Open class, in ownership and control (control under art. L.233-3): a
        // holder outside the EU that is itself controlled from the EU (its board
        // appointed, its capital held) lends its stake to its controller, so raising
        // that stake can make a supplier "controlled from the EU" and pass SNC-19.6-c
        // (see `cases::raising_an_american_stake_does_not_make_its_supplier_eu_controlled`).
        // The exposure bounds above are still checked.
        if mutate::non_eu_holder_held_or_ruled(&after_file) {
            return Ok(true);
        }
        let after = verdicts(&after_loaded);
        // As for additions, no failure turns into a pass. An unknown may: a stake
        // raised out of the undeclared rest narrows what that rest could hide (a
        // foreign state for SNC-19.6-e), and the exposure bounds above stay checked.
        let greens = new_greens(&before, &after, &[Verdict::Fail]);
        if greens.is_empty() {
            Ok(true)
        } else {
            Err(TestCaseError::fail(format!(
                "{change} turned green: {greens:?}\nbefore:\n{}\nafter:\n{}",
                yaml(&file),
                yaml(&after_file)
            )))
        }
    });
}
