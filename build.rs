//! Pre-parses the embedded rule packs: each YAML file under `rules/` is converted to
//! JSON at build time, so that starting trustcheck costs a JSON read per rule instead
//! of a YAML parse (the YAML text is still embedded, for `rules show` and errors).
//! A file that does not parse here is left to the run-time parser, which reports it
//! with its position; the test suite loads and lints every shipped pack.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let root = Path::new("rules");
    let mut files = Vec::new();
    yaml_files(root, &mut files);
    files.sort();
    let mut entries = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let mut options = serde_saphyr::Options::default();
        options.strict_booleans = true;
        let Ok(value) = serde_saphyr::from_str_with_options::<serde_json::Value>(&text, options)
        else {
            continue;
        };
        let Ok(relative) = file.strip_prefix(root) else {
            continue;
        };
        let json = serde_json::to_string(&value).unwrap_or_default();
        entries.push((relative.display().to_string(), json));
    }
    // Sorted as strings: the run-time lookup is a binary search.
    entries.sort();
    let mut generated = String::from(
        "/// Embedded YAML files pre-parsed to JSON, by path under `rules/`.\npub static PRE_PARSED: &[(&str, &str)] = &[\n",
    );
    for (path, json) in entries {
        let _ = writeln!(generated, "    ({path:?}, {json:?}),");
    }
    generated.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("pre_parsed.rs");
    if let Err(e) = std::fs::write(&out, generated) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}
