//! Passwords in the desktop's Secret Service (GNOME Keyring, KWallet) through the `keyring`
//! crate, over D-Bus in pure Rust (zbus).
//!
//! Items carry the attributes `service` (`handset`), `username` (`account-<id>`), `target`
//! (`default`) and `application`, so `secret-tool lookup service handset username account-1`
//! finds them. Every call blocks on D-Bus: from async code, call it on a blocking thread.

use super::{Password, SecretError, SecretStore};
use crate::config::account::AccountId;

/// The Secret Service `service` attribute Handset's passwords are stored under.
pub const SERVICE: &str = "handset";

#[derive(Debug, Clone)]
pub struct SecretServiceStore {
    service: String,
}

impl Default for SecretServiceStore {
    fn default() -> Self {
        Self::new()
    }
}

impl SecretServiceStore {
    pub fn new() -> Self {
        Self::with_service(SERVICE)
    }

    /// A store under another `service` attribute (tests, or a second profile).
    pub fn with_service(service: &str) -> Self {
        SecretServiceStore {
            service: service.to_string(),
        }
    }

    /// The `username` attribute of an account's item.
    pub fn item_user(account: AccountId) -> String {
        format!("account-{account}")
    }

    /// Whether a Secret Service answers now, so the face can offer the choice before the user
    /// types a password. Reading an absent item is enough to find out.
    pub fn probe(&self) -> Result<(), SecretError> {
        self.get(AccountId(0)).map(|_| ())
    }

    fn entry(&self, account: AccountId) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, &Self::item_user(account)).map_err(from_keyring)
    }
}

impl SecretStore for SecretServiceStore {
    fn get(&self, account: AccountId) -> Result<Option<Password>, SecretError> {
        match self.entry(account)?.get_password() {
            Ok(text) => Ok(Some(Password::new(text))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(from_keyring(e)),
        }
    }

    fn set(&self, account: AccountId, password: &Password) -> Result<(), SecretError> {
        self.entry(account)?
            .set_password(password.expose())
            .map_err(from_keyring)
    }

    fn delete(&self, account: AccountId) -> Result<(), SecretError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(from_keyring(e)),
        }
    }
}

/// keyring's errors carry no secrets (only attributes and D-Bus messages), so their text is
/// safe to keep for the user.
fn from_keyring(error: keyring::Error) -> SecretError {
    match error {
        keyring::Error::PlatformFailure(e) => SecretError::Unavailable {
            detail: e.to_string(),
        },
        keyring::Error::NoStorageAccess(e) => SecretError::Denied {
            detail: e.to_string(),
        },
        // BadEncoding holds the stored bytes: never put them in a message.
        keyring::Error::BadEncoding(_) => SecretError::Other {
            detail: "the stored password is not UTF-8".to_string(),
        },
        keyring::Error::Ambiguous(items) => SecretError::Other {
            detail: format!("{} keyring items match this account", items.len()),
        },
        other => SecretError::Other {
            detail: other.to_string(),
        },
    }
}
