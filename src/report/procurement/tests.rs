use jiff::civil::Date;

use super::*;
use crate::assess::{AssessOptions, assess};
use crate::lang::Lang;
use crate::provider::Loaded;
use crate::waivers::{Expiry, Waiver};

const AS_OF: Date = Date::constant(2026, 11, 1);

fn report_of(loaded: &Loaded, rules: &RuleSet) -> Report {
    let options = AssessOptions {
        as_of: AS_OF,
        frameworks: vec![],
        lang: Lang::Fr,
    };
    Report {
        trustcheck_version: "test".into(),
        as_of: AS_OF.to_string(),
        lang: "fr".into(),
        reports: vec![assess(loaded, rules, &options)],
        rules: vec![],
        waivers: vec![],
    }
}

/// The settled verdicts of one provider file, after `waivers`.
fn verdicts(path: &str, waivers: &[Waiver]) -> Vec<ProcurementVerdict> {
    let rules = RuleSet::load(&[]).unwrap();
    let loaded = crate::provider::load_file(path.as_ref(), &[]).unwrap();
    let mut report = report_of(&loaded, &rules);
    crate::waivers::apply(&mut report, waivers, AS_OF, Lang::Fr, &rules.unwaivable());
    settle(&mut report, &rules);
    report.reports.remove(0).procurement
}

fn of<'a>(verdicts: &'a [ProcurementVerdict], framework: &str) -> &'a ProcurementVerdict {
    verdicts.iter().find(|v| v.framework == framework).unwrap()
}

fn waiver(id: &str, rule: &str) -> Waiver {
    Waiver {
        id: id.into(),
        rule: rule.into(),
        file: None,
        path: None,
        justification: "accepted".into(),
        owner: format!("owner of {id}"),
        approved_by: "CISO".into(),
        approved_on: Date::constant(2026, 1, 1),
        expires: Expiry::On(Date::constant(2027, 3, 31)),
        origin: "w.yaml:2".into(),
    }
}

#[test]
fn every_verdict_maps_to_a_decision() {
    assert_eq!(decision(Verdict::Pass), Decision::Eligible);
    assert_eq!(decision(Verdict::NotApplicable), Decision::Eligible);
    assert_eq!(decision(Verdict::Fail), Decision::NotEligible);
    assert_eq!(decision(Verdict::Unknown), Decision::NotEstablished);
    assert_eq!(decision(Verdict::Waived), Decision::EligibleWithWaivers);
}

#[test]
fn a_qualified_offer_is_eligible_under_both_frameworks() {
    let verdicts = verdicts("examples/eu-native-qualified.yaml", &[]);
    assert_eq!(verdicts.len(), 2, "one verdict per framework");
    for v in &verdicts {
        assert_eq!(v.decision, Decision::Eligible, "{}", v.rationale.en);
        assert!(v.decisive.is_empty());
        assert_eq!(v.sensitivity.as_deref(), Some("sensitive"));
        assert!(
            v.workload
                .as_deref()
                .unwrap()
                .starts_with("Litigation files")
        );
        assert!(
            v.rationale
                .en
                .starts_with("Eligible: the offer “Arvenis Confiance")
        );
        assert!(
            v.rationale
                .fr
                .starts_with("Éligible : l'offre « Arvenis Confiance")
        );
    }
}

#[test]
fn a_failing_offer_names_its_decisive_results_in_both_languages() {
    let verdicts = verdicts("examples/qualification-in-progress.yaml", &[]);
    let snc = of(&verdicts, "secnumcloud-3.2");
    assert_eq!(snc.decision, Decision::NotEligible);
    // Most severe first: the missing qualification, then the agreement that cannot
    // state one yet (19.1 o)).
    assert_eq!(snc.decisive, ["SNC-QUAL", "SNC-19.1-o"]);
    assert!(snc.rationale.en.starts_with(
        "Not eligible: the offer “Brisants Santé (managed PaaS and hospital records SaaS)” of \
         Brisants Numérique SAS does not meet SecNumCloud 3.2 (ANSSI) [certification referential]"
    ));
    assert!(
        snc.rationale
            .en
            .contains("3.1, 3.2 — The offer holds no valid SecNumCloud")
    );
    assert!(snc.rationale.fr.starts_with(
        "Non éligible : l'offre « Brisants Santé (managed PaaS and hospital records SaaS) » du \
         prestataire Brisants Numérique SAS ne satisfait pas SecNumCloud 3.2 (ANSSI) \
         [référentiel de qualification]"
    ));
    assert!(
        snc.rationale
            .fr
            .contains("3.1, 3.2 — L'offre ne détient aucune qualification")
    );
    // R9 is binding law in a framework that is doctrine: the rationale says which is which.
    let cac = of(&verdicts, "cloud-au-centre");
    assert!(cac.rationale.en.contains("[State doctrine by circular]"));
    assert!(
        cac.rationale
            .fr
            .contains("[doctrine de l'État par circulaire]")
    );
    assert!(cac.rationale.en.contains("R9 [legal obligation] — "));
    assert!(cac.rationale.fr.contains("R9 [obligation légale] — "));
}

#[test]
fn unknown_results_make_it_not_established_and_name_the_missing_facts() {
    // SNC-10.6-a fails in this file: waive it to leave SNC-19.6-f unknown.
    let verdicts = verdicts(
        "tests/waivers/two-gaps.yaml",
        &[waiver("W-1", "SNC-10.6-a")],
    );
    let snc = of(&verdicts, "secnumcloud-3.2");
    assert_eq!(snc.decision, Decision::NotEstablished);
    assert_eq!(snc.decisive, ["SNC-19.6-f"]);
    assert!(
        snc.rationale
            .en
            .starts_with("Not established: the file does not establish")
    );
    assert!(
        snc.rationale
            .en
            .contains("(missing: offer.contract.change_notification_days)")
    );
    assert!(
        snc.rationale
            .fr
            .contains("(manquant : offer.contract.change_notification_days)")
    );
}

#[test]
fn waived_results_make_it_eligible_with_waivers_naming_each_waiver() {
    let waivers = [waiver("W-1", "SNC-10.6-a"), waiver("W-2", "SNC-19.6-f")];
    let verdicts = verdicts("tests/waivers/two-gaps.yaml", &waivers);
    let snc = of(&verdicts, "secnumcloud-3.2");
    assert_eq!(snc.decision, Decision::EligibleWithWaivers);
    assert_eq!(snc.decisive, ["SNC-10.6-a", "SNC-19.6-f"]);
    for id in ["W-1", "W-2"] {
        assert!(snc.rationale.en.contains(&format!(
            "(waiver {id}, owner owner of {id}, until 2027-03-31)"
        )));
        assert!(snc.rationale.fr.contains(&format!(
            "(dérogation {id}, responsable owner of {id}, jusqu'au 2027-03-31)"
        )));
    }
}

#[test]
fn beyond_three_results_the_others_are_counted() {
    let verdicts = verdicts("examples/us-hyperscaler-region.yaml", &[]);
    let snc = of(&verdicts, "secnumcloud-3.2");
    assert_eq!(snc.decision, Decision::NotEligible);
    // 16 with SNC-19.6-b-control (the American group controls the provider) and
    // the service-agreement clauses its online terms miss.
    assert_eq!(snc.decisive.len(), 16);
    assert!(snc.rationale.en.ends_with("; and 13 other criteria."));
    assert!(snc.rationale.fr.ends_with(" ; et 13 autres critères."));
    assert_eq!(snc.rationale.en.matches(" — ").count(), rationale::NAMED);
    // Most severe first: the critical 19.2 c) before the high 10.6 a).
    let position = |id: &str| snc.decisive.iter().position(|d| d == id).unwrap();
    assert!(position("SNC-19.2-c") < position("SNC-10.6-a"));
}

#[test]
fn without_a_workload_each_class_gets_a_verdict() {
    let rules = RuleSet::load(&[]).unwrap();
    let text = std::fs::read_to_string("examples/us-hyperscaler-region.yaml").unwrap();
    let without = text.split("\nworkload:").next().unwrap();
    let loaded = crate::provider::load_str("no-workload.yaml", without).unwrap();
    let mut report = report_of(&loaded, &rules);
    settle(&mut report, &rules);
    let verdicts = &report.reports[0].procurement;
    let cac: Vec<(Option<&str>, Decision)> = verdicts
        .iter()
        .filter(|v| v.framework == "cloud-au-centre")
        .map(|v| (v.sensitivity.as_deref(), v.decision))
        .collect();
    assert_eq!(
        cac,
        [
            (Some("public"), Decision::Eligible),
            (Some("internal"), Decision::Eligible),
            (Some("sensitive"), Decision::NotEligible),
            (Some("restricted"), Decision::NotEligible),
        ]
    );
    let sensitive = verdicts
        .iter()
        .find(|v| v.sensitivity.as_deref() == Some("sensitive"))
        .unwrap();
    assert!(sensitive.rationale.en.contains(
        "for data of particular sensitivity of a State administration: R9 [legal obligation]"
    ));
    // SecNumCloud reads the workload only to refuse classified information
    // (SNC-A2-f), which is none of these classes: the same verdict for each.
    let snc: Vec<(Option<&str>, Decision)> = verdicts
        .iter()
        .filter(|v| v.framework == "secnumcloud-3.2")
        .map(|v| (v.sensitivity.as_deref(), v.decision))
        .collect();
    assert_eq!(
        snc,
        [
            (Some("public"), Decision::NotEligible),
            (Some("internal"), Decision::NotEligible),
            (Some("sensitive"), Decision::NotEligible),
            (Some("restricted"), Decision::NotEligible),
        ]
    );
}

#[test]
fn classified_information_is_never_eligible() {
    let rules = RuleSet::load(&[]).unwrap();
    let text = std::fs::read_to_string("examples/eu-native-qualified.yaml").unwrap();
    let classified = text.replace("sensitivity: sensitive", "sensitivity: classified");
    assert_ne!(text, classified);
    for (name, text) in [("eligible.yaml", &text), ("classified.yaml", &classified)] {
        let loaded = crate::provider::load_str(name, text).unwrap();
        let mut report = report_of(&loaded, &rules);
        settle(&mut report, &rules);
        for verdict in &report.reports[0].procurement {
            let expected = if name == "classified.yaml" {
                Decision::NotEligible
            } else {
                Decision::Eligible
            };
            assert_eq!(verdict.decision, expected, "{name}: {}", verdict.framework);
            if name == "classified.yaml" {
                assert!(
                    verdict
                        .decisive
                        .iter()
                        .any(|r| r == "SNC-A2-f" || r == "CAC-IGI-1300"),
                    "{:?}",
                    verdict.decisive
                );
                assert!(
                    verdict.rationale.en.contains("IGI 1300"),
                    "{}",
                    verdict.rationale.en
                );
            }
        }
    }
}

#[test]
fn waivers_beyond_the_named_results_are_still_named() {
    let item = |rule: &str, waiver: Option<&str>| Item {
        rule: rule.into(),
        reference: rule.into(),
        severity: Severity::High,
        verdict: Verdict::Waived,
        legal_status: LegalStatus::Referential,
        reason: Text::new("reason", "motif"),
        missing: vec![],
        waiver: waiver.map(|id| ResultWaiver {
            id: id.into(),
            justification: "j".into(),
            owner: "Ops".into(),
            approved_by: "CISO".into(),
            approved_on: "2026-01-01".into(),
            expires: "2027-01-01".into(),
            covers: Verdict::Fail,
        }),
    };
    let items = [
        item("A", Some("W-A")),
        item("B", Some("W-A")),
        item("C", Some("W-C")),
        item("D", Some("W-A")),
        item("E", Some("W-E")),
    ];
    let rules = RuleSet::load(&[]).unwrap();
    let manifest = rules.framework("secnumcloud-3.2").unwrap();
    let subject = Subject::of(&FileReport {
        file: "f.yaml".into(),
        provider: "p".into(),
        provider_name: "P SAS".into(),
        offer: None,
        workload: None,
        verdict: Verdict::Waived,
        frameworks: vec![],
        results: vec![],
        eligibility: vec![],
        overrides: vec![],
        warnings: vec![],
        procurement: vec![],
    });
    let text = rationale::paragraph(
        &subject,
        manifest,
        &Workload::Any,
        Decision::EligibleWithWaivers,
        Verdict::Waived,
        &items,
    );
    assert!(text.en.starts_with(
        "Eligible with waivers: the offer of P SAS meets SecNumCloud 3.2 (ANSSI) \
         [certification referential] only through accepted waivers: A — reason (waiver W-A"
    ));
    assert!(
        text.en
            .ends_with("; and 2 other criteria, under waiver W-E (owner Ops, until 2027-01-01).")
    );
    assert!(text.fr.ends_with(
        " ; et 2 autres critères, sous la dérogation W-E (responsable Ops, jusqu'au 2027-01-01)."
    ));
}
