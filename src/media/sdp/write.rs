//! Write our SDP text. We write it ourselves rather than through webrtc-sdp's serialiser so
//! that the bytes on the wire are exactly the classic SIP form peers expect.

use super::prefilter::RawMediaLine;
use super::{LocalMedia, MediaDirection};
use crate::media::codec::CodecSpec;
use core::net::IpAddr;
use std::fmt::Write;

/// Events we accept in RFC 4733 telephone-event: DTMF 0-9, *, #, A-D and flash.
pub const TELEPHONE_EVENTS: &str = "0-16";

fn address_type(address: IpAddr) -> &'static str {
    match address {
        IpAddr::V4(_) => "IP4",
        IpAddr::V6(_) => "IP6",
    }
}

/// `v=` to `t=`.
pub fn session_header(local: &LocalMedia) -> String {
    let kind = address_type(local.address);
    let address = local.address;
    let id = local.session_id;
    let version = local.session_version;
    format!(
        "v=0\r\no=handset {id} {version} IN {kind} {address}\r\ns=Handset\r\n\
         c=IN {kind} {address}\r\nt=0 0\r\n"
    )
}

/// The `a=` keyword of a direction.
pub fn direction_attribute(direction: MediaDirection) -> &'static str {
    match direction {
        MediaDirection::SendRecv => "sendrecv",
        MediaDirection::SendOnly => "sendonly",
        MediaDirection::RecvOnly => "recvonly",
        MediaDirection::Inactive => "inactive",
    }
}

/// What one `m=audio` section carries.
pub struct AudioSection<'a> {
    pub port: u16,
    pub proto: &'a str,
    pub codecs: &'a [CodecSpec],
    pub telephone_event_pt: Option<u8>,
    pub ptime_ms: u32,
    pub direction: MediaDirection,
}

/// An `m=audio` section with rtpmap/fmtp for every format.
pub fn audio_section(section: &AudioSection<'_>) -> String {
    let mut text = format!("m=audio {} {}", section.port, section.proto);
    for codec in section.codecs {
        let _ = write!(text, " {}", codec.payload_type);
    }
    if let Some(pt) = section.telephone_event_pt {
        let _ = write!(text, " {pt}");
    }
    text.push_str("\r\n");
    for codec in section.codecs {
        let _ = write!(
            text,
            "a=rtpmap:{} {}/{}",
            codec.payload_type, codec.name, codec.clock_rate
        );
        if codec.channels > 1 {
            let _ = write!(text, "/{}", codec.channels);
        }
        text.push_str("\r\n");
        if let Some(fmtp) = &codec.fmtp {
            let _ = write!(text, "a=fmtp:{} {fmtp}\r\n", codec.payload_type);
        }
    }
    if let Some(pt) = section.telephone_event_pt {
        let _ = write!(
            text,
            "a=rtpmap:{pt} telephone-event/8000\r\na=fmtp:{pt} {TELEPHONE_EVENTS}\r\n"
        );
    }
    let _ = write!(
        text,
        "a=ptime:{}\r\na={}\r\n",
        section.ptime_ms,
        direction_attribute(section.direction)
    );
    text
}

/// A section we decline (RFC 3264 section 6): port zero, the offered formats unchanged.
/// Audio and video formats must be numbers; if the offer had other tokens there, we keep
/// only the numbers (or "0") so that strict parsers can still read our answer.
pub fn rejected_section(raw: &RawMediaLine) -> String {
    let numeric_only =
        raw.media.eq_ignore_ascii_case("audio") || raw.media.eq_ignore_ascii_case("video");
    let formats = if numeric_only {
        let numbers: Vec<&str> = raw
            .formats
            .split_whitespace()
            .filter(|f| f.parse::<u32>().is_ok())
            .collect();
        if numbers.is_empty() {
            "0".to_owned()
        } else {
            numbers.join(" ")
        }
    } else {
        raw.formats.clone()
    };
    format!("m={} 0 {} {formats}\r\n", raw.media, raw.proto)
}
