//! Reading a waivers file from disk: within the YAML size limit, as UTF-8, the same
//! way provider files are read.

use std::path::Path;

use super::Waiver;
use jiff::civil::Date;

use super::parse::parse_at;
use crate::diagnostics::InputErrors;
use crate::provider::{SizeLimit, read_text};
use crate::rules::RuleSet;
use crate::yaml::limits;

/// Reads and checks a waivers file; every rule it names must be among `rules`, and
/// with `as_of` every waiver must be approved by the assessment date.
pub fn load(path: &Path, rules: &RuleSet, as_of: Option<Date>) -> Result<Vec<Waiver>, InputErrors> {
    let name = path.display().to_string();
    let limit = SizeLimit {
        bytes: limits::MAX_FILE_BYTES,
        applies_to: "waivers files",
    };
    let text = read_text(path, &name, limit)?;
    parse_at(&name, &text, rules, as_of)
}
