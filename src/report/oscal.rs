//! OSCAL assessment results, and the catalog of trustcheck criteria their findings
//! point at. One result per (file, framework), one observation and one finding per
//! criterion. Every UUID is a UUIDv5 of what it identifies, so the same report gives
//! the same document and documents diff cleanly.
//!
//! Ids: rule `SNC-19.6-a` is objective `snc-19.6_obj.a` of control `snc-19.6`.

use serde_json::{Value, json};
use uuid::Uuid;

use super::render::{as_of_timestamp, finding, frameworks, lang, severity_name};
use super::{FileReport, FrameworkSummary, Report, ResultEntry};
use crate::engine::Verdict;
use crate::lang::Lang;

/// The OSCAL version written unless asked otherwise (the one most tools read today).
pub const DEFAULT_OSCAL_VERSION: &str = "1.1.2";

/// The namespace of trustcheck's own OSCAL properties.
const PROP_NS: &str = "urn:trustcheck:oscal";

/// The report as an OSCAL assessment-results document of `oscal_version`.
pub fn render(report: &Report, oscal_version: &str) -> String {
    let ids: Vec<&str> = frameworks(report).iter().map(|(id, _)| *id).collect();
    let files: Vec<&str> = report.reports.iter().map(|f| f.file.as_str()).collect();
    let timestamp = as_of_timestamp(&report.as_of);
    let providers: Vec<&str> = report.reports.iter().map(|f| f.provider.as_str()).collect();
    let results: Vec<Value> = report
        .reports
        .iter()
        .flat_map(|file| file.frameworks.iter().map(move |f| (file, f)))
        .map(|(file, framework)| result(report, file, framework, &timestamp))
        .collect();
    let document = json!({
        "assessment-results": {
            "uuid": uuid("assessment-results", &[&files.join("\n"), &ids.join("\n")]),
            "metadata": metadata(
                report,
                &format!("trustcheck assessment of {} ({})", providers.join(", "), ids.join(", ")),
                oscal_version,
            ),
            "import-ap": {"href": format!("urn:trustcheck:assessment-plan:{}", ids.join(":"))},
            "results": results,
        }
    });
    to_text(&document)
}

/// The OSCAL catalog of the reported criteria: a group per framework, a control per
/// section, an assessment objective per rule, so every finding's target resolves.
pub fn catalog(report: &Report, oscal_version: &str) -> String {
    let criteria = criteria(report);
    let groups: Vec<Value> = frameworks(report)
        .into_iter()
        .map(|(framework, title)| {
            let mut controls: Vec<(String, Vec<&Criterion>)> = Vec::new();
            for c in criteria.iter().filter(|c| c.framework == framework) {
                let control = control_id(&c.rule);
                match controls.iter_mut().find(|(id, _)| *id == control) {
                    Some((_, members)) => members.push(c),
                    None => controls.push((control, vec![c])),
                }
            }
            json!({
                "id": token(framework),
                "class": "framework",
                "title": title,
                "controls": controls.iter().map(|(id, members)| control(id, title, members)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let ids: Vec<&str> = frameworks(report).iter().map(|(id, _)| *id).collect();
    let document = json!({
        "catalog": {
            "uuid": uuid("catalog", &[&ids.join("\n")]),
            "metadata": metadata(report, &format!("trustcheck criteria ({})", ids.join(", ")), oscal_version),
            "groups": groups,
        }
    });
    to_text(&document)
}

/// What the catalog says of one rule.
struct Criterion {
    rule: String,
    framework: String,
    title: String,
    reference: String,
    requires: String,
}

/// The rules of the catalogue, then any rule a result names that the catalogue lacks.
fn criteria(report: &Report) -> Vec<Criterion> {
    let mut criteria: Vec<Criterion> = report
        .rules
        .iter()
        .map(|r| Criterion {
            rule: r.id.clone(),
            framework: r.framework.clone(),
            title: r.title.clone(),
            reference: r.reference.clone(),
            requires: r.requires.clone(),
        })
        .collect();
    for r in report.reports.iter().flat_map(|f| &f.results) {
        if !criteria.iter().any(|c| c.rule == r.rule) {
            criteria.push(Criterion {
                rule: r.rule.clone(),
                framework: r.framework.clone(),
                title: r.title.clone(),
                reference: r.reference.clone(),
                requires: r.title.clone(),
            });
        }
    }
    criteria
}

fn control(id: &str, framework_title: &str, members: &[&Criterion]) -> Value {
    let section = members
        .first()
        .map(|c| super::render::section(&c.reference))
        .unwrap_or("general");
    let objectives: Vec<Value> = members
        .iter()
        .map(|c| {
            json!({
                "id": objective_id(&c.rule),
                "name": "assessment-objective",
                "title": c.title,
                "props": [
                    {"name": "label", "value": c.reference},
                    {"name": "rule-id", "ns": PROP_NS, "value": c.rule},
                ],
                "prose": c.requires,
            })
        })
        .collect();
    json!({
        "id": id,
        "class": "criterion",
        "title": format!("{framework_title} §{section}"),
        "props": [{"name": "label", "value": section}],
        "parts": objectives,
    })
}

fn metadata(report: &Report, title: &str, oscal_version: &str) -> Value {
    json!({
        "title": title,
        "last-modified": as_of_timestamp(&report.as_of),
        "version": report.trustcheck_version,
        "oscal-version": oscal_version,
    })
}

fn result(
    report: &Report,
    file: &FileReport,
    framework: &FrameworkSummary,
    timestamp: &str,
) -> Value {
    let entries: Vec<&ResultEntry> = file
        .results
        .iter()
        .filter(|r| r.framework == framework.id)
        .collect();
    let mut controls: Vec<String> = Vec::new();
    for control in entries.iter().map(|r| control_id(&r.rule)) {
        if !controls.contains(&control) {
            controls.push(control);
        }
    }
    let selection = if controls.is_empty() {
        json!({"include-all": {}})
    } else {
        let included: Vec<Value> = controls.iter().map(|c| json!({"control-id": c})).collect();
        json!({"include-controls": included})
    };
    let description = match lang(report) {
        Lang::En => format!(
            "Automated evaluation of declarative criteria against {}",
            file.file
        ),
        Lang::Fr => format!(
            "Évaluation automatisée de critères déclaratifs sur {}",
            file.file
        ),
    };
    let mut result = json!({
        "uuid": uuid("result", &[&file.file, &framework.id]),
        "title": format!("{} — provider {} ({})", framework.title, file.provider, file.file),
        "description": description,
        "start": timestamp,
        "end": timestamp,
        "props": [verdict_prop(framework.verdict)],
        "reviewed-controls": {"control-selections": [selection]},
    });
    // OSCAL arrays hold at least one item: leave them out when empty.
    if !entries.is_empty() {
        let observations: Vec<Value> = entries
            .iter()
            .map(|r| observation(file, r, timestamp))
            .collect();
        let findings: Vec<Value> = entries.iter().map(|r| finding_of(file, r)).collect();
        result["observations"] = Value::Array(observations);
        result["findings"] = Value::Array(findings);
    }
    result
}

fn observation(file: &FileReport, result: &ResultEntry, timestamp: &str) -> Value {
    let mut observation = json!({
        "uuid": uuid("observation", &[&result.rule, &file.file, &result.framework]),
        "title": format!("{} {}", result.rule, result.title),
        "description": finding(result),
        "methods": ["EXAMINE"],
        "types": ["finding"],
        "collected": timestamp,
    });
    let evidence: Vec<Value> = result
        .evidence
        .iter()
        .map(|e| {
            let actual = e.actual.as_deref().unwrap_or("(missing)");
            let path = e.source.as_deref().unwrap_or(&e.path);
            json!({"description": format!("{path}: expected {}; actual {actual}", e.expected)})
        })
        .collect();
    if !evidence.is_empty() {
        observation["relevant-evidence"] = Value::Array(evidence);
    }
    observation
}

fn finding_of(file: &FileReport, result: &ResultEntry) -> Value {
    let (state, reason) = match result.verdict {
        Verdict::Pass => ("satisfied", "pass"),
        Verdict::Fail => ("not-satisfied", "fail"),
        // Compliance is not established while facts are missing.
        Verdict::Unknown => ("not-satisfied", "other"),
        // Nothing is required of the provider here; the verdict prop says why.
        Verdict::NotApplicable => ("satisfied", "other"),
    };
    json!({
        "uuid": uuid("finding", &[&result.rule, &file.file, &result.framework]),
        "title": format!("{} {}", result.rule, result.title),
        "description": result.message,
        "props": [
            verdict_prop(result.verdict),
            {"name": "severity", "ns": PROP_NS, "value": severity_name(result.severity)},
            {"name": "reference", "ns": PROP_NS, "value": result.reference},
        ],
        "target": {
            "type": "objective-id",
            "target-id": objective_id(&result.rule),
            "status": {"state": state, "reason": reason},
        },
        "related-observations": [
            {"observation-uuid": uuid("observation", &[&result.rule, &file.file, &result.framework])}
        ],
    })
}

fn verdict_prop(verdict: Verdict) -> Value {
    json!({"name": "verdict", "ns": PROP_NS, "value": verdict.name()})
}

/// A UUIDv5 in trustcheck's namespace of what a `kind` of object is about.
fn uuid(kind: &str, parts: &[&str]) -> String {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:trustcheck");
    let name = std::iter::once(kind)
        .chain(parts.iter().copied())
        .collect::<Vec<_>>()
        .join("\0");
    Uuid::new_v5(&namespace, name.as_bytes()).to_string()
}

/// The control of a rule: its first two id segments (`SNC-19.6-a` → `snc-19.6`).
fn control_id(rule: &str) -> String {
    let id = token(rule);
    let mut segments = id.splitn(3, '-');
    match (segments.next(), segments.next()) {
        (Some(first), Some(second)) => format!("{first}-{second}"),
        _ => id,
    }
}

/// The objective of a rule within its control (`SNC-19.6-a` → `snc-19.6_obj.a`).
fn objective_id(rule: &str) -> String {
    let id = token(rule);
    match id.splitn(3, '-').nth(2) {
        Some(rest) => format!("{}_obj.{rest}", control_id(rule)),
        None => format!("{id}_obj"),
    }
}

/// An OSCAL token: lower case letters, digits, `.` and `-`, starting with a letter
/// (`_` is kept for the `_obj` suffix).
fn token(text: &str) -> String {
    let token: String = text
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if token.starts_with(|c: char| c.is_ascii_alphabetic()) {
        token
    } else {
        format!("r-{token}")
    }
}

fn to_text(document: &Value) -> String {
    let mut text = serde_json::to_string_pretty(document)
        // A JSON value always serialises.
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_map_to_controls_and_objectives() {
        assert_eq!(control_id("SNC-19.6-a"), "snc-19.6");
        assert_eq!(objective_id("SNC-19.6-a"), "snc-19.6_obj.a");
        assert_eq!(
            objective_id("SNC-19.6-b-individual"),
            "snc-19.6_obj.b-individual"
        );
        assert_eq!(control_id("CAC-R9-SENS"), "cac-r9");
        assert_eq!(objective_id("SREN-31"), "sren-31_obj");
        assert_eq!(objective_id("X"), "x_obj");
        assert_eq!(token("19 a/b"), "r-19-a-b");
    }

    #[test]
    fn uuids_are_version_5_and_stable() {
        let a = uuid("finding", &["SNC-19.6-a", "p.yaml", "secnumcloud-3.2"]);
        assert_eq!(
            a,
            uuid("finding", &["SNC-19.6-a", "p.yaml", "secnumcloud-3.2"])
        );
        assert_ne!(
            a,
            uuid("observation", &["SNC-19.6-a", "p.yaml", "secnumcloud-3.2"])
        );
        assert_eq!(a.chars().nth(14), Some('5'));
    }
}
