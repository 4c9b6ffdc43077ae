//! The decoder's pitch enhancer (RFC 3951 section 4.6).
//!
//! Low-rate coding leaves the pitch cycles of voiced speech less alike than they were. The
//! enhancer works on the decoded excitation in 80-sample blocks: for each block it finds
//! the matching segments one, two and three pitch periods before and after (to a quarter of
//! a sample), averages them with Hann weights into a "smoothed" block, and moves the block
//! towards that average, but never further than a fixed share of its energy (so that
//! unvoiced speech and onsets are left alone). Looking ahead costs delay: 40 samples in the
//! 20 ms mode, 80 in the 30 ms mode.

use super::lpc::dot;
use super::mode::IlbcMode;
use super::tables::filters::{DOWNSAMPLE_LP, ENH_POLYPHASE};

/// Enhancement block length.
const BLOCK: usize = 80;
/// Blocks of history kept: enough for three periods of the lowest pitch either side.
const BLOCKS: usize = 8;
const HISTORY: usize = BLOCKS * BLOCK;
/// Segments taken on each side of the block.
const SIDE_SEGMENTS: usize = 3;
/// How far (samples) the true segment may sit from where the pitch estimate puts it.
const SLOP: f32 = 2.0;
/// Quarter-sample resolution of the segment search.
const UPSAMPLING: usize = 4;
/// The enhanced block stays within this share of the block's energy from the original.
const MAX_CHANGE: f32 = 0.05;
/// Pitch search range in the 2:1 decimated signal (period 20 to 118 samples).
const MIN_LAG_DECIMATED: usize = 10;
const MAX_LAG_DECIMATED: usize = 59;

pub struct Enhancer {
    delay: usize,
    history: Vec<f32>,
    /// Pitch period (samples) of each block of the history.
    periods: [f32; BLOCKS],
}

impl Enhancer {
    pub fn new(mode: IlbcMode) -> Self {
        Self {
            delay: match mode {
                IlbcMode::Ms20 => BLOCK / 2,
                IlbcMode::Ms30 => BLOCK,
            },
            history: vec![0.0; HISTORY],
            periods: [2.0 * MIN_LAG_DECIMATED as f32; BLOCKS],
        }
    }

    /// Samples of delay the enhancer adds.
    pub fn delay(&self) -> usize {
        self.delay
    }

    /// Take one frame of decoded excitation; return one frame of enhanced excitation,
    /// `delay()` samples late.
    pub fn process(&mut self, residual: &[f32]) -> Vec<f32> {
        let n = residual.len().min(HISTORY);
        self.history.copy_within(n.., 0);
        self.history[HISTORY - n..].copy_from_slice(&residual[residual.len() - n..]);
        let new_blocks = n.div_ceil(BLOCK).min(BLOCKS);
        self.periods.copy_within(new_blocks.., 0);
        let decimated = decimate(&self.history);
        for b in BLOCKS - new_blocks..BLOCKS {
            self.periods[b] = estimate_period(&decimated, b);
        }

        let begin = HISTORY - self.delay - n;
        let mut out = Vec::with_capacity(n);
        let mut start = begin;
        while start < HISTORY - self.delay {
            out.extend_from_slice(&self.enhance_block(start));
            start += BLOCK;
        }
        out.truncate(n);
        out
    }

    /// Period estimate of the history block whose centre is nearest to `position`.
    fn period_near(&self, position: f32) -> f32 {
        let block = ((position - BLOCK as f32 / 2.0) / BLOCK as f32).round();
        self.periods[block.clamp(0.0, (BLOCKS - 1) as f32) as usize]
    }

    fn enhance_block(&self, start: usize) -> [f32; BLOCK] {
        let mut current = [0.0f32; BLOCK];
        current.copy_from_slice(&self.history[start..start + BLOCK]);
        let weights = hann_weights();
        let mut smooth = [0.0f32; BLOCK];
        let half = BLOCK as f32 / 2.0;

        // Walk back, then forward, one pitch period at a time, each step refined around
        // the estimate.
        for direction in [-1.0f32, 1.0] {
            let mut position = start as f32;
            for k in 1..=SIDE_SEGMENTS {
                let period = self.period_near(position + half);
                let estimate = position + direction * period;
                let Some((found, segment)) = self.best_segment(estimate, &current) else {
                    break;
                };
                position = found;
                let w = weights[SIDE_SEGMENTS - k];
                for (s, v) in smooth.iter_mut().zip(segment.iter()) {
                    *s += w * v;
                }
            }
        }
        constrain(&current, &smooth)
    }

    /// The segment near `estimate` (a start position) that best matches `target`, at quarter-
    /// sample resolution; None when the search would leave the history. The correlation is
    /// computed at whole-sample positions and upsampled by the polyphase filters, so only
    /// the chosen segment is interpolated.
    fn best_segment(&self, estimate: f32, target: &[f32; BLOCK]) -> Option<(f32, [f32; BLOCK])> {
        let taps = ENH_POLYPHASE[0].len();
        let centre = taps / 2;
        let low = (estimate - SLOP).round();
        let high = (estimate + SLOP).round();
        // Whole-sample correlations, with `centre` extra on each side for the interpolation.
        let first = low - centre as f32;
        let last = high + centre as f32;
        if first < 1.0 || last + (BLOCK + centre + 1) as f32 >= HISTORY as f32 {
            return None;
        }
        let (first, low, high) = (first as usize, low as usize, high as usize);
        let corr: Vec<f32> = (first..=last as usize)
            .map(|p| dot(&self.history[p..p + BLOCK], target))
            .collect();
        let mut best = (low as f32, f32::NEG_INFINITY);
        for whole in low..=high {
            let k = whole - first;
            for (fraction, filter) in ENH_POLYPHASE.iter().enumerate() {
                if whole == high && fraction > 0 {
                    break;
                }
                let score = if fraction == 0 {
                    corr[k]
                } else {
                    let window = &corr[k - centre..=k + centre];
                    filter.iter().rev().zip(window).map(|(h, c)| h * c).sum()
                };
                if score > best.1 {
                    best = (whole as f32 + fraction as f32 / UPSAMPLING as f32, score);
                }
            }
        }
        Some((best.0, self.fractional_segment(best.0)))
    }

    /// BLOCK samples starting at a fractional position (at least a few samples inside the
    /// history), interpolated by the polyphase filter of its quarter-sample fraction.
    fn fractional_segment(&self, position: f32) -> [f32; BLOCK] {
        let quarters = (position * UPSAMPLING as f32).round() as usize;
        let whole = quarters / UPSAMPLING;
        let taps = &ENH_POLYPHASE[quarters % UPSAMPLING];
        let centre = taps.len() / 2;
        let mut out = [0.0f32; BLOCK];
        // Tap `centre` weighs the sample at the position, lower taps the later samples.
        let Some(window) = self
            .history
            .get(whole.saturating_sub(centre)..whole + BLOCK + centre)
        else {
            return out;
        };
        if whole < centre {
            return out;
        }
        for (i, o) in out.iter_mut().enumerate() {
            let around = &window[i..i + taps.len()];
            *o = taps.iter().rev().zip(around).map(|(h, x)| h * x).sum();
        }
        out
    }
}

/// Hann weights of the segments at distance 1..=3 (index 0 is the nearest).
fn hann_weights() -> [f32; SIDE_SEGMENTS] {
    let span = (2 * SIDE_SEGMENTS + 2) as f32;
    let mut w = [0.0; SIDE_SEGMENTS];
    for (k, v) in w.iter_mut().enumerate() {
        // Position of the segment in a window of 2*3+1 segments centred on the block.
        let i = (SIDE_SEGMENTS - k) as f32;
        *v = 0.5 * (1.0 - (2.0 * std::f32::consts::PI * i / span).cos());
    }
    w
}

/// Move `x` towards the smoothed block `y`: scaled to x's energy if that stays within the
/// allowed change, otherwise the mix A*y + B*x that changes x by exactly the allowed share
/// of its energy while following y as closely as possible (RFC 3951 section 4.6.4).
fn constrain(x: &[f32; BLOCK], y: &[f32; BLOCK]) -> [f32; BLOCK] {
    let xx: f32 = x.iter().map(|v| v * v).sum();
    let yy: f32 = y.iter().map(|v| v * v).sum::<f32>().max(1.0);
    let xy: f32 = x.iter().zip(y).map(|(a, b)| a * b).sum();
    let scale = (xx / yy).sqrt();
    let mut out = [0.0f32; BLOCK];
    let mut change = 0.0;
    for i in 0..BLOCK {
        out[i] = scale * y[i];
        change += (x[i] - out[i]) * (x[i] - out[i]);
    }
    if change <= MAX_CHANGE * xx {
        return out;
    }
    let xx = xx.max(1.0);
    let spread = (yy * xx - xy * xy) / (xx * xx);
    let (a, b) = if spread > 1e-4 {
        let a = ((MAX_CHANGE - MAX_CHANGE * MAX_CHANGE / 4.0) / spread).sqrt();
        (a, 1.0 - MAX_CHANGE / 2.0 - a * xy / xx)
    } else {
        // The cycles are already alike: nothing to smooth.
        (0.0, 1.0)
    };
    for i in 0..BLOCK {
        out[i] = a * y[i] + b * x[i];
    }
    out
}

/// Low-pass and keep every other sample, for a cheaper pitch search.
fn decimate(x: &[f32]) -> Vec<f32> {
    let centre = (DOWNSAMPLE_LP.len() / 2) as isize;
    (0..x.len() / 2)
        .map(|m| {
            DOWNSAMPLE_LP
                .iter()
                .enumerate()
                .filter_map(|(j, h)| {
                    usize::try_from(2 * m as isize + j as isize - centre)
                        .ok()
                        .and_then(|i| x.get(i))
                        .map(|v| h * v)
                })
                .sum()
        })
        .collect()
}

/// Pitch period (in samples at 8 kHz) of history block `block`: the lag that best predicts
/// the block from its past in the decimated signal.
fn estimate_period(decimated: &[f32], block: usize) -> f32 {
    let len = BLOCK / 2;
    let begin = block * len;
    let Some(now) = decimated.get(begin..begin + len) else {
        return (2 * MIN_LAG_DECIMATED) as f32;
    };
    let mut best = (MIN_LAG_DECIMATED, f32::NEG_INFINITY);
    for lag in MIN_LAG_DECIMATED..=MAX_LAG_DECIMATED.min(begin) {
        let past = &decimated[begin - lag..begin - lag + len];
        let cross: f32 = now.iter().zip(past).map(|(a, b)| a * b).sum();
        let energy: f32 = past.iter().map(|v| v * v).sum();
        let score = if cross > 0.0 && energy > 0.0 {
            cross * cross / energy
        } else {
            0.0
        };
        if score > best.1 {
            best = (lag, score);
        }
    }
    (2 * best.0) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_periodic_excitation_keeps_its_period_and_level() {
        let mut enh = Enhancer::new(IlbcMode::Ms30);
        let pulse = |n: usize| if n.is_multiple_of(56) { 1000.0 } else { 0.0 };
        let mut out = Vec::new();
        for frame in 0..10 {
            let input: Vec<f32> = (0..240).map(|i| pulse(frame * 240 + i)).collect();
            out.extend(enh.process(&input));
        }
        let tail = &out[1200..];
        let energy: f32 = tail.iter().map(|v| v * v).sum();
        let expected = (tail.len() as f32 / 56.0) * 1000.0 * 1000.0;
        assert!(
            (energy / expected - 1.0).abs() < 0.2,
            "{energy} vs {expected}"
        );
        assert_eq!(enh.periods[BLOCKS - 1], 56.0);
    }
}
