//! The one error type of the command line. `main` prints it and exits with 2; library
//! code below the command line returns its own typed errors, converted here.

use thiserror::Error;

use crate::diagnostics::InputErrors;

/// Why a command could not run to an outcome.
#[derive(Debug, Error)]
pub enum CliError {
    /// The command cannot run as asked (a usage mistake, a file that cannot be read or
    /// written, a refused output path…); the message says why and what to do.
    #[error("{0}")]
    Message(String),
    /// Writing to standard output failed (a closed pipe is not an error).
    #[error("cannot write the output: {0}")]
    Io(#[from] std::io::Error),
    /// A model could not be serialised.
    #[error("cannot serialise the output: {0}")]
    Serialise(#[from] serde_json::Error),
    /// An input found invalid where the command does not report input problems one by
    /// one (the embedded rules, a lock file…).
    #[error(transparent)]
    Input(#[from] Box<InputErrors>),
    #[error(transparent)]
    Lock(#[from] crate::rules::lock::LockError),
    /// A report or lock file that may not be written where it was asked.
    #[error(transparent)]
    Output(#[from] super::output::OutputError),
    #[error(transparent)]
    Diff(#[from] crate::diff::DiffError),
    #[error(transparent)]
    Explain(#[from] crate::explain::ExplainError),
    #[error(transparent)]
    Seal(#[from] crate::seal::SealError),
    #[error(transparent)]
    Sign(#[from] crate::seal::sign::SignError),
    #[error(transparent)]
    Verify(#[from] crate::seal::verify::VerifyError),
}

impl From<InputErrors> for CliError {
    fn from(errors: InputErrors) -> Self {
        CliError::Input(Box::new(errors))
    }
}

/// What every command returns.
pub type Result<T, E = CliError> = std::result::Result<T, E>;

/// Returns early with a [`CliError::Message`] built like `format!`.
macro_rules! bail {
    ($($arg:tt)*) => {
        return Err($crate::cli::CliError::Message(format!($($arg)*)))
    };
}

/// A [`CliError::Message`] built like `format!`.
macro_rules! failure {
    ($($arg:tt)*) => {
        $crate::cli::CliError::Message(format!($($arg)*))
    };
}
