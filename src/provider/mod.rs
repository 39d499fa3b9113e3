//! Provider files: raw serde types, the validated model, and loading.
//!
//! [`load_file`] reads a provider file and the entity registries it uses, checks
//! them (syntax, structure against [`provider_schema`], meaning) and builds the
//! [`Provider`](model::Provider) model; every problem of a file is reported at once
//! as [`InputErrors`](crate::diagnostics::InputErrors).

mod build;
mod counts;
mod describe;
mod entities;
mod errors;
mod evidence;
pub mod json_schema;
mod kinds;
mod load;
pub mod model;
pub mod raw;
mod read;
mod registry;
mod schema;
mod structure;
mod suggest;
mod syntax;
mod validate;

pub use counts::{MAX_EDGES, MAX_ENTITIES};
pub use errors::MAX_PROBLEMS;
pub use load::{
    LoadOptions, Loaded, PROVIDER_LIMIT, load_file, load_file_with, load_str, load_str_with,
};
pub use read::{ReadError, SizeLimit, read_bytes, read_limited};
pub(crate) use read::{read_stdin_text, read_text};
pub use registry::RegistryFile;
pub use schema::{provider_schema, registry_schema};
pub(crate) use suggest::help as suggest_help;
pub use syntax::registry_limits;
