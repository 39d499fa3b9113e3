//! Certification history, as facts rules can read: `certification_status.secnumcloud`
//! and `certification_status.hds`, one element per service model of the offer.
//!
//! Each `offer.certifications` entry records a decision (a qualification, a
//! suspension, a withdrawal, an expiry) about a scheme, a version and the service
//! models of its scope, dated by `decided` or else by `issued`. The current status of
//! a scheme and version for a service model is the latest decision covering it, on or
//! before the assessment date: a decision dated later does not count yet. An
//! application (`in-progress`) decides nothing; it is the status only when no
//! decision covers the model. Decisions that cannot be ordered (undated, or of the
//! same date) and disagree leave the status unknown, never qualified. Several current
//! decisions together may cover the offer: one for its IaaS, one for its PaaS.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde_json::Value;

use crate::provider::raw::{Certification, CertificationStatus, ServiceModel};

use super::{Fact, FactValue};

/// The day the HDS referential of 2018 (HDS 1.x) stopped being valid: certificates
/// had to move to the referential approved by the arrêté of 26 April 2024 (HDS 2.0).
pub const HDS_1_END: Date = Date::constant(2026, 5, 16);

/// The SecNumCloud version the shipped rules judge.
const SECNUMCLOUD_VERSION: &str = "3.2";

/// The `certification_status` record, or `None` when the file does not give its
/// certifications or its service models (the rules reading it are then unknown).
pub fn certification_status(file: &Value, as_of: Date) -> Option<Fact> {
    let offer = file.get("offer")?;
    let entries = entries(offer.get("certifications")?)?;
    let models = service_models(offer.get("service_models")?)?;
    if models.is_empty() {
        return None;
    }
    let secnumcloud: Vec<&Entry> = entries
        .iter()
        .filter(|e| is_scheme(e, "secnumcloud"))
        .filter(|e| {
            e.version()
                .is_none_or(|v| v.eq_ignore_ascii_case(SECNUMCLOUD_VERSION))
        })
        .collect();
    let mut hds: BTreeMap<Option<String>, Vec<&Entry>> = BTreeMap::new();
    for entry in entries.iter().filter(|e| is_scheme(e, "hds")) {
        hds.entry(entry.version().map(hds_group))
            .or_default()
            .push(entry);
    }
    let mut snc_items = Vec::new();
    let mut hds_items = Vec::new();
    for (k, model) in models.iter().enumerate() {
        let model_fact = Fact::text(
            model_name(*model),
            Some(format!("offer.service_models[{k}]")),
        );
        let found = current(&secnumcloud, *model, as_of);
        snc_items.push(item(model_fact.clone(), &found, None));
        let candidates: Vec<Current> = hds
            .values()
            .map(|group| current(group, *model, as_of))
            .collect();
        let best = candidates
            .iter()
            // The best referential; among equals, the latest decision.
            .min_by_key(|c| (hds_rank(c, as_of), std::cmp::Reverse(decided_on(c))))
            .unwrap_or(&Current::None);
        hds_items.push(item(model_fact, best, Some(as_of)));
    }
    let fields = [
        ("secnumcloud".to_string(), list(snc_items)),
        ("hds".to_string(), list(hds_items)),
    ];
    Some(Fact::new(
        FactValue::Record(fields.into_iter().collect()),
        Some("offer.certifications".into()),
    ))
}

/// One certification entry, with its position and date.
#[derive(Debug)]
struct Entry {
    index: usize,
    cert: Certification,
    /// `decided`, else `issued`; `None` when neither is a date.
    date: Option<Date>,
}

impl Entry {
    fn path(&self) -> String {
        format!("offer.certifications[{}]", self.index)
    }

    fn version(&self) -> Option<&str> {
        self.cert
            .version
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// Whether the entry may cover `model`: an entry without scope may cover any.
    fn covers(&self, model: ServiceModel) -> bool {
        self.cert.scope.as_ref().is_none_or(|s| s.contains(&model))
    }

    /// "offer.certifications[2] (withdrawn, 2026-02-01)".
    fn describe(&self) -> String {
        let status = self.cert.status.map_or("status not given", status_name);
        let date = self
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        format!("{} ({status}, {date})", self.path())
    }
}

/// The current decision for one service model.
#[derive(Debug)]
enum Current<'a> {
    /// No entry covers the model.
    None,
    /// The latest decision (or, failing any, an application in progress), and
    /// whether it is the only entry covering the model.
    Decided(&'a Entry, bool),
    /// Decisions that cannot be ordered and disagree.
    Conflict(Vec<&'a Entry>),
}

/// The latest decision among `entries` (one scheme and version) covering `model`.
fn current<'a>(entries: &[&'a Entry], model: ServiceModel, as_of: Date) -> Current<'a> {
    let covering: Vec<&'a Entry> = entries
        .iter()
        .copied()
        .filter(|e| e.covers(model) && e.date.is_none_or(|d| d <= as_of))
        .collect();
    let decisions: Vec<&'a Entry> = covering
        .iter()
        .copied()
        .filter(|e| e.cert.status != Some(CertificationStatus::InProgress))
        .collect();
    if decisions.is_empty() {
        return most_exposed(&covering)
            .map_or(Current::None, |e| Current::Decided(e, alone(&covering, e)));
    }
    let latest = decisions.iter().filter_map(|e| e.date).max();
    // Undated decisions cannot be ordered against any other: they stay in the running.
    let top: Vec<&'a Entry> = decisions
        .into_iter()
        .filter(|e| e.date.is_none() || e.date == latest)
        .collect();
    let Some(first) = top.first() else {
        return Current::None;
    };
    let agree = top
        .iter()
        .all(|e| e.cert.status.is_some() && e.cert.status == first.cert.status);
    match most_exposed(&top) {
        Some(deciding) if agree => Current::Decided(deciding, alone(&covering, deciding)),
        _ => Current::Conflict(top),
    }
}

/// Among entries that agree, the one that decides whatever their order: the most
/// exposed (an expiry missing or earliest, then a scope, version or date missing), so
/// that listing a weaker copy of a decision never hides it.
fn most_exposed<'a>(entries: &[&'a Entry]) -> Option<&'a Entry> {
    entries.iter().copied().min_by_key(|e| {
        let expires = e
            .cert
            .expires
            .as_deref()
            .and_then(|t| t.parse::<Date>().ok());
        (
            expires.is_some(),
            expires,
            e.cert.scope.is_some(),
            e.version().is_some(),
            e.date.is_some(),
            e.index,
        )
    })
}

/// Whether every entry covering the model says what `deciding` says: a decision
/// listed twice is one decision.
fn alone(covering: &[&Entry], deciding: &Entry) -> bool {
    let says = |e: &Entry| {
        (
            e.cert.status,
            e.version().map(str::to_string),
            e.cert.scope.clone(),
            e.cert.issued.clone(),
            e.cert.expires.clone(),
            e.date,
        )
    };
    covering.iter().all(|e| says(e) == says(deciding))
}

/// The date of a candidate's deciding entry.
fn decided_on(candidate: &Current) -> Option<Date> {
    match candidate {
        Current::Decided(entry, _) => entry.date,
        Current::None | Current::Conflict(_) => None,
    }
}

/// How good an HDS candidate is: 0 valid, 1 undecided, 2 not valid.
fn hds_rank(candidate: &Current, as_of: Date) -> u8 {
    let entry = match candidate {
        Current::None => return 3,
        Current::Conflict(_) => return 1,
        Current::Decided(entry, _) => entry,
    };
    let cert = &entry.cert;
    match cert.status {
        None => return 1,
        Some(CertificationStatus::Qualified) => {}
        Some(_) => return 2,
    }
    let issued = cert.issued.as_deref().and_then(|d| d.parse::<Date>().ok());
    let expires = cert.expires.as_deref().and_then(|d| d.parse::<Date>().ok());
    let referential = hds_referential_valid(entry.version(), as_of);
    if issued.is_some_and(|d| d > as_of)
        || expires.is_some_and(|d| d < as_of)
        || referential == Some(false)
    {
        2
    } else if issued.is_none() || expires.is_none() || referential.is_none() || cert.scope.is_none()
    {
        1
    } else {
        0
    }
}

/// The HDS referential a version names: `1` (2018), `2` (2024), or the version itself.
fn hds_group(version: &str) -> String {
    match hds_referential(version) {
        Some(n) => n.to_string(),
        None => version.to_ascii_lowercase(),
    }
}

fn hds_referential(version: &str) -> Option<u8> {
    let v = version.trim().trim_start_matches(['v', 'V']);
    match v {
        "2018" => return Some(1),
        "2024" => return Some(2),
        _ => {}
    }
    match v.split('.').next() {
        Some("1") => Some(1),
        Some("2") => Some(2),
        _ => None,
    }
}

/// Whether an HDS certificate's referential is valid on `as_of`: HDS 1.x only before
/// [`HDS_1_END`]; unknown after it when the version is not given or not recognised.
fn hds_referential_valid(version: Option<&str>, as_of: Date) -> Option<bool> {
    if as_of < HDS_1_END {
        return Some(true);
    }
    match version.and_then(hds_referential) {
        Some(1) => Some(false),
        Some(_) => Some(true),
        None => None,
    }
}

/// The element for one service model. `hds_as_of` adds `referential_valid`.
fn item(model: Fact, found: &Current, hds_as_of: Option<Date>) -> Fact {
    let mut fields = BTreeMap::new();
    fields.insert("model".to_string(), model);
    let (source, decision) = match found {
        Current::None => {
            fields.insert(
                "status".into(),
                Fact::text("none", Some("offer.certifications".into())),
            );
            (
                "offer.certifications".to_string(),
                "no entry covers it".to_string(),
            )
        }
        Current::Conflict(entries) => {
            // The qualification's own dates, so that the status alone is in doubt.
            let qualified = entries
                .iter()
                .find(|e| e.cert.status == Some(CertificationStatus::Qualified));
            if let Some(entry) = qualified {
                dates(&mut fields, entry);
            }
            let described: Vec<String> = entries.iter().map(|e| e.describe()).collect();
            let source = entries.first().map_or_else(String::new, |e| e.path());
            (
                source,
                format!("{} cannot be ordered and disagree", described.join(" and ")),
            )
        }
        Current::Decided(entry, alone) => {
            let path = entry.path();
            let cert = &entry.cert;
            let mut gaps = Vec::new();
            if cert.scope.is_none() {
                gaps.push("its scope is not given");
            }
            if hds_as_of.is_none() && entry.version().is_none() {
                gaps.push("its version is not given");
            }
            // An entry that may not be about this model or version cannot qualify
            // it, nor undo an earlier decision; alone and not qualified, it fails.
            let certain =
                gaps.is_empty() || (*alone && cert.status != Some(CertificationStatus::Qualified));
            if let Some(status) = cert.status
                && certain
            {
                fields.insert(
                    "status".into(),
                    Fact::text(status_name(status), Some(format!("{path}.status"))),
                );
            }
            if let Some(version) = entry.version() {
                fields.insert(
                    "version".into(),
                    Fact::text(version, Some(format!("{path}.version"))),
                );
            }
            dates(&mut fields, entry);
            if let Some(as_of) = hds_as_of
                && let Some(valid) = hds_referential_valid(entry.version(), as_of)
            {
                fields.insert(
                    "referential_valid".into(),
                    Fact::boolean(valid, Some(format!("{path}.version"))),
                );
            }
            let mut decision = entry.describe();
            if !gaps.is_empty() {
                decision = format!("{decision}, but {}", gaps.join(" and "));
            }
            (path, decision)
        }
    };
    fields.insert(
        "decision".into(),
        Fact::text(decision, Some(source.clone())),
    );
    Fact::new(FactValue::Record(fields), Some(source))
}

/// The dates of an entry, each pointing at its own value.
fn dates(fields: &mut BTreeMap<String, Fact>, entry: &Entry) {
    let path = entry.path();
    let cert = &entry.cert;
    for (key, value) in [
        ("issued", &cert.issued),
        ("expires", &cert.expires),
        ("decided", &cert.decided),
    ] {
        if let Some(value) = value {
            fields.insert(key.into(), Fact::text(value, Some(format!("{path}.{key}"))));
        }
    }
}

fn entries(list: &Value) -> Option<Vec<Entry>> {
    list.as_array()?
        .iter()
        .enumerate()
        .map(|(index, value)| {
            let cert: Certification = serde_json::from_value(value.clone()).ok()?;
            let date = cert
                .decided
                .as_deref()
                .or(cert.issued.as_deref())
                .and_then(|d| d.parse().ok());
            Some(Entry { index, cert, date })
        })
        .collect()
}

fn service_models(list: &Value) -> Option<Vec<ServiceModel>> {
    list.as_array()?
        .iter()
        .map(|v| serde_json::from_value(v.clone()).ok())
        .collect()
}

fn is_scheme(entry: &Entry, scheme: &str) -> bool {
    entry.cert.scheme.trim().eq_ignore_ascii_case(scheme)
}

fn status_name(status: CertificationStatus) -> &'static str {
    match status {
        CertificationStatus::Qualified => "qualified",
        CertificationStatus::InProgress => "in-progress",
        CertificationStatus::Suspended => "suspended",
        CertificationStatus::Expired => "expired",
        CertificationStatus::Withdrawn => "withdrawn",
    }
}

fn model_name(model: ServiceModel) -> &'static str {
    match model {
        ServiceModel::Iaas => "iaas",
        ServiceModel::Paas => "paas",
        ServiceModel::Saas => "saas",
        ServiceModel::Caas => "caas",
    }
}

fn list(items: Vec<Fact>) -> Fact {
    Fact::new(FactValue::List(items), Some("offer.certifications".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const AS_OF: Date = Date::constant(2026, 11, 1);

    fn status(certs: Value, models: Value, scheme: &str) -> Vec<(String, Option<String>)> {
        let file = json!({"offer": {"certifications": certs, "service_models": models}});
        let fact = certification_status(&file, AS_OF).expect("facts");
        let Some(FactValue::List(items)) = fact.field(scheme).map(|f| &f.value) else {
            panic!("no list")
        };
        items
            .iter()
            .map(|i| {
                (
                    i.field("model").map(Fact::display).unwrap_or_default(),
                    i.field("status").map(Fact::display),
                )
            })
            .collect()
    }

    fn one(certs: Value) -> Option<String> {
        status(certs, json!(["iaas"]), "secnumcloud")
            .into_iter()
            .next()
            .and_then(|(_, s)| s)
    }

    fn snc(status: &str, issued: &str) -> Value {
        json!({"scheme": "secnumcloud", "version": "3.2", "status": status,
               "issued": issued, "expires": "2028-01-01", "scope": ["iaas"]})
    }

    #[test]
    fn a_later_withdrawal_wins_over_the_qualification() {
        let certs = json!([
            snc("qualified", "2025-01-01"),
            snc("withdrawn", "2026-02-01")
        ]);
        assert_eq!(one(certs).as_deref(), Some("withdrawn"));
        // Whatever the order of the entries.
        let certs = json!([
            snc("withdrawn", "2026-02-01"),
            snc("qualified", "2025-01-01")
        ]);
        assert_eq!(one(certs).as_deref(), Some("withdrawn"));
    }

    #[test]
    fn a_later_requalification_wins_over_a_suspension() {
        let certs = json!([
            snc("suspended", "2025-06-01"),
            snc("qualified", "2026-01-01")
        ]);
        assert_eq!(one(certs).as_deref(), Some("qualified"));
    }

    #[test]
    fn the_decided_date_orders_decisions() {
        let mut withdrawn = snc("withdrawn", "2025-01-01");
        withdrawn["decided"] = json!("2026-03-01");
        let certs = json!([snc("qualified", "2025-01-01"), withdrawn]);
        assert_eq!(one(certs).as_deref(), Some("withdrawn"));
    }

    #[test]
    fn decisions_that_cannot_be_ordered_and_disagree_are_unknown() {
        // Same date.
        let certs = json!([
            snc("qualified", "2025-01-01"),
            snc("withdrawn", "2025-01-01")
        ]);
        assert_eq!(one(certs), None);
        // An undated withdrawal.
        let mut undated = snc("withdrawn", "2025-01-01");
        undated.as_object_mut().map(|m| m.remove("issued"));
        let certs = json!([snc("qualified", "2025-01-01"), undated]);
        assert_eq!(one(certs), None);
        // An undated qualification agreeing with the dated one is no conflict.
        let mut undated = snc("qualified", "2025-01-01");
        undated.as_object_mut().map(|m| m.remove("issued"));
        let certs = json!([snc("qualified", "2025-01-01"), undated]);
        assert_eq!(one(certs).as_deref(), Some("qualified"));
    }

    #[test]
    fn the_same_qualification_twice_is_one_decision() {
        let certs = json!([
            snc("qualified", "2025-01-01"),
            snc("qualified", "2025-01-01")
        ]);
        assert_eq!(one(certs).as_deref(), Some("qualified"));
    }

    #[test]
    fn a_decision_after_the_assessment_date_does_not_count_yet() {
        let certs = json!([
            snc("qualified", "2025-01-01"),
            snc("withdrawn", "2027-01-01")
        ]);
        assert_eq!(one(certs).as_deref(), Some("qualified"));
        let certs = json!([snc("qualified", "2027-01-01")]);
        assert_eq!(one(certs).as_deref(), Some("none"));
    }

    #[test]
    fn an_application_decides_nothing() {
        let certs = json!([
            snc("qualified", "2025-01-01"),
            snc("in-progress", "2026-01-01")
        ]);
        assert_eq!(one(certs).as_deref(), Some("qualified"));
        let certs = json!([snc("in-progress", "2026-01-01")]);
        assert_eq!(one(certs).as_deref(), Some("in-progress"));
    }

    #[test]
    fn several_decisions_cover_several_models() {
        let mut paas = snc("qualified", "2025-01-01");
        paas["scope"] = json!(["paas"]);
        let certs = json!([snc("qualified", "2025-01-01"), paas]);
        let got = status(certs, json!(["iaas", "paas", "saas"]), "secnumcloud");
        assert_eq!(
            got,
            vec![
                ("iaas".into(), Some("qualified".into())),
                ("paas".into(), Some("qualified".into())),
                ("saas".into(), Some("none".into())),
            ]
        );
    }

    #[test]
    fn other_versions_and_schemes_do_not_count() {
        let mut old = snc("qualified", "2025-01-01");
        old["version"] = json!("3.1");
        assert_eq!(one(json!([old])).as_deref(), Some("none"));
        let mut iso = snc("qualified", "2025-01-01");
        iso["scheme"] = json!("iso27001");
        assert_eq!(one(json!([iso])).as_deref(), Some("none"));
        // The scheme is matched whatever its case: a withdrawal cannot hide by it.
        let mut shouted = snc("withdrawn", "2026-01-01");
        shouted["scheme"] = json!("SecNumCloud");
        let certs = json!([snc("qualified", "2025-01-01"), shouted]);
        assert_eq!(one(certs).as_deref(), Some("withdrawn"));
    }

    #[test]
    fn a_deciding_entry_without_scope_or_version_leaves_the_status_unknown() {
        let mut no_scope = snc("qualified", "2025-01-01");
        no_scope.as_object_mut().map(|m| m.remove("scope"));
        assert_eq!(one(json!([no_scope])), None);
        let mut applied = snc("in-progress", "2025-01-01");
        applied.as_object_mut().map(|m| m.remove("scope"));
        assert_eq!(one(json!([applied])).as_deref(), Some("in-progress"));
        let mut no_version = snc("withdrawn", "2026-01-01");
        no_version.as_object_mut().map(|m| m.remove("version"));
        let certs = json!([snc("qualified", "2025-01-01"), no_version]);
        assert_eq!(one(certs), None);
    }

    #[test]
    fn nothing_to_judge_without_certifications_or_service_models() {
        let file = json!({"offer": {"service_models": ["iaas"]}});
        assert!(certification_status(&file, AS_OF).is_none());
        let file = json!({"offer": {"certifications": [], "service_models": []}});
        assert!(certification_status(&file, AS_OF).is_none());
        let file = json!({"offer": {"certifications": [], "service_models": ["iaas"]}});
        assert!(certification_status(&file, AS_OF).is_some());
    }

    fn hds(version: &str, status: &str, issued: &str) -> Value {
        json!({"scheme": "hds", "version": version, "status": status,
               "issued": issued, "expires": "2028-01-01", "scope": ["iaas"]})
    }

    fn hds_item(certs: Value, as_of: Date) -> Fact {
        let file = json!({"offer": {"certifications": certs, "service_models": ["iaas"]}});
        let fact = certification_status(&file, as_of).expect("facts");
        match fact.field("hds").map(|f| &f.value) {
            Some(FactValue::List(items)) => items.first().cloned().expect("an item"),
            _ => panic!("no list"),
        }
    }

    #[test]
    fn hds_1_is_valid_only_before_16_may_2026() {
        let certs = json!([hds("1.1", "qualified", "2024-01-01")]);
        let before = hds_item(certs.clone(), Date::constant(2026, 5, 15));
        assert_eq!(
            before
                .field("referential_valid")
                .map(Fact::display)
                .as_deref(),
            Some("true")
        );
        let after = hds_item(certs, Date::constant(2026, 5, 16));
        assert_eq!(
            after
                .field("referential_valid")
                .map(Fact::display)
                .as_deref(),
            Some("false")
        );
        let unversioned = json!([{"scheme": "hds", "status": "qualified", "issued": "2024-01-01",
                                  "expires": "2028-01-01", "scope": ["iaas"]}]);
        assert!(
            hds_item(unversioned, AS_OF)
                .field("referential_valid")
                .is_none()
        );
    }

    #[test]
    fn hds_prefers_the_valid_referential() {
        let certs = json!([
            hds("1.1", "qualified", "2024-01-01"),
            hds("2.0", "qualified", "2026-04-01")
        ]);
        let item = hds_item(certs, AS_OF);
        assert_eq!(
            item.field("version").map(Fact::display).as_deref(),
            Some("2.0")
        );
        assert_eq!(
            item.field("referential_valid")
                .map(Fact::display)
                .as_deref(),
            Some("true")
        );
        // A withdrawal of the 2.0 certificate is not undone by the old one.
        let certs = json!([
            hds("1.1", "qualified", "2024-01-01"),
            hds("2.0", "qualified", "2026-04-01"),
            hds("2", "withdrawn", "2026-09-01"),
        ]);
        let item = hds_item(certs, AS_OF);
        assert_eq!(
            item.field("status").map(Fact::display).as_deref(),
            Some("withdrawn"),
            "the latest decision is shown: {item:?}"
        );
    }

    #[test]
    fn conflicts_name_every_entry() {
        let certs = json!([
            snc("qualified", "2025-01-01"),
            snc("withdrawn", "2025-01-01")
        ]);
        let file = json!({"offer": {"certifications": certs, "service_models": ["iaas"]}});
        let fact = certification_status(&file, AS_OF).expect("facts");
        let decision = fact
            .lookup("secnumcloud")
            .and_then(|l| match &l.value {
                FactValue::List(items) => items.first(),
                _ => None,
            })
            .and_then(|i| i.field("decision"))
            .map(Fact::display)
            .unwrap_or_default();
        assert!(decision.contains("offer.certifications[0]"), "{decision}");
        assert!(decision.contains("offer.certifications[1]"), "{decision}");
    }

    #[test]
    fn the_order_and_copies_of_entries_never_change_the_status() {
        let undated = json!({"scheme": "secnumcloud", "version": "3.2", "status": "qualified", "scope": ["iaas"], "expires": "2027-01-01"});
        let dated = snc("qualified", "2025-01-01");
        let forward = status(
            json!([dated.clone(), undated.clone()]),
            json!(["iaas"]),
            "secnumcloud",
        );
        let backward = status(json!([undated, dated]), json!(["iaas"]), "secnumcloud");
        assert_eq!(forward, backward);
        let applying = json!({"scheme": "secnumcloud", "status": "in-progress"});
        let once = status(json!([applying.clone()]), json!(["iaas"]), "secnumcloud");
        let twice = status(
            json!([applying.clone(), applying]),
            json!(["iaas"]),
            "secnumcloud",
        );
        assert_eq!(once, twice);
    }
}
