//! `trustcheck schema`, `init`, `completions` and `man`: editor and shell integration.

use super::Result;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Subcommand, ValueEnum};

use super::{Cli, Outcome, print};
use crate::provider;
use crate::rules::rule::RawRule;

#[derive(Debug, Subcommand)]
pub enum SchemaKind {
    /// The JSON Schema of provider files.
    Provider,
    /// The JSON Schema of rule files.
    Rules,
    /// The JSON Schema of shared entity registries (`--entities`, `entities_from`).
    Registry,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[command(subcommand)]
    pub kind: SchemaKind,
}

/// Prints a JSON Schema (draft 2020-12) for the YAML language server and editors.
pub fn schema(args: SchemaArgs) -> Result<Outcome> {
    let schema = match args.kind {
        SchemaKind::Provider => provider::provider_schema(),
        SchemaKind::Rules => serde_json::to_value(schemars::schema_for!(RawRule))?,
        SchemaKind::Registry => provider::registry_schema(),
    };
    print(&format!("{}\n", serde_json::to_string_pretty(&schema)?))?;
    Ok(Outcome::Code(0))
}

/// The commented provider template written by `init`.
pub const TEMPLATE: &str = include_str!("template.yaml");

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Write the template to this file instead of standard output (never overwrites).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Writes a commented provider template that passes `validate`.
pub fn init(args: InitArgs) -> Result<Outcome> {
    match args.out {
        None => print(TEMPLATE)?,
        Some(path) => {
            use std::io::Write;
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| failure!("cannot create {}: {e}", path.display()))?;
            file.write_all(TEMPLATE.as_bytes())?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(Outcome::Code(0))
}

/// Shells for `completions`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// Prints a completion script.
pub fn completions(shell: Shell) -> Result<Outcome> {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "trustcheck", &mut out);
    print(&String::from_utf8_lossy(&out))?;
    Ok(Outcome::Code(0))
}

/// Prints the man page (roff).
pub fn man() -> Result<Outcome> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    print(&String::from_utf8_lossy(&out))?;
    Ok(Outcome::Code(0))
}
