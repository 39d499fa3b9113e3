//! `rules lint`: checks a pack before use and reports every problem, each pointing
//! at file, line and column.

use std::collections::{BTreeMap, BTreeSet};

use super::condition::{Condition, Op};
use super::pack::{self, Manifest};
use super::rule::{RawRule, Rule};
use crate::diagnostics::{Code, InputErrors, Problem, Span};
use crate::facts::Catalogue;
use crate::jurisdiction::Jurisdictions;
use crate::lang::Text;

/// A pack's files as text: `(name, text)` of the manifest and of each rule.
pub struct PackSource {
    pub manifest: (String, String),
    pub rules: Vec<(String, String)>,
}

/// Lints one pack. `known_rules` are the ids in force elsewhere (rules may rest on
/// them); `cased` are the rule ids that have at least one case.
pub fn lint(
    source: &PackSource,
    known_rules: &BTreeSet<String>,
    cased: &BTreeSet<String>,
) -> Vec<InputErrors> {
    let mut errors = Vec::new();
    let manifest: Option<Manifest> = match pack::parse(&source.manifest.0, &source.manifest.1) {
        Ok(m) => Some(m),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    if let Some(m) = &manifest {
        let mut texts = vec![("title", &m.title), ("legal_note", &m.legal_note)];
        if let Some(unverified) = &m.unverified {
            texts.push(("unverified", unverified));
        }
        let problems = untranslated(&source.manifest.1, &texts);
        if !problems.is_empty() {
            errors.push(InputErrors::new(
                &source.manifest.0,
                Some(source.manifest.1.clone()),
                problems,
            ));
        }
    }
    let catalogue = Catalogue::new();
    let jurisdictions = Jurisdictions::embedded();
    let mut parsed = Vec::new();
    for (name, text) in &source.rules {
        match pack::parse::<RawRule>(name, text) {
            Err(e) => errors.push(e),
            Ok(raw) => match Rule::new(raw, name.clone(), text.clone()) {
                Err(e) => errors.push(problem_at(
                    name,
                    text,
                    &e.path,
                    format!("{}: {}", e.path, e.message),
                )),
                Ok(rule) => parsed.push(rule),
            },
        }
    }
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let local: BTreeSet<String> = parsed.iter().map(|r| r.id().to_string()).collect();
    for rule in &parsed {
        let mut problems = Vec::new();
        if let Some(first) = ids.insert(rule.id().to_string(), rule.origin.clone()) {
            problems.push(found(
                &rule.text,
                rule.id(),
                Problem::new(
                    Code::RulePack,
                    format!("duplicate rule id {} (also in {first})", rule.id()),
                ),
            ));
        }
        if let Some(m) = manifest.as_ref().filter(|m| rule.raw.framework != m.id) {
            problems.push(found(
                &rule.text,
                &rule.raw.framework,
                Problem::new(
                    Code::RulePack,
                    format!(
                        "rule says framework `{}`, the pack is `{}`",
                        rule.raw.framework, m.id
                    ),
                ),
            ));
        }
        for path in rule.fact_paths() {
            if !catalogue.knows(path) {
                let mut problem = Problem::new(
                    Code::RulePack,
                    format!("`{path}` names no fact of the provider format or the analysis"),
                );
                if let Some(suggestion) = catalogue.suggest(path) {
                    problem = problem.help(format!(
                        "did you mean `{suggestion}`? (docs/rules.md lists the facts)"
                    ));
                }
                let shown = path.replace("[].", ".");
                let needle = shown.rsplit('.').next().unwrap_or(&shown).to_string();
                problems.push(found(&rule.text, &needle, problem));
            }
        }
        for group in groups(rule) {
            if jurisdictions.group(&group).is_none() {
                let known: Vec<&str> = jurisdictions.group_names().collect();
                problems.push(found(
                    &rule.text,
                    &group,
                    Problem::new(Code::RulePack, format!("unknown country group `{group}`"))
                        .help(format!("known groups: {}", known.join(", "))),
                ));
            }
        }
        for dependency in rule.dependencies() {
            if !local.contains(&dependency) && !known_rules.contains(&dependency) {
                problems.push(found(
                    &rule.text,
                    &dependency,
                    Problem::new(
                        Code::RulePack,
                        format!("rests on unknown rule `{dependency}`"),
                    ),
                ));
            }
        }
        problems.extend(untranslated(&rule.text, &texts(&rule.raw)));
        if !cased.contains(rule.id()) {
            problems.push(found(
                &rule.text,
                rule.id(),
                Problem::new(Code::RulePack, format!("rule {} has no case", rule.id()))
                    .help("add a case file with at least one passing and one failing case"),
            ));
        }
        if !problems.is_empty() {
            errors.push(InputErrors::new(
                &rule.origin,
                Some(rule.text.clone()),
                problems,
            ));
        }
    }
    errors
}

/// A problem for each human-facing text that lacks its English or French version.
fn untranslated(file: &str, texts: &[(&'static str, &Text)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (key, text) in texts {
        if text.en.trim().is_empty() || text.fr.trim().is_empty() {
            let missing = if text.en.trim().is_empty() {
                "en"
            } else {
                "fr"
            };
            problems.push(found(
                file,
                key,
                Problem::new(Code::RulePack, format!("`{key}` has no {missing} text"))
                    .help("every human-facing text is given in English and in French"),
            ));
        }
    }
    problems
}

fn texts(raw: &RawRule) -> Vec<(&'static str, &Text)> {
    let mut texts = vec![
        ("title", &raw.title),
        ("requires", &raw.requires),
        ("why", &raw.why),
        ("pass", &raw.message.pass),
        ("fail", &raw.message.fail),
        ("unknown", &raw.message.unknown),
    ];
    if let Some(caveat) = &raw.caveat {
        texts.push(("caveat", caveat));
    }
    if let Some(note) = &raw.legal_note {
        texts.push(("legal_note", note));
    }
    if let Some(unverified) = &raw.unverified {
        texts.push(("unverified", unverified));
    }
    texts
}

fn groups(rule: &Rule) -> Vec<String> {
    fn walk(condition: &Condition, out: &mut Vec<String>) {
        match condition {
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().for_each(|p| walk(p, out))
            }
            Condition::Not(inner) => walk(inner, out),
            Condition::If { condition, then } => {
                walk(condition, out);
                walk(then, out);
            }
            Condition::Every(q) | Condition::Some(q) => {
                q.filter.iter().for_each(|f| walk(f, out));
                walk(&q.check, out);
            }
            Condition::Sum { filter, .. } => filter.iter().for_each(|f| walk(f, out)),
            Condition::Compare {
                op: Op::InGroup(g), ..
            } => out.push(g.clone()),
            Condition::Compare { .. } | Condition::Rule(_) => {}
        }
    }
    let mut out = Vec::new();
    rule.applies_when.iter().for_each(|c| walk(c, &mut out));
    walk(&rule.check, &mut out);
    out
}

/// Points a problem at the first occurrence of `needle` in the text (the value
/// the problem is about), or leaves it without a position.
fn found(text: &str, needle: &str, problem: Problem) -> Problem {
    if needle.is_empty() {
        return problem;
    }
    // Prefer the needle as a YAML value (after `: `, `[` or `, `) over any mention.
    let as_value = [": ", "[", ", ", "- "].iter().find_map(|before| {
        text.match_indices(&format!("{before}{needle}"))
            .map(|(i, _)| i + before.len())
            .find(|&end| {
                let after = text[end + needle.len()..].chars().next();
                after.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '-' && c != '.')
            })
    });
    match as_value.or_else(|| text.find(needle)) {
        Some(offset) => problem.at(Span::new(offset, needle.len()), "here"),
        None => problem,
    }
}

fn problem_at(name: &str, text: &str, path: &str, message: String) -> InputErrors {
    let span = crate::yaml::parse(text)
        .ok()
        .map(|root| crate::yaml::SourceMap::new(root).locate(path).span);
    let mut problem = Problem::new(Code::RulePack, message);
    if let Some(span) = span {
        problem = problem.at(span, "here");
    }
    InputErrors::new(name, Some(text.to_string()), vec![problem])
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "id: mine\ntitle: {en: Mine, fr: Le mien}\nversion: '1'\nframework_version: '1'\nframework_date: '2026-01-01'\nsource: x\nlegal_status: policy\nlegal_note: {en: n, fr: n}\n";

    fn rule(id: &str, check: &str, fr_title: &str) -> String {
        format!(
            "id: {id}\nframework: mine\nreference: '1'\nseverity: low\nconfidence: high\ntitle: {{en: T, fr: '{fr_title}'}}\n\
             requires: {{en: r, fr: r}}\nwhy: {{en: w, fr: w}}\nmessage: {{pass: {{en: a, fr: a}}, fail: {{en: b, fr: b}}, unknown: {{en: c, fr: c}}}}\n\
             check: {check}\n"
        )
    }

    #[test]
    fn reports_every_problem_with_a_position() {
        let source = PackSource {
            manifest: (
                "pack.yaml".into(),
                format!("{MANIFEST}unverified: {{en: not read, fr: ''}}\n"),
            ),
            rules: vec![
                (
                    "A.yaml".into(),
                    rule("A", "{fact: offer.data.storrage, in_group: EUR}", ""),
                ),
                (
                    "B.yaml".into(),
                    rule("B", "{rule: NOPE}", "T") + "unverified: {en: '', fr: pas lu}\n",
                ),
                ("C.yaml".into(), "id: C\nbogus: 1\n".into()),
            ],
        };
        let cased: BTreeSet<String> = ["B".to_string()].into();
        let errors = lint(&source, &BTreeSet::new(), &cased);
        let messages: Vec<String> = errors
            .iter()
            .flat_map(|e| e.problems.iter().map(|p| p.message.clone()))
            .collect();
        let all = messages.join("\n");
        assert!(all.contains("`offer.data.storrage` names no fact"), "{all}");
        assert!(all.contains("unknown country group `EUR`"), "{all}");
        assert!(all.contains("has no fr text"), "{all}");
        assert!(all.contains("rule A has no case"), "{all}");
        assert!(all.contains("rests on unknown rule `NOPE`"), "{all}");
        assert!(all.contains("`unverified` has no en text"), "{all}");
        let manifest = errors.iter().find(|e| e.file == "pack.yaml").unwrap();
        assert!(
            manifest.problems[0]
                .message
                .contains("`unverified` has no fr text"),
            "{all}"
        );
        assert!(
            all.contains("bogus") || all.contains("unknown field"),
            "{all}"
        );
        let a = errors.iter().find(|e| e.file == "A.yaml").unwrap();
        assert!(a.problems.iter().all(|p| p.span.is_some()));
    }

    #[test]
    fn a_clean_pack_has_no_problem() {
        let source = PackSource {
            manifest: ("pack.yaml".into(), MANIFEST.into()),
            rules: vec![(
                "A.yaml".into(),
                rule(
                    "A",
                    "{fact: offer.contract.governing_law, in_group: EU}",
                    "T",
                ),
            )],
        };
        let cased: BTreeSet<String> = ["A".to_string()].into();
        assert!(lint(&source, &BTreeSet::new(), &cased).is_empty());
    }
}
