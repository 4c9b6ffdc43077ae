//! Ring 2: the engine. It owns the SIP socket, drives the user agent, owns the calls and their
//! RTP sockets and audio, and speaks only `Command` and `Event` to the faces.

pub mod api;

use crate::audio::AudioBackend;
use api::{Command, Event};
use std::net::SocketAddr;
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
    /// Our user name in peer-to-peer mode (the user part of From and Contact).
    pub user: String,
    pub display_name: Option<String>,
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

/// Bind the SIP socket and spawn the engine on the current tokio runtime.
pub async fn start(config: EngineConfig) -> Result<EngineHandle, EngineError> {
    let _ = config;
    todo!("engine")
}
