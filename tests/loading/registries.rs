//! Entity registries: named in the provider file or given by the caller, checked
//! like provider files, merged, and loaded in linear time.

use std::fs;
use std::path::Path;

use trustcheck::diagnostics::Code;
use trustcheck::provider::{Loaded, load_file, load_str, registry_limits};

use crate::loading::{EXAMPLE, actual, codes, write};

const GROUPS: &str = "trustcheck_registry: 1\nentities:\n  capgemini: { name: Capgemini SE, country: FR, listed: true }\n  orange: { name: Orange SA, country: FR, listed: true }\n";

/// The example with its groups moved to a registry named in `entities_from`.
fn example_using(registry: &str) -> String {
    EXAMPLE
        .replace(
            "  capgemini: { name: Capgemini SE, country: FR, listed: true }\n",
            "",
        )
        .replace(
            "  orange: { name: Orange SA, country: FR, listed: true }\n",
            "",
        )
        .replace(
            "trustcheck: 1\n",
            &format!("trustcheck: 1\nentities_from: [{registry}]\n"),
        )
}

#[test]
fn registries_named_in_the_file_provide_entities() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("shared")).unwrap();
    write(dir.path(), "shared/groups.yaml", GROUPS);
    let path = write(dir.path(), "bleu.yaml", example_using("shared/groups.yaml"));
    let loaded = load_file(&path, &[]).unwrap();
    assert_eq!(loaded.provider.entities["orange"].name, "Orange SA");
    assert!(loaded.provider.file.entities.contains_key("capgemini"));
    // The same registry given again on the command line is read once.
    assert!(load_file(&path, &[dir.path().join("shared/groups.yaml")]).is_ok());
}

#[test]
fn registries_given_by_the_caller_provide_entities() {
    let dir = tempfile::tempdir().unwrap();
    let groups = write(dir.path(), "groups.yaml", GROUPS);
    let text = example_using("x").replace("entities_from: [x]\n", "");
    let path = write(dir.path(), "bleu.yaml", &text);
    assert_eq!(
        codes(load_file(&path, &[])),
        vec![Code::UndeclaredEntity; 4]
    );
    assert!(load_file(&path, &[groups]).is_ok());
}

#[test]
fn a_registry_that_cannot_be_read_is_a_problem_of_the_file_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bleu.yaml", example_using("missing.yaml"));
    let errors = load_file(&path, &[]).unwrap_err();
    assert_eq!(errors.file, path.display().to_string());
    let unreadable = &errors.problems[0];
    assert_eq!(unreadable.code, Code::Unreadable);
    assert_eq!(errors.position(unreadable), Some((2, 17)));
    let errors = load_str("bleu.yaml", &example_using("groups.yaml")).unwrap_err();
    assert_eq!(errors.problems[0].code, Code::InvalidValue);
}

#[test]
fn registry_problems_point_into_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    let registry = write(
        dir.path(),
        "groups.yaml",
        GROUPS.replacen("country: FR,", "country: FRA,", 1),
    );
    let path = write(dir.path(), "bleu.yaml", example_using("groups.yaml"));
    let errors = load_file(&path, &[]).unwrap_err();
    assert_eq!(errors.file, registry.display().to_string());
    assert_eq!(
        actual(&errors),
        vec![("unknown-country".to_string(), Some((3, 45)))]
    );
}

#[test]
fn entities_declared_twice_must_be_identical() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "groups.yaml", GROUPS);
    let same = EXAMPLE.replace(
        "trustcheck: 1\n",
        "trustcheck: 1\nentities_from: [groups.yaml]\n",
    );
    assert!(load_file(&write(dir.path(), "same.yaml", &same), &[]).is_ok());
    let different = same.replace(
        "{ name: Orange SA, country: FR, listed: true }",
        "{ name: Orange, country: FR }",
    );
    let errors = load_file(&write(dir.path(), "different.yaml", &different), &[]).unwrap_err();
    assert_eq!(
        actual(&errors),
        vec![("duplicate-entity".to_string(), Some((25, 3)))]
    );
    assert!(
        errors.problems[0].message.contains("groups.yaml:4:3"),
        "{}",
        errors.problems[0].message
    );
    let other = write(
        dir.path(),
        "other.yaml",
        GROUPS.replace("Orange SA", "Orange S.A."),
    );
    let errors = load_file(
        &write(dir.path(), "bleu.yaml", example_using("groups.yaml")),
        &[other],
    )
    .unwrap_err();
    assert_eq!(errors.codes(), vec![Code::DuplicateEntity]);
    assert!(
        errors.file.ends_with("groups.yaml"),
        "the later declaration is reported: {}",
        errors.file
    );
}

/// Loads the example with a registry of `count` funds, each held by the next; one
/// of them holds part of the provider.
fn load_with_funds(dir: &Path, count: usize) -> Loaded {
    let mut registry = String::from("trustcheck_registry: 1\nentities:\n");
    for i in 0..count {
        registry.push_str(&format!(
            "  fund-{i}: {{ name: Fund {i}, kind: fund, country: LU, shareholders: [{{ entity: fund-{}, capital: 10 }}] }}\n",
            (i + 1) % count
        ));
    }
    let funds = write(dir, &format!("funds-{count}.yaml"), &registry);
    let text = EXAMPLE.replace(
        "{ entity: orange, capital: 50 }",
        "{ entity: orange, capital: 40 }\n      - { entity: fund-7, capital: 10 }",
    );
    let path = write(dir, "bleu.yaml", text);
    load_file(&path, &[funds]).unwrap()
}

/// A registry larger than any provider file may be loads whole (its speed is
/// measured by the benchmarks, not here).
#[test]
fn large_registries_load() {
    let dir = tempfile::tempdir().unwrap();
    // About 14 YAML nodes per fund: more than a provider file may hold.
    let loaded = load_with_funds(dir.path(), 24_000);
    assert_eq!(loaded.provider.entities.len(), 4 + 24_000);
    assert_eq!(
        loaded.provider.entities["fund-3"].shareholders[0].holder,
        "fund-4"
    );
}

#[test]
fn registries_have_their_own_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("huge.yaml");
    fs::File::create(&registry)
        .unwrap()
        .set_len(registry_limits::MAX_FILE_BYTES + 1)
        .unwrap();
    let path = write(dir.path(), "bleu.yaml", EXAMPLE);
    let errors = load_file(&path, &[registry]).unwrap_err();
    assert_eq!(errors.codes(), vec![Code::FileTooLarge]);
    assert!(errors.problems[0].message.contains("entity registries"));
}

/// A registry of `count` entities without holdings, ids starting at `first`.
fn large_registry(first: usize, count: usize) -> String {
    let mut text = String::from("trustcheck_registry: 1\nentities:\n");
    for i in first..first + count {
        text.push_str(&format!("  e{i}: {{country: FR}}\n"));
    }
    text
}

#[test]
fn a_registry_past_the_entity_limit_is_refused_at_the_entity_past_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "big.yaml",
        large_registry(0, trustcheck::provider::MAX_ENTITIES + 1),
    );
    let errors =
        load_file(&write(dir.path(), "p.yaml", example_using("big.yaml")), &[]).unwrap_err();
    assert!(errors.file.ends_with("big.yaml"), "{}", errors.file);
    assert_eq!(errors.codes(), vec![Code::TooManyEntities]);
    let line = trustcheck::provider::MAX_ENTITIES + 3;
    assert_eq!(actual(&errors)[0].1, Some((line, 3)));
    assert!(errors.problems[0].message.contains("100000 entities"));
}

#[test]
fn registries_within_the_limit_are_refused_together_past_it() {
    let dir = tempfile::tempdir().unwrap();
    let half = trustcheck::provider::MAX_ENTITIES / 2 + 1;
    write(dir.path(), "a.yaml", large_registry(0, half));
    write(dir.path(), "b.yaml", large_registry(half, half));
    let provider = EXAMPLE.replace(
        "trustcheck: 1\n",
        "trustcheck: 1\nentities_from: [a.yaml, b.yaml]\n",
    );
    let errors = load_file(&write(dir.path(), "p.yaml", &provider), &[]).unwrap_err();
    assert!(errors.file.ends_with("p.yaml"), "{}", errors.file);
    assert_eq!(errors.codes(), vec![Code::TooManyEntities]);
    assert!(
        errors.problems[0].message.contains("its registries"),
        "{}",
        errors.problems[0].message
    );
    // Fewer in all (the file's own entities included) pass.
    write(dir.path(), "b.yaml", large_registry(half, half - 50));
    assert!(load_file(&write(dir.path(), "p.yaml", &provider), &[]).is_ok());
}

#[test]
fn a_registry_right_past_100_percent_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let registry = GROUPS.replace(
        "listed: true }\n  orange",
        "listed: true, rights: [{ holder: orange, kind: voting-agreement, votes: 150 }] }\n  orange",
    );
    write(dir.path(), "groups.yaml", registry);
    let errors = load_file(
        &write(dir.path(), "p.yaml", example_using("groups.yaml")),
        &[],
    )
    .unwrap_err();
    assert!(errors.file.ends_with("groups.yaml"), "{}", errors.file);
    assert_eq!(errors.codes(), vec![Code::PercentOutOfRange]);
}
