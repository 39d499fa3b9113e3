//! The commands shown in the README, run as written from the cases in `tests/cmd/`
//! (trycmd: `$ command`, `? exit code`, then the expected output, with `...` and
//! `[..]` for what varies). `TRYCMD=overwrite cargo test --test suite cmd::` rewrites
//! the expected outputs. A command of the README without a case fails
//! `every_readme_command_has_a_case`, so the README cannot drift from what runs.

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn cli_cases() {
    let cases = trycmd::TestCases::new();
    cases
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .default_bin_name("trustcheck")
        .case("tests/cmd/*.md");
    match which("sed") {
        Some(sed) => {
            cases.register_bin("sed", sed);
        }
        None => panic!("sed is needed by tests/cmd/seal.md"),
    }
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// The arguments of a command line, quotes removed; a shell variable matches
/// any value, so it is kept as `$`.
fn arguments(line: &str) -> Vec<String> {
    line.split_whitespace()
        .map(|word| {
            let word = word.replace(['"', '\''], "");
            match word.find('$') {
                Some(at) => format!("{}$", &word[..at]),
                None => word,
            }
        })
        .collect()
}

/// The `trustcheck` commands of the README's fenced code blocks, continuation
/// lines joined, prompts, list markers and trailing comments removed; `cargo run
/// [--release] --` counts as `trustcheck`.
fn readme_commands(readme: &str) -> Vec<String> {
    let mut commands: Vec<String> = Vec::new();
    let mut fenced = false;
    let mut pending: Option<String> = None;
    let mut continues = false;
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            pending = None;
            continues = false;
            continue;
        }
        if !fenced {
            continue;
        }
        let mut text = line.trim().to_string();
        // A YAML plain scalar goes on at the next line, without a backslash.
        if pending.is_none()
            && text.starts_with("--")
            && let Some(last) = commands.last_mut().filter(|_| continues)
        {
            last.push(' ');
            last.push_str(&text);
            continue;
        }
        continues = false;
        if let Some(start) = pending.take() {
            text = format!("{start} {text}");
        } else {
            let stripped = text
                .trim_start_matches("$ ")
                .trim_start_matches("- ")
                .to_string();
            let stripped = stripped
                .strip_prefix("cargo run --release -- ")
                .or_else(|| stripped.strip_prefix("cargo run -- "))
                .map(|rest| format!("trustcheck {rest}"))
                .unwrap_or(stripped);
            if !stripped.starts_with("trustcheck ") {
                continue;
            }
            text = stripped;
        }
        let text = match text.find(" #") {
            Some(at) => text[..at].trim_end().to_string(),
            None => text,
        };
        match text.strip_suffix('\\') {
            Some(start) => pending = Some(start.trim_end().to_string()),
            None => {
                commands.push(text);
                continues = true;
            }
        }
    }
    commands
}

/// The `trustcheck` commands of the cases, as argument lists.
fn case_commands() -> BTreeSet<Vec<String>> {
    let mut commands = BTreeSet::new();
    for entry in std::fs::read_dir("tests/cmd").expect("tests/cmd") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).expect("readable case");
            for line in text.lines() {
                if let Some(command) = line.strip_prefix("$ trustcheck ") {
                    commands.insert(arguments(command));
                }
            }
        }
    }
    commands
}

/// Whether a case's arguments run a README command: equal, a README shell
/// variable (`$`) matching any value after the same prefix.
fn matches(readme: &[String], case: &[String]) -> bool {
    readme.len() == case.len()
        && readme
            .iter()
            .zip(case)
            .all(|(r, c)| match r.strip_suffix('$') {
                Some(prefix) => c.starts_with(prefix),
                None => r == c,
            })
}

#[test]
fn every_readme_command_has_a_case() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let commands = readme_commands(&readme);
    assert!(commands.len() >= 10, "too few commands found: {commands:?}");
    let cases = case_commands();
    let missing: Vec<&String> = commands
        .iter()
        .filter(|command| {
            let readme = arguments(command.trim_start_matches("trustcheck "));
            !cases.iter().any(|case| matches(&readme, case))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "README commands without a case in tests/cmd/: {missing:#?}"
    );
}

#[test]
fn readme_commands_are_read_whole() {
    let readme = "```sh\n$ trustcheck diff a.yaml \\\n    b.yaml --format markdown   # exit 1\n\
                  cargo run --release -- assess x.yaml\n  --format table\nSealed by trustcheck 0.1.0\n```\n\
                  trustcheck outside a block\n";
    assert_eq!(
        readme_commands(readme),
        [
            "trustcheck diff a.yaml b.yaml --format markdown",
            "trustcheck assess x.yaml --format table"
        ]
    );
    let readme = arguments("assess --output github-summary=\"$GITHUB_STEP_SUMMARY\"");
    let case = arguments("assess --output github-summary=step-summary.md");
    assert!(matches(&readme, &case));
    assert!(!matches(&readme, &arguments("assess --output sarif=x")));
}

#[test]
fn the_sandboxed_inputs_are_copies_of_the_examples() {
    for copy in [
        "tests/cmd/ci.in/procurement/eu-native-qualified.yaml",
        "tests/cmd/ci.out/procurement/eu-native-qualified.yaml",
        "tests/cmd/seal.in/examples/eu-native-qualified.yaml",
    ] {
        let name = Path::new(copy).file_name().expect("file name");
        let original = Path::new("examples").join(name);
        assert_eq!(
            std::fs::read(copy).expect("copy"),
            std::fs::read(&original).expect("example"),
            "{copy} differs from {}: copy it again",
            original.display()
        );
    }
}
