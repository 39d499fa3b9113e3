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
    /// Kind of owner.
    #[serde(rename = "type")]
    pub owner_type: OwnerType,
    /// Name of the owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
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
}
