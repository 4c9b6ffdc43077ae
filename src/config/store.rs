//! The config file on disk: where it lives, loading it, and saving it without ever losing
//! what the user had.

use super::atomic::{keep_backup, write_atomically};
use super::error::{ConfigError, LoadWarning};
use super::parse::{parse, ParseError};
use super::settings::{Settings, CURRENT_VERSION};
use directories::ProjectDirs;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The config file's name inside the config folder.
pub const CONFIG_FILE: &str = "config.toml";
/// The 0600 password file's name inside the data folder (only with `PasswordStorage::File`).
pub const SECRETS_FILE: &str = "secrets.toml";

/// Opens every file Handset writes, for whoever reads it by hand.
const FILE_HEADER: &str =
    "# Handset settings. Passwords are not kept here: they are in the keyring\n\
                           # (or, if you chose so, in the data folder's secrets file).\n";

/// Where Handset keeps its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPaths {
    /// Holds `config.toml` (XDG: `~/.config/handset`).
    pub config_dir: PathBuf,
    /// Holds data such as the opt-in secrets file (XDG: `~/.local/share/handset`).
    pub data_dir: PathBuf,
}

impl ConfigPaths {
    /// The XDG folders of the current user.
    pub fn xdg() -> Result<Self, ConfigError> {
        let dirs = ProjectDirs::from("org", "Handset", "handset").ok_or(ConfigError::NoHome)?;
        Ok(ConfigPaths {
            config_dir: dirs.config_dir().to_path_buf(),
            data_dir: dirs.data_dir().to_path_buf(),
        })
    }

    /// Everything in one folder, as with `--config DIR`.
    pub fn in_dir(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        ConfigPaths {
            config_dir: dir.clone(),
            data_dir: dir,
        }
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join(CONFIG_FILE)
    }

    pub fn secrets_file(&self) -> PathBuf {
        self.data_dir.join(SECRETS_FILE)
    }
}

/// What `load` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub settings: Settings,
    /// Unknown keys and repairs, to show the user; the settings loaded anyway.
    pub warnings: Vec<LoadWarning>,
    /// `Some(v)` when the file was in an older format `v`; the first save rewrites it in the
    /// current format, after keeping a `.bak` copy of the old one.
    pub migrated_from: Option<u32>,
    /// True when there was no file yet and these are the defaults.
    pub is_new: bool,
}

/// Whether saving is allowed, from what the last load found.
#[derive(Clone)]
enum FileState {
    /// Not loaded yet: a save first checks that the file on disk is loadable.
    Unchecked,
    /// Loaded (or absent): saving is fine while the file still holds `on_disk`.
    Loaded {
        /// The bytes last loaded or written; `None` when there was no file.
        on_disk: Option<Vec<u8>>,
        /// Those bytes are an older format, to keep as `.bak` before the first save.
        old_format: bool,
    },
    /// The file could not be loaded; saving is refused until `reset_to_defaults`.
    Blocked { reason: String },
}

impl std::fmt::Debug for FileState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileState::Unchecked => f.write_str("Unchecked"),
            FileState::Loaded { old_format, .. } => {
                write!(f, "Loaded {{ old_format: {old_format} }}")
            }
            FileState::Blocked { reason } => write!(f, "Blocked {{ reason: {reason:?} }}"),
        }
    }
}

/// The config file, loaded and saved safely.
#[derive(Debug, Clone)]
pub struct ConfigStore {
    paths: ConfigPaths,
    state: FileState,
}

impl ConfigStore {
    /// A store in `dir` (the headless `--config DIR`), or in the XDG folders when `None`.
    /// Nothing is read or created yet.
    pub fn open(dir: Option<PathBuf>) -> Result<Self, ConfigError> {
        let paths = match dir {
            Some(dir) => ConfigPaths::in_dir(dir),
            None => ConfigPaths::xdg()?,
        };
        Ok(Self::with_paths(paths))
    }

    /// A store with explicit config and data folders.
    pub fn with_paths(paths: ConfigPaths) -> Self {
        ConfigStore {
            paths,
            state: FileState::Unchecked,
        }
    }

    pub fn paths(&self) -> &ConfigPaths {
        &self.paths
    }

    /// The config file's path.
    pub fn path(&self) -> PathBuf {
        self.paths.config_file()
    }

    /// Reads the config file. A missing file gives the defaults (nothing is written). A file
    /// that cannot be loaded gives an error, is copied to `config.toml.bak` when it is corrupt,
    /// and blocks `save` until `reset_to_defaults`.
    pub fn load(&mut self) -> Result<Loaded, ConfigError> {
        match self.read() {
            Ok(loaded) => Ok(loaded),
            Err(error) => {
                self.state = FileState::Blocked {
                    reason: error.to_string(),
                };
                Err(error)
            }
        }
    }

    fn read(&mut self) -> Result<Loaded, ConfigError> {
        let path = self.path();
        let bytes = match read_file(&path)? {
            Some(bytes) => bytes,
            None => {
                self.state = FileState::Loaded {
                    on_disk: None,
                    old_format: false,
                };
                return Ok(Loaded {
                    settings: Settings::default(),
                    warnings: Vec::new(),
                    migrated_from: None,
                    is_new: true,
                });
            }
        };
        let parsed = std::str::from_utf8(&bytes)
            .map_err(|e| ParseError::Invalid {
                line: None,
                column: None,
                detail: format!("not UTF-8 text: {e}"),
            })
            .and_then(parse);
        match parsed {
            Ok(parsed) => {
                let migrated_from =
                    (parsed.from_version != CURRENT_VERSION).then_some(parsed.from_version);
                self.state = FileState::Loaded {
                    on_disk: Some(bytes),
                    old_format: migrated_from.is_some(),
                };
                Ok(Loaded {
                    settings: parsed.settings,
                    warnings: parsed.warnings,
                    migrated_from,
                    is_new: false,
                })
            }
            Err(ParseError::TooNew(version)) => Err(ConfigError::TooNew {
                path,
                version,
                supported: CURRENT_VERSION,
            }),
            Err(ParseError::Invalid {
                line,
                column,
                detail,
            }) => {
                let backup = match keep_backup(&path, &bytes) {
                    Ok(backup) => Some(backup),
                    Err(e) => {
                        tracing::warn!("could not keep a copy of {}: {e}", path.display());
                        None
                    }
                };
                Err(ConfigError::Corrupt {
                    path,
                    line,
                    column,
                    detail,
                    backup,
                })
            }
        }
    }

    /// Writes `settings` atomically. Refused (nothing written) when the file on disk could not
    /// be loaded, including when someone changed it since and it no longer loads; when it was
    /// in an older format, a `.bak` copy is kept first.
    pub fn save(&mut self, settings: &Settings) -> Result<(), ConfigError> {
        let path = self.path();
        let changed_on_disk = match &self.state {
            // Never write over a file nobody looked at: it may hold settings we cannot read.
            FileState::Unchecked => true,
            FileState::Loaded { on_disk, .. } => read_file(&path).ok().as_ref() != Some(on_disk),
            FileState::Blocked { .. } => false,
        };
        if changed_on_disk {
            let _ = self.load();
        }
        match &self.state {
            FileState::Blocked { reason } => {
                return Err(ConfigError::SaveRefused {
                    path,
                    reason: reason.clone(),
                })
            }
            FileState::Loaded {
                on_disk: Some(bytes),
                old_format: true,
            } => {
                keep_backup(&path, bytes).map_err(|e| ConfigError::write(path.clone(), &e))?;
            }
            _ => {}
        }
        self.write(settings)
    }

    /// The user's explicit choice after a load error: keeps a copy of whatever is there (when
    /// it can be read), then writes and returns the default settings.
    pub fn reset_to_defaults(&mut self) -> Result<Settings, ConfigError> {
        let path = self.path();
        if let Ok(bytes) = fs::read(&path) {
            keep_backup(&path, &bytes).map_err(|e| ConfigError::write(path.clone(), &e))?;
        }
        let settings = Settings::default();
        self.write(&settings)?;
        Ok(settings)
    }

    /// Writes the file and remembers what it now holds.
    fn write(&mut self, settings: &Settings) -> Result<(), ConfigError> {
        let path = self.path();
        let mut settings = settings.clone();
        settings.version = CURRENT_VERSION;
        let body = toml::to_string(&settings).map_err(|e| ConfigError::Write {
            path: path.clone(),
            kind: io::ErrorKind::InvalidData,
            detail: e.to_string(),
        })?;
        let text = format!("{FILE_HEADER}{body}");
        fs::create_dir_all(&self.paths.config_dir)
            .map_err(|e| ConfigError::write(self.paths.config_dir.clone(), &e))?;
        write_atomically(&path, text.as_bytes(), 0o600)
            .map_err(|e| ConfigError::write(path, &e))?;
        self.state = FileState::Loaded {
            on_disk: Some(text.into_bytes()),
            old_format: false,
        };
        Ok(())
    }
}

/// The file's bytes, `None` when it does not exist.
fn read_file(path: &Path) -> Result<Option<Vec<u8>>, ConfigError> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(ConfigError::NotAFile {
                path: path.to_path_buf(),
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ConfigError::unreadable(path.to_path_buf(), &e)),
        Ok(_) => {}
    }
    fs::read(path)
        .map(Some)
        .map_err(|e| ConfigError::unreadable(path.to_path_buf(), &e))
}
