//! The user agent's public vocabulary: its settings, call keys, what it sends and tells, and
//! the errors of requests it cannot carry out.

use core::net::SocketAddr;

use crate::sip::registration::RegistrationKey;
use crate::sip::transport::Transport;

/// Static settings of the user agent.
#[derive(Debug, Clone)]
pub struct UaConfig {
    /// The address we advertise in Via and Contact: the bound UDP socket's address (the TCP
    /// listener shares its port).
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

/// A message the driver must send: a datagram over UDP, or a message written to the
/// connection with `destination` over TCP or TLS (opened if there is none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transmit {
    pub destination: SocketAddr,
    pub transport: Transport,
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
    /// Nobody answered our ringing before the ring timeout; we answered 480.
    Unanswered,
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
        /// The account (its [`super::AccountGate::account`]) the call came in on through
        /// that account's server; `None` for a direct call.
        account: Option<u64>,
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
    /// The peer sent a re-INVITE with this SDP offer in a confirmed call. The driver calls
    /// `answer_reoffer` with its answer, or `reject_reoffer` (488) to keep the media as it was.
    Reoffer { call: CallKey, sdp: Vec<u8> },
    /// The final response to our own re-INVITE (`UserAgent::reinvite`); a 2xx has been ACKed.
    /// Any other code left the call as it was (408: no response at all).
    ReinviteAnswered {
        call: CallKey,
        code: u16,
        sdp: Option<Vec<u8>>,
    },
    /// The peer sent a key press by SIP INFO (`application/dtmf-relay` or `application/dtmf`);
    /// it has been answered 200. `duration_ms` is `None` when the body does not give one.
    Dtmf {
        call: CallKey,
        digit: char,
        duration_ms: Option<u32>,
    },
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
    #[error("unknown registration {0:?}")]
    UnknownRegistration(RegistrationKey),
    #[error("the call is not in a state where this is possible")]
    WrongState,
    #[error("invalid SIP URI: {0}")]
    InvalidUri(String),
}
