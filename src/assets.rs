//! The `rules/` folder, embedded at build time so that trustcheck needs no files
//! at run time.

use include_dir::{Dir, include_dir};

/// Every file under `rules/`: packs, jurisdictions, laws and countries.
pub static RULES_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// The text of an embedded file, by its path under `rules/`.
pub fn text(path: &str) -> Option<&'static str> {
    RULES_DIR.get_file(path).and_then(|f| f.contents_utf8())
}

include!(concat!(env!("OUT_DIR"), "/pre_parsed.rs"));

/// The JSON form of an embedded YAML file, prepared at build time.
pub fn pre_parsed(path: &str) -> Option<&'static str> {
    PRE_PARSED
        .binary_search_by(|(p, _)| (*p).cmp(path))
        .ok()
        .and_then(|i| PRE_PARSED.get(i))
        .map(|(_, json)| *json)
}
