//! Packet-loss concealment (RFC 3951 section 4.5).
//!
//! A lost frame's excitation continues the last one: its pitch period (found by correlation
//! on the last good excitation) is repeated and mixed with noise taken from random earlier
//! positions, more noise the less periodic the signal was. The last predictor shapes it.
//! The level follows the last good excitation and fades smoothly over consecutive losses, to
//! silence after about 160 ms, so a long gap neither buzzes nor clicks.

use super::lpc::{Lpc, ORDER};

/// Pitch lags searched, in samples (67 to 400 Hz at 8 kHz).
const MIN_LAG: usize = 20;
const MAX_LAG: usize = 120;
/// Correlation window for the pitch search.
const CORR_LEN: usize = 60;
/// Loss duration (ms) heard at full level, and by when the output has faded to silence.
const FULL_LEVEL_MS: f32 = 20.0;
const SILENT_AFTER_MS: f32 = 160.0;

pub struct Concealer {
    block: usize,
    /// The last excitation, good or concealed: the source of the repetition.
    previous: Vec<f32>,
    predictor: Lpc,
    lag: usize,
    periodicity: f32,
    /// RMS of the last good excitation.
    level: f32,
    /// Gain reached at the end of the previous concealed frame.
    gain: f32,
    losses: usize,
    seed: u32,
}

/// Correlation score of the end of `x` with the samples `lag` earlier, and the periodicity
/// (the share of the energy that the lagged signal predicts).
fn correlate(x: &[f32], lag: usize) -> (f32, f32) {
    let n = x.len();
    if n < CORR_LEN + lag {
        return (0.0, 0.0);
    }
    let now = &x[n - CORR_LEN..];
    let past = &x[n - CORR_LEN - lag..n - lag];
    let cross: f32 = now.iter().zip(past).map(|(a, b)| a * b).sum();
    let e_past: f32 = past.iter().map(|v| v * v).sum();
    let e_now: f32 = now.iter().map(|v| v * v).sum();
    if e_past <= 0.0 || e_now <= 0.0 || cross <= 0.0 {
        return (0.0, 0.0);
    }
    let score = cross * cross / e_past;
    (score, (score / e_now).min(1.0))
}

/// `x[at - back]`, or silence if that is before the start.
fn sample_before(x: &[f32], at: usize, back: usize) -> f32 {
    at.checked_sub(back)
        .and_then(|i| x.get(i))
        .copied()
        .unwrap_or(0.0)
}

fn rms(x: &[f32]) -> f32 {
    if x.is_empty() {
        return 0.0;
    }
    (x.iter().map(|v| v * v).sum::<f32>() / x.len() as f32).sqrt()
}

impl Concealer {
    pub fn new(block: usize) -> Self {
        let mut predictor = [0.0; ORDER + 1];
        predictor[0] = 1.0;
        Self {
            block,
            previous: vec![0.0; block],
            predictor,
            lag: 2 * MIN_LAG,
            periodicity: 0.0,
            level: 0.0,
            gain: 1.0,
            losses: 0,
            seed: 777,
        }
    }

    /// Remember a good frame's excitation and final predictor.
    pub fn good_frame(&mut self, residual: &[f32], predictor: &Lpc) {
        self.previous.clear();
        self.previous.extend_from_slice(residual);
        self.predictor = *predictor;
        self.losses = 0;
        self.gain = 1.0;
    }

    fn next_random(&mut self) -> u32 {
        self.seed = self.seed.wrapping_mul(69069).wrapping_add(1) & 0x7FFF_FFFF;
        self.seed
    }

    /// Gain at the end of the current run of losses.
    fn fade(&self) -> f32 {
        let lost_ms = (self.losses * self.block) as f32 / 8.0;
        (1.0 - (lost_ms - FULL_LEVEL_MS) / (SILENT_AFTER_MS - FULL_LEVEL_MS)).clamp(0.0, 1.0)
    }

    /// The excitation and predictor of a lost frame.
    pub fn conceal(&mut self) -> (Vec<f32>, Lpc) {
        if self.losses == 0 {
            // First loss after good frames: find the pitch of what we last heard.
            let mut best = (0.0f32, self.lag.clamp(MIN_LAG, MAX_LAG), 0.0f32);
            for lag in MIN_LAG..=MAX_LAG {
                let (score, per) = correlate(&self.previous, lag);
                if score > best.0 {
                    best = (score, lag, per);
                }
            }
            self.lag = best.1;
            self.periodicity = best.2;
            self.level = rms(&self.previous);
        }
        self.losses += 1;
        let pitch_weight = match self.periodicity.sqrt() {
            p if p > 0.7 => 1.0,
            p if p > 0.4 => (p - 0.4) / 0.3,
            _ => 0.0,
        };
        // Repeat two periods for short lags so the same cycle is not heard over and over.
        let lag = if self.lag < 80 {
            2 * self.lag
        } else {
            self.lag
        };
        let n = self.block;
        let prev_len = self.previous.len();
        let mut pitch = vec![0.0f32; n];
        let mut noise = vec![0.0f32; n];
        for i in 0..n {
            let random_lag = 50 + (self.next_random() % 70) as usize;
            noise[i] = if i >= random_lag {
                noise[i - random_lag]
            } else {
                sample_before(&self.previous, prev_len + i, random_lag)
            };
            pitch[i] = if i >= lag {
                pitch[i - lag]
            } else {
                sample_before(&self.previous, prev_len + i, lag)
            };
        }
        let mut out: Vec<f32> = pitch
            .iter()
            .zip(&noise)
            .map(|(p, z)| pitch_weight * p + (1.0 - pitch_weight) * z)
            .collect();
        // Bring the mix to the last good level, fading from the previous frame's gain.
        let current = rms(&out);
        let norm = if current > 0.0 {
            self.level / current
        } else {
            0.0
        };
        let (from, to) = (self.gain, self.fade());
        for (i, v) in out.iter_mut().enumerate() {
            let g = from + (to - from) * (i + 1) as f32 / n as f32;
            *v *= norm * g;
        }
        self.gain = to;
        self.previous.clear();
        self.previous.extend_from_slice(&out);
        if to == 0.0 {
            // Nothing left to repeat; keep the level so a later loss run still has a source.
            self.previous.copy_from_slice(&pitch);
        }
        (out, self.predictor)
    }
}
