//! Semantic checks: what the schema cannot say. Countries are ISO codes, ids refer to
//! declared entities, dates are real dates, holdings add up.
//!
//! The checks read the spanned tree rather than the typed file, so that they run even
//! when the structural check found problems elsewhere: one pass reports everything.
//! Values of the wrong type are skipped here (the structural check reported them).

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::diagnostics::{Code, Problem};
use crate::jurisdiction::Jurisdictions;
use crate::yaml::{Key, Node, Value};

use super::{kinds, suggest};

/// The format version this trustcheck reads.
pub const FORMAT_VERSION: i64 = 1;

/// Checks a provider file; `declared` holds every entity id it may refer to (its own
/// and those of its registries).
pub fn check_provider(root: &Node, declared: &BTreeSet<&str>) -> Vec<Problem> {
    let mut checker = Checker::new(declared);
    checker.version(root, "trustcheck");
    if let Some(provider) = root.get("provider") {
        checker.reference(provider, "provider");
    }
    if let Some(as_of) = root.get("as_of") {
        checker.date(as_of, "as_of");
    }
    if let Some(entities) = root.get("entities") {
        checker.entities(entities);
    }
    if let Some(offer) = root.get("offer") {
        checker.offer(offer);
    }
    checker.problems
}

/// Checks the entities of a registry file. Kinds are checked against this file
/// alone: a public body's holders declared in another registry cannot vouch for it.
pub fn check_registry(root: &Node, declared: &BTreeSet<&str>) -> Vec<Problem> {
    let mut checker = Checker::new(declared);
    checker.version(root, "trustcheck_registry");
    if let Some(entities) = root.get("entities") {
        checker.entities(entities);
        checker
            .problems
            .extend(kinds::check(entities, &Default::default()));
    }
    checker.problems
}

/// Checks that the kinds of a provider file's entities hold, against its own
/// entities and those of the registries it uses (see [`kinds`]).
pub fn check_kinds(root: &Node, shared: &super::registry::SharedEntities) -> Vec<Problem> {
    let known = kinds::known_of(shared);
    let mut problems = root
        .get("entities")
        .map(|entities| kinds::check(entities, &known))
        .unwrap_or_default();
    if let Some(provider) = root.get("provider") {
        problems.extend(kinds::check_provider(
            provider,
            root.get("entities"),
            &known,
        ));
    }
    problems
}

/// Collects the problems of one file.
pub(super) struct Checker<'a> {
    declared: &'a BTreeSet<&'a str>,
    jurisdictions: &'static Jurisdictions,
    pub(super) problems: Vec<Problem>,
    /// "Did you mean" searches left: each scans every declared id, so a file with
    /// thousands of bad references against a large registry stays linear.
    suggestions_left: usize,
}

impl<'a> Checker<'a> {
    fn new(declared: &'a BTreeSet<&'a str>) -> Self {
        Checker {
            declared,
            jurisdictions: Jurisdictions::embedded(),
            problems: Vec::new(),
            suggestions_left: 100,
        }
    }

    fn version(&mut self, root: &Node, key: &str) {
        if let Some(
            node @ Node {
                value: Value::Int(version),
                ..
            },
        ) = root.get(key)
            && *version != FORMAT_VERSION
        {
            self.problems.push(
                Problem::new(
                    Code::UnsupportedVersion,
                    format!("format version {version} is not supported"),
                )
                .at(node.span, "unsupported version")
                .help(format!("this trustcheck reads `{key}: {FORMAT_VERSION}`")),
            );
        }
    }

    fn offer(&mut self, offer: &Node) {
        for technology in items(offer.get("technology")) {
            self.reference_at(technology, "vendor");
        }
        for datacenter in items(offer.get("datacenters")) {
            self.country_at(datacenter, "country");
            self.reference_at(datacenter, "operator");
            self.reference_at(datacenter, "owner");
        }
        if let Some(data) = offer.get("data") {
            for list in ["storage", "processing", "backups", "metadata"] {
                self.countries_at(data, list);
            }
        }
        if let Some(operations) = offer.get("operations") {
            for list in ["administration_from", "supervision_from", "support_from"] {
                self.countries_at(operations, list);
            }
        }
        for subcontractor in items(offer.get("subcontractors")) {
            self.reference_at(subcontractor, "entity");
        }
        for certification in items(offer.get("certifications")) {
            self.certification_dates(certification);
        }
        for (parent, keys) in [
            ("contract", ["governing_law", "courts"]),
            ("pki", ["ca_country", "key_ceremony_country"]),
        ] {
            if let Some(parent) = offer.get(parent) {
                keys.iter().for_each(|key| self.country_at(parent, key));
            }
        }
    }

    fn certification_dates(&mut self, certification: &Node) {
        let issued = certification
            .get("issued")
            .and_then(|n| self.date(n, "issued"));
        if let Some(decided) = certification.get("decided") {
            self.date(decided, "decided");
        }
        let Some(expires_node) = certification.get("expires") else {
            return;
        };
        let expires = self.date(expires_node, "expires");
        if let (Some(issued), Some(expires)) = (issued, expires)
            && expires < issued
        {
            self.problems.push(
                Problem::new(
                    Code::ImpossibleDates,
                    format!("`expires` ({expires}) is before `issued` ({issued})"),
                )
                .at(expires_node.span, "before the date of issue")
                .help("a certificate expires after it is issued: check both dates"),
            );
        }
    }

    /// Checks an ISO date; returns it when valid.
    pub(super) fn date(&mut self, node: &Node, field: &str) -> Option<Date> {
        let text = as_str(node)?;
        match parse_date(text) {
            Ok(date) => Some(date),
            Err(help) => {
                self.problems.push(
                    Problem::new(
                        Code::InvalidDate,
                        format!("`{field}`: `{text}` is not a date"),
                    )
                    .at(node.span, "not a date")
                    .help(help),
                );
                None
            }
        }
    }

    fn countries_at(&mut self, parent: &Node, list: &str) {
        for (index, country) in items(parent.get(list)).iter().enumerate() {
            self.country(country, &format!("{list}[{index}]"));
        }
    }

    pub(super) fn country_at(&mut self, parent: &Node, key: &str) {
        if let Some(node) = parent.get(key) {
            self.country(node, key);
        }
    }

    fn country(&mut self, node: &Node, field: &str) {
        let Some(code) = as_str(node) else { return };
        if self.jurisdictions.is_country(code) {
            return;
        }
        let help = if self.jurisdictions.group(code).is_some() {
            format!(
                "`{code}` is a group of countries: list the countries themselves, e.g. [FR, DE]"
            )
        } else if let Some(suggestion) = self.jurisdictions.suggest_country(code) {
            format!("did you mean `{suggestion}`?")
        } else {
            "write a two-letter ISO 3166-1 code such as FR, DE or US".into()
        };
        self.problems.push(
            Problem::new(
                Code::UnknownCountry,
                format!("`{field}`: `{code}` is not an ISO 3166-1 alpha-2 country code"),
            )
            .at(node.span, "unknown country")
            .help(help),
        );
    }

    fn reference_at(&mut self, parent: &Node, key: &str) {
        if let Some(node) = parent.get(key) {
            self.reference(node, key);
        }
    }

    /// Checks that an entity id is declared.
    pub(super) fn reference(&mut self, node: &Node, field: &str) {
        let Some(id) = as_str(node) else { return };
        if self.declared.contains(id) {
            return;
        }
        let suggestion = if self.suggestions_left > 0 {
            self.suggestions_left -= 1;
            suggest::closest(id, self.declared.iter().copied())
        } else {
            None
        };
        let help = match suggestion {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("declare `{id}` under `entities` (or in a registry)"),
        };
        self.problems.push(
            Problem::new(
                Code::UndeclaredEntity,
                format!("`{field}`: entity `{id}` is not declared"),
            )
            .at(node.span, "undeclared entity")
            .help(help),
        );
    }
}

/// Parses `YYYY-MM-DD`; the error is a help line saying what is wrong.
pub(super) fn parse_date(text: &str) -> Result<Date, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err("write the date as YYYY-MM-DD, e.g. 2027-03-31".into());
    }
    text.parse::<Date>().map_err(|_| {
        let year = text.get(..4).and_then(|y| y.parse::<i16>().ok());
        let month = text.get(5..7).and_then(|m| m.parse::<i8>().ok());
        match (year, month) {
            (Some(year), Some(month)) => match Date::new(year, month, 1) {
                Ok(first) => format!("{year:04}-{month:02} has {} days", first.days_in_month()),
                Err(_) => "months run from 01 to 12".into(),
            },
            _ => "write the date as YYYY-MM-DD, e.g. 2027-03-31".into(),
        }
    })
}

/// The text of a string node.
pub(super) fn as_str(node: &Node) -> Option<&str> {
    match &node.value {
        Value::String(text) => Some(text),
        _ => None,
    }
}

/// The items of a list node (none for anything else).
pub(super) fn items(node: Option<&Node>) -> &[Node] {
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items,
        _ => &[],
    }
}

/// The entries of a mapping node (none for anything else).
pub(super) fn entries(node: &Node) -> &[(Key, Node)] {
    match &node.value {
        Value::Map(entries) => entries,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    /// Every place of an offer that names a country or an entity.
    const OFFER: &str = "trustcheck: 1
provider: p
offer:
  technology: [{vendor: v1}]
  datacenters: [{country: X1, operator: v2, owner: v3}]
  data: {storage: [X2], processing: [X3], backups: [X4], metadata: [X5]}
  operations: {administration_from: [X6], supervision_from: [X7], support_from: [X8], support_languages: [xx]}
  subcontractors: [{entity: v4}]
  contract: {governing_law: X9, courts: XA}
  pki: {ca_country: XB, key_ceremony_country: XC}
entities:
  p: {}
";

    #[test]
    fn every_country_and_reference_of_an_offer_is_checked() {
        let declared: BTreeSet<&str> = ["p"].into();
        let found = check_provider(&parse(OFFER).unwrap(), &declared);
        let named = |code: Code| -> Vec<String> {
            found
                .iter()
                .filter(|p| p.code == code)
                .map(|p| p.message.split('`').nth(3).unwrap_or_default().to_string())
                .collect()
        };
        let countries = named(Code::UnknownCountry);
        let expected: Vec<String> = (1..=12).map(|i| format!("X{i:X}")).collect();
        assert_eq!(countries, expected);
        assert_eq!(named(Code::UndeclaredEntity), vec!["v1", "v2", "v3", "v4"]);
        assert_eq!(found.len(), 16);
    }

    #[test]
    fn dates_must_be_real_calendar_dates() {
        assert!(parse_date("2027-03-31").is_ok());
        assert!(parse_date("2024-02-29").is_ok());
        assert_eq!(parse_date("2026-02-30").unwrap_err(), "2026-02 has 28 days");
        assert_eq!(
            parse_date("2026-13-01").unwrap_err(),
            "months run from 01 to 12"
        );
        assert!(parse_date("2026-2-3").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("20260203").is_err());
        assert!(parse_date("2026-02-03T10:00").is_err());
    }
}
