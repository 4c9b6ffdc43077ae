//! Routing for the desktop face: the session bus's requests (show, links that dial, the
//! tray's menu), hiding to the tray on close, and what the tray icon shows.
//!
//! The window never shows itself for an incoming call: the notification and the tray say who
//! calls, and the window comes up only when the user asks (the tray, the launcher, a link).

use super::{App, Effect, EngineStatus, Message};
use crate::desktop::instance::Request;
use crate::desktop::instance_uri;
use crate::desktop::tray::Tray;
use crate::desktop::tray_view::{PhoneState, TrayState};
use crate::engine::api::{Command, RegistrationState};
use crate::ui::desktop_requests::{self, DesktopStart, RequestQueue};
use crate::ui::i18n::tr_args;
use crate::ui::screens::contacts::SEARCH_INPUT_ID;
use crate::ui::screens::settings;
use iced::{window, Subscription, Task};

/// A widget id nothing has: focusing it takes the keyboard from every field.
const NOTHING_FOCUSED: &str = "desktop-nothing-focused";

/// What the window must do to itself after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WindowOp {
    /// Show it; with `focus` also bring it forward (only when the user asked for it).
    Show {
        focus: bool,
    },
    /// Show it and bring it forward with the search field ready for typing.
    ShowToSearch,
    Hide,
    Minimise,
}

/// The desktop face as the window holds it.
#[derive(Default)]
pub(super) struct Desktop {
    requests: Option<RequestQueue>,
    tray: Option<Tray>,
    /// A tray shows our icon: hiding the window leaves a way back.
    pub(super) tray_shown: bool,
    pub(super) window_shown: bool,
    /// Start minimised without a tray: minimise once the window is open.
    minimise_at_open: bool,
    pub(super) window_op: Option<WindowOp>,
}

impl Desktop {
    /// A window with no desktop face (tests, no session bus): shown, no tray.
    pub(super) fn detached() -> Desktop {
        Desktop {
            window_shown: true,
            ..Desktop::default()
        }
    }
}

impl App {
    /// Takes the desktop face at start: the bus's requests, the tray, how the window starts,
    /// and the links given on the command line.
    pub(crate) fn attach_desktop(&mut self, start: DesktopStart) {
        let start_minimised = self.settings_panel.settings().general.start_minimised;
        self.desktop = Desktop {
            requests: start.requests,
            tray: start.tray,
            tray_shown: start.tray_shown,
            window_shown: !start.hidden,
            minimise_at_open: start_minimised && !start.hidden && start.links.is_empty(),
            window_op: None,
        };
        if !start.links.is_empty() {
            self.on_desktop_request(Request::Open(start.links));
        }
        self.sync_tray();
    }

    pub(super) fn desktop_subscription(&self) -> Option<Subscription<Message>> {
        let queue = self.desktop.requests.as_ref()?;
        Some(desktop_requests::subscription(queue).map(Message::DesktopRequest))
    }

    pub(super) fn on_desktop_request(&mut self, request: Request) -> Effect {
        match request {
            Request::Activate => self.show_window(true),
            Request::Open(links) => return self.open_links(&links),
            Request::ToggleWindow if self.desktop.window_shown => self.hide_window(),
            Request::ToggleWindow => self.show_window(true),
            Request::DoNotDisturb(on) => {
                return self.on_settings(settings::Message::DoNotDisturb(on));
            }
            Request::Quit => return self.close(),
            Request::TrayShown(shown) => {
                self.desktop.tray_shown = shown;
                if !shown && !self.desktop.window_shown {
                    // The icon went: the window is the only way left to reach the phone.
                    self.show_window(false);
                }
            }
        }
        Effect::None
    }

    /// The window's close button: hidden in the tray when the user wants that and a tray
    /// shows our icon, else Handset quits.
    pub(super) fn close_requested(&mut self) -> Effect {
        let to_tray = self.settings_panel.settings().general.close_to_tray;
        if to_tray && self.desktop.tray_shown && !self.quitting {
            self.window.save();
            self.hide_window();
            Effect::None
        } else {
            self.close()
        }
    }

    /// The window exists; false when it opened hidden, and nothing should take the keyboard
    /// (a focused field's blinking cursor would wake the program for nobody).
    pub(super) fn window_opened(&mut self) -> bool {
        if std::mem::take(&mut self.desktop.minimise_at_open) {
            self.desktop.window_op = Some(WindowOp::Minimise);
        }
        self.desktop.window_shown
    }

    /// Writes or removes the autostart entry the General page switched.
    pub(super) fn apply_autostart(&mut self, enabled: bool) {
        if let Err(e) = crate::desktop::autostart::set(enabled) {
            let detail = e.to_string();
            self.error = Some(tr_args("autostart-failed", &[("detail", &detail)]));
        }
    }

    /// A link from the desktop calls, as if typed: the first that can be called.
    fn open_links(&mut self, links: &[String]) -> Effect {
        self.show_window(true);
        let Some(first) = links.first() else {
            return Effect::None;
        };
        let target = links
            .iter()
            .find_map(|link| instance_uri::dial_target(link).ok());
        let Some(target) = target else {
            tracing::warn!("cannot call {first:?}: not a sip:, sips:, tel: or callto: link");
            self.error = Some(tr_args("link-not-callable", &[("link", first)]));
            return Effect::None;
        };
        if self.call.is_some() || self.incoming.is_some() {
            tracing::info!("not calling {target} from a link: a call is in progress");
            self.error = Some(tr_args("link-busy", &[("link", first)]));
            return Effect::None;
        }
        tracing::info!("calling {target} from a link");
        self.perform(super::Action::Engine(Command::Dial {
            target,
            account: None,
        }))
    }

    fn show_window(&mut self, focus: bool) {
        let was_hidden = !self.desktop.window_shown;
        if was_hidden {
            // Contacts are not watched while hidden; catch up before they are seen.
            self.check_contacts();
        }
        self.desktop.window_shown = true;
        let search = was_hidden
            && focus
            && self.incoming.is_none()
            && self.call.is_none()
            && self.prompts.is_empty()
            && matches!(self.page, super::Page::Contacts);
        self.desktop.window_op = Some(if search {
            WindowOp::ShowToSearch
        } else {
            WindowOp::Show { focus }
        });
    }

    fn hide_window(&mut self) {
        self.desktop.window_shown = false;
        self.desktop.window_op = Some(WindowOp::Hide);
    }

    /// The window operation a step asked for, as a task; also tells the tray what changed.
    pub(super) fn desktop_task(&mut self) -> Task<Message> {
        self.sync_tray();
        let Some(op) = self.desktop.window_op.take() else {
            return Task::none();
        };
        window::oldest().and_then(move |id| {
            let shown = || {
                Task::batch([
                    window::minimize(id, false),
                    window::set_mode(id, window::Mode::Windowed),
                ])
            };
            match op {
                WindowOp::Show { focus: false } => shown(),
                WindowOp::Show { focus: true } => shown().chain(window::gain_focus(id)),
                WindowOp::ShowToSearch => shown()
                    .chain(window::gain_focus(id))
                    .chain(iced::widget::operation::focus(SEARCH_INPUT_ID)),
                // A focused field blinks its cursor, waking the program twice a second even
                // while nobody can see it: hidden, nothing has the keyboard.
                WindowOp::Hide => window::set_mode(id, window::Mode::Hidden)
                    .chain(iced::widget::operation::focus(NOTHING_FOCUSED)),
                WindowOp::Minimise => window::minimize(id, true),
            }
        })
    }

    fn sync_tray(&mut self) {
        if self.desktop.tray.is_none() {
            return;
        }
        let state = self.tray_state();
        if let Some(tray) = &mut self.desktop.tray {
            tray.show(&state);
        }
    }

    /// What the tray shows now.
    pub(super) fn tray_state(&self) -> TrayState {
        TrayState {
            phone: self.phone_state(),
            missed_calls: self.unseen_missed(),
            ringing: self
                .incoming
                .as_ref()
                .map(|ringing| ringing.title().to_owned()),
            window_shown: self.desktop.window_shown,
            do_not_disturb: self.settings_panel.settings().general.do_not_disturb,
        }
    }

    /// The phone's state over its enabled accounts: a failure first, then one on its way.
    fn phone_state(&self) -> PhoneState {
        match self.engine {
            EngineStatus::Starting => return PhoneState::Starting,
            EngineStatus::Failed(_) | EngineStatus::Stopped => return PhoneState::Stopped,
            EngineStatus::Running(_) => {}
        }
        let settings = self.settings_panel.settings();
        let mut accounts = settings.accounts.iter().filter(|a| a.enabled).peekable();
        if accounts.peek().is_none() {
            return PhoneState::PeerToPeer;
        }
        let mut waiting = false;
        for account in accounts {
            match self.settings_panel.registration(account.id) {
                Some(RegistrationState::Failed { .. }) => {
                    return PhoneState::Failed(settings::account_title(account));
                }
                Some(RegistrationState::Registered { .. } | RegistrationState::Off) => {}
                _ => waiting = true,
            }
        }
        if waiting {
            PhoneState::Registering
        } else {
            PhoneState::Registered
        }
    }
}
