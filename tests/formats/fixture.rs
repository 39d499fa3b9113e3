//! A report built by hand for the renderer tests: two files, two frameworks, every
//! verdict, evidence with and without a position, an eligibility list, an override,
//! a waived result with the run's waivers, a warning, and values holding markup and CSV/command
//! metacharacters.

use trustcheck::engine::Verdict;
use trustcheck::lang::Lang;
use trustcheck::provenance::{Provenance, Source};
use trustcheck::report::{
    Decision, DeclaredWorkload, Eligibility, EvidenceEntry, FactSource, FileReport,
    FrameworkSummary, Location, OverrideEntry, ProcurementVerdict, Report, ResultEntry,
    ResultWaiver, RuleInfo, WaivedResult, WaiverEntry, WaiverStatus, Warning,
};
use trustcheck::rules::{Confidence, Enforce, LegalStatus, Severity};

pub const SNC: &str = "secnumcloud-3.2";
pub const CAC: &str = "cloud-au-centre";
/// Nimbus's declared workload, with markup and a table separator in its name.
const WORKLOAD: &str = "HR <records> | payroll";
/// The working directory the CI formats make paths relative to.
pub const WORKING_DIR: &str = "/srv/repo";

fn t(lang: Lang, en: &str, fr: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Fr => fr.to_string(),
    }
}

/// The whole report, every text in `lang`.
/// Assessed with `--enforce doctrine`: the announced-policy rule CAC-R9-GDPR is
/// reported but not enforced.
pub fn report(lang: Lang) -> Report {
    let mut report = Report {
        trustcheck_version: "0.1.0".into(),
        as_of: "2026-09-01".into(),
        lang: t(lang, "en", "fr"),
        reports: vec![acme(lang), nimbus(lang)],
        rules: rules(lang),
        waivers: waivers(lang),
    };
    report.enforce(Enforce::Doctrine);
    report
}

/// The waiver that covers Acme's CAC-R9-SENS failure; markup in its justification.
fn acme_waiver() -> ResultWaiver {
    ResultWaiver {
        id: "W-7".into(),
        justification: "Migration to a <qualified> offer, 2027 & \"signed\"".into(),
        owner: "Head of IT".into(),
        approved_by: "CISO".into(),
        approved_on: "2026-06-01".into(),
        expires: "2026-12-31".into(),
        covers: Verdict::Fail,
    }
}

/// One waiver applied, one expired.
fn waivers(lang: Lang) -> Vec<WaiverEntry> {
    let applied = acme_waiver();
    vec![
        WaiverEntry {
            id: applied.id,
            rule: "CAC-R9-SENS".into(),
            file: None,
            path: None,
            status: WaiverStatus::Applied,
            expires: applied.expires,
            justification: applied.justification,
            owner: applied.owner,
            approved_by: applied.approved_by,
            approved_on: applied.approved_on,
            origin: "waivers.yaml:2".into(),
            results: vec![WaivedResult {
                file: format!("{WORKING_DIR}/procurement/acme.yaml"),
                rule: "CAC-R9-SENS".into(),
                verdict: Verdict::Fail,
            }],
            note: t(lang, "covers 1 result(s)", "couvre 1 résultat(s)"),
        },
        WaiverEntry {
            id: "W-3".into(),
            rule: "SNC-19.6-a".into(),
            file: Some("./offers/nimbus.yaml".into()),
            path: Some("provider.seat".into()),
            status: WaiverStatus::Expired,
            expires: "2026-13-01".into(),
            justification: "Pending".into(),
            owner: "Legal".into(),
            approved_by: "CISO".into(),
            approved_on: "2026-01-10".into(),
            origin: "waivers.yaml:11".into(),
            results: vec![],
            note: t(
                lang,
                "`expires` is not a date",
                "`expires` n'est pas une date",
            ),
        },
    ]
}

fn rule(lang: Lang, id: &str, framework: &str, reference: &str, severity: Severity) -> RuleInfo {
    let (framework_title, legal_status) = if framework == SNC {
        ("SecNumCloud 3.2".to_string(), LegalStatus::Referential)
    } else {
        (
            t(lang, "Cloud at the centre", "Cloud au centre"),
            LegalStatus::Doctrine,
        )
    };
    RuleInfo {
        id: id.into(),
        framework: framework.into(),
        framework_title,
        reference: reference.into(),
        severity,
        confidence: Confidence::High,
        legal_status,
        title: t(lang, &format!("Title of {id}"), &format!("Titre de {id}")),
        requires: t(
            lang,
            &format!("What {id} requires"),
            &format!("Ce qu'exige {id}"),
        ),
        why: t(lang, "Why it matters", "Pourquoi cela compte"),
        caveat: None,
        legal_note: None,
        unverified: None,
    }
}

fn rules(lang: Lang) -> Vec<RuleInfo> {
    let mut immunity = rule(lang, "SNC-19.6-a", SNC, "19.6 a)", Severity::Critical);
    immunity.title = t(lang, "Seat in the EU", "Siège dans l'UE");
    let mut individual = rule(
        lang,
        "SNC-19.6-b-individual",
        SNC,
        "19.6 b)",
        Severity::High,
    );
    individual.confidence = Confidence::Medium;
    individual.caveat = Some(t(
        lang,
        "Thresholds read from a draft",
        "Seuils lus dans un projet",
    ));
    // A rule of another legal kind than its framework, citing a decree not read.
    let mut sensitive = rule(lang, "CAC-R9-SENS", CAC, "R9", Severity::Critical);
    sensitive.legal_status = LegalStatus::Binding;
    sensitive.legal_note = Some(t(lang, "Law <2024-449> art. 31", "Loi <2024-449> art. 31"));
    sensitive.unverified = Some(t(
        lang,
        "Decree <n° 2026-272> not read",
        "Décret <n° 2026-272> non lu",
    ));
    let mut gdpr = rule(lang, "CAC-R9-GDPR", CAC, "R9", Severity::Low);
    gdpr.legal_status = LegalStatus::Policy;
    let mut reversibility = rule(lang, "CAC-R4", CAC, "R4", Severity::Medium);
    reversibility.confidence = Confidence::Low;
    reversibility.caveat = Some(t(lang, "Wording varies", "La formulation varie"));
    vec![
        rule(lang, "SNC-19.2-a", SNC, "19.2 a)", Severity::High),
        immunity,
        individual,
        reversibility,
        sensitive,
        gdpr,
    ]
}

fn at(line: usize, column: usize, end_column: usize, exact: bool) -> Location {
    Location {
        line,
        column,
        end_line: line,
        end_column,
        exact,
    }
}

fn evidence(
    path: &str,
    source: Option<&str>,
    actual: Option<&str>,
    location: Option<Location>,
) -> EvidenceEntry {
    EvidenceEntry {
        path: path.into(),
        actual: actual.map(String::from),
        expected: "EU".into(),
        finding: format!("{path} is {}", actual.unwrap_or("missing")),
        source: source.map(String::from),
        location,
        note: None,
        provenance: source.map(fact_source),
    }
}

/// A stated source whose reference needs escaping in every markup format.
fn fact_source(value: &str) -> FactSource {
    let document = Provenance {
        source: Source::RegistryExtract,
        reference: Some("RCS <Paris> & \"B\" 812".into()),
        date: Some("2026-09-15".into()),
        url: None,
        sha256: None,
    };
    FactSource {
        grade: Source::RegistryExtract,
        summary: document.describe(),
        document: Some(document),
        stated_at: Some("evidence.\"entities\"".into()),
        value: value.into(),
    }
}

/// The result of a rule of the catalogue, with a message and evidence.
fn result(
    lang: Lang,
    id: &str,
    verdict: Verdict,
    message: &str,
    evidence: Vec<EvidenceEntry>,
) -> ResultEntry {
    let info = rules(lang)
        .into_iter()
        .find(|r| r.id == id)
        .expect("fixture rule");
    ResultEntry {
        rule: info.id,
        framework: info.framework,
        reference: info.reference,
        verdict,
        severity: info.severity,
        title: info.title,
        message: message.into(),
        location: evidence.iter().find_map(|e| e.location),
        evidence,
        legal_status: info.legal_status,
        enforced: true,
        unverified: info.unverified,
        confidence: info.confidence,
        caveat: info.caveat,
        too_weak: None,
        waiver: None,
    }
}

fn summary(lang: Lang, id: &str, verdict: Verdict) -> FrameworkSummary {
    let (title, legal_status, note) = if id == SNC {
        (
            "SecNumCloud 3.2".to_string(),
            LegalStatus::Referential,
            t(
                lang,
                "Binding through procurement rules",
                "Opposable via la commande publique",
            ),
        )
    } else {
        (
            t(lang, "Cloud at the centre", "Cloud au centre"),
            LegalStatus::Doctrine,
            t(
                lang,
                "Binds State administrations",
                "S'impose aux administrations de l'État",
            ),
        )
    };
    FrameworkSummary {
        id: id.into(),
        title,
        verdict,
        legal_status,
        legal_note: note,
        unverified: (id != SNC).then(|| {
            t(
                lang,
                "Circulars read from secondary sources",
                "Circulaires lues dans des sources secondaires",
            )
        }),
        version: if id == SNC {
            "3.2".into()
        } else {
            "2023".into()
        },
    }
}

/// A result line: rule, verdict, English and French message.
type Line = (&'static str, Verdict, &'static str, &'static str);

const ACME: [Line; 6] = [
    (
        "SNC-19.2-a",
        Verdict::Pass,
        "Data stays in the EU",
        "Les données restent dans l'UE",
    ),
    (
        "SNC-19.6-a",
        Verdict::Fail,
        "The seat is outside the EU: =HYPERLINK(\"x\")",
        "Le siège est hors UE : =HYPERLINK(\"x\")",
    ),
    (
        "SNC-19.6-b-individual",
        Verdict::Unknown,
        "Individual shareholders are not declared",
        "Les actionnaires personnes physiques ne sont pas déclarés",
    ),
    (
        "CAC-R4",
        Verdict::NotApplicable,
        "No contract in scope",
        "Aucun contrat concerné",
    ),
    (
        "CAC-R9-GDPR",
        Verdict::Pass,
        "Personal data stays in adequate countries",
        "Les données personnelles restent dans des pays adéquats",
    ),
    (
        "CAC-R9-SENS",
        Verdict::Fail,
        "Not qualified for sensitive data",
        "Non qualifié pour des données sensibles",
    ),
];

const NIMBUS: [Line; 6] = [
    (
        "SNC-19.2-a",
        Verdict::Pass,
        "Data stays in the EU",
        "Les données restent dans l'UE",
    ),
    (
        "SNC-19.6-a",
        Verdict::Unknown,
        "Control is not established",
        "Le contrôle n'est pas établi",
    ),
    (
        "SNC-19.6-b-individual",
        Verdict::Pass,
        "No individual holds 10% or more",
        "Aucune personne ne détient 10 % ou plus",
    ),
    // Renamed below into a rule the catalogue does not describe.
    (
        "CAC-R9-GDPR",
        Verdict::Unknown,
        "Processing countries are not declared",
        "Les pays de traitement ne sont pas déclarés",
    ),
    (
        "CAC-R4",
        Verdict::Unknown,
        "Reversibility terms are not declared",
        "Les clauses de réversibilité ne sont pas déclarées",
    ),
    (
        "CAC-R9-SENS",
        Verdict::Pass,
        "Qualified for sensitive data",
        "Qualifié pour des données sensibles",
    ),
];

fn results(
    lang: Lang,
    lines: &[Line],
    evidence_of: impl Fn(&str) -> Vec<EvidenceEntry>,
) -> Vec<ResultEntry> {
    lines
        .iter()
        .map(|(id, verdict, en, fr)| result(lang, id, *verdict, &t(lang, en, fr), evidence_of(id)))
        .collect()
}

/// A procurement verdict whose rationales hold markup, quotes, a comma, a percent
/// sign and a line break, for a workload (name, sensitivity class).
fn procurement(
    framework: &str,
    (workload, class): (Option<&str>, Option<&str>),
    decision: Decision,
    decisive: &[&str],
) -> ProcurementVerdict {
    ProcurementVerdict {
        framework: framework.into(),
        workload: workload.map(str::to_string),
        sensitivity: class.map(str::to_string),
        decision,
        rationale: trustcheck::lang::Text::new(
            format!(
                "{decision:?}: the offer “Acme <b>IaaS</b>” of Acme, 100% \"sure\"\n— {framework}."
            ),
            format!("{decision:?} : l'offre « Acme <b>IaaS</b> », 100 % \"sûr\"\n— {framework}."),
        ),
        decisive: decisive.iter().map(|d| d.to_string()).collect(),
    }
}

/// A provider that fails: markup, quotes, commas, percent signs and a line break in
/// its values, an absolute path under the working directory.
fn acme(lang: Lang) -> FileReport {
    let parent = "US Parent \"Inc\" <b>&</b>, 100%\nholding";
    let seat = evidence(
        "provider.seat.country",
        Some("entities.acme.seat.country"),
        Some(parent),
        Some(at(14, 5, 32, true)),
    );
    let administration = evidence(
        "provider.administration.country",
        Some("entities.acme.administration.country"),
        Some("US"),
        Some(at(16, 5, 20, true)),
    );
    let unlocated = evidence("ownership.non_eu_control", None, Some("60%"), None);
    let holder = evidence(
        "ownership.individuals[0].share",
        Some("entities.acme.shareholders[1].capital"),
        None,
        Some(at(20, 3, 15, false)),
    );
    let mut results = results(lang, &ACME, |id| match id {
        "SNC-19.6-a" => vec![seat.clone(), administration.clone(), unlocated.clone()],
        "SNC-19.6-b-individual" => vec![holder.clone()],
        _ => vec![],
    });
    if let Some(waived) = results.iter_mut().find(|r| r.rule == "CAC-R9-SENS") {
        waived.verdict = Verdict::Waived;
        waived.waiver = Some(acme_waiver());
    }
    let eligibility = |sensitivity: &str, verdict, decisive: &[&str]| Eligibility {
        sensitivity: sensitivity.into(),
        framework: CAC.into(),
        verdict,
        decisive: decisive.iter().map(|d| d.to_string()).collect(),
        unknown: vec![],
    };
    FileReport {
        file: format!("{WORKING_DIR}/procurement/acme.yaml"),
        provider: "acme-cloud".into(),
        provider_name: "Acme Cloud SAS".into(),
        offer: Some("Acme IaaS".into()),
        workload: None,
        verdict: Verdict::Fail,
        frameworks: vec![
            summary(lang, SNC, Verdict::Fail),
            summary(lang, CAC, Verdict::Waived),
        ],
        results,
        eligibility: vec![
            eligibility("standard", Verdict::Pass, &[]),
            eligibility("sensitive", Verdict::Fail, &["CAC-R9-SENS", "SNC-19.6-a"]),
        ],
        overrides: vec![],
        warnings: vec![Warning {
            code: "certification-expiry".into(),
            message: t(
                lang,
                "certification secnumcloud 3.2 expires on 2027-06-30, before the required validity date 2028-01-01",
                "la certification secnumcloud 3.2 expire le 2027-06-30, avant la date de validité requise du 2028-01-01",
            ),
            path: "offer.certifications[0].expires".into(),
            location: Some(at(30, 16, 26, true)),
        }],
        procurement: vec![
            procurement(
                SNC,
                (None, None),
                Decision::NotEligible,
                &["SNC-19.6-a", "SNC-19.6-b-individual"],
            ),
            procurement(
                CAC,
                (None, Some("sensitive")),
                Decision::EligibleWithWaivers,
                &["CAC-R9-SENS"],
            ),
        ],
    }
}

/// A provider that is mostly fine: a relative `./` path, a provider id a spreadsheet
/// would take for a formula, unknown results with and without evidence, a rule the
/// catalogue does not describe, an override.
fn nimbus(lang: Lang) -> FileReport {
    let located = evidence(
        "provider.seat.country",
        Some("entities.nimbus.seat.country"),
        Some("FR"),
        Some(at(6, 7, 9, true)),
    );
    let missing = evidence("ownership.non_eu_control", None, None, None);
    let mut results = results(lang, &NIMBUS, |id| match id {
        "SNC-19.6-a" => vec![located.clone(), missing.clone()],
        _ => vec![],
    });
    if let Some(local) = results.get_mut(3) {
        local.rule = "CAC-LOCAL-1".into();
        local.title = t(lang, "A local rule", "Une règle locale");
    }
    FileReport {
        file: "./offers/nimbus.yaml".into(),
        provider: "=nimbus".into(),
        provider_name: "Nimbus".into(),
        offer: None,
        workload: Some(DeclaredWorkload {
            name: Some(WORKLOAD.into()),
            sensitivity: Some("sensitive".into()),
        }),
        verdict: Verdict::Unknown,
        frameworks: vec![
            summary(lang, SNC, Verdict::Unknown),
            summary(lang, CAC, Verdict::Unknown),
        ],
        results,
        eligibility: vec![],
        overrides: vec![OverrideEntry {
            rule: "CAC-R4".into(),
            by: "local/CAC-R4.yaml".into(),
        }],
        warnings: vec![],
        procurement: vec![
            procurement(
                SNC,
                (Some(WORKLOAD), Some("sensitive")),
                Decision::NotEstablished,
                &["SNC-19.6-a"],
            ),
            procurement(
                CAC,
                (Some(WORKLOAD), Some("sensitive")),
                Decision::Eligible,
                &[],
            ),
        ],
    }
}
