//! Read the peer's SDP into the few facts a voice call needs.

use super::prefilter::{prefilter, RawMediaLine};
use super::{MediaDirection, SdpError};
use crate::media::codec::CodecSpec;
use core::net::IpAddr;
use webrtc_sdp::address::ExplicitlyTypedAddress;
use webrtc_sdp::attribute_type::SdpAttribute;
use webrtc_sdp::media_type::{SdpFormatList, SdpMedia, SdpMediaValue, SdpProtocolValue};
use webrtc_sdp::SdpConnection;

/// One payload format the peer listed, with its `a=rtpmap` (or the static RFC 3551 meaning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteFormat {
    pub payload_type: u8,
    pub name: String,
    pub clock_rate: u32,
    pub channels: u8,
    /// Its `a=fmtp` parameters as written, if any.
    pub fmtp: Option<String>,
}

/// An RTP audio section we could read.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteAudio {
    pub port: u16,
    /// Media-level `c=`, else session-level; None for a host name (we cannot resolve here).
    pub address: Option<IpAddr>,
    /// Plain RTP/AVP or RTP/AVPF: what we can speak (no SRTP, no DTLS).
    pub plain_rtp: bool,
    pub formats: Vec<RemoteFormat>,
    pub ptime_ms: Option<u32>,
    /// The direction as the peer wrote it (from its point of view).
    pub direction: MediaDirection,
}

/// A media section: its line as written and, for audio we understood, the details.
#[derive(Debug, Clone)]
pub struct RemoteSection {
    pub raw: RawMediaLine,
    pub audio: Option<RemoteAudio>,
}

/// What a media section inherits from the session level.
struct SessionDefaults {
    direction: Option<MediaDirection>,
    /// Outer None: no session `c=`; inner None: a host name.
    address: Option<Option<IpAddr>>,
    ptime: Option<u64>,
}

/// Parse a peer's SDP.
pub fn parse(text: &str) -> Result<Vec<RemoteSection>, SdpError> {
    let filtered = prefilter(text).map_err(SdpError::Malformed)?;
    let session = webrtc_sdp::parse_sdp(&filtered.text, false)
        .map_err(|e| SdpError::Malformed(e.to_string()))?;
    if session.media.len() != filtered.media_lines.len() {
        return Err(SdpError::Malformed("media sections do not line up".into()));
    }
    let defaults = SessionDefaults {
        direction: direction_of(&session.attribute),
        address: session.connection.as_ref().map(address_of),
        ptime: filtered.session_ptime,
    };
    let sections = session
        .media
        .iter()
        .zip(filtered.media_lines)
        .map(|(media, raw)| {
            let is_audio = raw.understood && *media.get_type() == SdpMediaValue::Audio;
            RemoteSection {
                audio: is_audio.then(|| read_audio(media, &raw.fmtps, &defaults)),
                raw,
            }
        })
        .collect();
    Ok(sections)
}

fn read_audio(media: &SdpMedia, fmtps: &[(u8, String)], defaults: &SessionDefaults) -> RemoteAudio {
    let attributes = media.get_attributes();
    let address = match media.get_connection() {
        Some(connection) => address_of(connection),
        None => defaults.address.flatten(),
    };
    let ptime = attributes
        .iter()
        .find_map(|a| match a {
            SdpAttribute::Ptime(p) => Some(*p),
            _ => None,
        })
        .or(defaults.ptime);
    RemoteAudio {
        port: u16::try_from(media.get_port()).unwrap_or(0),
        address,
        plain_rtp: matches!(
            media.get_proto(),
            SdpProtocolValue::RtpAvp | SdpProtocolValue::RtpAvpf
        ),
        formats: formats_of(media.get_formats(), attributes, fmtps),
        ptime_ms: ptime.and_then(|p| u32::try_from(p).ok()),
        direction: direction_of(attributes)
            .or(defaults.direction)
            .unwrap_or(MediaDirection::SendRecv),
    }
}

fn address_of(connection: &SdpConnection) -> Option<IpAddr> {
    match connection.address {
        ExplicitlyTypedAddress::Ip(ip) => Some(ip),
        ExplicitlyTypedAddress::Fqdn { .. } => None,
    }
}

fn direction_of(attributes: &[SdpAttribute]) -> Option<MediaDirection> {
    attributes.iter().find_map(|a| match a {
        SdpAttribute::Sendrecv => Some(MediaDirection::SendRecv),
        SdpAttribute::Sendonly => Some(MediaDirection::SendOnly),
        SdpAttribute::Recvonly => Some(MediaDirection::RecvOnly),
        SdpAttribute::Inactive => Some(MediaDirection::Inactive),
        _ => None,
    })
}

fn formats_of(
    list: &SdpFormatList,
    attributes: &[SdpAttribute],
    fmtps: &[(u8, String)],
) -> Vec<RemoteFormat> {
    let SdpFormatList::Integers(payload_types) = list else {
        return Vec::new();
    };
    payload_types
        .iter()
        .filter_map(|&pt| u8::try_from(pt).ok().filter(|pt| *pt < 128))
        .filter_map(|pt| rtpmap_of(pt, attributes).or_else(|| static_format(pt)))
        .map(|format| RemoteFormat {
            fmtp: fmtps
                .iter()
                .find(|(pt, _)| *pt == format.payload_type)
                .map(|(_, parameters)| parameters.clone()),
            ..format
        })
        .collect()
}

fn rtpmap_of(payload_type: u8, attributes: &[SdpAttribute]) -> Option<RemoteFormat> {
    attributes.iter().find_map(|a| match a {
        SdpAttribute::Rtpmap(map) if map.payload_type == payload_type => Some(RemoteFormat {
            payload_type,
            name: map.codec_name.clone(),
            clock_rate: map.frequency,
            channels: map
                .channels
                .map_or(1, |c| u8::try_from(c).unwrap_or(u8::MAX)),
            fmtp: None,
        }),
        _ => None,
    })
}

/// The static audio payload types of RFC 3551, table 4, that a peer may list without rtpmap.
fn static_format(payload_type: u8) -> Option<RemoteFormat> {
    let (name, clock_rate) = match payload_type {
        0 => ("PCMU", 8000),
        3 => ("GSM", 8000),
        4 => ("G723", 8000),
        8 => ("PCMA", 8000),
        9 => ("G722", 8000),
        18 => ("G729", 8000),
        _ => return None,
    };
    Some(RemoteFormat {
        payload_type,
        name: name.to_owned(),
        clock_rate,
        channels: 1,
        fmtp: None,
    })
}

impl RemoteAudio {
    /// Usable for a call: plain RTP on a real port.
    pub fn is_usable(&self) -> bool {
        self.plain_rtp && self.port != 0
    }

    /// The first of the peer's formats (in the peer's order, RFC 3264 section 6.1) that is one
    /// of `ours`: our spec for it and the peer's format (payload type, fmtp).
    pub fn first_common_codec<'a>(
        &'a self,
        ours: &[CodecSpec],
    ) -> Option<(CodecSpec, &'a RemoteFormat)> {
        self.formats.iter().find_map(|format| {
            ours.iter()
                .find(|spec| {
                    spec.name.eq_ignore_ascii_case(&format.name)
                        && spec.clock_rate == format.clock_rate
                        && spec.channels == format.channels
                })
                .map(|spec| (spec.clone(), format))
        })
    }

    /// The payload type of telephone-event/8000, if listed.
    pub fn telephone_event_pt(&self) -> Option<u8> {
        self.formats
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case("telephone-event") && f.clock_rate == 8000)
            .map(|f| f.payload_type)
    }
}
