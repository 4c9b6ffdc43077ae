//! The non-INVITE server transaction (RFC 3261 17.2.2, figure 8), over UDP or a reliable
//! transport (zero timer J).

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
    reliable: bool,
    pub timers: TimerTable,
}

impl ServerNonInvite {
    /// A transaction over UDP.
    pub fn new(values: TimerValues) -> Self {
        Self::new_over(values, false)
    }

    /// A transaction over a `reliable` transport (TCP, TLS) or not.
    pub fn new_over(values: TimerValues, reliable: bool) -> Self {
        Self {
            state: State::Trying,
            last_response: None,
            values,
            reliable,
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
            self.timers
                .start_over(&self.values, Timer::J, now, self.reliable);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::transaction::test_support::{describe, ms};

    #[test]
    fn retransmissions_get_the_final_response_until_timer_j() {
        let mut tx = ServerNonInvite::new(TimerValues::default());
        assert!(tx.on_retransmission().is_empty(), "nothing to resend yet");
        tx.send_response(ms(0), 200, b"SIP/2.0 200 OK".to_vec());
        assert_eq!(describe(&tx.on_retransmission()), ["send SIP/2.0 200 OK"]);
        assert!(tx.send_response(ms(1), 500, b"x".to_vec()).is_empty());
        assert_eq!(tx.timers.next_deadline(), Some(ms(32_000)));
        let (timer, _) = tx.timers.pop_expired(ms(32_000)).unwrap();
        tx.on_timer(timer);
        assert!(tx.is_terminated());
    }

    #[test]
    fn over_a_reliable_transport_timer_j_is_zero() {
        let mut tx = ServerNonInvite::new_over(TimerValues::default(), true);
        tx.send_response(ms(0), 200, b"SIP/2.0 200 OK".to_vec());
        assert_eq!(tx.timers.next_deadline(), Some(ms(0)));
    }
}
