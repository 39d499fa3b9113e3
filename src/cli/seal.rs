//! `assess --seal DIR [--sign-key KEY]` and `trustcheck verify DIR [--key PUBKEY]`:
//! wiring only; the record is written and checked by [`crate::seal`].

use super::Result;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::assess::AssessArgs;
use super::{Outcome, print};
use crate::lang::Lang;
use crate::pipeline::Input;
use crate::report::Report;
use crate::rules::RuleSet;
use crate::seal::manifest::Options;
use crate::seal::sign::{SigningKey, VerifyingKey};
use crate::seal::verify::VerifyError;
use crate::seal::verify_render::{VerifyFormat, render};
use crate::seal::write::{ProviderCopy, SealRequest};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A sealed record: the folder `assess --seal` wrote.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Check `manifest.json.sig` with this OpenSSH public key; a bad or missing
    /// signature then fails the record.
    #[arg(long, value_name = "PUBKEY")]
    pub key: Option<PathBuf>,
    /// Name every file whose digest was checked (the JSON output always does).
    #[arg(long)]
    pub list_files: bool,
    /// Output format [default: text].
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// `trustcheck verify`: exit 0 when the record verifies, 1 when it does not, 2 when
/// it cannot be read as a record.
pub fn verify(args: VerifyArgs, lang: Lang) -> Result<Outcome> {
    let key = args.key.as_deref().map(VerifyingKey::read).transpose()?;
    let verification = match crate::seal::verify(&args.dir, key.as_ref()) {
        Ok(verification) => verification,
        Err(VerifyError::Invalid(errors)) => return Ok(Outcome::InvalidInput(vec![*errors])),
        Err(e) => return Err(e.into()),
    };
    let format = match args.format {
        Format::Text => VerifyFormat::Text,
        Format::Json => VerifyFormat::Json,
    };
    let dir = args.dir.display().to_string();
    let text = render(&verification, &dir, format, lang, args.list_files)
        .map_err(|e| failure!("cannot write the verification: {e}"))?;
    print(&text)?;
    Ok(Outcome::Code(if verification.verifies { 0 } else { 1 }))
}

/// A record to write after the assessment; the folder and the key are checked
/// before it, so that a long run does not end in a refusal.
#[derive(Debug)]
pub struct SealPlan {
    dir: PathBuf,
    key: Option<SigningKey>,
}

/// The plan for `--seal DIR [--sign-key KEY]`, or none without `--seal`.
pub fn plan(dir: Option<&Path>, sign_key: Option<&Path>) -> Result<Option<SealPlan>> {
    let Some(dir) = dir else {
        return Ok(None);
    };
    crate::seal::refuse_non_empty(dir)?;
    let key = sign_key.map(SigningKey::read).transpose()?;
    Ok(Some(SealPlan {
        dir: dir.to_path_buf(),
        key,
    }))
}

impl SealPlan {
    /// Writes the record, unless some input was invalid: a run that could not assess
    /// every file cannot be replayed.
    pub fn write(
        &self,
        args: &AssessArgs,
        inputs: &[Input],
        lang: Lang,
        rules: &RuleSet,
        report: &Report,
        invalid: usize,
    ) -> Result<()> {
        if invalid > 0 {
            eprintln!(
                "no sealed record written to {}: {invalid} input(s) are invalid",
                self.dir.display()
            );
            return Ok(());
        }
        let providers = inputs
            .iter()
            .map(|input| match input {
                Input::File(path) | Input::Named { path, .. } => crate::seal::read_file(path)
                    .map(|bytes| ProviderCopy {
                        name: input.name(),
                        bytes,
                    })
                    .map_err(super::CliError::from),
                Input::Stdin(text) => Ok(ProviderCopy {
                    name: input.name(),
                    bytes: text.clone().into_bytes(),
                }),
            })
            .collect::<Result<Vec<_>>>()?;
        let request = SealRequest {
            providers,
            entities: &args.registries,
            waivers: &args.waivers,
            rules,
            report,
            options: Options {
                frameworks: args.frameworks.clone(),
                lang: lang.code().into(),
                valid_until: args.valid_until.map(|d| d.to_string()),
            },
        };
        let sealed = crate::seal::write(&self.dir, &request, self.key.as_ref())?;
        eprintln!(
            "sealed record written to {} ({} files{})",
            self.dir.display(),
            sealed.manifest.files.len(),
            if sealed.signed { ", signed" } else { "" }
        );
        Ok(())
    }
}
