//! The integration tests, as one binary: each file under `tests/` is a module here,
//! so the library and its dependencies are linked once rather than once per file.
//! The files keep their places; `#[path]` names each one.

// Several files group their submodules in a module of their own name (`cli` in
// `cli.rs`, whose files are under `tests/cli/`), as they did as crates of their own.
#![allow(clippy::module_inception)]

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

/// Whether `text` matches the schema pattern `pattern`, by the `regex` crate; each
/// pattern is compiled once.
pub fn regex_match(pattern: &str, text: &str) -> bool {
    thread_local! {
        static COMPILED: std::cell::RefCell<std::collections::HashMap<String, regex::Regex>> =
            Default::default();
    }
    COMPILED.with(|compiled| {
        let mut compiled = compiled.borrow_mut();
        if !compiled.contains_key(pattern) {
            compiled.insert(pattern.to_string(), regex::Regex::new(pattern).unwrap());
        }
        compiled[pattern].is_match(text)
    })
}
