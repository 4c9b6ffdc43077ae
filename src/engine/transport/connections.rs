//! The table of open TCP and TLS connections, keyed by the remote address and transport, so
//! every message to one address goes down the same connection (RFC 3261 18.1.1: reuse), and
//! requests arriving on a connection are answered on it.

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpStream;
use tokio::sync::mpsc;

use super::connection::{self, ConnectionCommand, ConnectionHandle, Session, Timing};
use super::tls::TlsConnector;
use super::{FlowError, StreamEvent};
use crate::sip::Transport;

/// A silent server must not hold a REGISTER forever: give up connecting after this.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Whom a TLS connection to an address must prove to be, and whom we trust for that.
#[derive(Debug, Clone)]
pub struct TlsTarget {
    /// The host name (or IP literal) of the account's domain or outbound proxy.
    pub server_name: String,
    /// `Err` when the account's trusted certificate cannot be used: connecting then fails
    /// with that error.
    pub connector: Result<TlsConnector, super::tls::TlsError>,
}

/// The open connections and how to open new ones.
pub struct Connections {
    open: BTreeMap<(SocketAddr, Transport), ConnectionHandle>,
    events: mpsc::UnboundedSender<StreamEvent>,
    tls_targets: BTreeMap<SocketAddr, TlsTarget>,
    /// Flows that carry a registration: their connections are kept alive with pings.
    keepalive: BTreeSet<(SocketAddr, Transport)>,
    timing: Timing,
    next_id: u64,
}

impl Connections {
    /// Connections whose events (messages, closes) go to `events`.
    pub fn new(events: mpsc::UnboundedSender<StreamEvent>) -> Self {
        Self::with_timing(events, Timing::standard())
    }

    pub fn with_timing(events: mpsc::UnboundedSender<StreamEvent>, timing: Timing) -> Self {
        Self {
            open: BTreeMap::new(),
            events,
            tls_targets: BTreeMap::new(),
            keepalive: BTreeSet::new(),
            timing,
            next_id: 1,
        }
    }

    fn allocate_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Send one message to `destination` over `transport` (TCP or TLS), on the open
    /// connection if there is one, else on a new one; the message waits for the connect.
    /// A failed connect comes back as [`StreamEvent::Closed`] with an error.
    pub fn send(&mut self, destination: SocketAddr, transport: Transport, payload: Vec<u8>) {
        let key = (destination, transport);
        let payload = match self.open.get(&key) {
            Some(handle) => match handle.commands.send(ConnectionCommand::Send(payload)) {
                Ok(()) => return,
                // The task just ended; its Closed event is on its way. Open a new one.
                Err(mpsc::error::SendError(ConnectionCommand::Send(p))) => p,
                Err(_) => return,
            },
            None => payload,
        };
        let handle = self.connect(destination, transport);
        let _ = handle.commands.send(ConnectionCommand::Send(payload));
        self.open.insert(key, handle);
    }

    /// Remember how to check the TLS server at `address` (its name, the trusted certificate).
    pub fn set_tls_target(&mut self, address: SocketAddr, target: TlsTarget) {
        self.tls_targets.insert(address, target);
    }

    /// Keep the flow to `destination` alive with pings (it carries a registration) or not.
    pub fn set_keepalive(&mut self, destination: SocketAddr, transport: Transport, on: bool) {
        let key = (destination, transport);
        let changed = if on {
            self.keepalive.insert(key)
        } else {
            self.keepalive.remove(&key)
        };
        if changed {
            if let Some(handle) = self.open.get(&key) {
                let _ = handle.commands.send(ConnectionCommand::KeepAlive(on));
            }
        }
    }

    /// A connection the listener accepted: messages to `peer` go down it.
    pub fn adopt(&mut self, peer: SocketAddr, handle: ConnectionHandle) {
        self.open.insert((peer, Transport::Tcp), handle);
    }

    /// Forget connection `id` once it has closed (a newer one to the same peer stays).
    pub fn closed(&mut self, id: u64, peer: SocketAddr, transport: Transport) {
        if self
            .open
            .get(&(peer, transport))
            .is_some_and(|h| h.id == id)
        {
            self.open.remove(&(peer, transport));
        }
    }

    /// Whether a connection to `peer` over `transport` is open (or opening).
    pub fn is_open(&self, peer: SocketAddr, transport: Transport) -> bool {
        self.open.contains_key(&(peer, transport))
    }

    /// The sending side of this table, for the listener.
    pub fn events(&self) -> mpsc::UnboundedSender<StreamEvent> {
        self.events.clone()
    }

    pub fn timing(&self) -> Timing {
        self.timing
    }

    fn connect(&mut self, peer: SocketAddr, transport: Transport) -> ConnectionHandle {
        let id = self.allocate_id();
        let (commands_tx, commands) = mpsc::unbounded_channel();
        let session = Session {
            id,
            peer,
            transport,
            keepalive: self.keepalive.contains(&(peer, transport)),
            timing: self.timing,
            commands,
            events: self.events.clone(),
        };
        let tls = (transport == Transport::Tls).then(|| self.tls_target(peer));
        tokio::spawn(open_and_serve(session, tls));
        ConnectionHandle {
            id,
            commands: commands_tx,
        }
    }

    /// The TLS target of `peer`: the one an account set, else the address itself checked
    /// against the system roots (a dialled `sips:` IP literal).
    fn tls_target(&self, peer: SocketAddr) -> TlsTarget {
        self.tls_targets
            .get(&peer)
            .cloned()
            .unwrap_or_else(|| TlsTarget {
                server_name: peer.ip().to_string(),
                connector: TlsConnector::new(None),
            })
    }
}

async fn open_and_serve(session: Session, tls: Option<TlsTarget>) {
    let peer = session.peer;
    let transport = session.transport;
    let connect_error = |detail: String| FlowError::Connect {
        peer,
        transport,
        detail,
    };
    let tcp = match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(peer)).await {
        Ok(Ok(tcp)) => tcp,
        Ok(Err(e)) => return connection::report_failure(&session, connect_error(e.to_string())),
        Err(_) => {
            let detail = "no answer within 10 s".to_string();
            return connection::report_failure(&session, connect_error(detail));
        }
    };
    let _ = tcp.set_nodelay(true);
    let Some(tls) = tls else {
        return connection::serve(tcp, session).await;
    };
    let connector = match tls.connector {
        Ok(connector) => connector,
        Err(error) => return connection::report_failure(&session, FlowError::Tls { peer, error }),
    };
    let handshake = connector.connect(tcp, &tls.server_name);
    match tokio::time::timeout(CONNECT_TIMEOUT, handshake).await {
        Ok(Ok(stream)) => connection::serve(stream, session).await,
        Ok(Err(error)) => connection::report_failure(&session, FlowError::Tls { peer, error }),
        Err(_) => {
            let detail = "the TLS handshake did not finish within 10 s".to_string();
            connection::report_failure(&session, connect_error(detail))
        }
    }
}
