//! Replays inputs kept from fuzzing (`tests/fuzz-regressions/<target>/`): every one
//! must end in a provider or in located errors, never in a panic.

use std::collections::BTreeSet;
use std::path::Path;

use trustcheck::rules::lint::{PackSource, lint};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new("tests/fuzz-regressions").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| (f.display().to_string(), std::fs::read(&f).unwrap()))
        .collect()
}

#[test]
fn provider_inputs_load_or_fail_cleanly() {
    let kept = inputs("provider");
    assert!(!kept.is_empty());
    for (name, bytes) in kept {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Err(errors) = trustcheck::provider::load_str(&name, text) {
            assert!(
                !errors.problems.is_empty(),
                "{name}: an error without a problem"
            );
        }
    }
}

#[test]
fn rule_pack_inputs_lint_without_panicking() {
    let manifest = std::fs::read_to_string("examples/rule-pack/pack.yaml").unwrap();
    for (name, bytes) in inputs("rule_pack") {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let source = PackSource {
            manifest: ("pack.yaml".into(), manifest.clone()),
            rules: vec![(name, text)],
        };
        let _ = lint(&source, &BTreeSet::new(), &BTreeSet::new());
    }
}
