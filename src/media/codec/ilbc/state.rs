//! The start state (RFC 3951 sections 3.5 and 4.2): 57 or 58 residual samples coded without
//! reference to the past, which makes every frame decodable on its own.
//!
//! The residual is passed through the all-pass filter z^-10 A(1/z) / A(z) and folded
//! circularly to the state's length; that signal is scaled by a 6-bit log-domain maximum and
//! quantised sample by sample with 3 bits. The decoder applies the same all-pass to the
//! time-reversed samples and reverses back, which undoes the encoder's filter (the folded
//! all-pass is close to orthogonal) while the quantisation noise comes out shaped like the
//! speech spectrum.

use super::lpc::{Lpc, ORDER};
use super::tables::quant::{STATE_FRGQ, STATE_SQ3};

/// The scaled state's peak is brought to this level before the 3-bit quantiser.
const PEAK_LEVEL: f32 = 4.5;

/// Filter `x` (zero-padded to twice its length) through z^-10 A(1/z) / A(z) and fold the
/// second half onto the first.
fn folded_all_pass(a: &Lpc, x: &[f32]) -> Vec<f32> {
    let n = x.len();
    let mut y = vec![0.0f32; 2 * n];
    for t in 0..2 * n {
        let input = |i: isize| -> f32 {
            if i >= 0 && (i as usize) < n {
                x[i as usize]
            } else {
                0.0
            }
        };
        // Numerator: the predictor's coefficients reversed.
        let mut acc = 0.0;
        for k in 0..=ORDER {
            acc += a[ORDER - k] * input(t as isize - k as isize);
        }
        for k in 1..=ORDER.min(t) {
            acc -= a[k] * y[t - k];
        }
        y[t] = acc;
    }
    (0..n).map(|t| y[t] + y[t + n]).collect()
}

/// Decode the state: its scale index, sample indices (as on the wire) and the predictor of
/// the start region's first subblock. Indices out of range decode to zero.
pub fn decode(scale_index: usize, indices: &[usize], a: &Lpc) -> Vec<f32> {
    let peak = STATE_FRGQ
        .get(scale_index)
        .map_or(0.0, |l| 10f32.powf(*l) / PEAK_LEVEL);
    let reversed: Vec<f32> = indices
        .iter()
        .rev()
        .map(|&i| STATE_SQ3.get(i).map_or(0.0, |q| q * peak))
        .collect();
    let mut out = folded_all_pass(a, &reversed);
    out.reverse();
    out
}

/// The quantiser's input: the all-pass-filtered residual, and the scale index.
fn scaled_target(residual: &[f32], a: &Lpc) -> (Vec<f32>, usize) {
    let mut target = folded_all_pass(a, residual);
    let peak = target.iter().fold(0.0f32, |m, v| m.max(v.abs())).max(10.0);
    let log_peak = peak.log10();
    let scale_index = STATE_FRGQ
        .iter()
        .enumerate()
        .min_by(|x, y| (x.1 - log_peak).abs().total_cmp(&(y.1 - log_peak).abs()))
        .map_or(0, |(i, _)| i);
    let gain = PEAK_LEVEL / 10f32.powf(STATE_FRGQ[scale_index]);
    for v in target.iter_mut() {
        *v *= gain;
    }
    (target, scale_index)
}

fn nearest_level(x: f32) -> usize {
    STATE_SQ3
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
        .map_or(0, |(i, _)| i)
}

/// Encode the state residual. `weights` are the perceptual weighting denominators of the two
/// subblocks the state touches and `switch_at` the sample where the second one takes over.
/// The quantiser shapes its noise: it minimises, sample by sample, the error after the
/// weighting filter 1/A(z/g), feeding back the error already made (analysis by synthesis).
pub fn encode(
    residual: &[f32],
    a: &Lpc,
    weights: [&Lpc; 2],
    switch_at: usize,
) -> (usize, Vec<usize>) {
    let (target, scale_index) = scaled_target(residual, a);
    let n = target.len();
    let mut indices = vec![0usize; n];
    // Weighted target and weighted reconstruction, both through 1/A_w from zero state.
    let mut weighted_target = vec![0.0f32; n];
    let mut weighted_recon = vec![0.0f32; n];
    for t in 0..n {
        let w = if t < switch_at {
            weights[0]
        } else {
            weights[1]
        };
        let mut wt = target[t];
        let mut prediction = 0.0;
        for k in 1..=ORDER.min(t) {
            wt -= w[k] * weighted_target[t - k];
            prediction -= w[k] * weighted_recon[t - k];
        }
        weighted_target[t] = wt;
        let q = nearest_level(wt - prediction);
        indices[t] = q;
        weighted_recon[t] = prediction + STATE_SQ3[q];
    }
    (scale_index, indices)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_undoes_encoding_up_to_quantisation() {
        let a: Lpc = [1.0, -0.9, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let flat: Lpc = [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let residual: Vec<f32> = (0..58).map(|i| 1000.0 * ((i as f32) * 0.7).sin()).collect();
        let (scale, idx) = encode(&residual, &a, [&flat, &flat], 40);
        let decoded = decode(scale, &idx, &a);
        let err: f32 = residual
            .iter()
            .zip(&decoded)
            .map(|(x, y)| (x - y).powi(2))
            .sum();
        let energy: f32 = residual.iter().map(|x| x * x).sum();
        assert!(err < 0.1 * energy, "SNR too low: {err} vs {energy}");
    }
}
