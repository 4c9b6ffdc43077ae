//! One call's audio stream: encoder + RTP sender out, RTP receiver + jitter buffer + decoder in.
//! PLACEHOLDER: the media owner replaces the bodies.

use super::codec::Codec;
use std::time::Duration;

/// Counters a stream keeps; the engine turns them into `CallStats`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StreamStats {
    pub packets_sent: u64,
    pub packets_received: u64,
    pub packets_lost: u64,
    pub packets_late: u64,
    pub packets_duplicate: u64,
    pub frames_concealed: u64,
    pub malformed_packets: u64,
    pub unknown_payload_types: u64,
    pub decode_errors: u64,
    /// RFC 3550 interarrival jitter, in milliseconds.
    pub jitter_ms: f64,
    /// The jitter buffer's current delay.
    pub buffer_ms: u32,
}

/// Settings chosen at call set-up.
#[derive(Debug, Clone)]
pub struct StreamConfig {
    pub ssrc: u32,
    /// First RTP sequence number and timestamp (random per RFC 3550).
    pub initial_sequence: u16,
    pub initial_timestamp: u32,
    pub telephone_event_pt: Option<u8>,
    /// Jitter buffer target delay.
    pub jitter_delay: Duration,
}

/// An audio stream for one call.
pub struct MediaStream {
    _codec: Box<dyn Codec>,
}

impl MediaStream {
    pub fn new(codec: Box<dyn Codec>, config: StreamConfig) -> Self {
        let _ = config;
        Self { _codec: codec }
    }

    /// PCM samples per packet at the codec's sample rate.
    pub fn samples_per_frame(&self) -> usize {
        todo!("media core")
    }

    /// The codec's PCM rate.
    pub fn sample_rate(&self) -> u32 {
        todo!("media core")
    }

    /// Encode one frame of microphone PCM into an RTP packet, appended to `packet`.
    pub fn send_frame(&mut self, pcm: &[i16], packet: &mut Vec<u8>) {
        let _ = (pcm, packet);
        todo!("media core")
    }

    /// Take one received datagram. Malformed or foreign packets are counted, never fatal.
    pub fn receive(&mut self, now: Duration, datagram: &[u8]) {
        let _ = (now, datagram);
        todo!("media core")
    }

    /// Produce the next frame for the speaker, appended to `pcm`: decoded, concealed, or silence.
    pub fn playout(&mut self, now: Duration, pcm: &mut Vec<i16>) {
        let _ = (now, pcm);
        todo!("media core")
    }

    pub fn stats(&self) -> StreamStats {
        todo!("media core")
    }
}
