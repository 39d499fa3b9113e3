//! The loading pipeline: read, parse, check the structure, check the meaning, build.
//!
//! Every stage after parsing collects its problems instead of stopping, so a file is
//! reported with all its mistakes at once. Registries are loaded before the provider
//! file's references are checked; a registry with problems is reported on its own.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostics::{Code, InputErrors, Problem};
use crate::yaml::typed::from_node;
use crate::yaml::{Node, SourceMap, limits};

use super::errors::file_errors;
use super::model::Provider;
use super::read::{self, SizeLimit};
use super::registry::{self, RegistrySource};
use super::syntax::{self, registry_limits};
use super::validate::{self, as_str, entries, items};
use super::{build, counts, evidence, raw, schema, structure};

/// A provider file that passed every check, with what is needed to point back into it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The file name, as given.
    pub name: String,
    /// The file's text (without a byte-order mark).
    pub text: String,
    pub provider: Provider,
    /// Spans of the file's values, by fact path.
    pub source: SourceMap,
    /// The registries read through `entities_from`, as their real paths.
    pub registries: Vec<PathBuf>,
}

/// The size limit of a provider document, on disk or on standard input.
pub const PROVIDER_LIMIT: SizeLimit = SizeLimit {
    bytes: limits::MAX_FILE_BYTES,
    applies_to: "provider files",
};

const REGISTRY_LIMIT: SizeLimit = SizeLimit {
    bytes: registry_limits::MAX_FILE_BYTES,
    applies_to: "entity registries",
};

/// How a provider document is loaded beyond its own text.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Folders, besides the provider file's own folder and its subfolders, from which
    /// `entities_from` may read registries (the command line's `--allow-path`).
    pub allow: Vec<PathBuf>,
    /// The assessment date: an evidence record dated after it is refused. Without
    /// it, dates are checked only for their form.
    pub as_of: Option<Date>,
}

/// Loads and checks a provider file, with the entity registries it names in
/// `entities_from` (relative to it) and those in `registries`.
pub fn load_file(path: &Path, registries: &[PathBuf]) -> Result<Loaded, InputErrors> {
    load_file_with(path, registries, &LoadOptions::default())
}

/// [`load_file`] with options: folders `entities_from` may also read, and the
/// assessment date.
pub fn load_file_with(
    path: &Path,
    registries: &[PathBuf],
    options: &LoadOptions,
) -> Result<Loaded, InputErrors> {
    let name = path.display().to_string();
    let text = read::read_text(path, &name, PROVIDER_LIMIT)?;
    let mut sources = Sources::default();
    for registry in registries {
        if let Some(source) = sources.read(registry, registry)? {
            sources.list.push(source);
        }
    }
    let base = path.parent().unwrap_or(Path::new(""));
    load_text(name, text, Some(base), sources, options)
}

/// Loads and checks provider text that is not a file; `entities_from` is refused,
/// since its paths are relative to a file.
pub fn load_str(name: &str, text: &str) -> Result<Loaded, InputErrors> {
    load_str_with(name, text, &LoadOptions::default())
}

/// [`load_str`] with options (the assessment date).
pub fn load_str_with(name: &str, text: &str, options: &LoadOptions) -> Result<Loaded, InputErrors> {
    let text = read::strip_bom(text).to_string();
    load_text(name.to_string(), text, None, Sources::default(), options)
}

fn load_text(
    name: String,
    text: String,
    base: Option<&Path>,
    mut sources: Sources,
    options: &LoadOptions,
) -> Result<Loaded, InputErrors> {
    let root = syntax::parse_provider(&name, &text)?;
    // Reading the file straight from the tree is the quick test: the schema is
    // generated from the same types, so a file they read (unknown keys refused)
    // breaks none of its constraints but the percentage ranges, checked here. Only a
    // file that fails it pays for the schema walk, which then names every problem.
    let read = from_node::<raw::ProviderFile>(&root);
    let conforms = read
        .as_ref()
        .is_ok_and(|file| file.entities.values().all(percentages_hold));
    let mut problems = if conforms {
        Vec::new()
    } else {
        structure::check(&root, &root.to_json(), schema::provider(), &text, &[])
    };
    problems.extend(sources.read_entities_from(&root, base, &options.allow));
    let read_from = sources.entities_from.clone();
    let shared = registry::load(sources.list, options.as_of)?;
    let (tally, too_many) = counts::document(&root);
    if too_many.is_empty() {
        problems.extend(counts::assessment(
            tally.plus(shared.tally),
            entities_span(&root),
        ));
    }
    problems.extend(too_many);
    let entities = root.get("entities");
    let declared: BTreeSet<&str> = entities
        .map_or(&[][..], entries)
        .iter()
        .map(|(key, _)| key.name.as_str())
        .chain(shared.ids())
        .collect();
    problems.extend(validate::check_provider(&root, &declared));
    problems.extend(validate::check_kinds(&root, &shared));
    problems.extend(evidence::check(
        &root,
        &shared.ids().collect(),
        options.as_of,
    ));
    if let Some(entities) = entities {
        problems.extend(shared.conflicts(entities));
    }
    if !problems.is_empty() {
        return Err(file_errors(&name, text, problems));
    }
    let provider = match read {
        Ok(file) => build::provider(file, shared),
        // The structural check accepts only what the types read; this is a safety net.
        Err(error) => {
            let problem = Problem::new(
                Code::InvalidValue,
                format!("the file cannot be read as format version 1: {error}"),
            )
            .at(root.span, "here")
            .help("check the file against the provider format (`trustcheck schema provider`)");
            return Err(file_errors(&name, text, vec![problem]));
        }
    };
    Ok(Loaded {
        name,
        text,
        provider,
        source: SourceMap::new(root),
        registries: read_from,
    })
}

/// Where the entities of a provider file are named: its `entities` key, or its top.
fn entities_span(root: &Node) -> crate::diagnostics::Span {
    entries(root)
        .iter()
        .find(|(key, _)| key.name == "entities")
        .map_or(root.span, |(key, _)| key.span)
}

/// The registries to load, each read once even when named twice.
#[derive(Default)]
struct Sources {
    list: Vec<RegistrySource>,
    seen: BTreeSet<PathBuf>,
    /// The real paths of the registries `entities_from` named.
    entities_from: Vec<PathBuf>,
}

impl Sources {
    /// Reads the registry at `path` (named `shown` in messages), or `None` when it
    /// was read already.
    fn read(&mut self, path: &Path, shown: &Path) -> Result<Option<RegistrySource>, InputErrors> {
        let identity = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if !self.seen.insert(identity) {
            return Ok(None);
        }
        let name = shown.display().to_string();
        let text = read::read_text(path, &name, REGISTRY_LIMIT)?;
        Ok(Some(RegistrySource { name, text }))
    }

    /// Reads the registries named in `entities_from`; a path that cannot be read, or
    /// that leads out of the provider file's folder and of every `allow`ed folder,
    /// is a problem of the provider file, at that path.
    fn read_entities_from(
        &mut self,
        root: &Node,
        base: Option<&Path>,
        allow: &[PathBuf],
    ) -> Vec<Problem> {
        let mut problems = Vec::new();
        for item in items(root.get("entities_from")) {
            let Some(relative) = as_str(item) else {
                continue;
            };
            let Some(base) = base else {
                problems.push(
                    Problem::new(
                        Code::InvalidValue,
                        "`entities_from` is only read from a provider file on disk",
                    )
                    .at(item.span, "not read")
                    .help("load the provider file by its path, or pass the registry separately"),
                );
                continue;
            };
            let shown = base.join(relative);
            let path = match confined(&shown, base, allow) {
                Ok(path) => path,
                Err(problem) => {
                    problems.push(problem.at(item.span, "outside the allowed folders"));
                    continue;
                }
            };
            self.entities_from.push(path.clone());
            match self.read(&path, &shown) {
                Ok(Some(source)) => self.list.push(source),
                Ok(None) => {}
                Err(error) => problems.extend(error.problems.into_iter().map(|problem| {
                    let label = match problem.code {
                        Code::FileTooLarge => "registry too large",
                        Code::NotUtf8 => "registry not UTF-8",
                        _ => "cannot read this registry",
                    };
                    Problem {
                        span: Some(item.span),
                        label: label.into(),
                        ..problem
                    }
                })),
            }
        }
        problems
    }
}

/// The real path of a registry named in `entities_from`, when it lies in the
/// provider file's folder (`base`) or one of its subfolders, or under an `allow`ed
/// folder. Paths are compared once every symbolic link and `..` is resolved, so
/// that neither `../../x` nor a link leading out of the folder reads elsewhere. A
/// path that does not exist is returned as written: reading it reports it missing.
fn confined(path: &Path, base: &Path, allow: &[PathBuf]) -> Result<PathBuf, Problem> {
    let Ok(real) = path.canonicalize() else {
        return Ok(path.to_path_buf());
    };
    let folder = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    let inside = std::iter::once(folder)
        .chain(allow.iter().map(PathBuf::as_path))
        .filter_map(|dir| dir.canonicalize().ok())
        .any(|dir| real.starts_with(dir));
    if inside {
        return Ok(real);
    }
    Err(Problem::new(
        Code::PathNotAllowed,
        format!(
            "`entities_from`: {} lies outside the folder of this file ({})",
            path.display(),
            folder.display()
        ),
    )
    .help(
        "keep registries in this file's folder or a subfolder, or allow their folder \
         with `--allow-path DIR`",
    ))
}

/// Whether the shareholdings and rights of an entity give percentages from 0 to
/// 100: the one constraint of the schema that reading the types does not check.
pub(super) fn percentages_hold(entity: &raw::Entity) -> bool {
    let percent = |p: f64| p.is_finite() && (0.0..=100.0).contains(&p);
    let holdings = entity
        .shareholders
        .iter()
        .flatten()
        .all(|h| percent(h.capital) && h.voting.is_none_or(percent));
    let rights = entity
        .rights
        .iter()
        .flatten()
        .all(|r| r.seats.is_none_or(percent) && r.votes.is_none_or(percent));
    holdings && rights
}
