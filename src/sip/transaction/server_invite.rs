//! The INVITE server transaction (RFC 3261 17.2.1, figure 7, with the Accepted state of
//! RFC 6026), over UDP or a reliable transport (no timer G, zero timer I).
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
    reliable: bool,
    pub timers: TimerTable,
}

impl ServerInvite {
    /// A transaction over UDP.
    pub fn new(values: TimerValues) -> Self {
        Self::new_over(values, false)
    }

    /// A transaction over a `reliable` transport (TCP, TLS) or not.
    pub fn new_over(values: TimerValues, reliable: bool) -> Self {
        Self {
            state: State::Proceeding,
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
                self.timers
                    .start_over(&self.values, Timer::G, now, self.reliable);
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
            self.timers
                .start_over(&self.values, Timer::I, now, self.reliable);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::transaction::test_support::{describe, ms};

    fn run(tx: &mut ServerInvite, until: Duration) -> Vec<(u64, String)> {
        let mut seen = Vec::new();
        while let Some(at) = tx.timers.next_deadline().filter(|t| *t <= until) {
            let (timer, interval) = tx.timers.pop_expired(at).unwrap();
            for line in describe(&tx.on_timer(at, timer, interval)) {
                seen.push((at.as_millis() as u64, line));
            }
        }
        seen
    }

    #[test]
    fn retransmitted_invite_gets_the_last_provisional() {
        let mut tx = ServerInvite::new(TimerValues::default());
        assert!(tx.on_invite_retransmission().is_empty());
        tx.send_response(ms(0), 100, b"SIP/2.0 100 Trying".to_vec());
        tx.send_response(ms(0), 180, b"SIP/2.0 180 Ringing".to_vec());
        assert_eq!(
            describe(&tx.on_invite_retransmission()),
            ["send SIP/2.0 180 Ringing"]
        );
    }

    #[test]
    fn failure_is_retransmitted_on_timer_g_until_ack() {
        let mut tx = ServerInvite::new(TimerValues::default());
        tx.send_response(ms(0), 486, b"SIP/2.0 486 Busy Here".to_vec());
        assert!(tx.has_final());
        let seen = run(&mut tx, ms(4_000));
        let times: Vec<u64> = seen.iter().map(|(t, _)| *t).collect();
        assert_eq!(times, [500, 1500, 3500]);
        tx.on_ack(ms(4_000));
        assert_eq!(tx.state(), State::Confirmed);
        assert!(tx.on_invite_retransmission().is_empty());
        assert!(run(&mut tx, ms(8_000)).is_empty());
        run(&mut tx, ms(9_001));
        assert!(tx.is_terminated());
    }

    #[test]
    fn over_a_reliable_transport_failures_are_not_resent_and_i_is_zero() {
        let mut tx = ServerInvite::new_over(TimerValues::default(), true);
        tx.send_response(ms(0), 486, b"SIP/2.0 486 Busy Here".to_vec());
        assert!(run(&mut tx, ms(4_000)).is_empty(), "no timer G over TCP");
        tx.on_ack(ms(4_000));
        run(&mut tx, ms(4_000));
        assert!(tx.is_terminated(), "timer I is zero over TCP");
    }

    #[test]
    fn missing_ack_times_out_on_timer_h() {
        let mut tx = ServerInvite::new(TimerValues::default());
        tx.send_response(ms(0), 603, b"SIP/2.0 603 Decline".to_vec());
        let seen = run(&mut tx, ms(40_000));
        assert_eq!(seen.last().unwrap(), &(32_000, "timeout".to_string()));
        let sends = seen.iter().filter(|(_, l)| l.starts_with("send")).count();
        // G: 0.5, 1.5, 3.5, 7.5, then every 4 s up to 32 s.
        assert_eq!(sends, 10);
    }

    #[test]
    fn success_moves_to_accepted_and_absorbs_invites() {
        let mut tx = ServerInvite::new(TimerValues::default());
        tx.send_response(ms(0), 200, b"SIP/2.0 200 OK".to_vec());
        assert_eq!(tx.state(), State::Accepted);
        assert!(tx.on_invite_retransmission().is_empty());
        assert!(tx.send_response(ms(1), 486, b"x".to_vec()).is_empty());
        run(&mut tx, ms(32_000));
        assert!(tx.is_terminated());
    }
}
