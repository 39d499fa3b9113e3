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
    /// Extension (19.1 a)): the provider signs a service agreement with each client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_per_client: Option<bool>,
    /// Extension (19.1 a)): every change to the agreement needs the client's acceptance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes_need_acceptance: Option<bool>,
    /// Extension (19.1 d)): the agreement states that the data processing done for
    /// pre-sales, set-up, maintenance and shutdown complies with the law in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lawful_processing_stated: Option<bool>,
    /// Extension (19.1 e)): the agreement obliges the provider to give the client, on
    /// request, what it needs to assess the risks of its data being subject to the law
    /// of a state outside the EU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_eu_law_risk_on_request: Option<bool>,
    /// Extension (19.1 f)): the agreement describes the technical and organisational
    /// means that ensure compliance with the applicable law.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance_means_described: Option<bool>,
    /// Extension (19.1 j)): the agreement states the availability level of the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability_stated: Option<bool>,
    /// Extension (19.1 k)): the agreement states that the provider cannot dispose of
    /// the data the client transmits or generates, which is the client's alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_disposal_reserved: Option<bool>,
    /// Extension (19.1 l)): what the agreement lets the provider disclose about the
    /// service to third parties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_party_disclosure: Option<Disclosure>,
    /// Extension (19.1 m)): what the agreement says about backups of client data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backups: Option<BackupTerms>,
    /// Extension (19.1 o)): the agreement states that the service is qualified and
    /// includes the qualification attestation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification_stated: Option<bool>,
    /// Extension (19.1 o)): the agreement states that the client may complain to ANSSI
    /// about the qualified service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anssi_complaints: Option<bool>,
    /// Extension (19.1 o)): the client authorises ANSSI and the qualification body to
    /// audit the service and its information system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anssi_audit_authorised: Option<bool>,
    /// Extension (19.1 p)): the client authorises audits of the service by a qualified
    /// PASSI the provider mandates under its control plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passi_audit_authorised: Option<bool>,
    /// Extension (19.1 q)): the provider commits to give all the information needed for
    /// audits of compliance with GDPR art. 28 by the client or a third party it mandates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdpr_audit_information: Option<bool>,
    /// Extension (19.4 b)): at the end of the contract the client's technical data
    /// (directory, certificates, access configuration…) is deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technical_data_deleted: Option<bool>,
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

/// What the agreement lets the provider disclose about the service to third parties
/// (SecNumCloud 19.1 l)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Disclosure {
    // Nothing, except with the client's formal written authorisation.
    WrittenAuthorisation,
    // Disclosure once the client has been told, without its authorisation.
    AfterNotice,
    // Disclosure whenever a law or an authority requires it, told or not.
    LegalExceptions,
    // The agreement does not restrict disclosure.
    Unrestricted,
}

/// What the agreement says about backups of client data (SecNumCloud 19.1 m)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BackupTerms {
    // Client data is backed up automatically.
    Automatic,
    // Not automatic; the agreement warns of the risks and says what the client must do.
    ClientWithGuidance,
    // Not automatic, and the agreement gives no warning or instructions.
    ClientWithoutGuidance,
    // The agreement does not say whether data is backed up.
    NotStated,
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
