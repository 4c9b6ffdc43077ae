//! RFC 3261 timers as data: which timer, how long it runs, and a small table of armed timers.
//!
//! Nothing sleeps here. A state machine arms a timer by putting its deadline into a
//! [`TimerTable`]; the user agent asks every table for its earliest deadline and, once the
//! driver says that time has come, pops the expired timers and feeds them back in.

use std::time::Duration;

/// The base timer values of RFC 3261 section 17 (table 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerValues {
    /// Round-trip estimate; 500 ms by default.
    pub t1: Duration,
    /// Cap on the retransmission interval of non-INVITE requests and INVITE responses; 4 s.
    pub t2: Duration,
    /// How long a message may linger in the network; 5 s.
    pub t4: Duration,
}

impl Default for TimerValues {
    fn default() -> Self {
        Self {
            t1: Duration::from_millis(500),
            t2: Duration::from_secs(4),
            t4: Duration::from_secs(5),
        }
    }
}

/// How long an unanswered incoming call rings when the driver sets no other limit.
pub const DEFAULT_RING_TIMEOUT: Duration = Duration::from_secs(60);

/// Every timer a transaction or the user agent core can arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Timer {
    /// INVITE client: retransmit the INVITE (UDP).
    A,
    /// INVITE client: give up waiting for any response.
    B,
    /// INVITE client: absorb retransmitted final responses after sending ACK.
    D,
    /// Non-INVITE client: retransmit the request (UDP).
    E,
    /// Non-INVITE client: give up waiting for a final response.
    F,
    /// INVITE server: retransmit the final non-2xx response (UDP).
    G,
    /// INVITE server: give up waiting for the ACK of a non-2xx response.
    H,
    /// INVITE server: absorb retransmitted ACKs.
    I,
    /// Non-INVITE server: absorb retransmitted requests after the final response.
    J,
    /// Non-INVITE client: absorb retransmitted responses.
    K,
    /// INVITE server in the Accepted state (RFC 6026 timer L): absorb INVITE retransmissions
    /// after a 2xx.
    L,
    /// UA core (RFC 3261 13.3.1.4): retransmit our 2xx to an INVITE until the ACK arrives.
    Retransmit2xx,
    /// UA core (RFC 3261 13.3.1.4): stop waiting for the ACK of our 2xx.
    WaitAck,
    /// UA core (RFC 3261 9.1): stop waiting for the final response to a CANCELled INVITE.
    CancelWait,
    /// UA core: an incoming call nobody answered stops ringing (480) and is missed. Armed
    /// with the driver's ring timeout; [`TimerValues::initial`] gives only a default.
    Ring,
}

impl TimerValues {
    /// First interval of a timer; retransmission timers grow from here (see [`Self::next`]).
    pub fn initial(&self, timer: Timer) -> Duration {
        let t1 = self.t1;
        match timer {
            Timer::A | Timer::E | Timer::G | Timer::Retransmit2xx => t1,
            Timer::B
            | Timer::F
            | Timer::H
            | Timer::J
            | Timer::L
            | Timer::WaitAck
            | Timer::CancelWait => t1 * 64,
            // Over UDP: D is "at least 32 s", I and K are T4.
            Timer::D => Duration::from_secs(32).max(t1 * 64),
            Timer::I | Timer::K => self.t4,
            Timer::Ring => DEFAULT_RING_TIMEOUT,
        }
    }

    /// The first interval of `timer` on a flow that is `reliable` (TCP, TLS) or not: over a
    /// reliable transport nothing is retransmitted (A, E, G are not used) and nothing waits to
    /// absorb retransmissions (D, I, J, K are zero), RFC 3261 17.1.1.2, 17.1.2.2, 17.2.1, 17.2.2.
    pub fn initial_over(&self, timer: Timer, reliable: bool) -> Option<Duration> {
        if !reliable {
            return Some(self.initial(timer));
        }
        match timer {
            Timer::A | Timer::E | Timer::G => None,
            Timer::D | Timer::I | Timer::J | Timer::K => Some(Duration::ZERO),
            other => Some(self.initial(other)),
        }
    }

    /// The interval after one that just fired: A doubles without bound; E, G and the 2xx
    /// retransmission double up to T2 (RFC 3261 17.1.1.2, 17.1.2.2, 17.2.1, 13.3.1.4).
    pub fn next(&self, timer: Timer, previous: Duration) -> Duration {
        match timer {
            Timer::A => previous.saturating_mul(2),
            Timer::E | Timer::G | Timer::Retransmit2xx => previous.saturating_mul(2).min(self.t2),
            other => self.initial(other),
        }
    }
}

/// One armed timer: when it fires and the interval it was armed with (for doubling).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Armed {
    timer: Timer,
    deadline: Duration,
    interval: Duration,
}

/// The timers one state machine has armed; at most one entry per [`Timer`].
#[derive(Debug, Clone, Default)]
pub struct TimerTable {
    armed: Vec<Armed>,
}

impl TimerTable {
    /// Arm `timer` to fire `interval` after `now`, replacing any earlier arming of it.
    pub fn arm(&mut self, timer: Timer, now: Duration, interval: Duration) {
        self.cancel(timer);
        self.armed.push(Armed {
            timer,
            deadline: now.saturating_add(interval),
            interval,
        });
    }

    /// Arm `timer` with its initial interval.
    pub fn start(&mut self, values: &TimerValues, timer: Timer, now: Duration) {
        self.arm(timer, now, values.initial(timer));
    }

    /// Arm `timer` with its initial interval over a `reliable` transport or not; a timer that
    /// transport does not use stays unarmed.
    pub fn start_over(
        &mut self,
        values: &TimerValues,
        timer: Timer,
        now: Duration,
        reliable: bool,
    ) {
        if let Some(interval) = values.initial_over(timer, reliable) {
            self.arm(timer, now, interval);
        }
    }

    pub fn cancel(&mut self, timer: Timer) {
        self.armed.retain(|a| a.timer != timer);
    }

    pub fn cancel_all(&mut self) {
        self.armed.clear();
    }

    pub fn is_armed(&self, timer: Timer) -> bool {
        self.armed.iter().any(|a| a.timer == timer)
    }

    /// The earliest deadline, if any timer is armed.
    pub fn next_deadline(&self) -> Option<Duration> {
        self.armed.iter().map(|a| a.deadline).min()
    }

    /// Remove and return the earliest timer whose deadline is at or before `now`, with the
    /// interval it had been armed with.
    pub fn pop_expired(&mut self, now: Duration) -> Option<(Timer, Duration)> {
        let index = self
            .armed
            .iter()
            .enumerate()
            .filter(|(_, a)| a.deadline <= now)
            .min_by_key(|(_, a)| a.deadline)
            .map(|(i, _)| i)?;
        let armed = self.armed.swap_remove(index);
        Some((armed.timer, armed.interval))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(v: u64) -> Duration {
        Duration::from_millis(v)
    }

    #[test]
    fn default_values_are_those_of_rfc_3261() {
        let v = TimerValues::default();
        assert_eq!(v.t1, ms(500));
        assert_eq!(v.t2, ms(4000));
        assert_eq!(v.t4, ms(5000));
        assert_eq!(v.initial(Timer::B), ms(32_000));
        assert_eq!(v.initial(Timer::F), ms(32_000));
        assert_eq!(v.initial(Timer::H), ms(32_000));
        assert_eq!(v.initial(Timer::J), ms(32_000));
        assert_eq!(v.initial(Timer::D), ms(32_000));
        assert_eq!(v.initial(Timer::I), ms(5000));
        assert_eq!(v.initial(Timer::K), ms(5000));
    }

    #[test]
    fn timer_a_doubles_without_cap_but_e_and_g_stop_at_t2() {
        let v = TimerValues::default();
        let mut a = v.initial(Timer::A);
        let mut e = v.initial(Timer::E);
        let mut g = v.initial(Timer::G);
        let mut a_seq = vec![a];
        let mut e_seq = vec![e];
        for _ in 0..5 {
            a = v.next(Timer::A, a);
            e = v.next(Timer::E, e);
            g = v.next(Timer::G, g);
            a_seq.push(a);
            e_seq.push(e);
        }
        assert_eq!(a_seq, [500, 1000, 2000, 4000, 8000, 16000].map(ms));
        assert_eq!(e_seq, [500, 1000, 2000, 4000, 4000, 4000].map(ms));
        assert_eq!(g, ms(4000));
    }

    #[test]
    fn a_short_t1_scales_the_timeouts() {
        let v = TimerValues {
            t1: ms(10),
            ..TimerValues::default()
        };
        assert_eq!(v.initial(Timer::B), ms(640));
        // D never drops below 32 s over UDP.
        assert_eq!(v.initial(Timer::D), ms(32_000));
    }

    #[test]
    fn reliable_transports_retransmit_nothing_and_wait_for_nothing() {
        let v = TimerValues::default();
        for timer in [Timer::A, Timer::E, Timer::G] {
            assert_eq!(v.initial_over(timer, true), None, "{timer:?}");
            assert_eq!(v.initial_over(timer, false), Some(ms(500)), "{timer:?}");
        }
        for timer in [Timer::D, Timer::I, Timer::J, Timer::K] {
            assert_eq!(
                v.initial_over(timer, true),
                Some(Duration::ZERO),
                "{timer:?}"
            );
        }
        for timer in [Timer::B, Timer::F, Timer::H] {
            assert_eq!(v.initial_over(timer, true), Some(ms(32_000)), "{timer:?}");
        }
    }

    #[test]
    fn table_pops_expired_timers_in_deadline_order() {
        let mut table = TimerTable::default();
        table.arm(Timer::B, ms(0), ms(300));
        table.arm(Timer::A, ms(0), ms(100));
        assert_eq!(table.next_deadline(), Some(ms(100)));
        assert_eq!(table.pop_expired(ms(50)), None);
        assert_eq!(table.pop_expired(ms(400)), Some((Timer::A, ms(100))));
        assert_eq!(table.pop_expired(ms(400)), Some((Timer::B, ms(300))));
        assert_eq!(table.pop_expired(ms(400)), None);
        assert_eq!(table.next_deadline(), None);
    }

    #[test]
    fn rearming_replaces_and_cancel_removes() {
        let mut table = TimerTable::default();
        table.arm(Timer::E, ms(0), ms(100));
        table.arm(Timer::E, ms(0), ms(700));
        assert_eq!(table.next_deadline(), Some(ms(700)));
        table.cancel(Timer::E);
        assert!(!table.is_armed(Timer::E));
        assert_eq!(table.next_deadline(), None);
    }
}
