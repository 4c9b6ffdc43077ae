//! Where the user's contacts and call history live: `--data DIR`, else the `--config DIR`
//! folder (which then holds everything, as tests and portable setups want), else the XDG
//! data folder (`~/.local/share/handset`).

use crate::config::ConfigPaths;
use std::path::{Path, PathBuf};

/// The data folder for these command-line choices; an error only when there is no home.
pub fn resolve(data: Option<PathBuf>, config: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(dir) = data {
        return Ok(dir);
    }
    if let Some(dir) = config {
        return Ok(dir.to_path_buf());
    }
    ConfigPaths::xdg()
        .map(|paths| paths.data_dir)
        .map_err(|e| format!("no folder for contacts and history: {e}"))
}

/// The contacts folder (a vdir: one vCard per file) inside the data folder.
pub fn contacts_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("contacts")
}

/// The call history database inside the data folder.
pub fn history_file(data_dir: &Path) -> PathBuf {
    data_dir.join("history.db")
}
