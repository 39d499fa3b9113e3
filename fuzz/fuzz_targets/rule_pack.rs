//! Rule-pack parsing and linting: any rule file must parse into a rule or give
//! errors, never panic.
#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use trustcheck::rules::lint::{PackSource, lint};

const MANIFEST: &str = "id: fuzz\ntitle: {en: F, fr: F}\nversion: '1'\nframework_version: '1'\nframework_date: '2026-01-01'\nsource: x\nlegal_status: policy\nlegal_note: {en: n, fr: n}\n";

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let source = PackSource {
            manifest: ("pack.yaml".into(), MANIFEST.into()),
            rules: vec![("rule.yaml".into(), text.to_string())],
        };
        let _ = lint(&source, &BTreeSet::new(), &BTreeSet::new());
    }
});
