//! While a call runs, the desktop must not blank, lock or suspend: nobody touches the mouse
//! during a phone call. The rule is decided from the engine's events alone (a plain test);
//! [`ScreenInhibit::start`] carries it out over the session bus (`inhibit_bus.rs`).

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
}
