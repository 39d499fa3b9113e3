//! Waivers (dérogations): a failing or unknown result accepted for a time, by a named
//! person, for a stated reason.
//!
//! A waivers file lists waivers; each names a rule and optionally a provider file and a
//! fact path. A current waiver turns the matching fail or unknown results into
//! `waived` and the report says, for every waiver, whether it applied, expired or
//! matched nothing. Waivers are applied to the report after every rule is evaluated:
//! a rule resting on a waived rule keeps its own verdict, and the eligibility per
//! sensitivity class (a what-if) is never waived.

mod apply;
mod parse;
mod read;

use jiff::civil::Date;

pub use apply::{Ledger, apply};
pub use parse::parse;
pub use read::load;

/// One waiver, as read from a waivers file.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiver {
    pub id: String,
    /// The rule whose results it covers.
    pub rule: String,
    /// The provider file it is limited to, as given on the command line.
    pub file: Option<String>,
    /// The fact path it is limited to: a result matches when one of its evidence
    /// paths or sources lies under it.
    pub path: Option<String>,
    pub justification: String,
    /// Who answers for the accepted risk.
    pub owner: String,
    pub approved_by: String,
    pub approved_on: Date,
    pub expires: Expiry,
    /// Where the waiver is written: `FILE:LINE`.
    pub origin: String,
}

/// The last day a waiver applies.
#[derive(Debug, Clone, PartialEq)]
pub enum Expiry {
    /// The waiver applies up to and including this day.
    On(Date),
    /// The date as written could not be read: the waiver is expired (fail closed).
    Unreadable(String),
}

impl Waiver {
    /// Whether the waiver still applies at `as_of` (inclusive; an unreadable date
    /// never applies).
    pub fn is_current(&self, as_of: Date) -> bool {
        match self.expires {
            Expiry::On(last_day) => as_of <= last_day,
            Expiry::Unreadable(_) => false,
        }
    }

    /// The expiry as written.
    pub fn expires_text(&self) -> String {
        match &self.expires {
            Expiry::On(date) => date.to_string(),
            Expiry::Unreadable(text) => text.clone(),
        }
    }

    /// Whether the waiver names this result: same rule, same file when it names one,
    /// and a fact under its path when it names one.
    pub fn matches(&self, file: &str, result: &crate::report::ResultEntry) -> bool {
        result.rule == self.rule
            && self
                .file
                .as_deref()
                .is_none_or(|f| normalise_file(f) == normalise_file(file))
            && self.path.as_deref().is_none_or(|prefix| {
                result.evidence.iter().any(|e| {
                    lies_under(&e.path, prefix)
                        || e.source.as_deref().is_some_and(|s| lies_under(s, prefix))
                })
            })
    }
}

/// A file path without `.` segments or doubled slashes, so that `./a/b.yaml`,
/// `a/./b.yaml` and `a//b.yaml` name the same file as `a/b.yaml`.
pub fn normalise_file(path: &str) -> String {
    let rooted = path.starts_with('/');
    let kept: Vec<&str> = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    let joined = kept.join("/");
    if rooted { format!("/{joined}") } else { joined }
}

/// Whether fact `path` is `prefix` or lies inside it (`a.b` holds `a.b.c` and
/// `a.b[0]`, not `a.bc`).
fn lies_under(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('.');
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiver(expires: Expiry) -> Waiver {
        Waiver {
            id: "W-1".into(),
            rule: "R".into(),
            file: None,
            path: None,
            justification: "j".into(),
            owner: "o".into(),
            approved_by: "a".into(),
            approved_on: Date::constant(2026, 1, 1),
            expires,
            origin: "w.yaml:2".into(),
        }
    }

    #[test]
    fn expiry_is_inclusive_and_unreadable_dates_never_apply() {
        let w = waiver(Expiry::On(Date::constant(2026, 11, 1)));
        assert!(w.is_current(Date::constant(2026, 11, 1)));
        assert!(!w.is_current(Date::constant(2026, 11, 2)));
        let bad = waiver(Expiry::Unreadable("2026-13-01".into()));
        assert!(!bad.is_current(Date::constant(2000, 1, 1)));
        assert_eq!(bad.expires_text(), "2026-13-01");
    }

    #[test]
    fn files_compare_without_dot_segments() {
        assert_eq!(normalise_file("./examples/a.yaml"), "examples/a.yaml");
        assert_eq!(normalise_file("examples/./a.yaml"), "examples/a.yaml");
        assert_eq!(normalise_file("examples//a.yaml"), "examples/a.yaml");
        assert_eq!(normalise_file("/srv/./a.yaml"), "/srv/a.yaml");
        assert_ne!(normalise_file("../a.yaml"), normalise_file("a.yaml"));
    }

    #[test]
    fn paths_match_whole_segments() {
        assert!(lies_under("entities.acme.shareholders[0]", "entities.acme"));
        assert!(lies_under("entities.acme", "entities.acme"));
        assert!(lies_under(
            "ownership.holders[1].capital",
            "ownership.holders"
        ));
        assert!(lies_under(
            "ownership.holders[1].capital",
            "ownership.holders[1]"
        ));
        assert!(!lies_under(
            "entities.acme-holding.country",
            "entities.acme"
        ));
        assert!(!lies_under("ownership.holders[10]", "ownership.holders[1]"));
        assert!(!lies_under("offer", "offer.data"));
    }
}
