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

/// Index of the table entry nearest to `gain`, and its decoded value. The tables ascend,
/// so the nearest entry is one of the two around the insertion point.
pub fn quantize(stage: usize, gain: f32, previous_gain: Option<f32>) -> (usize, f32) {
    let s = scale(previous_gain);
    let t = table(stage);
    let above = t.partition_point(|g| g * s < gain).min(t.len() - 1);
    let below = above.saturating_sub(1);
    let index = if (gain - t[below] * s).abs() <= (t[above] * s - gain).abs() {
        below
    } else {
        above
    };
    (index, t[index] * s)
}

/// Decoded gains of all three stages.
pub fn dequantize_all(indices: &[usize; 3]) -> [f32; 3] {
    let g0 = dequantize(0, indices[0], None);
    let g1 = dequantize(1, indices[1], Some(g0));
    let g2 = dequantize(2, indices[2], Some(g1));
    [g0, g1, g2]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantize_picks_the_nearest_entry() {
        for stage in 0..3 {
            for k in -300..300 {
                let g = k as f32 / 200.0;
                let (i, q) = quantize(stage, g, Some(0.8));
                let best = table(stage)
                    .iter()
                    .map(|t| (t * 0.8 - g).abs())
                    .fold(f32::INFINITY, f32::min);
                assert!(
                    ((q - g).abs() - best).abs() < 1e-6,
                    "stage {stage} gain {g}: {i}"
                );
            }
        }
    }
}
