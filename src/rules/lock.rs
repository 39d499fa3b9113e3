//! Rule-pack lock files: a CI gate notices when the criteria change under it.
//!
//! `trustcheck rules lock` records the name, version and SHA-256 of every pack in
//! use; `assess --locked FILE` refuses to run when the packs differ.

use serde::{Deserialize, Serialize};

use super::ruleset::{PackInUse, RuleSet};

/// The lock file (TOML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockFile {
    /// Lock format version: 1.
    pub trustcheck_lock: u32,
    #[serde(default)]
    pub pack: Vec<PackInUse>,
}

/// Why the packs in use do not match a lock file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LockError {
    #[error("{file} is not a trustcheck lock file: {message}")]
    Unreadable { file: String, message: String },
    #[error("the rule packs in use differ from {file}:\n{}\nrun `trustcheck rules lock` to accept the new criteria", .differences.join("\n"))]
    Differs {
        file: String,
        differences: Vec<String>,
    },
}

/// The lock file text for the packs in use; a lock that cannot be serialised is an
/// error, never an empty lock (which would accept any pack).
pub fn lock_text(rules: &RuleSet) -> Result<String, toml::ser::Error> {
    let lock = LockFile {
        trustcheck_lock: 1,
        pack: rules.packs.clone(),
    };
    let body = toml::to_string_pretty(&lock)?;
    Ok(format!(
        "# trustcheck rule-pack lock: `assess --locked` refuses packs that differ.\n{body}"
    ))
}

/// Checks the packs in use against a lock file's text.
pub fn check(rules: &RuleSet, file: &str, text: &str) -> Result<(), LockError> {
    let lock: LockFile = toml::from_str(text).map_err(|e| LockError::Unreadable {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    if lock.trustcheck_lock != 1 {
        return Err(LockError::Unreadable {
            file: file.to_string(),
            message: format!(
                "lock version {} is not supported (expected 1)",
                lock.trustcheck_lock
            ),
        });
    }
    let mut differences = Vec::new();
    for pack in &rules.packs {
        match lock
            .pack
            .iter()
            .find(|l| l.id == pack.id && l.origin == pack.origin)
        {
            None => differences.push(format!(
                "  + pack {} ({}) is not in the lock",
                pack.id, pack.origin
            )),
            Some(locked) if locked.sha256 != pack.sha256 || locked.version != pack.version => {
                differences.push(format!(
                    "  ~ pack {} ({}): locked version {} sha256 {}, now version {} sha256 {}",
                    pack.id,
                    pack.origin,
                    locked.version,
                    short(&locked.sha256),
                    pack.version,
                    short(&pack.sha256)
                ))
            }
            Some(_) => {}
        }
    }
    for locked in &lock.pack {
        if !rules
            .packs
            .iter()
            .any(|p| p.id == locked.id && p.origin == locked.origin)
        {
            differences.push(format!(
                "  - pack {} ({}) is locked but not in use",
                locked.id, locked.origin
            ));
        }
    }
    if differences.is_empty() {
        Ok(())
    } else {
        Err(LockError::Differs {
            file: file.to_string(),
            differences,
        })
    }
}

fn short(digest: &str) -> &str {
    digest.get(..12).unwrap_or(digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_accepts_the_same_packs_and_names_what_changed() {
        let rules = RuleSet::load(&[]).unwrap();
        let text = lock_text(&rules).unwrap();
        assert!(check(&rules, "t.lock", &text).is_ok());
        let first = &rules.packs[0].sha256;
        let tampered = text.replacen(first.as_str(), &"0".repeat(64), 1);
        let err = check(&rules, "t.lock", &tampered).unwrap_err().to_string();
        assert!(
            err.contains(&format!("~ pack {}", rules.packs[0].id)),
            "{err}"
        );
        let missing = text.replace("[[pack]]", "[[pack_]]");
        assert!(matches!(
            check(&rules, "t.lock", &missing),
            Err(LockError::Unreadable { .. })
        ));
        assert!(matches!(
            check(&rules, "t.lock", "trustcheck_lock = 1\n"),
            Err(LockError::Differs { .. })
        ));
    }
}
