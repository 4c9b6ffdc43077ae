//! One INVITE usage (a call) as seen by the user agent core: its dialog, where it stands, and
//! what the core must remember to retransmit or cancel.

use core::net::SocketAddr;

use crate::sip::auth::DigestClient;
use crate::sip::dialog::Dialog;
use crate::sip::message::build::SentInvite;
use crate::sip::message::normalise::RawMessage;
use crate::sip::transaction::key::{ClientKey, ServerKey};
use crate::sip::transaction::timers::TimerTable;
use crate::sip::transport::Flow;
use crate::sip::ua::CallKey;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallState {
    /// Caller: INVITE sent, no provisional response yet.
    Calling,
    /// Caller: a provisional response arrived; CANCEL is now allowed.
    Early,
    /// Caller: hung up before the answer; CANCEL sent (or waiting for a provisional to send it).
    Cancelling,
    /// Callee: INVITE received, 100 (and maybe 180) sent.
    Offered,
    /// Callee: 2xx sent, waiting for the ACK.
    WaitingAck,
    /// Both: the dialog is confirmed.
    Confirmed,
    /// Both: we sent BYE and wait for its answer.
    Terminating,
}

/// What the caller side remembers.
#[derive(Debug, Clone)]
pub struct CallerSide {
    pub invite_tx: ClientKey,
    pub sent_invite: SentInvite,
    /// The ACK for the 2xx, resent when the 2xx is retransmitted.
    pub ack: Option<Vec<u8>>,
    pub cancel_sent: bool,
    /// The offer, sent again when the INVITE is re-sent with credentials.
    pub offer: Vec<u8>,
    /// The credentials headers of the last INVITE; its ACK for a 2xx carries them too
    /// (RFC 3261 22.1).
    pub auth_headers: Vec<(&'static str, String)>,
}

/// What the callee side remembers.
#[derive(Debug, Clone)]
pub struct CalleeSide {
    pub invite_tx: ServerKey,
    pub invite: RawMessage,
    /// Our 2xx, retransmitted until the ACK comes (13.3.1.4).
    pub ok_response: Option<Vec<u8>>,
    /// The driver hung up before the ACK: send BYE once it arrives (15).
    pub bye_after_ack: bool,
}

#[derive(Debug, Clone)]
pub enum Side {
    Caller(Box<CallerSide>),
    Callee(Box<CalleeSide>),
}

#[derive(Debug, Clone)]
pub struct Call {
    pub key: CallKey,
    pub state: CallState,
    pub dialog: Dialog,
    /// Where the dialog started: the INVITE's destination, or the source of the peer's INVITE,
    /// with the transport the call runs over.
    pub peer: Flow,
    pub side: Side,
    /// Core timers: 2xx retransmission, ACK wait, CANCEL wait.
    pub timers: TimerTable,
    /// Answers 401/407 challenges to our INVITE and BYE; `None` without credentials.
    pub auth: Option<DigestClient>,
    /// The host:port of our Contact in this call: an account's public address learnt from
    /// `received`/`rport` (RFC 3581); `None` uses the agent's local address.
    pub contact_addr: Option<SocketAddr>,
    /// A re-INVITE from the peer that is not yet answered, or answered 2xx and not yet ACKed.
    pub reoffer: Option<IncomingReoffer>,
    /// Our own re-INVITE, from sending until the next one (its ACK is resent on a 2xx copy).
    pub own_reinvite: Option<OwnReinvite>,
}

/// A re-INVITE we sent in a confirmed dialog (RFC 3261 14.1).
#[derive(Debug, Clone)]
pub struct OwnReinvite {
    pub seq: u32,
    /// The ACK of its 2xx; `None` while no final response came.
    pub ack: Option<Vec<u8>>,
}

/// A re-INVITE the peer sent in a confirmed dialog (RFC 3261 14.2).
#[derive(Debug, Clone)]
pub struct IncomingReoffer {
    pub tx: ServerKey,
    pub request: RawMessage,
    /// Its CSeq number: the ACK for our 2xx carries the same.
    pub seq: u32,
    /// Where the re-INVITE came from: our 2xx goes back there (18.2.2).
    pub source: Flow,
    /// Our 2xx, retransmitted until the ACK comes (13.3.1.4); `None` until we answer.
    pub ok_response: Option<Vec<u8>>,
}

impl Call {
    pub fn caller(&self) -> Option<&CallerSide> {
        match &self.side {
            Side::Caller(c) => Some(c),
            Side::Callee(_) => None,
        }
    }

    pub fn caller_mut(&mut self) -> Option<&mut CallerSide> {
        match &mut self.side {
            Side::Caller(c) => Some(c),
            Side::Callee(_) => None,
        }
    }

    pub fn callee(&self) -> Option<&CalleeSide> {
        match &self.side {
            Side::Callee(c) => Some(c),
            Side::Caller(_) => None,
        }
    }

    pub fn callee_mut(&mut self) -> Option<&mut CalleeSide> {
        match &mut self.side {
            Side::Callee(c) => Some(c),
            Side::Caller(_) => None,
        }
    }

    /// Where our in-dialog requests go, and over which transport.
    pub fn request_destination(&self) -> Flow {
        self.dialog.next_hop(self.peer)
    }
}
