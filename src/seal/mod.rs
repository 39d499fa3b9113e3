//! Sealed assessments: a self-contained record of one `assess` run (inputs, rule
//! packs, reports, a manifest of digests and verdicts, optionally signed) that
//! `verify` can check years later by recomputing the digests and re-running the
//! assessment from the record alone.
//!
//! The layout is a contract shared with the commands that read records: see
//! [`manifest::Manifest`] and the files named there.

mod compare;
pub mod manifest;
mod packs;
mod rerun;
pub mod sign;
pub mod verify;
pub mod verify_render;
pub mod write;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use manifest::Manifest;
pub use verify::{Verification, verify};
pub use write::{SealRequest, Sealed, write};

/// The manifest's file name, at the top of a record.
pub const MANIFEST: &str = "manifest.json";
/// The signature over the manifest, beside it.
pub const SIGNATURE: &str = "manifest.json.sig";
/// The JSON report, as `--format json` prints it.
pub const REPORT_JSON: &str = "reports/report.json";
/// The OSCAL assessment results, as `--format oscal` prints them.
pub const REPORT_OSCAL: &str = "reports/report.oscal.json";

/// Why a record could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("{dir}: the folder is not empty; a sealed record needs an empty or new folder")]
    NotEmpty { dir: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file} reads its entities from `entities_from`, which a sealed record cannot \
         replay; pass the registry with --entities instead"
    )]
    EntitiesFrom { file: String },
    #[error("embedded rule pack {origin} is missing from this build")]
    MissingEmbeddedPack { origin: String },
    #[error("{path} is not a path inside the record")]
    OutsideRecord { path: String },
    #[error(
        "{path}: {what}; a sealed record holds only regular files and folders, and \
         verify reads nothing outside it"
    )]
    NotPlain { path: PathBuf, what: String },
    #[error("{path}: cannot be read: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: crate::provider::ReadError,
    },
    #[error("cannot write the record's {what}: {source}")]
    Serialise {
        what: &'static str,
        #[source]
        source: serde_json::Error,
    },
    #[error("cannot sign the manifest: {0}")]
    Sign(#[from] sign::SignError),
}

impl SealError {
    fn io(path: &Path, source: std::io::Error) -> SealError {
        SealError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The largest file of a record: the limit of an entity registry, the largest
/// input a record copies.
pub const MAX_RECORD_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a file of a record, or an input to copy into one: a regular file within
/// [`MAX_RECORD_FILE_BYTES`], never a FIFO or a device.
pub fn read_file(path: &Path) -> Result<Vec<u8>, SealError> {
    crate::provider::read_bytes(path, MAX_RECORD_FILE_BYTES).map_err(|source| match source {
        crate::provider::ReadError::Io(e) => SealError::io(path, e),
        source => SealError::Read {
            path: path.to_path_buf(),
            source,
        },
    })
}

/// A file of a record as UTF-8 text.
pub fn read_file_text(path: &Path) -> Result<String, SealError> {
    String::from_utf8(read_file(path)?).map_err(|e| {
        SealError::io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
        )
    })
}

/// SHA-256 of bytes, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Refuses a folder that exists and holds anything: a record must contain only what
/// its manifest lists.
pub fn refuse_non_empty(dir: &Path) -> Result<(), SealError> {
    match std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()) {
        Ok(true) => Err(SealError::NotEmpty {
            dir: dir.to_path_buf(),
        }),
        Ok(false) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(SealError::io(dir, e)),
    }
}

/// The file a record path names under `dir`, refusing absolute paths and `..`: a
/// manifest must not make `verify` read outside the record.
pub fn inside(dir: &Path, relative: &str) -> Result<PathBuf, SealError> {
    let path = Path::new(relative);
    let plain = !relative.is_empty()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if plain {
        Ok(dir.join(path))
    } else {
        Err(SealError::OutsideRecord {
            path: relative.to_string(),
        })
    }
}

/// What an entry of a record is when it is neither a regular file nor a folder.
fn not_plain(kind: &std::fs::FileType, path: &Path) -> Option<String> {
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    if kind.is_symlink() {
        // Reading the link itself, never what it points to.
        return Some(match std::fs::read_link(path) {
            Ok(target) => format!("a symbolic link (to {})", target.display()),
            Err(_) => "a symbolic link".to_string(),
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)".into());
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device".into());
        }
        if kind.is_socket() {
            return Some("a socket".into());
        }
    }
    Some("a special file".into())
}

/// Every file of the record in `dir`, by its `/`-separated path relative to it.
/// A symbolic link (to a file or a folder, inside the record or not) or a special
/// file anywhere in the record is refused, before any file is read: `verify` must
/// never read outside the record nor block on a FIFO.
pub fn inventory(dir: &Path) -> Result<std::collections::BTreeSet<String>, SealError> {
    let mut present = std::collections::BTreeSet::new();
    // Links are not followed: each entry's type is the entry's own (lstat).
    for entry in walkdir::WalkDir::new(dir).min_depth(1).follow_links(false) {
        let entry = entry.map_err(|e| SealError::io(dir, e.into()))?;
        if let Some(what) = not_plain(&entry.file_type(), entry.path()) {
            return Err(SealError::NotPlain {
                path: entry.path().to_path_buf(),
                what,
            });
        }
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        present.insert(parts.join("/"));
    }
    Ok(present)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_paths_stay_inside_the_record() {
        let dir = Path::new("/r");
        assert_eq!(
            inside(dir, "inputs/a.yaml").unwrap(),
            dir.join("inputs/a.yaml")
        );
        for bad in ["", "/etc/passwd", "../x", "inputs/../../x", "./x"] {
            assert!(inside(dir, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_empty_or_new_folders_take_a_record() {
        let temp = tempfile::tempdir().unwrap();
        assert!(refuse_non_empty(&temp.path().join("new")).is_ok());
        assert!(refuse_non_empty(temp.path()).is_ok());
        std::fs::write(temp.path().join("x"), "x").unwrap();
        assert!(matches!(
            refuse_non_empty(temp.path()),
            Err(SealError::NotEmpty { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn links_and_fifos_in_a_record_are_refused() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("r");
        std::fs::create_dir_all(dir.join("inputs")).unwrap();
        std::fs::write(dir.join("inputs/a.yaml"), "a").unwrap();
        let listed = inventory(&dir).unwrap();
        assert_eq!(listed.into_iter().collect::<Vec<_>>(), ["inputs/a.yaml"]);
        std::os::unix::fs::symlink("a.yaml", dir.join("inputs/b.yaml")).unwrap();
        let e = inventory(&dir).unwrap_err().to_string();
        assert!(
            e.contains("inputs/b.yaml: a symbolic link (to a.yaml)"),
            "{e}"
        );
        std::fs::remove_file(dir.join("inputs/b.yaml")).unwrap();
        std::os::unix::fs::symlink(temp.path(), dir.join("up")).unwrap();
        let e = inventory(&dir).unwrap_err().to_string();
        assert!(e.contains("up: a symbolic link"), "{e}");
        std::fs::remove_file(dir.join("up")).unwrap();
        let fifo = dir.join("inputs/pipe");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let e = inventory(&dir).unwrap_err().to_string();
        assert!(e.contains("pipe: a FIFO"), "{e}");
    }

    #[test]
    fn digests_are_lowercase_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
