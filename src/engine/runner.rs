//! The engine loop: one task that owns the SIP socket and the user agent, and turns Commands and
//! datagrams into user-agent calls, and user-agent events into Events.

use super::accounts::{complete_target, AccountSetup};
use super::api::{CallId, CallState, Command, Direction, EndReason, ErrorInfo, Event};
use super::call::Call;
use super::media_session::{self, MediaParams, MediaReport};
use super::network_watch::NetworkWatch;
use super::{end_reason, local_address, target, EngineConfig};
use crate::config::secrets::AccountSecrets;
use crate::config::{AccountId, Settings};
use crate::media::dtmf;
use crate::media::sdp::{self, LocalMedia, Negotiated};
use crate::sip::{CallKey, CallOptions, Output, RegistrationKey, UaConfig, UaEvent, UserAgent};
use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

/// How long Quit waits for BYEs to be answered before the engine stops anyway.
const QUIT_GRACE: Duration = Duration::from_secs(2);
/// Payload type we offer for RFC 4733 telephone-event.
const TELEPHONE_EVENT_PT: u8 = 101;
/// Large enough for any UDP datagram.
const MAX_DATAGRAM: usize = 65_535;

pub struct Runner {
    config: EngineConfig,
    socket: UdpSocket,
    local_addr: SocketAddr,
    advertised: SocketAddr,
    ua: UserAgent,
    epoch: Instant,
    events: mpsc::UnboundedSender<Event>,
    reports_tx: mpsc::UnboundedSender<MediaReport>,
    reports_rx: mpsc::UnboundedReceiver<MediaReport>,
    calls: BTreeMap<CallId, Call>,
    next_call: u64,
    quit_deadline: Option<tokio::time::Instant>,
    /// The settings last applied; `dialling_account` comes from here.
    settings: Settings,
    secrets: Option<Arc<AccountSecrets>>,
    /// Accounts the engine acts on (enabled ones), by id.
    active: BTreeMap<AccountId, accounts::Active>,
    /// Unregistrations still waiting for their answer (Quit waits for them, within the grace).
    unregistering: BTreeSet<RegistrationKey>,
    /// Resume and network-change detection (see `accounts/network.rs`).
    network: NetworkWatch,
}

mod accounts;
mod reoffer;

impl Runner {
    pub fn new(
        config: EngineConfig,
        socket: UdpSocket,
        local_addr: SocketAddr,
        events: mpsc::UnboundedSender<Event>,
        setup: Option<AccountSetup>,
    ) -> Self {
        let (settings, secrets) = match setup {
            Some(setup) => (setup.settings, Some(setup.secrets)),
            None => (Settings::default(), None),
        };
        let advertised = local_address::advertised(local_addr);
        let ua = UserAgent::new(
            UaConfig {
                local_addr: advertised,
                user: config.user.clone(),
                display_name: config.display_name.clone(),
                user_agent: concat!("Handset/", env!("CARGO_PKG_VERSION")).to_owned(),
            },
            rand::random(),
        );
        let (reports_tx, reports_rx) = mpsc::unbounded_channel();
        Self {
            config,
            socket,
            local_addr,
            advertised,
            ua,
            epoch: Instant::now(),
            events,
            reports_tx,
            reports_rx,
            calls: BTreeMap::new(),
            next_call: 1,
            quit_deadline: None,
            settings,
            secrets,
            active: BTreeMap::new(),
            unregistering: BTreeSet::new(),
            network: NetworkWatch::new(local_addr, Duration::ZERO),
        }
    }

    pub async fn run(mut self, mut commands: mpsc::UnboundedReceiver<Command>) {
        self.emit(Event::Ready {
            listen: self.local_addr,
            contact: format!("sip:{}@{}", self.config.user, self.advertised),
        });
        let initial = std::mem::take(&mut self.settings);
        self.apply_settings(initial).await;
        let mut datagram = vec![0u8; MAX_DATAGRAM];
        let mut commands_open = true;
        loop {
            self.flush().await;
            if self.quit_deadline.is_some() && self.calls.is_empty() && !self.is_unregistering() {
                break;
            }
            let ua_deadline = self.ua.poll_timeout().map(|t| self.epoch + t);
            let early_retry = self.early_retry_deadline().map(|t| self.epoch + t);
            let network = Some(self.epoch + self.network_deadline());
            tokio::select! {
                received = self.socket.recv_from(&mut datagram) => match received {
                    Ok((len, from)) => {
                        let now = self.now();
                        self.ua.handle_datagram(now, from, datagram.get(..len).unwrap_or_default());
                    }
                    Err(e) => tracing::debug!("SIP receive failed: {e}"),
                },
                command = commands.recv(), if commands_open => match command {
                    Some(command) => self.handle_command(command).await,
                    None => {
                        commands_open = false;
                        self.begin_quit();
                    }
                },
                Some(report) = self.reports_rx.recv() => self.handle_report(report),
                _ = sleep_until(ua_deadline) => {
                    let now = self.now();
                    self.ua.handle_timeout(now);
                }
                _ = sleep_until(early_retry) => self.fire_early_retries(),
                _ = sleep_until(network) => self.on_network_timer().await,
                _ = sleep_until(self.quit_deadline) => break,
            }
        }
        for (_, call) in std::mem::take(&mut self.calls) {
            if let Some(media) = call.media {
                media.stop().await;
            }
        }
        self.emit(Event::Stopped);
    }

    fn now(&self) -> Duration {
        self.epoch.elapsed()
    }

    fn emit(&self, event: Event) {
        // A face that went away just stops listening; the engine keeps its calls tidy regardless.
        let _ = self.events.send(event);
    }

    fn error(&self, code: &str, detail: String) {
        self.emit(Event::Error(ErrorInfo {
            code: code.to_owned(),
            key: format!("error-{code}"),
            detail,
        }));
    }

    /// Send what the user agent wants sent and act on what it reports, until it has nothing left.
    async fn flush(&mut self) {
        while let Some(output) = self.ua.poll_output() {
            match output {
                Output::Transmit(t) => {
                    if let Err(e) = self.socket.send_to(&t.payload, t.destination).await {
                        tracing::warn!("SIP send to {} failed: {e}", t.destination);
                    }
                }
                Output::Event(event) => self.handle_ua_event(event).await,
            }
        }
        self.drain_account_events();
    }

    async fn handle_command(&mut self, command: Command) {
        match command {
            Command::Dial { target, account } => self.dial(target, account).await,
            Command::ApplySettings { settings } => {
                if self.quit_deadline.is_none() {
                    self.apply_settings(*settings).await;
                }
            }
            Command::Answer { call } => self.answer(call),
            Command::Decline { call } => self.reject(call, 603),
            Command::Hangup { call } => self.hangup(call),
            Command::Mute { call, muted } => self.mute(call, muted),
            Command::SendDtmf { call, digits } => self.send_dtmf(call, digits),
            Command::Quit => self.begin_quit(),
        }
    }

    fn begin_quit(&mut self) {
        if self.quit_deadline.is_some() {
            return;
        }
        self.quit_deadline = Some(tokio::time::Instant::now() + QUIT_GRACE);
        self.unregister_all();
        let ids: Vec<CallId> = self.calls.keys().copied().collect();
        for id in ids {
            self.hangup(id);
        }
    }

    fn allocate_id(&mut self) -> CallId {
        let id = CallId(self.next_call);
        self.next_call += 1;
        id
    }

    async fn dial(&mut self, typed: String, asked: Option<AccountId>) {
        let id = self.allocate_id();
        if self.quit_deadline.is_some() {
            return;
        }
        let account = match self.dialling_account(asked) {
            Ok(account) => account,
            Err(detail) => return self.end_unstarted(id, &typed, EndReason::BadTarget { detail }),
        };
        let (typed, route) = match account {
            Some(account) => match self.call_setup(account).await {
                Ok((account, destination, options)) => (
                    complete_target(&typed, &account),
                    Some((destination, options)),
                ),
                Err(detail) => {
                    return self.end_unstarted(id, &typed, EndReason::BadTarget { detail })
                }
            },
            None => (typed, None),
        };
        let target = match target::parse(&typed) {
            Ok(target) => target,
            Err(e) => {
                return self.end_unstarted(
                    id,
                    &typed,
                    EndReason::BadTarget {
                        detail: e.to_string(),
                    },
                )
            }
        };
        let (routed, options) = match route {
            Some((destination, options)) => (Some(destination), options),
            None => (None, CallOptions::default()),
        };
        let resolved = match routed {
            Some(destination) => Ok(destination),
            None => target::resolve(&target).await,
        };
        let destination = match resolved {
            Ok(destination) => destination,
            Err(e) => {
                let detail = format!("cannot find {}: {e}", target.host);
                return self.end_unstarted(id, &target.uri, EndReason::BadTarget { detail });
            }
        };
        let (socket, local_media) = match self.bind_rtp(account).await {
            Ok(bound) => bound,
            Err(e) => {
                let detail = format!("cannot open an RTP port: {e}");
                return self.end_unstarted(id, &target.uri, EndReason::TransportError { detail });
            }
        };
        let offer = sdp::offer(&local_media);
        let now = self.now();
        match self
            .ua
            .invite_with(now, &target.uri, destination, offer.into_bytes(), options)
        {
            Ok(key) => {
                let call = Call::new(
                    id,
                    key,
                    Direction::Outgoing,
                    target.uri,
                    local_media,
                    socket,
                );
                self.emit_state(&call);
                self.calls.insert(id, call);
            }
            Err(e) => self.end_unstarted(
                id,
                &target.uri,
                EndReason::BadTarget {
                    detail: e.to_string(),
                },
            ),
        }
    }

    /// Report a dial that failed before any SIP was sent.
    fn end_unstarted(&self, id: CallId, remote: &str, reason: EndReason) {
        self.emit(Event::CallState {
            call: id,
            state: CallState::Ended,
            direction: Direction::Outgoing,
            remote: remote.to_owned(),
        });
        self.emit(Event::CallEnded { call: id, reason });
    }

    /// An RTP socket and the media we offer or accept on it, with `account`'s codec order
    /// (see `call_codecs`); `None` for a peer-to-peer call.
    async fn bind_rtp(
        &self,
        account: Option<AccountId>,
    ) -> std::io::Result<(UdpSocket, LocalMedia)> {
        let socket = UdpSocket::bind(SocketAddr::new(self.local_addr.ip(), 0)).await?;
        let port = socket.local_addr()?.port();
        let local = LocalMedia {
            address: self.advertised.ip(),
            rtp_port: port,
            codecs: self.call_codecs(account),
            telephone_event_pt: Some(TELEPHONE_EVENT_PT),
            session_id: u64::from(rand::random::<u32>()),
        };
        Ok((socket, local))
    }

    fn answer(&mut self, id: CallId) {
        let now = self.now();
        let Some(call) = self.calls.get_mut(&id) else {
            return self.unknown_call(id);
        };
        let Some((answer, negotiated)) = call.prepared_answer.take() else {
            return self.error("wrong-state", format!("call {} is not ringing", id.0));
        };
        let key = call.key;
        if let Err(e) = self.ua.answer(now, key, answer.into_bytes()) {
            return self.error("wrong-state", e.to_string());
        }
        self.start_media(id, negotiated);
    }

    fn reject(&mut self, id: CallId, code: u16) {
        let now = self.now();
        let Some(call) = self.calls.get(&id) else {
            return self.unknown_call(id);
        };
        if let Err(e) = self.ua.reject(now, call.key, code) {
            self.error("wrong-state", e.to_string());
        }
    }

    fn hangup(&mut self, id: CallId) {
        let Some(call) = self.calls.get(&id) else {
            return self.unknown_call(id);
        };
        if call.state == CallState::Incoming {
            return self.reject(id, 603);
        }
        let now = self.now();
        if let Err(e) = self.ua.hangup(now, call.key) {
            self.error("wrong-state", e.to_string());
        }
    }

    fn mute(&mut self, id: CallId, muted: bool) {
        let Some(call) = self.calls.get_mut(&id) else {
            return self.unknown_call(id);
        };
        call.muted = muted;
        if let Some(media) = &call.media {
            media.set_muted(muted);
        }
    }

    fn send_dtmf(&mut self, id: CallId, digits: String) {
        let Some(call) = self.calls.get(&id) else {
            return self.unknown_call(id);
        };
        if let Err(e) = dtmf::parse_digits(&digits) {
            return self.error("invalid-dtmf", e.to_string());
        }
        let Some(media) = &call.media else {
            return self.error(
                "wrong-state",
                format!(
                    "call {} has no media yet; DTMF needs an answered call",
                    id.0
                ),
            );
        };
        if !media.telephone_events() {
            return self.error(
                "dtmf-not-negotiated",
                format!("the peer of call {} did not accept telephone-events", id.0),
            );
        }
        media.send_dtmf(digits);
    }

    fn unknown_call(&self, id: CallId) {
        self.error("unknown-call", format!("there is no call {}", id.0));
    }

    fn handle_report(&mut self, report: MediaReport) {
        match report {
            MediaReport::Failed { call, detail } => {
                tracing::warn!("media for call {} failed: {detail}", call.0);
                if let Some(c) = self.calls.get_mut(&call) {
                    c.media = None;
                    c.end_reason = Some(EndReason::AudioError { detail });
                }
                self.hangup(call);
            }
        }
    }

    async fn handle_ua_event(&mut self, event: UaEvent) {
        match event {
            UaEvent::Incoming {
                call,
                from,
                from_display,
                to,
                sdp,
            } => self.incoming(call, from, from_display, to, sdp).await,
            UaEvent::Progress { call, code, .. } => {
                if matches!(code, 180 | 183) {
                    self.set_state(call, CallState::Ringing);
                }
            }
            UaEvent::Answered { call, sdp } => self.answered(call, sdp),
            UaEvent::Reoffer { call, sdp } => self.reoffer(call, sdp).await,
            // The engine sends no re-INVITE of its own yet.
            UaEvent::ReinviteAnswered { .. } => {}
            UaEvent::Confirmed { call } => self.set_state(call, CallState::Established),
            UaEvent::Dtmf {
                call,
                digit,
                duration_ms,
            } => {
                if let Some(id) = self.id_of(call) {
                    // INFO without a Duration: report 0, "not given".
                    self.emit(Event::DtmfReceived {
                        call: id,
                        digit,
                        duration_ms: duration_ms.unwrap_or(0),
                    });
                }
            }
            UaEvent::Ended { call, cause } => {
                let Some(id) = self.id_of(call) else { return };
                let Some(mut ended) = self.calls.remove(&id) else {
                    return;
                };
                if let Some(media) = ended.media.take() {
                    media.stop().await;
                }
                ended.state = CallState::Ended;
                self.emit_state(&ended);
                let reason = ended
                    .end_reason
                    .unwrap_or_else(|| end_reason::from_cause(&cause));
                self.emit(Event::CallEnded { call: id, reason });
            }
        }
    }

    async fn incoming(
        &mut self,
        key: CallKey,
        from: String,
        from_display: Option<String>,
        to: String,
        offer: Option<Vec<u8>>,
    ) {
        let now = self.now();
        // With accounts, an INVITE for a user that is none of ours (nor our peer-to-peer user)
        // never rings: it is a stray or a scan. Without accounts any user is accepted.
        let Ok(account) = self.incoming_account(&to) else {
            let _ = self.ua.reject(now, key, 404);
            return;
        };
        let Some(offer) = offer else {
            // Offerless INVITEs need the answer in the ACK, which this release does not take.
            let _ = self.ua.reject(now, key, 488);
            return self.error(
                "incoming-without-offer",
                format!("call from {from} had no SDP offer"),
            );
        };
        let (socket, local_media) = match self.bind_rtp(account).await {
            Ok(bound) => bound,
            Err(e) => {
                let _ = self.ua.reject(now, key, 500);
                return self.error("rtp-port", format!("cannot open an RTP port: {e}"));
            }
        };
        let prepared = match sdp::answer(&String::from_utf8_lossy(&offer), &local_media) {
            Ok(prepared) => prepared,
            Err(e) => {
                let _ = self.ua.reject(now, key, 488);
                return self.error("incoming-sdp-rejected", format!("call from {from}: {e}"));
            }
        };
        let remote = match from_display {
            Some(name) if !name.is_empty() => format!("{name} <{from}>"),
            _ => from.clone(),
        };
        let id = self.allocate_id();
        let mut call = Call::new(id, key, Direction::Incoming, remote, local_media, socket);
        call.prepared_answer = Some(prepared);
        self.use_learnt_contact(key, account);
        if let Err(e) = self.ua.ringing(now, key) {
            tracing::warn!("cannot send 180 for call {}: {e}", id.0);
        }
        self.emit(Event::IncomingCall {
            call: id,
            from,
            to,
            account,
        });
        self.emit_state(&call);
        self.calls.insert(id, call);
        if self.config.auto_answer {
            self.answer(id);
        }
    }

    fn answered(&mut self, key: CallKey, answer: Option<Vec<u8>>) {
        let Some(id) = self.id_of(key) else { return };
        let Some(call) = self.calls.get_mut(&id) else {
            return;
        };
        let agreed = match answer {
            Some(answer) => {
                sdp::accept_answer(&String::from_utf8_lossy(&answer), &call.local_media)
                    .map_err(|e| e.to_string())
            }
            None => Err("the answer had no SDP".to_owned()),
        };
        match agreed {
            Ok(negotiated) => {
                self.start_media(id, negotiated);
                self.set_state(key, CallState::Established);
            }
            Err(detail) => {
                tracing::warn!("call {}: unusable answer: {detail}", id.0);
                call.end_reason = Some(EndReason::MediaIncompatible);
                self.hangup(id);
            }
        }
    }

    fn start_media(&mut self, id: CallId, negotiated: Negotiated) {
        let Some(call) = self.calls.get_mut(&id) else {
            return;
        };
        let Some(socket) = call.rtp_socket.take() else {
            return;
        };
        let local_rtp = socket.local_addr().unwrap_or(self.local_addr);
        let media = media_session::spawn(MediaParams {
            call: id,
            socket,
            negotiated: negotiated.clone(),
            audio: self.config.audio.clone(),
            epoch: self.epoch,
            events: self.events.clone(),
            reports: self.reports_tx.clone(),
        });
        media.set_muted(call.muted);
        call.media = Some(media);
        self.emit(Event::MediaStarted {
            call: id,
            codec: negotiated.codec.to_string(),
            local_rtp,
            remote_rtp: negotiated.remote_rtp,
        });
    }

    fn id_of(&self, key: CallKey) -> Option<CallId> {
        self.calls.values().find(|c| c.key == key).map(|c| c.id)
    }

    fn set_state(&mut self, key: CallKey, state: CallState) {
        let Some(id) = self.id_of(key) else { return };
        let Some(call) = self.calls.get_mut(&id) else {
            return;
        };
        if call.state == state {
            return;
        }
        call.state = state;
        let event = state_event(call);
        self.emit(event);
    }

    fn emit_state(&self, call: &Call) {
        self.emit(state_event(call));
    }
}

fn state_event(call: &Call) -> Event {
    Event::CallState {
        call: call.id,
        state: call.state,
        direction: call.direction,
        remote: call.remote.clone(),
    }
}

/// Sleep until `deadline`, or forever when there is none.
async fn sleep_until(deadline: Option<impl Into<tokio::time::Instant>>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline.into()).await,
        None => std::future::pending().await,
    }
}
