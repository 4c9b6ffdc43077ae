//! What connection tasks tell the runner.

use std::net::SocketAddr;

use super::connection::ConnectionHandle;
use super::FlowError;
use crate::sip::Transport;

/// One thing that happened on a TCP or TLS connection.
#[derive(Debug)]
pub enum StreamEvent {
    /// A whole SIP message arrived from `from` over `transport`.
    Message {
        from: SocketAddr,
        transport: Transport,
        bytes: Vec<u8>,
    },
    /// The listener accepted a connection from `peer`: messages to `peer` go down it.
    Accepted {
        peer: SocketAddr,
        handle: ConnectionHandle,
    },
    /// The connection `id` to `peer` is gone: closed by either side, idle, broken, or never
    /// made (`error` says why when it is a failure).
    Closed {
        id: u64,
        peer: SocketAddr,
        transport: Transport,
        error: Option<FlowError>,
    },
}
