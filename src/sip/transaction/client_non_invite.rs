//! The non-INVITE client transaction (RFC 3261 17.1.2, figure 6), UDP only.

use std::time::Duration;

use super::timers::{Timer, TimerTable, TimerValues};
use super::TxAction;
use crate::sip::message::parsed::InResponse;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Trying,
    Proceeding,
    Completed,
    Terminated,
}

#[derive(Debug, Clone)]
pub struct ClientNonInvite {
    state: State,
    request: Vec<u8>,
    values: TimerValues,
    pub timers: TimerTable,
}

impl ClientNonInvite {
    pub fn start(now: Duration, request: Vec<u8>, values: TimerValues) -> (Self, Vec<TxAction>) {
        let mut timers = TimerTable::default();
        timers.start(&values, Timer::E, now);
        timers.start(&values, Timer::F, now);
        let tx = Self {
            state: State::Trying,
            request: request.clone(),
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
        match (self.state, response.code) {
            (State::Trying | State::Proceeding, 100..=199) => {
                self.state = State::Proceeding;
                vec![TxAction::Deliver(response)]
            }
            (State::Trying | State::Proceeding, _) => {
                self.state = State::Completed;
                self.timers.cancel_all();
                self.timers.start(&self.values, Timer::K, now);
                vec![TxAction::Deliver(response)]
            }
            // Completed: retransmitted responses are absorbed until timer K.
            _ => Vec::new(),
        }
    }

    pub fn on_timer(&mut self, now: Duration, timer: Timer, interval: Duration) -> Vec<TxAction> {
        match (self.state, timer) {
            (State::Trying, Timer::E) => {
                let next = self.values.next(Timer::E, interval);
                self.timers.arm(Timer::E, now, next);
                vec![TxAction::Send(self.request.clone())]
            }
            (State::Proceeding, Timer::E) => {
                self.timers.arm(Timer::E, now, self.values.t2);
                vec![TxAction::Send(self.request.clone())]
            }
            (State::Trying | State::Proceeding, Timer::F) => {
                self.terminate();
                vec![TxAction::Timeout]
            }
            (State::Completed, Timer::K) => {
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
