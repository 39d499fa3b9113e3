//! `trustcheck rules`: list, show and test the rules in force.

use super::Result;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Outcome, print};
use crate::cases;
use crate::lang::Lang;
use crate::report::oscal;
use crate::report::rule_doc::{reference, show};
use crate::rules::RuleSet;
use crate::rules::lint::{PackSource, lint as lint_pack};

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the rules in force: id, reference, severity, title.
    List {
        /// Only this framework.
        #[arg(long, value_name = "ID")]
        framework: Option<String>,
    },
    /// Everything about one rule: what the text requires, why, the facts it reads,
    /// examples, and its YAML.
    Show {
        /// Rule id, e.g. SNC-19.6-a.
        id: String,
    },
    /// Run rule cases (provider files or fragments with expected verdicts).
    Test {
        /// Folder of case files [default: tests/cases].
        #[arg(value_name = "DIR", default_value = "tests/cases")]
        dir: PathBuf,
    },
    /// Check a pack before use; every problem points at file:line:column.
    Lint {
        /// Pack folder (pack.yaml and rule files) [default: the embedded packs].
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Folder of the pack's cases [default: DIR/cases, or tests/cases for the embedded packs].
        #[arg(long, value_name = "DIR")]
        cases: Option<PathBuf>,
    },
    /// Write the markdown reference of every rule in force.
    Doc {
        /// Write one file per framework into this folder instead of standard output.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print only the index table (the README's "Rule index" section).
        #[arg(long, conflicts_with = "out")]
        index: bool,
    },
    /// Record the name, version and SHA-256 of every pack in use (`assess --locked`).
    Lock {
        /// Lock file to write.
        #[arg(long, value_name = "FILE", default_value = "trustcheck.lock")]
        out: PathBuf,
    },
    /// Export the criteria as an OSCAL catalog, so that OSCAL findings resolve.
    Export {
        /// OSCAL catalog (the only export format so far).
        #[arg(long, required = true)]
        oscal: bool,
    },
}

pub fn run(args: RulesArgs, rule_dirs: &[PathBuf], lang: Lang) -> Result<Outcome> {
    let rules = match RuleSet::load(rule_dirs) {
        Ok(rules) => rules,
        Err(e) => return Ok(Outcome::InvalidInput(vec![e])),
    };
    match args.command {
        RulesCommand::List { framework } => list(&rules, framework.as_deref(), lang),
        RulesCommand::Show { id } => match rules.rule(&id) {
            Some(rule) => {
                print(&show(rule, &rules, lang))?;
                Ok(Outcome::Code(0))
            }
            None => {
                bail!("no rule `{id}`; `trustcheck rules list` shows the rules in force")
            }
        },
        RulesCommand::Test { dir } => test(&dir, &rules),
        RulesCommand::Lint { dir, cases } => lint(dir.as_deref(), cases.as_deref(), &rules),
        RulesCommand::Lock { out } => {
            // The lock must not replace a rule file it describes, a key or a record.
            let mut protected = super::output::Protected::default();
            for dir in rule_dirs {
                protected.tree("the rule pack folder", dir);
            }
            protected.check_path("the lock file", &out)?;
            let text = crate::rules::lock::lock_text(&rules)
                .map_err(|e| failure!("cannot write the lock file: {e}"))?;
            super::output::write_atomically(&out, &text)?;
            eprintln!("wrote {} ({} packs)", out.display(), rules.packs.len());
            Ok(Outcome::Code(0))
        }
        RulesCommand::Doc { index: true, .. } => {
            print(&crate::report::rule_doc::index(&rules, lang))?;
            Ok(Outcome::Code(0))
        }
        RulesCommand::Doc { out, .. } => doc(&rules, out.as_deref(), lang),
        RulesCommand::Export { .. } => {
            let report = crate::report::Report {
                trustcheck_version: env!("CARGO_PKG_VERSION").to_string(),
                as_of: String::new(),
                lang: lang.code().to_string(),
                reports: Vec::new(),
                rules: crate::report::rule_catalogue(&rules, &[], lang),
                waivers: Vec::new(),
            };
            print(&oscal::catalog(&report, oscal::DEFAULT_OSCAL_VERSION))?;
            Ok(Outcome::Code(0))
        }
    }
}

fn list(rules: &RuleSet, framework: Option<&str>, lang: Lang) -> Result<Outcome> {
    if let Some(id) = framework.filter(|id| rules.framework(id).is_none()) {
        bail!("unknown framework `{id}`");
    }
    let mut out = String::new();
    for rule in rules
        .rules()
        .iter()
        .filter(|r| framework.is_none_or(|f| r.raw.framework == f))
    {
        let severity = serde_json::to_value(rule.raw.severity)?
            .as_str()
            .unwrap_or_default()
            .to_string();
        // The legal status, the rule's own or its pack's.
        let status = rule
            .raw
            .legal_status
            .or(rules.framework(&rule.raw.framework).map(|m| m.legal_status))
            .map_or("", |s| s.name());
        out.push_str(&format!(
            "{:<24} {:<12} {:<9} {:<12} {}\n",
            rule.id(),
            rule.raw.reference,
            severity,
            status,
            rule.raw.title.get(lang)
        ));
    }
    print(&out)?;
    Ok(Outcome::Code(0))
}

fn test(dir: &std::path::Path, rules: &RuleSet) -> Result<Outcome> {
    let files = match cases::case_files(dir) {
        Ok(files) => files,
        Err(e) => return Ok(Outcome::InvalidInput(vec![e])),
    };
    let mut outcomes = Vec::new();
    for file in &files {
        match cases::run_file(file, rules) {
            Ok(found) => outcomes.extend(found),
            Err(e) => return Ok(Outcome::InvalidInput(vec![e])),
        }
    }
    let mut out = String::new();
    for failed in outcomes.iter().filter(|o| !o.passed()) {
        let actual = failed.actual.map_or("no verdict", |v| v.name());
        out.push_str(&format!(
            "FAIL {} [{}]\n  - expected: {}\n  + actual:   {}\n    {}\n",
            failed.case,
            failed.rule,
            failed.expected.name(),
            actual,
            failed.detail
        ));
    }
    let passed = outcomes.iter().filter(|o| o.passed()).count();
    let failed = outcomes.len() - passed;
    out.push_str(&format!(
        "{} case files\n{passed} passed, {failed} failed\n",
        files.len()
    ));
    print(&out)?;
    Ok(Outcome::Code(if failed == 0 && !outcomes.is_empty() {
        0
    } else {
        1
    }))
}

fn lint(
    dir: Option<&std::path::Path>,
    cases_dir: Option<&std::path::Path>,
    rules: &RuleSet,
) -> Result<Outcome> {
    let sources = match dir {
        Some(dir) => vec![pack_source(dir)?],
        None => embedded_sources(),
    };
    let cases_dir = cases_dir
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.map_or_else(|| PathBuf::from("tests/cases"), |d| d.join("cases")));
    let cased = cased_rules(&cases_dir);
    let known = rules.rules().iter().map(|r| r.id().to_string()).collect();
    let errors: Vec<_> = sources
        .iter()
        .flat_map(|s| lint_pack(s, &known, &cased))
        .collect();
    let rule_count: usize = sources.iter().map(|s| s.rules.len()).sum();
    if errors.is_empty() {
        print(&format!(
            "{rule_count} rules in {} packs: no problem\n",
            sources.len()
        ))?;
        Ok(Outcome::Code(0))
    } else {
        Ok(Outcome::InvalidInput(errors))
    }
}

/// The rule ids named by the case files under `dir` (none if there is no such folder).
fn cased_rules(dir: &std::path::Path) -> std::collections::BTreeSet<String> {
    let mut ids = std::collections::BTreeSet::new();
    for file in cases::case_files(dir).unwrap_or_default() {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let Ok(parsed) =
            crate::rules::pack::parse::<cases::CaseFile>(&file.display().to_string(), &text)
        else {
            continue;
        };
        ids.extend(parsed.rule.clone());
        for case in &parsed.cases {
            ids.extend(case.rule.clone());
            if let cases::Expectation::Many(map) = &case.expect {
                ids.extend(map.keys().cloned());
            }
        }
    }
    ids
}

fn pack_source(dir: &std::path::Path) -> Result<PackSource> {
    let read = |p: &std::path::Path| {
        std::fs::read_to_string(p).map_err(|e| failure!("cannot read {}: {e}", p.display()))
    };
    let manifest = dir.join("pack.yaml");
    let mut rules = Vec::new();
    let paths = crate::rules::pack::rule_files(dir)
        .map_err(|e| failure!("cannot read {}: {e}", dir.display()))?;
    for path in paths {
        rules.push((path.display().to_string(), read(&path)?));
    }
    Ok(PackSource {
        manifest: (manifest.display().to_string(), read(&manifest)?),
        rules,
    })
}

fn embedded_sources() -> Vec<PackSource> {
    crate::assets::RULES_DIR
        .dirs()
        .filter_map(|dir| {
            let manifest = dir.get_file(dir.path().join("pack.yaml"))?;
            let mut rules: Vec<(String, String)> = dir
                .files()
                .filter(|f| {
                    f.path().extension().is_some_and(|e| e == "yaml") && f.path() != manifest.path()
                })
                .map(|f| {
                    (
                        format!("rules/{}", f.path().display()),
                        f.contents_utf8().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            rules.sort();
            Some(PackSource {
                manifest: (
                    format!("rules/{}", manifest.path().display()),
                    manifest.contents_utf8().unwrap_or_default().to_string(),
                ),
                rules,
            })
        })
        .collect()
}

fn doc(rules: &RuleSet, out: Option<&std::path::Path>, lang: Lang) -> Result<Outcome> {
    let docs = reference(rules, lang);
    match out {
        None => print(
            &docs
                .iter()
                .map(|(_, d)| d.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        )?,
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            for (id, text) in &docs {
                super::output::write_atomically(&dir.join(format!("{id}.md")), text)?;
            }
        }
    }
    Ok(Outcome::Code(0))
}
