//! The offer: its service models, suppliers, datacenters, data locations,
//! operations and subcontractors.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Certification, Contract, Pki, Provenance};

/// The cloud offer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// Commercial name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Service models of the offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_models: Option<Vec<ServiceModel>>,
    /// Software or hardware suppliers whose technology the offer runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology: Option<Vec<Technology>>,
    /// Datacenters that host the offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datacenters: Option<Vec<Datacenter>>,
    /// Where data resides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<DataLocation>,
    /// Where the service is run from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operations: Option<Operations>,
    /// Subcontractors of the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subcontractors: Option<Vec<Subcontractor>>,
    /// Certifications and qualifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certifications: Option<Vec<Certification>>,
    /// The service agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<Contract>,
    /// Extension: where the infrastructure's certificates and master keys come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pki: Option<Pki>,
    /// Extension: whether a document lists the residual risks from non-EU laws
    /// (SecNumCloud 5.3 d)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_eu_law_risk_document: Option<bool>,
}

/// Cloud service models.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceModel {
    Iaas,
    Paas,
    Saas,
    Caas,
}

/// How far a third party can reach the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    None,
    Metadata,
    CustomerData,
    Admin,
}

/// A technology supplier.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Technology {
    /// Entity id of the vendor.
    pub vendor: String,
    /// What it supplies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Its technical ability to reach data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<Access>,
    /// Extension (19.6 d)): the provider can run the service without this supplier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operating_autonomy: Option<bool>,
    /// Extension: the source of this record's values (see the `evidence` section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Provenance>,
}

/// A datacenter.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Datacenter {
    /// Name or site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// ISO 3166-1 alpha-2 country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Entity id of the operator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// Entity id of the owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Extension: the operator's technical ability to reach data, when the operator is
    /// not the provider itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator_access: Option<Access>,
    /// Extension (19.6 d)): the provider can run the service without this operator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operating_autonomy: Option<bool>,
    /// Extension (19.6 d)): the operator's own service is SecNumCloud-qualified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secnumcloud_qualified: Option<bool>,
    /// Extension: the source of this record's values (see the `evidence` section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Provenance>,
}

/// Where data resides: lists of ISO 3166-1 alpha-2 countries.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataLocation {
    /// Customer data at rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<Vec<String>>,
    /// Processing of customer data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing: Option<Vec<String>>,
    /// Backups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backups: Option<Vec<String>>,
    /// The service's technical data (identities, logs, directory, certificates…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Vec<String>>,
    /// Extension: the source of this record's values (see the `evidence` section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Provenance>,
}

/// Where the service is operated from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operations {
    /// Countries from which privileged administration is performed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub administration_from: Option<Vec<String>>,
    /// Extension: countries from which supervision is performed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervision_from: Option<Vec<String>>,
    /// Countries from which support is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_from: Option<Vec<String>>,
    /// Languages of first-level support (`fr`, `en`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_languages: Option<Vec<String>>,
    /// Whether staff with privileged access are located in the EU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_in_eu: Option<bool>,
    /// Extension: languages of the client-facing interfaces (19.3 a)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface_languages: Option<Vec<String>>,
    /// Extension: the controls on support given from outside the EU (19.2 e)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_controls: Option<SupportControls>,
    /// Extension: the source of this record's values (see the `evidence` section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Provenance>,
}

/// Controls on support given from outside the EU (SecNumCloud 19.2 e), 9.7 d), 19.1 b)).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupportControls {
    /// The operations support may perform from outside the EU are listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operations_listed: Option<bool>,
    /// Access is granted and supervised from the EU, through a bastion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervised_from_eu: Option<bool>,
    /// The service agreement states the support location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_in_contract: Option<bool>,
}

/// A subcontractor.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subcontractor {
    /// Entity id.
    pub entity: String,
    /// What it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Its technical ability to reach data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<Access>,
    /// Extension (19.6 d)): the provider can run the service without this subcontractor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operating_autonomy: Option<bool>,
    /// Extension (19.6 d)): the subcontractor's own service is SecNumCloud-qualified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secnumcloud_qualified: Option<bool>,
    /// Extension: the source of this record's values (see the `evidence` section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Provenance>,
}
