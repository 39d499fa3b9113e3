//! One rule: its documentation fields and its conditions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::condition::{Condition, ConditionError, RawCondition};
use crate::lang::Text;
use crate::provenance::Source;

/// How serious a failure of the rule is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
}

/// How sure the encoding of a rule is (the reference's confidence marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// What kind of text a pack or rule encodes, so reports say which is which.
///
/// The values only ever grow: a pack written for an earlier version keeps loading
/// with the same meaning (`policy` was then also used for circulars; such a pack
/// should now say `doctrine`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LegalStatus {
    /// A legal obligation for those it applies to: a law, a decree, an arrêté.
    Binding,
    /// A circular or instruction: binds the administrations it is addressed to,
    /// not the others (e.g. the Prime Minister's Cloud au Centre circulars).
    Doctrine,
    /// An announced government policy, codified in no text: binds no one.
    Policy,
    /// A certification referential, binding only through what refers to it (a
    /// qualification, a law, a circular or a contract).
    Referential,
}

impl LegalStatus {
    /// The status as pack files and machine-readable reports write it.
    pub fn name(self) -> &'static str {
        match self {
            LegalStatus::Binding => "binding",
            LegalStatus::Doctrine => "doctrine",
            LegalStatus::Policy => "policy",
            LegalStatus::Referential => "referential",
        }
    }

    /// Whether a result of this status counts for the exit code under `level`.
    pub fn enforced_under(self, level: Enforce) -> bool {
        match level {
            Enforce::Binding => self == LegalStatus::Binding,
            Enforce::Doctrine => self != LegalStatus::Policy,
            Enforce::Policy => true,
        }
    }
}

/// The weakest legal status whose results count for the exit code (`assess
/// --enforce`). A referential ranks with doctrine: like a circular, it binds those
/// who submitted to it (a qualified provider) and, through the texts and contracts
/// that refer to it, their buyers, but it is not a law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Enforce {
    /// Only legal obligations.
    Binding,
    /// Legal obligations, circulars and certification referentials.
    Doctrine,
    /// Everything, announced policies included.
    #[default]
    Policy,
}

impl Enforce {
    pub fn name(self) -> &'static str {
        match self {
            Enforce::Binding => "binding",
            Enforce::Doctrine => "doctrine",
            Enforce::Policy => "policy",
        }
    }
}

/// Headlines per verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    pub pass: Text,
    pub fail: Text,
    pub unknown: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<Text>,
}

/// A rule file as written.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Stable id; never renamed once released.
    pub id: String,
    /// Id of the pack (framework) the rule belongs to.
    pub framework: String,
    /// Section of the official text, in its own numbering (`19.6 b)`).
    pub reference: String,
    pub severity: Severity,
    pub title: Text,
    /// What the text demands, in plain words.
    pub requires: Text,
    /// Why it matters.
    pub why: Text,
    pub confidence: Confidence,
    /// What is uncertain in the encoding; required unless confidence is high.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<Text>,
    /// Overrides the pack's legal status for this rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_status: Option<LegalStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_note: Option<Text>,
    /// What the rule cites but the project has not read in the official text (a
    /// decree, an arrêté, a date): the report says so instead of asserting it.
    /// Without it, the pack's `unverified` applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unverified: Option<Text>,
    /// The weakest source accepted for the facts that make the rule pass; a pass
    /// resting on a weaker one is `unknown`. Packs may change it (`min_evidence` in
    /// `pack.yaml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_evidence: Option<Source>,
    /// `false`: no waiver may cover a failing or unknown result of this rule (what no
    /// risk acceptance can make lawful, such as hosting classified information).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waivable: Option<bool>,
    /// When the rule applies; failing means not applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_when: Option<RawCondition>,
    /// The requirement.
    pub check: RawCondition,
    pub message: Messages,
    /// A provider fragment that passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_pass: Option<String>,
    /// A provider fragment that fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_fail: Option<String>,
}

/// A checked rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub raw: RawRule,
    pub applies_when: Option<Condition>,
    pub check: Condition,
    /// Where the rule was read from (`rules/secnumcloud-3.2/SNC-19.6-a.yaml` or a user path).
    pub origin: String,
    /// The rule file's text, for `rules show`.
    pub text: String,
    /// Every fact path the conditions read, sorted: asked for at every evaluation.
    reads: Vec<String>,
}

impl Rule {
    /// Checks a rule's conditions.
    pub fn new(raw: RawRule, origin: String, text: String) -> Result<Rule, ConditionError> {
        let applies_when = raw
            .applies_when
            .as_ref()
            .map(|c| c.check("applies_when"))
            .transpose()?;
        let check = raw.check.check("check")?;
        if raw.confidence != Confidence::High && raw.caveat.is_none() {
            return Err(ConditionError {
                path: "caveat".into(),
                message:
                    "a rule whose confidence is not high must say what is uncertain in `caveat`"
                        .into(),
            });
        }
        let mut reads = Vec::new();
        if let Some(applies) = &applies_when {
            applies.fact_paths(&mut reads);
        }
        check.fact_paths(&mut reads);
        reads.sort();
        reads.dedup();
        Ok(Rule {
            raw,
            applies_when,
            check,
            origin,
            text,
            reads,
        })
    }

    pub fn id(&self) -> &str {
        &self.raw.id
    }

    /// Every fact path the rule reads, sorted.
    pub fn fact_paths(&self) -> &[String] {
        &self.reads
    }

    /// Whether a waiver may cover a failing or unknown result of this rule.
    pub fn waivable(&self) -> bool {
        self.raw.waivable.unwrap_or(true)
    }

    /// Whether the rule depends on the workload being hosted.
    pub fn reads_workload(&self) -> bool {
        self.fact_paths()
            .iter()
            .any(|p| p == "workload" || p.starts_with("workload."))
    }

    /// Whether a workload put in place of the file's own may change what the rule
    /// reads: a path under `workload` (however written), or the whole file. Wider
    /// than [`Rule::reads_workload`] on purpose: a rule said not to is evaluated
    /// once per file, not once per assumed workload.
    pub fn may_read_workload(&self) -> bool {
        self.fact_paths().iter().any(|p| {
            p.contains("workload") || p.split('.').all(|segment| segment.trim().is_empty())
        })
    }

    /// Ids of the rules this one rests on.
    pub fn dependencies(&self) -> Vec<String> {
        let mut deps = Vec::new();
        if let Some(applies) = &self.applies_when {
            applies.rule_dependencies(&mut deps);
        }
        self.check.rule_dependencies(&mut deps);
        deps.sort();
        deps.dedup();
        deps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_written_by_earlier_packs_still_reads_the_same() {
        for (name, status) in [
            ("binding", LegalStatus::Binding),
            ("policy", LegalStatus::Policy),
            ("referential", LegalStatus::Referential),
            ("doctrine", LegalStatus::Doctrine),
        ] {
            let read: LegalStatus = serde_json::from_value(serde_json::json!(name)).unwrap();
            assert_eq!(read, status);
            assert_eq!(status.name(), name);
        }
        assert!(serde_json::from_value::<LegalStatus>(serde_json::json!("law")).is_err());
    }

    #[test]
    fn enforce_levels_keep_the_statuses_at_or_above_them() {
        use LegalStatus::*;
        let kept = |level: Enforce| -> Vec<LegalStatus> {
            [Binding, Doctrine, Referential, Policy]
                .into_iter()
                .filter(|s| s.enforced_under(level))
                .collect()
        };
        assert_eq!(kept(Enforce::Binding), [Binding]);
        assert_eq!(kept(Enforce::Doctrine), [Binding, Doctrine, Referential]);
        assert_eq!(
            kept(Enforce::Policy),
            [Binding, Doctrine, Referential, Policy]
        );
        assert_eq!(Enforce::default(), Enforce::Policy);
    }
}
