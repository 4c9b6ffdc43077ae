//! The non-INVITE client transaction (RFC 3261 17.1.2, figure 6), over UDP or a reliable
//! transport (no timer E, zero timer K).

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
    reliable: bool,
    pub timers: TimerTable,
}

impl ClientNonInvite {
    /// Start the transaction over UDP.
    pub fn start(now: Duration, request: Vec<u8>, values: TimerValues) -> (Self, Vec<TxAction>) {
        Self::start_over(now, request, values, false)
    }

    /// Start the transaction over a `reliable` transport (TCP, TLS) or not.
    pub fn start_over(
        now: Duration,
        request: Vec<u8>,
        values: TimerValues,
        reliable: bool,
    ) -> (Self, Vec<TxAction>) {
        let mut timers = TimerTable::default();
        timers.start_over(&values, Timer::E, now, reliable);
        timers.start(&values, Timer::F, now);
        let tx = Self {
            state: State::Trying,
            request: request.clone(),
            values,
            reliable,
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
                self.timers
                    .start_over(&self.values, Timer::K, now, self.reliable);
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
            (State::Proceeding, Timer::E) if !self.reliable => {
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

    /// The transport could not deliver the request (RFC 3261 17.1.4): the transaction ends,
    /// reporting a timeout unless a final response had already come.
    pub fn on_transport_error(&mut self) -> Vec<TxAction> {
        let waiting = !matches!(self.state, State::Completed | State::Terminated);
        self.terminate();
        if waiting {
            vec![TxAction::Timeout]
        } else {
            Vec::new()
        }
    }

    fn terminate(&mut self) {
        self.state = State::Terminated;
        self.timers.cancel_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::transaction::test_support::{describe, ms, response};

    fn run(tx: &mut ClientNonInvite, until: Duration) -> Vec<(u64, String)> {
        let mut seen = Vec::new();
        while let Some(at) = tx.timers.next_deadline().filter(|t| *t <= until) {
            let (timer, interval) = tx.timers.pop_expired(at).unwrap();
            for line in describe(&tx.on_timer(at, timer, interval)) {
                seen.push((at.as_millis() as u64, line));
            }
        }
        seen
    }

    fn start() -> ClientNonInvite {
        ClientNonInvite::start(ms(0), b"BYE x SIP/2.0".to_vec(), TimerValues::default()).0
    }

    #[test]
    fn timer_e_backs_off_to_t2_and_timer_f_times_out() {
        let mut tx = start();
        let seen = run(&mut tx, ms(40_000));
        let times: Vec<u64> = seen.iter().map(|(t, _)| *t).collect();
        assert_eq!(
            times,
            [500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500, 32000]
        );
        assert_eq!(seen.last().unwrap().1, "timeout");
    }

    #[test]
    fn over_a_reliable_transport_nothing_is_resent_and_k_is_zero() {
        let (mut tx, sent) = ClientNonInvite::start_over(
            ms(0),
            b"REGISTER x SIP/2.0".to_vec(),
            TimerValues::default(),
            true,
        );
        assert_eq!(describe(&sent), ["send REGISTER x SIP/2.0"]);
        let seen = run(&mut tx, ms(40_000));
        assert_eq!(seen, [(32_000, "timeout".to_string())]);

        let (mut tx, _) = ClientNonInvite::start_over(
            ms(0),
            b"BYE x SIP/2.0".to_vec(),
            TimerValues::default(),
            true,
        );
        tx.on_response(ms(100), response(200, "BYE"));
        run(&mut tx, ms(100));
        assert!(tx.is_terminated(), "timer K is zero over TCP");
    }

    #[test]
    fn provisional_makes_retransmissions_t2_apart() {
        let mut tx = start();
        tx.on_response(ms(10), response(100, "BYE"));
        assert_eq!(tx.state(), State::Proceeding);
        let seen = run(&mut tx, ms(9_000));
        let times: Vec<u64> = seen.iter().map(|(t, _)| *t).collect();
        assert_eq!(times, [500, 4500, 8500]);
    }

    #[test]
    fn final_response_is_delivered_once_then_absorbed_until_timer_k() {
        let mut tx = start();
        assert_eq!(
            describe(&tx.on_response(ms(10), response(200, "BYE"))),
            ["deliver 200"]
        );
        assert!(tx.on_response(ms(20), response(200, "BYE")).is_empty());
        assert!(run(&mut tx, ms(4_000)).is_empty());
        assert!(!tx.is_terminated());
        run(&mut tx, ms(6_000));
        assert!(tx.is_terminated());
    }
}
