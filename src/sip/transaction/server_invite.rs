//! The INVITE server transaction (RFC 3261 17.2.1, figure 7, with the Accepted state of
//! RFC 6026), UDP only.
//!
//! Retransmitted INVITEs are absorbed here (answered with the last response) so the core never
//! sees them twice. A 2xx moves to Accepted: retransmitting the 2xx until the ACK is the core's
//! job (13.3.1.4), since that ACK is a separate transaction.

use std::time::Duration;

use super::timers::{Timer, TimerTable, TimerValues};
use super::TxAction;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}

#[derive(Debug, Clone)]
pub struct ServerInvite {
    state: State,
    last_response: Option<Vec<u8>>,
    values: TimerValues,
    pub timers: TimerTable,
}

impl ServerInvite {
    pub fn new(values: TimerValues) -> Self {
        Self {
            state: State::Proceeding,
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

    /// Whether a final response has been sent (a CANCEL then has no effect).
    pub fn has_final(&self) -> bool {
        self.state != State::Proceeding
    }

    /// The transaction user sends a response with status `code`.
    pub fn send_response(&mut self, now: Duration, code: u16, bytes: Vec<u8>) -> Vec<TxAction> {
        if self.state != State::Proceeding {
            return Vec::new();
        }
        self.last_response = Some(bytes.clone());
        match code {
            100..=199 => {}
            200..=299 => {
                self.state = State::Accepted;
                self.timers.start(&self.values, Timer::L, now);
            }
            _ => {
                self.state = State::Completed;
                self.timers.start(&self.values, Timer::G, now);
                self.timers.start(&self.values, Timer::H, now);
            }
        }
        vec![TxAction::Send(bytes)]
    }

    /// A retransmitted INVITE arrived.
    pub fn on_invite_retransmission(&mut self) -> Vec<TxAction> {
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

    /// An ACK matching this transaction (so: for a non-2xx final) arrived.
    pub fn on_ack(&mut self, now: Duration) {
        if self.state == State::Completed {
            self.state = State::Confirmed;
            self.timers.cancel_all();
            self.timers.start(&self.values, Timer::I, now);
        }
    }

    pub fn on_timer(&mut self, now: Duration, timer: Timer, interval: Duration) -> Vec<TxAction> {
        match (self.state, timer) {
            (State::Completed, Timer::G) => {
                let next = self.values.next(Timer::G, interval);
                self.timers.arm(Timer::G, now, next);
                self.last_response
                    .iter()
                    .cloned()
                    .map(TxAction::Send)
                    .collect()
            }
            (State::Completed, Timer::H) => {
                self.terminate();
                vec![TxAction::Timeout]
            }
            (State::Confirmed, Timer::I) | (State::Accepted, Timer::L) => {
                self.terminate();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn terminate(&mut self) {
        self.state = State::Terminated;
        self.timers.cancel_all();
    }
}
