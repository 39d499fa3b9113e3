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
    /// Let `entities_from` read registries under DIR too (repeatable); by default a
    /// provider file reads only from its own folder and subfolders.
    #[arg(long = "allow-path", value_name = "DIR")]
    pub allow_paths: Vec<PathBuf>,
}

pub fn run(args: ValidateArgs) -> Result<Outcome> {
    let mut invalid = Vec::new();
    let mut lines = String::new();
    let options = provider::LoadOptions {
        allow: args.allow_paths.clone(),
        as_of: None,
    };
    for file in &args.files {
        match provider::load_file_with(file, &args.registries, &options) {
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
