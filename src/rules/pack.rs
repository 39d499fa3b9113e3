//! Rule packs: a manifest and its rules, read from the embedded `rules/` folder or
//! from a user folder.

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::rule::{LegalStatus, RawRule, Rule};
use crate::assets;
use crate::diagnostics::{Code, InputErrors, Problem};
use crate::lang::Text;
use crate::provenance::Source;
use crate::yaml::{self, SourceMap};

/// A pack manifest (`pack.yaml`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Framework id, used by `--framework`.
    pub id: String,
    pub title: Text,
    /// Version of the pack itself.
    pub version: String,
    /// Version of the official text.
    pub framework_version: String,
    /// Date of the official text.
    pub framework_date: String,
    /// Where the official text is.
    pub source: String,
    pub legal_status: LegalStatus,
    /// What makes it binding or not, in one sentence.
    pub legal_note: Text,
    /// What the pack cites but the project has not read in the official text; the
    /// default of its rules' `unverified`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unverified: Option<Text>,
    /// The weakest source accepted for the facts of rules of any pack loaded before
    /// this one, by rule id: a user pack relaxes or tightens the shipped minimums.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub min_evidence: BTreeMap<String, Source>,
}

/// A loaded pack.
#[derive(Debug, Clone)]
pub struct Pack {
    pub manifest: Manifest,
    pub rules: Vec<Rule>,
    /// `embedded` or the folder it was read from.
    pub origin: String,
    /// SHA-256 of the manifest and rule files, for `rules lock`.
    pub digest: String,
    /// The text of `pack.yaml`, to point at its lines.
    pub manifest_text: String,
}

/// SHA-256 (hex) over the pack's files, each as its name relative to the pack, a NUL,
/// its text and a NUL, in name order: the same files give the same digest wherever
/// the pack lives.
pub fn digest(manifest_text: &str, rules: &[Rule]) -> String {
    use sha2::{Digest, Sha256};
    let mut files: Vec<(String, &str)> = rules
        .iter()
        .map(|r| {
            let name = std::path::Path::new(&r.origin)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, r.text.as_str())
        })
        .collect();
    files.push(("pack.yaml".into(), manifest_text));
    files.sort();
    let mut hasher = Sha256::new();
    for (name, text) in files {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(text.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The embedded packs, in folder order.
pub fn embedded_packs() -> Result<Vec<Pack>, InputErrors> {
    let mut packs = Vec::new();
    for dir in assets::RULES_DIR.dirs() {
        let Some(manifest) = dir.get_file(dir.path().join("pack.yaml")) else {
            continue;
        };
        let origin = format!("rules/{}", dir.path().display());
        let manifest_text = manifest.contents_utf8().unwrap_or_default();
        let manifest: Manifest = parse_embedded(manifest.path(), manifest_text)?;
        let mut files: Vec<_> = dir
            .files()
            .filter(|f| f.path().extension().is_some_and(|e| e == "yaml"))
            .filter(|f| f.path().file_name().is_some_and(|n| n != "pack.yaml"))
            .collect();
        files.sort_by_key(|f| f.path());
        let rules = files
            .into_iter()
            .map(|f| embedded_rule(f.path(), f.contents_utf8().unwrap_or_default()))
            .collect::<Result<Vec<_>, _>>()?;
        packs.push(check_pack(Pack {
            manifest,
            digest: digest(manifest_text, &rules),
            rules,
            origin,
            manifest_text: manifest_text.to_string(),
        })?);
    }
    Ok(packs)
}

/// The rule files of a pack folder: every `*.yaml` or `*.yml` but `pack.yaml`, sorted.
pub fn rule_files(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .filter(|p| p.file_name().is_some_and(|n| n != "pack.yaml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Reads an embedded file from its build-time JSON, or parses its YAML when there is
/// none (the YAML parser then reports any problem with its position).
fn parse_embedded<T: for<'de> Deserialize<'de>>(path: &Path, text: &str) -> Result<T, InputErrors> {
    let key = path.display().to_string();
    match assets::pre_parsed(&key).and_then(|json| serde_json::from_str(json).ok()) {
        Some(value) => Ok(value),
        None => parse(&format!("rules/{key}"), text),
    }
}

fn embedded_rule(path: &Path, text: &str) -> Result<Rule, InputErrors> {
    let name = format!("rules/{}", path.display());
    let raw: RawRule = parse_embedded(path, text)?;
    Rule::new(raw, name.clone(), text.to_string()).map_err(|_| match rule_from(&name, text) {
        Err(located) => located,
        Ok(_) => pack_error(&name, "the rule does not check"),
    })
}

/// The largest rule pack file: the limit of a provider file.
const RULE_FILE_LIMIT: crate::provider::SizeLimit = crate::provider::SizeLimit {
    bytes: crate::yaml::limits::MAX_FILE_BYTES,
    applies_to: "rule pack files",
};

/// Reads a user pack folder: `pack.yaml` and every other `*.yaml` file in it.
pub fn load_dir(dir: &Path) -> Result<Pack, InputErrors> {
    let name = dir.display().to_string();
    let read = |path: &Path| {
        let name = path.display().to_string();
        crate::provider::read_text(path, &name, RULE_FILE_LIMIT)
    };
    let manifest_path = dir.join("pack.yaml");
    let manifest_text = read(&manifest_path)?;
    let manifest: Manifest = parse(&manifest_path.display().to_string(), &manifest_text)?;
    let paths = rule_files(dir).map_err(|e| {
        InputErrors::single(
            &name,
            Problem::new(Code::Unreadable, format!("cannot read the folder: {e}")),
        )
    })?;
    let rules = paths
        .iter()
        .map(|p| rule_from(&p.display().to_string(), &read(p)?))
        .collect::<Result<Vec<_>, _>>()?;
    check_pack(Pack {
        manifest,
        digest: digest(&manifest_text, &rules),
        rules,
        origin: name,
        manifest_text,
    })
}

/// Every rule of a pack belongs to it: a rule naming another framework is a mistake.
fn check_pack(pack: Pack) -> Result<Pack, InputErrors> {
    for rule in &pack.rules {
        if rule.raw.framework != pack.manifest.id {
            let located = SourceMap::new(
                yaml::parse(&rule.text).map_err(|_| pack_error(&rule.origin, "unreadable rule"))?,
            )
            .locate("framework");
            return Err(InputErrors::new(
                &rule.origin,
                Some(rule.text.clone()),
                vec![
                    Problem::new(
                        Code::RulePack,
                        format!(
                            "rule {} says framework `{}` but sits in pack `{}`",
                            rule.id(),
                            rule.raw.framework,
                            pack.manifest.id
                        ),
                    )
                    .at(located.span, "not this pack")
                    .help(format!(
                        "write `framework: {}` or move the rule",
                        pack.manifest.id
                    )),
                ],
            ));
        }
    }
    Ok(pack)
}

fn rule_from(name: &str, text: &str) -> Result<Rule, InputErrors> {
    let raw: RawRule = parse(name, text)?;
    Rule::new(raw, name.to_string(), text.to_string()).map_err(|e| {
        let span = yaml::parse(text)
            .ok()
            .map(|root| SourceMap::new(root).locate(&e.path).span);
        let mut problem = Problem::new(Code::RulePack, format!("{}: {}", e.path, e.message));
        if let Some(span) = span {
            problem = problem.at(span, "here");
        }
        InputErrors::new(name, Some(text.to_string()), vec![problem])
    })
}

/// Parses a YAML file into `T`, reporting the parser's position on error.
pub(crate) fn parse<T: for<'de> Deserialize<'de>>(
    name: &str,
    text: &str,
) -> Result<T, InputErrors> {
    // User packs are inputs like any other: the same depth, node and alias limits.
    serde_saphyr::from_str_with_options(text, crate::yaml::limited_options()).map_err(|e| {
        let message = e.to_string();
        // The parser prefixes its own position; miette shows ours.
        let first = message.lines().next().unwrap_or_default();
        let headline = match first
            .strip_prefix("error: ")
            .and_then(|rest| rest.split_once(": "))
        {
            Some((position, rest)) if position.starts_with("line ") => rest.to_string(),
            _ => first.to_string(),
        };
        let mut problem = Problem::new(Code::RulePack, headline);
        if let Some(span) = e.location().and_then(|loc| {
            crate::diagnostics::Span::from_line_column(
                text,
                loc.line() as usize,
                loc.column() as usize,
            )
        }) {
            problem = problem.at(span, "here");
        }
        InputErrors::new(name, Some(text.to_string()), vec![problem])
    })
}

fn pack_error(name: &str, message: &str) -> InputErrors {
    InputErrors::single(name, Problem::new(Code::RulePack, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts the project knows of only from secondary or weak sources (the reference's
    /// §3 S4–S7 and §9): a shipped rule may cite them in `unverified`, never assert them
    /// in its `legal_note`, and a `caveat` that names them needs an `unverified` too.
    const UNREAD: [&str; 6] = [
        "2026-272",
        "12 August 2026",
        "12 août 2026",
        "18 months",
        "18 mois",
        "PRMJ2603774A",
    ];

    fn mentions(text: Option<&Text>) -> Option<&'static str> {
        let text = text?;
        UNREAD
            .into_iter()
            .find(|u| text.en.contains(u) || text.fr.contains(u))
    }

    #[test]
    fn shipped_rules_never_assert_a_text_that_was_not_read() {
        let packs = embedded_packs().unwrap();
        let mut wrong = Vec::new();
        for pack in &packs {
            if let Some(found) = mentions(Some(&pack.manifest.legal_note)) {
                wrong.push(format!("{} legal_note asserts {found}", pack.manifest.id));
            }
            for rule in &pack.rules {
                if let Some(found) = mentions(rule.raw.legal_note.as_ref()) {
                    wrong.push(format!("{} legal_note asserts {found}", rule.id()));
                }
                let unverified = rule
                    .raw
                    .unverified
                    .as_ref()
                    .or(pack.manifest.unverified.as_ref());
                if let Some(found) = mentions(rule.raw.caveat.as_ref())
                    && mentions(unverified).is_none()
                {
                    wrong.push(format!(
                        "{} caveat names {found} but `unverified` does not",
                        rule.id()
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn the_sensitive_data_rule_names_the_unread_decree_and_arrete() {
        let packs = embedded_packs().unwrap();
        let rule = packs
            .iter()
            .flat_map(|p| &p.rules)
            .find(|r| r.id() == "CAC-R9-sensitive")
            .unwrap();
        let unverified = rule.raw.unverified.as_ref().unwrap();
        for (text, arrete, months) in [
            (&unverified.en, "12 August 2026", "18 months"),
            (&unverified.fr, "12 août 2026", "18 mois"),
        ] {
            assert!(text.contains("2026-272"), "{text}");
            assert!(text.contains(arrete), "{text}");
            assert!(text.contains(months), "{text}");
        }
        assert_eq!(rule.raw.legal_status, Some(LegalStatus::Binding));
    }

    #[test]
    fn a_manifest_without_unverified_still_loads() {
        let manifest: Manifest = parse(
            "pack.yaml",
            "id: mine\ntitle: {en: M, fr: M}\nversion: '1'\nframework_version: '1'\n\
             framework_date: '2026-01-01'\nsource: x\nlegal_status: policy\n\
             legal_note: {en: n, fr: n}\n",
        )
        .unwrap();
        assert_eq!(manifest.legal_status, LegalStatus::Policy);
        assert!(manifest.unverified.is_none());
    }
}
