//! Provider parsing and validation: any bytes must give a provider or errors, never
//! a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(errors) = trustcheck::provider::load_str("fuzz.yaml", text) {
            assert!(!errors.problems.is_empty(), "an error without a problem");
        }
    }
});
