//! `trustcheck explain RULE FILE`: one rule's evaluation on one file, as a tree.

use super::Result;
use std::path::PathBuf;

use clap::Args;
use jiff::civil::Date;

use super::{Outcome, print};
use crate::assess::AssessOptions;
use crate::explain;
use crate::lang::Lang;
use crate::pipeline::{self, Input};
use crate::rules::RuleSet;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's id (`trustcheck rules list` shows them).
    #[arg(value_name = "RULE")]
    pub rule: String,
    /// The provider file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Date at which certifications are judged (YYYY-MM-DD) [default: today, UTC].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
    /// Shared entity registry to load (repeatable).
    #[arg(long = "entities", value_name = "FILE")]
    pub registries: Vec<PathBuf>,
    /// Let `entities_from` read registries under DIR too (repeatable); by default a
    /// provider file reads only from its own folder and subfolders.
    #[arg(long = "allow-path", value_name = "DIR")]
    pub allow_paths: Vec<PathBuf>,
}

pub fn run(args: ExplainArgs, rule_dirs: &[PathBuf], lang: Lang) -> Result<Outcome> {
    let rules = match RuleSet::load(rule_dirs) {
        Ok(rules) => rules,
        Err(e) => return Ok(Outcome::InvalidInput(vec![e])),
    };
    // Refuse an unknown rule before reading the file: it is the cheaper mistake.
    if rules.rule(&args.rule).is_none() {
        let unknown = explain::ExplainError::UnknownRule {
            id: args.rule.clone(),
            similar: explain::similar(&rules, &args.rule),
        };
        return Err(unknown.into());
    }
    let options = pipeline::options_for(
        AssessOptions {
            as_of: args.as_of.unwrap_or_else(super::today),
            frameworks: Vec::new(),
            lang,
        },
        args.registries.clone(),
        args.allow_paths.clone(),
    );
    let loaded = match pipeline::load_one(&Input::File(args.file.clone()), &options) {
        Ok(loaded) => loaded,
        Err(errors) => return Ok(Outcome::InvalidInput(vec![errors])),
    };
    let explanation = explain::explain(&loaded, &rules, &args.rule, options.assess.as_of)?;
    print(&explain::render(&explanation, lang))?;
    Ok(Outcome::Code(0))
}
