//! One call's audio stream: encoder + RTP sender out, RTP receiver + jitter buffer + decoder in.
//!
//! The engine drives it: `send_frame` once per packet time with microphone PCM (silence when
//! muted), `receive` for every datagram from the RTP socket, `playout` every 10 ms for the
//! speaker. Time comes in as `now`; nothing here reads a clock.

pub mod interarrival;
mod pull_clock;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod dtmf_tests;

use super::codec::Codec;
use super::dtmf::{DtmfReceiver, DtmfSender, InvalidDigit, ReceivedDigit};
use super::jitter::{Incoming, JitterBuffer, JitterConfig, JitterPacket, JitterStats};
use super::rtp::{self, Packetizer};
use interarrival::InterarrivalJitter;
use pull_clock::PullClock;
use std::time::Duration;

/// Counters a stream keeps; the engine turns them into `CallStats`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StreamStats {
    pub packets_sent: u64,
    /// Audio and event packets of our codec's session, duplicates included.
    pub packets_received: u64,
    pub malformed_packets: u64,
    pub unknown_payload_types: u64,
    /// RFC 3550 interarrival jitter, in milliseconds.
    pub jitter_ms: f64,
    /// Samples per packet time at the decoder's rate, to count concealment in frames.
    pub samples_per_frame: u64,
    pub sample_rate: u32,
    /// The jitter buffer's counters, named as WebRTC's statistics name them.
    pub jitter: JitterStats,
    /// The delay the jitter buffer aims for now.
    pub target_delay: Duration,
}

impl StreamStats {
    /// Packet times of audio that were not decoded from a packet.
    pub fn frames_concealed(&self) -> u64 {
        self.jitter
            .concealed_samples
            .checked_div(self.samples_per_frame)
            .unwrap_or(0)
    }

    /// Milliseconds of concealment, comfort noise included.
    pub fn concealed_ms(&self) -> u64 {
        self.samples_ms(self.jitter.concealed_samples)
    }

    /// How long `samples` samples at the decoder's rate play, in milliseconds.
    pub fn samples_ms(&self, samples: u64) -> u64 {
        (samples * 1000)
            .checked_div(u64::from(self.sample_rate))
            .unwrap_or(0)
    }
}

/// Settings chosen at call set-up.
#[derive(Debug, Clone)]
pub struct StreamConfig {
    pub ssrc: u32,
    /// First RTP sequence number and timestamp (random per RFC 3550).
    pub initial_sequence: u16,
    pub initial_timestamp: u32,
    pub telephone_event_pt: Option<u8>,
}

/// An audio stream for one call.
pub struct MediaStream {
    codec: Box<dyn Codec>,
    config: StreamConfig,
    packetizer: Packetizer,
    jitter: JitterBuffer,
    arrival: InterarrivalJitter,
    /// The SSRC we are listening to; a new one means a new sender and a fresh start.
    remote_ssrc: Option<u32>,
    pull_clock: PullClock,
    payload_scratch: Vec<u8>,
    stats: StreamStats,
    dtmf_out: DtmfSender,
    dtmf_in: DtmfReceiver,
}

/// Why digits could not be queued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DtmfError {
    #[error(transparent)]
    InvalidDigit(#[from] InvalidDigit),
    #[error("the peer did not agree to RFC 4733 telephone-events")]
    NotNegotiated,
}

impl MediaStream {
    pub fn new(codec: Box<dyn Codec>, config: StreamConfig) -> Self {
        let spec = codec.spec().clone();
        let packetizer = Packetizer::new(
            config.ssrc,
            spec.payload_type,
            config.initial_sequence,
            config.initial_timestamp,
        );
        let jitter = JitterBuffer::new(JitterConfig::for_codec(&spec));
        Self {
            codec,
            config,
            packetizer,
            jitter,
            arrival: InterarrivalJitter::default(),
            remote_ssrc: None,
            pull_clock: PullClock::default(),
            payload_scratch: Vec::new(),
            stats: StreamStats::default(),
            dtmf_out: DtmfSender::default(),
            dtmf_in: DtmfReceiver::default(),
        }
    }

    /// PCM samples each `playout` gives: 10 ms at the codec's sample rate.
    pub fn samples_per_block(&self) -> usize {
        self.jitter.block_samples()
    }

    /// PCM samples per packet at the codec's sample rate.
    pub fn samples_per_frame(&self) -> usize {
        self.codec.spec().samples_per_frame()
    }

    /// The codec's PCM rate.
    pub fn sample_rate(&self) -> u32 {
        self.codec.spec().sample_rate
    }

    /// The packet time, as agreed.
    pub fn ptime(&self) -> Duration {
        Duration::from_millis(u64::from(self.codec.spec().ptime_ms))
    }

    /// The SSRC of the sender we currently play.
    pub fn remote_ssrc(&self) -> Option<u32> {
        self.remote_ssrc
    }

    /// Our SSRC.
    pub fn ssrc(&self) -> u32 {
        self.config.ssrc
    }

    /// Encode one frame of microphone PCM into an RTP packet, appended to `packet`.
    pub fn send_frame(&mut self, pcm: &[i16], packet: &mut Vec<u8>) {
        let spec = self.codec.spec();
        let ticks = (pcm.len() as u64 * u64::from(spec.clock_rate))
            .checked_div(u64::from(spec.sample_rate))
            .unwrap_or(0);
        let ticks = u32::try_from(ticks).unwrap_or(u32::MAX);
        if let Some(pt) = self.config.telephone_event_pt {
            let ptime_ms = spec.ptime_ms;
            let now = self.packetizer.next_timestamp();
            if let Some(event) = self.dtmf_out.next_packet(now, ticks, ptime_ms) {
                // While a digit is sent its packets replace the audio (RFC 4733 section 2.5.1.2).
                let payload = event.payload.to_bytes();
                self.packetizer.write_event(
                    pt,
                    &payload,
                    event.marker,
                    event.timestamp,
                    ticks,
                    packet,
                );
                self.stats.packets_sent += 1;
                return;
            }
        }
        self.payload_scratch.clear();
        self.codec.encode(pcm, &mut self.payload_scratch);
        self.packetizer
            .packetize(&self.payload_scratch, ticks, packet);
        self.stats.packets_sent += 1;
    }

    /// Queue DTMF digits (0-9, *, #, A-D) to send as RFC 4733 events, one after another.
    /// A bad digit queues nothing.
    pub fn queue_dtmf(&mut self, digits: &str) -> Result<(), DtmfError> {
        if self.config.telephone_event_pt.is_none() {
            return Err(DtmfError::NotNegotiated);
        }
        Ok(self.dtmf_out.queue(digits)?)
    }

    /// True while queued digits are still being sent.
    pub fn dtmf_pending(&self) -> bool {
        self.dtmf_out.is_busy()
    }

    /// The next digit the peer sent, oldest first (reported once per event, at its end).
    pub fn poll_dtmf(&mut self) -> Option<ReceivedDigit> {
        self.dtmf_in.poll()
    }

    /// Take one received datagram. Malformed or foreign packets are counted, never fatal.
    pub fn receive(&mut self, now: Duration, datagram: &[u8]) {
        let Ok(packet) = rtp::parse(datagram) else {
            self.stats.malformed_packets += 1;
            return;
        };
        let is_event = Some(packet.payload_type) == self.config.telephone_event_pt;
        if !is_event && packet.payload_type != self.codec.spec().payload_type {
            self.stats.unknown_payload_types += 1;
            return;
        }
        self.follow_ssrc(packet.ssrc);
        self.stats.packets_received += 1;
        if is_event {
            let clock_rate = self.codec.spec().clock_rate;
            self.dtmf_in
                .on_packet(packet.timestamp, &packet.payload, clock_rate);
        } else {
            self.dtmf_in
                .on_audio(packet.timestamp, self.codec.spec().clock_rate);
            // All packets of one event carry the event's start timestamp: not a clock sample.
            self.arrival
                .on_packet(now, packet.timestamp, self.codec.spec().clock_rate);
        }
        self.jitter.put(
            now,
            Incoming {
                ssrc: packet.ssrc,
                marker: packet.marker,
                packet: JitterPacket {
                    sequence: packet.sequence,
                    timestamp: packet.timestamp,
                    payload_type: packet.payload_type,
                    payload: packet.payload,
                },
            },
        );
    }

    /// A packet from another SSRC means the peer restarted its sender (or a media server
    /// switched sources). The jitter buffer starts a new timeline on its own; the jitter
    /// measure starts over too.
    fn follow_ssrc(&mut self, ssrc: u32) {
        if self.remote_ssrc == Some(ssrc) {
            return;
        }
        if self.remote_ssrc.is_some() {
            self.arrival.restart();
        }
        self.remote_ssrc = Some(ssrc);
    }

    /// Play the next 10 ms, appended to `pcm`: decoded, stretched, concealed, or comfort
    /// noise. Call every 10 ms.
    pub fn playout(&mut self, now: Duration, pcm: &mut Vec<i16>) {
        let at = self.pull_clock.tick(now);
        self.jitter.set_pull_wander(self.pull_clock.wander());
        self.jitter.pull(at, self.codec.as_mut(), pcm);
    }

    pub fn stats(&self) -> StreamStats {
        let spec = self.codec.spec();
        StreamStats {
            jitter_ms: self.arrival.millis(spec.clock_rate),
            samples_per_frame: spec.samples_per_frame() as u64,
            sample_rate: spec.sample_rate,
            jitter: self.jitter.stats(),
            target_delay: self.jitter.target_delay(),
            ..self.stats.clone()
        }
    }
}
