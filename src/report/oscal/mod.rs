//! OSCAL assessment results, and the catalog of trustcheck criteria their findings
//! point at. One result per (file, framework), one observation and one finding per
//! criterion. Every UUID is a UUIDv5 of what it identifies, so the same report gives
//! the same document and documents diff cleanly.
//!
//! Ids: rule `SNC-19.6-a` is objective `snc-19.6_obj.a` of control `snc-19.6`.
//!
//! It is rendered at the end of a run, not streamed: what comes before the results
//! depends on every file (the document's UUID hashes the list of files, and the
//! metadata's title names every provider).

mod catalog;

use serde_json::{Value, json};
use uuid::Uuid;

use super::render::{as_of_timestamp, finding, frameworks, lang, severity_name};
use super::waived::waiver_sentence;
use super::{FactSource, FileReport, FrameworkSummary, ProcurementVerdict, Report, ResultEntry};
use crate::engine::Verdict;
use crate::lang::Lang;

/// The OSCAL version written unless asked otherwise (the one most tools read today).
pub const DEFAULT_OSCAL_VERSION: &str = "1.1.2";

pub use catalog::catalog;

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
        "props": [
            verdict_prop(framework.verdict),
            json!({"name": "legal-status", "ns": PROP_NS, "value": framework.legal_status.name()}),
        ],
        "reviewed-controls": {"control-selections": [selection]},
    });
    add_procurement(&mut result, file, framework);
    // OSCAL arrays hold at least one item: leave them out when empty.
    if !entries.is_empty() {
        let observations: Vec<Value> = entries
            .iter()
            .map(|r| observation(file, r, timestamp))
            .collect();
        let findings: Vec<Value> = entries
            .iter()
            .map(|r| finding_of(file, r, lang(report)))
            .collect();
        if let Some(map) = result.as_object_mut() {
            map.insert("observations".into(), Value::Array(observations));
            map.insert("findings".into(), Value::Array(findings));
        }
    }
    result
}

/// The framework's procurement verdicts: a `procurement-decision` prop each (its
/// class the sensitivity class when the file declares no workload), and the
/// rationales in both languages as the result's remarks.
fn add_procurement(result: &mut Value, file: &FileReport, framework: &FrameworkSummary) {
    let verdicts: Vec<&ProcurementVerdict> = file
        .procurement
        .iter()
        .filter(|v| v.framework == framework.id)
        .collect();
    let Some(map) = result.as_object_mut().filter(|_| !verdicts.is_empty()) else {
        return;
    };
    let mut remarks = Vec::new();
    for verdict in verdicts {
        let mut prop = json!({
            "name": "procurement-decision",
            "ns": PROP_NS,
            "value": verdict.decision.name(),
        });
        if let (None, Some(class), Some(prop)) = (
            &verdict.workload,
            &verdict.sensitivity,
            prop.as_object_mut(),
        ) {
            prop.insert("class".into(), Value::String(token(class)));
        }
        if let Some(Value::Array(props)) = map.get_mut("props") {
            props.push(prop);
        }
        remarks.push(format!(
            "{}\n\n{}",
            verdict.rationale.en, verdict.rationale.fr
        ));
    }
    map.insert("remarks".into(), Value::String(remarks.join("\n\n")));
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
            let mut item = json!({
                "description": format!("{path}: expected {}; actual {actual}", e.expected)
            });
            if let (Some(source), Some(map)) = (&e.provenance, item.as_object_mut()) {
                map.insert("props".into(), evidence_props(source));
                if let Some(url) = source.document.as_ref().and_then(|d| d.url.clone()) {
                    map.insert("href".into(), Value::String(url));
                }
            }
            item
        })
        .collect();
    if let Some(map) = observation.as_object_mut().filter(|_| !evidence.is_empty()) {
        map.insert("relevant-evidence".into(), Value::Array(evidence));
    }
    observation
}

fn finding_of(file: &FileReport, result: &ResultEntry, lang: Lang) -> Value {
    let (state, reason) = match result.verdict {
        Verdict::Pass => ("satisfied", "pass"),
        Verdict::Fail => ("not-satisfied", "fail"),
        // Compliance is not established while facts are missing.
        Verdict::Unknown => ("not-satisfied", "other"),
        // Nothing is required of the provider here; the verdict prop says why.
        Verdict::NotApplicable => ("satisfied", "other"),
        // A waiver accepts the risk; it does not satisfy the objective.
        Verdict::Waived => ("not-satisfied", "other"),
    };
    let mut props = vec![
        verdict_prop(result.verdict),
        json!({"name": "severity", "ns": PROP_NS, "value": severity_name(result.severity)}),
        json!({"name": "reference", "ns": PROP_NS, "value": result.reference}),
        json!({"name": "legal-status", "ns": PROP_NS, "value": result.legal_status.name()}),
        json!({"name": "enforced", "ns": PROP_NS, "value": result.enforced.to_string()}),
    ];
    if let Some(unverified) = result
        .unverified
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        props.push(json!({"name": "unverified", "ns": PROP_NS, "value": unverified}));
    }
    if let Some(waiver) = &result.waiver {
        props.extend([
            json!({"name": "waiver-id", "ns": PROP_NS, "value": waiver.id}),
            json!({"name": "waiver-expires", "ns": PROP_NS, "value": waiver.expires}),
        ]);
    }
    let description = match &result.waiver {
        Some(waiver) => format!("{} {}", result.message, waiver_sentence(waiver, lang)),
        None => result.message.clone(),
    };
    json!({
        "uuid": uuid("finding", &[&result.rule, &file.file, &result.framework]),
        "title": format!("{} {}", result.rule, result.title),
        "description": description,
        "props": props,
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

/// The source of a decisive fact: its grade and, when stated, its document.
fn evidence_props(source: &FactSource) -> Value {
    let document = source.document.as_ref();
    let details = [
        ("evidence-source", Some(source.grade.name())),
        (
            "evidence-reference",
            document.and_then(|d| d.reference.as_deref()),
        ),
        ("evidence-date", document.and_then(|d| d.date.as_deref())),
        (
            "evidence-sha256",
            document.and_then(|d| d.sha256.as_deref()),
        ),
    ];
    let props = details
        .into_iter()
        .filter_map(|(name, value)| {
            // OSCAL prop values are non-empty and trimmed.
            let value = value.map(str::trim).filter(|v| !v.is_empty())?;
            Some(json!({"name": name, "ns": PROP_NS, "value": value}))
        })
        .collect();
    Value::Array(props)
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
