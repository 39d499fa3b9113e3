//! Provider files: raw serde types, the validated model, and loading.

pub mod model;
pub mod raw;
