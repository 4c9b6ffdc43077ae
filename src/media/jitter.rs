//! Jitter buffer: turns packets that arrive early, late, twice or not at all into a steady
//! sequence of frames, one per packet time.
//!
//! This first version holds a fixed target delay: it collects `target_frames` frames
//! (prefetch) before playing and refills the same way after running dry. Packets are keyed by
//! their RTP sequence number, extended to 64 bits so that the wrap from 65535 to 0 is just
//! the next number. The playout cadence drives it: the caller asks for one frame per packet
//! time, and the buffer never looks at a clock. An adaptive version only needs to change
//! `target_frames` as it goes (from the arrival statistics the stream already measures).

use bytes::Bytes;
use std::collections::BTreeMap;
use std::time::Duration;

/// A packet more than this far behind the playout point means the sender restarted.
const RESTART_BEHIND_FRAMES: u64 = 500;
/// The delay may exceed the target by this many frames before the oldest are dropped.
const BURST_SLACK_FRAMES: u64 = 3;
/// First extended sequence number, far from zero so that earlier packets still fit.
const EXTENDED_BASE: u64 = 1 << 32;

/// How much to buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JitterConfig {
    /// Frames to collect before playing.
    pub target_frames: u64,
    /// Frames the buffer may hold ahead of the playout point; a packet beyond that re-syncs.
    pub max_frames: u64,
}

impl JitterConfig {
    /// A target delay expressed in packets of `ptime_ms`, with room for one second more.
    pub fn from_delay(delay: Duration, ptime_ms: u32) -> Self {
        let ptime_ms = u64::from(ptime_ms.max(1));
        let delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
        let target_frames = delay_ms.div_ceil(ptime_ms).min(250);
        Self {
            target_frames,
            max_frames: target_frames + 1000 / ptime_ms,
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

/// What to play now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// The packet that is due.
    Normal(JitterPacket),
    /// The packet that is due never arrived (later ones did): conceal it.
    Missing { sequence: u16 },
    /// Nothing has arrived to play: conceal; the buffer now refills to its target.
    Underrun,
    /// Still collecting the target delay: play silence.
    Prefetching,
}

/// What happened to a packet given to [`JitterBuffer::put`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Accepted,
    /// Already buffered or already played.
    Duplicate,
    /// Its turn has passed.
    Late,
    /// Too far from the playout point: the buffer started over from this packet.
    Resynced,
}

/// Counters since the buffer was created (they survive re-syncs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JitterStats {
    pub received: u64,
    pub duplicates: u64,
    pub late: u64,
    pub lost: u64,
    pub reordered: u64,
    pub underruns: u64,
    pub resyncs: u64,
    /// Lost packets passed over in one jump after an outage (no Missing frame each); part of
    /// `lost`.
    pub skipped: u64,
    /// Packets held right now.
    pub current_depth: usize,
}

/// A fixed-delay jitter buffer.
#[derive(Debug, Clone)]
pub struct JitterBuffer {
    config: JitterConfig,
    packets: BTreeMap<u64, JitterPacket>,
    highest: Option<u64>,
    /// Next extended sequence number to play; None before the first playout.
    next: Option<u64>,
    prefetching: bool,
    /// Bit i set: `next - 1 - i` was played (tells a duplicate from a late packet).
    played: u64,
    stats: JitterStats,
}

impl JitterBuffer {
    pub fn new(config: JitterConfig) -> Self {
        // A window smaller than the target could never fill.
        let config = JitterConfig {
            max_frames: config.max_frames.max(config.target_frames),
            ..config
        };
        Self {
            config,
            packets: BTreeMap::new(),
            highest: None,
            next: None,
            prefetching: true,
            played: 0,
            stats: JitterStats::default(),
        }
    }

    pub fn config(&self) -> JitterConfig {
        self.config
    }

    /// Change the target (an adaptive policy calls this); takes effect at the next refill.
    pub fn set_target_frames(&mut self, target_frames: u64) {
        let headroom = self
            .config
            .max_frames
            .saturating_sub(self.config.target_frames);
        self.config.max_frames = target_frames.saturating_add(headroom);
        self.config.target_frames = target_frames;
    }

    pub fn stats(&self) -> JitterStats {
        JitterStats {
            current_depth: self.packets.len(),
            ..self.stats
        }
    }

    /// Frames between the playout point and the newest packet: the delay the buffer adds.
    pub fn depth_frames(&self) -> u64 {
        match (self.next, self.highest, self.packets.first_key_value()) {
            (_, None, _) | (_, _, None) => 0,
            (Some(next), Some(highest), _) => (highest + 1).saturating_sub(next),
            (None, Some(highest), Some((&lowest, _))) => (highest + 1).saturating_sub(lowest),
        }
    }

    /// Forget everything buffered (new sender); counters stay.
    pub fn reset(&mut self) {
        self.packets.clear();
        self.highest = None;
        self.next = None;
        self.prefetching = true;
        self.played = 0;
    }

    fn extend(&self, sequence: u16) -> u64 {
        let Some(reference) = self.highest else {
            return EXTENDED_BASE + u64::from(sequence);
        };
        // The nearest number with these low 16 bits, forwards or backwards.
        let delta = i64::from(sequence.wrapping_sub(reference as u16) as i16);
        reference.saturating_add_signed(delta)
    }

    /// Take a received packet.
    pub fn put(&mut self, packet: JitterPacket) -> PutOutcome {
        self.stats.received += 1;
        let mut outcome = PutOutcome::Accepted;
        let mut extended = self.extend(packet.sequence);
        if let Some(next) = self.next {
            let far_ahead = extended > next.saturating_add(self.config.max_frames);
            let far_behind = extended.saturating_add(RESTART_BEHIND_FRAMES) < next;
            if far_ahead || far_behind {
                self.reset();
                self.stats.resyncs += 1;
                outcome = PutOutcome::Resynced;
                extended = self.extend(packet.sequence);
            } else if extended < next {
                let back = next - 1 - extended;
                if back < 64 && self.played & (1 << back) != 0 {
                    self.stats.duplicates += 1;
                    return PutOutcome::Duplicate;
                }
                self.stats.late += 1;
                return PutOutcome::Late;
            }
        }
        if self.packets.contains_key(&extended) {
            self.stats.duplicates += 1;
            return PutOutcome::Duplicate;
        }
        match self.highest {
            Some(highest) if extended < highest => self.stats.reordered += 1,
            _ => self.highest = Some(extended),
        }
        self.packets.insert(extended, packet);
        if self.next.is_none() {
            self.keep_newest_window();
        }
        outcome
    }

    /// Before the first playout nothing bounds the buffer from below: keep only the newest
    /// `max_frames`, so that a sender that jumps around cannot make us conceal for minutes.
    fn keep_newest_window(&mut self) {
        let Some(highest) = self.highest else {
            return;
        };
        while let Some((&lowest, _)) = self.packets.first_key_value() {
            if lowest.saturating_add(self.config.max_frames) >= highest {
                break;
            }
            self.packets.pop_first();
        }
    }

    /// The frame to play now. Call once per packet time.
    pub fn get(&mut self) -> Frame {
        if self.prefetching && !self.finish_prefetch() {
            return Frame::Prefetching;
        }
        let Some(mut next) = self.next else {
            return Frame::Prefetching;
        };
        // A sender whose clock runs faster than our playout slowly fills the buffer; drop one
        // frame whenever the delay has grown past the slack, so it never drifts away.
        if self.depth_frames() > self.config.target_frames + BURST_SLACK_FRAMES {
            self.skip(next, next + 1);
            next += 1;
            self.next = Some(next);
        }
        if let Some(packet) = self.packets.remove(&next) {
            self.advance(true);
            return Frame::Normal(packet);
        }
        if self.packets.is_empty() {
            // Ran dry: refill to the target before playing on, so that the delay recovers.
            self.prefetching = true;
            self.stats.underruns += 1;
            return Frame::Underrun;
        }
        self.stats.lost += 1;
        self.advance(false);
        Frame::Missing {
            sequence: next as u16,
        }
    }

    fn advance(&mut self, played: bool) {
        self.played = (self.played << 1) | u64::from(played);
        self.next = self.next.map(|n| n + 1);
    }

    /// True once enough is buffered to (re)start playing.
    fn finish_prefetch(&mut self) -> bool {
        let (Some((&lowest, _)), Some(highest)) = (self.packets.first_key_value(), self.highest)
        else {
            return false;
        };
        let mut start = self.next.unwrap_or(lowest);
        let target = self.config.target_frames;
        if (highest + 1).saturating_sub(start) < target.max(1) {
            return false;
        }
        // After a long silence, skip the gap instead of concealing every missing packet.
        if lowest > start.saturating_add(target) {
            self.skip(start, lowest);
            start = lowest;
        }
        // After a burst (a network stall that delivers everything at once), start where the
        // target delay says, not at the oldest packet, or the extra delay would stay for good.
        if (highest + 1).saturating_sub(start) > target + BURST_SLACK_FRAMES {
            let wanted = highest + 1 - target;
            self.skip(start, wanted);
            start = wanted;
        }
        self.next = Some(start);
        self.prefetching = false;
        true
    }

    /// Pass over `from..to` without playing it: packets held there are dropped as late,
    /// sequence numbers never received count as lost.
    fn skip(&mut self, from: u64, to: u64) {
        let kept = self.packets.split_off(&to);
        let dropped = std::mem::replace(&mut self.packets, kept).len() as u64;
        let never_arrived = (to - from).saturating_sub(dropped);
        self.stats.late += dropped;
        self.stats.lost += never_arrived;
        self.stats.skipped += never_arrived;
        let distance = to - from;
        self.played = if distance >= 64 {
            0
        } else {
            self.played << distance
        };
    }
}

#[cfg(test)]
#[path = "jitter_tests.rs"]
mod tests;
