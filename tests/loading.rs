//! Loading provider files through `load_file`: the corpus of bad files in
//! `tests/invalid/` (each says what it expects in `# expect:` header lines), hostile
//! inputs generated here, entity registries, and a valid file with its defaults.

use std::fs;
use std::path::{Path, PathBuf};

use trustcheck::diagnostics::{Code, InputErrors};
use trustcheck::provider::model::EntityKind;
use trustcheck::provider::{Loaded, MAX_PROBLEMS, load_file, load_str};
use trustcheck::yaml::limits;

mod loading {
    mod fuzz;
    mod registries;
}

/// A problem as the corpus headers write it: code name and line:column.
type Expected = (String, Option<(usize, usize)>);

/// Files that cannot carry a header.
const WITHOUT_HEADER: [(&str, &str); 1] = [("empty.yaml", "empty-document")];

/// The expectations of a corpus file; `None` when it must load.
fn expectations(path: &Path) -> Option<Vec<Expected>> {
    let name = path.file_name()?.to_str()?;
    if let Some((_, code)) = WITHOUT_HEADER.iter().find(|(file, _)| *file == name) {
        return Some(vec![(code.to_string(), None)]);
    }
    let bytes = fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let mut expected = Vec::new();
    for line in text.lines() {
        let Some(rest) = line
            .trim_start_matches('\u{feff}')
            .strip_prefix("# expect: ")
        else {
            continue;
        };
        if rest == "valid" {
            return None;
        }
        let mut parts = rest.split_whitespace();
        let code = parts.next().unwrap_or_default().to_string();
        let position = parts.next().map(|p| {
            let (line, column) = p.split_once(':').expect("header positions are line:column");
            (line.parse().unwrap(), column.parse().unwrap())
        });
        expected.push((code, position));
    }
    assert!(!expected.is_empty(), "{name} has no `# expect:` line");
    Some(expected)
}

fn actual(errors: &InputErrors) -> Vec<Expected> {
    errors
        .problems
        .iter()
        .map(|p| (p.code.name().to_string(), errors.position(p)))
        .collect()
}

/// Every problem says what would be valid, and its span lies inside the text.
fn assert_well_formed(errors: &InputErrors) {
    for problem in &errors.problems {
        let help = problem.help.as_deref().unwrap_or_default();
        assert!(!help.is_empty(), "{}: no help for {problem:?}", errors.file);
        if let (Some(span), Some(text)) = (problem.span, &errors.text) {
            assert!(
                text.get(span.offset..span.end()).is_some(),
                "{}: span out of text: {problem:?}",
                errors.file
            );
        }
    }
}

#[test]
fn corpus_files_report_what_their_header_says() {
    let mut files: Vec<PathBuf> = fs::read_dir("tests/invalid")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus lost files: {files:?}");
    let mut mismatches = Vec::new();
    for path in &files {
        let expected = expectations(path);
        match (load_file(path, &[]), expected) {
            (Ok(_), None) => {}
            (Ok(_), Some(expected)) => {
                mismatches.push(format!("{}: loaded, expected {expected:?}", path.display()))
            }
            (Err(errors), None) => {
                mismatches.push(format!("{}: expected to load: {errors:?}", path.display()))
            }
            (Err(errors), Some(expected)) => {
                assert_well_formed(&errors);
                let found = actual(&errors);
                if found != expected {
                    mismatches.push(format!(
                        "{}:\n  expected {expected:?}\n  found    {found:?}\n  {:#?}",
                        path.display(),
                        errors.problems
                    ));
                }
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn messages_say_what_would_be_valid() {
    let errors = load_file(Path::new("tests/invalid/unknown-key.yaml"), &[]).unwrap_err();
    assert_eq!(
        errors.problems[0].help.as_deref(),
        Some("did you mean `shareholders`?")
    );
    let errors = load_file(Path::new("tests/invalid/wrong-type-percent.yaml"), &[]).unwrap_err();
    assert_eq!(
        errors.problems[0].message,
        "`capital`: expected a number, found the string \"24%\""
    );
    assert_eq!(
        errors.problems[0].help.as_deref(),
        Some("write 24, a number from 0 to 100")
    );
    let errors = load_file(Path::new("tests/invalid/holders-over-100.yaml"), &[]).unwrap_err();
    assert!(
        errors.problems[0].message.contains("120 %"),
        "{}",
        errors.problems[0].message
    );
    let errors = load_file(Path::new("tests/invalid/undeclared-entity.yaml"), &[]).unwrap_err();
    assert_eq!(
        errors.problems[0].help.as_deref(),
        Some("did you mean `bleu`?")
    );
    assert_eq!(
        errors.problems[1].help.as_deref(),
        Some("did you mean `capgemini`?")
    );
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn codes(result: Result<Loaded, InputErrors>) -> Vec<Code> {
    result.map(|_| Vec::new()).unwrap_or_else(|e| e.codes())
}

#[test]
fn deep_nesting_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let lists = format!(
        "trustcheck: 1\nprovider: p\noffer: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let maps = format!(
        "trustcheck: 1\nprovider: p\noffer: {}1{}\n",
        "{a: ".repeat(10_000),
        "}".repeat(10_000)
    );
    for (name, text) in [("lists.yaml", lists), ("maps.yaml", maps)] {
        let errors = load_file(&write(dir.path(), name, text), &[]).unwrap_err();
        assert_eq!(errors.codes(), vec![Code::YamlSyntax], "{name}");
        assert_well_formed(&errors);
    }
}

#[test]
fn a_file_with_thousands_of_problems_reports_the_first_ones() {
    let dir = tempfile::tempdir().unwrap();
    let countries = "      - XX\n".repeat(20_000);
    let text = format!(
        "trustcheck: 1\nprovider: p\noffer:\n  data:\n    storage:\n{countries}entities:\n  p: {{}}\n"
    );
    let errors = load_file(&write(dir.path(), "many.yaml", text), &[]).unwrap_err();
    assert_eq!(errors.problems.len(), MAX_PROBLEMS + 1);
    assert_eq!(errors.position(&errors.problems[0]), Some((6, 9)));
    let last = errors.problems.last().unwrap();
    assert_eq!(last.code, Code::TooManyProblems);
    assert_eq!(
        last.message,
        format!("{} more problems are not shown", 20_000 - MAX_PROBLEMS)
    );
}

#[test]
fn files_that_cannot_be_read_as_text_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let binary = write(
        dir.path(),
        "latin1.yaml",
        b"trustcheck: 1\nprovider: caf\xe9\n",
    );
    let errors = load_file(&binary, &[]).unwrap_err();
    assert_eq!(
        actual(&errors),
        vec![("not-utf8".to_string(), Some((2, 14)))]
    );
    let large = dir.path().join("large.yaml");
    fs::File::create(&large)
        .unwrap()
        .set_len(limits::MAX_FILE_BYTES + 1)
        .unwrap();
    assert_eq!(codes(load_file(&large, &[])), vec![Code::FileTooLarge]);
    assert_eq!(codes(load_file(dir.path(), &[])), vec![Code::Unreadable]);
    assert_eq!(
        codes(load_file(&dir.path().join("missing.yaml"), &[])),
        vec![Code::Unreadable]
    );
}

/// The example of the provider format documentation.
const EXAMPLE: &str = r#"trustcheck: 1
as_of: 2022-06-01
provider: bleu
offer:
  name: Bleu - Azure and Microsoft 365 services
  service_models: [iaas, paas, saas]
  technology:
    - { vendor: microsoft, role: software licence, access: none }
  datacenters:
    - { name: Paris region A, country: FR, operator: orange, owner: orange }
  data: { storage: [FR], processing: [FR], backups: [FR], metadata: [FR] }
  operations: { administration_from: [FR], support_from: [FR], support_languages: [fr, en], staff_in_eu: true }
  certifications:
    - { scheme: secnumcloud, version: "3.2", status: in-progress, scope: [iaas, paas, saas] }
  contract: { governing_law: FR, courts: FR }
entities:
  bleu:
    name: Bleu SAS
    country: FR
    shareholders:
      - { entity: capgemini, capital: 50 }
      - { entity: orange, capital: 50 }
  capgemini: { name: Capgemini SE, country: FR, listed: true }
  orange: { name: Orange SA, country: FR, listed: true }
  microsoft: { name: Microsoft Corporation, country: US, listed: true }
workload:
  name: Ministry HR records
  owner: { type: state-administration }
  data: { sensitivity: sensitive, personal: true }
"#;

#[test]
fn the_format_example_loads_with_its_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load_file(&write(dir.path(), "bleu.yaml", EXAMPLE), &[]).unwrap();
    let provider = &loaded.provider;
    assert_eq!(provider.provider, "bleu");
    assert_eq!(
        provider.as_of.map(|d| d.to_string()).as_deref(),
        Some("2022-06-01")
    );
    assert_eq!(provider.entities.len(), 4);
    let bleu = &provider.entities["bleu"];
    assert_eq!(bleu.name, "Bleu SAS");
    assert_eq!(bleu.kind, EntityKind::Company);
    assert!(!bleu.listed);
    assert_eq!(bleu.seats(), [Some(&"FR".to_string()); 3]);
    let holdings: Vec<(&str, f64, f64)> = bleu
        .shareholders
        .iter()
        .map(|h| (h.holder.as_str(), h.capital, h.voting))
        .collect();
    assert_eq!(
        holdings,
        vec![("capgemini", 50.0, 50.0), ("orange", 50.0, 50.0)]
    );
    assert!(provider.entities["microsoft"].listed);
    let located = loaded
        .source
        .locate("entities.bleu.shareholders[1].capital");
    assert!(located.exact);
    assert_eq!(&loaded.text[located.span.offset..located.span.end()], "50");
    assert_eq!(
        load_str("bleu.yaml", EXAMPLE)
            .unwrap()
            .provider
            .entities
            .len(),
        4
    );
}

#[test]
fn an_entity_without_name_or_kind_gets_the_defaults() {
    let text = EXAMPLE.replace(
        "{ name: Orange SA, country: FR, listed: true }",
        "{ country: FR }",
    );
    let orange = &load_str("x", &text).unwrap().provider.entities["orange"];
    assert_eq!(orange.name, "orange");
    assert_eq!(orange.kind, EntityKind::Company);
    assert!(!orange.listed);
    assert_eq!(orange.principal_establishment.as_deref(), Some("FR"));
}

/// Every input problem code is exercised: by a file of the corpus, or by the named
/// test that has to generate its input (too large, not UTF-8, registries…).
#[test]
fn every_problem_code_is_covered() {
    let generated: [(&str, &str); 10] = [
        (
            "unreadable",
            "files_that_cannot_be_read_as_text_are_reported",
        ),
        (
            "file-too-large",
            "files_that_cannot_be_read_as_text_are_reported",
        ),
        ("not-utf8", "files_that_cannot_be_read_as_text_are_reported"),
        (
            "duplicate-entity",
            "loading::registries::entities_declared_twice_must_be_identical",
        ),
        (
            "too-many-problems",
            "a_file_with_thousands_of_problems_reports_the_first_ones",
        ),
        ("rule-pack", "tests/cli/hostile.rs and src/rules/lint.rs"),
        ("seal-record", "tests/seal.rs and src/seal/manifest.rs"),
        (
            "not-a-regular-file",
            "tests/cli/safe_io.rs (special_files_are_refused_as_inputs_without_waiting)",
        ),
        (
            "too-many-entities",
            "loading::registries (a_registry_past_the_entity_limit_is_refused_at_the_entity_past_it)",
        ),
        (
            "path-not-allowed",
            "tests/cli/safe_io.rs (entities_from_reads_only_below_the_file_unless_allowed)",
        ),
    ];
    let mut covered: std::collections::BTreeSet<String> =
        generated.iter().map(|(code, _)| code.to_string()).collect();
    for entry in fs::read_dir("tests/invalid")
        .unwrap()
        .filter_map(|e| e.ok())
    {
        for (code, _) in expectations(&entry.path()).unwrap_or_default() {
            covered.insert(code);
        }
    }
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.name())
        .filter(|name| !covered.contains(*name))
        .collect();
    assert!(missing.is_empty(), "no test input gives {missing:?}");
}

/// The published schema agrees with the reader on the corpus: it accepts the
/// examples and the valid corpus files, and rejects every corpus file the reader
/// refuses for its structure. A schema that accepted everything would fail here.
#[test]
fn the_published_schema_rejects_what_the_reader_rejects() {
    use trustcheck::provider::json_schema::Validator;
    const STRUCTURAL: [&str; 4] = [
        "unknown-key",
        "missing-key",
        "wrong-type",
        "percent-out-of-range",
    ];
    let schema = trustcheck::provider::provider_schema();
    let validator = Validator::new(&schema);
    let mut rejected = 0;
    let mut accepted = 0;
    for dir in ["tests/invalid", "examples"] {
        for entry in fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            let Ok(root) = trustcheck::yaml::parse(&text) else {
                continue;
            };
            let errors = validator.errors(&root.to_json());
            let expected = match dir {
                "examples" => None,
                _ => expectations(&path),
            };
            match expected {
                None => {
                    assert!(errors.is_empty(), "{}: {errors:?}", path.display());
                    accepted += 1;
                }
                Some(expected)
                    if expected
                        .iter()
                        .any(|(c, _)| STRUCTURAL.contains(&c.as_str())) =>
                {
                    assert!(!errors.is_empty(), "{} passes the schema", path.display());
                    rejected += 1;
                }
                Some(_) => {}
            }
        }
    }
    assert!(
        accepted >= 3 && rejected >= 5,
        "{accepted} accepted, {rejected} rejected"
    );
}
