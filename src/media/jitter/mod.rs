//! The adaptive jitter buffer (a playout buffer): packets in, 10 ms of PCM out per call,
//! with a delay that follows what the network needs.
//!
//! - [`delay_estimator`]: the target delay, from arrival times and timestamps.
//! - [`decision`]: what to do with the next 10 ms.
//! - [`time_stretch`]: accelerate, pre-emptive expand and merge on PCM.
//! - `packet_store`: packets in sequence order, late and duplicate ones told apart.
//! - `comfort_noise`: what plays when nothing can.
//! - `decoder`: the codec as the buffer sees it; `stats`: the counters.
//!
//! Decoded audio waits in a short queue (the *sync buffer*) in front of the speaker; all
//! stretching happens there, on samples not yet played. The playout position is tracked as the
//! RTP timestamp at the end of that queue. The packet after it is needed at the pull that finds
//! less than a block queued, so the lead that decides whether a packet is on time is "that
//! pull's time − the packet's timestamp − the fastest path's offset": it moves in whole blocks,
//! and the part of a block by which the queue overshoots that pull is delay that buys nothing,
//! which accelerate cuts. Sans-IO: time comes in as `now`, and the caller's decoder is passed
//! to each `pull`.

mod comfort_noise;
pub mod decision;
mod decoder;
pub mod delay_estimator;
mod packet_store;
mod stats;
pub mod time_stretch;

#[cfg(test)]
mod scenario_tests;
#[cfg(test)]
mod test_network;

use crate::media::codec::CodecSpec;
use bytes::Bytes;
use comfort_noise::ComfortNoise;
use decision::{decide, NextPacket, Operation, Situation};
pub use decoder::Decoder;
use delay_estimator::{DelayConfig, DelayEstimator};
use packet_store::{Insert, PacketStore, Stored};
pub use stats::JitterStats;
use std::time::Duration;

/// Each `pull` plays this long.
pub const BLOCK_MS: u32 = 10;
/// Real audio is cross-faded in over this long after concealment.
const MERGE_OVERLAP_MS: f64 = 4.0;
/// Concealment kept ready beyond the block, to merge from.
const CONCEAL_RESERVE_MS: f64 = 8.0;
/// `arrival − timestamp` changing by more than this is a timestamp jump, not delay.
const TIMESTAMP_JUMP_MS: f64 = 1000.0;
/// A gap between timestamps longer than this is a new timeline, not lost packets.
const MAX_GAP_MS: f64 = 1000.0;
/// When playout resumes after comfort noise, packets older than the target plus this are
/// dropped, so a burst after an outage does not leave a long delay behind.
const RESUME_SLACK_MS: f64 = 60.0;
/// Above its target by this much, the delay is cut with less strict splices.
const FAST_ACCELERATE_MS: f64 = 40.0;
const FAST_ACCELERATE_CORRELATION: f32 = 0.6;

/// What the buffer needs to know about the stream.
#[derive(Debug, Clone, PartialEq)]
pub struct JitterConfig {
    /// The decoder's PCM rate.
    pub sample_rate: u32,
    /// The RTP clock rate (differs from `sample_rate` for G.722).
    pub clock_rate: u32,
    /// Packets with another payload type (RFC 4733 events) hold their place in time but are
    /// not decoded.
    pub audio_payload_type: u8,
    /// The packet time, for sizing gaps when timestamps cannot tell.
    pub ptime_ms: u32,
    pub delay: DelayConfig,
}

impl JitterConfig {
    pub fn for_codec(spec: &CodecSpec) -> Self {
        Self {
            sample_rate: spec.sample_rate.max(100),
            clock_rate: spec.clock_rate.max(1),
            audio_payload_type: spec.payload_type,
            ptime_ms: spec.ptime_ms.max(1),
            delay: DelayConfig::default(),
        }
    }
}

/// One received packet, as the buffer needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JitterPacket {
    pub sequence: u16,
    pub timestamp: u32,
    /// Audio and RFC 4733 events share one sequence space, so both go through the buffer
    /// (otherwise every event packet would look like a lost audio packet).
    pub payload_type: u8,
    pub payload: Bytes,
}

/// A received RTP packet with the header fields the buffer uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    pub ssrc: u32,
    pub marker: bool,
    pub packet: JitterPacket,
}

/// The last audio packet's place, to spot timestamp jumps.
#[derive(Debug, Clone, Copy)]
struct LastArrival {
    arrival: Duration,
    timestamp: u32,
}

/// The adaptive playout buffer for one incoming stream.
pub struct JitterBuffer {
    config: JitterConfig,
    block: usize,
    store: PacketStore,
    estimator: DelayEstimator,
    ssrc: Option<u32>,
    /// Added to incoming timestamps so that they form one continuous timeline.
    timestamp_offset: u32,
    last_arrival: Option<LastArrival>,
    /// Audio ready to play, oldest first.
    sync: Vec<i16>,
    /// The last this many samples of `sync` are concealment (or noise), not real audio.
    concealed_tail: usize,
    /// Samples concealed since real audio stopped; None while it plays.
    concealed_run: Option<usize>,
    /// Timestamp of the end of the real audio in `sync`, on the continuous timeline.
    end_timestamp: Option<u32>,
    /// Not started, or playing comfort noise until the buffer is back at its target.
    waiting: bool,
    /// Real audio has played: silence before that is no concealment.
    started: bool,
    /// Samples of the concealed tail the next merge must play before the real audio.
    merge_keep: usize,
    /// Concealment since real audio stopped that stands for RFC 4733 events: it has its
    /// place on the timeline and is never cut.
    event_concealed: usize,
    /// How much earlier than their dates the pulls come, at most, in milliseconds.
    pull_wander_ms: f64,
    noise: ComfortNoise,
    stats: JitterStats,
    scratch: Vec<i16>,
}

impl JitterBuffer {
    pub fn new(config: JitterConfig) -> Self {
        let block = (config.sample_rate * BLOCK_MS / 1000) as usize;
        Self {
            estimator: DelayEstimator::new(config.delay, config.clock_rate),
            config,
            block: block.max(1),
            store: PacketStore::default(),
            ssrc: None,
            timestamp_offset: 0,
            last_arrival: None,
            sync: Vec::new(),
            concealed_tail: 0,
            concealed_run: None,
            end_timestamp: None,
            waiting: true,
            started: false,
            merge_keep: 0,
            event_concealed: 0,
            pull_wander_ms: 0.0,
            noise: ComfortNoise::default(),
            stats: JitterStats::default(),
            scratch: Vec::new(),
        }
    }

    pub fn stats(&self) -> JitterStats {
        self.stats
    }

    /// Samples per `pull`.
    pub fn block_samples(&self) -> usize {
        self.block
    }

    /// The delay the buffer aims for, behind the fastest packets.
    pub fn target_delay(&self) -> Duration {
        Duration::from_secs_f64(self.target_ms() / 1000.0)
    }

    /// How irregularly the caller pulls: how much earlier than the times it dates them with
    /// its pulls come, at most. A packet must be here by the real time of the pull that needs
    /// it, so this is kept on top of the network's delay, and as much again is left alone
    /// above it.
    pub fn set_pull_wander(&mut self, wander: Duration) {
        self.pull_wander_ms = wander.as_secs_f64() * 1000.0;
    }

    fn target_ms(&self) -> f64 {
        self.estimator.target_ms() + self.pull_wander_ms
    }

    /// Packets held now.
    pub fn packets_buffered(&self) -> usize {
        self.store.len()
    }

    /// Take a received packet.
    pub fn put(&mut self, now: Duration, incoming: Incoming) {
        self.stats.packets_received += 1;
        if self.ssrc != Some(incoming.ssrc) {
            if self.ssrc.is_some() {
                self.stats.ssrc_changes += 1;
                self.new_timeline();
            }
            self.ssrc = Some(incoming.ssrc);
        }
        let packet = incoming.packet;
        let audio = packet.payload_type == self.config.audio_payload_type;
        if audio {
            self.follow_timestamp_jump(now, packet.timestamp);
        }
        let timestamp = packet.timestamp.wrapping_add(self.timestamp_offset);
        let stored = Stored {
            packet,
            arrival: now,
            timestamp,
            audio,
        };
        match self.store.insert(stored) {
            Insert::Accepted => {}
            Insert::Restarted => {
                // The sequence numbers jumped: a restarted sender. The packet was kept.
                self.estimator.restart();
                self.end_of_old_stream();
            }
            Insert::Duplicate => {
                self.stats.packets_duplicated += 1;
                return;
            }
            Insert::Late => {
                self.stats.packets_late += 1;
                // Its delay is exactly what the estimate must learn about.
                if audio {
                    self.estimator.on_late_packet();
                }
            }
        }
        if audio {
            // Events carry their start time in every packet: not a clock sample.
            self.estimator.on_packet(now, timestamp, incoming.marker);
        }
    }

    /// A timestamp that moved far more (or less) than the time that passed is a jump in the
    /// sender's timeline; shift it back so that the delay estimate and the playout position
    /// see one continuous clock.
    fn follow_timestamp_jump(&mut self, now: Duration, timestamp: u32) {
        let adjusted = timestamp.wrapping_add(self.timestamp_offset);
        if let Some(last) = self.last_arrival {
            let elapsed_ms = (now.as_secs_f64() - last.arrival.as_secs_f64()) * 1000.0;
            let advanced = adjusted.wrapping_sub(last.timestamp) as i32;
            let advanced_ms = f64::from(advanced) * 1000.0 / f64::from(self.config.clock_rate);
            if (elapsed_ms - advanced_ms).abs() > TIMESTAMP_JUMP_MS {
                let expected = last
                    .timestamp
                    .wrapping_add(self.ms_to_ticks(elapsed_ms.max(0.0)));
                self.timestamp_offset = self
                    .timestamp_offset
                    .wrapping_add(expected.wrapping_sub(adjusted));
                self.stats.timestamp_jumps += 1;
            }
        }
        self.last_arrival = Some(LastArrival {
            arrival: now,
            timestamp: timestamp.wrapping_add(self.timestamp_offset),
        });
    }

    /// A new sender: forget its predecessor's packets and timeline.
    fn new_timeline(&mut self) {
        self.store.clear();
        self.estimator.restart();
        self.timestamp_offset = 0;
        self.last_arrival = None;
        self.end_of_old_stream();
    }

    /// What is still queued of the old stream plays out and is cross-faded into the new one
    /// once that has reached its target delay.
    fn end_of_old_stream(&mut self) {
        self.concealed_tail = self.sync.len();
        self.concealed_run.get_or_insert(0);
        self.end_timestamp = None;
        self.waiting = true;
    }

    fn ms_to_ticks(&self, ms: f64) -> u32 {
        (ms * f64::from(self.config.clock_rate) / 1000.0) as u32
    }

    fn samples_ms(&self, samples: usize) -> f64 {
        samples as f64 * 1000.0 / f64::from(self.config.sample_rate)
    }

    fn ms_samples(&self, ms: f64) -> usize {
        (ms.max(0.0) * f64::from(self.config.sample_rate) / 1000.0) as usize
    }

    /// Play the next 10 ms: append `block_samples()` samples to `out`. Call every 10 ms.
    pub fn pull<D: Decoder + ?Sized>(
        &mut self,
        now: Duration,
        decoder: &mut D,
        out: &mut Vec<i16>,
    ) {
        self.fill(now, decoder);
        let situation = self.situation(now);
        let operation = decide(&situation);
        match operation {
            Operation::Normal => self.stats.normal_count += 1,
            Operation::Accelerate => self.accelerate(&situation),
            Operation::PreemptiveExpand => self.preemptive_expand(&situation),
            Operation::Expand => self.expand(decoder),
            Operation::Merge => self.merge(now, decoder),
            Operation::ComfortNoise => self.comfort_noise(),
        }
        let target_s = self.target_ms() / 1000.0;
        self.play_block(target_s, out);
    }

    /// Decode the packets that are due while real audio is playing, so that a stretch has
    /// two pitch periods to work on.
    fn fill<D: Decoder + ?Sized>(&mut self, now: Duration, decoder: &mut D) {
        let (_, longest) = time_stretch::period_range(self.config.sample_rate);
        let wanted = self.block + 2 * longest;
        while !self.waiting && self.concealed_run.is_none() && self.sync.len() < wanted {
            let Some(stored) = self.store.take_next() else {
                break;
            };
            self.play_packet(now, decoder, stored, false);
        }
    }

    /// Put a packet's audio at the end of `sync`, cross-fading from concealment if `merge`.
    fn play_packet<D: Decoder + ?Sized>(
        &mut self,
        now: Duration,
        decoder: &mut D,
        stored: Stored,
        merge: bool,
    ) {
        self.scratch.clear();
        if !stored.audio {
            // An RFC 4733 event stands in for the audio of its packet time; the audio around
            // it fades as if lost, but nothing was.
            decoder.conceal(&mut self.scratch);
            let ticks = self.scratch.len() as u64 * u64::from(self.config.clock_rate)
                / u64::from(self.config.sample_rate);
            self.append_concealment(self.scratch.len(), false);
            self.event_concealed += self.scratch.len();
            let end = self.end_timestamp.unwrap_or(stored.timestamp);
            self.end_timestamp = Some(end.wrapping_add(ticks as u32));
            return;
        }
        if decoder
            .decode(&stored.packet.payload, &mut self.scratch)
            .is_err()
        {
            self.stats.decode_errors += 1;
            self.scratch.clear();
            decoder.conceal(&mut self.scratch);
            self.append_concealment(self.scratch.len(), true);
            return;
        }
        let decoded = std::mem::take(&mut self.scratch);
        if merge {
            let overlap = self.ms_samples(MERGE_OVERLAP_MS);
            time_stretch::merge(
                &mut self.sync,
                self.concealed_tail,
                self.merge_keep,
                &decoded,
                overlap,
                self.config.sample_rate,
            );
        } else {
            self.sync.extend_from_slice(&decoded);
        }
        self.concealed_tail = 0;
        self.concealed_run = None;
        self.event_concealed = 0;
        self.started = true;
        let start = self.sync.len().saturating_sub(decoded.len());
        let wait_s =
            now.as_secs_f64() + self.samples_ms(start) / 1000.0 - stored.arrival.as_secs_f64();
        let half = self.samples_ms(decoded.len()) / 2000.0;
        self.stats.packet_wait_sum += wait_s;
        self.stats.packets_played += 1;
        self.stats.jitter_buffer_delay += decoded.len() as f64 * (wait_s + half);
        self.stats.jitter_buffer_emitted_count += decoded.len() as u64;
        let ticks = decoded.len() as u64 * u64::from(self.config.clock_rate)
            / u64::from(self.config.sample_rate);
        self.end_timestamp = Some(stored.timestamp.wrapping_add(ticks as u32));
        self.scratch = decoded;
    }

    /// The last `samples` of `sync` were just appended as concealment.
    fn append_concealment(&mut self, samples: usize, counted: bool) {
        if self.concealed_run.is_none() && counted && self.started {
            self.stats.concealment_events += 1;
        }
        self.sync
            .extend_from_slice(&self.scratch[..samples.min(self.scratch.len())]);
        self.concealed_tail += samples;
        *self.concealed_run.get_or_insert(0) += samples;
    }

    fn situation(&mut self, now: Duration) -> Situation {
        let next = if self.store.next_packet().is_some() {
            NextPacket::Ready
        } else {
            match self.store.first_ahead() {
                None => NextPacket::Empty,
                Some((stored, missing)) => {
                    let ptime = f64::from(self.config.ptime_ms);
                    let by_timestamp = self.end_timestamp.map(|end| {
                        let ticks = stored.timestamp.wrapping_sub(end) as i32;
                        f64::from(ticks) * 1000.0 / f64::from(self.config.clock_rate)
                    });
                    let gap_ms = match by_timestamp {
                        Some(ms) if ms > 0.0 && ms < MAX_GAP_MS => ms,
                        _ => missing as f64 * ptime,
                    };
                    NextPacket::Missing { gap_ms }
                }
            }
        };
        let reference = if self.waiting {
            self.store.first_ahead().map(|(s, _)| s.timestamp)
        } else {
            self.end_timestamp
        };
        let needed_at = self.needed_at(now);
        let lead_ms = reference.and_then(|ts| self.estimator.lead_ms(needed_at, ts));
        Situation {
            ready_ms: self.samples_ms(self.sync.len()),
            block_ms: f64::from(BLOCK_MS),
            reserve_ms: CONCEAL_RESERVE_MS,
            next,
            concealed_ms: self.concealed_run.map(|s| self.samples_ms(s)),
            waiting: self.waiting,
            lead_ms,
            phase_ms: self.samples_ms(self.sync.len() % self.block),
            target_ms: self.target_ms(),
            hysteresis_ms: self.pull_wander_ms,
        }
    }

    /// When the packet after the queued audio must be here: at the pull that finds less than
    /// a block queued.
    fn needed_at(&self, now: Duration) -> Duration {
        let whole_blocks = (self.sync.len() / self.block) as u32;
        now + Duration::from_millis(u64::from(BLOCK_MS)) * whole_blocks
    }

    fn accelerate(&mut self, s: &Situation) {
        let spare = s.lead_ms.unwrap_or(0.0) - s.target_ms;
        let min_correlation = if spare > FAST_ACCELERATE_MS {
            FAST_ACCELERATE_CORRELATION
        } else {
            time_stretch::STRONG_CORRELATION
        };
        // Cutting into the part of a block before the next packet's start costs nothing;
        // cutting whole blocks of spare lead brings the need for the next packet forward.
        let spare_blocks = (spare.max(0.0) / f64::from(BLOCK_MS)).floor() as usize;
        let max_lag = (self.sync.len() % self.block + spare_blocks * self.block)
            // Keep a whole block after the cut.
            .min(self.sync.len().saturating_sub(self.block));
        let found = time_stretch::find_period(
            &self.sync,
            self.config.sample_rate,
            0..=max_lag,
            min_correlation,
        );
        match found {
            Some(period) if time_stretch::accelerate(&mut self.sync, period.lag) => {
                self.stats.accelerate_count += 1;
                self.stats.removed_samples_for_acceleration += period.lag as u64;
            }
            _ => self.stats.normal_count += 1,
        }
    }

    fn preemptive_expand(&mut self, s: &Situation) {
        let deficit = s.target_ms - s.lead_ms.unwrap_or(s.target_ms);
        // The lead grows when the queue crosses into another whole block.
        let blocks = (deficit.max(0.0) / f64::from(BLOCK_MS)).ceil().max(1.0) as usize;
        let needed = (blocks * self.block).saturating_sub(self.sync.len() % self.block);
        let found = time_stretch::find_period(
            &self.sync,
            self.config.sample_rate,
            needed..=usize::MAX,
            time_stretch::STRONG_CORRELATION,
        )
        // More than one period short: any period helps.
        .or_else(|| {
            time_stretch::find_period(
                &self.sync,
                self.config.sample_rate,
                0..=needed,
                time_stretch::STRONG_CORRELATION,
            )
        });
        match found {
            Some(period) if time_stretch::preemptive_expand(&mut self.sync, period.lag) => {
                self.stats.preemptive_expand_count += 1;
                self.stats.inserted_samples_for_deceleration += period.lag as u64;
            }
            _ => self.stats.normal_count += 1,
        }
    }

    fn expand<D: Decoder + ?Sized>(&mut self, decoder: &mut D) {
        self.stats.expand_count += 1;
        let wanted = self.block + self.ms_samples(CONCEAL_RESERVE_MS);
        while self.sync.len() < wanted {
            self.scratch.clear();
            match self.in_band_recovery() {
                Some(next_payload) => decoder.recover(&next_payload, &mut self.scratch),
                None => decoder.conceal(&mut self.scratch),
            }
            if self.scratch.is_empty() {
                // A decoder that gives nothing must not stall playout.
                self.scratch.resize(self.block, 0);
            }
            self.append_concealment(self.scratch.len(), true);
        }
    }

    /// When exactly one packet is missing at the start of a concealment and the one after it
    /// is here, its payload: a codec with in-band FEC (Opus) rebuilds the lost frame from it.
    fn in_band_recovery(&self) -> Option<bytes::Bytes> {
        if self.concealed_run.is_some() {
            return None;
        }
        match self.store.first_ahead() {
            Some((stored, 1)) if stored.audio => Some(stored.packet.payload.clone()),
            _ => None,
        }
    }

    fn merge<D: Decoder + ?Sized>(&mut self, now: Duration, decoder: &mut D) {
        self.stats.merge_count += 1;
        let resuming = self.waiting;
        if resuming {
            self.resume(now);
        } else {
            let lost = self.store.skip_to_first();
            self.stats.packets_lost += lost;
            if lost == 0 {
                // Nothing was missing: the packet came after the pull that needed it, and
                // the listener heard concealment for it. As much a miss of the target as a
                // packet that came too late to play at all.
                self.estimator.on_late_packet();
            }
        }
        let Some(stored) = self.store.take_next() else {
            return self.expand(decoder);
        };
        // Concealment that stands for missing audio plays in full; what was made beyond that
        // (the packet was late, not lost) is cut, so that the delay does not grow by it.
        let keep = match self.end_timestamp {
            Some(end) if !resuming => {
                let ticks = stored.timestamp.wrapping_sub(end) as i32;
                let gap_ms = f64::from(ticks) * 1000.0 / f64::from(self.config.clock_rate);
                let gap = if gap_ms > 0.0 && gap_ms < MAX_GAP_MS {
                    self.ms_samples(gap_ms)
                } else {
                    0
                };
                let played = self
                    .concealed_run
                    .unwrap_or(0)
                    .saturating_sub(self.concealed_tail);
                (gap + self.event_concealed).saturating_sub(played)
            }
            _ => 0,
        };
        self.merge_keep = keep;
        self.play_packet(now, decoder, stored, true);
        self.fill(now, decoder);
        if self.sync.len() < self.block {
            self.expand(decoder);
        }
    }

    /// Start (again) after comfort noise, from the oldest packet that keeps the delay near
    /// its target.
    fn resume(&mut self, now: Duration) {
        self.waiting = false;
        let needed_at = self.needed_at(now);
        let limit = self.target_ms() + RESUME_SLACK_MS;
        loop {
            self.stats.packets_lost += self.store.skip_to_first();
            let Some(first) = self.store.next_packet() else {
                return;
            };
            let lead = self
                .estimator
                .lead_ms(needed_at, first.timestamp)
                .unwrap_or(0.0);
            if lead <= limit || self.store.len() <= 1 {
                return;
            }
            if self.store.discard_next() {
                self.stats.packets_discarded += 1;
            }
        }
    }

    fn comfort_noise(&mut self) {
        self.stats.comfort_noise_count += 1;
        if !self.waiting {
            // Real audio returns at its target delay, from wherever its packets are.
            self.waiting = true;
            self.end_timestamp = None;
        }
        let wanted = self.block + self.ms_samples(CONCEAL_RESERVE_MS);
        if self.sync.len() < wanted {
            let samples = wanted - self.sync.len();
            self.scratch.clear();
            self.noise.generate(samples, &mut self.scratch);
            if self.started {
                self.stats.silent_concealed_samples += samples as u64;
            }
            self.append_concealment(samples, true);
        }
    }

    fn play_block(&mut self, target_s: f64, out: &mut Vec<i16>) {
        if self.sync.len() < self.block {
            self.sync.resize(self.block, 0);
        }
        let real = self.sync.len() - self.concealed_tail.min(self.sync.len());
        let concealed_here = self.block.saturating_sub(real);
        if concealed_here == 0 {
            self.noise.observe(&self.sync[..self.block]);
        }
        out.extend(self.sync.drain(..self.block));
        self.concealed_tail = self.concealed_tail.min(self.sync.len());
        if self.started {
            self.stats.concealed_samples += concealed_here as u64;
        }
        self.stats.total_samples_received += self.block as u64;
        self.stats.jitter_buffer_target_delay += target_s * self.block as f64;
    }
}
