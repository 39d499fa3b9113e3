//! Builds the report model from engine results, in one language.

use super::{
    Eligibility, EvidenceEntry, FactSource, FileReport, FrameworkSummary, Location, OverrideEntry,
    ResultEntry, RuleInfo,
};
use crate::diagnostics::LineIndex;
use crate::engine::{Evidence, RuleResult, Verdict};
use crate::lang::Lang;
use crate::rules::{Manifest, Rule, RuleSet};
use crate::yaml::SourceMap;

/// What the report needs to know about the assessed file.
pub struct FileInput<'a> {
    pub name: &'a str,
    pub text: &'a str,
    /// Line starts of `text`, for the positions of evidence.
    pub lines: &'a LineIndex<'a>,
    pub source: &'a SourceMap,
    pub provider: &'a str,
    pub provider_name: &'a str,
    pub offer: Option<&'a str>,
}

/// The report of one file: results of the selected frameworks (all when
/// `frameworks` is empty), their verdicts, and the eligibility scenarios.
pub fn build_file_report(
    input: &FileInput,
    rules: &RuleSet,
    results: &[RuleResult],
    eligibility: Vec<Eligibility>,
    frameworks: &[String],
    lang: Lang,
) -> FileReport {
    let selected =
        |framework: &str| frameworks.is_empty() || frameworks.iter().any(|f| f == framework);
    let mut entries: Vec<ResultEntry> = results
        .iter()
        .filter(|r| selected(&r.framework))
        .filter_map(|r| entry(input, rules, r, lang))
        .collect();
    // Stable order: by framework (pack order), then rule id.
    let position = |id: &str| framework_position(rules, id);
    entries
        .sort_by(|a, b| (position(&a.framework), &a.rule).cmp(&(position(&b.framework), &b.rule)));
    let summaries: Vec<FrameworkSummary> = rules
        .frameworks()
        .iter()
        .filter(|m| selected(&m.id))
        .map(|m| FrameworkSummary {
            id: m.id.clone(),
            title: m.title.get(lang).to_string(),
            // Set from the results below.
            verdict: Verdict::NotApplicable,
            legal_status: m.legal_status,
            legal_note: m.legal_note.get(lang).to_string(),
            unverified: m.unverified.as_ref().map(|u| u.get(lang).to_string()),
            version: m.framework_version.clone(),
        })
        .collect();
    let mut report = FileReport {
        file: input.name.to_string(),
        provider: input.provider.to_string(),
        provider_name: input.provider_name.to_string(),
        offer: input.offer.map(str::to_string),
        // Set by the caller, which knows the provider file.
        workload: None,
        verdict: Verdict::NotApplicable,
        frameworks: summaries,
        results: entries,
        eligibility: eligibility
            .into_iter()
            .filter(|e| selected(&e.framework))
            .collect(),
        overrides: rules
            .overrides
            .iter()
            .map(|o| OverrideEntry {
                rule: o.rule.clone(),
                by: o.by.clone(),
            })
            .collect(),
        warnings: Vec::new(),
        // Set once waivers are applied.
        procurement: Vec::new(),
    };
    report.settle_verdicts();
    report
}

fn entry(
    input: &FileInput,
    rules: &RuleSet,
    result: &RuleResult,
    lang: Lang,
) -> Option<ResultEntry> {
    let rule = rules.rule(&result.rule)?;
    let manifest = rules.framework(&result.framework)?;
    let evidence: Vec<EvidenceEntry> = result
        .evidence
        .iter()
        .map(|e| evidence(input, e, lang))
        .collect();
    let location = evidence.iter().find_map(|e| e.location);
    Some(ResultEntry {
        rule: result.rule.clone(),
        framework: result.framework.clone(),
        reference: result.reference.clone(),
        verdict: result.verdict,
        severity: result.severity,
        title: rule.raw.title.get(lang).to_string(),
        message: result.message.get(lang).to_string(),
        evidence,
        legal_status: rule.raw.legal_status.unwrap_or(manifest.legal_status),
        // Set by `Report::enforce`; every result counts by default.
        enforced: true,
        unverified: unverified(rule, manifest, lang),
        confidence: rule.raw.confidence,
        caveat: rule.raw.caveat.as_ref().map(|c| c.get(lang).to_string()),
        location,
        too_weak: result.too_weak.clone(),
        waiver: None,
    })
}

/// What a rule cites unread: its own `unverified`, else its pack's.
pub(crate) fn unverified(rule: &Rule, manifest: &Manifest, lang: Lang) -> Option<String> {
    rule.raw
        .unverified
        .as_ref()
        .or(manifest.unverified.as_ref())
        .map(|u| u.get(lang).to_string())
}

fn evidence(input: &FileInput, e: &Evidence, lang: Lang) -> EvidenceEntry {
    EvidenceEntry {
        path: e.path.clone(),
        actual: e.actual.clone(),
        expected: e.expected.get(lang).to_string(),
        finding: e.sentence.get(lang).to_string(),
        source: e.source.clone(),
        location: e
            .source
            .as_deref()
            .map(|path| locate(input.source, input.lines, path)),
        note: e.note.clone(),
        provenance: e.provenance.as_ref().map(|w| FactSource {
            grade: w.source,
            document: w.provenance.clone(),
            stated_at: w.stated_at.clone(),
            value: w.value.clone(),
            summary: w.describe(lang),
        }),
    }
}

/// Line and column of a provider-file path (its parent's when absent).
pub fn locate(source: &SourceMap, lines: &LineIndex, path: &str) -> Location {
    let located = source.locate(path);
    let (line, column) = lines.position(located.span.offset);
    let (end_line, end_column) = lines.position(located.span.end());
    Location {
        line,
        column,
        end_line,
        end_column,
        exact: located.exact,
    }
}

/// The catalogue of the reported frameworks' rules, in report order.
pub fn rule_catalogue(rules: &RuleSet, frameworks: &[String], lang: Lang) -> Vec<RuleInfo> {
    let mut catalogue: Vec<RuleInfo> = rules
        .rules()
        .iter()
        .filter(|r| frameworks.is_empty() || frameworks.contains(&r.raw.framework))
        .filter_map(|r| {
            let manifest = rules.framework(&r.raw.framework)?;
            Some(RuleInfo {
                id: r.id().to_string(),
                framework: r.raw.framework.clone(),
                framework_title: manifest.title.get(lang).to_string(),
                reference: r.raw.reference.clone(),
                severity: r.raw.severity,
                confidence: r.raw.confidence,
                legal_status: r.raw.legal_status.unwrap_or(manifest.legal_status),
                title: r.raw.title.get(lang).to_string(),
                requires: r.raw.requires.get(lang).to_string(),
                why: r.raw.why.get(lang).to_string(),
                caveat: r.raw.caveat.as_ref().map(|c| c.get(lang).to_string()),
                legal_note: r.raw.legal_note.as_ref().map(|n| n.get(lang).to_string()),
                unverified: unverified(r, manifest, lang),
            })
        })
        .collect();
    let position = |id: &str| framework_position(rules, id);
    catalogue.sort_by(|a, b| (position(&a.framework), &a.id).cmp(&(position(&b.framework), &b.id)));
    catalogue
}

/// Where a framework comes in report order (pack order); unknown ones last.
fn framework_position(rules: &RuleSet, id: &str) -> usize {
    rules
        .frameworks()
        .iter()
        .position(|m| m.id == id)
        .unwrap_or(usize::MAX)
}
