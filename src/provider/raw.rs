//! The provider file exactly as written: serde types for format version 1 and its
//! optional extensions. Their JSON Schema (`trustcheck schema provider`) is generated
//! from these types and is also what the structural check runs against, so the
//! format, the schema and the checks cannot drift apart.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::provenance::Provenance;

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
    ManagementAgreement,
    Other,
}

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

/// A certification or qualification.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    /// `secnumcloud`, `hds`, `iso27001`, `c5`, `eucs`…
    pub scheme: String,
    /// Version of the scheme (e.g. "3.2").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Current status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CertificationStatus>,
    /// Date of issue (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    /// Date of expiry (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// Service models covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Vec<ServiceModel>>,
    /// The certificate: its URL or reference, or (extension) its full source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<CertificateEvidence>,
}

/// The evidence of a certification: a URL or reference (format v1), or a source
/// with its grade.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum CertificateEvidence {
    Reference(String),
    Source(Provenance),
}

/// Status of a certification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CertificationStatus {
    Qualified,
    InProgress,
    Suspended,
    Expired,
    Withdrawn,
}

/// The service agreement.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Country whose law governs the contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub governing_law: Option<String>,
    /// Country whose courts have jurisdiction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courts: Option<String>,
    /// Extension (19.1 h), i)): how the client gets its data back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reversibility: Option<Reversibility>,
    /// Extension (19.1 g)): termination without penalty if the qualification is lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_on_qualification_loss: Option<bool>,
    /// Extension (19.1 n)): the agreement says whether remote access is allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_access_disclosed: Option<bool>,
    /// Extension (19.4 a)): days of notice before data is erased at the end of the contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_notice_days: Option<u32>,
    /// Extension (19.4 a)): how data is erased at the end of the contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_methods: Option<Vec<DeletionMethod>>,
    /// Extension (19.6 f)): days within which the client is told of changes affecting 19.6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_notification_days: Option<u32>,
    /// Extension: the source of this record's values (see the `evidence` section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Provenance>,
}

/// Reversibility terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Reversibility {
    Formats,
    Api,
    None,
}

/// Methods of erasing client data (SecNumCloud 19.4 a)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DeletionMethod {
    Overwrite,
    KeyErasure,
    SecureRecycling,
    Other,
}

/// Where the infrastructure's trust anchors come from (SecNumCloud 10.6 a)).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pki {
    /// Country of the certificate authority of the infrastructure's certificates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_country: Option<String>,
    /// Country where master-key ceremonies take place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_ceremony_country: Option<String>,
    /// Extension: the source of this record's values (see the `evidence` section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Provenance>,
}

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
