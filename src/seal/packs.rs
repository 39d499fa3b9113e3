//! Rule packs written out as pack folders of the record, embedded packs included,
//! so that `verify` can re-run with exactly the rules of the sealed run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::SealError;
use super::manifest::SealedPack;
use crate::assets;
use crate::rules::pack::{self, Pack};
use crate::rules::ruleset::PackInUse;

/// One file of a pack: its name in the pack folder and its bytes.
pub(super) struct PackFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The files of every pack in use, under the folder names of the record
/// (`packs/<id>`, then `packs/<id>-2`… when a later pack adds to the same framework).
pub(super) fn pack_folders(
    packs: &[PackInUse],
) -> Result<Vec<(SealedPack, Vec<PackFile>)>, SealError> {
    // Read once: `pack_files` compares every pack in use with the embedded ones.
    let embedded = pack::embedded_packs().unwrap_or_default();
    let mut taken = BTreeSet::new();
    let mut folders = Vec::with_capacity(packs.len());
    for in_use in packs {
        let base = folder_name(&in_use.id);
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        let sealed = SealedPack {
            id: in_use.id.clone(),
            version: in_use.version.clone(),
            sha256: in_use.sha256.clone(),
            path: format!("packs/{name}"),
        };
        folders.push((sealed, pack_files(in_use, &embedded)?));
    }
    Ok(folders)
}

/// The files of one pack: from the embedded `rules/` folder when the pack is an
/// embedded one (same origin and digest), else from the folder it was read from.
fn pack_files(in_use: &PackInUse, embedded: &[Pack]) -> Result<Vec<PackFile>, SealError> {
    // The digest decides: a user folder that happens to be called `rules/<id>` and
    // differs from the embedded pack is read from disk.
    let is_embedded = embedded
        .iter()
        .any(|p| p.origin == in_use.origin && p.digest == in_use.sha256);
    if is_embedded {
        return embedded_files(&in_use.origin);
    }
    let dir = PathBuf::from(&in_use.origin);
    let mut paths = vec![dir.join("pack.yaml")];
    paths.extend(pack::rule_files(&dir).map_err(|e| SealError::io(&dir, e))?);
    paths
        .into_iter()
        .map(|path| {
            let bytes = super::read_file(&path)?;
            Ok(PackFile {
                name: file_name(&path),
                bytes,
            })
        })
        .collect()
}

/// The manifest and rule files of the embedded pack at `origin` (`rules/<folder>`):
/// the files its loader reads.
fn embedded_files(origin: &str) -> Result<Vec<PackFile>, SealError> {
    let missing = || SealError::MissingEmbeddedPack {
        origin: origin.to_string(),
    };
    let folder = origin.strip_prefix("rules/").ok_or_else(missing)?;
    let dir = assets::RULES_DIR.get_dir(folder).ok_or_else(missing)?;
    Ok(dir
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "yaml"))
        .map(|f| PackFile {
            name: file_name(f.path()),
            bytes: f.contents().to_vec(),
        })
        .collect())
}

/// A pack id as a folder name: anything but letters, digits, `.`, `-` and `_`
/// becomes `_`, so an id cannot climb out of `packs/`.
fn folder_name(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | '_' => c,
            _ => '_',
        })
        .collect();
    if name.chars().all(|c| c == '.') {
        format!("pack{name}")
    } else {
        name
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn embedded_packs_are_written_from_the_embedded_files() {
        let rules = RuleSet::load(&[]).unwrap();
        let folders = pack_folders(&rules.packs).unwrap();
        assert_eq!(folders.len(), rules.packs.len());
        for (sealed, files) in &folders {
            assert_eq!(sealed.path, format!("packs/{}", sealed.id));
            assert!(files.iter().any(|f| f.name == "pack.yaml"));
            assert!(files.len() > 1);
        }
    }

    #[test]
    fn a_second_pack_of_one_framework_gets_its_own_folder() {
        let rules = RuleSet::load(&[]).unwrap();
        let first = rules.packs[0].clone();
        let folders = pack_folders(&[first.clone(), first]).unwrap();
        assert_eq!(folders[1].0.path, format!("packs/{}-2", folders[0].0.id));
    }

    #[test]
    fn ids_cannot_leave_the_packs_folder() {
        assert_eq!(folder_name("../../etc"), ".._.._etc");
        assert_eq!(folder_name(".."), "pack..");
        assert_eq!(folder_name("secnumcloud-3.2"), "secnumcloud-3.2");
    }
}
