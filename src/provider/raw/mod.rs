//! The provider file exactly as written: serde types for format version 1 and its
//! optional extensions. Their JSON Schema (`trustcheck schema provider`) is generated
//! from these types and is also what the structural check runs against, so the
//! format, the schema and the checks cannot drift apart.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::provenance::Provenance;

mod entities;
mod offer;
mod terms;
mod workload;

pub use entities::*;
pub use offer::*;
pub use terms::*;
pub use workload::*;

/// A provider description file (format version 1).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProviderFile {
    /// Format version: the integer 1.
    pub trustcheck: u32,
    /// Id of the entity that sells the cloud offer.
    pub provider: String,
    /// The cloud service being assessed.
    pub offer: Offer,
    /// Every legal person named anywhere in the file, by id.
    pub entities: BTreeMap<String, Entity>,
    /// What is to be hosted; needed by eligibility rules (Cloud au Centre, OIV/OSE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<Workload>,
    /// The date at which the facts were stated (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Extension: URL where the provider publishes the jurisdictions that apply to its
    /// infrastructure (SREN law, art. 33).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdictions_disclosure: Option<String>,
    /// Extension: entity registries (`{trustcheck_registry: 1, entities: …}`) whose
    /// entities this file may refer to, by path relative to this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities_from: Option<Vec<String>>,
    /// Extension: the source of any value, keyed by its path
    /// (`entities.acme.shareholders[0]`); it covers everything under that path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<BTreeMap<String, Provenance>>,
}
