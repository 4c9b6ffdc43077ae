//! The GUI's hands on the disk for settings: the config store and the password store. The
//! settings panel asks, this carries out, and the panel is told how it went.

use super::screens::settings::{keyed_text, SettingsPanel, SettingsRequest};
use crate::config::secrets::{AccountSecrets, Password, SecretError};
use crate::config::{Account, ConfigError, ConfigStore, PasswordStorage, Settings};
use std::path::PathBuf;
use std::sync::Arc;

/// The config file and password stores, once found.
pub struct SettingsStore {
    store: Option<ConfigStore>,
    /// Shared with the engine, which reads passwords (including those typed at start)
    /// through the same value.
    secrets: Option<Arc<AccountSecrets>>,
}

impl SettingsStore {
    /// Loads the settings from `dir` (or the XDG folders). A file that cannot be loaded gives
    /// the defaults plus the problem in words; the store then refuses saves until a reset.
    pub fn open(dir: Option<PathBuf>) -> (SettingsStore, Settings, Option<String>) {
        let mut store = match ConfigStore::open(dir) {
            Ok(store) => store,
            Err(error) => {
                let none = SettingsStore {
                    store: None,
                    secrets: None,
                };
                return (none, Settings::default(), Some(config_error_text(&error)));
            }
        };
        let secrets = Arc::new(AccountSecrets::new(store.paths()));
        let (settings, problem) = match store.load() {
            Ok(loaded) => (loaded.settings, None),
            Err(error) => (Settings::default(), Some(config_error_text(&error))),
        };
        let opened = SettingsStore {
            store: Some(store),
            secrets: Some(secrets),
        };
        (opened, settings, problem)
    }

    /// Explicit stores: a temp folder and memory password stores in tests.
    #[cfg(test)]
    pub fn with_parts(store: ConfigStore, secrets: AccountSecrets) -> SettingsStore {
        SettingsStore {
            store: Some(store),
            secrets: Some(Arc::new(secrets)),
        }
    }

    /// The password stores, to hand to the engine so both read the same passwords.
    pub fn secrets(&self) -> Option<Arc<AccountSecrets>> {
        self.secrets.clone()
    }

    /// The accounts of `settings` that should register but wait for a password typed at
    /// start (`AskEachStart`, none typed yet in this run).
    pub fn accounts_to_ask(&self, settings: &Settings) -> Vec<Account> {
        let Some(secrets) = &self.secrets else {
            return Vec::new();
        };
        settings
            .accounts
            .iter()
            .filter(|account| secrets.needs_asking(account))
            .cloned()
            .collect()
    }

    /// Keeps a password typed at start in memory for this run. False when there are no
    /// stores at all (the config folder could not be found).
    pub fn remember_for_this_run(&self, account: &Account, password: &Password) -> bool {
        match &self.secrets {
            Some(secrets) => {
                secrets.remember_for_this_run(account, password);
                true
            }
            None => false,
        }
    }

    /// No store at all: saving says so. Used until the real one is opened.
    pub fn detached() -> SettingsStore {
        SettingsStore {
            store: None,
            secrets: None,
        }
    }

    /// Carries out the panel's request. Returns the settings to hand to the engine when they
    /// were saved.
    pub fn perform(
        &mut self,
        request: SettingsRequest,
        panel: &mut SettingsPanel,
    ) -> Option<Settings> {
        let Some(store) = &mut self.store else {
            panel.save_failed(keyed_text("config.error.no_home", ""));
            return None;
        };
        match request {
            SettingsRequest::Reset => match store.reset_to_defaults() {
                Ok(settings) => {
                    panel.saved(settings.clone());
                    Some(settings)
                }
                Err(error) => {
                    panel.save_failed(config_error_text(&error));
                    None
                }
            },
            SettingsRequest::Save {
                settings,
                password,
                forget,
            } => {
                // The password first: if it has nowhere to go, the user chooses before
                // anything is written.
                if let (Some(pair), Some(secrets)) = (password, &self.secrets) {
                    let (account, password) = *pair;
                    match secrets.set(&account, &password) {
                        // Typed in the form: good for this run, never written down.
                        Ok(()) if account.password_storage == PasswordStorage::AskEachStart => {
                            secrets.remember_for_this_run(&account, &password);
                        }
                        Ok(()) => {}
                        Err(SecretError::Unavailable { detail }) => {
                            panel.password_storage_unavailable(detail);
                            return None;
                        }
                        Err(error) => {
                            panel.save_failed(keyed_text(error.key(), &error.to_string()));
                            return None;
                        }
                    }
                }
                match store.save(&settings) {
                    Ok(()) => {
                        // A deleted account's password goes too; failing that is not worth
                        // undoing the deletion for, but the user hears of it.
                        if let (Some(account), Some(secrets)) = (forget, &self.secrets) {
                            if let Err(error) = secrets.delete(account.as_ref()) {
                                panel.saved((*settings).clone());
                                panel.save_failed(keyed_text(error.key(), &error.to_string()));
                                return Some(*settings);
                            }
                        }
                        panel.saved((*settings).clone());
                        Some(*settings)
                    }
                    Err(error) => {
                        panel.save_failed(config_error_text(&error));
                        None
                    }
                }
            }
        }
    }
}

fn config_error_text(error: &ConfigError) -> String {
    keyed_text(error.key(), &error.to_string())
}
