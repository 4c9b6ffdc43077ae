//! While a call runs, the desktop must not blank, lock or suspend: nobody touches the mouse
//! during a phone call. The rule is decided from the engine's events alone (a plain test), and
//! so is which inhibitor to use ([`next_inhibitor`]); [`ScreenInhibit::start`] carries it out
//! over D-Bus (`inhibit_bus.rs`).

use crate::engine::api::{CallId, CallState, Event};
use std::collections::HashSet;

pub use super::inhibit_bus::ScreenInhibit;

/// What to ask of the desktop when the calls change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The first call started: keep the screen on.
    Hold,
    /// The last call ended: let the screen blank again.
    Release,
}

/// The calls that keep the screen awake: placed, ringing out, or on. A call that only rings
/// in does not: the screen may lock over its notification, as for any other.
#[derive(Debug, Default)]
pub struct CallsRunning {
    calls: HashSet<CallId>,
}

impl CallsRunning {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn observe(&mut self, event: &Event) -> Option<Change> {
        let was_running = !self.calls.is_empty();
        match event {
            Event::CallState { call, state, .. } => match state {
                CallState::Calling | CallState::Ringing | CallState::Established => {
                    self.calls.insert(*call);
                }
                _ => {
                    self.calls.remove(call);
                }
            },
            Event::CallEnded { call, .. } => {
                self.calls.remove(call);
            }
            Event::Stopped => self.calls.clear(),
            _ => {}
        }
        match (was_running, !self.calls.is_empty()) {
            (false, true) => Some(Change::Hold),
            (true, false) => Some(Change::Release),
            _ => None,
        }
    }
}

/// The two ways to keep the machine awake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inhibitor {
    /// `org.freedesktop.ScreenSaver.Inhibit` on the session bus: the desktop's own screen
    /// saver (GNOME, KDE, Xfce, Cinnamon, xscreensaver) holds off blanking, locking and, on
    /// GNOME and KDE, suspend on idle.
    ScreenSaver,
    /// A logind inhibitor lock (`sleep:idle`) on the system bus: for desktops without such a
    /// screen saver (tiling window managers), where logind still decides idle and suspend.
    Login1,
}

/// How an attempt to inhibit failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure<'a> {
    /// The bus itself could not be reached.
    NoBus,
    /// The call was answered with this D-Bus error name.
    Refused(&'a str),
    /// Anything else (a broken reply, a connection lost midway).
    Other,
}

/// D-Bus errors saying nobody serves the interface: the screen saver is not there at all.
const ABSENT: [&str; 5] = [
    "org.freedesktop.DBus.Error.ServiceUnknown",
    "org.freedesktop.DBus.Error.NameHasNoOwner",
    "org.freedesktop.DBus.Error.UnknownObject",
    "org.freedesktop.DBus.Error.UnknownInterface",
    "org.freedesktop.DBus.Error.UnknownMethod",
];

/// The inhibitor to try first.
pub const FIRST: Inhibitor = Inhibitor::ScreenSaver;

/// What to try after `tried` failed: logind where the desktop has no screen saver to ask. A
/// screen saver that is there but refuses has decided for its desktop, so nothing more is
/// tried; neither is anything after logind.
pub fn next_inhibitor(tried: Inhibitor, failure: Failure<'_>) -> Option<Inhibitor> {
    match (tried, failure) {
        (Inhibitor::ScreenSaver, Failure::NoBus) => Some(Inhibitor::Login1),
        (Inhibitor::ScreenSaver, Failure::Refused(name)) if ABSENT.contains(&name) => {
            Some(Inhibitor::Login1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::api::{Direction, EndReason};

    fn state(call: u64, state: CallState) -> Event {
        Event::CallState {
            call: CallId(call),
            state,
            direction: Direction::Incoming,
            remote: "sip:alice@192.0.2.7".into(),
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
    fn held_from_the_first_call_on_until_the_last_ends() {
        let mut calls = CallsRunning::new();
        assert_eq!(calls.observe(&state(1, CallState::Incoming)), None);
        assert_eq!(
            calls.observe(&state(1, CallState::Established)),
            Some(Change::Hold)
        );
        assert_eq!(calls.observe(&state(2, CallState::Calling)), None);
        assert_eq!(calls.observe(&ended(1)), None);
        assert_eq!(
            calls.observe(&state(2, CallState::Ended)),
            Some(Change::Release)
        );
        assert_eq!(calls.observe(&ended(2)), None);
    }

    #[test]
    fn an_unanswered_call_never_holds_and_a_stopped_engine_releases() {
        let mut calls = CallsRunning::new();
        assert_eq!(calls.observe(&state(1, CallState::Incoming)), None);
        assert_eq!(calls.observe(&ended(1)), None);
        assert_eq!(
            calls.observe(&state(2, CallState::Ringing)),
            Some(Change::Hold)
        );
        assert_eq!(calls.observe(&Event::Stopped), Some(Change::Release));
    }

    #[test]
    fn the_screen_saver_is_asked_first() {
        assert_eq!(FIRST, Inhibitor::ScreenSaver);
    }

    #[test]
    fn without_a_screen_saver_logind_is_asked() {
        for absent in [
            Failure::NoBus,
            Failure::Refused("org.freedesktop.DBus.Error.ServiceUnknown"),
            Failure::Refused("org.freedesktop.DBus.Error.NameHasNoOwner"),
            Failure::Refused("org.freedesktop.DBus.Error.UnknownMethod"),
        ] {
            assert_eq!(
                next_inhibitor(Inhibitor::ScreenSaver, absent),
                Some(Inhibitor::Login1),
                "{absent:?}"
            );
        }
    }

    #[test]
    fn a_screen_saver_that_refuses_is_not_overruled() {
        for refused in [
            Failure::Refused("org.freedesktop.DBus.Error.AccessDenied"),
            Failure::Refused("org.gnome.ScreenSaver.Error"),
            Failure::Other,
        ] {
            assert_eq!(
                next_inhibitor(Inhibitor::ScreenSaver, refused),
                None,
                "{refused:?}"
            );
        }
    }

    #[test]
    fn nothing_comes_after_logind() {
        for failure in [
            Failure::NoBus,
            Failure::Refused("org.freedesktop.DBus.Error.ServiceUnknown"),
            Failure::Refused("org.freedesktop.DBus.Error.AccessDenied"),
            Failure::Other,
        ] {
            assert_eq!(next_inhibitor(Inhibitor::Login1, failure), None);
        }
    }
}
