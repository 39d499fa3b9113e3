//! Fact provenance: where a provider-file value comes from, and how much it weighs.
//!
//! A provider file may state the source of any value, either next to it (an
//! `evidence:` key in the record that holds it) or in the top-level `evidence:`
//! section, keyed by the value's path. A value takes the source stated at its own
//! path or, failing that, at its nearest parent; a value with no stated source is
//! only the word of whoever wrote the file, and weighs as `self-declared`.
//! Rules may demand a minimum [`Source`] for the facts they read ([`index`] finds
//! the weakest source under a path).

mod index;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use index::{EvidenceIndex, Weakest};

use crate::lang::{Lang, Text};

/// The kind of document a value comes from, from the weakest to the strongest
/// (documented in docs/provider-format.md; plain comments on the variants keep the
/// schema a plain list of names, which editors and error messages can offer).
/// The order is that of the issuer's authority and independence from the provider:
/// its own word, its public word, its word binding it towards the customer, an
/// independent auditor's finding, a public register, and a certifying authority.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    // Stated by the provider (or the file's author) with nothing to back it.
    SelfDeclared,
    // Published by the provider: website, press release, annual report.
    PublicStatement,
    // Written in the signed service agreement or its annexes.
    Contract,
    // Found by an independent auditor (e.g. a qualification audit report).
    AuditReport,
    // Extract of a public register: trade register (Kbis), register of
    // beneficial owners, official journal.
    RegistryExtract,
    // Issued by the certifying authority (e.g. ANSSI's qualification certificate).
    Certificate,
}

impl Source {
    /// Every source, from the weakest to the strongest.
    pub const ALL: [Source; 6] = [
        Source::SelfDeclared,
        Source::PublicStatement,
        Source::Contract,
        Source::AuditReport,
        Source::RegistryExtract,
        Source::Certificate,
    ];

    /// The name used in files and reports (`registry-extract`).
    pub fn name(self) -> &'static str {
        match self {
            Source::SelfDeclared => "self-declared",
            Source::PublicStatement => "public-statement",
            Source::Contract => "contract",
            Source::AuditReport => "audit-report",
            Source::RegistryExtract => "registry-extract",
            Source::Certificate => "certificate",
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The source of a value, as a provider file states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The kind of document.
    pub source: Source,
    /// Which document: its number, title or registry entry. Required unless the
    /// source is `self-declared` (or a `url` is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Date of the document (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the document can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// SHA-256 of the document, in hexadecimal, so that it can be told apart from
    /// any later version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9a-fA-F]{64}$"))]
    pub sha256: Option<String>,
}

impl Provenance {
    /// The document in a few words: `registry-extract (RCS Paris 812 345 678, 2026-10-15)`.
    pub fn describe(&self) -> String {
        let document = self.reference.as_deref().or(self.url.as_deref());
        let details: Vec<&str> = [document, self.date.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if details.is_empty() {
            self.source.to_string()
        } else {
            format!("{} ({})", self.source, details.join(", "))
        }
    }
}

/// A value with no stated source, in words.
pub fn unstated(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "self-declared (no source stated)",
        Lang::Fr => "self-declared (aucune source indiquée)",
    }
}

/// A pass that rests on a source weaker than its rule's minimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TooWeak {
    /// The weakest source found.
    pub source: Source,
    /// Whether the file states it (false: no source is stated, self-declared).
    pub stated: bool,
    /// The rule's minimum.
    pub minimum: Source,
    /// The provider-file value with that source; empty when no value the file
    /// states backs the pass.
    pub value: String,
}

impl TooWeak {
    /// The result's headline: "Evidence too weak: self-declared, needs …".
    pub fn headline(&self) -> Text {
        let given = |lang| {
            if self.stated {
                self.source.to_string()
            } else {
                unstated(lang).to_string()
            }
        };
        let (given, donne) = (given(Lang::En), given(Lang::Fr));
        let (minimum, value) = (self.minimum, &self.value);
        if value.is_empty() {
            return Text::new(
                format!(
                    "Evidence too weak: {given}, needs {minimum}, and no value the file \
                     states backs the pass."
                ),
                format!(
                    "Preuve insuffisante : {donne}, il faut au moins {minimum}, et aucune \
                     valeur du fichier ne fonde la conformité."
                ),
            );
        }
        Text::new(
            format!("Evidence too weak: {given}, needs {minimum} (for {value})."),
            format!("Preuve insuffisante : {donne}, il faut au moins {minimum} (pour {value})."),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_ordered_from_weakest_to_strongest() {
        let mut sorted = Source::ALL;
        sorted.sort();
        assert_eq!(sorted, Source::ALL);
        assert!(Source::SelfDeclared < Source::RegistryExtract);
        assert!(Source::Contract < Source::AuditReport);
    }

    #[test]
    fn names_round_trip_through_serde() {
        for source in Source::ALL {
            let json = serde_json::to_value(source).unwrap();
            assert_eq!(json, serde_json::json!(source.name()));
            assert_eq!(serde_json::from_value::<Source>(json).unwrap(), source);
        }
    }

    #[test]
    fn a_provenance_describes_its_document() {
        let mut provenance = Provenance {
            source: Source::RegistryExtract,
            reference: Some("RCS Paris 812 345 678".into()),
            date: Some("2026-10-15".into()),
            url: None,
            sha256: None,
        };
        assert_eq!(
            provenance.describe(),
            "registry-extract (RCS Paris 812 345 678, 2026-10-15)"
        );
        provenance.reference = None;
        provenance.date = None;
        provenance.url = Some("https://example.org/kbis.pdf".into());
        assert_eq!(
            provenance.describe(),
            "registry-extract (https://example.org/kbis.pdf)"
        );
    }
}
