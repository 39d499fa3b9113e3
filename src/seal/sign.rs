//! Signatures over `manifest.json` in the OpenSSH signature format (SSHSIG, as
//! `ssh-keygen -Y sign -n trustcheck` writes them), with Ed25519 OpenSSH keys: a
//! standard format that existing tools can check, not a scheme of our own.

use std::path::{Path, PathBuf};

use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

/// The SSHSIG namespace: a signature made for another purpose (git, files) never
/// verifies as a trustcheck record, and the reverse.
pub const NAMESPACE: &str = "trustcheck";

/// Why a key could not be used or a signature did not verify.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("cannot read the key {path}: {source}")]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not an OpenSSH {kind} key: {reason}")]
    NotAKey {
        path: PathBuf,
        kind: &'static str,
        reason: String,
    },
    #[error(
        "{path} is protected by a passphrase; sign with an unencrypted key (e.g. one kept \
         for this purpose in a secret store)"
    )]
    Encrypted { path: PathBuf },
    #[error("the signature is not an SSH signature: {0}")]
    Malformed(String),
    #[error("the signature was made by another key ({signer})")]
    OtherKey { signer: String },
    #[error("the signature does not match the manifest: {0}")]
    Mismatch(String),
    #[error("cannot sign: {0}")]
    Signing(String),
}

/// A private key that signs records.
#[derive(Debug)]
pub struct SigningKey {
    key: PrivateKey,
}

impl SigningKey {
    /// Reads an OpenSSH private key file (`-----BEGIN OPENSSH PRIVATE KEY-----`).
    pub fn read(path: &Path) -> Result<SigningKey, SignError> {
        let text = read(path)?;
        let key = PrivateKey::from_openssh(text.trim()).map_err(|e| SignError::NotAKey {
            path: path.to_path_buf(),
            kind: "private",
            reason: e.to_string(),
        })?;
        if key.is_encrypted() {
            return Err(SignError::Encrypted {
                path: path.to_path_buf(),
            });
        }
        Ok(SigningKey { key })
    }

    /// The SSHSIG armoured signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Result<String, SignError> {
        self.key
            .sign(NAMESPACE, HashAlg::Sha512, message)
            .and_then(|sig| sig.to_pem(LineEnding::LF))
            .map_err(|e| SignError::Signing(e.to_string()))
    }
}

/// A public key that checks records.
#[derive(Debug, Clone)]
pub struct VerifyingKey {
    key: PublicKey,
}

impl VerifyingKey {
    /// Reads an OpenSSH public key file (`ssh-ed25519 AAAA… comment`).
    pub fn read(path: &Path) -> Result<VerifyingKey, SignError> {
        let text = read(path)?;
        let key = PublicKey::from_openssh(text.trim()).map_err(|e| SignError::NotAKey {
            path: path.to_path_buf(),
            kind: "public",
            reason: e.to_string(),
        })?;
        Ok(VerifyingKey { key })
    }

    /// The key's SHA-256 fingerprint, as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint(HashAlg::Sha256).to_string()
    }

    /// Checks an armoured SSH signature of `message` made by this key for trustcheck.
    pub fn check(&self, message: &[u8], signature: &str) -> Result<(), SignError> {
        let sig =
            SshSig::from_pem(signature.trim()).map_err(|e| SignError::Malformed(e.to_string()))?;
        if sig.public_key() != self.key.key_data() {
            let signer = PublicKey::from(sig.public_key().clone())
                .fingerprint(HashAlg::Sha256)
                .to_string();
            return Err(SignError::OtherKey { signer });
        }
        self.key
            .verify(NAMESPACE, message, &sig)
            .map_err(|e| SignError::Mismatch(e.to_string()))
    }
}

/// Reads a key file: a regular file of at most 1 MiB (an OpenSSH key is a few
/// hundred bytes), never a FIFO or a device.
fn read(path: &Path) -> Result<String, SignError> {
    let unreadable = |source: std::io::Error| SignError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let bytes = crate::provider::read_bytes(path, 1024 * 1024).map_err(|e| match e {
        crate::provider::ReadError::Io(e) => unreadable(e),
        other => unreadable(std::io::Error::other(other)),
    })?;
    String::from_utf8(bytes)
        .map_err(|e| unreadable(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssh_key::private::Ed25519Keypair;

    /// Writes a key pair made from `seed` into `dir`; returns (private, public) paths.
    fn key_pair(dir: &Path, seed: u8) -> (PathBuf, PathBuf) {
        let key = PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]));
        let private = dir.join(format!("key{seed}"));
        let public = dir.join(format!("key{seed}.pub"));
        std::fs::write(&private, key.to_openssh(LineEnding::LF).unwrap().as_bytes()).unwrap();
        std::fs::write(&public, key.public_key().to_openssh().unwrap()).unwrap();
        (private, public)
    }

    #[test]
    fn a_signature_verifies_with_its_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let (private, public) = key_pair(dir.path(), 1);
        let (_, other) = key_pair(dir.path(), 2);
        let signature = SigningKey::read(&private)
            .unwrap()
            .sign(b"manifest")
            .unwrap();
        assert!(signature.starts_with("-----BEGIN SSH SIGNATURE-----"));
        let key = VerifyingKey::read(&public).unwrap();
        assert!(key.check(b"manifest", &signature).is_ok());
        assert!(matches!(
            key.check(b"manifesT", &signature),
            Err(SignError::Mismatch(_))
        ));
        assert!(matches!(
            VerifyingKey::read(&other)
                .unwrap()
                .check(b"manifest", &signature),
            Err(SignError::OtherKey { .. })
        ));
        assert!(matches!(
            key.check(b"manifest", "not a signature"),
            Err(SignError::Malformed(_))
        ));
    }

    #[test]
    fn a_public_key_is_not_a_signing_key() {
        let dir = tempfile::tempdir().unwrap();
        let (_, public) = key_pair(dir.path(), 3);
        assert!(matches!(
            SigningKey::read(&public),
            Err(SignError::NotAKey { .. })
        ));
    }
}
