//! Errors a person can read.

use std::path::PathBuf;

/// A file in the contacts folder that Handset could not load. It is left as it is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub file: PathBuf,
    /// Why, in words for the person whose file it is.
    pub reason: String,
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.reason)
    }
}

/// Why a contact could not be saved or deleted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ContactsError {
    #[error("could not write {file}: {source}")]
    Write {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("could not delete {file}: {source}")]
    Delete {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{file} was changed by another program and can no longer be read ({reason}); fix or remove it first")]
    ChangedOnDisk { file: PathBuf, reason: String },
}

/// Why the folder cannot be watched for changes.
#[derive(Debug, thiserror::Error)]
#[error("could not watch {dir} for changes: {source}")]
pub struct WatchError {
    pub dir: PathBuf,
    pub source: notify::Error,
}
