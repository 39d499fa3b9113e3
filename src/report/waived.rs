//! What the renderers say about waivers and warnings: a waived result's waiver in a
//! sentence, each waiver of the run in a line, and each warning of a file in a line.

use super::{Report, ResultWaiver, WaiverEntry, WaiverStatus, Warning};
use crate::lang::Lang;

/// The waiver of a result in a sentence: who accepted which verdict, until when, why.
pub(crate) fn waiver_sentence(waiver: &ResultWaiver, lang: Lang) -> String {
    let covers = super::table::verdict_word(waiver.covers, lang);
    match lang {
        Lang::En => format!(
            "Waived by {} until {} ({covers} accepted; owner {}; approved by {} on {}): {}",
            waiver.id,
            waiver.expires,
            waiver.owner,
            waiver.approved_by,
            waiver.approved_on,
            waiver.justification
        ),
        Lang::Fr => format!(
            "Dérogation {} jusqu'au {} ({covers} accepté ; responsable {} ; approuvée par {} \
             le {}) : {}",
            waiver.id,
            waiver.expires,
            waiver.owner,
            waiver.approved_by,
            waiver.approved_on,
            waiver.justification
        ),
    }
}

/// A waiver's status in a word.
pub(crate) fn waiver_status_word(status: WaiverStatus, lang: Lang) -> &'static str {
    match (status, lang) {
        (WaiverStatus::Applied, Lang::En) => "applied",
        (WaiverStatus::Expired, Lang::En) => "expired",
        (WaiverStatus::Stale, Lang::En) => "stale",
        (WaiverStatus::Refused, Lang::En) => "refused",
        (WaiverStatus::Refused, Lang::Fr) => "refusée",
        (WaiverStatus::Applied, Lang::Fr) => "appliquée",
        (WaiverStatus::Expired, Lang::Fr) => "expirée",
        (WaiverStatus::Stale, Lang::Fr) => "sans objet",
    }
}

/// One line per waiver of the run: id, rule, status and what it means, where it is.
pub(crate) fn waiver_lines(report: &Report, lang: Lang) -> Vec<String> {
    report
        .waivers
        .iter()
        .map(|w: &WaiverEntry| {
            let results: Vec<String> = w
                .results
                .iter()
                .map(|r| format!("{} ({})", r.file, r.verdict.name()))
                .collect();
            let results = if results.is_empty() {
                String::new()
            } else {
                format!(" [{}]", results.join(", "))
            };
            format!(
                "{} ({}): {} — {}{results} ({})",
                w.id,
                w.rule,
                waiver_status_word(w.status, lang),
                w.note,
                w.origin
            )
        })
        .collect()
}

/// A warning with the provider-file path and line it is about.
pub(crate) fn warning_line(warning: &Warning, lang: Lang) -> String {
    let line = match (warning.location, lang) {
        (Some(l), Lang::En) => format!(", line {}", l.line),
        (Some(l), Lang::Fr) => format!(", ligne {}", l.line),
        (None, _) => String::new(),
    };
    format!("{} ({}{line})", warning.message, warning.path)
}
