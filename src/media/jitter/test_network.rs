//! A seeded in-memory network for the scenario tests: a sender of speech-like PCMU packets, a
//! path with delay, jitter, loss, bursts, delay spikes and clock drift, and a receiver that
//! pulls 10 ms every 10 ms of virtual time.

use super::JitterPacket;
use super::{Incoming, JitterBuffer, JitterConfig, JitterStats};
use crate::media::codec::{find, Codec, G711Law, G711};
use bytes::Bytes;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Duration;

pub const RATE: u32 = 8000;
pub const PTIME_MS: u32 = 20;
const FRAME: usize = (RATE * PTIME_MS / 1000) as usize;
const PAYLOAD_TYPE: u8 = 0;
const EVENT_PAYLOAD_TYPE: u8 = 101;

/// How packets go missing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Loss {
    None,
    /// Each packet independently.
    Random(f64),
    /// Runs of `length` packets, starting with probability `start` per packet.
    Bursts {
        start: f64,
        length: usize,
    },
}

/// One network condition.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: &'static str,
    pub seed: u64,
    pub seconds: u32,
    pub base_delay_ms: f64,
    /// Each packet's delay varies uniformly by ± this (as netem's `delay D J`), so packets
    /// also arrive out of order.
    pub jitter_ms: f64,
    /// Instead of uniform: each packet waits an exponential time with this mean on top of the
    /// base delay (a queue that sometimes holds a packet much longer).
    pub exponential_jitter: bool,
    pub loss: Loss,
    /// The sender's clock runs this much fast (positive) or slow against the receiver's.
    pub drift_ppm: f64,
    /// (start s, length ms, extra delay ms): the path stalls and delivers late.
    pub spikes: Vec<(f64, f64, f64)>,
    /// From this packet on, the sender is a new SSRC with new sequence numbers and timestamps.
    pub ssrc_change_at: Option<usize>,
    /// From this packet on, the timestamps jump by this many ticks.
    pub timestamp_jump_at: Option<(usize, u32)>,
    /// Send a sine of this frequency instead of speech.
    pub sine_hz: Option<f64>,
    /// Packets in this range are an RFC 4733 event (a key press) instead of audio: payload
    /// type 101, every one with the event's start timestamp.
    pub event: Option<std::ops::Range<usize>>,
}

impl Scenario {
    pub fn new(name: &'static str) -> Self {
        Self {
            name,
            seed: 1,
            seconds: 60,
            base_delay_ms: 30.0,
            jitter_ms: 0.0,
            exponential_jitter: false,
            loss: Loss::None,
            drift_ppm: 0.0,
            spikes: Vec::new(),
            ssrc_change_at: None,
            timestamp_jump_at: None,
            sine_hz: None,
            event: None,
        }
    }
}

/// A packet on its way, and what the test knows about it.
#[derive(Debug, Clone)]
pub struct Sent {
    /// Media time of its first sample, by the sender's clock, in ms.
    pub media_ms: f64,
    pub arrival_ms: Option<f64>,
}

/// What a run produced.
pub struct Outcome {
    pub stats: JitterStats,
    pub output: Vec<i16>,
    pub sent: Vec<Sent>,
    /// Pull index at which the first real audio played.
    pub first_audio_pull: Option<usize>,
    /// Stats when the first real audio played (start-up excluded from what follows).
    pub stats_at_start: JitterStats,
    /// Stats when the last packet had been delivered (the sender's end excluded).
    pub stats_at_end: JitterStats,
    /// Output samples played by then.
    pub samples_at_end: usize,
    pub max_target_ms: f64,
    pub final_target_ms: f64,
    /// Target after each second.
    pub targets_ms: Vec<f64>,
}

/// Speech-like test signal: voiced syllables (a gliding pitch with harmonics) between pauses.
pub fn speech_like(n: usize) -> f64 {
    let t = n as f64 / f64::from(RATE);
    let syllable = t % 0.4;
    if syllable > 0.26 {
        return 0.0;
    }
    let envelope = (std::f64::consts::PI * syllable / 0.26).sin();
    // Pitch glides as 120 + 50 sin(0.7 t) Hz; the phase is its integral. of a gliding pitch: the integral of f0.
    let phase = 2.0 * std::f64::consts::PI * (120.0 * t - 50.0 / 0.7 * ((t * 0.7).cos() - 1.0));
    let voiced: f64 = (1..=6)
        .map(|h| (f64::from(h) * phase).sin() / f64::from(h))
        .sum();
    6000.0 * envelope * voiced
}

fn codec() -> G711 {
    let spec = find("PCMU", 8000).expect("PCMU is always supported");
    G711::new(G711Law::MuLaw, spec)
}

/// Run a scenario through a fresh buffer.
pub fn run(scenario: &Scenario) -> Outcome {
    let mut rng = StdRng::seed_from_u64(scenario.seed);
    let mut encoder = codec();
    let mut decoder = codec();
    let packets = (scenario.seconds * 1000 / PTIME_MS) as usize;
    let sender_speed = 1.0 + scenario.drift_ppm * 1e-6;
    let mut sent = Vec::with_capacity(packets);
    let mut arrivals: Vec<(f64, Incoming)> = Vec::new();
    let mut burst_left = 0usize;
    for i in 0..packets {
        let pcm: Vec<i16> = (0..FRAME)
            .map(|k| {
                let n = i * FRAME + k;
                match scenario.sine_hz {
                    Some(hz) => {
                        let t = n as f64 / f64::from(RATE);
                        (8000.0 * (2.0 * std::f64::consts::PI * hz * t).sin()) as i16
                    }
                    None => speech_like(n) as i16,
                }
            })
            .collect();
        let mut payload = Vec::new();
        encoder.encode(&pcm, &mut payload);
        let media_ms = (i as f64) * f64::from(PTIME_MS);
        // Our clock reads the sender's `media_ms` later or earlier as the clocks drift.
        let send_ms = media_ms / sender_speed;
        let lost = match scenario.loss {
            Loss::None => false,
            Loss::Random(p) => rng.random_bool(p),
            Loss::Bursts { start, length } => {
                if burst_left == 0 && rng.random_bool(start) {
                    burst_left = length;
                }
                if burst_left > 0 {
                    burst_left -= 1;
                    true
                } else {
                    false
                }
            }
        };
        let jitter = if scenario.exponential_jitter {
            -scenario.jitter_ms * (1.0 - rng.random::<f64>()).ln()
        } else if scenario.jitter_ms > 0.0 {
            rng.random_range(-scenario.jitter_ms..scenario.jitter_ms)
        } else {
            0.0
        };
        let spike: f64 = scenario
            .spikes
            .iter()
            .filter(|(at, len, _)| send_ms >= at * 1000.0 && send_ms < at * 1000.0 + len)
            // A stall releases everything at its end: later packets wait less.
            .map(|(at, len, extra)| (at * 1000.0 + len + extra - send_ms).max(0.0))
            .fold(0.0, f64::max);
        let arrival_ms = (send_ms + scenario.base_delay_ms + jitter + spike).max(0.0);
        let restarted = scenario.ssrc_change_at.is_some_and(|at| i >= at);
        let (ssrc, sequence_base, timestamp_base) = if restarted {
            (0xBEEF, 40_000u16, 7_000_000u32)
        } else {
            (0x1234, 65_000u16, u32::MAX - 50_000)
        };
        let jump = match scenario.timestamp_jump_at {
            Some((at, ticks)) if i >= at => ticks,
            _ => 0,
        };
        let event_start = scenario
            .event
            .as_ref()
            .filter(|range| range.contains(&i))
            .map(|range| range.start);
        let (payload_type, media_index, payload) = match event_start {
            // Key 5, volume 10, duration so far.
            Some(start) => {
                let duration = ((i - start + 1) * FRAME) as u16;
                let d = duration.to_be_bytes();
                (EVENT_PAYLOAD_TYPE, start, vec![5, 10, d[0], d[1]])
            }
            None => (PAYLOAD_TYPE, i, payload),
        };
        let packet = JitterPacket {
            sequence: sequence_base.wrapping_add(i as u16),
            timestamp: timestamp_base
                .wrapping_add((media_index * FRAME) as u32)
                .wrapping_add(jump),
            payload_type,
            payload: Bytes::from(payload),
        };
        let marker = i == 0 || scenario.ssrc_change_at == Some(i);
        sent.push(Sent {
            media_ms,
            arrival_ms: (!lost).then_some(arrival_ms),
        });
        if !lost {
            arrivals.push((
                arrival_ms,
                Incoming {
                    ssrc,
                    marker,
                    packet,
                },
            ));
        }
    }
    arrivals.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut buffer = JitterBuffer::new(JitterConfig::for_codec(encoder.spec()));
    let mut output = Vec::new();
    let mut next_arrival = 0;
    let pulls = (scenario.seconds as usize + 1) * 100;
    let mut first_audio_pull = None;
    let mut stats_at_start = JitterStats::default();
    let mut stats_at_end = None;
    let mut samples_at_end = 0;
    let mut max_target_ms: f64 = 0.0;
    let mut targets_ms = Vec::new();
    for pull in 0..pulls {
        let now_ms = pull as f64 * 10.0;
        while next_arrival < arrivals.len() && arrivals[next_arrival].0 <= now_ms {
            let (at, incoming) = arrivals[next_arrival].clone();
            buffer.put(Duration::from_secs_f64(at / 1000.0), incoming);
            next_arrival += 1;
        }
        buffer.pull(
            Duration::from_secs_f64(now_ms / 1000.0),
            &mut decoder,
            &mut output,
        );
        if first_audio_pull.is_none() && buffer.stats().packets_played > 0 {
            first_audio_pull = Some(pull);
            stats_at_start = buffer.stats();
        }
        if stats_at_end.is_none() && next_arrival == arrivals.len() {
            stats_at_end = Some(buffer.stats());
            samples_at_end = output.len();
        }
        let target = buffer.target_delay().as_secs_f64() * 1000.0;
        max_target_ms = max_target_ms.max(target);
        if pull % 100 == 99 {
            targets_ms.push(target);
        }
    }
    Outcome {
        stats: buffer.stats(),
        output,
        sent,
        first_audio_pull,
        stats_at_start,
        stats_at_end: stats_at_end.unwrap_or_default(),
        samples_at_end,
        max_target_ms,
        final_target_ms: buffer.target_delay().as_secs_f64() * 1000.0,
        targets_ms,
    }
}

/// The best a fixed delay could do on the same arrivals: the smallest playout offset (media
/// time to our time) at which at most 1 % of the arrived packets miss the 10 ms pull that
/// plays their first sample, and the mean time its on-time packets wait.
pub fn oracle(sent: &[Sent]) -> (f64, f64) {
    let arrived: Vec<(f64, f64)> = sent
        .iter()
        .filter_map(|s| s.arrival_ms.map(|a| (s.media_ms, a)))
        .collect();
    let allowed = arrived.len() / 100;
    let late = |offset: f64| {
        arrived
            .iter()
            .filter(|(media, arrival)| {
                let slot = media + offset;
                let pull = (slot / 10.0).floor() * 10.0;
                *arrival > pull
            })
            .count()
    };
    let mut offset = arrived
        .iter()
        .map(|(m, a)| a - m)
        .fold(f64::INFINITY, f64::min);
    while late(offset) > allowed {
        offset += 0.1;
    }
    let waits: Vec<f64> = arrived
        .iter()
        .filter(|(media, arrival)| *arrival <= ((media + offset) / 10.0).floor() * 10.0)
        .map(|(media, arrival)| media + offset - arrival)
        .collect();
    let mean_wait = waits.iter().sum::<f64>() / waits.len().max(1) as f64;
    (offset, mean_wait)
}

/// The largest step between neighbouring samples in `pcm`.
pub fn largest_step(pcm: &[i16]) -> i32 {
    pcm.windows(2)
        .map(|w| (i32::from(w[1]) - i32::from(w[0])).abs())
        .max()
        .unwrap_or(0)
}
