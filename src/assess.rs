//! One assessment: a loaded provider file → ownership analysis → facts → every
//! rule → the file's report. The CLI and the tests call this, nothing else.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;
use serde_json::json;

use crate::diagnostics::LineIndex;
use crate::engine::{self, RuleResult, Verdict};
use crate::facts::{self, Fact, Facts};
use crate::jurisdiction::Jurisdictions;
use crate::lang::{Lang, Text};
use crate::ownership::{self, Analysis, Role, ThirdPartyRef};
use crate::provenance::EvidenceIndex;
use crate::provider::Loaded;
use crate::provider::model::Provider;
use crate::provider::raw::Sensitivity;
use crate::report::{self, DeclaredWorkload, Eligibility, FileInput, FileReport, Report, Warning};
use crate::rules::{Rule, RuleSet};
use crate::waivers::Waiver;

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct AssessOptions {
    /// The date at which certifications are judged.
    pub as_of: Date,
    /// Frameworks to report (all when empty); every rule is computed regardless.
    pub frameworks: Vec<String>,
    pub lang: Lang,
}

/// The sensitivity classes reported when the file declares no workload.
const CLASSES: [Sensitivity; 4] = [
    Sensitivity::Public,
    Sensitivity::Internal,
    Sensitivity::Sensitive,
    Sensitivity::Restricted,
];

/// Assesses one loaded provider file.
pub fn assess(loaded: &Loaded, rules: &RuleSet, options: &AssessOptions) -> FileReport {
    let jurisdictions = Jurisdictions::embedded();
    let provider = &loaded.provider;
    let facts = FactBase::of(provider, jurisdictions).facts(options.as_of);
    let mut results = engine::evaluate(rules, &facts, jurisdictions);
    let mut eligibility = Vec::new();
    if provider.file.workload.is_none() {
        // The verdicts on the file as it is, before the rules about the workload
        // are set aside: a scenario keeps those the workload cannot change.
        let base: Vec<Verdict> = results.iter().map(|r| r.verdict).collect();
        set_aside_workload_rules(&mut results, rules, provider);
        for class in CLASSES {
            // Each scenario overlays only the workload on the file's facts; only
            // its verdicts are read.
            let workload = json!({
                "owner": {"type": "state-administration"},
                "data": {"sensitivity": class, "personal": true, "health": false}
            });
            let facts = facts.with_workload(&workload);
            let verdicts = engine::evaluate_scenario(rules, &facts, jurisdictions, &base);
            eligibility.extend(scenario_eligibility(class, &verdicts, rules));
        }
    }
    let entity = provider.entities.get(&provider.provider);
    let lines = LineIndex::new(&loaded.text);
    let input = FileInput {
        name: &loaded.name,
        text: &loaded.text,
        lines: &lines,
        source: &loaded.source,
        provider: &provider.provider,
        provider_name: entity.map_or(provider.provider.as_str(), |e| e.name.as_str()),
        offer: provider.file.offer.name.as_deref(),
    };
    let mut report = report::build_file_report(
        &input,
        rules,
        &results,
        eligibility,
        &options.frameworks,
        options.lang,
    );
    report.workload = declared_workload(provider);
    report
}

/// The workload the file declares: its name and sensitivity class.
fn declared_workload(provider: &Provider) -> Option<DeclaredWorkload> {
    let workload = provider.file.workload.as_ref()?;
    let sensitivity = workload.data.as_ref().and_then(|d| d.sensitivity);
    Some(DeclaredWorkload {
        name: workload.name.clone(),
        sensitivity: sensitivity.map(class_name),
    })
}

/// A sensitivity class as the provider file writes it.
fn class_name(class: Sensitivity) -> String {
    serde_json::to_value(class)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The facts of a provider, with the sources its file states.
pub fn facts_of(provider: &Provider, jurisdictions: &Jurisdictions, as_of: Date) -> Facts {
    FactBase::of(provider, jurisdictions).facts(as_of)
}

/// What a provider's facts are built from, once per file: the file as JSON, the
/// facts computed from its ownership analysis, and the sources it states.
struct FactBase {
    file: serde_json::Value,
    computed: BTreeMap<String, Fact>,
    evidence: EvidenceIndex,
}

impl FactBase {
    fn of(provider: &Provider, jurisdictions: &Jurisdictions) -> FactBase {
        let analysis = analyse(provider, jurisdictions);
        let (file, mut computed) = sources_of(provider, &analysis, jurisdictions);
        // Read by rules, not compared by `diff`: it only restates file values.
        computed.insert(
            "consistency".into(),
            facts::consistency_fact(provider, jurisdictions),
        );
        let evidence = evidence_index(&file, &analysis);
        FactBase {
            file,
            computed,
            evidence,
        }
    }

    /// The facts of the provider file, at `as_of`.
    fn facts(self, as_of: Date) -> Facts {
        Facts::new(&self.file, self.computed, as_of).with_evidence(Arc::new(self.evidence))
    }
}

/// The report of a run: the files' reports with the rules' catalogue, the waivers
/// applied, then the procurement verdicts settled on what the waivers left.
pub fn run_report(
    reports: Vec<FileReport>,
    rules: &RuleSet,
    options: &AssessOptions,
    waivers: &[Waiver],
) -> Report {
    let mut report = Report {
        trustcheck_version: env!("CARGO_PKG_VERSION").to_string(),
        as_of: options.as_of.to_string(),
        lang: options.lang.code().to_string(),
        reports,
        rules: report::rule_catalogue(rules, &options.frameworks, options.lang),
        waivers: Vec::new(),
    };
    crate::waivers::apply(
        &mut report,
        waivers,
        options.as_of,
        options.lang,
        &rules.unwaivable(),
    );
    report::procurement::settle(&mut report, rules);
    report
}

/// What the facts of a provider are made of: the file as JSON, and the facts computed
/// from it (ownership, third parties, exposure).
pub fn fact_sources(
    provider: &Provider,
    jurisdictions: &Jurisdictions,
) -> (serde_json::Value, BTreeMap<String, Fact>) {
    sources_of(provider, &analyse(provider, jurisdictions), jurisdictions)
}

fn sources_of(
    provider: &Provider,
    analysis: &Analysis,
    jurisdictions: &Jurisdictions,
) -> (serde_json::Value, BTreeMap<String, Fact>) {
    let file = serde_json::to_value(&provider.file).unwrap_or_default();
    let computed = facts::computed_facts(provider, &file, analysis, jurisdictions);
    (file, computed)
}

/// The sources the file states, with what the computed figures rest on: the
/// holdings and seats of the provider, of every entity above it and of every holder
/// of a right over it (ownership; a seat left out is graded `self-declared` by the
/// index); the lists of third
/// parties, their entries, and their seats and holdings (third parties), so that a
/// rule that passes because no third party is linked outside the EU is graded on
/// what says so, not on nothing.
fn evidence_index(file: &serde_json::Value, analysis: &Analysis) -> EvidenceIndex {
    let of_entity =
        |id: &str| ["shareholders", "country"].map(|key| format!("entities.{id}.{key}"));
    // The holders and the holders of rights over the provider: where a right holder
    // sits decides whether the right is held from outside the EU.
    let entities = std::iter::once(&analysis.subject)
        .chain(analysis.holders.iter().map(|h| &h.entity))
        .chain(analysis.rights.iter().map(|r| &r.holder));
    let basis = entities
        .flat_map(|id| {
            [
                "shareholders",
                "country",
                "central_administration",
                "principal_establishment",
            ]
            .map(|key| format!("entities.{id}.{key}"))
        })
        .collect();
    let lists = [
        "offer.subcontractors",
        "offer.technology",
        "offer.datacenters",
    ];
    let third_parties = lists
        .into_iter()
        .map(str::to_string)
        .chain(
            analysis
                .third_parties
                .iter()
                .flat_map(|tp| std::iter::once(tp.path.clone()).chain(of_entity(&tp.entity))),
        )
        .collect();
    EvidenceIndex::new(file)
        .with_basis("ownership", basis)
        .with_basis("third_parties", third_parties)
}

/// Whether a rule is set aside for this provider: a rule about the workload cannot
/// apply when the file declares none (the eligibility per class says what would hold).
pub fn is_set_aside(provider: &Provider, rule: &Rule) -> bool {
    provider.file.workload.is_none() && rule.reads_workload()
}

/// The headline of a result set aside by [`is_set_aside`].
pub fn set_aside_message() -> Text {
    Text::new(
        "No workload is declared: see the eligibility per sensitivity class.",
        "Aucun besoin n'est déclaré : voir l'éligibilité par niveau de sensibilité.",
    )
}

/// Runs the ownership analysis of the provider and its third parties.
pub fn analyse(provider: &Provider, jurisdictions: &Jurisdictions) -> Analysis {
    ownership::analyse(
        &provider.entities,
        &provider.provider,
        &third_parties(provider),
        jurisdictions,
    )
}

/// Every subcontractor, technology supplier and datacenter operator or owner named
/// in the offer, other than the provider itself.
pub fn third_parties(provider: &Provider) -> Vec<ThirdPartyRef> {
    let offer = &provider.file.offer;
    let mut refs = Vec::new();
    // One third party per role and entity, at its first entry: an operator of several
    // datacenters is one third party. Its facts merge all its entries (facts::merge).
    let mut push = |role, entity: &str, path: String| {
        let known = refs
            .iter()
            .any(|r: &ThirdPartyRef| r.role == role && r.entity == entity);
        if entity != provider.provider && !known {
            refs.push(ThirdPartyRef {
                role,
                entity: entity.to_string(),
                path,
            });
        }
    };
    for (i, s) in offer.subcontractors.iter().flatten().enumerate() {
        push(
            Role::Subcontractor,
            &s.entity,
            format!("offer.subcontractors[{i}]"),
        );
    }
    for (i, t) in offer.technology.iter().flatten().enumerate() {
        push(
            Role::Technology,
            &t.vendor,
            format!("offer.technology[{i}]"),
        );
    }
    for (i, d) in offer.datacenters.iter().flatten().enumerate() {
        if let Some(operator) = &d.operator {
            push(
                Role::DatacenterOperator,
                operator,
                format!("offer.datacenters[{i}]"),
            );
        }
        if let Some(owner) = &d.owner {
            push(
                Role::DatacenterOwner,
                owner,
                format!("offer.datacenters[{i}]"),
            );
        }
    }
    refs
}

/// Without a workload, rules about the workload cannot apply: they are reported as
/// not applicable, and the eligibility per sensitivity class says what would hold.
fn set_aside_workload_rules(results: &mut [RuleResult], rules: &RuleSet, provider: &Provider) {
    for result in results.iter_mut() {
        if rules
            .rule(&result.rule)
            .is_some_and(|r| is_set_aside(provider, r))
        {
            result.verdict = Verdict::NotApplicable;
            result.message = set_aside_message();
            result.evidence.clear();
            result.too_weak = None;
        }
    }
}

/// The eligibility per framework under one assumed workload, from the verdict of
/// every rule (in evaluation order) under it.
fn scenario_eligibility(
    class: Sensitivity,
    verdicts: &[Verdict],
    rules: &RuleSet,
) -> Vec<Eligibility> {
    let class_name = class_name(class);
    rules
        .frameworks()
        .iter()
        .filter(|m| {
            rules
                .rules()
                .iter()
                .any(|r| r.raw.framework == m.id && r.reads_workload())
        })
        .map(|m| {
            let own: Vec<(&str, Verdict)> = rules
                .rules()
                .iter()
                .zip(verdicts)
                .filter(|(r, _)| r.raw.framework == m.id)
                .map(|(r, v)| (r.id(), *v))
                .collect();
            Eligibility {
                sensitivity: class_name.clone(),
                framework: m.id.clone(),
                verdict: Verdict::combine(own.iter().map(|(_, v)| *v)),
                decisive: own
                    .iter()
                    .filter(|(_, v)| matches!(v, Verdict::Fail | Verdict::Unknown))
                    .map(|(id, _)| id.to_string())
                    .collect(),
                unknown: own
                    .iter()
                    .filter(|(_, v)| *v == Verdict::Unknown)
                    .map(|(id, _)| id.to_string())
                    .collect(),
            }
        })
        .collect()
}

/// A warning for every certification of the offer that expires before `valid_until`
/// (e.g. the end of the contract) or gives no expiry, naming it. Verdicts are not
/// touched: a qualification valid today passes today.
pub fn certification_warnings(loaded: &Loaded, valid_until: Date, lang: Lang) -> Vec<Warning> {
    let lines = LineIndex::new(&loaded.text);
    let certifications = loaded.provider.file.offer.certifications.iter().flatten();
    certifications
        .enumerate()
        .filter_map(|(i, certification)| {
            let expires = certification
                .expires
                .as_deref()
                .and_then(|d| d.parse::<Date>().ok());
            if expires.is_some_and(|date| date >= valid_until) {
                return None;
            }
            let name = [
                Some(certification.scheme.as_str()),
                certification.version.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            let path = match expires {
                Some(_) => format!("offer.certifications[{i}].expires"),
                None => format!("offer.certifications[{i}]"),
            };
            let message = match (expires, lang) {
                (Some(date), Lang::En) => format!(
                    "certification {name} expires on {date}, before the required validity \
                     date {valid_until}"
                ),
                (Some(date), Lang::Fr) => format!(
                    "la certification {name} expire le {date}, avant la date de validité \
                     requise du {valid_until}"
                ),
                (None, Lang::En) => format!(
                    "certification {name} gives no expiry date: it is not known to be valid \
                     until {valid_until}"
                ),
                (None, Lang::Fr) => format!(
                    "la certification {name} n'indique pas de date d'expiration : sa validité \
                     jusqu'au {valid_until} n'est pas établie"
                ),
            };
            Some(Warning {
                code: "certification-expiry".into(),
                message,
                location: Some(report::locate(&loaded.source, &lines, &path)),
                path,
            })
        })
        .collect()
}
