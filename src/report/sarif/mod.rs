//! SARIF 2.1.0 as GitHub code scanning accepts it: one run per framework (GitHub
//! keeps one analysis per `automationDetails` category), one rule descriptor per
//! criterion, one result per failing, unknown or waived criterion (a waived one as a
//! note with an accepted external suppression). Each run's property bag holds the
//! procurement verdicts of its framework.
//!
//! It is rendered at the end of a run, not streamed: each framework's run holds the
//! results of every file, so the first run's `results` close only after the last
//! file, while the next runs' results are already known. Streaming would need one
//! run for every framework, which GitHub would show as a single analysis.

mod log;

use std::path::Path;

use super::render::{
    decisive_path, finding, fingerprint, frameworks, lang, relative_path, severity_name,
};
use super::waived::waiver_sentence;
use super::{FileReport, Location, Report, ResultEntry, RuleInfo};
use crate::engine::Verdict;
use crate::lang::Lang;
use crate::rules::{Confidence, Severity};
use log::{
    ArtifactLocation, AutomationDetails, Configuration, Descriptor, DescriptorProperties, Driver,
    Help, Log, Message, PartialFingerprints, PhysicalLocation, Region, ResultProperties, Run,
    RunProcurement, RunProperties, SarifLocation, SarifResult, Suppression, Tool,
};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// GitHub truncates descriptions beyond this many characters.
const DESCRIPTION_LIMIT: usize = 1024;

/// The report as a SARIF 2.1.0 log; file URIs are made relative to `working_dir`.
pub fn render(report: &Report, working_dir: &Path) -> String {
    let lang = lang(report);
    let runs = frameworks(report)
        .into_iter()
        .map(|(id, title)| run(report, id, title, working_dir, lang))
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs,
    };
    let mut text = serde_json::to_string_pretty(&log)
        // The log holds only strings and numbers: serialisation cannot fail.
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

fn run(report: &Report, framework: &str, title: &str, working_dir: &Path, lang: Lang) -> Run {
    let mut rules: Vec<RuleInfo> = report
        .rules
        .iter()
        .filter(|r| r.framework == framework)
        .cloned()
        .collect();
    // A result whose rule the catalogue lacks still needs a descriptor to point at.
    for result in report.reports.iter().flat_map(|f| &f.results) {
        if result.framework == framework && !rules.iter().any(|r| r.id == result.rule) {
            rules.push(undescribed_rule(result, title));
        }
    }
    let mut results = Vec::new();
    for file in &report.reports {
        for result in file.results.iter().filter(|r| r.framework == framework) {
            if let Some(index) = rules.iter().position(|r| r.id == result.rule) {
                results.extend(sarif_result(file, result, index, working_dir, lang));
            }
        }
    }
    Run {
        tool: Tool {
            driver: Driver {
                name: "trustcheck",
                semantic_version: report.trustcheck_version.clone(),
                rules: rules.iter().map(|r| descriptor(r, lang)).collect(),
            },
        },
        automation_details: AutomationDetails {
            id: format!("trustcheck/{framework}/"),
        },
        column_kind: "unicodeCodePoints",
        results,
        properties: run_properties(report, framework, working_dir),
    }
}

/// The framework's procurement verdicts over every file, in the run's property bag.
fn run_properties(report: &Report, framework: &str, working_dir: &Path) -> Option<RunProperties> {
    let procurement: Vec<RunProcurement> = report
        .reports
        .iter()
        .flat_map(|file| {
            let path = relative_path(&file.file, working_dir);
            file.procurement
                .iter()
                .filter(|v| v.framework == framework)
                .map(move |v| RunProcurement {
                    file: path.clone(),
                    verdict: v.clone(),
                })
        })
        .collect();
    (!procurement.is_empty()).then_some(RunProperties { procurement })
}

fn undescribed_rule(result: &ResultEntry, framework_title: &str) -> RuleInfo {
    RuleInfo {
        id: result.rule.clone(),
        framework: result.framework.clone(),
        framework_title: framework_title.to_string(),
        reference: result.reference.clone(),
        severity: result.severity,
        confidence: result.confidence,
        legal_status: result.legal_status,
        title: result.title.clone(),
        requires: result.title.clone(),
        why: String::new(),
        caveat: result.caveat.clone(),
        legal_note: None,
        unverified: result.unverified.clone(),
    }
}

fn descriptor(rule: &RuleInfo, lang: Lang) -> Descriptor {
    let (text, markdown) = help(rule, lang);
    Descriptor {
        id: rule.id.clone(),
        name: format!("{}/{}", rule.framework, rule.id),
        short_description: Message {
            text: truncate(&rule.title, DESCRIPTION_LIMIT),
        },
        full_description: Message {
            text: truncate(&rule.requires, DESCRIPTION_LIMIT),
        },
        help: Help { text, markdown },
        default_configuration: Configuration {
            level: severity_level(rule.severity),
        },
        properties: DescriptorProperties {
            tags: vec![
                "security".to_string(),
                "compliance".to_string(),
                rule.framework.clone(),
                severity_name(rule.severity).to_string(),
            ],
            precision: match rule.confidence {
                Confidence::High => "high",
                Confidence::Medium => "medium",
                Confidence::Low => "low",
            },
            security_severity: security_severity(rule.severity),
            legal_status: rule.legal_status.name(),
            unverified: rule.unverified.clone(),
        },
    }
}

/// The rule's documentation: its reference, what the text requires, why, and what
/// is uncertain, as plain text and as Markdown.
fn help(rule: &RuleInfo, lang: Lang) -> (String, String) {
    let status = super::table::legal_status(rule.legal_status, lang);
    let reference = format!("{} §{}", rule.framework_title, rule.reference);
    let labels = match lang {
        Lang::En => ["Requires", "Why", "Caveat", "Legal basis", "Unverified"],
        Lang::Fr => [
            "Exige",
            "Pourquoi",
            "Réserve",
            "Portée juridique",
            "Non vérifié",
        ],
    };
    let parts = [
        Some(&rule.requires),
        Some(&rule.why),
        rule.caveat.as_ref(),
        rule.legal_note.as_ref(),
        rule.unverified.as_ref(),
    ];
    let mut text = format!("{reference} ({status})");
    let mut markdown = format!("**{}** ({status})", crate::safe_text::markdown(&reference));
    for (label, part) in labels.iter().zip(parts) {
        if let Some(part) = part.filter(|p| !p.is_empty()) {
            text.push_str(&format!("\n\n{label}: {part}"));
            let part = crate::safe_text::markdown(part);
            markdown.push_str(&format!("\n\n**{label}:** {part}"));
        }
    }
    (text, markdown)
}

fn sarif_result(
    file: &FileReport,
    result: &ResultEntry,
    rule_index: usize,
    working_dir: &Path,
    lang: Lang,
) -> Option<SarifResult> {
    let level = match result.verdict {
        // A result below `--enforce` is reported, but does not gate.
        Verdict::Fail | Verdict::Unknown if !result.enforced => "note",
        Verdict::Fail => "error",
        Verdict::Unknown => "warning",
        Verdict::Waived => "note",
        Verdict::Pass | Verdict::NotApplicable => return None,
    };
    let suppressions = result
        .waiver
        .iter()
        .map(|waiver| Suppression {
            kind: "external",
            status: "accepted",
            justification: waiver_sentence(waiver, lang),
        })
        .collect();
    let uri = uri(&relative_path(&file.file, working_dir));
    let related_locations = result
        .evidence
        .iter()
        .filter_map(|e| Some((e.location?, e)))
        // The primary location already shows the decisive fact.
        .filter(|(location, _)| Some(*location) != result.location)
        .enumerate()
        .map(|(id, (location, e))| SarifLocation {
            id: Some(id),
            physical_location: physical(&uri, Some(location)),
            message: Some(Message {
                text: crate::safe_text::json_text(&match &e.provenance {
                    Some(source) => format!("{} (source: {})", e.finding, source.summary),
                    None => e.finding.clone(),
                }),
            }),
        })
        .collect();
    let primary = fingerprint(&[&result.rule, decisive_path(result), &file.provider]);
    Some(SarifResult {
        rule_id: result.rule.clone(),
        rule_index,
        level,
        message: Message {
            text: crate::safe_text::json_text(&finding(result)),
        },
        locations: vec![SarifLocation {
            id: None,
            physical_location: physical(&uri, result.location),
            message: None,
        }],
        related_locations,
        partial_fingerprints: PartialFingerprints {
            primary_location_line_hash: primary,
        },
        suppressions,
        properties: ResultProperties {
            verdict: result.verdict.name(),
            provider: file.provider.clone(),
            reference: result.reference.clone(),
            legal_status: result.legal_status.name(),
            enforced: result.enforced,
        },
    })
}

fn physical(uri: &str, location: Option<Location>) -> PhysicalLocation {
    let region = match location {
        Some(l) => Region {
            start_line: l.line,
            start_column: l.column,
            end_line: l.end_line,
            end_column: l.end_column,
        },
        // No fact to point at: the top of the file.
        None => Region {
            start_line: 1,
            start_column: 1,
            end_line: 1,
            end_column: 1,
        },
    };
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri.to_string(),
        },
        region,
    }
}

fn severity_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// GitHub's buckets: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, below low.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

fn truncate(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let kept: String = text.chars().take(limit.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// A relative path as a URI reference: reserved and non-ASCII bytes percent-encoded,
/// slashes kept.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("dir/a b#é.yaml"), "dir/a%20b%23%C3%A9.yaml");
        assert_eq!(uri("procurement/p.yaml"), "procurement/p.yaml");
    }

    #[test]
    fn long_descriptions_are_cut_on_a_character() {
        let text = "é".repeat(2000);
        let cut = truncate(&text, DESCRIPTION_LIMIT);
        assert_eq!(cut.chars().count(), DESCRIPTION_LIMIT);
        assert!(cut.ends_with('…'));
        assert_eq!(truncate("short", DESCRIPTION_LIMIT), "short");
    }

    #[test]
    fn severities_map_to_levels_and_buckets() {
        assert_eq!(severity_level(Severity::Critical), "error");
        assert_eq!(severity_level(Severity::Low), "note");
        assert_eq!(security_severity(Severity::Critical), "9.5");
        assert_eq!(security_severity(Severity::Medium), "5.5");
    }
}
