//! `trustcheck validate`: checks provider files without assessing them.

use super::Result;
use std::path::PathBuf;

use clap::Args;

use super::{Outcome, print};
use crate::provider;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Provider files (YAML).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Shared entity registry to load (repeatable).
    #[arg(long = "entities", value_name = "FILE")]
    pub registries: Vec<PathBuf>,
}

pub fn run(args: ValidateArgs) -> Result<Outcome> {
    let mut invalid = Vec::new();
    let mut lines = String::new();
    for file in &args.files {
        match provider::load_file(file, &args.registries) {
            Ok(loaded) => lines.push_str(&format!("{}: valid\n", loaded.name)),
            Err(errors) => invalid.push(errors),
        }
    }
    print(&lines)?;
    Ok(if invalid.is_empty() {
        Outcome::Code(0)
    } else {
        Outcome::InvalidInput(invalid)
    })
}
