//! Fail-closed: removing or blanking any single fact of a passing provider file never
//! leaves a pass on a rule that read that fact. It becomes unknown or fail, or the
//! file stops being valid; it never keeps passing on evidence that is gone.
//!
//! Every leaf of every passing example is tried, both removed and blanked.

use serde_json::Value;
use trustcheck::assess::{AssessOptions, assess};
use trustcheck::engine::Verdict;
use trustcheck::lang::Lang;
use trustcheck::provider::load_str;
use trustcheck::report::FileReport;
use trustcheck::rules::RuleSet;

fn leaves(value: &Value, path: String, out: &mut Vec<String>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| leaves(v, join(k), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, format!("{path}[{i}]"), out)),
        _ => out.push(path),
    }
}

/// Removes (or blanks) the value at `path`.
fn edit(document: &mut Value, path: &str, blank: bool) {
    let segments = trustcheck::yaml::parse_path(path);
    let Some((last, parents)) = segments.split_last() else {
        return;
    };
    let mut node = document;
    for segment in parents {
        node = match segment {
            trustcheck::yaml::PathSegment::Key(k) => &mut node[k.as_str()],
            trustcheck::yaml::PathSegment::Index(i) => &mut node[*i],
        };
    }
    match (last, node) {
        (trustcheck::yaml::PathSegment::Key(k), Value::Object(map)) => {
            if blank {
                let blanked = match map.get(k) {
                    Some(Value::String(_)) => Value::String(String::new()),
                    Some(Value::Array(_)) => Value::Array(vec![]),
                    Some(Value::Bool(_)) => Value::Bool(false),
                    _ => Value::Null,
                };
                map.insert(k.clone(), blanked);
            } else {
                map.remove(k);
            }
        }
        (trustcheck::yaml::PathSegment::Index(i), Value::Array(items)) if *i < items.len() => {
            if blank {
                items[*i] = Value::String(String::new());
            } else {
                items.remove(*i);
            }
        }
        _ => {}
    }
}

/// Whether evidence stated at `source` reads the leaf `path` (the leaf itself, or a
/// record or list that contains it).
fn reads(source: &str, path: &str) -> bool {
    source == path
        || path
            .strip_prefix(source)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

fn report(text: &str, rules: &RuleSet) -> Option<FileReport> {
    let loaded = load_str("mutant.yaml", text).ok()?;
    let options = AssessOptions {
        as_of: jiff::civil::Date::constant(2026, 11, 1),
        frameworks: vec![],
        lang: Lang::En,
    };
    Some(assess(&loaded, rules, &options))
}

#[test]
fn removing_or_blanking_a_fact_never_keeps_a_pass_that_read_it() {
    let rules = RuleSet::load(&[]).unwrap();
    let mut checked = 0;
    let mut violations = Vec::new();
    let mut examples: Vec<_> = std::fs::read_dir("examples")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    examples.sort();
    for example in &examples {
        let example = example.display().to_string();
        let example = example.as_str();
        let text = std::fs::read_to_string(example).unwrap();
        let document = trustcheck::yaml::parse(&text).unwrap().to_json();
        let original = report(&text, &rules).unwrap();
        let mut paths = Vec::new();
        leaves(&document, String::new(), &mut paths);
        for path in &paths {
            // The rules that passed and read this fact (cited it as evidence).
            let readers: Vec<&str> = original
                .results
                .iter()
                .filter(|r| r.verdict == Verdict::Pass)
                .filter(|r| {
                    r.evidence
                        .iter()
                        .any(|e| e.source.as_deref().is_some_and(|s| reads(s, path)))
                })
                .map(|r| r.rule.as_str())
                .collect();
            if readers.is_empty() {
                continue;
            }
            for blank in [false, true] {
                let mut mutant = document.clone();
                edit(&mut mutant, path, blank);
                let Some(after) = report(&mutant.to_string(), &rules) else {
                    continue;
                };
                for rule in &readers {
                    checked += 1;
                    let verdict = after
                        .results
                        .iter()
                        .find(|r| r.rule == *rule)
                        .map(|r| r.verdict);
                    if verdict == Some(Verdict::Pass) {
                        let still = after.results.iter().find(|r| r.rule == *rule).unwrap();
                        let cites = still
                            .evidence
                            .iter()
                            .any(|e| e.source.as_deref() == Some(path.as_str()));
                        // A pass is only acceptable if it no longer rests on the edited fact
                        // (e.g. a list element removed: the rest of the list decides).
                        if cites || !path.contains('[') {
                            violations.push(format!(
                                "{example}: {} {path} left {rule} passing",
                                if blank { "blanking" } else { "removing" }
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} checks ran");
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}
