//! SDP offer/answer. PLACEHOLDER: the media owner replaces the bodies.

use super::codec::CodecSpec;
use std::net::{IpAddr, SocketAddr};

/// What we can receive and send: our RTP address and the codecs we accept, best first.
#[derive(Debug, Clone)]
pub struct LocalMedia {
    pub address: IpAddr,
    pub rtp_port: u16,
    pub codecs: Vec<CodecSpec>,
    /// Payload type we offer for RFC 4733 telephone-event/8000.
    pub telephone_event_pt: Option<u8>,
    /// `o=` session id and version.
    pub session_id: u64,
}

/// Which way media flows, as agreed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaDirection {
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

/// The outcome of offer/answer for the audio stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Negotiated {
    /// Where to send RTP.
    pub remote_rtp: SocketAddr,
    /// The codec, with the payload type both sides use.
    pub codec: CodecSpec,
    pub telephone_event_pt: Option<u8>,
    pub direction: MediaDirection,
}

/// Why an SDP could not be used. Any of these answers an INVITE with 488.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SdpError {
    #[error("SDP does not parse: {0}")]
    Malformed(String),
    #[error("no audio stream")]
    NoAudio,
    #[error("no codec in common")]
    NoCommonCodec,
}

/// Build an offer.
pub fn offer(local: &LocalMedia) -> String {
    let _ = local;
    todo!("media core")
}

/// Answer a remote offer; returns the answer text and what was agreed.
pub fn answer(remote_offer: &str, local: &LocalMedia) -> Result<(String, Negotiated), SdpError> {
    let _ = (remote_offer, local);
    todo!("media core")
}

/// Read the answer to our offer.
pub fn accept_answer(remote_answer: &str, local: &LocalMedia) -> Result<Negotiated, SdpError> {
    let _ = (remote_answer, local);
    todo!("media core")
}
