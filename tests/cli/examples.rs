//! Each shipped example gives the verdicts its header comment announces; every
//! verdict of every example is kept in the verdict matrix (`verdicts.rs`).

use crate::cli::{assess_json, verdict};

struct Expected {
    file: &'static str,
    exit: i32,
    verdicts: &'static [(&'static str, &'static str)],
}

const EXAMPLES: &[Expected] = &[
    Expected {
        file: "examples/eu-native-qualified.yaml",
        exit: 0,
        verdicts: &[
            ("SNC-QUAL", "pass"),
            ("SNC-19.6-a", "pass"),
            ("SNC-19.6-b-individual", "pass"),
            ("SNC-19.6-b-collective", "pass"),
            ("SNC-19.6-c", "pass"),
            ("CAC-R9-sensitive", "pass"),
            ("CAC-R9-personal", "pass"),
            ("CAC-R4", "pass"),
            ("SNC-19.1-a", "pass"),
            ("SNC-19.1-l", "pass"),
            ("SNC-19.1-m", "pass"),
            ("SNC-19.1-o", "pass"),
            ("SNC-19.4-b", "pass"),
            ("SNC-A2-f", "not_applicable"),
            ("CAC-IGI-1300", "not_applicable"),
        ],
    },
    Expected {
        file: "examples/jv-us-technology-licence.yaml",
        exit: 1,
        verdicts: &[
            ("SNC-QUAL", "fail"),
            ("SNC-19.6-d", "fail"),
            ("SNC-19.1-g", "fail"),
            ("SNC-19.1-o", "fail"),
            ("SNC-19.1-l", "pass"),
            ("SNC-19.6-a", "pass"),
            ("SNC-19.6-b-individual", "pass"),
            ("SNC-19.6-b-collective", "pass"),
            ("SNC-19.6-c", "pass"),
            ("CAC-R9-sensitive", "fail"),
            ("CAC-R9-personal", "pass"),
            ("CAC-R4", "pass"),
        ],
    },
    Expected {
        file: "examples/us-hyperscaler-region.yaml",
        exit: 1,
        verdicts: &[
            ("SNC-19.6-a", "pass"),
            ("SNC-19.2-b", "pass"),
            ("SNC-19.3-a", "pass"),
            ("SNC-QUAL", "fail"),
            ("SNC-19.6-b-individual", "fail"),
            ("SNC-19.6-b-collective", "fail"),
            ("SNC-19.4-a", "unknown"),
            ("SNC-19.6-f", "unknown"),
            ("SNC-19.1-a", "fail"),
            ("SNC-19.1-l", "fail"),
            ("SNC-19.1-k", "unknown"),
            ("SNC-A2-f", "not_applicable"),
            ("CAC-R9-sensitive", "fail"),
            ("CAC-R9-personal", "pass"),
        ],
    },
    Expected {
        file: "examples/jv-non-eu-minority.yaml",
        exit: 1,
        verdicts: &[
            ("SNC-19.6-b-individual", "fail"),
            ("SNC-19.6-b-rights", "fail"),
            ("SNC-19.6-b-collective", "pass"),
            ("SNC-19.6-a", "pass"),
            ("SNC-19.1-o", "fail"),
            ("SNC-19.6-c", "pass"),
        ],
    },
    Expected {
        file: "examples/qualification-in-progress.yaml",
        exit: 1,
        verdicts: &[
            ("SNC-QUAL", "fail"),
            ("SNC-10.6-a", "unknown"),
            ("SNC-5.3-d", "unknown"),
            // `technology` is left out: silence, not "none".
            ("SNC-19.6-c", "unknown"),
            ("SNC-19.6-d", "unknown"),
            ("CAC-R9-sensitive", "fail"),
            ("CAC-R9-health", "pass"),
            ("SNC-19.1-o", "fail"),
            ("SNC-19.4-b", "pass"),
        ],
    },
];

#[test]
fn every_example_gives_its_announced_verdicts() {
    let mut wrong = Vec::new();
    for example in EXAMPLES {
        let (code, report) = assess_json(&[example.file]);
        if code != example.exit {
            wrong.push(format!(
                "{}: exit {code}, expected {}",
                example.file, example.exit
            ));
        }
        for (rule, expected) in example.verdicts {
            let actual = verdict(&report, rule);
            if actual != *expected {
                wrong.push(format!(
                    "{} {rule}: {actual}, expected {expected}",
                    example.file
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_example_is_covered() {
    let shipped = std::fs::read_dir("examples")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.path().extension().is_some_and(|x| x == "yaml")
                && e.path().parent().is_some_and(|p| p.ends_with("examples"))
        })
        .count();
    assert_eq!(shipped, EXAMPLES.len());
}
