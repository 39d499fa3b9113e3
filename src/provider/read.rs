//! Reading an input file as UTF-8 text, within a size limit.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::diagnostics::{Code, InputErrors, Problem, Span};

/// The largest file of one kind trustcheck reads.
#[derive(Debug, Clone, Copy)]
pub struct SizeLimit {
    pub bytes: u64,
    /// What the limit applies to, for the message ("provider files").
    pub applies_to: &'static str,
}

/// Why the bytes of an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("it is a directory")]
    Directory,
    /// A FIFO, a device or a socket: reading it may block forever or never end.
    #[error("it is not a regular file but {kind}")]
    NotRegular { kind: &'static str },
    #[error("it is larger than the limit")]
    TooLarge,
}

/// Reads the bytes of a regular file (symbolic links followed), refusing a file
/// larger than `limit` without reading it whole. Special files are refused before
/// they are opened: opening a FIFO for reading waits for a writer.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let before = std::fs::metadata(path)?;
    special(&before.file_type())?;
    let file = File::open(path)?;
    let metadata = file.metadata()?;
    // Replaced between the two looks: judge what was opened.
    special(&metadata.file_type())?;
    if metadata.len() > limit {
        return Err(ReadError::TooLarge);
    }
    read_limited(file, limit)
}

/// Reads at most `limit` bytes from `reader`; one more is an error. Used for
/// standard input, whose length is not known in advance, and for files, which may
/// grow while they are read.
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// Refuses what is not a regular file.
fn special(kind: &std::fs::FileType) -> Result<(), ReadError> {
    if kind.is_file() {
        Ok(())
    } else if kind.is_dir() {
        Err(ReadError::Directory)
    } else {
        Err(ReadError::NotRegular {
            kind: special_kind(kind),
        })
    }
}

/// A special file's kind, in words.
pub fn special_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_symlink() {
        return "a symbolic link";
    }
    "a special file"
}

/// Reads `path` as text: refused when larger than `limit` (without reading it
/// whole), when not a regular file, unreadable or not UTF-8; a leading byte-order
/// mark is dropped.
pub fn read_text(path: &Path, name: &str, limit: SizeLimit) -> Result<String, InputErrors> {
    match read_bytes(path, limit.bytes) {
        Ok(bytes) => decode(name, bytes),
        Err(error) => Err(read_error(name, error, limit)),
    }
}

/// Reads standard input as text within `limit`, like a file.
pub fn read_stdin_text(
    reader: impl Read,
    name: &str,
    limit: SizeLimit,
) -> Result<String, InputErrors> {
    match read_limited(reader, limit.bytes) {
        Ok(bytes) => decode(name, bytes),
        Err(error) => Err(read_error(name, error, limit)),
    }
}

/// A read error as the input problem reports show.
pub fn read_error(name: &str, error: ReadError, limit: SizeLimit) -> InputErrors {
    let problem = match error {
        ReadError::TooLarge => return too_large(name, limit),
        ReadError::Io(error) => {
            Problem::new(Code::Unreadable, format!("cannot read {name}: {error}"))
                .help("check the path and the file's permissions")
        }
        ReadError::Directory => Problem::new(
            Code::Unreadable,
            format!("cannot read {name}: it is a directory"),
        )
        .help("give the path of a YAML file"),
        ReadError::NotRegular { kind } => Problem::new(
            Code::NotRegularFile,
            format!("{name} is {kind}, not a regular file: it is not read"),
        )
        .help("give the path of a regular file, or `-` to read standard input"),
    };
    InputErrors::single(name, problem)
}

fn too_large(name: &str, limit: SizeLimit) -> InputErrors {
    let mib = limit.bytes / (1024 * 1024);
    InputErrors::single(
        name,
        Problem::new(
            Code::FileTooLarge,
            format!(
                "{name} is larger than {mib} MiB, the limit for {}",
                limit.applies_to
            ),
        )
        .help("split the file, or move shared entities into a registry (`entities_from`)"),
    )
}

/// Turns bytes into text, or reports the first byte that is not UTF-8.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, InputErrors> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with(BOM) {
                text.drain(..BOM.len_utf8());
            }
            Ok(text)
        }
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            // Everything before the bad byte is valid, so the offset is the same in the
            // lossy text that lets the report show the line.
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let problem = Problem::new(
                Code::NotUtf8,
                format!("{name} is not valid UTF-8: invalid byte at offset {offset}"),
            )
            .at(Span::new(offset, 1), "not UTF-8")
            .help("save the file as UTF-8");
            Err(InputErrors::new(name, Some(lossy), vec![problem]))
        }
    }
}

/// The UTF-8 byte-order mark some editors write at the start of a file.
const BOM: char = '\u{feff}';

/// The text without its UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: SizeLimit = SizeLimit {
        bytes: 64,
        applies_to: "test files",
    };

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn reads_text_and_drops_the_bom() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "a.yaml", "\u{feff}a: 1\n".as_bytes());
        assert_eq!(read_text(&path, "a.yaml", LIMIT).unwrap(), "a: 1\n");
    }

    #[test]
    fn refuses_large_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "big.yaml", &[b'a'; 65]);
        let error = read_text(&path, "big.yaml", LIMIT).unwrap_err();
        assert_eq!(error.codes(), vec![Code::FileTooLarge]);
        let path = write(&dir, "edge.yaml", &[b'a'; 64]);
        assert!(read_text(&path, "edge.yaml", LIMIT).is_ok());
    }

    #[test]
    fn reports_missing_files_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read_text(&dir.path().join("none"), "none", LIMIT).unwrap_err();
        assert_eq!(missing.codes(), vec![Code::Unreadable]);
        assert!(
            missing.problems[0].message.contains("os error"),
            "{}",
            missing.problems[0].message
        );
        let directory = read_text(dir.path(), "dir", LIMIT).unwrap_err();
        assert_eq!(directory.codes(), vec![Code::Unreadable]);
    }

    #[test]
    fn reports_the_offset_of_the_first_invalid_byte() {
        let error = decode("x", b"a: 1\nb: \xff\n".to_vec()).unwrap_err();
        assert_eq!(error.codes(), vec![Code::NotUtf8]);
        assert!(error.problems[0].message.contains("offset 8"));
        assert_eq!(error.position(&error.problems[0]), Some((2, 4)));
    }
}
