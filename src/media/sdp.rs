//! SDP offer/answer (RFC 3264) for one audio stream: the codecs of `media::codec`, with
//! their parameters agreed in `sdp/codec_params.rs`, and telephone-event.
//!
//! Parsing goes through webrtc-sdp after a pre-filter (`sdp/prefilter.rs`) that removes what
//! that WebRTC-minded parser refuses but SIP peers legitimately send. Writing is plain text.

mod codec_params;
mod prefilter;
mod remote;
mod write;

#[cfg(test)]
mod captured_tests;
#[cfg(test)]
mod codec_tests;
#[cfg(test)]
mod tests;

use super::codec::CodecSpec;
use core::net::{IpAddr, SocketAddr};
use remote::{RemoteAudio, RemoteSection};
use write::AudioSection;

pub use write::TELEPHONE_EVENTS;

/// What we can receive and send: our RTP address and the codecs we accept, best first.
#[derive(Debug, Clone)]
pub struct LocalMedia {
    pub address: IpAddr,
    pub rtp_port: u16,
    pub codecs: Vec<CodecSpec>,
    /// Payload type we offer for RFC 4733 telephone-event/8000.
    pub telephone_event_pt: Option<u8>,
    /// `o=` session id.
    pub session_id: u64,
    /// `o=` version: raised for each new offer of ours in the session, so the peer sees the
    /// description changed (RFC 3264 8).
    pub session_version: u64,
}

/// Which way media flows, as agreed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaDirection {
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

impl MediaDirection {
    /// The direction seen from the other end: their sendonly is our recvonly.
    pub fn reversed(self) -> Self {
        match self {
            Self::SendOnly => Self::RecvOnly,
            Self::RecvOnly => Self::SendOnly,
            other => other,
        }
    }

    /// We may send RTP.
    pub fn sends(self) -> bool {
        matches!(self, Self::SendRecv | Self::SendOnly)
    }

    /// We expect to receive RTP.
    pub fn receives(self) -> bool {
        matches!(self, Self::SendRecv | Self::RecvOnly)
    }

    fn without_sending(self) -> Self {
        match self {
            Self::SendRecv => Self::RecvOnly,
            Self::SendOnly => Self::Inactive,
            other => other,
        }
    }
}

/// The outcome of offer/answer for the audio stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Negotiated {
    /// Where to send RTP.
    pub remote_rtp: SocketAddr,
    /// The codec, with the payload type both sides use, and the packet time to send.
    pub codec: CodecSpec,
    pub telephone_event_pt: Option<u8>,
    /// Our direction.
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

/// Our packet time: that of our preferred codec.
fn local_ptime(local: &LocalMedia) -> u32 {
    local
        .codecs
        .first()
        .map_or(super::codec::DEFAULT_PTIME_MS, |c| c.ptime_ms)
}

/// Build an offer.
pub fn offer(local: &LocalMedia) -> String {
    let mut text = write::session_header(local);
    text.push_str(&write::audio_section(&AudioSection {
        port: local.rtp_port,
        proto: "RTP/AVP",
        codecs: &local.codecs,
        telephone_event_pt: local.telephone_event_pt,
        ptime_ms: local_ptime(local),
        direction: MediaDirection::SendRecv,
    }));
    text
}

/// Answer a remote offer; returns the answer text and what was agreed.
pub fn answer(remote_offer: &str, local: &LocalMedia) -> Result<(String, Negotiated), SdpError> {
    let sections = remote::parse(remote_offer)?;
    let (chosen, audio, codec) = choose_audio(&sections, local)?;
    let negotiated = negotiate(audio, codec)?;

    let mut text = write::session_header(local);
    for (index, section) in sections.iter().enumerate() {
        if index == chosen {
            text.push_str(&write::audio_section(&AudioSection {
                port: local.rtp_port,
                proto: &section.raw.proto,
                codecs: std::slice::from_ref(&negotiated.codec),
                // Offer telephone-event back only if they offered it, on their number.
                telephone_event_pt: negotiated.telephone_event_pt,
                ptime_ms: negotiated.codec.ptime_ms,
                direction: negotiated.direction,
            }));
        } else {
            text.push_str(&write::rejected_section(&section.raw));
        }
    }
    Ok((text, negotiated))
}

/// Read the answer to our offer.
pub fn accept_answer(remote_answer: &str, local: &LocalMedia) -> Result<Negotiated, SdpError> {
    let sections = remote::parse(remote_answer)?;
    let (_, audio, codec) = choose_audio(&sections, local)?;
    let mut negotiated = negotiate(audio, codec)?;
    // An answer may only use telephone-event if we offered it.
    if local.telephone_event_pt.is_none() {
        negotiated.telephone_event_pt = None;
    }
    Ok(negotiated)
}

/// The first usable audio section with a codec in common, its index and that codec.
fn choose_audio<'a>(
    sections: &'a [RemoteSection],
    local: &LocalMedia,
) -> Result<(usize, &'a RemoteAudio, CodecSpec), SdpError> {
    let mut saw_audio = false;
    for (index, section) in sections.iter().enumerate() {
        let Some(audio) = section.audio.as_ref().filter(|a| a.is_usable()) else {
            continue;
        };
        saw_audio = true;
        if let Some((ours, format)) = audio.first_common_codec(&local.codecs) {
            return Ok((
                index,
                audio,
                codec_params::agree(&ours, format, audio.ptime_ms),
            ));
        }
    }
    let any_audio = sections
        .iter()
        .any(|s| s.raw.media.eq_ignore_ascii_case("audio"));
    Err(if saw_audio || any_audio {
        SdpError::NoCommonCodec
    } else {
        SdpError::NoAudio
    })
}

fn negotiate(audio: &RemoteAudio, codec: CodecSpec) -> Result<Negotiated, SdpError> {
    let Some(address) = audio.address else {
        return Err(SdpError::Malformed(
            "audio connection address is missing or a host name".into(),
        ));
    };
    let mut direction = audio.direction.reversed();
    if address.is_unspecified() {
        // c=0.0.0.0 is the RFC 2543 way to say "do not send to me".
        direction = direction.without_sending();
    }
    Ok(Negotiated {
        remote_rtp: SocketAddr::new(address, audio.port),
        codec,
        telephone_event_pt: audio.telephone_event_pt(),
        direction,
    })
}
