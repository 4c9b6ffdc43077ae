//! A call we placed or accepted: who, how it stands, how long it has been up, Mute, Hang up,
//! a keypad (hidden until asked for) that sends DTMF, and the sound devices the call is on
//! (`call_devices.rs`).
//!
//! Time comes in as `Instant` arguments from the application (which owns the clock), so the
//! timer is testable with made-up instants.

use super::call_devices::{self, CallDevices};
use super::{format_duration, keypad, Action};
use crate::engine::api::{AudioDevice, CallAudioChange, CallId, CallState, Command, Direction};
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{button, column, row, text};
use iced::{Alignment, Element, Length};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    MuteToggled,
    HangupPressed,
    KeypadToggled,
    /// A keypad key: sent to the peer as DTMF.
    KeyPressed(char),
    Devices(call_devices::Message),
}

#[derive(Debug, Clone)]
pub struct InCall {
    call: CallId,
    remote: String,
    /// The other side's name from the contacts, when known.
    contact: Option<String>,
    direction: Direction,
    state: CallState,
    muted: bool,
    hanging_up: bool,
    codec: Option<String>,
    keypad_open: bool,
    /// The keys pressed so far in this call, shown above the keypad.
    keys_sent: String,
    /// When the call became established; the timer counts from here.
    established_at: Option<Instant>,
    /// The latest clock reading the application gave us.
    now: Instant,
    devices: CallDevices,
}

impl InCall {
    pub fn new(
        call: CallId,
        remote: String,
        direction: Direction,
        state: CallState,
        now: Instant,
    ) -> InCall {
        let mut screen = InCall {
            call,
            remote,
            contact: None,
            direction,
            state: CallState::Calling,
            muted: false,
            hanging_up: false,
            codec: None,
            keypad_open: false,
            keys_sent: String::new(),
            established_at: None,
            now,
            devices: CallDevices::default(),
        };
        screen.set_state(state, now);
        screen
    }

    /// The sound devices present now, to move the call to.
    pub fn set_devices(&mut self, devices: &[AudioDevice]) {
        self.devices.set_devices(devices);
    }

    /// `Event::CallAudio` for this call.
    pub fn set_audio(
        &mut self,
        input: Option<String>,
        output: Option<String>,
        change: &CallAudioChange,
    ) {
        self.devices.set_audio(input, output, change);
    }

    pub fn devices(&self) -> &CallDevices {
        &self.devices
    }

    pub fn call(&self) -> CallId {
        self.call
    }

    pub fn remote(&self) -> &str {
        &self.remote
    }

    /// The contact's name, if the other side is one.
    pub fn with_contact(mut self, contact: Option<String>) -> InCall {
        self.contact = contact;
        self
    }

    pub fn set_contact(&mut self, contact: Option<String>) {
        self.contact = contact;
    }

    pub fn contact(&self) -> Option<&str> {
        self.contact.as_deref()
    }

    /// Who the call is with, as the user knows them: the contact's name, else the address.
    pub fn title(&self) -> &str {
        self.contact.as_deref().unwrap_or(&self.remote)
    }

    pub fn direction(&self) -> Direction {
        self.direction
    }

    pub fn state(&self) -> CallState {
        self.state
    }

    pub fn is_muted(&self) -> bool {
        self.muted
    }

    pub fn is_keypad_open(&self) -> bool {
        self.keypad_open
    }

    /// The keys pressed so far in this call.
    pub fn keys_sent(&self) -> &str {
        &self.keys_sent
    }

    /// Keys make sense only on an answered call that is not being hung up.
    fn can_send_keys(&self) -> bool {
        self.state == CallState::Established && !self.hanging_up
    }

    /// How long the call has been established; zero before that.
    pub fn elapsed(&self) -> Duration {
        self.established_at
            .map(|start| self.now.saturating_duration_since(start))
            .unwrap_or_default()
    }

    /// The engine reported a new state for this call.
    pub fn set_state(&mut self, state: CallState, now: Instant) {
        if state == CallState::Established && self.established_at.is_none() {
            self.established_at = Some(now);
        }
        self.state = state;
        self.now = now;
    }

    pub fn set_remote(&mut self, remote: String) {
        if !remote.is_empty() {
            self.remote = remote;
        }
    }

    pub fn set_codec(&mut self, codec: String) {
        self.codec = Some(codec);
    }

    /// The clock moved on; only the timer changes.
    pub fn tick(&mut self, now: Instant) {
        self.now = now;
    }

    /// The words for where the call stands.
    pub fn status_text(&self) -> String {
        if self.hanging_up {
            return tr("call-hanging-up");
        }
        match self.state {
            CallState::Calling => tr("call-state-calling"),
            CallState::Ringing => tr("call-state-ringing"),
            CallState::Incoming => tr("call-state-incoming"),
            CallState::Established => tr("call-state-established"),
            CallState::Ended => tr("call-state-ended"),
        }
    }

    /// `mm:ss` once established, nothing before.
    pub fn timer_text(&self) -> Option<String> {
        self.established_at.map(|_| format_duration(self.elapsed()))
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::MuteToggled => {
                // Flip at once so the button answers the click; the engine applies it to media.
                self.muted = !self.muted;
                Action::Engine(Command::Mute {
                    call: self.call,
                    muted: self.muted,
                })
            }
            Message::HangupPressed => {
                if self.hanging_up {
                    return Action::None;
                }
                self.hanging_up = true;
                Action::Engine(Command::Hangup { call: self.call })
            }
            Message::KeypadToggled => {
                self.keypad_open = !self.keypad_open;
                Action::None
            }
            Message::Devices(message) => self.devices.update(self.call, message),
            Message::KeyPressed(key) => {
                if !self.can_send_keys() {
                    return Action::None;
                }
                self.keys_sent.push(key);
                Action::Engine(Command::SendDtmf {
                    call: self.call,
                    digits: key.to_string(),
                })
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut content = column![
            text(self.status_text())
                .size(style::BODY_SIZE)
                .style(text::secondary),
            text(self.title())
                .size(style::HEADING_SIZE)
                .wrapping(text::Wrapping::WordOrGlyph),
        ]
        .spacing(8)
        .align_x(Alignment::Center)
        .width(Length::Fill);
        if self.contact.is_some() {
            content = content.push(
                text(&self.remote)
                    .size(style::SMALL_SIZE)
                    .style(text::secondary)
                    .wrapping(text::Wrapping::WordOrGlyph),
            );
        }

        if let Some(timer) = self.timer_text() {
            content = content.push(text(timer).size(style::TIMER_SIZE));
        }
        if let Some(codec) = &self.codec {
            content = content.push(
                text(tr_args("call-codec", &[("codec", codec)]))
                    .size(style::SMALL_SIZE)
                    .style(text::secondary),
            );
        }

        // Said in words too, not only by the button's colour: a muted call is easy to forget.
        if self.muted {
            content = content.push(
                text(tr("call-muted"))
                    .size(style::SMALL_SIZE)
                    .style(text::warning),
            );
        }

        let mute_label = if self.muted {
            tr("call-unmute")
        } else {
            tr("call-mute")
        };
        let mute_style = if self.muted {
            button::warning
        } else {
            button::secondary
        };
        let can_mute = self.can_send_keys();
        let keypad_label = if self.keypad_open {
            tr("call-keypad-hide")
        } else {
            tr("call-keypad")
        };
        let buttons = row![
            style::action_button(
                mute_label,
                can_mute.then_some(Message::MuteToggled),
                mute_style
            ),
            style::action_button(
                keypad_label,
                Some(Message::KeypadToggled),
                button::secondary
            ),
            style::action_button(
                tr("call-hangup"),
                (!self.hanging_up).then_some(Message::HangupPressed),
                button::danger,
            ),
        ]
        .spacing(style::SPACING);

        let mut screen =
            column![content, self.devices.view().map(Message::Devices)].spacing(style::SPACING);
        if self.keypad_open {
            screen = screen.push(
                column![
                    text(&self.keys_sent)
                        .size(style::BODY_SIZE)
                        .width(Length::Fill)
                        .center(),
                    keypad::view(self.can_send_keys(), Message::KeyPressed),
                ]
                .spacing(8),
            );
        }
        screen.push(buttons).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calling(now: Instant) -> InCall {
        InCall::new(
            CallId(7),
            "sip:bob@127.0.0.1:5080".to_owned(),
            Direction::Outgoing,
            CallState::Calling,
            now,
        )
    }

    #[test]
    fn pressing_5_on_the_keypad_sends_dtmf_5() {
        let now = Instant::now();
        let mut screen = calling(now);
        assert!(!screen.is_keypad_open(), "the keypad stays out of the way");
        assert_eq!(screen.update(Message::KeypadToggled), Action::None);
        assert!(screen.is_keypad_open());
        // Not answered yet: nothing to send to.
        assert_eq!(screen.update(Message::KeyPressed('5')), Action::None);
        screen.set_state(CallState::Established, now);
        assert_eq!(
            screen.update(Message::KeyPressed('5')),
            Action::Engine(Command::SendDtmf {
                call: CallId(7),
                digits: "5".to_owned()
            })
        );
        screen.update(Message::KeyPressed('#'));
        assert_eq!(screen.keys_sent(), "5#");
        let _ = screen.view();
        screen.update(Message::HangupPressed);
        assert_eq!(screen.update(Message::KeyPressed('1')), Action::None);
    }

    #[test]
    fn an_outgoing_call_starts_as_calling_without_a_timer() {
        let screen = calling(Instant::now());
        assert_eq!(screen.status_text(), "Calling…");
        assert_eq!(screen.timer_text(), None);
        assert_eq!(screen.remote(), "sip:bob@127.0.0.1:5080");
    }

    #[test]
    fn ringing_then_established_starts_the_timer() {
        let start = Instant::now();
        let mut screen = calling(start);
        screen.set_state(CallState::Ringing, start + Duration::from_secs(1));
        assert_eq!(screen.status_text(), "Ringing…");
        assert_eq!(screen.timer_text(), None);

        let answered = start + Duration::from_secs(3);
        screen.set_state(CallState::Established, answered);
        assert_eq!(screen.status_text(), "Connected");
        assert_eq!(screen.timer_text().as_deref(), Some("0:00"));

        screen.tick(answered + Duration::from_secs(75));
        assert_eq!(screen.timer_text().as_deref(), Some("1:15"));
    }

    #[test]
    fn a_repeated_established_state_does_not_restart_the_timer() {
        let start = Instant::now();
        let mut screen = calling(start);
        screen.set_state(CallState::Established, start);
        screen.set_state(CallState::Established, start + Duration::from_secs(10));
        assert_eq!(screen.timer_text().as_deref(), Some("0:10"));
    }

    #[test]
    fn mute_toggles_and_tells_the_engine() {
        let mut screen = calling(Instant::now());
        assert_eq!(
            screen.update(Message::MuteToggled),
            Action::Engine(Command::Mute {
                call: CallId(7),
                muted: true
            })
        );
        assert!(screen.is_muted());
        assert_eq!(
            screen.update(Message::MuteToggled),
            Action::Engine(Command::Mute {
                call: CallId(7),
                muted: false
            })
        );
        assert!(!screen.is_muted());
    }

    #[test]
    fn hang_up_sends_one_hangup_and_says_so() {
        let mut screen = calling(Instant::now());
        assert_eq!(
            screen.update(Message::HangupPressed),
            Action::Engine(Command::Hangup { call: CallId(7) })
        );
        assert_eq!(screen.status_text(), "Hanging up…");
        assert_eq!(screen.update(Message::HangupPressed), Action::None);
    }

    #[test]
    fn codec_and_remote_updates_are_kept() {
        let mut screen = calling(Instant::now());
        screen.set_codec("PCMU".to_owned());
        screen.set_remote("Bob <sip:bob@host>".to_owned());
        screen.set_remote(String::new());
        assert_eq!(screen.remote(), "Bob <sip:bob@host>");
        assert_eq!(screen.codec.as_deref(), Some("PCMU"));
    }
}
