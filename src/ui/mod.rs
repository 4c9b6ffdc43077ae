//! Ring 3: the iced face. A window with a dialer, an in-call screen and an incoming-call
//! screen, talking to the engine only through `Command` and `Event`.
//!
//! `main.rs` calls [`run`]; everything else here is private to the GUI.

pub mod address;
mod app;
mod data_loading;
mod desktop_link;
mod desktop_requests;
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
    /// Links to call once the phone is up (`handset sip:…`, `tel:`, `callto:`).
    pub links: Vec<String>,
    /// Start without showing the window (`--gapplication-service`: D-Bus activation and the
    /// autostart entry); the tray, a link or a second start show it.
    pub background: bool,
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
            links: Vec::new(),
            background: false,
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

/// Open the Handset window and run until the user closes it. `instance` is this session's
/// one Handset on the bus (see `desktop::instance::claim`); without it there is no tray and
/// no hand-off.
pub fn run(
    options: GuiOptions,
    instance: Option<crate::desktop::instance::Instance>,
) -> Result<(), GuiError> {
    let desktop = desktop_start(&options, instance.as_ref());
    let desktop = std::sync::Mutex::new(Some(desktop));
    let hidden = desktop
        .lock()
        .ok()
        .and_then(|start| start.as_ref().map(|start| start.hidden))
        .unwrap_or(false);
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
            let (mut app, task) = app::App::boot(
                config.clone(),
                config_dir.clone(),
                data_dir.clone(),
                port_from_settings,
            );
            if let Some(start) = desktop.lock().ok().and_then(|mut start| start.take()) {
                app.attach_desktop(start);
            }
            (app, task)
        },
        app::App::update,
        app::App::view,
    )
    .title(app::App::title)
    .subscription(app::App::subscription)
    .theme(app::App::theme)
    .window(iced::window::Settings {
        size: geometry.size(),
        position,
        visible: !hidden,
        exit_on_close_request: false,
        ..iced::window::Settings::default()
    })
    .run()?;
    // The bus name and the tray go with the window.
    drop(instance);
    Ok(())
}

/// The tray (when there is a session bus) and how the window starts: hidden when started in
/// the background, or minimised to a tray that shows our icon; never hidden with a link to
/// call, nor without a tray to come back from (then start-minimised minimises).
fn desktop_start(
    options: &GuiOptions,
    instance: Option<&crate::desktop::instance::Instance>,
) -> desktop_requests::DesktopStart {
    use crate::desktop::tray::Tray;
    let start_minimised = crate::config::ConfigStore::open(options.config_dir.clone())
        .and_then(|mut store| store.load())
        .map(|loaded| loaded.settings.general.start_minimised)
        .unwrap_or(false);
    let mut start = desktop_requests::DesktopStart {
        links: options.links.clone(),
        ..Default::default()
    };
    if let Some(instance) = instance {
        start.requests = Some(desktop_requests::RequestQueue::of(instance));
        match Tray::start(instance, Default::default()) {
            Ok(tray) => {
                start.tray_shown = tray.is_shown();
                start.tray = Some(tray);
            }
            Err(e) => tracing::warn!("no tray icon: {e}"),
        }
    }
    start.hidden =
        start.links.is_empty() && (options.background || (start_minimised && start.tray_shown));
    start
}
