//! Keys that answer, hang up and mute from any window, even while Handset is hidden in the
//! tray. A program cannot grab keys on Wayland (and should not on X11): it asks the desktop
//! through the XDG GlobalShortcuts portal, which binds the keys with the user's consent and
//! tells us when one is pressed (`global_shortcuts_bus.rs`). Optional, and off by default,
//! because the desktop shows the user a dialog when the keys are bound.
//!
//! Which shortcuts there are, what the desktop made of them, and what a press does are
//! decided here, from the engine's events alone, so a plain test covers them.

use super::calls_in_progress::CallsInProgress;
use crate::engine::api::{CallId, CallState, Command, Event};
use std::collections::HashSet;

/// The shortcuts Handset offers the desktop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shortcut {
    /// Answer the ringing call.
    Answer,
    /// End the call on the line (or the one being placed); with none, decline the ringing one.
    HangUp,
    /// Stop or resume sending the microphone.
    ToggleMute,
}

impl Shortcut {
    pub const ALL: [Shortcut; 3] = [Shortcut::Answer, Shortcut::HangUp, Shortcut::ToggleMute];

    /// The id the desktop files the shortcut under: stable, since the desktop remembers the
    /// keys the user chose by it.
    pub fn id(self) -> &'static str {
        match self {
            Shortcut::Answer => "answer",
            Shortcut::HangUp => "hangup",
            Shortcut::ToggleMute => "mute",
        }
    }

    /// The shortcut a desktop's `Activated` names; `None` for an id that is not ours.
    pub fn from_id(id: &str) -> Option<Shortcut> {
        Shortcut::ALL
            .into_iter()
            .find(|shortcut| shortcut.id() == id)
    }

    /// What the desktop's dialog and settings say the shortcut does (a Fluent key).
    pub fn description_key(self) -> &'static str {
        match self {
            Shortcut::Answer => "shortcut-answer",
            Shortcut::HangUp => "shortcut-hang-up",
            Shortcut::ToggleMute => "shortcut-mute",
        }
    }

    /// The keys suggested to the desktop, in the notation of the XDG shortcuts
    /// specification; the desktop may offer others where these are taken.
    pub fn preferred_trigger(self) -> &'static str {
        match self {
            Shortcut::Answer => "CTRL+ALT+a",
            Shortcut::HangUp => "CTRL+ALT+h",
            Shortcut::ToggleMute => "CTRL+ALT+m",
        }
    }
}

/// One shortcut as the desktop bound it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundShortcut {
    pub shortcut: Shortcut,
    /// The keys in the desktop's own words ("Ctrl+Alt+A"); empty when the user left it
    /// without keys.
    pub trigger: String,
}

/// Where the global shortcuts stand, for the settings page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ShortcutsStatus {
    /// Switched off.
    #[default]
    Off,
    /// Asked of the desktop; it may be showing the user its dialog.
    Binding,
    /// The desktop bound these.
    Bound(Vec<BoundShortcut>),
    /// No portal answers (no desktop session, or a desktop without global shortcuts).
    Unavailable,
    /// The desktop said no (the user cancelled its dialog, or it failed).
    Refused,
}

/// What the desktop reports of a bind (`shortcuts` in BindShortcuts' results), ours only,
/// in our order. Shortcuts the desktop did not mention are left out.
pub fn bound(reported: &[(String, Option<String>)]) -> Vec<BoundShortcut> {
    Shortcut::ALL
        .into_iter()
        .filter_map(|shortcut| {
            let (_, trigger) = reported.iter().find(|(id, _)| id == shortcut.id())?;
            Some(BoundShortcut {
                shortcut,
                trigger: trigger.clone().unwrap_or_default(),
            })
        })
        .collect()
}

/// What the calls look like to the shortcuts, for a face that keeps no call screens of its
/// own (the headless face; the window maps the shortcuts onto its screens).
#[derive(Debug, Default)]
pub struct ShortcutCalls {
    calls: CallsInProgress,
    /// Calls muted by a shortcut.
    muted: HashSet<CallId>,
}

impl ShortcutCalls {
    pub fn new() -> Self {
        Self::default()
    }

    /// Follows one event from the engine.
    pub fn observe(&mut self, event: &Event) {
        self.calls.observe(event);
        match event {
            Event::CallState {
                call,
                state: CallState::Ended,
                ..
            }
            | Event::CallEnded { call, .. } => {
                self.muted.remove(call);
            }
            Event::Stopped => self.muted.clear(),
            _ => {}
        }
    }

    /// What pressing `shortcut` does now; mute remembers what it did, so the next press
    /// undoes it.
    pub fn press(&mut self, shortcut: Shortcut) -> Option<Command> {
        match shortcut {
            Shortcut::Answer => self
                .calls
                .first_ringing()
                .map(|call| Command::Answer { call }),
            Shortcut::HangUp => match self.calls.on_line() {
                Some(call) => Some(Command::Hangup { call }),
                None => self
                    .calls
                    .first_ringing()
                    .map(|call| Command::Decline { call }),
            },
            Shortcut::ToggleMute => {
                let call = self.calls.talking()?;
                let muted = !self.muted.remove(&call);
                if muted {
                    self.muted.insert(call);
                }
                Some(Command::Mute { call, muted })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::api::{Direction, EndReason};

    fn incoming(call: u64) -> Event {
        Event::IncomingCall {
            call: CallId(call),
            from: "sip:alice@192.0.2.7".into(),
            to: "sip:me@192.0.2.1".into(),
            account: None,
            contact: None,
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
    fn ids_are_stable_and_read_back() {
        let ids: Vec<&str> = Shortcut::ALL.iter().map(|s| s.id()).collect();
        assert_eq!(ids, ["answer", "hangup", "mute"]);
        for shortcut in Shortcut::ALL {
            assert_eq!(Shortcut::from_id(shortcut.id()), Some(shortcut));
        }
        assert_eq!(Shortcut::from_id("quit"), None);
        assert_eq!(Shortcut::from_id(""), None);
    }

    #[test]
    fn triggers_follow_the_shortcuts_specification() {
        for shortcut in Shortcut::ALL {
            let trigger = shortcut.preferred_trigger();
            let parts: Vec<&str> = trigger.split('+').collect();
            let (key, modifiers) = parts.split_last().expect("a key");
            assert!(
                modifiers
                    .iter()
                    .all(|m| ["CTRL", "ALT", "SHIFT", "LOGO"].contains(m)),
                "{trigger}"
            );
            assert!(!key.is_empty() && !modifiers.is_empty(), "{trigger}");
        }
    }

    #[test]
    fn the_bind_report_keeps_ours_in_order_with_their_keys() {
        let reported = vec![
            ("mute".to_owned(), Some("Ctrl+Alt+M".to_owned())),
            ("someone-else".to_owned(), Some("F1".to_owned())),
            ("answer".to_owned(), Some("Ctrl+Alt+A".to_owned())),
            ("hangup".to_owned(), None),
        ];
        assert_eq!(
            bound(&reported),
            vec![
                BoundShortcut {
                    shortcut: Shortcut::Answer,
                    trigger: "Ctrl+Alt+A".into()
                },
                BoundShortcut {
                    shortcut: Shortcut::HangUp,
                    trigger: String::new()
                },
                BoundShortcut {
                    shortcut: Shortcut::ToggleMute,
                    trigger: "Ctrl+Alt+M".into()
                },
            ]
        );
        assert_eq!(bound(&[]), Vec::new());
    }

    #[test]
    fn answer_then_mute_twice_then_hang_up() {
        let mut calls = ShortcutCalls::new();
        for shortcut in Shortcut::ALL {
            assert_eq!(calls.press(shortcut), None, "nothing to do without a call");
        }
        calls.observe(&incoming(1));
        assert_eq!(
            calls.press(Shortcut::ToggleMute),
            None,
            "no mute while ringing"
        );
        assert_eq!(
            calls.press(Shortcut::Answer),
            Some(Command::Answer { call: CallId(1) })
        );
        calls.observe(&state(1, CallState::Established, Direction::Incoming));
        assert_eq!(calls.press(Shortcut::Answer), None, "nothing rings now");
        assert_eq!(
            calls.press(Shortcut::ToggleMute),
            Some(Command::Mute {
                call: CallId(1),
                muted: true
            })
        );
        assert_eq!(
            calls.press(Shortcut::ToggleMute),
            Some(Command::Mute {
                call: CallId(1),
                muted: false
            })
        );
        assert_eq!(
            calls.press(Shortcut::HangUp),
            Some(Command::Hangup { call: CallId(1) })
        );
        calls.observe(&ended(1));
        assert_eq!(calls.press(Shortcut::HangUp), None);
    }

    #[test]
    fn hang_up_declines_a_call_that_only_rings_and_cancels_one_being_placed() {
        let mut calls = ShortcutCalls::new();
        calls.observe(&incoming(4));
        assert_eq!(
            calls.press(Shortcut::HangUp),
            Some(Command::Decline { call: CallId(4) })
        );
        calls.observe(&ended(4));
        calls.observe(&state(5, CallState::Calling, Direction::Outgoing));
        assert_eq!(calls.press(Shortcut::Answer), None);
        assert_eq!(
            calls.press(Shortcut::HangUp),
            Some(Command::Hangup { call: CallId(5) })
        );
    }

    #[test]
    fn during_a_call_hang_up_ends_it_and_answer_takes_the_second_caller() {
        let mut calls = ShortcutCalls::new();
        calls.observe(&state(1, CallState::Established, Direction::Outgoing));
        calls.observe(&incoming(2));
        assert_eq!(
            calls.press(Shortcut::HangUp),
            Some(Command::Hangup { call: CallId(1) })
        );
        assert_eq!(
            calls.press(Shortcut::Answer),
            Some(Command::Answer { call: CallId(2) })
        );
    }

    #[test]
    fn a_new_call_starts_unmuted() {
        let mut calls = ShortcutCalls::new();
        calls.observe(&state(1, CallState::Established, Direction::Outgoing));
        calls.press(Shortcut::ToggleMute);
        calls.observe(&state(1, CallState::Ended, Direction::Outgoing));
        calls.observe(&Event::Stopped);
        calls.observe(&state(1, CallState::Established, Direction::Outgoing));
        assert_eq!(
            calls.press(Shortcut::ToggleMute),
            Some(Command::Mute {
                call: CallId(1),
                muted: true
            })
        );
    }
}
