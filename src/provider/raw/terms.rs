//! What the offer is certified for and what its contract commits it to.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Provenance, ServiceModel};

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
    /// Extension: date of the decision this entry records (qualification,
    /// suspension, withdrawal…), when it is not the date of issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<String>,
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
