//! Handset, a desktop SIP softphone.
//!
//! The crate is laid out in three rings (see README.md):
//! - ring 1, pure sans-IO cores: [`sip`] and [`media`];
//! - ring 2, drivers: [`engine`] (tokio) and [`audio`] (cpal, WAV files, null);
//! - ring 3, faces: [`ui`] (iced), [`headless`] (JSON lines) and [`desktop`] (notifications,
//!   screen-saver inhibit).
//!
//! [`engine::api`]'s `Command` and `Event` are the only way between faces and drivers.

pub mod audio;
pub mod config;
pub mod contacts;
pub mod data_dir;
pub mod desktop;
pub mod engine;
pub mod freed_memory;
pub mod headless;
pub mod history;
pub mod media;
pub mod sip;
pub mod ui;
