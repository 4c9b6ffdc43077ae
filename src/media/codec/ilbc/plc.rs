//! Packet-loss concealment (RFC 3951 section 4.5).
//!
//! A lost frame's excitation continues the last one: its pitch period (found by correlation
//! on the last good excitation, refined around the previous lag) is repeated and mixed with
//! noise taken from random earlier positions, more noise the less periodic the signal was.
//! The last predictor shapes it. Consecutive losses fade the gain to silence so that a long
//! gap does not buzz.

use super::lpc::{Lpc, ORDER};

/// Pitch lags searched, in samples (100 to 400 Hz at 8 kHz... and a little beyond).
const MIN_LAG: usize = 20;
const MAX_LAG: usize = 120;
/// Correlation window for the pitch search.
const CORR_LEN: usize = 60;
/// Below this RMS the pitch component is worthless; use noise only.
const NOISE_ONLY_RMS: f32 = 30.0;

pub struct Concealer {
    block: usize,
    previous: Vec<f32>,
    predictor: Lpc,
    lag: usize,
    periodicity: f32,
    losses: usize,
    seed: u32,
}

/// Normalised correlation of the end of `x` with the samples `lag` earlier, and the
/// predicted/actual energy ratio (the periodicity).
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
    if e_past <= 0.0 || e_now <= 0.0 {
        return (0.0, 0.0);
    }
    let score = if cross > 0.0 {
        cross * cross / e_past
    } else {
        0.0
    };
    let periodicity = (score / e_now).min(1.0);
    (score, periodicity)
}

/// `x[at - back]`, or silence if that is before the start.
fn sample_before(x: &[f32], at: usize, back: usize) -> f32 {
    at.checked_sub(back)
        .and_then(|i| x.get(i))
        .copied()
        .unwrap_or(0.0)
}

impl Concealer {
    pub fn new(block: usize) -> Self {
        let mut predictor = [0.0; ORDER + 1];
        predictor[0] = 1.0;
        Self {
            block,
            previous: vec![0.0; block],
            predictor,
            lag: MIN_LAG * 2,
            periodicity: 0.0,
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
    }

    pub fn consecutive_losses(&self) -> usize {
        self.losses
    }

    fn next_random(&mut self) -> u32 {
        self.seed = self.seed.wrapping_mul(69069).wrapping_add(1) & 0x7FFF_FFFF;
        self.seed
    }

    /// The gain of the `losses`-th consecutive lost frame: full for the first 40 ms, then
    /// fading to silence after about 160 ms.
    fn fade(&self) -> f32 {
        let lost_ms = self.losses * self.block / 8;
        match lost_ms {
            0..=40 => 1.0,
            41..=80 => 0.8,
            81..=120 => 0.5,
            121..=160 => 0.25,
            _ => 0.0,
        }
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
        }
        self.losses += 1;
        let gain = self.fade();
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
        let mut out = vec![0.0f32; n];
        let mut noise = vec![0.0f32; n];
        let mut energy = 0.0;
        for i in 0..n {
            let random_lag = 50 + (self.next_random() % 70) as usize;
            noise[i] = if i >= random_lag {
                noise[i - random_lag]
            } else {
                sample_before(&self.previous, prev_len + i, random_lag)
            };
            let pitch = if i >= lag {
                out[i - lag]
            } else {
                sample_before(&self.previous, prev_len + i, lag)
            };
            out[i] = pitch;
            // Within the frame, fade a little more with time.
            let tail = match i {
                0..80 => 1.0,
                80..160 => 0.95,
                _ => 0.9,
            };
            let mixed = gain * tail * (pitch_weight * pitch + (1.0 - pitch_weight) * noise[i]);
            energy += mixed * mixed;
            out[i] = mixed;
        }
        // Keep the unscaled repetition source for the next frame: the concealed excitation.
        if (energy / n as f32).sqrt() < NOISE_ONLY_RMS {
            for (o, v) in out.iter_mut().zip(noise.iter()) {
                *o = gain * v;
            }
        }
        self.previous.clear();
        self.previous.extend_from_slice(&out);
        (out, self.predictor)
    }
}
