//! RTP packets (RFC 3550) for one audio stream: a packetiser for what we send and a
//! depacketiser that turns any datagram into either a typed view or an error, never a panic.
//!
//! The wire format is the `rtp` crate's. Its parser trusts some length fields (it can read
//! past the end of a short header extension), so every datagram is checked here first.

use bytes::Bytes;
use rtp::header::Header;
use rtp::packet::Packet;
use webrtc_util::marshal::{Marshal, Unmarshal};

/// Fixed RTP header size, before CSRCs and extensions.
pub const FIXED_HEADER_LEN: usize = 12;
const RTP_VERSION: u8 = 2;
const ONE_BYTE_EXTENSION_PROFILE: u16 = 0xBEDE;
const TWO_BYTE_EXTENSION_PROFILE_MASK: u16 = 0xFFF0;
const TWO_BYTE_EXTENSION_PROFILE: u16 = 0x1000;

/// Why a datagram is not a usable RTP packet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RtpError {
    #[error("packet of {0} bytes is too short")]
    TooShort(usize),
    #[error("RTP version {0}, expected 2")]
    WrongVersion(u8),
    #[error("header extension runs past the packet")]
    BadExtension,
    #[error("padding length is zero or longer than the payload")]
    BadPadding,
    #[error("rejected by the RTP parser: {0}")]
    Rejected(String),
}

/// A received packet: the header fields a voice stream needs and the payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtpPacket {
    pub payload_type: u8,
    pub sequence: u16,
    pub timestamp: u32,
    pub ssrc: u32,
    pub marker: bool,
    pub payload: Bytes,
}

/// Builds our outgoing packets: fixed SSRC and payload type, sequence +1 per packet,
/// timestamp + samples per packet, marker on the first packet of the stream.
#[derive(Debug, Clone)]
pub struct Packetizer {
    ssrc: u32,
    payload_type: u8,
    sequence: u16,
    timestamp: u32,
    first: bool,
}

impl Packetizer {
    pub fn new(ssrc: u32, payload_type: u8, initial_sequence: u16, initial_timestamp: u32) -> Self {
        Self {
            ssrc,
            payload_type,
            sequence: initial_sequence,
            timestamp: initial_timestamp,
            first: true,
        }
    }

    /// The sequence number the next packet will carry.
    pub fn next_sequence(&self) -> u16 {
        self.sequence
    }

    /// The timestamp the next packet will carry.
    pub fn next_timestamp(&self) -> u32 {
        self.timestamp
    }

    /// Append one packet carrying `payload` to `out`; the next packet's timestamp is
    /// `duration` clock ticks later.
    pub fn packetize(&mut self, payload: &[u8], duration: u32, out: &mut Vec<u8>) {
        self.write(self.payload_type, payload, duration, out);
    }

    /// Like [`Self::packetize`] but with another payload type in the same sequence space
    /// (RFC 4733 events share the stream's SSRC and sequence numbers).
    pub fn write(&mut self, payload_type: u8, payload: &[u8], duration: u32, out: &mut Vec<u8>) {
        let (marker, timestamp) = (self.first, self.timestamp);
        self.write_with(payload_type, payload, marker, timestamp, out);
        self.timestamp = self.timestamp.wrapping_add(duration);
    }

    /// An RFC 4733 event packet sent in place of an audio packet: its own marker and the
    /// event's start timestamp. The audio clock still advances by `duration`, so the audio
    /// that follows carries the timestamp it would have had without the event.
    pub fn write_event(
        &mut self,
        payload_type: u8,
        payload: &[u8],
        marker: bool,
        event_timestamp: u32,
        duration: u32,
        out: &mut Vec<u8>,
    ) {
        self.write_with(payload_type, payload, marker, event_timestamp, out);
        self.timestamp = self.timestamp.wrapping_add(duration);
    }

    fn write_with(
        &mut self,
        payload_type: u8,
        payload: &[u8],
        marker: bool,
        timestamp: u32,
        out: &mut Vec<u8>,
    ) {
        let packet = Packet {
            header: Header {
                version: RTP_VERSION,
                marker,
                payload_type: payload_type & 0x7F,
                sequence_number: self.sequence,
                timestamp,
                ssrc: self.ssrc,
                ..Header::default()
            },
            payload: Bytes::copy_from_slice(payload),
        };
        // Marshalling a header without CSRCs or extensions into a buffer of the right size
        // cannot fail; if it ever did, sending nothing beats sending garbage.
        if let Ok(bytes) = packet.marshal() {
            out.extend_from_slice(&bytes);
        }
        self.first = false;
        self.sequence = self.sequence.wrapping_add(1);
    }
}

/// Read one datagram as RTP.
pub fn parse(datagram: &[u8]) -> Result<RtpPacket, RtpError> {
    check_structure(datagram)?;
    let mut buffer = datagram;
    let packet = Packet::unmarshal(&mut buffer).map_err(|e| RtpError::Rejected(e.to_string()))?;
    Ok(RtpPacket {
        payload_type: packet.header.payload_type,
        sequence: packet.header.sequence_number,
        timestamp: packet.header.timestamp,
        ssrc: packet.header.ssrc,
        marker: packet.header.marker,
        payload: packet.payload,
    })
}

fn read_u16(data: &[u8], at: usize) -> Option<u16> {
    let bytes = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([*bytes.first()?, *bytes.get(1)?]))
}

/// Every length field must stay inside the datagram before the `rtp` crate sees it.
fn check_structure(data: &[u8]) -> Result<(), RtpError> {
    let too_short = RtpError::TooShort(data.len());
    let first = *data.first().ok_or(too_short.clone())?;
    if data.len() < FIXED_HEADER_LEN {
        return Err(too_short);
    }
    let version = first >> 6;
    if version != RTP_VERSION {
        return Err(RtpError::WrongVersion(version));
    }
    let has_padding = first & 0x20 != 0;
    let has_extension = first & 0x10 != 0;
    let csrc_count = usize::from(first & 0x0F);
    let mut offset = FIXED_HEADER_LEN + 4 * csrc_count;
    if data.len() < offset {
        return Err(too_short);
    }
    if has_extension {
        offset = check_extension(data, offset)?;
    }
    let payload = data.get(offset..).unwrap_or_default();
    if has_padding {
        // The last octet counts the padding, itself included (RFC 3550 section 5.1).
        let padding = usize::from(*payload.last().ok_or(RtpError::BadPadding)?);
        if padding == 0 || padding > payload.len() {
            return Err(RtpError::BadPadding);
        }
    }
    Ok(())
}

/// Check the header extension at `start`; returns where the payload begins.
fn check_extension(data: &[u8], start: usize) -> Result<usize, RtpError> {
    let profile = read_u16(data, start).ok_or(RtpError::BadExtension)?;
    let words = read_u16(data, start + 2).ok_or(RtpError::BadExtension)?;
    let body_start = start + 4;
    let body_end = body_start + 4 * usize::from(words);
    let body = data
        .get(body_start..body_end)
        .ok_or(RtpError::BadExtension)?;
    if profile == ONE_BYTE_EXTENSION_PROFILE {
        check_one_byte_elements(body)?;
    } else if profile & TWO_BYTE_EXTENSION_PROFILE_MASK == TWO_BYTE_EXTENSION_PROFILE {
        check_two_byte_elements(body)?;
    }
    Ok(body_end)
}

/// RFC 8285 one-byte elements: ID (4 bits), length - 1 (4 bits), data; zero bytes pad.
fn check_one_byte_elements(body: &[u8]) -> Result<(), RtpError> {
    let mut at = 0;
    while let Some(&byte) = body.get(at) {
        if byte == 0 {
            at += 1;
            continue;
        }
        if byte >> 4 == 0x0F {
            return Ok(()); // ID 15 stops parsing.
        }
        at += 1 + usize::from(byte & 0x0F) + 1;
        if at > body.len() {
            return Err(RtpError::BadExtension);
        }
    }
    Ok(())
}

/// RFC 8285 two-byte elements: ID byte, length byte, data; zero bytes pad.
fn check_two_byte_elements(body: &[u8]) -> Result<(), RtpError> {
    let mut at = 0;
    while let Some(&byte) = body.get(at) {
        if byte == 0 {
            at += 1;
            continue;
        }
        let length = *body.get(at + 1).ok_or(RtpError::BadExtension)?;
        at += 2 + usize::from(length);
        if at > body.len() {
            return Err(RtpError::BadExtension);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packetizer_numbers_packets_and_marks_the_first() {
        let mut packetizer = Packetizer::new(0x1234_5678, 0, 65535, u32::MAX - 100);
        let mut first = Vec::new();
        packetizer.packetize(&[0xFF; 160], 160, &mut first);
        let mut second = Vec::new();
        packetizer.packetize(&[0x7F; 160], 160, &mut second);
        assert_eq!(first.len(), 12 + 160);
        assert_eq!(
            &first[..12],
            &[0x80, 0x80, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x9B, 0x12, 0x34, 0x56, 0x78]
        );

        let one = parse(&first).unwrap();
        let two = parse(&second).unwrap();
        assert!(one.marker && !two.marker);
        assert_eq!((one.sequence, two.sequence), (65535, 0));
        assert_eq!(two.timestamp, (u32::MAX - 100).wrapping_add(160));
        assert_eq!(two.ssrc, 0x1234_5678);
        assert_eq!(two.payload_type, 0);
        assert_eq!(&two.payload[..], &[0x7F; 160]);
    }

    fn header(first_byte: u8) -> Vec<u8> {
        vec![first_byte, 8, 0, 1, 0, 0, 0, 160, 0, 0, 0, 7]
    }

    #[test]
    fn malformed_packets_are_errors() {
        assert_eq!(parse(&[]), Err(RtpError::TooShort(0)));
        assert_eq!(parse(&[0x80; 11]), Err(RtpError::TooShort(11)));
        assert_eq!(parse(&header(0x40)), Err(RtpError::WrongVersion(1)));
        // Three CSRCs announced, none present.
        assert_eq!(parse(&header(0x83)), Err(RtpError::TooShort(12)));
        // Extension announced, header missing.
        assert_eq!(parse(&header(0x90)), Err(RtpError::BadExtension));
        // Extension of 2 words announced, 1 present.
        let mut short_ext = header(0x90);
        short_ext.extend_from_slice(&[0xBE, 0xDE, 0, 2, 0x10, 0xAA, 0, 0]);
        assert_eq!(parse(&short_ext), Err(RtpError::BadExtension));
        // One-byte element claiming 16 bytes inside a 4-byte extension.
        let mut long_element = header(0x90);
        long_element.extend_from_slice(&[0xBE, 0xDE, 0, 1, 0x1F, 0, 0, 0, 1, 2, 3]);
        assert_eq!(parse(&long_element), Err(RtpError::BadExtension));
        // Padding longer than the payload, and zero padding.
        let mut padded = header(0xA0);
        padded.extend_from_slice(&[1, 2, 9]);
        assert_eq!(parse(&padded), Err(RtpError::BadPadding));
        let mut zero = header(0xA0);
        zero.extend_from_slice(&[1, 2, 0]);
        assert_eq!(parse(&zero), Err(RtpError::BadPadding));
        assert_eq!(parse(&header(0xA0)), Err(RtpError::BadPadding));
    }

    #[test]
    fn csrcs_extensions_and_padding_are_skipped() {
        let mut packet = header(0xB1); // padding, extension, one CSRC
        packet.extend_from_slice(&[0, 0, 0, 9]); // CSRC
        packet.extend_from_slice(&[0xBE, 0xDE, 0, 1, 0x10, 0x55, 0, 0]); // audio level
        packet.extend_from_slice(&[0xD5, 0xD5, 0, 0, 3]); // payload + 3 bytes padding
        let parsed = parse(&packet).unwrap();
        assert_eq!(&parsed.payload[..], &[0xD5, 0xD5]);
        assert_eq!(parsed.payload_type, 8);
        assert_eq!(parsed.sequence, 1);
        assert_eq!(parsed.timestamp, 160);
        assert_eq!(parsed.ssrc, 7);
    }
}
