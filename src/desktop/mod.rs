//! Ring 3: the desktop around the window — call notifications, the screen-saver inhibit, one
//! Handset per session reached over D-Bus, links that dial, the tray icon, starting at login,
//! and keys that answer, hang up and mute from any window. Like every face it knows the
//! engine only through `Command` and `Event` (src/engine/api.rs).

pub mod autostart;
mod calls_in_progress;
pub mod global_shortcuts;
mod global_shortcuts_bus;
pub mod inhibit;
mod inhibit_bus;
pub mod instance;
pub mod instance_uri;
pub mod media_keys;
mod media_keys_bus;
pub mod notifications;
mod notifications_bus;
mod notifications_text;
pub mod tray;
pub mod tray_view;
pub use global_shortcuts_bus::{GlobalShortcuts, ShortcutNews};
pub use media_keys_bus::MediaPlayer;
