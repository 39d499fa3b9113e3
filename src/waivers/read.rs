//! Reading a waivers file from disk: within the YAML size limit, as UTF-8.

use std::io::Read;
use std::path::Path;

use super::Waiver;
use super::parse::parse;
use crate::diagnostics::{Code, InputErrors, Problem, Span};
use crate::rules::RuleSet;
use crate::yaml::limits;

/// Reads and checks a waivers file; every rule it names must be among `rules`.
pub fn load(path: &Path, rules: &RuleSet) -> Result<Vec<Waiver>, InputErrors> {
    let name = path.display().to_string();
    let unreadable = |message: String| {
        InputErrors::single(
            &name,
            Problem::new(Code::Unreadable, message).help("check the path of `--waivers`"),
        )
    };
    let file = std::fs::File::open(path).map_err(|e| unreadable(format!("cannot read: {e}")))?;
    // Read one byte past the limit to notice a file that is too large.
    let mut bytes = Vec::new();
    file.take(limits::MAX_FILE_BYTES.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(InputErrors::single(
            &name,
            Problem::new(
                Code::FileTooLarge,
                format!(
                    "the waivers file is larger than {} MiB",
                    limits::MAX_FILE_BYTES / (1024 * 1024)
                ),
            ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        InputErrors::new(
            &name,
            Some(text),
            vec![
                Problem::new(Code::NotUtf8, "the waivers file is not UTF-8")
                    .at(Span::new(offset, 1), "not UTF-8"),
            ],
        )
    })?;
    parse(&name, &text, rules)
}
