//! What can go wrong keeping a password, typed so that the face can react: above all
//! [`SecretError::Unavailable`], after which it asks the user where the password should go.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SecretError {
    /// No Secret Service answers on the session bus (no keyring daemon, no D-Bus session).
    /// The face asks the user: type the password at each start, or keep it in a 0600 file.
    #[error("no Secret Service (keyring) is available: {detail}")]
    Unavailable { detail: String },
    /// The keyring is there but refused (locked, or the user dismissed the unlock prompt).
    #[error("the keyring refused access: {detail}")]
    Denied { detail: String },
    /// The password file could not be read or written.
    #[error("cannot use the password file {path}: {detail}")]
    File { path: PathBuf, detail: String },
    /// The password file is not in the expected format; it is left as it is.
    #[error("the password file {path} is damaged: {detail}")]
    CorruptFile { path: PathBuf, detail: String },
    /// The account's storage is "ask at each start": there is nothing to store or read.
    #[error("this account's password is not stored; it is asked for at each start")]
    NotStored,
    /// Anything else the keyring reported.
    #[error("keyring error: {detail}")]
    Other { detail: String },
}

impl SecretError {
    /// A stable i18n key for the user-facing message.
    pub fn key(&self) -> &'static str {
        match self {
            SecretError::Unavailable { .. } => "secrets.error.unavailable",
            SecretError::Denied { .. } => "secrets.error.denied",
            SecretError::File { .. } => "secrets.error.file",
            SecretError::CorruptFile { .. } => "secrets.error.corrupt_file",
            SecretError::NotStored => "secrets.error.not_stored",
            SecretError::Other { .. } => "secrets.error.other",
        }
    }
}
