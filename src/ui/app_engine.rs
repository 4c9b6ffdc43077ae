//! Routing for what the engine reports: the link coming up or going, and each `Event`
//! turned into the screen the user should see (incoming, in call, ended) or a notice.

use super::{App, Effect, EngineStatus, Screen};
use crate::engine::api::{
    CallId, CallState, Command, Direction, ErrorInfo, Event, RegistrationFailure, RegistrationState,
};
use crate::ui::engine_link::EngineMessage;
use crate::ui::i18n::{has_key, tr_args};
use crate::ui::screens::ended::EndedNotice;
use crate::ui::screens::in_call::InCall;
use crate::ui::screens::incoming::Incoming;
use crate::ui::screens::settings;
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
            EngineMessage::Event(event) => self.on_event(event, now),
            EngineMessage::Disconnected => self.on_stopped(),
        }
    }

    fn on_stopped(&mut self) -> Effect {
        self.engine = EngineStatus::Stopped;
        self.screen = Screen::Dialer;
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
                self.contact = Some(contact);
                Effect::None
            }
            Event::IncomingCall { call, from, to, .. } => {
                self.on_incoming(call, from, to);
                Effect::None
            }
            Event::CallState {
                call,
                state,
                direction,
                remote,
            } => {
                self.on_call_state(call, state, direction, remote, now);
                Effect::None
            }
            Event::MediaStarted { call, codec, .. } => {
                if let Screen::InCall(screen) = &mut self.screen {
                    if screen.call() == call {
                        screen.set_codec(codec);
                    }
                }
                Effect::None
            }
            Event::CallEnded { call, reason } => {
                let (remote, duration) = match &self.screen {
                    Screen::InCall(screen) if screen.call() == call => (
                        screen.remote().to_owned(),
                        screen.timer_text().map(|_| screen.elapsed()),
                    ),
                    Screen::Incoming(screen) if screen.call() == call => {
                        (screen.caller().to_owned(), None)
                    }
                    // Another call (one we turned away while busy) ended: nothing to show.
                    _ => return Effect::None,
                };
                self.screen = Screen::Dialer;
                self.notice = Some(EndedNotice::new(remote, reason, duration));
                Effect::FocusAddress
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

    fn on_incoming(&mut self, call: CallId, from: String, to: String) {
        match &self.screen {
            Screen::Dialer => {
                self.notice = None;
                self.screen = Screen::Incoming(Incoming::new(call, from, to));
            }
            Screen::Incoming(screen) if screen.call() == call => {}
            Screen::InCall(screen) if screen.call() == call => {}
            // One call at a time: a second caller is turned away rather than left ringing
            // with no way to answer.
            _ => self.send(Command::Decline { call }),
        }
    }

    fn on_call_state(
        &mut self,
        call: CallId,
        state: CallState,
        direction: Direction,
        remote: String,
        now: Instant,
    ) {
        match &mut self.screen {
            // The end is shown when `CallEnded` says why, so `Ended` changes nothing here.
            Screen::InCall(screen) if screen.call() == call && state != CallState::Ended => {
                screen.set_state(state, now);
                screen.set_remote(remote);
            }
            // Answered (by us, or by the engine's auto-answer): the call is on.
            Screen::Incoming(screen)
                if screen.call() == call
                    && !matches!(state, CallState::Incoming | CallState::Ended) =>
            {
                let remote = if remote.is_empty() {
                    screen.caller().to_owned()
                } else {
                    remote
                };
                self.screen = Screen::InCall(InCall::new(call, remote, direction, state, now));
            }
            Screen::Dialer => match state {
                CallState::Incoming => {
                    self.notice = None;
                    self.screen = Screen::Incoming(Incoming::new(call, remote, String::new()));
                }
                CallState::Ended => {}
                _ => {
                    self.notice = None;
                    self.screen = Screen::InCall(InCall::new(call, remote, direction, state, now));
                }
            },
            _ => {}
        }
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
