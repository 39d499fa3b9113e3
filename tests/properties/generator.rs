//! Realistic provider files, generated: a provider with a holder graph (EU and
//! non-EU companies, funds, individuals, States, cross-holdings, special rights), an
//! offer (service models, datacenters, data locations, operations, subcontractors,
//! technology suppliers, certifications, contract terms, PKI), sources of facts and
//! an optional workload.
//!
//! Most values are present and most places are in the EU, so that every rule can
//! pass on some files: a property about greens says nothing on files that never get
//! one.

use proptest::collection::vec;
use proptest::option::weighted;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Countries of seats and holders: mostly EU, some outside it.
pub const COUNTRIES: [&str; 10] = ["FR", "FR", "FR", "DE", "IT", "NL", "US", "CN", "CH", "GB"];
/// Countries of data and operations: mostly EU.
const PLACES: [&str; 8] = ["FR", "FR", "FR", "DE", "BE", "US", "GB", "IN"];
/// Countries outside the EU, for the properties that add them.
pub const NON_EU: [&str; 5] = ["US", "CN", "GB", "CH", "IN"];
pub const ACCESS: [&str; 4] = ["none", "metadata", "customer-data", "admin"];
pub const RIGHT_KINDS: [&str; 5] = [
    "veto",
    "board-appointment",
    "golden-share",
    "management-agreement",
    "other",
];
const KINDS: [&str; 10] = [
    "company",
    "company",
    "company",
    "company",
    "fund",
    "individual",
    "individual",
    "state",
    "public-body",
    "free-float",
];
const MODELS: [&str; 4] = ["iaas", "paas", "saas", "caas"];
const SCHEMES: [&str; 4] = ["secnumcloud", "secnumcloud", "hds", "iso27001"];
const VERSIONS: [&str; 3] = ["3.2", "3.2", "2.0"];
const STATUSES: [&str; 6] = [
    "qualified",
    "qualified",
    "in-progress",
    "suspended",
    "expired",
    "withdrawn",
];
/// Issue and expiry dates around the assessment date (2026-11-01).
const ISSUED: [&str; 3] = ["2024-03-01", "2025-06-12", "2026-12-01"];
const EXPIRES: [&str; 3] = ["2028-06-11", "2029-12-31", "2026-05-01"];
const OWNER_TYPES: [&str; 9] = [
    "state-administration",
    "state-administration",
    "local-authority",
    "public-operator",
    "oiv",
    "ose",
    "nis2-essential",
    "private",
    "gip",
];
const SENSITIVITIES: [&str; 5] = [
    "public",
    "internal",
    "sensitive",
    "restricted",
    "classified",
];
const LANGUAGES: [&str; 3] = ["fr", "en", "de"];
const REVERSIBILITY: [&str; 3] = ["formats", "api", "none"];
const DELETION: [&str; 4] = ["overwrite", "key-erasure", "secure-recycling", "other"];
/// Sources of facts, from the weakest to the strongest.
const SOURCES: [&str; 6] = [
    "self-declared",
    "public-statement",
    "contract",
    "audit-report",
    "registry-extract",
    "certificate",
];

/// The id of entity `i` (entity 0 is the provider).
pub fn id(i: usize) -> String {
    format!("e{i}")
}

fn pick<T: Copy>(list: &[T], i: usize) -> T {
    list[i % list.len()]
}

/// Present most of the time: a missing fact is tested by the removal property.
fn often<S: Strategy>(s: S) -> impl Strategy<Value = Option<S::Value>> {
    weighted(0.9, s)
}

fn country() -> impl Strategy<Value = &'static str> {
    (0..COUNTRIES.len()).prop_map(|i| COUNTRIES[i])
}

fn places() -> impl Strategy<Value = Vec<&'static str>> {
    // EU-only lists are frequent, so that location rules pass on some files.
    (any::<bool>(), vec(0..PLACES.len(), 1..3)).prop_map(|(eu_only, picks)| {
        let list = if eu_only { &PLACES[..5] } else { &PLACES[..] };
        picks.into_iter().map(|i| pick(list, i)).collect()
    })
}

fn subset(all: &'static [&'static str]) -> impl Strategy<Value = Vec<&'static str>> {
    vec(any::<bool>(), all.len()).prop_map(move |keep| {
        let mut out: Vec<&str> = all
            .iter()
            .zip(keep)
            .filter_map(|(m, k)| k.then_some(*m))
            .collect();
        if out.is_empty() {
            out.push(all[0]);
        }
        out
    })
}

/// One entity: kind, seats, listed, holders (index, weight, voting weight), rights
/// (holder index, kind), and whether its holdings add up to 100 %.
#[derive(Debug, Clone)]
struct EntitySpec {
    kind: usize,
    country: Option<&'static str>,
    central: Option<&'static str>,
    principal: Option<&'static str>,
    listed: Option<bool>,
    complete: bool,
    holders: Vec<(usize, u32, Option<u32>)>,
    rights: Vec<(usize, usize)>,
}

fn entity() -> impl Strategy<Value = EntitySpec> {
    (
        0..KINDS.len(),
        weighted(0.95, country()),
        weighted(0.15, country()),
        weighted(0.15, country()),
        weighted(0.3, any::<bool>()),
        weighted(0.8, Just(())),
        vec((0..16usize, 1..60u32, weighted(0.3, 1..60u32)), 0..4),
        vec((0..16usize, 0..RIGHT_KINDS.len()), 0..2),
    )
        .prop_map(
            |(kind, country, central, principal, listed, complete, holders, rights)| EntitySpec {
                kind,
                country,
                central,
                principal,
                listed,
                complete: complete.is_some(),
                holders,
                rights,
            },
        )
}

/// Integer percentages in proportion to `weights`: adding up to exactly 100 when
/// `complete`, to at most 100 otherwise.
fn shares(weights: &[u32], complete: bool) -> Vec<u32> {
    let total: u32 = weights.iter().sum();
    if total == 0 {
        return weights.to_vec();
    }
    if !complete && total <= 100 {
        return weights.to_vec();
    }
    let mut out: Vec<u32> = weights.iter().map(|w| w * 100 / total).collect();
    if complete {
        let given: u32 = out.iter().sum();
        if let Some(last) = out.last_mut() {
            *last += 100 - given;
        }
    }
    out
}

/// The kind of entity `i`: the provider is a company in most files, a State cloud
/// in a few.
fn kind_at(specs: &[EntitySpec], i: usize) -> &'static str {
    let Some(spec) = specs.get(i) else {
        return "company";
    };
    let kind = pick(&KINDS, spec.kind);
    if i == 0 && !matches!(kind, "company" | "fund") {
        return if spec.kind == 7 { "state" } else { "company" };
    }
    kind
}

/// Whether entity `i` is a listed company.
fn listed_at(specs: &[EntitySpec], i: usize) -> bool {
    kind_at(specs, i) == "company"
        && specs
            .get(i)
            .is_some_and(|s| s.listed == Some(true) || holds_free_float(specs, i))
}

/// Whether one of the holders of entity `i` is free float (which makes the company
/// listed, the only place free float exists).
fn holds_free_float(specs: &[EntitySpec], i: usize) -> bool {
    let n = specs.len();
    specs.get(i).is_some_and(|s| {
        s.holders
            .iter()
            .any(|h| h.0 % n != i && kind_at(specs, h.0 % n) == "free-float")
    })
}

/// An EU country for a state or public body, which must sit in one known place
/// (and in the EU, to hold or be held by the EU public entities generated here).
fn eu_seat(country: Option<&'static str>) -> &'static str {
    match country {
        Some(c) if !NON_EU.contains(&c) => c,
        _ => "FR",
    }
}

fn entities(specs: &[EntitySpec]) -> Map<String, Value> {
    let n = specs.len();
    let mut map = Map::new();
    for (i, spec) in specs.iter().enumerate() {
        let kind = kind_at(specs, i);
        let public = matches!(kind, "state" | "public-body");
        let mut e = Map::new();
        e.insert("name".into(), json!(format!("Entity {i}")));
        if kind != "company" || spec.kind % 2 == 0 {
            e.insert("kind".into(), json!(kind));
        }
        // A state or public body sits in one known place, in the EU here.
        let country = match kind {
            "free-float" => None,
            "state" | "public-body" => Some(eu_seat(spec.country)),
            _ => spec.country,
        };
        if let Some(c) = country {
            e.insert("country".into(), json!(c));
        }
        // A person has a country only; free float has no place at all.
        if !matches!(kind, "free-float" | "individual") {
            let seat = |c: &'static str| if public { eu_seat(Some(c)) } else { c };
            if let Some(c) = spec.central {
                e.insert("central_administration".into(), json!(seat(c)));
            }
            if let Some(c) = spec.principal {
                e.insert("principal_establishment".into(), json!(seat(c)));
            }
        }
        let listed = listed_at(specs, i);
        if kind == "company" && (spec.listed.is_some() || listed) {
            e.insert("listed".into(), json!(listed));
        }
        if matches!(kind, "company" | "fund") {
            let mut seen = Vec::new();
            let holders: Vec<_> = spec
                .holders
                .iter()
                .filter(|(h, ..)| {
                    let h = h % n;
                    // Free float holds shares of listed companies only.
                    h != i
                        && !seen.contains(&h)
                        && (listed || kind_at(specs, h) != "free-float")
                        && {
                            seen.push(h);
                            true
                        }
                })
                .collect();
            if !holders.is_empty() {
                let capital = shares(
                    &holders.iter().map(|h| h.1).collect::<Vec<_>>(),
                    spec.complete,
                );
                let voting = shares(
                    &holders
                        .iter()
                        .map(|h| h.2.unwrap_or(h.1))
                        .collect::<Vec<_>>(),
                    spec.complete,
                );
                let list: Vec<Value> = holders
                    .iter()
                    .enumerate()
                    .map(|(k, h)| {
                        let mut holding = json!({"entity": id(h.0 % n), "capital": capital[k]});
                        if h.2.is_some() || voting[k] != capital[k] {
                            holding["voting"] = json!(voting[k]);
                        }
                        holding
                    })
                    .collect();
                e.insert("shareholders".into(), Value::Array(list));
            }
        }
        // Free float holds no rights, a state is subject to none, a public body only
        // to other public bodies, and one holder holds a kind of right once.
        let mut seen = Vec::new();
        let rights: Vec<Value> = spec
            .rights
            .iter()
            .filter(|(h, k)| {
                let (h, k) = (h % n, k % RIGHT_KINDS.len());
                let holder = kind_at(specs, h);
                h != i
                    && holder != "free-float"
                    && kind != "free-float"
                    && kind != "state"
                    && (kind != "public-body" || matches!(holder, "state" | "public-body"))
                    && !seen.contains(&(h, k))
                    && {
                        seen.push((h, k));
                        true
                    }
            })
            .map(|(h, k)| json!({"holder": id(h % n), "kind": pick(&RIGHT_KINDS, *k), "note": "articles"}))
            .collect();
        // Some entities state that they have none: leaving `rights` out is silence.
        if !rights.is_empty() || spec.complete {
            e.insert("rights".into(), Value::Array(rights));
        }
        map.insert(id(i), Value::Object(e));
    }
    map
}

/// A third party: entity index, access, autonomy, qualified.
type Party = (usize, Option<usize>, Option<bool>, Option<bool>);

fn party() -> impl Strategy<Value = Party> {
    (
        0..16usize,
        often(0..ACCESS.len()),
        often(any::<bool>()),
        weighted(0.5, any::<bool>()),
    )
}

/// One entry per entity: the same supplier twice, described differently, makes the
/// verdicts depend on the order of the list, a class of defects (duplicates among
/// third parties) being fixed apart; `cases.rs` keeps its counter-example.
fn distinct(list: &[Party], n: usize) -> Vec<Party> {
    let mut seen = Vec::new();
    list.iter()
        .filter(|p| {
            let new = !seen.contains(&(p.0 % n));
            seen.push(p.0 % n);
            new
        })
        .copied()
        .collect()
}

fn insert_some(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        map.insert(key.into(), v);
    }
}

fn party_json(key: &str, p: &Party, n: usize, qualified_key: bool) -> Value {
    let mut m = Map::new();
    m.insert(key.into(), json!(id(p.0 % n)));
    m.insert("role".into(), json!("supplier"));
    insert_some(&mut m, "access", p.1.map(|a| json!(pick(&ACCESS, a))));
    insert_some(&mut m, "operating_autonomy", p.2.map(|b| json!(b)));
    if qualified_key {
        insert_some(&mut m, "secnumcloud_qualified", p.3.map(|b| json!(b)));
    }
    Value::Object(m)
}

/// A datacenter: country, operator (`None`: the provider), owner, operator access,
/// autonomy, qualified.
type Datacenter = (
    &'static str,
    Option<usize>,
    Option<usize>,
    Option<usize>,
    Option<bool>,
    Option<bool>,
);

fn datacenter() -> impl Strategy<Value = Datacenter> {
    (
        (0..5usize).prop_map(|i| PLACES[i]),
        weighted(0.3, 0..16usize),
        weighted(0.3, 0..16usize),
        often(0..ACCESS.len()),
        often(any::<bool>()),
        weighted(0.5, any::<bool>()),
    )
}

fn datacenter_json(d: &Datacenter, k: usize, n: usize) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(format!("Site {k}")));
    m.insert("country".into(), json!(d.0));
    m.insert("operator".into(), json!(id(d.1.map_or(0, |o| o % n))));
    m.insert("owner".into(), json!(id(d.2.map_or(0, |o| o % n))));
    if d.1.is_some_and(|o| o % n != 0) {
        insert_some(
            &mut m,
            "operator_access",
            d.3.map(|a| json!(pick(&ACCESS, a))),
        );
        insert_some(&mut m, "operating_autonomy", d.4.map(|b| json!(b)));
        insert_some(&mut m, "secnumcloud_qualified", d.5.map(|b| json!(b)));
    }
    Value::Object(m)
}

/// A certification: scheme, version, status, issued, expires, scope.
type Certification = (
    usize,
    usize,
    usize,
    Option<usize>,
    Option<usize>,
    Option<Vec<&'static str>>,
);

fn certification() -> impl Strategy<Value = Certification> {
    (
        0..SCHEMES.len(),
        0..VERSIONS.len(),
        0..STATUSES.len(),
        often(0..ISSUED.len()),
        often(0..EXPIRES.len()),
        often(subset(&MODELS)),
    )
}

fn certification_json(c: &Certification) -> Value {
    let mut m = Map::new();
    m.insert("scheme".into(), json!(pick(&SCHEMES, c.0)));
    m.insert("version".into(), json!(pick(&VERSIONS, c.1)));
    m.insert("status".into(), json!(pick(&STATUSES, c.2)));
    let mut issued = c.3.map(|i| pick(&ISSUED, i));
    let mut expires = c.4.map(|i| pick(&EXPIRES, i));
    if let (Some(i), Some(e)) = (&mut issued, &mut expires)
        && *i > *e
    {
        std::mem::swap(i, e);
    }
    insert_some(&mut m, "issued", issued.map(|d| json!(d)));
    insert_some(&mut m, "expires", expires.map(|d| json!(d)));
    insert_some(&mut m, "scope", c.5.clone().map(|s| json!(s)));
    Value::Object(m)
}

type Locations = (
    Option<Vec<&'static str>>,
    Option<Vec<&'static str>>,
    Option<Vec<&'static str>>,
    Option<Vec<&'static str>>,
);

fn locations() -> impl Strategy<Value = Locations> {
    (
        often(places()),
        often(places()),
        often(places()),
        often(places()),
    )
}

type Operations = (
    Locations,
    Option<Vec<&'static str>>,
    Option<Vec<&'static str>>,
    Option<bool>,
    Option<(Option<bool>, Option<bool>, Option<bool>)>,
);

fn operations() -> impl Strategy<Value = Operations> {
    (
        locations(),
        often(subset(&LANGUAGES)),
        often(subset(&LANGUAGES)),
        often(any::<bool>()),
        weighted(
            0.5,
            (
                often(any::<bool>()),
                often(any::<bool>()),
                often(any::<bool>()),
            ),
        ),
    )
}

fn operations_json(o: &Operations) -> Value {
    let mut m = Map::new();
    let ((admin, supervision, support, _), support_languages, interface, staff, controls) = o;
    insert_some(
        &mut m,
        "administration_from",
        admin.as_ref().map(|l| json!(l)),
    );
    insert_some(
        &mut m,
        "supervision_from",
        supervision.as_ref().map(|l| json!(l)),
    );
    insert_some(&mut m, "support_from", support.as_ref().map(|l| json!(l)));
    insert_some(
        &mut m,
        "support_languages",
        support_languages.as_ref().map(|l| json!(l)),
    );
    insert_some(
        &mut m,
        "interface_languages",
        interface.as_ref().map(|l| json!(l)),
    );
    insert_some(&mut m, "staff_in_eu", staff.map(|b| json!(b)));
    if let Some((listed, supervised, in_contract)) = controls {
        let mut c = Map::new();
        insert_some(&mut c, "operations_listed", listed.map(|b| json!(b)));
        insert_some(&mut c, "supervised_from_eu", supervised.map(|b| json!(b)));
        insert_some(
            &mut c,
            "location_in_contract",
            in_contract.map(|b| json!(b)),
        );
        m.insert("support_controls".into(), Value::Object(c));
    }
    Value::Object(m)
}

/// The terms of the service agreement chapter 19 reads, stated yes or no.
const AGREEMENT_TERMS: [&str; 13] = [
    "agreement_per_client",
    "changes_need_acceptance",
    "lawful_processing_stated",
    "non_eu_law_risk_on_request",
    "compliance_means_described",
    "availability_stated",
    "data_disposal_reserved",
    "qualification_stated",
    "anssi_complaints",
    "anssi_audit_authorised",
    "passi_audit_authorised",
    "gdpr_audit_information",
    "technical_data_deleted",
];
const DISCLOSURE: [&str; 4] = [
    "written-authorisation",
    "after-notice",
    "legal-exceptions",
    "unrestricted",
];
const BACKUP_TERMS: [&str; 4] = [
    "automatic",
    "client-with-guidance",
    "client-without-guidance",
    "not-stated",
];

/// Chapter 19 terms: each boolean term (mostly true, so that the rules reading
/// several at once pass on some files), third-party disclosure, backups.
type AgreementTerms = (Vec<Option<bool>>, Option<usize>, Option<usize>);

fn agreement_terms() -> impl Strategy<Value = AgreementTerms> {
    let term = prop_oneof![4 => Just(Some(true)), 1 => Just(Some(false)), 1 => Just(None)];
    (
        vec(term, AGREEMENT_TERMS.len()),
        often(0..DISCLOSURE.len()),
        often(0..BACKUP_TERMS.len()),
    )
}

/// Contract terms: governing law, courts, reversibility, exit, remote access,
/// deletion notice, deletion methods, change notification, chapter 19 terms.
type Contract = (
    Option<&'static str>,
    Option<&'static str>,
    Option<usize>,
    Option<bool>,
    Option<bool>,
    Option<u32>,
    Option<Vec<&'static str>>,
    Option<u32>,
    Option<AgreementTerms>,
);

fn contract() -> impl Strategy<Value = Contract> {
    (
        often((0..6usize).prop_map(|i| PLACES[i])),
        often((0..6usize).prop_map(|i| PLACES[i])),
        often(0..REVERSIBILITY.len()),
        often(any::<bool>()),
        often(any::<bool>()),
        often(prop_oneof![Just(21u32), Just(30), 0..40u32]),
        often(subset(&DELETION)),
        often(prop_oneof![Just(30u32), Just(15), 0..60u32]),
        often(agreement_terms()),
    )
}

fn contract_json(c: &Contract) -> Value {
    let mut m = Map::new();
    insert_some(&mut m, "governing_law", c.0.map(|v| json!(v)));
    insert_some(&mut m, "courts", c.1.map(|v| json!(v)));
    insert_some(
        &mut m,
        "reversibility",
        c.2.map(|i| json!(pick(&REVERSIBILITY, i))),
    );
    insert_some(&mut m, "exit_on_qualification_loss", c.3.map(|b| json!(b)));
    insert_some(&mut m, "remote_access_disclosed", c.4.map(|b| json!(b)));
    insert_some(&mut m, "deletion_notice_days", c.5.map(|d| json!(d)));
    insert_some(&mut m, "deletion_methods", c.6.clone().map(|l| json!(l)));
    insert_some(&mut m, "change_notification_days", c.7.map(|d| json!(d)));
    if let Some((terms, disclosure, backups)) = &c.8 {
        for (key, value) in AGREEMENT_TERMS.iter().zip(terms) {
            insert_some(&mut m, key, value.map(|b| json!(b)));
        }
        insert_some(
            &mut m,
            "third_party_disclosure",
            disclosure.map(|i| json!(pick(&DISCLOSURE, i))),
        );
        insert_some(
            &mut m,
            "backups",
            backups.map(|i| json!(pick(&BACKUP_TERMS, i))),
        );
    }
    Value::Object(m)
}

/// The workload: owner type, SIIV, sensitivity, personal, health.
type Workload = (
    usize,
    Option<bool>,
    Option<usize>,
    Option<bool>,
    Option<bool>,
);

fn workload() -> impl Strategy<Value = Workload> {
    (
        0..OWNER_TYPES.len(),
        often(any::<bool>()),
        often(0..SENSITIVITIES.len()),
        often(any::<bool>()),
        often(any::<bool>()),
    )
}

fn workload_json(w: &Workload) -> Value {
    let mut data = Map::new();
    insert_some(
        &mut data,
        "sensitivity",
        w.2.map(|i| json!(pick(&SENSITIVITIES, i))),
    );
    insert_some(&mut data, "personal", w.3.map(|b| json!(b)));
    insert_some(&mut data, "health", w.4.map(|b| json!(b)));
    let mut m = Map::new();
    m.insert("name".into(), json!("Case files"));
    m.insert("owner".into(), json!({"type": pick(&OWNER_TYPES, w.0)}));
    insert_some(&mut m, "siiv", w.1.map(|b| json!(b)));
    m.insert("data".into(), Value::Object(data));
    Value::Object(m)
}

/// Sources of facts: `None` states none (all self-declared); otherwise the source
/// of the entities, and whether the offer's are the strong ones the packs ask for.
type Evidence = Option<(usize, bool)>;

fn evidence_json(e: &Evidence, offer: &Map<String, Value>) -> Option<Value> {
    let (entities, strong) = (*e)?;
    let source = |s: &str| json!({"source": s, "reference": "document 1", "date": "2026-09-15"});
    let mut m = Map::new();
    m.insert("entities".into(), source(pick(&SOURCES, entities)));
    let (certificate, contract) = if strong {
        ("certificate", "contract")
    } else {
        ("public-statement", "self-declared")
    };
    if offer.contains_key("certifications") {
        m.insert("offer.certifications".into(), source(certificate));
    }
    // A source may only name a value the file gives.
    for key in [
        "contract",
        "data",
        "operations",
        "subcontractors",
        "technology",
        "datacenters",
        "pki",
        "non_eu_law_risk_document",
    ] {
        if offer.contains_key(key) {
            m.insert(format!("offer.{key}"), source(contract));
        }
    }
    Some(Value::Object(m))
}

/// Everything a provider file is generated from.
#[derive(Debug, Clone)]
pub struct Spec {
    entities: Vec<EntitySpec>,
    models: Vec<&'static str>,
    technology: Option<Vec<Party>>,
    subcontractors: Option<Vec<Party>>,
    datacenters: Option<Vec<Datacenter>>,
    data: Option<Locations>,
    operations: Option<Operations>,
    certifications: Option<Vec<Certification>>,
    contract: Option<Contract>,
    pki: Option<(&'static str, &'static str)>,
    risk_document: Option<bool>,
    workload: Option<Workload>,
    evidence: Evidence,
    /// A file written to pass: places in the EU, a qualification in force over the
    /// offer's models (and an HDS certification), sources as strong as the packs
    /// ask. Without it, rules that need many facts right at once would rarely pass.
    clean: bool,
}

pub fn spec() -> impl Strategy<Value = Spec> {
    let offer = (
        subset(&MODELS),
        often(vec(party(), 0..3)),
        often(vec(party(), 0..3)),
        often(vec(datacenter(), 1..3)),
        often(locations()),
        often(operations()),
        often(vec(certification(), 1..3)),
        often(contract()),
        often((
            (0..5usize).prop_map(|i| PLACES[i]),
            (0..5usize).prop_map(|i| PLACES[i]),
        )),
        often(any::<bool>()),
    );
    (
        vec(entity(), 2..9),
        offer,
        weighted(0.7, workload()),
        weighted(
            0.85,
            (
                prop_oneof![3 => Just(4usize), 1 => 0..SOURCES.len()],
                prop_oneof![3 => Just(true), 1 => Just(false)],
            ),
        ),
        any::<bool>(),
    )
        .prop_map(|(entities, o, workload, evidence, clean)| Spec {
            entities,
            models: o.0,
            technology: o.1,
            subcontractors: o.2,
            datacenters: o.3,
            data: o.4,
            operations: o.5,
            certifications: o.6,
            contract: o.7,
            pki: o.8,
            risk_document: o.9,
            workload,
            evidence,
            clean,
        })
}

/// The provider file of a spec, as JSON (which the YAML reader reads as it is).
pub fn file(spec: &Spec) -> Value {
    let n = spec.entities.len();
    let mut offer = Map::new();
    offer.insert("name".into(), json!("Generated offer"));
    offer.insert("service_models".into(), json!(spec.models));
    if let Some(list) = &spec.technology {
        let list: Vec<Value> = distinct(list, n)
            .iter()
            .map(|p| party_json("vendor", p, n, false))
            .collect();
        offer.insert("technology".into(), Value::Array(list));
    }
    if let Some(list) = &spec.datacenters {
        let list: Vec<Value> = list
            .iter()
            .enumerate()
            .map(|(k, d)| {
                // An operator of several sites is described alike on each (see
                // `distinct`).
                let first = list
                    .iter()
                    .find(|f| f.1.map(|o| o % n) == d.1.map(|o| o % n));
                let d = first.map_or(*d, |f| (d.0, d.1, d.2, f.3, f.4, f.5));
                datacenter_json(&d, k, n)
            })
            .collect();
        offer.insert("datacenters".into(), Value::Array(list));
    }
    if let Some((storage, processing, backups, metadata)) = &spec.data {
        let mut m = Map::new();
        insert_some(&mut m, "storage", storage.as_ref().map(|l| json!(l)));
        insert_some(&mut m, "processing", processing.as_ref().map(|l| json!(l)));
        insert_some(&mut m, "backups", backups.as_ref().map(|l| json!(l)));
        insert_some(&mut m, "metadata", metadata.as_ref().map(|l| json!(l)));
        offer.insert("data".into(), Value::Object(m));
    }
    insert_some(
        &mut offer,
        "operations",
        spec.operations.as_ref().map(operations_json),
    );
    if let Some(list) = &spec.subcontractors {
        let list: Vec<Value> = distinct(list, n)
            .iter()
            .map(|p| party_json("entity", p, n, true))
            .collect();
        offer.insert("subcontractors".into(), Value::Array(list));
    }
    if let Some(list) = &spec.certifications {
        let list: Vec<Value> = list.iter().map(certification_json).collect();
        offer.insert("certifications".into(), Value::Array(list));
    }
    insert_some(
        &mut offer,
        "contract",
        spec.contract.as_ref().map(contract_json),
    );
    insert_some(
        &mut offer,
        "pki",
        spec.pki
            .map(|(ca, ceremony)| json!({"ca_country": ca, "key_ceremony_country": ceremony})),
    );
    insert_some(
        &mut offer,
        "non_eu_law_risk_document",
        spec.risk_document.map(|b| json!(b)),
    );
    if spec.clean {
        make_clean(&mut offer, &spec.models);
    }
    let evidence = evidence_json(
        &if spec.clean {
            Some((4, true))
        } else {
            spec.evidence
        },
        &offer,
    );
    let mut file = Map::new();
    file.insert("trustcheck".into(), json!(1));
    file.insert("as_of".into(), json!("2026-10-01"));
    file.insert("provider".into(), json!(id(0)));
    file.insert("offer".into(), Value::Object(offer));
    file.insert("entities".into(), Value::Object(entities(&spec.entities)));
    insert_some(
        &mut file,
        "workload",
        spec.workload.as_ref().map(workload_json),
    );
    insert_some(&mut file, "evidence", evidence);
    Value::Object(file)
}

/// Moves every place of the offer into the EU and adds the certifications in force.
fn make_clean(offer: &mut Map<String, Value>, models: &[&str]) {
    for section in ["data", "operations"] {
        let Some(lists) = offer.get_mut(section).and_then(Value::as_object_mut) else {
            continue;
        };
        for (_, list) in lists.iter_mut() {
            if let Some(list) = list.as_array_mut() {
                for place in list.iter_mut() {
                    if place.as_str().is_some_and(|c| NON_EU.contains(&c)) {
                        *place = json!("FR");
                    }
                }
                let mut seen = Vec::new();
                list.retain(|c| {
                    let new = !seen.contains(c);
                    seen.push(c.clone());
                    new
                });
            }
        }
    }
    let certifications = offer
        .entry("certifications")
        .or_insert(json!([]))
        .as_array_mut();
    if let Some(list) = certifications {
        list.insert(
            0,
            json!({"scheme": "secnumcloud", "version": "3.2", "status": "qualified",
                   "issued": "2025-06-12", "expires": "2028-06-11", "scope": models}),
        );
        list.push(
            json!({"scheme": "hds", "version": "2.0", "status": "qualified",
                         "issued": "2025-02-01", "expires": "2028-01-31"}),
        );
    }
}
