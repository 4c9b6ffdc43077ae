//! Ring 3: the iced face. A window with a dialer, an in-call screen and an incoming-call
//! screen, talking to the engine only through `Command` and `Event`.
//!
//! `main.rs` calls [`run`]; everything else here is private to the GUI.

pub mod address;
mod app;
mod data_loading;
mod desktop_link;
mod engine_link;
pub mod i18n;
mod keys;
pub mod screens;
mod settings_io;
mod style;
mod window_state;

use crate::engine::api::launch::{AudioBackend, EngineConfig};
use std::net::SocketAddr;
use std::path::PathBuf;

/// How the GUI starts.
#[derive(Debug, Clone)]
pub struct GuiOptions {
    /// The engine the window starts and drives.
    pub engine: EngineConfig,
    /// Where settings live (`--config DIR`); `None` uses the XDG config and data folders.
    pub config_dir: Option<PathBuf>,
    /// Where contacts, the call history and the window's size live (`--data DIR`); `None`
    /// uses `--config DIR` when given, else the XDG data folder.
    pub data_dir: Option<PathBuf>,
    /// Listen on the SIP port saved in the settings rather than on `engine.listen`'s port
    /// (no `--listen` on the command line).
    pub port_from_settings: bool,
}

impl GuiOptions {
    /// Defaults for a desktop user: no auto-answer, and as SIP user name the token kept in
    /// the data folder (filled in at boot, see `config::peer_user`).
    pub fn new(listen: SocketAddr, audio: AudioBackend) -> GuiOptions {
        GuiOptions {
            engine: EngineConfig {
                listen,
                audio,
                auto_answer: false,
                user: String::new(),
                display_name: None,
                codecs: Vec::new(),
            },
            config_dir: None,
            data_dir: None,
            port_from_settings: false,
        }
    }
}

/// Why the window could not run.
#[derive(Debug, thiserror::Error)]
pub enum GuiError {
    #[error("the window could not be shown: {0}")]
    Window(#[from] iced::Error),
    #[error("{0}")]
    NoDataFolder(String),
}

/// Open the Handset window and run until the user closes it.
pub fn run(options: GuiOptions) -> Result<(), GuiError> {
    let config = options.engine;
    let data_dir = crate::data_dir::resolve(options.data_dir, options.config_dir.as_deref())
        .map_err(GuiError::NoDataFolder)?;
    let config_dir = options.config_dir;
    let port_from_settings = options.port_from_settings;
    let geometry = window_state::WindowState::load(&data_dir);
    let position = geometry.position().map_or(
        iced::window::Position::Default,
        iced::window::Position::Specific,
    );
    iced::application(
        move || {
            app::App::boot(
                config.clone(),
                config_dir.clone(),
                data_dir.clone(),
                port_from_settings,
            )
        },
        app::App::update,
        app::App::view,
    )
    .title(app::App::title)
    .subscription(app::App::subscription)
    .theme(app::App::theme)
    .window_size(geometry.size())
    .position(position)
    .exit_on_close_request(false)
    .run()?;
    Ok(())
}
