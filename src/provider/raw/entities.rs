//! Legal persons: who they are, where they sit, who holds them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Provenance;

/// A legal person.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Legal name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Kind of person; `company` by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EntityKind>,
    /// ISO 3166-1 alpha-2 country of the registered office (siège statutaire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Country of the central administration, if different from `country`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub central_administration: Option<String>,
    /// Country of the principal establishment, if different from `country`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal_establishment: Option<String>,
    /// True for a company listed on a stock exchange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed: Option<bool>,
    /// Direct holders and their percentages of capital and of voting rights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shareholders: Option<Vec<Shareholding>>,
    /// Special rights other entities hold over this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<Vec<Right>>,
    /// Extension: the source of this record's values (see the `evidence` section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Provenance>,
}

/// The kind of a legal person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Company,
    State,
    PublicBody,
    Individual,
    Fund,
    FreeFloat,
}

/// A direct holding of capital and voting rights.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shareholding {
    /// Id of the holder.
    pub entity: String,
    /// Percentage of capital held (0-100).
    #[schemars(range(min = 0, max = 100))]
    pub capital: f64,
    /// Percentage of voting rights held (0-100); defaults to `capital`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub voting: Option<f64>,
    /// Extension: the source of this record's values (see the `evidence` section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Provenance>,
}

/// A special right held over an entity.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Right {
    /// Id of the entity that holds the right.
    pub holder: String,
    /// What the right allows.
    pub kind: RightKind,
    /// The share of the body (0-100 %) whose members the right names, for a
    /// `board-appointment`; without it the right names the majority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub seats: Option<f64>,
    /// The share of the entity's votes (0-100 %) the holder disposes of under a
    /// `voting-agreement` or `management-agreement`, besides its own holding; without
    /// it the agreement gives the majority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub votes: Option<f64>,
    /// Free text: where the right comes from (articles, shareholders' agreement…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Extension: the source of this record's values (see the `evidence` section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Provenance>,
}

/// Kinds of special rights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RightKind {
    Veto,
    BoardAppointment,
    GoldenShare,
    /// Disposes of the majority of the votes by agreement (Code de commerce art.
    /// L.233-3 I 2°); counted as control, as a `voting-agreement` is.
    ManagementAgreement,
    /// Disposes of the majority of the votes under an agreement with other holders
    /// (L.233-3 I 2°).
    VotingAgreement,
    /// Determines in fact the decisions of general meetings by the votes it has
    /// (L.233-3 I 3°).
    DeFactoControl,
    Other,
}
