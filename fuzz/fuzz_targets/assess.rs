//! Full assessment of structurally generated providers: every file that loads must
//! be assessed without a panic, and every verdict must be one of the four.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use trustcheck::assess::{AssessOptions, assess};
use trustcheck::lang::Lang;
use trustcheck::rules::RuleSet;

const COUNTRIES: [&str; 6] = ["FR", "DE", "US", "CN", "NO", "GB"];
const ACCESS: [&str; 4] = ["none", "metadata", "customer-data", "admin"];

#[derive(Debug, Arbitrary)]
struct Company {
    country: Option<u8>,
    central: Option<u8>,
    listed: bool,
    holders: Vec<(u8, u8, Option<u8>)>,
    veto_by: Option<u8>,
}

#[derive(Debug, Arbitrary)]
struct Offer {
    companies: Vec<Company>,
    storage: Vec<u8>,
    subcontractors: Vec<(u8, Option<u8>)>,
    qualified: bool,
    expires_year: u8,
    workload: Option<u8>,
}

fn pick<T: Copy>(items: &[T], i: u8) -> T {
    items[usize::from(i) % items.len()]
}

fn document(offer: &Offer) -> Value {
    let count = offer.companies.len().clamp(1, 8);
    let id = |i: u8| format!("e{}", usize::from(i) % count);
    let mut entities = serde_json::Map::new();
    for (i, c) in offer.companies.iter().take(count).enumerate() {
        let mut entity = json!({"name": format!("Company {i}")});
        if let Some(country) = c.country { entity["country"] = json!(pick(&COUNTRIES, country)); }
        if let Some(central) = c.central { entity["central_administration"] = json!(pick(&COUNTRIES, central)); }
        entity["listed"] = json!(c.listed);
        let holders: Vec<Value> = c.holders.iter().take(4)
            .filter(|(h, _, _)| id(*h) != format!("e{i}"))
            .map(|(h, capital, voting)| json!({"entity": id(*h), "capital": f64::from(*capital % 26), "voting": voting.map(|v| f64::from(v % 26))}))
            .collect();
        entity["shareholders"] = json!(holders);
        if let Some(v) = c.veto_by { entity["rights"] = json!([{"holder": id(v), "kind": "veto"}]); }
        entities.insert(format!("e{i}"), entity);
    }
    if entities.is_empty() { entities.insert("e0".into(), json!({"name": "Only", "country": "FR"})); }
    let mut doc = json!({
        "trustcheck": 1, "provider": "e0", "entities": entities,
        "offer": {
            "name": "Fuzzed", "service_models": ["iaas"],
            "data": {"storage": offer.storage.iter().take(3).map(|c| pick(&COUNTRIES, *c)).collect::<Vec<_>>()},
            "subcontractors": offer.subcontractors.iter().take(3).map(|(e, a)| json!({"entity": id(*e), "access": a.map(|a| pick(&ACCESS, a))})).collect::<Vec<_>>(),
            "certifications": [{"scheme": "secnumcloud", "version": "3.2", "status": if offer.qualified {"qualified"} else {"in-progress"},
                                "issued": "2024-01-01", "expires": format!("{}-06-30", 2020 + u32::from(offer.expires_year % 12)), "scope": ["iaas"]}]
        }
    });
    if let Some(w) = offer.workload {
        doc["workload"] = json!({"owner": {"type": "state-administration"}, "data": {"sensitivity": pick(&["public", "internal", "sensitive", "restricted"], w)}});
    }
    doc
}

fuzz_target!(|offer: Offer| {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    let rules = RULES.get_or_init(|| RuleSet::load(&[]).unwrap_or_else(|e| panic!("embedded rules: {e}")));
    let text = document(&offer).to_string();
    if let Ok(loaded) = trustcheck::provider::load_str("fuzz.yaml", &text) {
        let options = AssessOptions { as_of: jiff::civil::Date::constant(2026, 11, 1), frameworks: vec![], lang: Lang::En };
        let report = assess(&loaded, rules, &options);
        assert!(!report.results.is_empty());
    }
});
