//! Reading a waivers file from disk: within the YAML size limit, as UTF-8, the same
//! way provider files are read.

use std::path::Path;

use super::Waiver;
use super::parse::parse;
use crate::diagnostics::InputErrors;
use crate::provider::{SizeLimit, read_text};
use crate::rules::RuleSet;
use crate::yaml::limits;

/// Reads and checks a waivers file; every rule it names must be among `rules`.
pub fn load(path: &Path, rules: &RuleSet) -> Result<Vec<Waiver>, InputErrors> {
    let name = path.display().to_string();
    let limit = SizeLimit {
        bytes: limits::MAX_FILE_BYTES,
        applies_to: "waivers files",
    };
    let text = read_text(path, &name, limit)?;
    parse(&name, &text, rules)
}
