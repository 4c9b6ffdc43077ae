//! The INVITE client transaction (RFC 3261 17.1.1, figure 5), UDP only.
//!
//! 2xx responses end the transaction and go to the core, which sends the ACK itself
//! (13.2.2.4); non-2xx finals are acknowledged here, and retransmitted finals re-ACKed.

use std::time::Duration;

use super::timers::{Timer, TimerTable, TimerValues};
use super::TxAction;
use crate::sip::message::build::SentInvite;
use crate::sip::message::parsed::InResponse;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Calling,
    Proceeding,
    Completed,
    Terminated,
}

#[derive(Debug, Clone)]
pub struct ClientInvite {
    state: State,
    request: Vec<u8>,
    sent: SentInvite,
    last_ack: Option<Vec<u8>>,
    values: TimerValues,
    pub timers: TimerTable,
}

impl ClientInvite {
    /// Start the transaction; the caller sends the returned actions (the INVITE itself).
    pub fn start(
        now: Duration,
        request: Vec<u8>,
        sent: SentInvite,
        values: TimerValues,
    ) -> (Self, Vec<TxAction>) {
        let mut timers = TimerTable::default();
        timers.start(&values, Timer::A, now);
        timers.start(&values, Timer::B, now);
        let tx = Self {
            state: State::Calling,
            request: request.clone(),
            sent,
            last_ack: None,
            values,
            timers,
        };
        (tx, vec![TxAction::Send(request)])
    }

    pub fn state(&self) -> State {
        self.state
    }

    pub fn is_terminated(&self) -> bool {
        self.state == State::Terminated
    }

    pub fn on_response(&mut self, now: Duration, response: Box<InResponse>) -> Vec<TxAction> {
        let code = response.code;
        match (self.state, code) {
            (State::Calling | State::Proceeding, 100..=199) => {
                self.state = State::Proceeding;
                // Timer B only guards the Calling state; a ringing phone may ring for long.
                self.timers.cancel(Timer::A);
                self.timers.cancel(Timer::B);
                vec![TxAction::Deliver(response)]
            }
            (State::Calling | State::Proceeding, 200..=299) => {
                self.terminate();
                vec![TxAction::Deliver(response)]
            }
            (State::Calling | State::Proceeding, _) => {
                self.timers.cancel_all();
                self.timers.start(&self.values, Timer::D, now);
                self.state = State::Completed;
                let to = response.common.raw.header("To").unwrap_or_default();
                self.last_ack = self.sent.ack_for_failure(to);
                let mut actions: Vec<TxAction> =
                    self.last_ack.iter().cloned().map(TxAction::Send).collect();
                actions.push(TxAction::Deliver(response));
                actions
            }
            (State::Completed, 300..) => {
                self.last_ack.iter().cloned().map(TxAction::Send).collect()
            }
            _ => Vec::new(),
        }
    }

    pub fn on_timer(&mut self, now: Duration, timer: Timer, interval: Duration) -> Vec<TxAction> {
        match (self.state, timer) {
            (State::Calling, Timer::A) => {
                let next = self.values.next(Timer::A, interval);
                self.timers.arm(Timer::A, now, next);
                vec![TxAction::Send(self.request.clone())]
            }
            (State::Calling, Timer::B) => {
                self.terminate();
                vec![TxAction::Timeout]
            }
            (State::Completed, Timer::D) => {
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
