//! The report model: what every output format renders. Renderers read this model
//! only; nothing here evaluates a rule.

mod build;
pub mod csv;
pub mod format;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod oscal;
pub mod procurement;
mod render;
pub mod rule_doc;
pub mod sarif;
pub mod table;
mod waived;

use serde::Serialize;

pub use build::{FileInput, build_file_report, locate, rule_catalogue};
pub use format::Format;

use crate::engine::Verdict;
use crate::lang::Text;
use crate::provenance::{Provenance, Source, TooWeak};
use crate::rules::{Confidence, Enforce, LegalStatus, Severity};

/// The report of one run over one or more files.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub trustcheck_version: String,
    /// The date at which certifications were judged.
    pub as_of: String,
    /// The language of every message in this report.
    pub lang: String,
    pub reports: Vec<FileReport>,
    /// The rules of the reported frameworks, for formats that describe them.
    pub rules: Vec<RuleInfo>,
    /// Every waiver given, and what became of it in this run.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<WaiverEntry>,
}

/// What a report says about a rule, whatever the file.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub id: String,
    pub framework: String,
    pub framework_title: String,
    pub reference: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub legal_status: LegalStatus,
    pub title: String,
    pub requires: String,
    pub why: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
    /// What makes this rule binding or not, when it says so itself (else its
    /// framework's note applies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_note: Option<String>,
    /// What the rule cites but the project has not read in the official text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unverified: Option<String>,
}

/// The assessment of one provider file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    pub provider: String,
    pub provider_name: String,
    pub offer: Option<String>,
    /// The workload the file declares, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workload: Option<DeclaredWorkload>,
    /// Worst verdict over the reported frameworks.
    pub verdict: Verdict,
    pub frameworks: Vec<FrameworkSummary>,
    pub results: Vec<ResultEntry>,
    /// Without a workload in the file: the verdict per sensitivity class.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub eligibility: Vec<Eligibility>,
    /// Shipped rules replaced by user packs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<OverrideEntry>,
    /// What deserves attention without changing any verdict (`--valid-until`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// The procurement verdict per framework and workload (or sensitivity class),
    /// set once waivers are applied (see [`procurement::settle`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub procurement: Vec<ProcurementVerdict>,
}

/// The workload a provider file declares: what is to be hosted, and how sensitive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeclaredWorkload {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The sensitivity class (`public`, `internal`, `sensitive`, `restricted`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<String>,
}

/// Whether an offer may be bought under one framework for one workload, with a
/// rationale paragraph for a procurement file in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcurementVerdict {
    pub framework: String,
    /// The declared workload's name; absent when the file declares none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workload: Option<String>,
    /// The declared workload's sensitivity class, or the class of the scenario when
    /// the file declares no workload; absent when the verdict holds for any workload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<String>,
    pub decision: Decision,
    /// The decision, the offer, the framework and its legal status, and the decisive
    /// results with their references and reasons: one paragraph per language.
    pub rationale: Text,
    /// Every rule that decided (failed, was unknown or was waived), most severe first.
    pub decisive: Vec<String>,
}

/// A procurement decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Every applicable criterion passes (or none applies).
    Eligible,
    /// A criterion fails.
    NotEligible,
    /// Nothing fails or lacks evidence, but some criteria pass only through waivers.
    EligibleWithWaivers,
    /// Nothing fails, but evidence is missing or too weak for some criterion.
    NotEstablished,
}

impl Decision {
    /// The decision as the JSON report writes it.
    pub fn name(self) -> &'static str {
        match self {
            Decision::Eligible => "eligible",
            Decision::NotEligible => "not_eligible",
            Decision::EligibleWithWaivers => "eligible_with_waivers",
            Decision::NotEstablished => "not_established",
        }
    }
}

/// Something the reader should know that changes no verdict, e.g. a certification
/// that expires before the date the offer must stay valid until.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// What kind of warning: `certification-expiry`.
    pub code: String,
    pub message: String,
    /// The provider-file path it is about.
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// One framework's verdict and what kind of text it is.
#[derive(Debug, Clone, Serialize)]
pub struct FrameworkSummary {
    pub id: String,
    pub title: String,
    pub verdict: Verdict,
    pub legal_status: LegalStatus,
    pub legal_note: String,
    /// What the pack cites but the project has not read in the official text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unverified: Option<String>,
    pub version: String,
}

/// The result of one rule.
#[derive(Debug, Clone, Serialize)]
pub struct ResultEntry {
    pub rule: String,
    pub framework: String,
    pub reference: String,
    pub verdict: Verdict,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    pub evidence: Vec<EvidenceEntry>,
    pub legal_status: LegalStatus,
    /// Whether the result counts for the exit code under `--enforce`: false for a
    /// result of a weaker legal status, which is reported but not enforced.
    pub enforced: bool,
    /// What the rule cites but the project has not read in the official text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unverified: Option<String>,
    pub confidence: Confidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
    /// Where in the provider file the decisive fact is (or its parent when missing).
    pub location: Option<Location>,
    /// Why a pass was reported `unknown`: its sources are below the rule's minimum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub too_weak: Option<TooWeak>,
    /// The waiver that covers this result, when its verdict is `waived`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<ResultWaiver>,
}

/// The waiver that covers a failing or unknown result: who accepted the risk, why,
/// and until when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultWaiver {
    pub id: String,
    pub justification: String,
    pub owner: String,
    pub approved_by: String,
    pub approved_on: String,
    /// The last day the waiver applies (inclusive).
    pub expires: String,
    /// The verdict the waiver covers: `fail` or `unknown`.
    pub covers: Verdict,
}

/// One waiver of the run and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaiverEntry {
    pub id: String,
    pub rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub status: WaiverStatus,
    /// The expiry date as written (it may not be a date: the waiver is then expired).
    pub expires: String,
    pub justification: String,
    pub owner: String,
    pub approved_by: String,
    pub approved_on: String,
    /// Where the waiver is written: `FILE:LINE`.
    pub origin: String,
    /// The results it covers (applied) or would cover (expired).
    pub results: Vec<WaivedResult>,
    /// The status in a sentence, in the report's language.
    pub note: String,
}

/// What became of a waiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaiverStatus {
    /// It covers at least one failing or unknown result.
    Applied,
    /// Its expiry date is past (or unreadable): the results keep their verdict.
    Expired,
    /// It matches no failing or unknown result that it could cover.
    Stale,
    /// Its rule cannot be waived (`waivable: false`): the results keep their verdict.
    Refused,
}

/// A result a waiver covers or would cover.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaivedResult {
    pub file: String,
    pub rule: String,
    /// The result's verdict before any waiver.
    pub verdict: Verdict,
}

/// One decisive fact.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceEntry {
    pub path: String,
    pub actual: Option<String>,
    pub expected: String,
    pub finding: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The weakest source behind the fact (provider facts only, not the workload).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<FactSource>,
}

/// Where a decisive fact comes from: the weakest source among the values it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactSource {
    /// The grade; `self-declared` when the file states no source.
    pub grade: Source,
    /// The document, as the file states it; absent when none is stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<Provenance>,
    /// Where the statement is written (`evidence."entities.acme"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated_at: Option<String>,
    /// The provider-file value with that weakest source.
    pub value: String,
    /// The source in a few words: `registry-extract (RCS Paris 812 345 678, 2026-10-15)`.
    pub summary: String,
}

/// A position in the provider file (1-based; `exact` is false when the fact is
/// missing and the position is its parent's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub exact: bool,
}

/// The verdict of the workload-dependent frameworks for one sensitivity class.
#[derive(Debug, Clone, Serialize)]
pub struct Eligibility {
    pub sensitivity: String,
    pub framework: String,
    pub verdict: Verdict,
    /// The rules that failed or were unknown in this scenario.
    pub decisive: Vec<String>,
    /// Of `decisive`, the rules that were unknown (the others failed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
}

/// A shipped rule replaced by a user pack.
#[derive(Debug, Clone, Serialize)]
pub struct OverrideEntry {
    pub rule: String,
    pub by: String,
}

impl Report {
    /// Marks which results count for the exit code: those whose legal status is at
    /// least `level`. The others stay in the report, marked as not enforced.
    pub fn enforce(&mut self, level: Enforce) {
        for result in self.reports.iter_mut().flat_map(|r| r.results.iter_mut()) {
            result.enforced = result.legal_status.enforced_under(level);
        }
    }

    /// The exit code of a run, over the enforced results only: 1 if any fails, else
    /// 3 if any is unknown, else 4 if any is waived (a waiver never gives a clean 0),
    /// else 0.
    pub fn exit_code(&self) -> u8 {
        let worst = Verdict::combine(
            self.reports
                .iter()
                .flat_map(|r| r.results.iter())
                .filter(|r| r.enforced)
                .map(|r| r.verdict),
        );
        match worst {
            Verdict::Fail => 1,
            Verdict::Unknown => 3,
            Verdict::Waived => 4,
            Verdict::Pass | Verdict::NotApplicable => 0,
        }
    }
}

impl FileReport {
    /// Sets each framework's verdict from its results, and the file's from those.
    pub fn settle_verdicts(&mut self) {
        for framework in &mut self.frameworks {
            framework.verdict = Verdict::combine(
                self.results
                    .iter()
                    .filter(|r| r.framework == framework.id)
                    .map(|r| r.verdict),
            );
        }
        self.verdict = Verdict::combine(self.frameworks.iter().map(|f| f.verdict));
    }
}
