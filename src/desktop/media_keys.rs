//! The button on a headset's cable (and a keyboard's play/pause key) answers a ringing call
//! and hangs up the one on the line. Desktops hand those keys to the current MPRIS media
//! player, so Handset is one while a call rings or runs (`media_keys_bus.rs`), and only then:
//! the rest of the time the keys belong to the user's music player.
//!
//! What a key does is decided here from the engine's events alone, so a plain test covers it.

use super::calls_in_progress::CallsInProgress;
use crate::engine::api::{CallState, Command, Event};

/// What the calls look like to the media keys.
#[derive(Debug, Default)]
pub struct MediaKeys {
    calls: CallsInProgress,
    /// Who the call is with, for the player's "track title".
    caller: Option<String>,
}

/// The media keys Handset answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Play/pause: the headset button.
    PlayPause,
    Play,
    Pause,
    Stop,
}

impl MediaKeys {
    pub fn new() -> Self {
        Self::default()
    }

    /// Follows one event from the engine.
    pub fn observe(&mut self, event: &Event) {
        self.calls.observe(event);
        match event {
            Event::IncomingCall { from, contact, .. } => {
                self.caller = Some(contact.clone().unwrap_or_else(|| from.clone()));
            }
            Event::CallState {
                state,
                remote,
                contact,
                ..
            } if *state != CallState::Ended => {
                self.caller = Some(contact.clone().unwrap_or_else(|| remote.clone()));
            }
            _ => {}
        }
        if !self.active() {
            self.caller = None;
        }
    }

    /// Whether Handset should be a media player now: a call rings, is being placed, or runs.
    pub fn active(&self) -> bool {
        self.calls.any()
    }

    /// Who the call is with, while there is one.
    pub fn caller(&self) -> Option<&str> {
        self.caller.as_deref()
    }

    /// What pressing `key` does. Play/pause answers the call that rang first; with none
    /// ringing it hangs up the call on the line (or the one being placed). Play only answers,
    /// pause and stop only hang up, so a player applet's buttons do what they say.
    pub fn press(&self, key: Key) -> Option<Command> {
        let answer = self
            .calls
            .first_ringing()
            .map(|call| Command::Answer { call });
        let hang_up = self.calls.on_line().map(|call| Command::Hangup { call });
        match key {
            Key::PlayPause => answer.or(hang_up),
            Key::Play => answer,
            Key::Pause | Key::Stop => hang_up,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::api::{CallId, Direction, EndReason};

    fn incoming(call: u64) -> Event {
        Event::IncomingCall {
            call: CallId(call),
            from: "sip:alice@192.0.2.7".into(),
            to: "sip:me@192.0.2.1".into(),
            account: None,
            contact: Some("Alice".into()),
        }
    }

    fn state(call: u64, state: CallState, direction: Direction) -> Event {
        Event::CallState {
            call: CallId(call),
            state,
            direction,
            remote: "sip:bob@192.0.2.8".into(),
            contact: None,
            account: None,
        }
    }

    fn ended(call: u64) -> Event {
        Event::CallEnded {
            call: CallId(call),
            reason: EndReason::RemoteHangup,
        }
    }

    #[test]
    fn the_button_answers_a_ringing_call_then_hangs_it_up() {
        let mut keys = MediaKeys::new();
        assert!(!keys.active(), "no player while nothing happens");
        assert_eq!(keys.press(Key::PlayPause), None);

        keys.observe(&incoming(1));
        assert!(keys.active());
        assert_eq!(keys.caller(), Some("Alice"));
        assert_eq!(
            keys.press(Key::PlayPause),
            Some(Command::Answer { call: CallId(1) })
        );
        assert_eq!(keys.press(Key::Pause), None, "pause never answers");

        keys.observe(&state(1, CallState::Established, Direction::Incoming));
        assert_eq!(
            keys.press(Key::PlayPause),
            Some(Command::Hangup { call: CallId(1) })
        );
        assert_eq!(keys.press(Key::Play), None, "play never hangs up");

        keys.observe(&ended(1));
        assert!(!keys.active(), "the keys go back to the music player");
        assert_eq!(keys.caller(), None);
    }

    #[test]
    fn a_second_call_ringing_during_a_call_is_answered_first() {
        let mut keys = MediaKeys::new();
        keys.observe(&state(1, CallState::Established, Direction::Outgoing));
        keys.observe(&incoming(2));
        assert_eq!(
            keys.press(Key::PlayPause),
            Some(Command::Answer { call: CallId(2) })
        );
        assert_eq!(
            keys.press(Key::Stop),
            Some(Command::Hangup { call: CallId(1) })
        );
        keys.observe(&ended(2));
        assert_eq!(
            keys.press(Key::PlayPause),
            Some(Command::Hangup { call: CallId(1) })
        );
    }

    #[test]
    fn a_call_being_placed_can_be_cancelled_with_the_button() {
        let mut keys = MediaKeys::new();
        keys.observe(&state(3, CallState::Calling, Direction::Outgoing));
        assert!(keys.active());
        keys.observe(&state(3, CallState::Ringing, Direction::Outgoing));
        assert_eq!(
            keys.press(Key::PlayPause),
            Some(Command::Hangup { call: CallId(3) })
        );
        keys.observe(&state(3, CallState::Ended, Direction::Outgoing));
        assert!(!keys.active());
    }
}
