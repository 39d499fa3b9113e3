//! Expands the command line's inputs: files, folders (recursively, `*.yaml` and
//! `*.yml`) and `-` for standard input, in a stable order.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, InputErrors, Problem};

/// One provider document to assess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    /// Standard input, read once.
    Stdin(String),
    /// A file reported under another name (a sealed record's copy, under the name
    /// the sealed run gave it).
    Named {
        path: PathBuf,
        name: String,
    },
}

impl Input {
    /// The name reports use.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin(_) => "<stdin>".into(),
            Input::Named { name, .. } => name.clone(),
        }
    }
}

/// Expands arguments; unreadable folders and link loops are input errors.
pub fn expand(args: &[PathBuf]) -> (Vec<Input>, Vec<InputErrors>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            // The same size limit as a provider file: a pipe has no length to check
            // first, so at most one byte more than the limit is read.
            let stdin = std::io::stdin().lock();
            match crate::provider::read_stdin_text(
                stdin,
                "<stdin>",
                crate::provider::PROVIDER_LIMIT,
            ) {
                Ok(text) => inputs.push(Input::Stdin(text)),
                Err(e) => errors.push(e),
            }
        } else if arg.is_dir() {
            expand_dir(arg, &mut inputs, &mut errors);
        } else {
            inputs.push(Input::File(arg.clone()));
        }
    }
    (inputs, errors)
}

fn expand_dir(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputErrors>) {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if entry.file_type().is_file()
                    && path.extension().is_some_and(|e| e == "yaml" || e == "yml")
                {
                    found.push(path.to_path_buf());
                }
            }
            Err(e) => {
                let at = e
                    .path()
                    .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                let message = if e.loop_ancestor().is_some() {
                    "a symbolic link loops back to a folder above it: skipped".to_string()
                } else {
                    format!("cannot read: {e}")
                };
                errors.push(unreadable(&at, &message));
            }
        }
    }
    inputs.extend(found.into_iter().map(Input::File));
}

fn unreadable(name: &str, message: &str) -> InputErrors {
    InputErrors::single(name, Problem::new(Code::Unreadable, message.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_expand_to_sorted_yaml_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in ["b.yaml", "a.yml", "sub/c.yaml", "notes.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let (inputs, errors) = expand(&[dir.path().to_path_buf()]);
        assert!(errors.is_empty());
        let names: Vec<String> = inputs
            .iter()
            .map(|i| {
                i.name()
                    .trim_start_matches(&dir.path().display().to_string())
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["/a.yml", "/b.yaml", "/sub/c.yaml"]);
    }

    #[cfg(unix)]
    #[test]
    fn link_loops_are_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        std::fs::write(dir.path().join("a.yaml"), "x").unwrap();
        let (inputs, errors) = expand(&[dir.path().to_path_buf()]);
        assert_eq!(inputs.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].problems[0].message.contains("loops"));
    }
}
