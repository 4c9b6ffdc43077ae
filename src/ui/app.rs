//! The application: which screen is up, the link to the engine, and routing between them.
//!
//! `update` only dispatches: screens decide what a click means, the engine decides what a call
//! does, and this file moves messages and events between the two.

use super::engine_link::{self, EngineReport};
use super::i18n::tr;
use super::screens::dialer::{self, Dialer};
use super::screens::ended::{self, EndedNotice};
use super::screens::in_call::{self, InCall};
use super::screens::incoming::{self, Incoming};
use super::screens::password_prompt::{self, PasswordPrompt};
use super::screens::settings::{self, SettingsPanel};
use super::screens::Action;
use super::settings_io::SettingsStore;
use crate::engine::api::Command;
use crate::engine::EngineConfig;
use iced::{keyboard, window, Subscription, Task, Theme};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;

/// How long closing the window waits for the engine to hang up calls before leaving anyway.
const QUIT_GRACE: Duration = Duration::from_secs(2);
/// How often the call timer is refreshed; under a second so it never visibly skips.
const TIMER_REFRESH: Duration = Duration::from_millis(250);

#[derive(Debug, Clone)]
pub enum Message {
    Dialer(dialer::Message),
    InCall(in_call::Message),
    Incoming(incoming::Message),
    Ended(ended::Message),
    Settings(settings::Message),
    PasswordPrompt(password_prompt::Message),
    OpenSettings,
    /// Tab: move the keyboard focus to the next field (iced's text inputs ignore Tab).
    FocusNext,
    /// From the engine subscription: dropped unless it comes from the current engine.
    Engine(EngineReport),
    Tick(Instant),
    DismissError,
    WindowOpened,
    CloseRequested,
    QuitGraceOver,
}

/// Where the engine stands, as far as the window knows.
#[derive(Debug, Clone)]
enum EngineStatus {
    Starting,
    Running(UnboundedSender<Command>),
    Failed(String),
    Stopped,
}

#[derive(Debug, Clone)]
enum Screen {
    Dialer,
    InCall(InCall),
    Incoming(Incoming),
}

/// What `update` must do beyond changing state; kept apart from iced's `Task` so tests can see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    None,
    FocusAddress,
    FocusNext,
    Focus(&'static str),
    WaitForEngineToQuit,
    Exit,
}

pub struct App {
    config: EngineConfig,
    engine: EngineStatus,
    /// Which engine is current: counts restarts (a new SIP port starts a new engine).
    engine_generation: u64,
    /// Commands given before the engine finished starting; sent once it is up.
    pending: Vec<Command>,
    /// Our own SIP address, from `Event::Ready`.
    contact: Option<String>,
    dialer: Dialer,
    screen: Screen,
    notice: Option<EndedNotice>,
    error: Option<String>,
    quitting: bool,
    settings_panel: SettingsPanel,
    settings_store: SettingsStore,
    settings_open: bool,
    /// Accounts waiting for a password typed now ("ask at each start"); the first is shown.
    prompts: VecDeque<PasswordPrompt>,
}

impl App {
    pub fn new(config: EngineConfig) -> App {
        App {
            config,
            engine: EngineStatus::Starting,
            engine_generation: 0,
            pending: Vec::new(),
            contact: None,
            dialer: Dialer::new(),
            screen: Screen::Dialer,
            notice: None,
            error: None,
            quitting: false,
            settings_panel: SettingsPanel::new(Default::default(), &[], None),
            settings_store: SettingsStore::detached(),
            settings_open: false,
            prompts: VecDeque::new(),
        }
    }

    /// An application whose settings panel saves through `store`.
    fn with_settings(config: EngineConfig, store: SettingsStore, panel: SettingsPanel) -> App {
        // Before anything is worded: the saved language, else the desktop's.
        super::i18n::set_language(panel.settings().general.language.as_deref());
        let mut app = App::new(config);
        // The engine starts from its own options; hand it the saved accounts too.
        if !panel.settings().accounts.is_empty() {
            app.pending.push(Command::ApplySettings {
                settings: Box::new(panel.settings().clone()),
            });
        }
        app.settings_store = store;
        app.settings_panel = panel;
        // Ask at each start: the accounts whose password is kept nowhere ask for it now.
        app.queue_password_prompts();
        app
    }

    /// The first state. The address field is focused on `WindowOpened`, not here: a focus
    /// asked for before the window's widgets exist is dropped.
    /// Settings are loaded from `config_dir` (or the XDG folders); a file that cannot be
    /// loaded is shown in the settings panel and left untouched. With `port_from_settings`
    /// the phone listens on the SIP port the user saved (the panel's Network page).
    pub fn boot(
        mut config: EngineConfig,
        config_dir: Option<PathBuf>,
        port_from_settings: bool,
    ) -> (App, Task<Message>) {
        let (store, settings, problem) = SettingsStore::open(config_dir);
        if port_from_settings {
            config.listen.set_port(settings.network.sip_port);
        }
        let devices = crate::audio::list_devices();
        let panel = SettingsPanel::new(settings, &devices, problem.clone());
        let mut app = App::with_settings(config, store, panel);
        // Say so on the main screen too: otherwise a broken file goes unseen until Settings.
        app.error = problem;
        (app, Task::none())
    }

    pub fn title(&self) -> String {
        tr("app-title")
    }

    pub fn theme(&self) -> Theme {
        Theme::Light
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match self.step(message, Instant::now()) {
            Effect::None => Task::none(),
            Effect::FocusAddress => focus_address(),
            Effect::FocusNext => iced::widget::operation::focus_next(),
            Effect::Focus(id) => iced::widget::operation::focus(id),
            Effect::WaitForEngineToQuit => {
                Task::perform(tokio::time::sleep(QUIT_GRACE), |_| Message::QuitGraceOver)
            }
            Effect::Exit => iced::exit(),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let mut subscriptions = vec![
            engine_link::subscription(
                &self.config,
                self.settings_store.secrets(),
                self.engine_generation,
            )
            .map(Message::Engine),
            window::open_events().map(|_| Message::WindowOpened),
            window::close_requests().map(|_| Message::CloseRequested),
            keyboard::listen().filter_map(|event| match event {
                keyboard::Event::KeyPressed {
                    key: keyboard::Key::Named(keyboard::key::Named::Tab),
                    ..
                } => Some(Message::FocusNext),
                _ => None,
            }),
        ];
        if matches!(&self.screen, Screen::InCall(call) if call.timer_text().is_some()) {
            subscriptions.push(iced::time::every(TIMER_REFRESH).map(Message::Tick));
        }
        Subscription::batch(subscriptions)
    }

    fn step(&mut self, message: Message, now: Instant) -> Effect {
        match message {
            Message::Dialer(message) => {
                let action = self.dialer.update(message);
                if matches!(action, Action::Engine(Command::Dial { .. })) {
                    self.notice = None;
                }
                self.perform(action)
            }
            Message::InCall(message) => match &mut self.screen {
                Screen::InCall(screen) => {
                    let action = screen.update(message);
                    self.perform(action)
                }
                _ => Effect::None,
            },
            Message::Incoming(message) => match &mut self.screen {
                Screen::Incoming(screen) => {
                    let action = screen.update(message);
                    self.perform(action)
                }
                _ => Effect::None,
            },
            Message::Ended(message) => match &mut self.notice {
                Some(notice) => {
                    let action = notice.update(message);
                    self.perform(action)
                }
                None => Effect::None,
            },
            Message::Settings(message) => self.on_settings(message),
            Message::PasswordPrompt(message) => self.on_password_prompt(message),
            Message::OpenSettings => {
                self.settings_open = true;
                Effect::None
            }
            Message::FocusNext => Effect::FocusNext,
            Message::Engine(report) if report.generation == self.engine_generation => {
                self.on_engine(report.message, now)
            }
            // An engine stopped for a restart, still talking on its way out.
            Message::Engine(_) => Effect::None,
            Message::Tick(now) => {
                if let Screen::InCall(screen) = &mut self.screen {
                    screen.tick(now);
                }
                Effect::None
            }
            Message::DismissError => {
                self.error = None;
                Effect::None
            }
            // Focus can only be given once the window's widgets exist; asking at boot races.
            Message::WindowOpened => match self.screen {
                Screen::Dialer if !self.prompts.is_empty() => {
                    Effect::Focus(password_prompt::PASSWORD_INPUT_ID)
                }
                Screen::Dialer => Effect::FocusAddress,
                _ => Effect::None,
            },
            Message::CloseRequested => self.close(),
            Message::QuitGraceOver => Effect::Exit,
        }
    }

    /// `message` as the current engine's report, as the subscription hands it over.
    #[cfg(test)]
    fn current_engine_says(&self, message: engine_link::EngineMessage) -> Message {
        Message::Engine(EngineReport {
            generation: self.engine_generation,
            message,
        })
    }

    fn perform(&mut self, action: Action) -> Effect {
        match action {
            Action::None => Effect::None,
            Action::Engine(command) => {
                self.send(command);
                Effect::None
            }
            Action::Close => {
                self.notice = None;
                Effect::FocusAddress
            }
            Action::Settings(request) => {
                self.save_settings(request);
                Effect::None
            }
            Action::AskPassword(account) => self.ask_password(account),
        }
    }

    fn send(&mut self, command: Command) {
        match &self.engine {
            EngineStatus::Starting => self.pending.push(command),
            EngineStatus::Running(commands) => {
                if commands.send(command).is_err() {
                    self.engine = EngineStatus::Stopped;
                }
            }
            // The banner already says the phone is not running; there is no one to tell.
            EngineStatus::Failed(_) | EngineStatus::Stopped => {}
        }
    }

    fn close(&mut self) -> Effect {
        match &self.engine {
            EngineStatus::Running(_) if !self.quitting => {
                self.quitting = true;
                self.send(Command::Quit);
                Effect::WaitForEngineToQuit
            }
            EngineStatus::Running(_) => Effect::None,
            _ => Effect::Exit,
        }
    }
}

fn focus_address() -> Task<Message> {
    iced::widget::operation::focus(dialer::ADDRESS_INPUT_ID)
}

#[path = "app_view.rs"]
mod view;

#[path = "app_engine.rs"]
mod engine_routing;

#[path = "app_settings.rs"]
mod settings_routing;

#[path = "app_password.rs"]
mod password_routing;

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "app_settings_tests.rs"]
mod settings_tests;

#[cfg(test)]
#[path = "app_password_tests.rs"]
mod password_tests;
