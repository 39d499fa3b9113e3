//! Applying waivers to a report: matching results become `waived`, and every waiver is
//! reported as applied, expired or stale.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::{Expiry, Waiver};
use crate::engine::Verdict;
use crate::lang::Lang;
use crate::report::{Report, ResultWaiver, WaivedResult, WaiverEntry, WaiverStatus};

/// Applies `waivers` at `as_of` to every file of `report`, then records what became of
/// each waiver in `report.waivers` (notes in `lang`). When several current waivers
/// match a result, the first in the order given covers it. A waiver whose rule is in
/// `unwaivable` covers nothing and is reported `refused`.
pub fn apply(
    report: &mut Report,
    waivers: &[Waiver],
    as_of: Date,
    lang: Lang,
    unwaivable: &BTreeSet<&str>,
) {
    let mut found: Vec<Vec<WaivedResult>> = waivers.iter().map(|_| Vec::new()).collect();
    for file in &mut report.reports {
        for result in &mut file.results {
            if !matches!(result.verdict, Verdict::Fail | Verdict::Unknown)
                || unwaivable.contains(result.rule.as_str())
            {
                continue;
            }
            let original = result.verdict;
            for (waiver, found) in waivers.iter().zip(found.iter_mut()) {
                if !waiver.matches(&file.file, result) {
                    continue;
                }
                let current = waiver.is_current(as_of);
                // An expired waiver records what it would cover; a current one covers
                // the result unless an earlier waiver already does.
                if current && result.waiver.is_some() {
                    continue;
                }
                found.push(WaivedResult {
                    file: file.file.clone(),
                    rule: result.rule.clone(),
                    verdict: original,
                });
                if current {
                    result.verdict = Verdict::Waived;
                    result.waiver = Some(result_waiver(waiver, original));
                }
            }
        }
        file.settle_verdicts();
    }
    let entries = waivers
        .iter()
        .zip(found)
        .map(|(waiver, results)| {
            let reported = report
                .reports
                .iter()
                .any(|f| f.results.iter().any(|r| r.rule == waiver.rule));
            let refused = unwaivable.contains(waiver.rule.as_str());
            entry(waiver, results, as_of, reported, refused, lang)
        })
        .collect();
    report.waivers = entries;
}

fn result_waiver(waiver: &Waiver, covers: Verdict) -> ResultWaiver {
    ResultWaiver {
        id: waiver.id.clone(),
        justification: waiver.justification.clone(),
        owner: waiver.owner.clone(),
        approved_by: waiver.approved_by.clone(),
        approved_on: waiver.approved_on.to_string(),
        expires: waiver.expires_text(),
        covers,
    }
}

/// What became of one waiver; `reported` tells whether its rule is in the report at
/// all (`--framework` may leave it out).
fn entry(
    waiver: &Waiver,
    results: Vec<WaivedResult>,
    as_of: Date,
    reported: bool,
    refused: bool,
    lang: Lang,
) -> WaiverEntry {
    let status = if refused {
        WaiverStatus::Refused
    } else if !waiver.is_current(as_of) {
        WaiverStatus::Expired
    } else if results.is_empty() {
        WaiverStatus::Stale
    } else {
        WaiverStatus::Applied
    };
    WaiverEntry {
        id: waiver.id.clone(),
        rule: waiver.rule.clone(),
        file: waiver.file.clone(),
        path: waiver.path.clone(),
        status,
        expires: waiver.expires_text(),
        justification: waiver.justification.clone(),
        owner: waiver.owner.clone(),
        approved_by: waiver.approved_by.clone(),
        approved_on: waiver.approved_on.to_string(),
        origin: waiver.origin.clone(),
        note: match (status, reported) {
            (WaiverStatus::Stale, false) => not_reported(lang),
            _ => note(waiver, status, results.len(), lang),
        },
        results,
    }
}

/// The status in a sentence.
fn note(waiver: &Waiver, status: WaiverStatus, count: usize, lang: Lang) -> String {
    let expires = waiver.expires_text();
    match (status, &waiver.expires, lang) {
        (WaiverStatus::Applied, _, Lang::En) => {
            format!("covers {count} result(s) up to and including {expires}")
        }
        (WaiverStatus::Applied, _, Lang::Fr) => {
            format!("couvre {count} résultat(s) jusqu'au {expires} inclus")
        }
        (WaiverStatus::Expired, Expiry::Unreadable(_), Lang::En) => format!(
            "`expires` is not a date (`{expires}`): the waiver is treated as expired and \
             the results it matches keep their verdict"
        ),
        (WaiverStatus::Expired, Expiry::Unreadable(_), Lang::Fr) => format!(
            "`expires` n'est pas une date (`{expires}`) : la dérogation est tenue pour \
             expirée et les résultats visés gardent leur verdict"
        ),
        (WaiverStatus::Expired, Expiry::On(_), Lang::En) => format!(
            "expired: its last day was {expires}; the results it matches ({count}) keep \
             their verdict"
        ),
        (WaiverStatus::Expired, Expiry::On(_), Lang::Fr) => format!(
            "expirée : son dernier jour était le {expires} ; les résultats visés ({count}) \
             gardent leur verdict"
        ),
        (WaiverStatus::Stale, _, Lang::En) => "matches no failing or unknown result: remove \
             it, or check its rule, file and path"
            .to_string(),
        (WaiverStatus::Stale, _, Lang::Fr) => "ne vise aucun résultat non conforme ou \
             indéterminé : la retirer, ou vérifier sa règle, son fichier et son chemin"
            .to_string(),
        (WaiverStatus::Refused, _, Lang::En) => "its rule cannot be waived: no acceptance of \
             risk makes it lawful; the results keep their verdict"
            .to_string(),
        (WaiverStatus::Refused, _, Lang::Fr) => "sa règle n'admet pas de dérogation : aucune \
             acceptation du risque ne la rend licite ; les résultats gardent leur verdict"
            .to_string(),
    }
}

fn not_reported(lang: Lang) -> String {
    match lang {
        Lang::En => "its rule is not among the reported frameworks (see `--framework`)".into(),
        Lang::Fr => {
            "sa règle n'est pas dans les référentiels rapportés (voir `--framework`)".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{AssessOptions, assess};
    use crate::rules::RuleSet;

    const AS_OF: Date = Date::constant(2026, 11, 1);

    /// The report of the waiver tests' provider, with two gaps (SNC-10.6-a fails,
    /// SNC-19.6-f is unknown).
    fn report() -> Report {
        let rules = RuleSet::load(&[]).unwrap();
        let loaded =
            crate::provider::load_file("tests/waivers/two-gaps.yaml".as_ref(), &[]).unwrap();
        let options = AssessOptions {
            as_of: AS_OF,
            frameworks: vec![],
            lang: Lang::En,
        };
        Report {
            trustcheck_version: "test".into(),
            as_of: AS_OF.to_string(),
            lang: "en".into(),
            reports: vec![assess(&loaded, &rules, &options)],
            rules: vec![],
            waivers: vec![],
        }
    }

    fn waiver(id: &str, rule: &str, expires: Date) -> Waiver {
        Waiver {
            id: id.into(),
            rule: rule.into(),
            file: None,
            path: None,
            justification: "accepted".into(),
            owner: "owner".into(),
            approved_by: "approver".into(),
            approved_on: Date::constant(2026, 1, 1),
            expires: Expiry::On(expires),
            origin: "w.yaml:2".into(),
        }
    }

    fn verdict(report: &Report, rule: &str) -> Option<Verdict> {
        let results = &report.reports.first()?.results;
        results.iter().find(|r| r.rule == rule).map(|r| r.verdict)
    }

    #[test]
    fn the_first_current_waiver_covers_a_result() {
        let mut report = report();
        let later = Date::constant(2027, 1, 1);
        let waivers = [
            waiver("W-OLD", "SNC-10.6-a", Date::constant(2026, 10, 31)),
            waiver("W-1", "SNC-10.6-a", later),
            waiver("W-2", "SNC-10.6-a", later),
        ];
        apply(&mut report, &waivers, AS_OF, Lang::En, &BTreeSet::new());
        assert_eq!(verdict(&report, "SNC-10.6-a"), Some(Verdict::Waived));
        let statuses: Vec<WaiverStatus> = report.waivers.iter().map(|w| w.status).collect();
        assert_eq!(
            statuses,
            [
                WaiverStatus::Expired,
                WaiverStatus::Applied,
                WaiverStatus::Stale
            ]
        );
        assert_eq!(report.waivers[0].results.len(), 1, "what it would cover");
        let covering = report.reports[0]
            .results
            .iter()
            .find_map(|r| r.waiver.as_ref())
            .unwrap();
        assert_eq!(covering.id, "W-1");
    }

    #[test]
    fn passing_results_are_never_waived_and_verdicts_are_settled() {
        let mut report = report();
        let later = Date::constant(2027, 1, 1);
        apply(
            &mut report,
            &[
                waiver("W-PASS", "SNC-19.6-a", later),
                waiver("W-PKI", "SNC-10.6-a", later),
            ],
            AS_OF,
            Lang::Fr,
            &BTreeSet::new(),
        );
        assert_eq!(verdict(&report, "SNC-19.6-a"), Some(Verdict::Pass));
        assert_eq!(report.waivers[0].status, WaiverStatus::Stale);
        assert!(report.waivers[0].note.contains("ne vise aucun"));
        // SNC-19.6-f is still unknown: the framework and the file are unknown.
        let file = &report.reports[0];
        assert_eq!(file.verdict, Verdict::Unknown);
        assert_eq!(report.exit_code(), 3);
    }

    #[test]
    fn a_run_with_everything_waived_exits_4() {
        let mut report = report();
        let later = Date::constant(2027, 1, 1);
        let waivers: Vec<Waiver> = ["SNC-10.6-a", "SNC-19.6-f", "CAC-R9-sensitive"]
            .iter()
            .map(|rule| waiver(rule, rule, later))
            .collect();
        apply(&mut report, &waivers, AS_OF, Lang::En, &BTreeSet::new());
        assert_eq!(report.reports[0].verdict, Verdict::Waived);
        assert_eq!(report.exit_code(), 4);
    }

    #[test]
    fn a_waiver_on_a_rule_that_cannot_be_waived_covers_nothing() {
        let mut report = report();
        let later = Date::constant(2027, 1, 1);
        let unwaivable = BTreeSet::from(["SNC-10.6-a"]);
        apply(
            &mut report,
            &[waiver("W-PKI", "SNC-10.6-a", later)],
            AS_OF,
            Lang::En,
            &unwaivable,
        );
        assert_eq!(verdict(&report, "SNC-10.6-a"), Some(Verdict::Fail));
        assert_eq!(report.waivers[0].status, WaiverStatus::Refused);
        assert!(report.waivers[0].note.contains("cannot be waived"));
    }
}
