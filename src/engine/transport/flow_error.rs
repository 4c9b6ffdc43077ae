//! Why a TCP or TLS flow failed, in words a user can act on.

use std::net::SocketAddr;

use super::tls::TlsError;
use crate::sip::transport::stream_framing::FramingError;
use crate::sip::Transport;

/// A connection that could not be made or did not survive.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FlowError {
    #[error("cannot connect to {peer} over {transport}: {detail}")]
    Connect {
        peer: SocketAddr,
        transport: Transport,
        detail: String,
    },
    #[error("TLS with {peer}: {error}")]
    Tls { peer: SocketAddr, error: TlsError },
    #[error("the connection to {peer} broke: {detail}")]
    Broken { peer: SocketAddr, detail: String },
    #[error("{peer} did not answer a keep-alive ping")]
    NoPong { peer: SocketAddr },
    #[error("{peer} sent something that is not SIP: {error}")]
    Framing {
        peer: SocketAddr,
        error: FramingError,
    },
}

impl FlowError {
    /// Whether the server's certificate (rather than the network) is what failed.
    pub fn is_certificate(&self) -> bool {
        matches!(self, FlowError::Tls { error, .. } if error.code() != "tls.handshake"
            && error.code() != "tls.refused_by_server")
    }
}
