//! Ring 3: the desktop around the window — one Handset per session reached over D-Bus, links
//! that dial, the tray icon, and starting at login. Like every face it knows the engine only
//! through `Command` and `Event` (src/engine/api.rs).

pub mod autostart;
pub mod instance;
pub mod instance_uri;
pub mod tray;
pub mod tray_view;
