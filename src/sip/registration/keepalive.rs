//! Keep-alives for an account registered over UDP: a NAT forgets a UDP mapping after as little
//! as 30 s without traffic, and then neither the registrar's refresh answers nor incoming calls
//! reach us. A keep-alive is a datagram to the account's next hop every `interval`.
//!
//! The datagram is a bare CRLFCRLF rather than an OPTIONS request:
//! - any outgoing datagram refreshes the mapping; the answer to it is not needed;
//! - RFC 3261 section 7.5 tells a receiver to ignore CRLFs before a message, so a conformant
//!   server drops it without a word, and common servers (kamailio, Asterisk) accept it as the
//!   keep-alive it is;
//! - an OPTIONS needs a transaction and may be challenged (407) by a proxy, which is traffic
//!   and state for nothing.
//!
//! Over UDP the CRLFCRLF gets no pong (unlike RFC 5626 section 4.4.1 over TCP), so it cannot
//! tell that the flow is dead; the registration's refresh and the network watch do that.
//!
//! The timer is data: the driver asks [`KeepAlive::deadline`] and calls
//! [`KeepAlive::poll_transmit`] when it has come.

use core::net::SocketAddr;
use std::time::Duration;

use crate::sip::Transmit;

/// The keep-alive datagram: an empty line twice.
pub const PING: &[u8] = b"\r\n\r\n";

/// The keep-alive timer of one registered account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeepAlive {
    destination: SocketAddr,
    interval: Duration,
    next_at: Duration,
}

impl KeepAlive {
    /// Keep-alives to `destination` every `interval`, the first one `interval` after `now`;
    /// `None` when `interval` is zero (keep-alives off).
    pub fn new(now: Duration, destination: SocketAddr, interval: Duration) -> Option<Self> {
        (!interval.is_zero()).then(|| KeepAlive {
            destination,
            interval,
            next_at: now + interval,
        })
    }

    /// Where the keep-alives go.
    pub fn destination(&self) -> SocketAddr {
        self.destination
    }

    /// When [`Self::poll_transmit`] has something to send.
    pub fn deadline(&self) -> Duration {
        self.next_at
    }

    /// The keep-alive to send if it is due at `now`; the next one is then due an interval
    /// later (counted from `now`, so a late wake-up does not send a burst).
    pub fn poll_transmit(&mut self, now: Duration) -> Option<Transmit> {
        if now < self.next_at {
            return None;
        }
        self.next_at = now + self.interval;
        Some(Transmit {
            destination: self.destination,
            // Only UDP needs this ping; TCP and TLS flows are pinged by their connection.
            transport: crate::sip::Transport::Udp,
            payload: PING.to_vec(),
        })
    }

    /// Something else (a REGISTER refresh) went to the next hop at `now`: it kept the mapping
    /// alive too, so the next keep-alive can wait a whole interval from here.
    pub fn traffic_sent(&mut self, now: Duration) {
        self.next_at = self.next_at.max(now + self.interval);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop() -> SocketAddr {
        SocketAddr::from(([192, 0, 2, 7], 5060))
    }

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn zero_interval_means_no_keep_alives() {
        assert_eq!(KeepAlive::new(SECOND, hop(), Duration::ZERO), None);
    }

    #[test]
    fn a_crlf_ping_goes_to_the_next_hop_every_interval() {
        let mut keepalive = KeepAlive::new(Duration::ZERO, hop(), 25 * SECOND).unwrap();
        assert_eq!(keepalive.poll_transmit(24 * SECOND), None);
        let ping = keepalive.poll_transmit(25 * SECOND).unwrap();
        assert_eq!(ping.destination, hop());
        assert_eq!(ping.payload, b"\r\n\r\n");
        assert_eq!(keepalive.deadline(), 50 * SECOND);
        assert_eq!(keepalive.poll_transmit(49 * SECOND), None);
        assert!(keepalive.poll_transmit(50 * SECOND).is_some());
    }

    #[test]
    fn a_late_wake_up_sends_one_ping_not_a_burst() {
        let mut keepalive = KeepAlive::new(Duration::ZERO, hop(), 25 * SECOND).unwrap();
        assert!(keepalive.poll_transmit(1000 * SECOND).is_some());
        assert_eq!(keepalive.poll_transmit(1000 * SECOND), None);
        assert_eq!(keepalive.deadline(), 1025 * SECOND);
    }

    #[test]
    fn other_traffic_to_the_hop_postpones_the_ping() {
        let mut keepalive = KeepAlive::new(Duration::ZERO, hop(), 25 * SECOND).unwrap();
        keepalive.traffic_sent(20 * SECOND);
        assert_eq!(keepalive.poll_transmit(25 * SECOND), None);
        assert_eq!(keepalive.deadline(), 45 * SECOND);
    }
}
