//! Handset's settings and accounts (a versioned TOML file in the XDG config folder) and the
//! accounts' passwords (in the Secret Service, never in that file).
//!
//! - [`Settings`] and [`Account`]: the data model, with per-field validation for forms;
//! - [`ConfigStore`]: loads and saves `config.toml` atomically, keeps a `.bak` copy of a
//!   file it cannot read and refuses to overwrite it until [`ConfigStore::reset_to_defaults`];
//! - [`secrets`]: where passwords go.

mod account;
mod address;
mod atomic;
mod error;
mod migrate;
mod parse;
pub mod peer_user;
pub mod secrets;
mod settings;
mod store;
mod validate;

pub use account::{
    Account, AccountId, PasswordStorage, Transport, DEFAULT_CODECS, DEFAULT_EXPIRES,
};
pub use atomic::write_atomically;
pub use error::{ConfigError, LoadWarning};
pub use settings::parse_dns_server;
pub use settings::{
    AudioSettings, GeneralSettings, NetworkSettings, Settings, ThemeChoice, TransportFlags,
    CURRENT_VERSION, DEFAULT_RING_TIMEOUT_SECONDS, DEFAULT_SIP_PORT, DEFAULT_TLS_PORT, FULL_VOLUME,
    RING_TIMEOUT_RANGE,
};
pub use store::{ConfigPaths, ConfigStore, Loaded, CONFIG_FILE, SECRETS_FILE};
pub use validate::{FieldError, SettingsError, EXPIRES_RANGE, MAX_DISPLAY_NAME};
