//! What can go wrong with the call history, in words a user can act on.

use std::path::PathBuf;
use thiserror::Error;

/// A failure of the call history. Each variant has a stable [`HistoryError::i18n_key`] for the
/// faces; the `Display` text is the technical detail (paths, SQLite's own message).
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum HistoryError {
    #[error("cannot create the folder {path} for the call history: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the call history {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// A newer Handset wrote this file. It is left untouched so that the newer version still
    /// finds all of it; this version keeps no history until it is updated.
    #[error(
        "the call history {path} was written by a newer Handset (schema {found}, this version \
         reads up to {supported}); it is left as it is"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("cannot move the damaged call history {path} aside: {source}")]
    MoveAside {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot upgrade the call history {path} to schema {version}: {source}")]
    Migration {
        path: PathBuf,
        version: u32,
        source: rusqlite::Error,
    },
    /// The fresh database made after moving a damaged one aside is damaged too: something other
    /// than the file is wrong (the disk, the file system).
    #[error("the new call history {path} is unusable too: {reason}")]
    StillDamaged { path: PathBuf, reason: String },
    /// A query failed, or a stored row holds a value this version cannot read.
    #[error("call history: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl HistoryError {
    /// A stable key for translations and for tests.
    pub fn i18n_key(&self) -> &'static str {
        match self {
            HistoryError::CreateDir { .. } => "history-error-create-dir",
            HistoryError::Open { .. } => "history-error-open",
            HistoryError::NewerSchema { .. } => "history-error-newer-schema",
            HistoryError::MoveAside { .. } => "history-error-move-aside",
            HistoryError::Migration { .. } => "history-error-migration",
            HistoryError::StillDamaged { .. } => "history-error-still-damaged",
            HistoryError::Sqlite(_) => "history-error-database",
        }
    }
}
