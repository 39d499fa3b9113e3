//! The integration tests, as one binary: each file under `tests/` is a module here,
//! so the library and its dependencies are linked once rather than once per file.
//! The files keep their places; `#[path]` names each one.

#[path = "cases.rs"]
mod cases;
#[path = "cli.rs"]
mod cli;
#[path = "cmd.rs"]
mod cmd;
#[path = "diff.rs"]
mod diff;
#[path = "fail_closed.rs"]
mod fail_closed;
#[path = "formats.rs"]
mod formats;
#[path = "fuzz_regressions.rs"]
mod fuzz_regressions;
#[path = "loading.rs"]
mod loading;
#[path = "owner_types.rs"]
mod owner_types;
#[path = "properties.rs"]
mod properties;
#[path = "seal.rs"]
mod seal;
#[path = "waivers.rs"]
mod waivers;
