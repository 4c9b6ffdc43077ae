//! The user agent's public face and the plumbing between transactions, calls and the driver.
//!
//! The caller's side lives in `ua/uac.rs`; incoming requests in `ua/uas.rs`; the callee's
//! answers and call timers in `ua/answering.rs`; ACK and BYE in `ua/in_dialog.rs`; the
//! peer's re-INVITEs in `ua/reoffer.rs` and ours in `ua/reinvite.rs`; timer dispatch in
//! `ua/timing.rs`; the transaction table in `ua/transactions.rs`; identifiers in
//! `ua/ids.rs`. Everything the agent wants done is queued as [`Output`]s.

mod answering;
mod challenged;
mod ids;
mod in_dialog;
mod info;
mod message;
mod options;
mod registering;
mod reinvite;
mod reoffer;
mod screening;
#[cfg(test)]
mod screening_tests;
mod source_limit;
mod timing;
mod transactions;
mod transport_errors;
#[cfg(test)]
mod transport_tests;
mod types;
mod uac;
mod uas;

pub(crate) use ids::name_addr;
pub use message::{MessageKey, MessageOutcome};
pub use options::{AccountEvent, CallOptions};
pub use screening::{uri_user, AccountGate, Screening, Verdict};
pub use source_limit::RateLimit;
pub use types::{CallKey, EndCause, Output, SipError, Transmit, UaConfig, UaEvent};

use core::net::SocketAddr;
use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::SeedableRng;

use crate::sip::auth::Credentials;
use crate::sip::call::Call;
use crate::sip::message::parsed::{parse_datagram, Inbound};
use crate::sip::registration::{Registration, RegistrationKey};
use crate::sip::transaction::key::{ClientKey, ServerKey};
use crate::sip::transaction::timers::TimerValues;
use crate::sip::transaction::TxAction;
use crate::sip::transport::{Flow, Transport};
use transactions::{ClientEntry, ClientTx, ServerEntry, ServerTx};

/// A SIP user agent: transactions, dialogs and INVITE usages, driven by its caller.
pub struct UserAgent {
    config: UaConfig,
    timer_values: TimerValues,
    rng: StdRng,
    /// Default credentials for calls that bring none (and for BYE of incoming calls).
    credentials: Option<Credentials>,
    next_call: u64,
    calls: BTreeMap<CallKey, Call>,
    clients: BTreeMap<ClientKey, ClientEntry>,
    servers: BTreeMap<ServerKey, ServerEntry>,
    outputs: VecDeque<Output>,
    next_registration: u64,
    registrations: BTreeMap<RegistrationKey, Registration>,
    account_events: VecDeque<AccountEvent>,
    next_message: u64,
    messages: BTreeMap<MessageKey, message::OutgoingMessage>,
    /// Who may ring; `None` lets every INVITE ring (a bare agent, as in protocol tests).
    screening: Option<Screening>,
    /// How long an incoming call rings unanswered before it is missed; `None`: no limit.
    ring_timeout: Option<Duration>,
    /// Per-source limits on what we handle at all; `None`: no limit.
    limiter: Option<source_limit::SourceLimiter>,
    /// Keeps the To tags of stateless refusals unguessable yet the same for a retransmission.
    tag_salt: u64,
}

/// Why we started a client transaction: decides what its responses mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Invite,
    /// Our re-INVITE in a confirmed call.
    Reinvite,
    Cancel,
    Bye,
    /// A REGISTER of this registration (the entry's call key is [`NO_CALL`]).
    Register(RegistrationKey),
    /// A MESSAGE (the entry's call key is [`NO_CALL`]).
    Message(MessageKey),
    /// A request whose outcome does not matter (a BYE after the call already ended); its
    /// call key is [`NO_CALL`].
    Detached,
}

/// The call key of detached requests: real keys start at 1.
const NO_CALL: CallKey = CallKey(0);

impl UserAgent {
    /// A user agent whose randomness (tags, branches, Call-IDs) comes from `seed`.
    pub fn new(config: UaConfig, seed: u64) -> Self {
        Self::with_timer_values(config, seed, TimerValues::default())
    }

    /// Like [`Self::new`] with other RFC 3261 timer values (T1, T2, T4).
    pub fn with_timer_values(config: UaConfig, seed: u64, timer_values: TimerValues) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let tag_salt = rand::Rng::random(&mut rng);
        Self {
            config,
            timer_values,
            rng,
            credentials: None,
            next_call: 1,
            calls: BTreeMap::new(),
            clients: BTreeMap::new(),
            servers: BTreeMap::new(),
            outputs: VecDeque::new(),
            next_registration: 1,
            registrations: BTreeMap::new(),
            account_events: VecDeque::new(),
            next_message: 1,
            messages: BTreeMap::new(),
            screening: None,
            ring_timeout: None,
            limiter: None,
            tag_salt,
        }
    }

    /// Screen new INVITEs by `screening` (see `ua/screening.rs`); `None` lets all ring.
    pub fn set_screening(&mut self, screening: Option<Screening>) {
        self.screening = screening;
    }

    /// Stop an unanswered incoming call ringing after `timeout` (480, then
    /// [`EndCause::Unanswered`]); `None` lets it ring until the caller gives up. Applies to
    /// calls that start ringing from now on.
    pub fn set_ring_timeout(&mut self, timeout: Option<Duration>) {
        self.ring_timeout = timeout;
    }

    /// Drop messages from a source beyond `limit` before parsing them; our accounts' servers
    /// are never limited. `None` handles everything.
    pub fn set_rate_limit(&mut self, limit: Option<RateLimit>) {
        self.limiter = limit.map(source_limit::SourceLimiter::new);
    }

    /// Messages dropped by the rate limit so far.
    pub fn rate_limited(&self) -> u64 {
        self.limiter.as_ref().map_or(0, |l| l.dropped())
    }

    /// Feed one received UDP datagram.
    pub fn handle_datagram(&mut self, now: Duration, from: SocketAddr, data: &[u8]) {
        self.handle_inbound(now, Flow::udp(from), data);
    }

    /// Feed one complete message cut from a TCP or TLS stream (see
    /// [`crate::sip::transport::stream_framing`]) that arrived from `from` over `transport`.
    /// Responses to a request that came this way go back on the same transport to `from`.
    pub fn handle_message(
        &mut self,
        now: Duration,
        from: SocketAddr,
        transport: Transport,
        bytes: &[u8],
    ) {
        self.handle_inbound(now, Flow::new(from, transport), bytes);
    }

    fn handle_inbound(&mut self, now: Duration, from: Flow, data: &[u8]) {
        if !self.within_rate(now, from.address) {
            return;
        }
        match parse_datagram(data) {
            Inbound::Response(response) => self.on_response(now, response),
            Inbound::Request(mut request) => {
                request.common.raw.stamp_received(from.address);
                self.on_request(now, from, request)
            }
            Inbound::Malformed {
                mut raw,
                status,
                reason,
            } => {
                raw.stamp_received(from.address);
                self.answer_malformed(from, &raw, status, &reason)
            }
            Inbound::Unusable => {}
        }
        self.purge_terminated();
    }

    /// Tell the agent that `now` has reached (or passed) the last `poll_timeout`.
    pub fn handle_timeout(&mut self, now: Duration) {
        self.fire_timers(now);
        self.purge_terminated();
    }

    /// The next thing to send or report, if any.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    /// The earliest time `handle_timeout` must be called.
    pub fn poll_timeout(&self) -> Option<Duration> {
        self.next_deadline()
    }

    /// Start a call to `target` (a SIP URI), sending to `destination`, with `sdp` as the offer.
    pub fn invite(
        &mut self,
        now: Duration,
        target: &str,
        destination: SocketAddr,
        sdp: Vec<u8>,
    ) -> Result<CallKey, SipError> {
        self.start_call(now, target, destination, sdp, CallOptions::default())
    }

    /// Send 180 Ringing for an incoming call.
    pub fn ringing(&mut self, now: Duration, call: CallKey) -> Result<(), SipError> {
        self.send_ringing(now, call)
    }

    /// Answer an incoming call with 200 OK carrying `sdp`.
    pub fn answer(&mut self, now: Duration, call: CallKey, sdp: Vec<u8>) -> Result<(), SipError> {
        self.send_answer(now, call, sdp)
    }

    /// Refuse an incoming call with a final status such as 486, 488 or 603.
    pub fn reject(&mut self, now: Duration, call: CallKey, code: u16) -> Result<(), SipError> {
        self.send_rejection(now, call, code)
    }

    /// Accept the peer's re-INVITE of `call` with 200 OK carrying the answer `sdp`; the 200
    /// is retransmitted until the peer's ACK.
    pub fn answer_reoffer(
        &mut self,
        now: Duration,
        call: CallKey,
        sdp: Vec<u8>,
    ) -> Result<(), SipError> {
        self.send_reoffer_answer(now, call, sdp)
    }

    /// Refuse the peer's re-INVITE of `call` with a final status (488 for an offer we cannot
    /// accept); the call goes on with the media it had.
    pub fn reject_reoffer(
        &mut self,
        now: Duration,
        call: CallKey,
        code: u16,
    ) -> Result<(), SipError> {
        self.send_reoffer_rejection(now, call, code)
    }

    /// Send a re-INVITE with a new offer `sdp` in a confirmed call; the outcome comes as
    /// [`UaEvent::ReinviteAnswered`].
    pub fn reinvite(&mut self, now: Duration, call: CallKey, sdp: Vec<u8>) -> Result<(), SipError> {
        self.send_reinvite(now, call, sdp)
    }

    /// End a call: CANCEL an outgoing call not yet answered, BYE a confirmed one.
    ///
    /// An incoming call not yet answered is declined with 603. Hanging up a call that is
    /// already being cancelled or ended does nothing.
    pub fn hangup(&mut self, now: Duration, call: CallKey) -> Result<(), SipError> {
        self.end_locally(now, call)
    }

    // ---- plumbing shared by uac, uas and timing ----

    fn within_rate(&mut self, now: Duration, source: SocketAddr) -> bool {
        let trusted = self.screening.as_ref().is_some_and(|s| s.is_server(source));
        match &mut self.limiter {
            Some(limiter) if !trusted => limiter.allow(now, source),
            _ => true,
        }
    }

    fn transmit(&mut self, destination: Flow, payload: Vec<u8>) {
        self.outputs.push_back(Output::Transmit(Transmit {
            destination: destination.address,
            transport: destination.transport,
            payload,
        }));
    }

    fn emit(&mut self, event: UaEvent) {
        self.outputs.push_back(Output::Event(event));
    }

    /// Remove a call and report why it ended.
    fn end_call(&mut self, call: CallKey, cause: EndCause) {
        if self.calls.remove(&call).is_some() {
            self.emit(UaEvent::Ended { call, cause });
        }
    }

    /// The call is ending while our INVITE has no final response: keep its transaction only
    /// 64*T1 longer (to ACK and BYE a late 2xx), so it cannot wait in Proceeding for ever.
    fn abandon_invite(&mut self, now: Duration, call: CallKey) {
        let Some(key) = self
            .calls
            .get(&call)
            .and_then(|c| c.caller())
            .map(|c| c.invite_tx.clone())
        else {
            return;
        };
        if let Some(ClientTx::Invite(tx)) = self.clients.get_mut(&key).map(|e| &mut e.tx) {
            tx.abandon(now);
        }
    }
}
