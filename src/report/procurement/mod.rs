//! The procurement verdict: per framework and workload, whether the offer is
//! eligible, not eligible, eligible with waivers or not established, with a rationale
//! paragraph in English and in French for a procurement file.
//!
//! It reads the report once waivers are applied, and the rule set for the bilingual
//! texts (titles of frameworks, headlines of rules): the paragraphs are assembled
//! from those texts, never translated.

mod rationale;
mod words;

pub use words::{decision_word, heading, rationales, title};

use super::{Decision, Eligibility, FileReport, ProcurementVerdict, Report, ResultWaiver};
use crate::engine::Verdict;
use crate::lang::Text;
use crate::rules::{LegalStatus, Manifest, RuleSet, Severity};
use rationale::{Subject, Workload};

/// Sets the procurement verdicts of every file of `report`. Call it after
/// `waivers::apply`: a waived result makes an offer eligible with waivers.
pub fn settle(report: &mut Report, rules: &RuleSet) {
    for file in &mut report.reports {
        settle_file(file, rules);
    }
}

/// Sets the procurement verdicts of one file, once its waivers are applied: a
/// file's verdicts read nothing of the other files of the run.
pub fn settle_file(file: &mut FileReport, rules: &RuleSet) {
    file.procurement = file_verdicts(file, rules);
}

/// The decision a framework verdict leads to.
pub fn decision(verdict: Verdict) -> Decision {
    match verdict {
        Verdict::Pass | Verdict::NotApplicable => Decision::Eligible,
        Verdict::Fail => Decision::NotEligible,
        Verdict::Unknown => Decision::NotEstablished,
        Verdict::Waived => Decision::EligibleWithWaivers,
    }
}

/// One result that may decide: what it says and why, in both languages.
#[derive(Debug, Clone)]
struct Item {
    rule: String,
    reference: String,
    severity: Severity,
    /// The verdict as reported (`waived` for a waived result).
    verdict: Verdict,
    legal_status: LegalStatus,
    /// The rule's headline for the verdict it reached before any waiver.
    reason: Text,
    /// The provider-file paths of the facts it lacked.
    missing: Vec<String>,
    waiver: Option<ResultWaiver>,
}

/// The verdicts of one file: with a declared workload, one per framework for it;
/// without, one per sensitivity class for the frameworks whose rules read the
/// workload, and one for any workload for the others.
fn file_verdicts(file: &FileReport, rules: &RuleSet) -> Vec<ProcurementVerdict> {
    let subject = Subject::of(file);
    let mut verdicts = Vec::new();
    for framework in &file.frameworks {
        let Some(manifest) = rules.framework(&framework.id) else {
            continue;
        };
        let classes: Vec<&Eligibility> = file
            .eligibility
            .iter()
            .filter(|e| e.framework == framework.id)
            .collect();
        if classes.is_empty() || file.workload.is_some() {
            let items = file
                .results
                .iter()
                .filter(|r| r.framework == framework.id)
                .map(|r| Item {
                    rule: r.rule.clone(),
                    reference: r.reference.clone(),
                    severity: r.severity,
                    verdict: r.verdict,
                    legal_status: r.legal_status,
                    reason: match &r.too_weak {
                        Some(weak) => weak.headline(),
                        None => reason(
                            rules,
                            &r.rule,
                            r.waiver.as_ref().map_or(r.verdict, |w| w.covers),
                        )
                        .unwrap_or_else(|| Text::new(&r.message, &r.message)),
                    },
                    missing: r
                        .evidence
                        .iter()
                        .filter(|e| e.actual.is_none())
                        .map(|e| e.source.clone().unwrap_or_else(|| e.path.clone()))
                        .collect(),
                    waiver: r.waiver.clone(),
                })
                .collect();
            let workload = Workload::declared(file.workload.as_ref());
            verdicts.push(verdict(
                &subject,
                manifest,
                &workload,
                framework.verdict,
                items,
            ));
        }
        if file.workload.is_none() {
            for class in classes {
                let items = class_items(file, class, rules, manifest.legal_status);
                let workload = Workload::Class(class.sensitivity.clone());
                verdicts.push(verdict(&subject, manifest, &workload, class.verdict, items));
            }
        }
    }
    verdicts
}

/// The decisive results of one sensitivity class. A rule that does not read the
/// workload has the same result as in the file: when the file's result is waived,
/// so is the class's.
fn class_items(
    file: &FileReport,
    class: &Eligibility,
    rules: &RuleSet,
    framework_status: LegalStatus,
) -> Vec<Item> {
    class
        .decisive
        .iter()
        .filter_map(|id| {
            let rule = rules.rule(id)?;
            let reported = file.results.iter().find(|r| &r.rule == id);
            let waiver = reported.and_then(|r| r.waiver.clone());
            let before = if class.unknown.contains(id) {
                Verdict::Unknown
            } else {
                Verdict::Fail
            };
            Some(Item {
                rule: id.clone(),
                reference: rule.raw.reference.clone(),
                severity: rule.raw.severity,
                verdict: if waiver.is_some() {
                    Verdict::Waived
                } else {
                    before
                },
                legal_status: rule.raw.legal_status.unwrap_or(framework_status),
                reason: reason(rules, id, before)?,
                missing: Vec::new(),
                waiver,
            })
        })
        .collect()
}

/// The rule's headline for `verdict`, in both languages.
fn reason(rules: &RuleSet, rule: &str, verdict: Verdict) -> Option<Text> {
    let messages = &rules.rule(rule)?.raw.message;
    match verdict {
        Verdict::Fail | Verdict::Waived => Some(messages.fail.clone()),
        Verdict::Unknown => Some(messages.unknown.clone()),
        Verdict::Pass | Verdict::NotApplicable => None,
    }
}

/// The verdict of one framework for one workload: the decision from the verdict of
/// its results, and the results that decided, most severe first.
fn verdict(
    subject: &Subject,
    manifest: &Manifest,
    workload: &Workload,
    reported: Verdict,
    items: Vec<Item>,
) -> ProcurementVerdict {
    let combined = if items.is_empty() {
        reported
    } else {
        Verdict::combine(items.iter().map(|i| i.verdict))
    };
    let decision = decision(combined);
    let mut decisive: Vec<Item> = items
        .into_iter()
        .filter(|i| match decision {
            Decision::NotEligible => i.verdict == Verdict::Fail,
            Decision::NotEstablished => i.verdict == Verdict::Unknown,
            Decision::EligibleWithWaivers => i.verdict == Verdict::Waived,
            Decision::Eligible => false,
        })
        .collect();
    // Stable: equal severities keep the report order.
    decisive.sort_by_key(|i| i.severity);
    ProcurementVerdict {
        framework: manifest.id.clone(),
        workload: workload.name(),
        sensitivity: workload.class(),
        decision,
        rationale: rationale::paragraph(subject, manifest, workload, decision, combined, &decisive),
        decisive: decisive.into_iter().map(|i| i.rule).collect(),
    }
}

#[cfg(test)]
mod tests;
