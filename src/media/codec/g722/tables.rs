//! The constant tables of ITU-T G.722 (SB-ADPCM, 64 kbit/s mode). These are the
//! recommendation's facts; inverse-quantiser outputs are given in the recommendation's own
//! scale (×8 of the normalised level), so `level * scale >> 15` yields the difference signal.

/// Lower sub-band decision levels of the 6-bit quantiser (recommendation units; multiply by
/// the scale factor and shift right by 12 to compare with the prediction error).
pub const LOW_DECISION_LEVELS: [i32; 29] = [
    35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714, 786, 858, 940, 1023,
    1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919,
];

/// 6-bit codeword for the interval index (0 = nearest zero) of a positive error.
pub const fn low_code_positive(interval: usize) -> u8 {
    // 61 down to 32.
    61 - interval as u8
}

/// 6-bit codeword for the interval index of a negative error: 63, 62, then 31 down to 4.
pub const fn low_code_negative(interval: usize) -> u8 {
    if interval < 2 {
        63 - interval as u8
    } else {
        33 - interval as u8
    }
}

/// 6-bit inverse quantiser (mode 1 reconstruction), indexed by the codeword. Codes 0..=3 do
/// not occur in a conforming stream; they decode as the smallest negative level.
pub const LOW_INV_QUANT6: [i32; 64] = [
    -136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280, -11192, -10232,
    -9360, -8576, -7856, -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776,
    -2400, -2032, -1688, -1360, -1040, -728, 24808, 21904, 19008, 16704, 14984, 13512, 12280,
    11192, 10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456, 4944, 4464, 4008, 3576, 3168, 2776,
    2400, 2032, 1688, 1360, 1040, 728, 432, 136, -432, -136,
];

/// 4-bit inverse quantiser (the six-bit code without its two least significant bits): what
/// the lower-band predictor adapts on, so that embedded 48/56 kbit/s modes stay in step.
pub const LOW_INV_QUANT4: [i32; 16] = [
    0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584,
    1200, 0,
];

/// Lower-band log scale-factor multiplier, indexed by the 4-bit code.
pub const LOW_LOG_STEP: [i32; 16] = [
    -60, 3042, 1198, 538, 334, 172, 58, -30, 3042, 1198, 538, 334, 172, 58, -30, -60,
];

/// Higher sub-band decision level (one threshold: inner or outer interval).
pub const HIGH_DECISION_LEVEL: i32 = 564;

/// 2-bit inverse quantiser, indexed by the codeword.
pub const HIGH_INV_QUANT: [i32; 4] = [-7408, -1616, 7408, 1616];

/// Higher-band log scale-factor multiplier, indexed by the codeword.
pub const HIGH_LOG_STEP: [i32; 4] = [798, -214, 798, -214];

/// 2^(i/32) in Q11: the mantissa of the log-to-linear scale-factor conversion.
pub const INV_LOG2: [i32; 32] = [
    2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
    2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
];

/// Quadrature mirror filter coefficients h0..h11 in Q13 (h23..h12 mirror them).
pub const QMF_COEFFS: [i32; 12] = [3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inv_log2_is_two_to_the_i_over_32() {
        for (i, &v) in INV_LOG2.iter().enumerate() {
            let exact = 2048.0 * 2f64.powf(i as f64 / 32.0);
            assert!(
                (f64::from(v) - exact).abs() <= 0.5 + 1e-9,
                "{i}: {v} vs {exact}"
            );
        }
    }

    #[test]
    fn qmf_has_unit_dc_gain() {
        let sum: i32 = QMF_COEFFS.iter().sum::<i32>() * 2;
        assert_eq!(sum, 8192);
    }

    #[test]
    fn every_six_bit_code_is_reached_once_except_the_unused_ones() {
        let mut seen = [0; 64];
        for i in 0..30 {
            seen[usize::from(low_code_positive(i))] += 1;
            seen[usize::from(low_code_negative(i))] += 1;
        }
        assert_eq!(&seen[..4], &[0, 0, 0, 0]);
        assert!(seen[4..].iter().all(|&n| n == 1));
    }

    #[test]
    fn reconstruction_levels_fall_inside_their_decision_intervals() {
        for i in 1..29 {
            let level = LOW_INV_QUANT6[usize::from(low_code_positive(i))] / 8;
            assert!(level >= LOW_DECISION_LEVELS[i - 1] && level < LOW_DECISION_LEVELS[i]);
            let neg = LOW_INV_QUANT6[usize::from(low_code_negative(i))] / 8;
            assert_eq!(neg, -level);
        }
    }
}
