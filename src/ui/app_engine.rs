//! Routing for what the engine reports: the link coming up or going, and each `Event` turned
//! into what the user should see (the incoming-call screen, the call, a notice), with the
//! contact's name where the caller is known, and into a row of the call history.

use super::{App, Effect, EngineStatus, Page};
use crate::engine::api::{
    CallId, CallState, Command, Direction, ErrorInfo, Event, RegistrationFailure, RegistrationState,
};
use crate::ui::desktop_link::DesktopMessage;
use crate::ui::engine_link::EngineMessage;
use crate::ui::i18n::{has_key, tr_args};
use crate::ui::screens::ended::EndedNotice;
use crate::ui::screens::in_call::InCall;
use crate::ui::screens::incoming::Incoming;
use crate::ui::screens::settings;
use crate::ui::screens::Action;
use std::time::Instant;

impl App {
    pub(super) fn on_engine(&mut self, message: EngineMessage, now: Instant) -> Effect {
        match message {
            EngineMessage::Connected(commands) => {
                self.engine = EngineStatus::Running(commands);
                for command in std::mem::take(&mut self.pending) {
                    self.send(command);
                }
                Effect::None
            }
            EngineMessage::Failed(detail) => {
                self.engine = EngineStatus::Failed(detail);
                self.pending.clear();
                Effect::None
            }
            EngineMessage::Event(event) => {
                if let Some(early) = &mut self.loading {
                    early.push(event.clone());
                }
                if matches!(event, Event::IncomingCall { .. }) && !self.desktop.window_shown {
                    // Hidden in the tray the contacts are not watched: name the caller from
                    // what is on disk now.
                    self.check_contacts();
                }
                let event = self.phonebook.name_caller(event);
                if let Some(desktop) = &self.notifier {
                    desktop.observe(&event);
                }
                let phonebook = &self.phonebook;
                if self
                    .call_log
                    .observe(&event, &|remote| phonebook.identify(remote))
                {
                    self.reload_history();
                }
                self.on_event(event, now)
            }
            EngineMessage::Disconnected => self.on_stopped(),
        }
    }

    fn on_stopped(&mut self) -> Effect {
        self.engine = EngineStatus::Stopped;
        self.call = None;
        self.incoming = None;
        if matches!(self.page, Page::Call) {
            self.page = Page::Contacts;
        }
        if self.quitting {
            Effect::Exit
        } else {
            Effect::None
        }
    }

    fn on_event(&mut self, event: Event, now: Instant) -> Effect {
        match event {
            Event::Ready { contact, listen } => {
                // Said in the log too: the port can be checked after a change in Settings.
                tracing::info!("listening for SIP on {listen}");
                tracing::info!("reachable at {contact}");
                self.contact = Some(contact);
                // This engine's devices, for the settings panel's pick lists.
                self.send(Command::ListAudioDevices);
                Effect::None
            }
            Event::AudioDevices { devices } => {
                self.settings_panel.set_devices(&devices);
                if let Some(screen) = self.call.as_mut() {
                    screen.set_devices(&devices);
                }
                self.audio_devices = devices;
                Effect::None
            }
            Event::CallAudio {
                call,
                input,
                output,
                change,
            } => {
                if let Some(screen) = self.call.as_mut().filter(|c| c.call() == call) {
                    screen.set_audio(input, output, &change);
                }
                Effect::None
            }
            Event::AudioTest { test, progress } => {
                self.settings_panel.audio_test_progress(test, progress);
                Effect::None
            }
            Event::CertificateChecked {
                request, outcome, ..
            } => self.on_certificate_checked(request, outcome),
            Event::IncomingCall {
                call,
                from,
                to,
                contact,
                ..
            } => {
                self.on_incoming(call, from, to, contact);
                Effect::None
            }
            Event::CallState {
                call,
                state,
                direction,
                remote,
                contact,
                ..
            } => self.on_call_state(call, state, direction, remote, contact, now),
            Event::MediaStarted { call, codec, .. } => {
                if let Some(screen) = self.call.as_mut().filter(|c| c.call() == call) {
                    screen.set_codec(codec);
                }
                Effect::None
            }
            Event::CallEnded { call, reason } => {
                let (remote, duration) = if let Some(screen) =
                    self.call.as_ref().filter(|c| c.call() == call)
                {
                    (
                        screen.title().to_owned(),
                        screen.timer_text().map(|_| screen.elapsed()),
                    )
                } else if let Some(screen) = self.incoming.as_ref().filter(|c| c.call() == call) {
                    (screen.title().to_owned(), None)
                } else {
                    // Another call (one we turned away while busy) ended: nothing to show.
                    return Effect::None;
                };
                self.call = self.call.take().filter(|c| c.call() != call);
                self.incoming = self.incoming.take().filter(|c| c.call() != call);
                self.notice = Some(EndedNotice::new(remote, reason, duration));
                if matches!(self.page, Page::Call) {
                    self.go_home()
                } else {
                    Effect::None
                }
            }
            Event::Error(info) => {
                self.error = Some(error_text(&info));
                Effect::None
            }
            Event::Registration { account, state } => {
                // Said in the log too, so the state can be followed without a screen.
                tracing::info!("account {account}: {}", settings::registration_text(&state));
                let refused = matches!(
                    state,
                    RegistrationState::Failed {
                        failure: RegistrationFailure::WrongCredentials,
                        ..
                    }
                );
                self.settings_panel.set_registration(account, state);
                if refused {
                    self.on_password_refused(account)
                } else {
                    Effect::None
                }
            }
            Event::Stopped => self.on_stopped(),
            // Figures and anything added to the API later do not change what is on screen.
            _ => Effect::None,
        }
    }

    /// The desktop face is up, or the user picked an action on one of its notifications.
    pub(super) fn on_desktop(&mut self, message: DesktopMessage) -> Effect {
        match message {
            DesktopMessage::Started(desktop) => {
                let general = &self.settings_panel.settings().general;
                desktop.set_do_not_disturb(general.do_not_disturb);
                desktop.set_global_shortcuts(general.global_shortcuts);
                self.notifier = Some(desktop);
                Effect::None
            }
            DesktopMessage::Picked(command) => self.perform(Action::Engine(command)),
            DesktopMessage::Shortcut(shortcut) => self.on_global_shortcut(shortcut),
            DesktopMessage::ShortcutsStatus(status) => {
                self.settings_panel.set_shortcuts_status(status);
                Effect::None
            }
        }
    }

    /// A caller rings: shown over everything, but without taking the keyboard, so what the
    /// user was typing does not answer or decline it.
    fn on_incoming(&mut self, call: CallId, from: String, to: String, contact: Option<String>) {
        let busy = self.call.as_ref().is_some_and(|c| c.call() != call)
            || self.incoming.as_ref().is_some_and(|c| c.call() != call);
        if busy {
            // One call at a time: a second caller is turned away rather than left ringing
            // with no way to answer.
            self.send(Command::Decline { call });
            return;
        }
        if self.incoming.is_none() && self.call.is_none() {
            self.notice = None;
            self.incoming = Some(Incoming::new(call, from, to).with_contact(contact));
        }
    }

    fn on_call_state(
        &mut self,
        call: CallId,
        state: CallState,
        direction: Direction,
        remote: String,
        contact: Option<String>,
        now: Instant,
    ) -> Effect {
        if let Some(screen) = self.call.as_mut().filter(|c| c.call() == call) {
            // The end is shown when `CallEnded` says why, so `Ended` changes nothing here.
            if state != CallState::Ended {
                screen.set_state(state, now);
                screen.set_remote(remote);
                if contact.is_some() {
                    screen.set_contact(contact);
                }
            }
            return Effect::None;
        }
        if let Some(ringing) = self.incoming.as_ref().filter(|c| c.call() == call) {
            // Answered (by us, or by the engine's auto-answer): the call is on.
            if matches!(state, CallState::Incoming | CallState::Ended) {
                return Effect::None;
            }
            let remote = if remote.is_empty() {
                ringing.caller().to_owned()
            } else {
                remote
            };
            let contact = contact.or_else(|| ringing.contact().map(str::to_owned));
            self.incoming = None;
            self.start_call(InCall::new(call, remote, direction, state, now).with_contact(contact));
            return Effect::None;
        }
        if self.call.is_some() || self.incoming.is_some() {
            return Effect::None;
        }
        match state {
            CallState::Incoming => {
                self.notice = None;
                self.incoming =
                    Some(Incoming::new(call, remote, String::new()).with_contact(contact));
            }
            CallState::Ended => {}
            _ => {
                self.notice = None;
                self.start_call(
                    InCall::new(call, remote, direction, state, now).with_contact(contact),
                );
            }
        }
        Effect::None
    }

    fn start_call(&mut self, mut call: InCall) {
        call.set_devices(&self.audio_devices);
        self.call = Some(call);
        self.page = Page::Call;
    }
}

/// The engine's error in words: its own translation if we have one, else the generic one.
fn error_text(info: &ErrorInfo) -> String {
    let args = [("detail", info.detail.as_str())];
    if has_key(&info.key) {
        tr_args(&info.key, &args)
    } else {
        tr_args("engine-error", &args)
    }
}
