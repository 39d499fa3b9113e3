//! Applying waivers to a report, file by file: matching results become `waived`, and
//! every waiver is reported as applied, expired or stale.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::{Expiry, Waiver};
use crate::engine::Verdict;
use crate::lang::Lang;
use crate::report::{FileReport, Report, ResultWaiver, WaivedResult, WaiverEntry, WaiverStatus};

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
    let mut ledger = Ledger::new(waivers, as_of, unwaivable);
    for file in &mut report.reports {
        ledger.apply(file);
    }
    report.waivers = ledger.finish(lang);
}

/// Waivers applied one file at a time: what each waiver covered so far is the only
/// thing kept across files, so a run never needs all its reports at once.
#[derive(Debug)]
pub struct Ledger<'a> {
    waivers: &'a [Waiver],
    as_of: Date,
    unwaivable: BTreeSet<String>,
    /// Per waiver, the results it covers (or would cover, when expired).
    found: Vec<Vec<WaivedResult>>,
    /// Per waiver, whether any file reported a result of its rule.
    reported: Vec<bool>,
}

impl<'a> Ledger<'a> {
    /// A ledger where no waiver has covered anything yet.
    pub fn new(waivers: &'a [Waiver], as_of: Date, unwaivable: &BTreeSet<&str>) -> Ledger<'a> {
        Ledger {
            waivers,
            as_of,
            unwaivable: unwaivable.iter().map(|r| r.to_string()).collect(),
            found: waivers.iter().map(|_| Vec::new()).collect(),
            reported: waivers.iter().map(|_| false).collect(),
        }
    }

    /// Applies the waivers to one file's results, then settles its verdicts. Files
    /// must come in the run's order: the waivers' results are listed in that order.
    pub fn apply(&mut self, file: &mut FileReport) {
        for (waiver, reported) in self.waivers.iter().zip(self.reported.iter_mut()) {
            *reported = *reported || file.results.iter().any(|r| r.rule == waiver.rule);
        }
        for result in &mut file.results {
            if !matches!(result.verdict, Verdict::Fail | Verdict::Unknown)
                || self.unwaivable.contains(result.rule.as_str())
            {
                continue;
            }
            let original = result.verdict;
            for (waiver, found) in self.waivers.iter().zip(self.found.iter_mut()) {
                if !waiver.matches(&file.file, result) {
                    continue;
                }
                let current = waiver.is_current(self.as_of);
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

    /// What became of each waiver over the files applied, in the order given.
    pub fn finish(self, lang: Lang) -> Vec<WaiverEntry> {
        let as_of = self.as_of;
        let unwaivable = self.unwaivable;
        self.waivers
            .iter()
            .zip(self.found)
            .zip(self.reported)
            .map(|((waiver, results), reported)| {
                let refused = unwaivable.contains(waiver.rule.as_str());
                entry(waiver, results, as_of, reported, refused, lang)
            })
            .collect()
    }
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

    #[test]
    fn a_ledger_fed_file_by_file_lists_every_file_in_order() {
        let mut first = report();
        let mut second = first.reports[0].clone();
        second.file = "second.yaml".into();
        let later = Date::constant(2027, 1, 1);
        let mut only_second = waiver("W-2ND", "SNC-10.6-a", later);
        only_second.file = Some("second.yaml".into());
        let waivers = [waiver("W-ALL", "SNC-19.6-f", later), only_second];
        let mut ledger = Ledger::new(&waivers, AS_OF, &BTreeSet::new());
        ledger.apply(&mut first.reports[0]);
        // Between two files, only the small ledger is kept.
        ledger.apply(&mut second);
        let entries = ledger.finish(Lang::En);
        let files = |i: usize| -> Vec<String> {
            entries[i].results.iter().map(|r| r.file.clone()).collect()
        };
        let name = first.reports[0].file.clone();
        assert_eq!(files(0), [name.clone(), "second.yaml".to_string()]);
        assert_eq!(files(1), ["second.yaml"]);
        assert_eq!(verdict(&first, "SNC-10.6-a"), Some(Verdict::Fail));
        let waived = second.results.iter().find(|r| r.rule == "SNC-10.6-a");
        assert_eq!(waived.map(|r| r.verdict), Some(Verdict::Waived));
        // The whole-run function gives the same entries.
        let mut whole = report();
        whole.reports.push(second_of(&whole));
        apply(&mut whole, &waivers, AS_OF, Lang::En, &BTreeSet::new());
        assert_eq!(whole.waivers, entries);
    }

    fn second_of(report: &Report) -> FileReport {
        let mut second = report.reports[0].clone();
        second.file = "second.yaml".into();
        second
    }
}
