//! The workload to host: who owns it and how sensitive its data is.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What is to be hosted.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// What is to be hosted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<WorkloadOwner>,
    /// True if the system is a vital information system (SIIV) of an OIV.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siiv: Option<bool>,
    /// The data it handles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<WorkloadData>,
}

/// The owner of a workload.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkloadOwner {
    /// Kind of owner: one type, or (extension) every type that describes it.
    #[serde(rename = "type")]
    pub owner_type: OwnerTypes,
    /// Name of the owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The kinds of a workload owner: one value (format v1) or, as an extension, a list
/// when several describe it (a GIP that is also a State operator). Rules read the
/// fact `workload.owner.types`, always a list, and apply when any of the kinds makes
/// them apply, so naming one more kind never makes a rule stop applying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum OwnerTypes {
    One(OwnerType),
    Many(#[schemars(length(min = 1))] Vec<OwnerType>),
}

/// Like the derived form, but an empty list is refused: an owner of no type would
/// make every rule on owners silently not apply.
impl<'de> Deserialize<'de> for OwnerTypes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Form {
            One(OwnerType),
            Many(Vec<OwnerType>),
        }
        match Form::deserialize(deserializer)? {
            Form::One(kind) => Ok(OwnerTypes::One(kind)),
            Form::Many(kinds) if kinds.is_empty() => {
                Err(serde::de::Error::custom("an owner needs at least one type"))
            }
            Form::Many(kinds) => Ok(OwnerTypes::Many(kinds)),
        }
    }
}

impl OwnerTypes {
    /// Every kind named, in file order.
    pub fn kinds(&self) -> &[OwnerType] {
        match self {
            OwnerTypes::One(kind) => std::slice::from_ref(kind),
            OwnerTypes::Many(kinds) => kinds,
        }
    }
}

/// Kinds of workload owners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OwnerType {
    StateAdministration,
    LocalAuthority,
    PublicOperator,
    Oiv,
    Ose,
    Nis2Essential,
    Nis2Important,
    Private,
    // Extension: a public-interest grouping (groupement d'intérêt public). A plain
    // comment, not a doc comment, so that the schema keeps one list of values.
    Gip,
}

/// The data a workload handles.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkloadData {
    /// Sensitivity class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Sensitivity>,
    /// Whether personal data is handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<bool>,
    /// Whether personal health data is handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<bool>,
}

/// Sensitivity classes of the Cloud au Centre doctrine.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Sensitivity {
    Public,
    Internal,
    Sensitive,
    Restricted,
    // Extension: information classified under the IGI 1300 (national defence
    // secrecy). A plain comment, so that the schema keeps one list of values.
    Classified,
}
