//! The non-INVITE server transaction (RFC 3261 17.2.2, figure 8), UDP only.

use std::time::Duration;

use super::timers::{Timer, TimerTable, TimerValues};
use super::TxAction;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Trying,
    Proceeding,
    Completed,
    Terminated,
}

#[derive(Debug, Clone)]
pub struct ServerNonInvite {
    state: State,
    last_response: Option<Vec<u8>>,
    values: TimerValues,
    pub timers: TimerTable,
}

impl ServerNonInvite {
    pub fn new(values: TimerValues) -> Self {
        Self {
            state: State::Trying,
            last_response: None,
            values,
            timers: TimerTable::default(),
        }
    }

    pub fn state(&self) -> State {
        self.state
    }

    pub fn is_terminated(&self) -> bool {
        self.state == State::Terminated
    }

    pub fn send_response(&mut self, now: Duration, code: u16, bytes: Vec<u8>) -> Vec<TxAction> {
        if matches!(self.state, State::Completed | State::Terminated) {
            return Vec::new();
        }
        self.last_response = Some(bytes.clone());
        if code >= 200 {
            self.state = State::Completed;
            self.timers.start(&self.values, Timer::J, now);
        } else {
            self.state = State::Proceeding;
        }
        vec![TxAction::Send(bytes)]
    }

    /// A retransmission of the request: answered with the last response, if any.
    pub fn on_retransmission(&mut self) -> Vec<TxAction> {
        match self.state {
            State::Proceeding | State::Completed => self
                .last_response
                .iter()
                .cloned()
                .map(TxAction::Send)
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn on_timer(&mut self, timer: Timer) -> Vec<TxAction> {
        if self.state == State::Completed && timer == Timer::J {
            self.state = State::Terminated;
            self.timers.cancel_all();
        }
        Vec::new()
    }
}
