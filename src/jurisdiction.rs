//! Countries, country groups and extraterritorial laws, loaded from `rules/`.
//!
//! The tables are data (`rules/countries.yaml`, `rules/jurisdictions.yaml`,
//! `rules/laws.yaml`), each with its source and date; nothing here hard-codes a
//! country list.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::assets;
use crate::lang::Text;

/// A named group of countries (`EU`, `EEA`…).
#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    pub title: Text,
    pub source: String,
    pub as_of: String,
    pub members: BTreeSet<String>,
}

/// A law with extraterritorial reach.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    #[serde(skip)]
    pub id: String,
    pub title: Text,
    pub jurisdictions: BTreeSet<String>,
    pub reach: Text,
    pub source: String,
    pub confidence: String,
}

/// The jurisdiction tables.
#[derive(Debug, Clone)]
pub struct Jurisdictions {
    countries: BTreeMap<String, String>,
    groups: BTreeMap<String, Group>,
    laws: Vec<Law>,
    /// Version (date) of the group table, shown in reports.
    pub version: String,
}

#[derive(Deserialize)]
struct CountriesFile {
    countries: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupsFile {
    version: String,
    groups: BTreeMap<String, RawGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    title: Text,
    source: String,
    as_of: String,
    #[serde(default)]
    include: Vec<String>,
    countries: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LawsFile {
    #[allow(dead_code)]
    version: String,
    laws: BTreeMap<String, Law>,
}

/// An error in a shipped table: a build defect, caught by the test suite.
#[derive(Debug, thiserror::Error)]
#[error("rules/{file}: {message}")]
pub struct TableError {
    pub file: &'static str,
    pub message: String,
}

impl Jurisdictions {
    /// The tables embedded in the binary.
    pub fn embedded() -> &'static Jurisdictions {
        static TABLES: OnceLock<Jurisdictions> = OnceLock::new();
        TABLES.get_or_init(|| {
            // The embedded tables are checked by the test suite; reaching this is a
            // build defect, not an input error.
            #[allow(clippy::panic)]
            Jurisdictions::load_embedded()
                .unwrap_or_else(|e| panic!("embedded jurisdiction tables are invalid: {e}"))
        })
    }

    fn load_embedded() -> Result<Jurisdictions, TableError> {
        let countries: CountriesFile = parse_table("countries.yaml")?;
        let groups: GroupsFile = parse_table("jurisdictions.yaml")?;
        let laws: LawsFile = parse_table("laws.yaml")?;
        Jurisdictions::build(countries.countries, groups, laws)
    }

    fn build(
        countries: BTreeMap<String, String>,
        groups: GroupsFile,
        laws: LawsFile,
    ) -> Result<Jurisdictions, TableError> {
        let mut resolved = BTreeMap::new();
        for name in groups.groups.keys() {
            let members = resolve_group(name, &groups.groups, &mut Vec::new())?;
            if let Some(unknown) = members.iter().find(|c| !countries.contains_key(*c)) {
                return Err(TableError {
                    file: "jurisdictions.yaml",
                    message: format!("group {name} names unknown country {unknown}"),
                });
            }
            let Some(raw) = groups.groups.get(name) else {
                continue;
            };
            resolved.insert(
                name.clone(),
                Group {
                    name: name.clone(),
                    title: raw.title.clone(),
                    source: raw.source.clone(),
                    as_of: raw.as_of.clone(),
                    members,
                },
            );
        }
        let laws = laws
            .laws
            .into_iter()
            .map(|(id, law)| Law { id, ..law })
            .collect();
        Ok(Jurisdictions {
            countries,
            groups: resolved,
            laws,
            version: groups.version,
        })
    }

    /// Whether `code` is an ISO 3166-1 alpha-2 code.
    pub fn is_country(&self, code: &str) -> bool {
        self.countries.contains_key(code)
    }

    /// The English short name of a country.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.countries.get(code).map(String::as_str)
    }

    /// A close valid code for a mistyped one (`fr` → `FR`, `UK` → `GB`).
    pub fn suggest_country(&self, input: &str) -> Option<String> {
        let upper = input.trim().to_ascii_uppercase();
        if self.is_country(&upper) {
            return Some(upper);
        }
        if upper == "UK" {
            return Some("GB".into());
        }
        if upper == "EL" {
            return Some("GR".into());
        }
        self.countries
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(input.trim()))
            .map(|(code, _)| code.clone())
    }

    /// A group by name.
    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.get(name)
    }

    /// The names of every group.
    pub fn group_names(&self) -> impl Iterator<Item = &str> {
        self.groups.keys().map(String::as_str)
    }

    /// Whether `country` belongs to `group`; `None` if the group does not exist.
    pub fn in_group(&self, country: &str, group: &str) -> Option<bool> {
        self.groups.get(group).map(|g| g.members.contains(country))
    }

    /// Whether `country` is an EU member state.
    pub fn is_eu(&self, country: &str) -> bool {
        self.in_group(country, "EU").unwrap_or(false)
    }

    /// Every extraterritorial law.
    pub fn laws(&self) -> &[Law] {
        &self.laws
    }

    /// The laws that bind a company seated in `country`.
    pub fn laws_binding(&self, country: &str) -> impl Iterator<Item = &Law> {
        self.laws
            .iter()
            .filter(move |law| law.jurisdictions.contains(country))
    }
}

fn parse_table<T: for<'de> Deserialize<'de>>(file: &'static str) -> Result<T, TableError> {
    if let Some(table) = assets::pre_parsed(file).and_then(|json| serde_json::from_str(json).ok()) {
        return Ok(table);
    }
    let text = assets::text(file).ok_or_else(|| TableError {
        file,
        message: "missing from the embedded rules".into(),
    })?;
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options(text, options).map_err(|e| TableError {
        file,
        message: e.to_string(),
    })
}

fn resolve_group(
    name: &str,
    groups: &BTreeMap<String, RawGroup>,
    visiting: &mut Vec<String>,
) -> Result<BTreeSet<String>, TableError> {
    if visiting.iter().any(|v| v == name) {
        return Err(TableError {
            file: "jurisdictions.yaml",
            message: format!("group {name} includes itself"),
        });
    }
    let raw = groups.get(name).ok_or_else(|| TableError {
        file: "jurisdictions.yaml",
        message: format!("unknown group {name}"),
    })?;
    visiting.push(name.to_string());
    let mut members: BTreeSet<String> = raw.countries.iter().cloned().collect();
    for included in &raw.include {
        members.extend(resolve_group(included, groups, visiting)?);
    }
    visiting.pop();
    Ok(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_load() {
        let j = Jurisdictions::load_embedded().unwrap();
        assert_eq!(
            j.group("EU")
                .unwrap()
                .members
                .iter()
                .filter(|c| c.len() == 2)
                .count(),
            34
        );
        assert!(j.is_eu("FR") && !j.is_eu("GB") && !j.is_eu("CH"));
        assert_eq!(j.in_group("NO", "EEA"), Some(true));
        assert_eq!(j.in_group("NO", "EU"), Some(false));
        assert_eq!(j.in_group("CH", "GDPR-SAFE"), Some(true));
        assert_eq!(j.in_group("FR", "NOPE"), None);
    }

    #[test]
    fn laws_bind_by_seat() {
        let j = Jurisdictions::embedded();
        let us: Vec<_> = j.laws_binding("US").map(|l| l.id.as_str()).collect();
        assert_eq!(us, ["US-CLOUD", "US-FISA702"]);
        assert_eq!(j.laws_binding("CN").count(), 1);
        assert_eq!(j.laws_binding("FR").count(), 0);
    }

    #[test]
    fn country_suggestions() {
        let j = Jurisdictions::embedded();
        assert_eq!(j.suggest_country("fr").as_deref(), Some("FR"));
        assert_eq!(j.suggest_country("UK").as_deref(), Some("GB"));
        assert_eq!(j.suggest_country("France").as_deref(), Some("FR"));
        assert_eq!(j.suggest_country("XX"), None);
    }
}
