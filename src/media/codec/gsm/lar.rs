//! From coded log-area ratios back to reflection coefficients (GSM 06.10 §4.2.8–4.2.9),
//! shared by the encoder (which filters with what the decoder will see) and the decoder.

use super::arith::{abs, add, mult_r, sub};
use super::tables::{B, INVA, MIC};

/// The four stretches of a frame over which the coefficients are interpolated between the
/// previous frame's LARs and this frame's, as (first sample, end) pairs.
pub const SEGMENTS: [(usize, usize); 4] = [(0, 13), (13, 27), (27, 40), (40, 160)];

/// Decode LARc (offset by -MIC, as on the wire) to the quantised LAR''.
pub fn decode(larc: &[u8; 8]) -> [i16; 8] {
    let mut larpp = [0i16; 8];
    for i in 0..8 {
        // Codes come from at most 6-bit fields, so the sum is within -32..=31.
        let centred = add(i16::from(larc[i]), MIC[i]);
        let scaled = sub((i32::from(centred) << 10) as i16, B[i] << 1);
        let value = mult_r(INVA[i], scaled);
        larpp[i] = add(value, value);
    }
    larpp
}

/// The reflection coefficients for one of the four [`SEGMENTS`], interpolating the LARs
/// from `previous` (last frame) towards `current`.
pub fn segment_coefficients(previous: &[i16; 8], current: &[i16; 8], segment: usize) -> [i16; 8] {
    let mut larp = [0i16; 8];
    for i in 0..8 {
        let (old, new) = (previous[i], current[i]);
        larp[i] = match segment {
            // 3/4 old + 1/4 new
            0 => add(add(old >> 2, new >> 2), old >> 1),
            // 1/2 old + 1/2 new
            1 => add(old >> 1, new >> 1),
            // 1/4 old + 3/4 new
            2 => add(add(old >> 2, new >> 2), new >> 1),
            _ => new,
        };
    }
    larp.map(lar_to_reflection)
}

/// Inverse of the encoder's piecewise-linear LAR approximation.
fn lar_to_reflection(lar: i16) -> i16 {
    let magnitude = abs(lar);
    let r = if magnitude < 11059 {
        magnitude << 1
    } else if magnitude < 20070 {
        add(magnitude, 11059)
    } else {
        add(magnitude >> 2, 26112)
    };
    if lar < 0 {
        sub(0, r)
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_tile_the_frame() {
        assert_eq!(SEGMENTS[0].0, 0);
        assert!(SEGMENTS.windows(2).all(|w| w[0].1 == w[1].0));
        assert_eq!(SEGMENTS[3].1, 160);
    }

    #[test]
    fn interpolation_moves_from_old_to_new() {
        let old = [4000; 8];
        let new = [0; 8];
        let first = segment_coefficients(&old, &new, 0)[0];
        let middle = segment_coefficients(&old, &new, 1)[0];
        let last = segment_coefficients(&old, &new, 2)[0];
        assert!(first > middle && middle > last && last > 0);
        assert_eq!(segment_coefficients(&old, &new, 3), [0; 8]);
    }

    #[test]
    fn every_code_decodes_to_a_stable_filter() {
        // |r| < 1 keeps the lattice synthesis filter stable for any received code.
        for code in 0..64u8 {
            let larpp = decode(&[code; 8]);
            let r = segment_coefficients(&larpp, &larpp, 3);
            assert!(r.iter().all(|&x| x > i16::MIN), "code {code}: {r:?}");
        }
    }
}
