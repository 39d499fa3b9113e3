//! Nothing may panic on any input: random texts and random edits of a valid file.

use proptest::prelude::*;
use trustcheck::provider::load_str;

use crate::loading::EXAMPLE;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_text_makes_loading_panic(text in "\\PC{0,200}") {
        let _ = load_str("fuzz.yaml", &text);
    }

    #[test]
    fn no_edit_of_a_valid_file_makes_loading_panic(
        at in 0usize..EXAMPLE.len(),
        remove in 0usize..8,
        insert in "[ -~\\n\\t]{0,6}",
    ) {
        let mut text = EXAMPLE.to_string();
        let start = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let end = (start + remove).min(text.len());
        let end = (end..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
        text.replace_range(start..end, &insert);
        if let Err(errors) = load_str("edited.yaml", &text) {
            for problem in &errors.problems {
                prop_assert!(problem.help.is_some(), "{problem:?}");
                if let Some(span) = problem.span {
                    prop_assert!(text.get(span.offset..span.end()).is_some(), "{problem:?}");
                }
            }
        }
    }
}
