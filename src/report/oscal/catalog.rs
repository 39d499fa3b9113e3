//! The OSCAL catalog of trustcheck's criteria, which assessment-result findings
//! target: a group per framework, a control per section, an objective per rule.

use serde_json::{Value, json};

use super::{PROP_NS, control_id, metadata, objective_id, to_text, token, uuid};
use crate::report::Report;
use crate::report::render::{frameworks, section};

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
    legal_status: &'static str,
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
            legal_status: r.legal_status.name(),
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
                legal_status: r.legal_status.name(),
            });
        }
    }
    criteria
}

fn control(id: &str, framework_title: &str, members: &[&Criterion]) -> Value {
    let section = members
        .first()
        .map(|c| section(&c.reference))
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
                    {"name": "legal-status", "ns": PROP_NS, "value": c.legal_status},
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
