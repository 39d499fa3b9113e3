//! Which criteria flipped: the verdicts of two assessments compared rule by rule, and
//! framework by framework (per sensitivity class when the file declares no workload).

use serde::Serialize;

use crate::engine::Verdict;
use crate::report::FileReport;

/// The verdicts of one provider: from a fresh assessment or from a sealed report.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdicts {
    pub results: Vec<RuleVerdict>,
    pub frameworks: Vec<FrameworkVerdict>,
}

/// One rule's verdict and the reason given for it.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleVerdict {
    pub rule: String,
    pub framework: String,
    pub reference: String,
    pub title: String,
    pub verdict: Verdict,
    pub reason: String,
}

/// A framework's verdict, for one sensitivity class when `sensitivity` is given.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkVerdict {
    pub framework: String,
    pub sensitivity: Option<String>,
    pub verdict: Verdict,
}

impl From<&FileReport> for Verdicts {
    fn from(report: &FileReport) -> Verdicts {
        let results = report
            .results
            .iter()
            .map(|r| RuleVerdict {
                rule: r.rule.clone(),
                framework: r.framework.clone(),
                reference: r.reference.clone(),
                title: r.title.clone(),
                verdict: r.verdict,
                reason: r.message.clone(),
            })
            .collect();
        let overall = report.frameworks.iter().map(|f| FrameworkVerdict {
            framework: f.id.clone(),
            sensitivity: None,
            verdict: f.verdict,
        });
        let per_class = report.eligibility.iter().map(|e| FrameworkVerdict {
            framework: e.framework.clone(),
            sensitivity: Some(e.sensitivity.clone()),
            verdict: e.verdict,
        });
        Verdicts {
            results,
            frameworks: overall.chain(per_class).collect(),
        }
    }
}

/// A rule whose verdict differs; a side is `None` when the rule was not assessed there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleFlip {
    pub rule: String,
    pub framework: String,
    pub reference: String,
    pub title: String,
    pub old: Option<Verdict>,
    pub new: Option<Verdict>,
    /// The reason the new side gives (the old one's when the rule is gone).
    pub reason: String,
    /// Whether this flip is a regression (see [`is_regression`]).
    pub regression: bool,
}

/// A framework verdict that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkFlip {
    pub framework: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<String>,
    pub old: Option<Verdict>,
    pub new: Option<Verdict>,
}

/// A criterion regressed when it went from pass or not applicable to fail or unknown.
/// A waived result is an accepted one and counts as neither.
pub fn is_regression(old: Option<Verdict>, new: Option<Verdict>) -> bool {
    matches!(old, Some(Verdict::Pass | Verdict::NotApplicable))
        && matches!(new, Some(Verdict::Fail | Verdict::Unknown))
}

/// Every rule whose verdict changed, in the new report's order, then the rules only
/// the old one assessed; `frameworks` keeps only those frameworks (all when empty).
pub fn rule_flips(old: &Verdicts, new: &Verdicts, frameworks: &[String]) -> Vec<RuleFlip> {
    let selected = |f: &str| frameworks.is_empty() || frameworks.iter().any(|x| x == f);
    let find = |side: &Verdicts, rule: &str| {
        side.results
            .iter()
            .find(|r| r.rule == rule)
            .map(|r| r.verdict)
    };
    let changed = new
        .results
        .iter()
        .map(|n| (n, find(old, &n.rule), Some(n.verdict)));
    let gone = old
        .results
        .iter()
        .filter(|o| find(new, &o.rule).is_none())
        .map(|o| (o, Some(o.verdict), None));
    changed
        .chain(gone)
        .filter(|(r, old, new)| old != new && selected(&r.framework))
        .map(|(r, old, new)| RuleFlip {
            rule: r.rule.clone(),
            framework: r.framework.clone(),
            reference: r.reference.clone(),
            title: r.title.clone(),
            old,
            new,
            reason: r.reason.clone(),
            regression: is_regression(old, new),
        })
        .collect()
}

/// Every framework verdict that changed, in the new report's order, then those only
/// the old one gives.
pub fn framework_flips(
    old: &Verdicts,
    new: &Verdicts,
    frameworks: &[String],
) -> Vec<FrameworkFlip> {
    let selected = |f: &str| frameworks.is_empty() || frameworks.iter().any(|x| x == f);
    let find = |side: &Verdicts, of: &FrameworkVerdict| {
        side.frameworks
            .iter()
            .find(|f| f.framework == of.framework && f.sensitivity == of.sensitivity)
            .map(|f| f.verdict)
    };
    let changed = new
        .frameworks
        .iter()
        .map(|n| (n, find(old, n), Some(n.verdict)));
    let gone = old
        .frameworks
        .iter()
        .filter(|o| find(new, o).is_none())
        .map(|o| (o, Some(o.verdict), None));
    changed
        .chain(gone)
        .filter(|(f, old, new)| old != new && selected(&f.framework))
        .map(|(f, old, new)| FrameworkFlip {
            framework: f.framework.clone(),
            sensitivity: f.sensitivity.clone(),
            old,
            new,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(rule: &str, verdict: Verdict) -> RuleVerdict {
        RuleVerdict {
            rule: rule.into(),
            framework: "secnumcloud-3.2".into(),
            reference: "19.6".into(),
            title: rule.into(),
            verdict,
            reason: format!("{rule} is {}", verdict.name()),
        }
    }

    fn verdicts(results: Vec<RuleVerdict>) -> Verdicts {
        Verdicts {
            results,
            frameworks: Vec::new(),
        }
    }

    #[test]
    fn regressions_go_from_pass_or_not_applicable_to_fail_or_unknown() {
        use Verdict::*;
        assert!(is_regression(Some(Pass), Some(Fail)));
        assert!(is_regression(Some(NotApplicable), Some(Unknown)));
        assert!(!is_regression(Some(Fail), Some(Pass)));
        assert!(!is_regression(Some(Fail), Some(Unknown)));
        assert!(!is_regression(Some(Pass), Some(Waived)));
        assert!(!is_regression(None, Some(Fail)));
    }

    #[test]
    fn only_changed_rules_flip_with_the_new_reason() {
        let old = verdicts(vec![rule("A", Verdict::Pass), rule("B", Verdict::Pass)]);
        let new = verdicts(vec![rule("A", Verdict::Pass), rule("B", Verdict::Fail)]);
        let flips = rule_flips(&old, &new, &[]);
        assert_eq!(flips.len(), 1);
        assert_eq!(flips[0].rule, "B");
        assert_eq!(flips[0].reason, "B is fail");
        assert!(flips[0].regression);
        assert!(rule_flips(&old, &new, &["cloud-au-centre".into()]).is_empty());
    }

    #[test]
    fn rules_on_one_side_only_are_flips() {
        let old = verdicts(vec![rule("A", Verdict::Pass)]);
        let new = verdicts(vec![rule("B", Verdict::Fail)]);
        let flips = rule_flips(&old, &new, &[]);
        let sides: Vec<_> = flips.iter().map(|f| (&*f.rule, f.old, f.new)).collect();
        assert_eq!(
            sides,
            [
                ("B", None, Some(Verdict::Fail)),
                ("A", Some(Verdict::Pass), None)
            ]
        );
        assert!(flips.iter().all(|f| !f.regression));
    }

    #[test]
    fn framework_verdicts_are_matched_per_sensitivity_class() {
        let class = |sensitivity: &str, verdict| FrameworkVerdict {
            framework: "cloud-au-centre".into(),
            sensitivity: Some(sensitivity.into()),
            verdict,
        };
        let old = Verdicts {
            results: Vec::new(),
            frameworks: vec![
                class("public", Verdict::Pass),
                class("sensitive", Verdict::Pass),
            ],
        };
        let new = Verdicts {
            results: Vec::new(),
            frameworks: vec![
                class("public", Verdict::Pass),
                class("sensitive", Verdict::Fail),
            ],
        };
        let flips = framework_flips(&old, &new, &[]);
        assert_eq!(flips.len(), 1);
        assert_eq!(flips[0].sensitivity.as_deref(), Some("sensitive"));
    }
}
