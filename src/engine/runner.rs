//! The engine loop: one task that owns the SIP socket, the TCP/TLS connections and the user
//! agent, and turns Commands, datagrams and stream messages into user-agent calls, and
//! user-agent events into Events.
//!
//! The work is split by concern: `dial` places calls, `call_control` carries out the user's
//! commands on them, `ua_events` follows what the user agent reports, `accounts` registers,
//! `flows` sends over UDP/TCP/TLS and watches connections, `reoffer` answers re-INVITEs,
//! `lookups` runs RFC 3263 lookups beside the loop and `hop` turns their targets into next hops;
//! `queries` answers the faces' questions about sound devices and certificate files.

use super::accounts::AccountSetup;
use super::api::{CallId, Command, ErrorInfo, Event};
use super::call::Call;
use super::media_session::{DeviceChoice, MediaReport};
use super::network_watch::NetworkWatch;
use super::ringer::Ringer;
use super::tone_player::TonePlayer;
use super::transport::{Connections, FlowError, StreamEvent};
use super::{local_address, EngineConfig};
use crate::config::secrets::AccountSecrets;
use crate::config::{AccountId, Settings};
use crate::sip::{Output, RegistrationKey, Transport, UaConfig, UserAgent};
use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

/// How long Quit waits for BYEs to be answered before the engine stops anyway.
const QUIT_GRACE: Duration = Duration::from_secs(2);
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
    /// Open TCP and TLS connections; their messages and closes arrive on `streams`.
    connections: Connections,
    streams: mpsc::UnboundedReceiver<StreamEvent>,
    /// The last failure of each TCP/TLS flow, to explain a registration that failed on it.
    flow_failures: BTreeMap<(SocketAddr, Transport), FlowError>,
    /// The TCP listener's task while the network settings enable TCP.
    tcp_listener: Option<tokio::task::JoinHandle<()>>,
    /// RFC 3263 lookups running in the background; their answers arrive on `lookups.done`.
    lookups: lookups::Lookups,
    /// Dials waiting for their next hop's lookup (already `Calling` for the face).
    pending_dials: BTreeMap<CallId, dial::PendingDial>,
    /// Targets an outgoing call may still fail over to while its INVITE is unanswered.
    dial_fallbacks: BTreeMap<CallId, dial::DialFallback>,
    /// Answers to the faces' questions, worked out off the loop.
    queries: queries::Queries,
    /// Ringback, busy or error tone (`sounds.rs`).
    tone: Option<TonePlayer>,
    /// The ringtone while an incoming call rings.
    ringer: Option<Ringer>,
    /// Settings → Audio's device test while it runs (`audio_test.rs`).
    audio_test: Option<tokio::task::JoinHandle<()>>,
}

mod account_transport;
mod accounts;
mod audio_test;
mod call_control;
mod chosen_devices;
mod dial;
mod do_not_disturb;
mod flows;
mod hop;
mod lookups;
mod media_move;
mod queries;
mod reoffer;
mod screening;
mod sounds;
mod ua_events;

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
        let (streams_tx, streams) = mpsc::unbounded_channel();
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
            network: NetworkWatch::new(local_addr),
            connections: Connections::new(streams_tx),
            streams,
            flow_failures: BTreeMap::new(),
            tcp_listener: None,
            lookups: lookups::Lookups::new(),
            pending_dials: BTreeMap::new(),
            dial_fallbacks: BTreeMap::new(),
            queries: queries::Queries::new(),
            tone: None,
            ringer: None,
            audio_test: None,
        }
    }

    pub async fn run(mut self, mut commands: mpsc::UnboundedReceiver<Command>) {
        let contact = format!("sip:{}@{}", self.config.user, self.advertised);
        tracing::info!(target: "handset::reachable", "reachable at {contact}");
        self.emit(Event::Ready {
            listen: self.local_addr,
            contact,
        });
        let initial = std::mem::take(&mut self.settings);
        self.settings.general = initial.general.clone();
        self.start_screening();
        self.sync_tcp_listener(initial.network.transports.tcp).await;
        self.apply_settings(initial).await;
        let mut datagram = vec![0u8; MAX_DATAGRAM];
        let mut commands_open = true;
        loop {
            self.flush().await;
            self.sync_ringer().await;
            if self.quit_deadline.is_some() && self.calls.is_empty() && !self.is_unregistering() {
                break;
            }
            let ua_deadline = self.ua.poll_timeout().map(|t| self.epoch + t);
            let early_retry = self.early_retry_deadline().map(|t| self.epoch + t);
            let keepalive = self.keepalive_deadline().map(|t| self.epoch + t);
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
                Some(event) = self.streams.recv() => self.handle_stream_event(event),
                Some(report) = self.reports_rx.recv() => self.handle_report(report),
                Some((purpose, answer)) = self.lookups.done.recv() => {
                    self.on_lookup(purpose, answer).await;
                }
                Some(answer) = self.queries.done.recv() => self.emit(answer),
                () = self.queries.device_news.changed() => self.list_audio_devices(),
                _ = sleep_until(ua_deadline) => {
                    let now = self.now();
                    self.ua.handle_timeout(now);
                }
                _ = sleep_until(early_retry) => self.fire_early_retries().await,
                Some(notice) = self.network.notice() => self.on_network_notice(notice).await,
                _ = sleep_until(keepalive) => self.send_keepalives().await,
                _ = sleep_until(self.quit_deadline) => break,
            }
        }
        // Lookups still running answer nobody now.
        self.lookups.cancel_all();
        for (_, call) in std::mem::take(&mut self.calls) {
            if let Some(media) = call.media {
                media.stop().await;
            }
        }
        self.stop_all_sounds().await;
        // Stop listening; open connections end as their command channels close with us.
        self.sync_tcp_listener(false).await;
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
    /// Round again after account events: what they set off (a registration moving to the
    /// next target) must leave now, not at whatever wakes the loop next.
    async fn flush(&mut self) {
        loop {
            while let Some(output) = self.ua.poll_output() {
                match output {
                    Output::Transmit(t) => self.transmit(t).await,
                    Output::Event(event) => self.handle_ua_event(event).await,
                }
            }
            if !self.drain_account_events() {
                break;
            }
        }
    }

    async fn handle_command(&mut self, command: Command) {
        match command {
            Command::Dial { target, account } => self.dial(target, account).await,
            Command::ApplySettings { settings } => {
                if self.quit_deadline.is_none() {
                    self.sync_tcp_listener(settings.network.transports.tcp)
                        .await;
                    self.apply_settings(*settings).await;
                }
            }
            Command::Answer { call } => self.answer(call),
            Command::Decline { call } => self.reject(call, 603),
            Command::Hangup { call } => self.hangup(call),
            Command::Mute { call, muted } => self.mute(call, muted),
            Command::SendDtmf { call, digits } => self.send_dtmf(call, digits),
            Command::ListAudioDevices => self.list_audio_devices(),
            Command::SetCallAudio {
                call,
                input,
                output,
            } => self.set_call_audio(call, DeviceChoice { input, output }),
            Command::CheckCertificate { path, request } => self.check_certificate(path, request),
            Command::AudioTest { test } => self.start_audio_test(test),
            Command::Quit => self.begin_quit(),
        }
    }

    fn begin_quit(&mut self) {
        if self.quit_deadline.is_some() {
            return;
        }
        self.quit_deadline = Some(tokio::time::Instant::now() + QUIT_GRACE);
        self.unregister_all();
        // Dials still waiting for DNS end at once; the others hang up over SIP.
        let ids: Vec<CallId> = self
            .pending_dials
            .keys()
            .chain(self.calls.keys())
            .copied()
            .collect();
        for id in ids {
            self.hangup(id);
        }
    }

    /// Every call, incoming or outgoing, starts here, so this is also where a running audio
    /// test gives the devices back.
    fn allocate_id(&mut self) -> CallId {
        self.stop_audio_test();
        let id = CallId(self.next_call);
        self.next_call += 1;
        id
    }
}

/// Sleep until `deadline`, or forever when there is none.
async fn sleep_until(deadline: Option<impl Into<tokio::time::Instant>>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline.into()).await,
        None => std::future::pending().await,
    }
}
