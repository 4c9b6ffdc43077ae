//! Regular pulse excitation (GSM 06.10 §4.2.13–4.2.18 and §4.3.1): the weighting filter,
//! choice of one of four decimation grids, and the block-adaptive (APCM) quantisation of the
//! 13 chosen samples with a 6-bit block maximum and 3 bits per sample.

use super::arith::{abs, add, l_add, l_mult, mult, mult_r, shl, shr};
use super::long_term::Subframe;
use super::tables::{FAC, H, NRFAC, RPE_PULSES, SUBFRAME_SAMPLES};

/// The 13 pulses of one sub-frame.
pub type Pulses = [i16; RPE_PULSES];

/// One sub-frame's coded excitation: grid position Mc, block maximum xmaxc and the pulses
/// xMc. The encoder's pulses are kept as computed (the frame packer keeps their 3 bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Excitation {
    pub grid: usize,
    pub xmaxc: i16,
    pub pulses: Pulses,
}

/// Weight the long-term residual `e` with the 11-tap filter H (centred, zero outside the
/// sub-frame), Q13 with rounding.
pub fn weight(e: &Subframe) -> Subframe {
    std::array::from_fn(|k| {
        let sum = H.iter().enumerate().fold(0i32, |sum, (i, &h)| {
            let sample = (k + i)
                .checked_sub(5)
                .and_then(|at| e.get(at))
                .copied()
                .unwrap_or(0);
            sum.wrapping_add(i32::from(sample) * i32::from(h))
        });
        (sum.wrapping_add(4096) >> 13).clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16
    })
}

/// Pick the grid (every third sample starting at 0, 1, 2 or 3) with the most energy and
/// quantise its samples.
pub fn encode(x: &Subframe) -> Excitation {
    let energy = |grid: usize| {
        (0..RPE_PULSES).fold(0i32, |sum, i| {
            let sample = x[grid + 3 * i] >> 2;
            l_add(sum, l_mult(sample, sample))
        })
    };
    let mut grid = 0;
    let mut best = 0;
    for candidate in 0..4 {
        let e = energy(candidate);
        if e > best {
            grid = candidate;
            best = e;
        }
    }
    let xm: Pulses = std::array::from_fn(|i| x[grid + 3 * i]);
    let (xmaxc, pulses) = quantise(&xm);
    Excitation {
        grid,
        xmaxc,
        pulses,
    }
}

/// APCM: code the block maximum logarithmically (3-bit exponent, 3-bit mantissa), then each
/// pulse relative to it.
fn quantise(xm: &Pulses) -> (i16, Pulses) {
    let xmax = xm.iter().map(|&x| abs(x)).max().unwrap_or(0);
    // The exponent is the bit length of xmax >> 9, at most 6.
    let mut exp: i16 = 0;
    let mut rest = xmax >> 9;
    while rest > 0 && exp < 6 {
        exp += 1;
        rest >>= 1;
    }
    let xmaxc = add(xmax >> (exp + 5), exp << 3);

    let (exp, mant) = exponent_and_mantissa(xmaxc);
    let shift = 6 - i32::from(exp);
    let inverse = NRFAC[mant];
    let pulses = xm.map(|x| add(mult(shl(x, shift), inverse) >> 12, 4));
    (xmaxc, pulses)
}

/// Split the coded block maximum into the exponent and the mantissa index (0..=7) of the
/// step size both quantiser and dequantiser use.
fn exponent_and_mantissa(xmaxc: i16) -> (i16, usize) {
    let mut exp = if xmaxc > 15 { (xmaxc >> 3) - 1 } else { 0 };
    let mut mant = xmaxc - (exp << 3);
    if mant == 0 {
        return (-4, 7);
    }
    // Normalise the mantissa into 8..=15, filling with ones as the standard does.
    while mant <= 7 {
        mant = (mant << 1) | 1;
        exp -= 1;
    }
    (exp, usize::try_from(mant - 8).unwrap_or(0).min(7))
}

/// Rebuild the sub-frame's excitation: the dequantised pulses on their grid, zeros between.
/// Any field values are accepted (the decoder's come straight off the wire).
pub fn decode(excitation: &Excitation) -> Subframe {
    let (exp, mant) = exponent_and_mantissa(excitation.xmaxc.clamp(0, 63));
    let factor = FAC[mant];
    let shift = 6 - i32::from(exp);
    let rounding = shl(1, shift - 1);
    let mut ep = [0i16; SUBFRAME_SAMPLES];
    let grid = excitation.grid.min(3);
    for (i, &code) in excitation.pulses.iter().enumerate() {
        // Codes 0..=7 stand for the odd levels -7..=7 in units of half a step.
        let level = shl(code.wrapping_mul(2).wrapping_sub(7), 12);
        let value = shr(add(mult_r(factor, level), rounding), shift);
        if let Some(slot) = ep.get_mut(grid + 3 * i) {
            *slot = value;
        }
    }
    ep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_maximum_codes_are_monotonic_and_six_bits() {
        let mut previous = -1;
        for xmax in (0..=i16::MAX).step_by(3) {
            let mut xm = [0; RPE_PULSES];
            xm[4] = xmax;
            let (xmaxc, _) = quantise(&xm);
            assert!((0..64).contains(&xmaxc) && xmaxc >= previous, "{xmax}");
            previous = xmaxc;
        }
        assert_eq!(previous, 63);
    }

    #[test]
    fn pulses_survive_quantisation_roughly() {
        let x: Subframe =
            std::array::from_fn(|k| if k % 3 == 1 { (k as i16 - 20) * 300 } else { 0 });
        let excitation = encode(&x);
        assert_eq!(excitation.grid, 1);
        assert!(excitation.pulses.iter().all(|&p| (0..8).contains(&p)));
        let rebuilt = decode(&excitation);
        for k in 0..SUBFRAME_SAMPLES {
            let error = (i32::from(rebuilt[k]) - i32::from(x[k])).abs();
            assert!(error <= 1200, "sample {k}: {} vs {}", rebuilt[k], x[k]);
        }
    }
}
