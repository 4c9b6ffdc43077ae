//! Ring 2: the engine. It owns the SIP socket, drives the user agent, owns the calls and their
//! RTP sockets and audio, and speaks only `Command` and `Event` to the faces.

pub mod accounts;
pub mod api;
mod audio_test;
mod call;
mod end_reason;
mod local_address;
mod media_session;
mod network_watch;
pub mod resolve;
mod ringer;
mod runner;
mod target;
mod tone_player;
pub mod transport;

use crate::audio::AudioBackend;
use accounts::AccountSetup;
use api::{Command, Event};
use std::net::SocketAddr;
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

/// How the engine is set up when it starts.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Where to listen for SIP over UDP. Port 0 picks a free one.
    pub listen: SocketAddr,
    /// Where call audio comes from and goes to.
    pub audio: AudioBackend,
    /// Answer incoming calls at once.
    pub auto_answer: bool,
    /// Our user name in peer-to-peer mode (the user part of From and Contact), and the user
    /// an INVITE must name to ring here peer-to-peer: the faces make it a token hard to guess
    /// (`config::peer_user`), so scanners cannot ring the phone.
    pub user: String,
    pub display_name: Option<String>,
    /// Codec names in our order of preference (e.g. `PCMU`, `opus`); empty means every codec
    /// Handset supports, in its default order.
    pub codecs: Vec<String>,
}

impl EngineConfig {
    /// Peer-to-peer defaults: listen on every interface on the SIP port, audio from the devices.
    pub fn peer_to_peer(listen: SocketAddr, audio: AudioBackend) -> Self {
        Self {
            listen,
            audio,
            auto_answer: false,
            user: "handset".to_owned(),
            display_name: None,
            codecs: Vec::new(),
        }
    }
}

/// Why the engine could not start.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("cannot listen for SIP on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// A running engine: send it Commands, read its Events.
pub struct EngineHandle {
    pub commands: mpsc::UnboundedSender<Command>,
    pub events: mpsc::UnboundedReceiver<Event>,
    /// The address the SIP socket is bound to.
    pub local_addr: SocketAddr,
}

/// Bind the SIP socket and spawn the engine on the current tokio runtime, peer-to-peer until
/// a `Command::ApplySettings` brings accounts.
pub async fn start(config: EngineConfig) -> Result<EngineHandle, EngineError> {
    start_with_accounts(config, None).await
}

/// Like [`start`], registering the enabled accounts of `accounts` at once.
pub async fn start_with_accounts(
    config: EngineConfig,
    accounts: Option<AccountSetup>,
) -> Result<EngineHandle, EngineError> {
    let bind_error = |source| EngineError::Bind {
        addr: config.listen,
        source,
    };
    let socket = UdpSocket::bind(config.listen).await.map_err(bind_error)?;
    let local_addr = socket.local_addr().map_err(bind_error)?;
    let (command_tx, command_rx) = mpsc::unbounded_channel();
    let (event_tx, event_rx) = mpsc::unbounded_channel();
    let runner = runner::Runner::new(config, socket, local_addr, event_tx, accounts);
    tokio::spawn(runner.run(command_rx));
    Ok(EngineHandle {
        commands: command_tx,
        events: event_rx,
        local_addr,
    })
}
