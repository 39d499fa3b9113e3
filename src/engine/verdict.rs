//! Verdicts and evidence.

use serde::Serialize;

use crate::provenance::Weakest;

use crate::lang::Text;

/// The verdict of one rule on one provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
    /// The file lacks the facts to decide: compliance is not established.
    Unknown,
    NotApplicable,
    /// A fail or unknown result covered by a current waiver: accepted, not compliant.
    Waived,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Unknown => "unknown",
            Verdict::NotApplicable => "not_applicable",
            Verdict::Waived => "waived",
        }
    }

    /// Combines results into a framework verdict: fail if any fails, else unknown if
    /// any is unknown, else waived if any is waived, else pass; not applicable when
    /// nothing applies.
    pub fn combine(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
        let mut combined = Verdict::NotApplicable;
        for verdict in verdicts {
            combined = match (combined, verdict) {
                (Verdict::Fail, _) | (_, Verdict::Fail) => Verdict::Fail,
                (Verdict::Unknown, _) | (_, Verdict::Unknown) => Verdict::Unknown,
                (Verdict::Waived, _) | (_, Verdict::Waived) => Verdict::Waived,
                (Verdict::Pass, _) | (_, Verdict::Pass) => Verdict::Pass,
                _ => Verdict::NotApplicable,
            };
        }
        combined
    }
}

/// The three-valued result of a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    Pass,
    Fail,
    Unknown,
}

impl Tri {
    pub fn from_bool(b: bool) -> Tri {
        if b { Tri::Pass } else { Tri::Fail }
    }

    pub fn negate(self) -> Tri {
        match self {
            Tri::Pass => Tri::Fail,
            Tri::Fail => Tri::Pass,
            Tri::Unknown => Tri::Unknown,
        }
    }

    /// Pass if every value holds, fail if none does, unknown otherwise.
    pub fn from_range(holds_at_best: bool, holds_at_worst: bool) -> Tri {
        match (holds_at_best, holds_at_worst) {
            (_, true) => Tri::Pass,
            (false, false) => Tri::Fail,
            (true, false) => Tri::Unknown,
        }
    }
}

impl From<Tri> for Verdict {
    fn from(tri: Tri) -> Verdict {
        match tri {
            Tri::Pass => Verdict::Pass,
            Tri::Fail => Verdict::Fail,
            Tri::Unknown => Verdict::Unknown,
        }
    }
}

/// A fact that decided a result: where it is, what it is, what was expected.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The fact's path as the rule read it (`ownership.holders[1].capital`).
    pub path: String,
    /// The provider-file value that states it, when there is one.
    pub source: Option<String>,
    /// The value found; `None` when the fact is missing.
    pub actual: Option<String>,
    /// The bound or set the value was held to.
    pub expected: Text,
    /// The finding in a sentence.
    pub sentence: Text,
    /// How this fact came out on its own.
    #[serde(skip)]
    pub outcome: Tri,
    /// How a computed value was reached.
    pub note: Option<String>,
    /// The weakest source behind the fact (set once the rule is evaluated).
    #[serde(skip)]
    pub provenance: Option<Weakest>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framework_verdicts_combine() {
        use Verdict::*;
        assert_eq!(Verdict::combine([Pass, Unknown, Fail]), Fail);
        assert_eq!(Verdict::combine([Pass, Unknown, NotApplicable]), Unknown);
        assert_eq!(Verdict::combine([Pass, NotApplicable]), Pass);
        assert_eq!(Verdict::combine([NotApplicable]), NotApplicable);
        assert_eq!(Verdict::combine([Pass, Waived, NotApplicable]), Waived);
        assert_eq!(Verdict::combine([Waived, Unknown]), Unknown);
        assert_eq!(Verdict::combine([Fail, Waived]), Fail);
        assert_eq!(Verdict::combine([]), NotApplicable);
    }

    #[test]
    fn ranges_decide_only_when_sure() {
        assert_eq!(Tri::from_range(true, true), Tri::Pass);
        assert_eq!(Tri::from_range(false, false), Tri::Fail);
        assert_eq!(Tri::from_range(true, false), Tri::Unknown);
    }
}
