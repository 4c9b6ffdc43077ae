//! The user agent's public face. PLACEHOLDER: the sip core owner replaces the bodies.

use std::net::SocketAddr;
use std::time::Duration;

/// Static settings of the user agent.
#[derive(Debug, Clone)]
pub struct UaConfig {
    /// The address we advertise in Via and Contact: the bound UDP socket's address.
    pub local_addr: SocketAddr,
    /// User part of our From and Contact URIs.
    pub user: String,
    /// Display name put in From.
    pub display_name: Option<String>,
    /// Value of the User-Agent header.
    pub user_agent: String,
}

/// Identifies one call (one INVITE dialog usage) inside the user agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CallKey(pub u64);

/// A datagram the driver must send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transmit {
    pub destination: SocketAddr,
    pub payload: Vec<u8>,
}

/// Why the user agent ended a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndCause {
    /// We sent BYE (and got any answer, or none) or our CANCEL took effect.
    LocalHangup,
    /// The peer sent BYE.
    RemoteHangup,
    /// The peer CANCELled its INVITE before we answered.
    RemoteCancelled,
    /// We rejected an incoming INVITE with this status (486, 488, 603...).
    LocallyRejected { code: u16 },
    /// Our INVITE got a final non-2xx response.
    Rejected { code: u16, reason: String },
    /// A transaction timed out (timer B or F, or timer H for a missing ACK).
    Timeout,
}

/// What the user agent tells its driver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UaEvent {
    /// A new INVITE arrived. 100 Trying has already been sent; the driver calls `ringing`,
    /// `answer` or `reject` next.
    Incoming {
        call: CallKey,
        /// The From header's URI, e.g. `sip:bob@127.0.0.1:5081`.
        from: String,
        /// The From header's display name, if any.
        from_display: Option<String>,
        /// The To header's URI.
        to: String,
        /// The offer in the body, if the INVITE had one.
        sdp: Option<Vec<u8>>,
    },
    /// A provisional response (180/183) to our INVITE.
    Progress {
        call: CallKey,
        code: u16,
        reason: String,
        sdp: Option<Vec<u8>>,
    },
    /// Our INVITE was answered with 2xx and the user agent sent ACK.
    Answered { call: CallKey, sdp: Option<Vec<u8>> },
    /// The ACK for our 2xx arrived: the incoming call is confirmed.
    Confirmed { call: CallKey },
    /// The call is over; the key is not used again.
    Ended { call: CallKey, cause: EndCause },
}

/// Either something to send or something to tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Transmit(Transmit),
    Event(UaEvent),
}

/// Requests the driver made that the user agent cannot carry out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SipError {
    #[error("unknown call {0:?}")]
    UnknownCall(CallKey),
    #[error("the call is not in a state where this is possible")]
    WrongState,
    #[error("invalid SIP URI: {0}")]
    InvalidUri(String),
}

/// A SIP user agent: transactions, dialogs and INVITE usages, driven by its caller.
pub struct UserAgent {
    _config: UaConfig,
}

impl UserAgent {
    /// A user agent whose randomness (tags, branches, Call-IDs) comes from `seed`.
    pub fn new(config: UaConfig, seed: u64) -> Self {
        let _ = seed;
        Self { _config: config }
    }

    /// Feed one received datagram.
    pub fn handle_datagram(&mut self, now: Duration, from: SocketAddr, data: &[u8]) {
        let _ = (now, from, data);
        todo!("sip core")
    }

    /// Tell the agent that `now` has reached (or passed) the last `poll_timeout`.
    pub fn handle_timeout(&mut self, now: Duration) {
        let _ = now;
        todo!("sip core")
    }

    /// The next thing to send or report, if any.
    pub fn poll_output(&mut self) -> Option<Output> {
        todo!("sip core")
    }

    /// The earliest time `handle_timeout` must be called.
    pub fn poll_timeout(&self) -> Option<Duration> {
        todo!("sip core")
    }

    /// Start a call to `target` (a SIP URI), sending to `destination`, with `sdp` as the offer.
    pub fn invite(
        &mut self,
        now: Duration,
        target: &str,
        destination: SocketAddr,
        sdp: Vec<u8>,
    ) -> Result<CallKey, SipError> {
        let _ = (now, target, destination, sdp);
        todo!("sip core")
    }

    /// Send 180 Ringing for an incoming call.
    pub fn ringing(&mut self, now: Duration, call: CallKey) -> Result<(), SipError> {
        let _ = (now, call);
        todo!("sip core")
    }

    /// Answer an incoming call with 200 OK carrying `sdp`.
    pub fn answer(&mut self, now: Duration, call: CallKey, sdp: Vec<u8>) -> Result<(), SipError> {
        let _ = (now, call, sdp);
        todo!("sip core")
    }

    /// Refuse an incoming call with a final status such as 486, 488 or 603.
    pub fn reject(&mut self, now: Duration, call: CallKey, code: u16) -> Result<(), SipError> {
        let _ = (now, call, code);
        todo!("sip core")
    }

    /// End a call: CANCEL an outgoing call not yet answered, BYE a confirmed one.
    pub fn hangup(&mut self, now: Duration, call: CallKey) -> Result<(), SipError> {
        let _ = (now, call);
        todo!("sip core")
    }
}
