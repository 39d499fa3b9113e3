//! Rules as data: packs, rules, the condition language, and the rule set in force.

pub mod condition;
pub mod lint;
pub mod lock;
pub mod pack;
mod reads;
pub mod rule;
pub mod ruleset;

pub use condition::{Condition, Op};
pub use pack::{Manifest, Pack};
pub use rule::{Confidence, Enforce, LegalStatus, Rule, Severity};
pub use ruleset::RuleSet;
