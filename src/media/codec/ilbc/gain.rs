//! Gains of the three codebook stages (RFC 3951 section 3.6.4.2). The first stage's gain is
//! absolute (5 bits, positive); each later stage's table is scaled by the magnitude of the
//! stage before it (4 then 3 bits), so later stages refine rather than restart.

use super::tables::quant::{GAIN_SQ3, GAIN_SQ4, GAIN_SQ5};

/// The quantisation table of one stage.
pub fn table(stage: usize) -> &'static [f32] {
    match stage {
        0 => &GAIN_SQ5,
        1 => &GAIN_SQ4,
        _ => &GAIN_SQ3,
    }
}

/// The scale a stage's table is multiplied by, from the previous stage's decoded gain.
pub fn scale(previous_gain: Option<f32>) -> f32 {
    previous_gain.map_or(1.0, |g| g.abs().max(0.1))
}

/// Decoded gain of `index` at `stage` after a stage that decoded to `previous_gain`.
/// Out-of-range indices decode to zero.
pub fn dequantize(stage: usize, index: usize, previous_gain: Option<f32>) -> f32 {
    table(stage)
        .get(index)
        .map_or(0.0, |g| g * scale(previous_gain))
}

/// Index of the table entry nearest to `gain`, and its decoded value.
pub fn quantize(stage: usize, gain: f32, previous_gain: Option<f32>) -> (usize, f32) {
    let s = scale(previous_gain);
    let mut best = (0, f32::INFINITY, 0.0);
    for (i, g) in table(stage).iter().enumerate() {
        let q = g * s;
        let d = (gain - q).abs();
        if d < best.1 {
            best = (i, d, q);
        }
    }
    (best.0, best.2)
}

/// Decoded gains of all three stages.
pub fn dequantize_all(indices: &[usize; 3]) -> [f32; 3] {
    let g0 = dequantize(0, indices[0], None);
    let g1 = dequantize(1, indices[1], Some(g0));
    let g2 = dequantize(2, indices[2], Some(g1));
    [g0, g1, g2]
}
