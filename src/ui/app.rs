//! The application: which page is up, the call in progress, the link to the engine, and
//! routing between them.
//!
//! `update` only dispatches: screens decide what a click means, the engine decides what a call
//! does, and these files move messages and events between the two.

use super::data_loading::{self, LoadedData};
use super::desktop_link::{self, Desktop, DesktopMessage};
use super::engine_link::{self, EngineReport};
use super::i18n::{tr, tr_args};
use super::screens::account_choice::{self, AccountChoice};
use super::screens::contact_editor::{self, ContactEditor};
use super::screens::contact_page::{self, ContactPage};
use super::screens::contacts::{self, ContactsScreen};
use super::screens::dial_pad::{self, DialPad};
use super::screens::ended::{self, EndedNotice};
use super::screens::history::{self, HistoryScreen};
use super::screens::in_call::{self, InCall};
use super::screens::incoming::{self, Incoming};
use super::screens::password_prompt::{self, PasswordPrompt};
use super::screens::settings::{self, SettingsPanel};
use super::screens::Action;
use super::settings_io::SettingsStore;
use super::window_state::WindowState;
use crate::contacts::Phonebook;
use crate::engine::api::launch::EngineConfig;
use crate::engine::api::Command;
use crate::history::CallLog;
use iced::{keyboard, window, Subscription, Task};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;

/// How long closing the window waits for the engine to hang up calls before leaving anyway.
const QUIT_GRACE: Duration = Duration::from_secs(2);
/// How often the call timer is refreshed; under a second so it never visibly skips.
const TIMER_REFRESH: Duration = Duration::from_millis(250);
/// How often the contacts folder is checked for changes made by other programs (the check
/// itself only drains the file watcher, so it is cheap).
const CONTACTS_CHECK: Duration = Duration::from_secs(1);

#[derive(Debug, Clone)]
pub enum Message {
    Contacts(contacts::Message),
    ContactPage(contact_page::Message),
    Editor(contact_editor::Message),
    History(history::Message),
    DialPad(dial_pad::Message),
    InCall(in_call::Message),
    Incoming(incoming::Message),
    Ended(ended::Message),
    Settings(settings::Message),
    PasswordPrompt(password_prompt::Message),
    /// A button of the left rail.
    Show(Tab),
    OpenSettings,
    /// The call bar: show the call in full.
    OpenCall,
    /// A key the focused widget did not take (see `app_keys.rs`).
    Key(super::keys::Shortcut),
    /// Tab: move the keyboard focus to the next field (iced's text inputs ignore Tab).
    FocusNext,
    /// From the engine subscription: dropped unless it comes from the current engine.
    Engine(EngineReport),
    /// From the desktop face: its handle, then the actions picked on notifications.
    Desktop(DesktopMessage),
    Tick(Instant),
    CheckContacts,
    /// The contacts and history, opened off the UI thread at start.
    DataLoaded(LoadedData),
    DismissError,
    WindowOpened,
    WindowEvent(window::Event),
    SystemTheme(iced::theme::Mode),
    CloseRequested,
    QuitGraceOver,
    /// From the session bus: a second start, a link, the tray's menu.
    DesktopRequest(crate::desktop::instance::Request),
}

/// The pages of the left rail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Contacts,
    History,
    DialPad,
}

/// Where the engine stands, as far as the window knows.
#[derive(Debug, Clone)]
enum EngineStatus {
    Starting,
    Running(UnboundedSender<Command>),
    Failed(String),
    Stopped,
}

/// What the main area shows. An incoming call covers all of them.
#[derive(Debug, Clone)]
enum Page {
    Contacts,
    Contact(ContactPage),
    Editor(ContactEditor),
    History,
    DialPad,
    /// The call in progress, in full.
    Call,
    Settings,
}

/// What `update` must do beyond changing state; kept apart from iced's `Task` so tests can see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    None,
    FocusSearch,
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
    page: Page,
    /// The page to go back to when a call or the settings close.
    home: Tab,
    call: Option<InCall>,
    incoming: Option<Incoming>,
    notice: Option<EndedNotice>,
    error: Option<String>,
    /// News that is not an error, such as what an import did.
    info: Option<String>,
    /// Where exported .vcf files go: the user's documents folder.
    export_dir: PathBuf,
    quitting: bool,
    settings_panel: SettingsPanel,
    /// The sound devices the engine last listed, for a new call's device lists.
    audio_devices: Vec<crate::engine::api::AudioDevice>,
    settings_store: SettingsStore,
    /// Accounts waiting for a password typed now ("ask at each start"); the first is shown.
    prompts: VecDeque<PasswordPrompt>,
    phonebook: Phonebook,
    call_log: CallLog,
    contacts: ContactsScreen,
    history: HistoryScreen,
    dial_pad: DialPad,
    window: WindowState,
    system_theme: iced::theme::Mode,
    /// The accounts a call can go out from, for the "call from" pickers.
    accounts: Vec<AccountChoice>,
    /// While the contacts and history load: the engine's events so far, for the history.
    loading: Option<Vec<crate::engine::api::Event>>,
    /// Notifications and the screen-saver inhibit, once their subscription is up.
    notifier: Option<Desktop>,
    /// The session bus and the tray.
    desktop: desktop_routing::Desktop,
}

impl App {
    /// A window over `phonebook` and `call_log`, with no settings on disk.
    pub fn new(config: EngineConfig, phonebook: Phonebook, call_log: CallLog) -> App {
        let mut contacts = ContactsScreen::default();
        contacts.refresh(&phonebook);
        let mut app = App {
            config,
            engine: EngineStatus::Starting,
            engine_generation: 0,
            pending: Vec::new(),
            contact: None,
            page: Page::Contacts,
            home: Tab::Contacts,
            call: None,
            incoming: None,
            notice: None,
            error: None,
            info: None,
            export_dir: documents_folder(),
            quitting: false,
            settings_panel: SettingsPanel::new(Default::default(), &[], None),
            audio_devices: Vec::new(),
            settings_store: SettingsStore::detached(),
            prompts: VecDeque::new(),
            phonebook,
            call_log,
            contacts,
            history: HistoryScreen::default(),
            dial_pad: DialPad::default(),
            window: WindowState::detached(),
            system_theme: iced::theme::Mode::None,
            accounts: Vec::new(),
            loading: None,
            notifier: None,
            desktop: desktop_routing::Desktop::detached(),
        };
        app.reload_history();
        app
    }

    /// An application whose settings panel saves through `store`.
    fn with_settings(
        config: EngineConfig,
        store: SettingsStore,
        panel: SettingsPanel,
        phonebook: Phonebook,
        call_log: CallLog,
    ) -> App {
        let mut app = App::new(config, phonebook, call_log);
        // Before anything is worded: the saved language, else the desktop's.
        super::i18n::set_language(panel.settings().general.language.as_deref());
        // The engine starts from its own options; hand it whatever was saved that is not
        // its default: accounts, the General settings it acts on (direct calls, ring timeout,
        // do-not-disturb), the sound devices and the rest of Settings → Audio.
        let saved = panel.settings();
        if *saved != crate::config::Settings::default() {
            app.pending.push(Command::ApplySettings {
                settings: Box::new(panel.settings().clone()),
            });
        }
        app.settings_store = store;
        app.accounts = account_choice::choices(panel.settings());
        app.settings_panel = panel;
        // Ask at each start: the accounts whose password is kept nowhere ask for it now.
        app.queue_password_prompts();
        app
    }

    /// The first state. The search field is focused on `WindowOpened`, not here: a focus
    /// asked for before the window's widgets exist is dropped.
    /// Settings are loaded from `config_dir` (or the XDG folders); a file that cannot be
    /// loaded is shown in the settings panel and left untouched. With `port_from_settings`
    /// the phone listens on the SIP port the user saved (the panel's Network page).
    pub fn boot(
        mut config: EngineConfig,
        config_dir: Option<PathBuf>,
        data_dir: PathBuf,
        port_from_settings: bool,
    ) -> (App, Task<Message>) {
        let (store, mut settings, problem) = SettingsStore::open(config_dir);
        // Kept in the autostart folder, not in the config file.
        settings.general.autostart = crate::desktop::autostart::is_enabled();
        if config.user.is_empty() {
            let (user, trouble) = crate::config::peer_user::load_or_create(&data_dir);
            if let Some(trouble) = trouble {
                tracing::warn!("{trouble}");
            }
            config.user = user;
        }
        if port_from_settings {
            config.listen.set_port(settings.network.sip_port);
        }
        let country = Phonebook::country_for(settings.general.default_country.as_deref());
        // The sound devices come from the engine once it is up (`Event::AudioDevices`).
        let panel = SettingsPanel::new(settings, &[], problem.clone());
        let mut app = App::with_settings(
            config,
            store,
            panel,
            Phonebook::empty(),
            CallLog::disabled(),
        );
        app.window = WindowState::load(&data_dir);
        app.loading = Some(Vec::new());
        // Said on the main screen too: otherwise a broken file goes unseen until Settings.
        app.error = problem;
        let load = Task::perform(data_loading::load(data_dir, country), Message::DataLoaded);
        (
            app,
            Task::batch([iced::system::theme().map(Message::SystemTheme), load]),
        )
    }

    /// The window's title; while a call rings it names the caller, so the taskbar shows who
    /// it is even when the window is behind others.
    pub fn title(&self) -> String {
        match &self.incoming {
            Some(ringing) => tr_args("app-title-ringing", &[("caller", ringing.title())]),
            None => tr("app-title"),
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let task = match self.step(message, Instant::now()) {
            Effect::None => Task::none(),
            Effect::FocusSearch => focus_search(),
            Effect::FocusNext => iced::widget::operation::focus_next(),
            Effect::Focus(id) => iced::widget::operation::focus(id),
            Effect::WaitForEngineToQuit => {
                Task::perform(tokio::time::sleep(QUIT_GRACE), |_| Message::QuitGraceOver)
            }
            Effect::Exit => iced::exit(),
        };
        Task::batch([task, self.desktop_task()])
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let mut subscriptions = vec![
            engine_link::subscription(
                &self.config,
                self.settings_store.secrets(),
                self.engine_generation,
            )
            .map(Message::Engine),
            desktop_link::subscription().map(Message::Desktop),
            window::open_events().map(|_| Message::WindowOpened),
            window::close_requests().map(|_| Message::CloseRequested),
            window::events().map(|(_, event)| Message::WindowEvent(event)),
            iced::event::listen_with(super::keys::shortcut).map(Message::Key),
            keyboard::listen().filter_map(|event| match event {
                keyboard::Event::KeyPressed {
                    key: keyboard::Key::Named(keyboard::key::Named::Tab),
                    ..
                } => Some(Message::FocusNext),
                _ => None,
            }),
            iced::system::theme_changes().map(Message::SystemTheme),
        ];
        // Hidden in the tray nothing is looked at: no wake-ups (caught up when shown).
        if self.desktop.window_shown {
            subscriptions.push(iced::time::every(CONTACTS_CHECK).map(|_| Message::CheckContacts));
        }
        subscriptions.extend(self.desktop_subscription());
        if self
            .call
            .as_ref()
            .is_some_and(|call| call.timer_text().is_some())
        {
            subscriptions.push(iced::time::every(TIMER_REFRESH).map(Message::Tick));
        }
        Subscription::batch(subscriptions)
    }

    fn step(&mut self, message: Message, now: Instant) -> Effect {
        match message {
            Message::Contacts(message) => {
                let action = self.contacts.update(message, &self.phonebook);
                self.perform(action)
            }
            Message::ContactPage(message) => match &mut self.page {
                Page::Contact(page) => {
                    let action = page.update(message, &self.phonebook);
                    self.perform(action)
                }
                _ => Effect::None,
            },
            Message::Editor(message) => match &mut self.page {
                Page::Editor(editor) => {
                    let action = editor.update(message);
                    self.perform(action)
                }
                _ => Effect::None,
            },
            Message::History(message) => {
                let action = self.history.update(message);
                self.perform(action)
            }
            Message::DialPad(message) => {
                let action = self.dial_pad.update(message);
                self.perform(action)
            }
            Message::InCall(message) => match &mut self.call {
                Some(call) => {
                    let action = call.update(message);
                    self.perform(action)
                }
                None => Effect::None,
            },
            Message::Incoming(message) => match &mut self.incoming {
                Some(screen) => {
                    let action = screen.update(message);
                    self.perform(action)
                }
                None => Effect::None,
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
            Message::Show(tab) => self.show(tab),
            Message::OpenSettings => self.open_settings(),
            Message::OpenCall => {
                if self.call.is_some() {
                    self.page = Page::Call;
                }
                Effect::None
            }
            Message::Key(shortcut) => self.on_shortcut(shortcut),
            Message::FocusNext => Effect::FocusNext,
            Message::Engine(report) if report.generation == self.engine_generation => {
                self.on_engine(report.message, now)
            }
            // An engine stopped for a restart, still talking on its way out.
            Message::Engine(_) => Effect::None,
            Message::Desktop(message) => self.on_desktop(message),
            Message::Tick(now) => {
                if let Some(call) = &mut self.call {
                    call.tick(now);
                }
                Effect::None
            }
            Message::CheckContacts => {
                self.check_contacts();
                Effect::None
            }
            Message::DataLoaded(data) => {
                if let Some(loaded) = data.take() {
                    self.data_loaded(loaded);
                }
                Effect::None
            }
            Message::DismissError => {
                self.error = None;
                self.info = None;
                Effect::None
            }
            // Focus can only be given once the window's widgets exist; asking at boot races.
            Message::WindowOpened => {
                // The start-up benchmark reads this line's time stamp.
                tracing::info!("window opened");
                let shown = self.window_opened();
                if !shown || self.incoming.is_some() || self.call.is_some() {
                    Effect::None
                } else if !self.prompts.is_empty() {
                    Effect::Focus(password_prompt::PASSWORD_INPUT_ID)
                } else {
                    Effect::FocusSearch
                }
            }
            Message::WindowEvent(event) => {
                self.on_window_event(event);
                Effect::None
            }
            Message::SystemTheme(mode) => {
                self.system_theme = mode;
                Effect::None
            }
            Message::CloseRequested => self.close_requested(),
            Message::DesktopRequest(request) => self.on_desktop_request(request),
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
                if matches!(command, Command::Dial { .. }) {
                    self.notice = None;
                }
                self.send(command);
                Effect::None
            }
            Action::Close => {
                self.notice = None;
                Effect::FocusSearch
            }
            Action::Settings(request) => {
                self.save_settings(request);
                Effect::None
            }
            Action::AskPassword(account) => self.ask_password(account),
            Action::Navigate(destination) => self.navigate(destination),
            Action::Contacts(request) => self.change_contacts(request),
            Action::History(request) => self.change_history(request),
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
        self.window.save();
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

    /// Whether the settings are on screen.
    fn settings_open(&self) -> bool {
        matches!(self.page, Page::Settings)
    }
}

fn focus_search() -> Task<Message> {
    iced::widget::operation::focus(contacts::SEARCH_INPUT_ID)
}

#[path = "app_view.rs"]
mod view;

#[path = "app_chrome.rs"]
mod chrome;

#[path = "app_engine.rs"]
mod engine_routing;

#[path = "app_pages.rs"]
mod page_routing;

#[path = "app_settings.rs"]
mod settings_routing;

#[path = "app_password.rs"]
mod password_routing;

#[path = "app_desktop.rs"]
mod desktop_routing;

#[path = "app_global_shortcuts.rs"]
mod global_shortcut_routing;

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "app_contacts_tests.rs"]
mod contacts_tests;

#[cfg(test)]
#[path = "app_settings_tests.rs"]
mod settings_tests;

#[cfg(test)]
#[path = "app_password_tests.rs"]
mod password_tests;

#[cfg(test)]
#[path = "app_desktop_tests.rs"]
mod desktop_tests;

#[cfg(test)]
#[path = "app_tray_tests.rs"]
mod tray_tests;

/// The user's documents folder (XDG_DOCUMENTS_DIR), else their home, else the working folder.
fn documents_folder() -> PathBuf {
    directories::UserDirs::new()
        .map(|dirs| {
            dirs.document_dir()
                .unwrap_or_else(|| dirs.home_dir())
                .to_path_buf()
        })
        .unwrap_or_else(|| PathBuf::from("."))
}
