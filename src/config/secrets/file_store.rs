//! Passwords in a file readable only by the user (mode 0600), for when there is no Secret
//! Service and the user explicitly chose this. The file is TOML:
//! ```toml
//! [passwords]
//! 1 = "..."
//! ```
//! keyed by account id, written atomically and created 0600 (never briefly readable by others).

use super::{Password, SecretError, SecretStore};
use crate::config::account::AccountId;
use crate::config::atomic::write_atomically;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The only permission the password file ever has: read and write for its owner.
pub const FILE_MODE: u32 = 0o600;

#[derive(Default, Serialize, Deserialize)]
struct PasswordFile {
    #[serde(default)]
    passwords: BTreeMap<String, String>,
}

#[derive(Debug)]
pub struct FileSecretStore {
    path: PathBuf,
    /// Serialises read-modify-write cycles within this process.
    lock: Mutex<()>,
}

impl FileSecretStore {
    /// A store in `path` (usually `ConfigPaths::secrets_file()`). Nothing is created until a
    /// password is set.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FileSecretStore {
            path: path.into(),
            lock: Mutex::new(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn read(&self) -> Result<PasswordFile, SecretError> {
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(PasswordFile::default()),
            Err(e) => return Err(self.file_error(&e)),
        };
        self.tighten_permissions()?;
        let text = std::str::from_utf8(&bytes).map_err(|_| self.corrupt("not UTF-8 text"))?;
        // toml's message may quote the line, which could hold a password: keep only the kind.
        toml::from_str(text).map_err(|_| self.corrupt("not a Handset password file"))
    }

    fn write(&self, file: &PasswordFile) -> Result<(), SecretError> {
        if file.passwords.is_empty() {
            return match fs::remove_file(&self.path) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(self.file_error(&e)),
            };
        }
        let text = toml::to_string(file).map_err(|_| self.corrupt("cannot encode"))?;
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir).map_err(|e| self.file_error(&e))?;
        }
        let contents = format!(
            "# Handset passwords, kept here because no keyring was available and you chose a\n\
             # file readable only by you. Delete the account's password in Handset to remove it.\n{text}"
        );
        write_atomically(&self.path, contents.as_bytes(), FILE_MODE)
            .map_err(|e| self.file_error(&e))
    }

    /// A copy made by hand, or a restored backup, may have lost the 0600 mode.
    fn tighten_permissions(&self) -> Result<(), SecretError> {
        let meta = fs::metadata(&self.path).map_err(|e| self.file_error(&e))?;
        if meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!(
                "{} was readable by others; setting it to 0600",
                self.path.display()
            );
            fs::set_permissions(&self.path, fs::Permissions::from_mode(FILE_MODE))
                .map_err(|e| self.file_error(&e))?;
        }
        Ok(())
    }

    fn guard(&self) -> std::sync::MutexGuard<'_, ()> {
        self.lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn file_error(&self, error: &io::Error) -> SecretError {
        SecretError::File {
            path: self.path.clone(),
            detail: error.to_string(),
        }
    }

    fn corrupt(&self, detail: &str) -> SecretError {
        SecretError::CorruptFile {
            path: self.path.clone(),
            detail: detail.to_string(),
        }
    }
}

impl SecretStore for FileSecretStore {
    fn get(&self, account: AccountId) -> Result<Option<Password>, SecretError> {
        let _guard = self.guard();
        let file = self.read()?;
        Ok(file
            .passwords
            .get(&account.to_string())
            .map(|text| Password::new(text.clone())))
    }

    fn set(&self, account: AccountId, password: &Password) -> Result<(), SecretError> {
        let _guard = self.guard();
        let mut file = self.read()?;
        file.passwords
            .insert(account.to_string(), password.expose().to_string());
        self.write(&file)
    }

    fn delete(&self, account: AccountId) -> Result<(), SecretError> {
        let _guard = self.guard();
        let mut file = self.read()?;
        if file.passwords.remove(&account.to_string()).is_some() {
            self.write(&file)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loose_mode_is_tightened_on_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileSecretStore::new(dir.path().join("secrets.toml"));
        store.set(AccountId(1), &"pw".into()).unwrap();
        fs::set_permissions(store.path(), fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(store.get(AccountId(1)).unwrap().unwrap().expose(), "pw");
        let mode = fs::metadata(store.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn deleting_the_last_password_removes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileSecretStore::new(dir.path().join("secrets.toml"));
        store.set(AccountId(1), &"pw".into()).unwrap();
        store.delete(AccountId(1)).unwrap();
        assert!(!store.path().exists());
        assert_eq!(store.get(AccountId(1)).unwrap(), None);
    }

    #[test]
    fn a_damaged_file_is_reported_without_its_contents() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.toml");
        fs::write(&path, "[passwords]\n1 = \"hunter\n2").unwrap();
        let error = FileSecretStore::new(&path).get(AccountId(1)).unwrap_err();
        assert_eq!(error.key(), "secrets.error.corrupt_file");
        assert!(!format!("{error} {error:?}").contains("hunter"));
    }
}
