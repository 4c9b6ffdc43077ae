//! The INVITE client transaction (RFC 3261 17.1.1, figure 5), over UDP or a reliable
//! transport (no timer A, zero timer D).
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
    reliable: bool,
    pub timers: TimerTable,
}

impl ClientInvite {
    /// Start the transaction over UDP; the caller sends the returned actions (the INVITE).
    pub fn start(
        now: Duration,
        request: Vec<u8>,
        sent: SentInvite,
        values: TimerValues,
    ) -> (Self, Vec<TxAction>) {
        Self::start_over(now, request, sent, values, false)
    }

    /// Start the transaction over a `reliable` transport (TCP, TLS) or not.
    pub fn start_over(
        now: Duration,
        request: Vec<u8>,
        sent: SentInvite,
        values: TimerValues,
        reliable: bool,
    ) -> (Self, Vec<TxAction>) {
        let mut timers = TimerTable::default();
        timers.start_over(&values, Timer::A, now, reliable);
        timers.start(&values, Timer::B, now);
        let tx = Self {
            state: State::Calling,
            request: request.clone(),
            sent,
            last_ack: None,
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
                self.timers
                    .start_over(&self.values, Timer::D, now, self.reliable);
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

    /// The transaction user gave up on this INVITE before its final response: timer B is
    /// re-armed so the transaction ends 64*T1 from now even in Proceeding.
    pub fn abandon(&mut self, now: Duration) {
        if matches!(self.state, State::Calling | State::Proceeding) {
            self.timers.start(&self.values, Timer::B, now);
        }
    }

    pub fn on_timer(&mut self, now: Duration, timer: Timer, interval: Duration) -> Vec<TxAction> {
        match (self.state, timer) {
            (State::Calling, Timer::A) => {
                let next = self.values.next(Timer::A, interval);
                self.timers.arm(Timer::A, now, next);
                vec![TxAction::Send(self.request.clone())]
            }
            (State::Calling | State::Proceeding, Timer::B) => {
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
    use crate::sip::transaction::test_support::{describe, ms, response, sent_invite};

    fn start() -> ClientInvite {
        let (tx, actions) = ClientInvite::start(
            ms(0),
            b"INVITE sip:b@127.0.0.1 SIP/2.0\r\n".to_vec(),
            sent_invite(),
            TimerValues::default(),
        );
        assert_eq!(describe(&actions), ["send INVITE sip:b@127.0.0.1 SIP/2.0"]);
        tx
    }

    /// Run every timer up to `until`, returning the times of retransmissions and timeouts.
    fn run(tx: &mut ClientInvite, until: Duration) -> Vec<(u64, String)> {
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
    fn retransmits_on_timer_a_and_times_out_on_timer_b() {
        let mut tx = start();
        let seen = run(&mut tx, ms(40_000));
        let times: Vec<u64> = seen.iter().map(|(t, _)| *t).collect();
        assert_eq!(times, [500, 1500, 3500, 7500, 15500, 31500, 32000]);
        assert_eq!(seen.last().unwrap().1, "timeout");
        assert!(tx.is_terminated());
    }

    #[test]
    fn over_a_reliable_transport_the_invite_is_sent_once_and_d_is_zero() {
        let (mut tx, _) = ClientInvite::start_over(
            ms(0),
            b"INVITE sip:b@127.0.0.1 SIP/2.0\r\n".to_vec(),
            sent_invite(),
            TimerValues::default(),
            true,
        );
        assert_eq!(run(&mut tx, ms(40_000)), [(32_000, "timeout".to_string())]);

        let (mut tx, _) = ClientInvite::start_over(
            ms(0),
            b"INVITE sip:b@127.0.0.1 SIP/2.0\r\n".to_vec(),
            sent_invite(),
            TimerValues::default(),
            true,
        );
        tx.on_response(ms(100), response(486, "INVITE"));
        run(&mut tx, ms(100));
        assert!(tx.is_terminated(), "timer D is zero over TCP");
    }

    #[test]
    fn provisional_stops_retransmission_and_timer_b() {
        let mut tx = start();
        let actions = tx.on_response(ms(100), response(180, "INVITE"));
        assert_eq!(describe(&actions), ["deliver 180"]);
        assert_eq!(tx.state(), State::Proceeding);
        assert!(run(&mut tx, ms(100_000)).is_empty());
    }

    #[test]
    fn failure_is_acked_here_and_retransmitted_failures_reacked() {
        let mut tx = start();
        let actions = tx.on_response(ms(100), response(486, "INVITE"));
        assert_eq!(
            describe(&actions),
            ["send ACK sip:b@127.0.0.1 SIP/2.0", "deliver 486"]
        );
        assert_eq!(tx.state(), State::Completed);
        let again = tx.on_response(ms(600), response(486, "INVITE"));
        assert_eq!(describe(&again), ["send ACK sip:b@127.0.0.1 SIP/2.0"]);
        // Timer D (32 s) ends it without a word.
        assert!(run(&mut tx, ms(40_000)).is_empty());
        assert!(tx.is_terminated());
    }

    #[test]
    fn an_abandoned_invite_ends_even_in_proceeding() {
        let mut tx = start();
        tx.on_response(ms(100), response(180, "INVITE"));
        tx.abandon(ms(1000));
        let seen = run(&mut tx, ms(40_000));
        assert_eq!(seen, [(33_000, "timeout".to_string())]);
        assert!(tx.is_terminated());
    }

    #[test]
    fn success_goes_up_and_ends_the_transaction() {
        let mut tx = start();
        let actions = tx.on_response(ms(100), response(200, "INVITE"));
        assert_eq!(describe(&actions), ["deliver 200"]);
        assert!(tx.is_terminated());
    }
}
