//! Time-stretching by whole pitch periods, so that the delay can follow its target while the
//! listener hears nothing but slightly shorter or longer speech.
//!
//! Voiced speech repeats itself every pitch period (2.5–16 ms). Removing one period
//! (accelerate) or repeating one (pre-emptive expand) keeps the waveform's shape, and the splice
//! is hidden by cross-fading two segments that look alike, found by normalised
//! autocorrelation (the idea of WSOLA). Where the signal neither repeats nor is quiet, a splice
//! would be heard, so nothing is done there and the caller tries again 10 ms later.
//!
//! Every edit works on the samples not yet played, in place, and leaves the first sample and
//! the sample after the edited stretch where they were: the output stays continuous.

use std::ops::RangeInclusive;

/// Shortest pitch period searched (400 Hz).
const MIN_PERIOD_MS: f64 = 2.5;
/// Longest (62.5 Hz).
pub const MAX_PERIOD_MS: f64 = 16.0;
/// Correlation above which a stretch is inaudible on voiced speech.
pub const STRONG_CORRELATION: f32 = 0.9;
/// Below this RMS (about −40 dBFS) the signal is quiet enough to stretch anywhere.
const QUIET_RMS: f64 = 330.0;
/// The period search runs on about this rate and is refined at full rate.
const SEARCH_RATE: u32 = 8000;

/// A place where a stretch is allowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Period {
    /// In samples.
    pub lag: usize,
    /// Normalised correlation of the two periods (1 for a perfect repeat).
    pub correlation: f32,
    /// The two periods are quiet: any lag is inaudible.
    pub quiet: bool,
}

/// The period lags to search at `rate`, in samples.
pub fn period_range(rate: u32) -> (usize, usize) {
    let at = |ms: f64| (f64::from(rate) * ms / 1000.0).round() as usize;
    (at(MIN_PERIOD_MS).max(1), at(MAX_PERIOD_MS).max(2))
}

/// Where `samples` (the audio about to play) may be stretched by one period with a lag in
/// `lags` (samples, narrowed to 2.5–16 ms), requiring at least `min_correlation`. None when
/// the signal does not allow it or there are too few samples (two periods are needed).
pub fn find_period(
    samples: &[i16],
    rate: u32,
    lags: RangeInclusive<usize>,
    min_correlation: f32,
) -> Option<Period> {
    let (shortest, longest) = period_range(rate);
    let min_lag = (*lags.start()).max(shortest);
    let max_lag = (*lags.end()).min(longest).min(samples.len() / 2);
    if max_lag < min_lag {
        return None;
    }
    let factor = (rate / SEARCH_RATE).max(1) as usize;
    let coarse = decimate(&samples[..2 * max_lag], factor);
    let coarse_lo = min_lag.div_ceil(factor);
    let coarse_hi = max_lag / factor;
    let around = match best_lag(&coarse, coarse_lo, coarse_hi) {
        Some((lag, _)) => lag * factor,
        None => min_lag,
    };
    // Refine around the coarse lag at full rate.
    let lo = around.saturating_sub(factor).max(min_lag);
    let hi = (around + factor).min(max_lag);
    let (lag, correlation) = best_lag(samples, lo, hi)?;
    let quiet = rms(&samples[..2 * lag]) < QUIET_RMS;
    (quiet || correlation >= min_correlation).then_some(Period {
        lag,
        correlation,
        quiet,
    })
}

/// The lag in `lo..=hi` whose two consecutive periods correlate best.
fn best_lag(samples: &[i16], lo: usize, hi: usize) -> Option<(usize, f32)> {
    let mut best: Option<(usize, f32)> = None;
    for lag in lo.max(1)..=hi {
        if 2 * lag > samples.len() {
            break;
        }
        let c = correlation(&samples[..lag], &samples[lag..2 * lag]);
        if best.is_none_or(|(_, b)| c > b) {
            best = Some((lag, c));
        }
    }
    best
}

fn correlation(a: &[i16], b: &[i16]) -> f32 {
    let (mut ab, mut aa, mut bb) = (0.0f64, 0.0f64, 0.0f64);
    for (&x, &y) in a.iter().zip(b) {
        let (x, y) = (f64::from(x), f64::from(y));
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa <= 0.0 || bb <= 0.0 {
        return 0.0;
    }
    (ab / (aa * bb).sqrt()) as f32
}

fn decimate(samples: &[i16], factor: usize) -> Vec<i16> {
    if factor <= 1 {
        return samples.to_vec();
    }
    // Averaging is a crude low-pass, enough to find a pitch period.
    samples
        .chunks(factor)
        .map(|c| (c.iter().map(|&s| i32::from(s)).sum::<i32>() / c.len() as i32) as i16)
        .collect()
}

fn rms(samples: &[i16]) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let energy: f64 = samples.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
    (energy / samples.len() as f64).sqrt()
}

/// Weight of the incoming segment at position `i` of an `n`-sample cross-fade.
fn fade_in(i: usize, n: usize) -> f32 {
    (i as f32 + 0.5) / n as f32
}

fn mix(out_going: i16, in_coming: i16, w: f32) -> i16 {
    let v = f32::from(out_going) * (1.0 - w) + f32::from(in_coming) * w;
    v.round().clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16
}

/// Remove one period of `lag` samples from the front of `samples` (needs `2 * lag`): the
/// first period fades into the second, which then plays on.
pub fn accelerate(samples: &mut Vec<i16>, lag: usize) -> bool {
    if lag == 0 || samples.len() < 2 * lag {
        return false;
    }
    for i in 0..lag {
        samples[i] = mix(samples[i], samples[lag + i], fade_in(i, lag));
    }
    samples.drain(lag..2 * lag);
    true
}

/// Insert one period of `lag` samples after the first (needs `2 * lag`): the second period
/// fades into a repeat of the first, which then leads into the second again.
pub fn preemptive_expand(samples: &mut Vec<i16>, lag: usize) -> bool {
    if lag == 0 || samples.len() < 2 * lag {
        return false;
    }
    let repeat: Vec<i16> = (0..lag)
        .map(|i| mix(samples[lag + i], samples[i], fade_in(i, lag)))
        .collect();
    samples.splice(lag..lag, repeat);
    true
}

/// Join `incoming` (real audio after a concealment) onto `samples`, whose last `tail` samples
/// are concealment not yet played. The first `keep` of those stand for missing audio and stay;
/// the real audio cross-fades in over `overlap` samples at the earliest point after them where
/// the two line up best (searched over one pitch period). Returns how many samples of
/// concealment were dropped.
pub fn merge(
    samples: &mut Vec<i16>,
    tail: usize,
    keep: usize,
    incoming: &[i16],
    overlap: usize,
    rate: u32,
) -> usize {
    let tail = tail.min(samples.len());
    let overlap = overlap.min(tail).min(incoming.len());
    if overlap == 0 {
        samples.extend_from_slice(incoming);
        return 0;
    }
    let (_, longest) = period_range(rate);
    let end = samples.len();
    let last_start = end - overlap;
    let earliest = (end - tail + keep).min(last_start);
    let latest = (earliest + longest).min(last_start);
    let mut best_start = earliest;
    let mut best = f32::MIN;
    for start in earliest..=latest {
        let c = correlation(&samples[start..start + overlap], &incoming[..overlap]);
        if c > best + 1e-3 {
            best = c;
            best_start = start;
        }
    }
    samples.truncate(best_start + overlap);
    for (i, (old, &new)) in samples[best_start..]
        .iter_mut()
        .zip(&incoming[..overlap])
        .enumerate()
    {
        *old = mix(*old, new, fade_in(i, overlap));
    }
    samples.extend_from_slice(&incoming[overlap..]);
    end - best_start
}

#[cfg(test)]
#[path = "time_stretch_tests.rs"]
mod tests;
