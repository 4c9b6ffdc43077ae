//! What can go wrong with the config file, each with a stable i18n key for the face and a
//! message naming the file.

use std::io;
use std::path::PathBuf;

/// A config file problem. Clone, so a face can keep it and show it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// No home folder, so no XDG config folder: pass `--config DIR`.
    #[error("cannot find the home folder to keep settings in; pass --config DIR")]
    NoHome,
    /// Something other than a regular file is where the config file should be.
    #[error("{path} is not a regular file")]
    NotAFile { path: PathBuf },
    /// The file exists but could not be read (permissions, I/O error).
    #[error("cannot read {path}: {detail}")]
    Unreadable {
        path: PathBuf,
        kind: io::ErrorKind,
        detail: String,
    },
    /// The file is not valid TOML, or a value has the wrong type. The original is untouched
    /// and a copy was kept at `backup` (when the copy could be made).
    #[error("{path}{}: {detail}", location(*line, *column))]
    Corrupt {
        path: PathBuf,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// 1-based column (in characters) of the problem, when known.
        column: Option<usize>,
        detail: String,
        backup: Option<PathBuf>,
    },
    /// The file was written by a newer Handset; it is left as it is.
    #[error(
        "{path} has format version {version}, newer than this Handset understands ({supported})"
    )]
    TooNew {
        path: PathBuf,
        version: i64,
        supported: u32,
    },
    /// Saving was refused because the existing file could not be loaded; nothing was written.
    /// Call `ConfigStore::reset_to_defaults` once the user chose to start afresh.
    #[error("not saving over {path}: it could not be loaded ({reason})")]
    SaveRefused { path: PathBuf, reason: String },
    /// Writing the file (or its folder, or its backup copy) failed; the old file is intact.
    #[error("cannot write {path}: {detail}")]
    Write {
        path: PathBuf,
        kind: io::ErrorKind,
        detail: String,
    },
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(" line {line}, column {column}"),
        (Some(line), None) => format!(" line {line}"),
        _ => String::new(),
    }
}

impl ConfigError {
    /// A stable i18n key for the user-facing message.
    pub fn key(&self) -> &'static str {
        match self {
            ConfigError::NoHome => "config.error.no_home",
            ConfigError::NotAFile { .. } => "config.error.not_a_file",
            ConfigError::Unreadable { .. } => "config.error.unreadable",
            ConfigError::Corrupt { .. } => "config.error.corrupt",
            ConfigError::TooNew { .. } => "config.error.too_new",
            ConfigError::SaveRefused { .. } => "config.error.save_refused",
            ConfigError::Write { .. } => "config.error.write",
        }
    }

    /// The file the problem is about, if any.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            ConfigError::NoHome => None,
            ConfigError::NotAFile { path }
            | ConfigError::Unreadable { path, .. }
            | ConfigError::Corrupt { path, .. }
            | ConfigError::TooNew { path, .. }
            | ConfigError::SaveRefused { path, .. }
            | ConfigError::Write { path, .. } => Some(path),
        }
    }

    pub(crate) fn unreadable(path: PathBuf, error: &io::Error) -> Self {
        ConfigError::Unreadable {
            path,
            kind: error.kind(),
            detail: error.to_string(),
        }
    }

    pub(crate) fn write(path: PathBuf, error: &io::Error) -> Self {
        ConfigError::Write {
            path,
            kind: error.kind(),
            detail: error.to_string(),
        }
    }
}

/// Something worth telling the user about a file that did load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    /// A stable i18n key, e.g. `config.warning.unknown_key`.
    pub key: &'static str,
    /// The dotted path of the key concerned, e.g. `accounts.0.colour`.
    pub path: String,
    /// Specifics in plain English.
    pub detail: String,
}
