//! How much delay the arrivals need.
//!
//! Every packet tells how late it is compared with the fastest packet of the last two seconds:
//! its *relative delay* `(arrival − timestamp) − min(arrival − timestamp)`. A packet is on time
//! exactly when the playout runs at least that far behind the fastest path, so the target is a
//! high percentile of the relative delays. They go into a histogram that slowly forgets (the
//! network changes; a call should not pay for a bad minute forever). A spike, several packets
//! far above the percentile within a few seconds, lifts the target at once and then decays: a
//! network that stalled twice will likely stall again soon, and waiting for the histogram to
//! learn that would cost a run of concealments each time.
//!
//! Taking the minimum over a sliding window, not since the start, lets the reference follow a
//! sender whose clock drifts against ours.

use std::collections::VecDeque;
use std::time::Duration;

/// Width of one histogram bucket.
const BUCKET_MS: f64 = 2.0;
/// Relative delays beyond the last bucket count in it.
const BUCKETS: usize = 1000;
/// The fastest path is looked for among the arrivals of this long.
const BASE_WINDOW_MS: f64 = 2000.0;
/// A change of `arrival − timestamp` larger than this is a new timeline (the sender jumped its
/// timestamps), not network delay.
const TIMELINE_JUMP_MS: f64 = 1000.0;
/// Until this many packets are in, the histogram is too thin for a high percentile.
const WARM_UP_PACKETS: u64 = 50;
/// A packet this far above the percentile is a spike.
const SPIKE_MARGIN_MS: f64 = 20.0;
/// Spikes count together when they are this close in time.
const SPIKE_WINDOW_MS: f64 = 10_000.0;
/// The spike-lifted target halves over this long.
const PEAK_HALF_LIFE_MS: f64 = 8000.0;
/// Share of packets the quantile feedback lets arrive too late to play.
const LATE_SHARE_GOAL: f64 = 0.005;
/// How far one late packet moves the quantile (and `LATE_SHARE_GOAL` times that, the other
/// way, one on-time packet).
const QUANTILE_STEP: f64 = 0.002;
/// The quantile feedback stays within this of the configured quantile.
const QUANTILE_RANGE: f64 = 0.025;

/// What the estimator aims for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DelayConfig {
    /// The target never goes below this.
    pub min_delay: Duration,
    /// Nor above this (a conversation with more delay is worse than some concealment).
    pub max_delay: Duration,
    /// Before enough arrivals are seen.
    pub initial_delay: Duration,
    /// Share of packets that should be on time, e.g. 0.97. It is where the estimate starts:
    /// late packets move it up, on-time ones slowly down, so that the share actually lost as
    /// late settles near half a percent whatever the shape of the delay distribution (a
    /// histogram that forgets sees too few packets in a long tail to place a high percentile
    /// well).
    pub quantile: f64,
    /// Weight kept by the histogram per packet; 0.998 remembers about 500 packets (10 s at
    /// 20 ms).
    pub forget_factor: f64,
}

impl Default for DelayConfig {
    fn default() -> Self {
        Self {
            min_delay: Duration::ZERO,
            max_delay: Duration::from_millis(1000),
            initial_delay: Duration::from_millis(40),
            quantile: 0.97,
            forget_factor: 0.998,
        }
    }
}

/// One arrival as the minimum tracker keeps it.
#[derive(Debug, Clone, Copy)]
struct Offset {
    arrival_ms: f64,
    /// `arrival − timestamp`, in milliseconds on our own origin.
    offset_ms: f64,
}

/// Estimates the target buffer delay from arrival times and RTP timestamps.
#[derive(Debug, Clone)]
pub struct DelayEstimator {
    config: DelayConfig,
    clock_rate: u32,
    /// Probability per bucket; sums to 1 once a packet is in.
    histogram: Vec<f64>,
    packets: u64,
    /// The last timestamp seen and its unwrapped value (timestamps wrap at 2^32).
    last_timestamp: Option<(u32, i64)>,
    /// Increasing offsets, oldest first: the front is the window's minimum.
    fastest: VecDeque<Offset>,
    last_offset_ms: Option<f64>,
    /// Arrival times of recent spikes.
    spikes: VecDeque<f64>,
    peak_ms: f64,
    peak_at_ms: f64,
    last_relative_ms: f64,
    /// The quantile in use, moved by the late-packet feedback.
    quantile: f64,
}

impl DelayEstimator {
    pub fn new(config: DelayConfig, clock_rate: u32) -> Self {
        Self {
            config,
            clock_rate: clock_rate.max(1),
            histogram: vec![0.0; BUCKETS],
            packets: 0,
            last_timestamp: None,
            fastest: VecDeque::new(),
            last_offset_ms: None,
            spikes: VecDeque::new(),
            peak_ms: 0.0,
            peak_at_ms: 0.0,
            last_relative_ms: 0.0,
            quantile: config.quantile,
        }
    }

    /// The packet just given to [`Self::on_packet`] came after its turn was given up.
    pub fn on_late_packet(&mut self) {
        self.move_quantile(QUANTILE_STEP * (1.0 - LATE_SHARE_GOAL));
    }

    fn move_quantile(&mut self, by: f64) {
        let low = (self.config.quantile - QUANTILE_RANGE).max(0.5);
        let high = (self.config.quantile + QUANTILE_RANGE).min(0.999);
        self.quantile = (self.quantile + by).clamp(low, high.max(low));
    }

    /// The percentile the target is at now.
    pub fn quantile(&self) -> f64 {
        self.quantile
    }

    /// A new timeline (new sender, or timestamps that jumped): the reference starts over.
    /// What was learnt about the network stays, because the path has not changed.
    pub fn restart(&mut self) {
        self.last_timestamp = None;
        self.fastest.clear();
        self.last_offset_ms = None;
    }

    /// Account for an audio packet. `marker` is the RTP marker bit: the first packet of a
    /// talkspurt, after a silence in which the sender sent nothing.
    pub fn on_packet(&mut self, arrival: Duration, timestamp: u32, marker: bool) {
        let arrival_ms = arrival.as_secs_f64() * 1000.0;
        let offset_ms = arrival_ms - self.timestamp_ms(timestamp, true);
        let jumped = self
            .last_offset_ms
            .is_some_and(|last| (offset_ms - last).abs() > TIMELINE_JUMP_MS);
        // Across a silence some senders do not advance the timestamp by the time that passed;
        // the first packet then looks very late or very early. Start the reference over
        // rather than learn a delay the network never had.
        let restarted_talkspurt = marker
            && self
                .base_ms()
                .is_some_and(|base| (offset_ms - base).abs() > self.max_ms());
        if jumped || restarted_talkspurt {
            self.restart();
            let offset_ms = arrival_ms - self.timestamp_ms(timestamp, true);
            self.push_offset(arrival_ms, offset_ms);
            return;
        }
        self.push_offset(arrival_ms, offset_ms);
        let relative = offset_ms - self.base_ms().unwrap_or(offset_ms);
        self.last_relative_ms = relative;
        if marker {
            // A talkspurt's first packet may have waited in the sender for the voice detector.
            return;
        }
        self.move_quantile(-QUANTILE_STEP * LATE_SHARE_GOAL);
        self.learn(relative);
        self.watch_for_spikes(arrival_ms, relative);
    }

    fn push_offset(&mut self, arrival_ms: f64, offset_ms: f64) {
        while self
            .fastest
            .back()
            .is_some_and(|o| o.offset_ms >= offset_ms)
        {
            self.fastest.pop_back();
        }
        self.fastest.push_back(Offset {
            arrival_ms,
            offset_ms,
        });
        // The newest entry always stays, so a long silence keeps its reference.
        while self.fastest.len() > 1
            && self
                .fastest
                .front()
                .is_some_and(|o| o.arrival_ms < arrival_ms - BASE_WINDOW_MS)
        {
            self.fastest.pop_front();
        }
        self.last_offset_ms = Some(offset_ms);
    }

    fn learn(&mut self, relative_ms: f64) {
        self.packets += 1;
        // At the start the histogram is a plain average, so the first packets count fully.
        let keep = self
            .config
            .forget_factor
            .min(1.0 - 1.0 / self.packets as f64);
        for p in &mut self.histogram {
            *p *= keep;
        }
        let bucket = ((relative_ms / BUCKET_MS) as usize).min(BUCKETS - 1);
        self.histogram[bucket] += 1.0 - keep;
    }

    fn watch_for_spikes(&mut self, arrival_ms: f64, relative_ms: f64) {
        self.decay_peak(arrival_ms);
        while self
            .spikes
            .front()
            .is_some_and(|&t| t < arrival_ms - SPIKE_WINDOW_MS)
        {
            self.spikes.pop_front();
        }
        if relative_ms > self.histogram_quantile_ms() + SPIKE_MARGIN_MS {
            self.spikes.push_back(arrival_ms);
            // One straggler is cheaper to conceal than to wait for; two mean a pattern.
            if self.spikes.len() >= 2 && relative_ms > self.peak_ms {
                self.peak_ms = relative_ms.min(self.max_ms());
                self.peak_at_ms = arrival_ms;
            }
        }
    }

    fn decay_peak(&mut self, now_ms: f64) {
        let elapsed = (now_ms - self.peak_at_ms).max(0.0);
        self.peak_ms *= 0.5f64.powf(elapsed / PEAK_HALF_LIFE_MS);
        self.peak_at_ms = now_ms;
    }

    fn histogram_quantile_ms(&self) -> f64 {
        let mut sum = 0.0;
        for (i, &p) in self.histogram.iter().enumerate() {
            if sum + p >= self.quantile && p > 0.0 {
                // Linear within the bucket: a whole bucket's width of rounding would be a
                // delay every packet pays.
                let within = (self.quantile - sum) / p;
                return (i as f64 + within.clamp(0.0, 1.0)) * BUCKET_MS;
            }
            sum += p;
        }
        BUCKETS as f64 * BUCKET_MS
    }

    fn max_ms(&self) -> f64 {
        self.config.max_delay.as_secs_f64() * 1000.0
    }

    /// The delay behind the fastest path the playout should keep, in milliseconds.
    pub fn target_ms(&self) -> f64 {
        if self.packets == 0 {
            return self.config.initial_delay.as_secs_f64() * 1000.0;
        }
        let mut target = self.histogram_quantile_ms().max(self.peak_ms);
        if self.packets < WARM_UP_PACKETS {
            target = target.max(self.config.initial_delay.as_secs_f64() * 1000.0);
        }
        let min = self.config.min_delay.as_secs_f64() * 1000.0;
        target.clamp(min, self.max_ms().max(min))
    }

    pub fn target(&self) -> Duration {
        Duration::from_secs_f64(self.target_ms() / 1000.0)
    }

    /// How late the last packet was against the fastest one, in milliseconds.
    pub fn last_relative_delay_ms(&self) -> f64 {
        self.last_relative_ms
    }

    /// `arrival − timestamp` of the fastest recent packet; None before the first.
    fn base_ms(&self) -> Option<f64> {
        self.fastest.front().map(|o| o.offset_ms)
    }

    /// How far behind the fastest path a playout is that plays RTP `timestamp` at `now`: the
    /// delay the playout gives a packet that took the fastest path. None before the first
    /// packet (there is no reference yet).
    pub fn lead_ms(&mut self, now: Duration, timestamp: u32) -> Option<f64> {
        let base = self.base_ms()?;
        let now_ms = now.as_secs_f64() * 1000.0;
        Some(now_ms - self.timestamp_ms(timestamp, false) - base)
    }

    /// `timestamp` in milliseconds on the unwrapped timeline; `advance` moves the reference
    /// (for arrivals, not for questions).
    fn timestamp_ms(&mut self, timestamp: u32, advance: bool) -> f64 {
        let unwrapped = match self.last_timestamp {
            None => i64::from(timestamp),
            Some((last, last_unwrapped)) => {
                last_unwrapped + i64::from(timestamp.wrapping_sub(last) as i32)
            }
        };
        if advance {
            self.last_timestamp = Some((timestamp, unwrapped));
        }
        unwrapped as f64 * 1000.0 / f64::from(self.clock_rate)
    }
}

#[cfg(test)]
#[path = "delay_estimator_tests.rs"]
mod tests;
