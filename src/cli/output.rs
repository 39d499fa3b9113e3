//! Where reports are written, safely: `--output FORMAT=PATH` targets checked against
//! what the run reads (protected paths, private keys, sealed records, special
//! files), and files written atomically (a temporary file renamed into place).
//! Which format renders what is the report's business ([`crate::report::format`]).

use super::Result;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use clap::ValueEnum;

pub use crate::report::Format;

/// A `FORMAT=PATH` pair.
#[derive(Debug, Clone)]
pub struct OutputTarget {
    pub format: Format,
    pub path: PathBuf,
}

impl FromStr for OutputTarget {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (format, path) = s
            .split_once('=')
            .ok_or_else(|| format!("`{s}` is not FORMAT=PATH (e.g. json=report.json)"))?;
        let format = Format::from_str(format, true).map_err(|_| {
            let known: Vec<String> = Format::value_variants()
                .iter()
                .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
                .collect();
            format!(
                "unknown format `{format}`; known formats: {}",
                known.join(", ")
            )
        })?;
        if path.is_empty() {
            return Err("the PATH of FORMAT=PATH is empty".into());
        }
        Ok(OutputTarget {
            format,
            path: PathBuf::from(path),
        })
    }
}

/// Why a report was not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write {format} to {path}: it is {what}, which this run reads")]
    Input {
        format: String,
        path: String,
        what: String,
    },
    #[error("refusing to write {format} to {path}: the file holds a private key")]
    Key { format: String, path: String },
    #[error("refusing to write {format} to {path}: it lies in the sealed record {record}")]
    SealedRecord {
        format: String,
        path: String,
        record: String,
    },
    #[error("refusing to write {format} to {path}: it is a directory")]
    Directory { format: String, path: String },
    #[error("refusing to write {format} to {path}: the symbolic link leads to no file")]
    DanglingLink { format: String, path: String },
    #[error("refusing to write {format} to {path}: another --output writes there too")]
    Twice { format: String, path: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Files and folders a run reads or must not change: an output path that names one
/// of them, by any spelling, is refused before anything is written.
#[derive(Debug, Default)]
pub struct Protected {
    guarded: Vec<Guarded>,
}

#[derive(Debug)]
struct Guarded {
    /// What it is, for the message ("the waivers file x.yaml").
    what: String,
    /// Its path with every link and `..` resolved.
    real: PathBuf,
    /// Device and inode, so that a hard link to it is recognised too.
    identity: Option<(u64, u64)>,
    /// A folder whose whole content is guarded (rule packs, the sealed record).
    tree: bool,
}

impl Protected {
    /// Guards a file the run reads. A path that does not exist guards nothing: there
    /// is nothing there to lose.
    pub fn file(&mut self, what: &str, path: &Path) {
        self.add(what, path, false);
    }

    /// Guards a folder and everything in it.
    pub fn tree(&mut self, what: &str, path: &Path) {
        self.add(what, path, true);
    }

    fn add(&mut self, what: &str, path: &Path, tree: bool) {
        let real = path.canonicalize().unwrap_or_else(|_| absolute(path));
        let identity = std::fs::metadata(&real).ok().and_then(|m| identity(&m));
        self.guarded.push(Guarded {
            what: format!("{what} {}", path.display()),
            real,
            identity,
            tree,
        });
    }

    /// Refuses a target that is, or lies in, a guarded path, that holds a private
    /// key, that lies in a sealed record, or that is a directory or a dangling link.
    pub fn check(&self, target: &OutputTarget) -> Result<(), OutputError> {
        let format = format!("the {:?} report", target.format).to_lowercase();
        self.check_path(&format, &target.path)
    }

    /// Refuses to write `written` (e.g. "the lock file") to `target`, as
    /// [`Protected::check`] does for reports.
    pub fn check_path(&self, written: &str, target: &Path) -> Result<(), OutputError> {
        let format = written.to_string();
        let path = target.display().to_string();
        let real = resolve(target).ok_or_else(|| OutputError::DanglingLink {
            format: format.clone(),
            path: path.clone(),
        })?;
        let metadata = std::fs::metadata(&real).ok();
        if metadata.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            return Err(OutputError::Directory { format, path });
        }
        let id = metadata.as_ref().and_then(identity);
        for guarded in &self.guarded {
            let same = if guarded.tree {
                real.starts_with(&guarded.real)
            } else {
                real == guarded.real || (id.is_some() && id == guarded.identity)
            };
            if same {
                return Err(OutputError::Input {
                    format,
                    path,
                    what: guarded.what.clone(),
                });
            }
        }
        if metadata.as_ref().is_some_and(std::fs::Metadata::is_file) && holds_private_key(&real) {
            return Err(OutputError::Key { format, path });
        }
        if let Some(record) = sealed_record_around(&real) {
            return Err(OutputError::SealedRecord {
                format,
                path,
                record: record.display().to_string(),
            });
        }
        Ok(())
    }

    /// Checks every target; two targets that name the same file (by any spelling)
    /// are refused, since the second would silently replace the first. Devices and
    /// FIFOs may be named several times.
    pub fn check_all(&self, targets: &[OutputTarget]) -> Result<(), OutputError> {
        let mut seen = Vec::new();
        for target in targets {
            self.check(target)?;
            let special = std::fs::metadata(&target.path).is_ok_and(|m| !m.is_file());
            if let Some(real) = resolve(&target.path).filter(|_| !special) {
                if seen.contains(&real) {
                    return Err(OutputError::Twice {
                        format: format!("the {:?} report", target.format).to_lowercase(),
                        path: target.path.display().to_string(),
                    });
                }
                seen.push(real);
            }
        }
        Ok(())
    }
}

/// The path with links and `..` resolved; for a file not yet there, its folder's
/// resolved path joined with its name. `None` for a link that leads nowhere.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    if std::fs::symlink_metadata(path).is_ok() {
        // It exists but cannot be resolved: a dangling link, unless what it leads to
        // exists without a path (`/dev/stdout` on a pipe leads to `pipe:[…]`).
        return std::fs::metadata(path).is_ok().then(|| absolute(path));
    }
    let absolute = absolute(path);
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => Some(
            parent
                .canonicalize()
                .unwrap_or_else(|_| parent.to_path_buf())
                .join(name),
        ),
        _ => Some(absolute),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(unix)]
fn identity(metadata: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Whether the start of a file is a PEM or OpenSSH private key.
fn holds_private_key(path: &Path) -> bool {
    use std::io::Read;
    let mut start = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(64 * 1024).read_to_end(&mut start));
    read.is_ok() && contains(&start, b"PRIVATE KEY-----")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The sealed record a path lies in: the nearest folder above it that holds a
/// record's manifest. A report written there would change a sealed record.
fn sealed_record_around(path: &Path) -> Option<PathBuf> {
    path.ancestors().skip(1).find_map(|dir| {
        let manifest = dir.join(crate::seal::MANIFEST);
        let bytes = crate::provider::read_bytes(&manifest, 64 * 1024 * 1024).ok()?;
        contains(&bytes, crate::seal::manifest::FORMAT.as_bytes()).then(|| dir.to_path_buf())
    })
}

/// Writes `text` to `path` so that a reader never sees a half-written report, and
/// nothing but the report changes:
/// - a regular file (or a new one) is replaced atomically, through a temporary file
///   in the same folder renamed into place;
/// - through a symbolic link, the file it leads to is replaced and the link kept;
/// - an existing FIFO or device (`/dev/null`, `/dev/stdout`) is written into, never
///   replaced by a file.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), OutputError> {
    let mut streamed = Streamed::open(path)?;
    streamed
        .write_all(text.as_bytes())
        .map_err(|source| OutputError::Write {
            path: path.display().to_string(),
            source,
        })?;
    streamed.commit()
}

/// A report file being streamed: into a temporary file beside it, renamed into place
/// by [`Streamed::commit`] (a reader never sees half a report, and a run that stops
/// leaves the old file as it was); a FIFO or device is written into directly.
#[derive(Debug)]
pub struct Streamed {
    path: PathBuf,
    /// Where the report goes once complete; `None` for a FIFO or device.
    target: Option<PathBuf>,
    file: StreamedFile,
}

#[derive(Debug)]
enum StreamedFile {
    Temporary(std::io::BufWriter<tempfile::NamedTempFile>),
    Special(std::io::BufWriter<std::fs::File>),
}

impl Streamed {
    /// Opens `path` for a report (see [`write_atomically`] for what is refused and how).
    pub fn open(path: &Path) -> Result<Streamed, OutputError> {
        let failed = |source: std::io::Error| OutputError::Write {
            path: path.display().to_string(),
            source,
        };
        let target = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if let Ok(metadata) = std::fs::metadata(&target)
            && !metadata.is_file()
            && !metadata.is_dir()
        {
            let special = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(failed)?;
            return Ok(Streamed {
                path: path.to_path_buf(),
                target: None,
                file: StreamedFile::Special(std::io::BufWriter::new(special)),
            });
        }
        let dir = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let file = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
        Ok(Streamed {
            path: path.to_path_buf(),
            target: Some(target),
            file: StreamedFile::Temporary(std::io::BufWriter::new(file)),
        })
    }

    /// Puts the complete report in place.
    pub fn commit(self) -> Result<(), OutputError> {
        let failed = |source: std::io::Error| OutputError::Write {
            path: self.path.display().to_string(),
            source,
        };
        match (self.file, &self.target) {
            (StreamedFile::Temporary(writer), Some(target)) => {
                let file = writer.into_inner().map_err(|e| failed(e.into_error()))?;
                file.as_file().sync_all().map_err(failed)?;
                file.persist(target).map_err(|e| failed(e.error))?;
                Ok(())
            }
            (StreamedFile::Special(mut writer), _) => writer.flush().map_err(failed),
            (StreamedFile::Temporary(_), None) => Ok(()),
        }
    }
}

impl Write for Streamed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            StreamedFile::Temporary(w) => w.write(buf),
            StreamedFile::Special(w) => w.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            StreamedFile::Temporary(w) => w.flush(),
            StreamedFile::Special(w) => w.flush(),
        }
    }
}

/// Standard output for a streamed report: buffered, and a closed pipe ends the
/// writing quietly (the rest of the report is dropped), as [`super::print`] does.
#[derive(Debug)]
pub struct Stdout {
    out: std::io::BufWriter<std::io::Stdout>,
    closed: bool,
}

impl Default for Stdout {
    fn default() -> Self {
        Stdout {
            out: std::io::BufWriter::new(std::io::stdout()),
            closed: false,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.out.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.out.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(path: &Path) -> OutputTarget {
        OutputTarget {
            format: Format::Json,
            path: path.to_path_buf(),
        }
    }

    #[test]
    fn guarded_files_are_recognised_by_any_spelling() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let waivers = dir.path().join("waivers.yaml");
        std::fs::write(&waivers, "waivers: []\n").unwrap();
        let mut protected = Protected::default();
        protected.file("the waivers file", &waivers);
        for spelling in [
            waivers.clone(),
            dir.path().join("sub/../waivers.yaml"),
            dir.path().join("./waivers.yaml"),
        ] {
            assert!(
                matches!(
                    protected.check(&target(&spelling)),
                    Err(OutputError::Input { .. })
                ),
                "{}",
                spelling.display()
            );
        }
        assert!(
            protected
                .check(&target(&dir.path().join("report.json")))
                .is_ok()
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_to_guarded_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let registry = dir.path().join("groups.yaml");
        std::fs::write(&registry, "trustcheck_registry: 1\n").unwrap();
        let mut protected = Protected::default();
        protected.file("the registry", &registry);
        let soft = dir.path().join("soft.json");
        std::os::unix::fs::symlink(&registry, &soft).unwrap();
        let hard = dir.path().join("hard.json");
        std::fs::hard_link(&registry, &hard).unwrap();
        assert!(protected.check(&target(&soft)).is_err());
        assert!(protected.check(&target(&hard)).is_err());
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink(dir.path().join("none"), &dangling).unwrap();
        assert!(matches!(
            protected.check(&target(&dangling)),
            Err(OutputError::DanglingLink { .. })
        ));
    }

    #[test]
    fn guarded_folders_cover_what_is_in_them() {
        let dir = tempfile::tempdir().unwrap();
        let packs = dir.path().join("packs");
        std::fs::create_dir_all(packs.join("p")).unwrap();
        let mut protected = Protected::default();
        protected.tree("the rule pack folder", &packs);
        assert!(
            protected
                .check(&target(&packs.join("p/rule.yaml")))
                .is_err()
        );
        assert!(protected.check(&target(&packs.join("new.json"))).is_err());
        assert!(matches!(
            protected.check(&target(&packs)),
            Err(OutputError::Directory { .. })
        ));
        assert!(
            protected
                .check(&target(&dir.path().join("packs.json")))
                .is_ok()
        );
    }

    #[test]
    fn keys_and_sealed_records_are_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("id_ed25519");
        std::fs::write(&key, "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n").unwrap();
        let protected = Protected::default();
        assert!(matches!(
            protected.check(&target(&key)),
            Err(OutputError::Key { .. })
        ));
        let record = dir.path().join("record");
        std::fs::create_dir_all(record.join("reports")).unwrap();
        std::fs::write(
            record.join("manifest.json"),
            "{\"format\": \"trustcheck-seal/1\"}\n",
        )
        .unwrap();
        for inside in ["manifest.json", "reports/report.json", "new.json"] {
            assert!(
                matches!(
                    protected.check(&target(&record.join(inside))),
                    Err(OutputError::SealedRecord { .. })
                ),
                "{inside}"
            );
        }
    }

    #[test]
    fn two_outputs_may_not_name_one_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let one = target(&dir.path().join("report.json"));
        let again = OutputTarget {
            format: Format::Sarif,
            path: dir.path().join("sub/../report.json"),
        };
        let protected = Protected::default();
        assert!(matches!(
            protected.check_all(&[one.clone(), again]),
            Err(OutputError::Twice { .. })
        ));
        let other = target(&dir.path().join("report.sarif"));
        assert!(protected.check_all(&[one, other]).is_ok());
        #[cfg(unix)]
        {
            let null = target(Path::new("/dev/null"));
            assert!(protected.check_all(&[null.clone(), null]).is_ok());
        }
    }

    #[cfg(unix)]
    #[test]
    fn writing_through_a_link_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, "new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn a_streamed_report_appears_only_once_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        std::fs::write(&path, "old").unwrap();
        let mut streamed = Streamed::open(&path).unwrap();
        streamed.write_all(b"new").unwrap();
        streamed.flush().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        streamed.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let dropped = Streamed::open(&path).map(|mut s| s.write_all(b"half"));
        assert!(dropped.is_ok());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_into_not_replaced() {
        write_atomically(Path::new("/dev/null"), "report").unwrap();
        let metadata = std::fs::metadata("/dev/null").unwrap();
        assert!(!metadata.is_file());
    }
}
