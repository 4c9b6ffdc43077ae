//! Linear-prediction analysis (GSM 06.10 §4.2.4–4.2.7): autocorrelation, the Schur
//! recursion to reflection coefficients, their conversion to log-area ratios (LAR) and the
//! LARs' quantisation to LARc.

use super::arith::{abs, add, div, mult, mult_r, norm, sub};
use super::tables::{A, B, FRAME_SAMPLES, MAC, MIC};

/// Analyse one pre-processed frame and return the coded log-area ratios LARc[1..8] (each
/// already offset to be non-negative, as they go on the wire).
///
/// `s` is rescaled in place exactly as the standard does, so that the short-term analysis
/// filter afterwards sees the same (slightly rounded) signal as every other implementation.
pub fn analyse(s: &mut [i16; FRAME_SAMPLES]) -> [u8; 8] {
    let acf = autocorrelation(s);
    let r = reflection_coefficients(&acf);
    quantise(&reflection_to_lar(&r))
}

/// The autocorrelation L_ACF[0..8] of a frame scaled down so the sums cannot overflow.
fn autocorrelation(s: &mut [i16; FRAME_SAMPLES]) -> [i32; 9] {
    let smax = s.iter().map(|&x| abs(x)).max().unwrap_or(0);
    let scalauto = if smax == 0 {
        0
    } else {
        4 - norm(i32::from(smax) << 16) as i32
    };
    if scalauto > 0 {
        let factor = 16384i16 >> (scalauto - 1);
        for x in s.iter_mut() {
            *x = mult_r(*x, factor);
        }
    }
    // After scaling |s| <= 2^11, so 160 doubled products stay below 2^31: the standard's
    // saturating sum of L_mult never saturates, and a plain sum gives the same bits.
    let mut acf = [0i32; 9];
    for (lag, acf) in acf.iter_mut().enumerate() {
        let products: i32 = s[lag..]
            .iter()
            .zip(s.iter())
            .map(|(&a, &b)| i32::from(a) * i32::from(b))
            .fold(0i32, i32::wrapping_add);
        *acf = products.wrapping_shl(1);
    }
    if scalauto > 0 {
        // Undo the scaling; the low bits lost to rounding stay lost, as in the standard.
        for x in s.iter_mut() {
            *x = (i32::from(*x) << scalauto) as i16;
        }
    }
    acf
}

/// Reflection coefficients r[1..8] by the Schur recursion on the normalised ACF.
fn reflection_coefficients(l_acf: &[i32; 9]) -> [i16; 8] {
    let mut r = [0i16; 8];
    if l_acf[0] == 0 {
        return r;
    }
    let shift = norm(l_acf[0]);
    let acf: [i16; 9] = l_acf.map(|x| (x.wrapping_shl(shift) >> 16) as i16);

    let mut p = acf;
    // k[9 - i] = acf[i] for i = 1..7, so k[m] for m = 2..8.
    let mut k = [0i16; 9];
    for i in 1..=7 {
        k[9 - i] = acf[i];
    }
    for n in 1..=8 {
        let magnitude = abs(p[1]);
        if p[0] < magnitude {
            // The recursion became unstable: the remaining coefficients stay zero.
            return r;
        }
        let mut rn = div(magnitude, p[0]);
        if p[1] > 0 {
            rn = sub(0, rn);
        }
        r[n - 1] = rn;
        if n == 8 {
            break;
        }
        p[0] = add(p[0], mult_r(p[1], rn));
        for m in 1..=8 - n {
            let next = p[m + 1];
            p[m] = add(next, mult_r(k[9 - m], rn));
            k[9 - m] = add(k[9 - m], mult_r(next, rn));
        }
    }
    r
}

/// Log-area ratios by the standard's piecewise-linear approximation of
/// log((1 + r) / (1 - r)).
fn reflection_to_lar(r: &[i16; 8]) -> [i16; 8] {
    r.map(|ri| {
        let magnitude = abs(ri);
        let lar = if magnitude < 22118 {
            magnitude >> 1
        } else if magnitude < 31130 {
            sub(magnitude, 11059)
        } else {
            (i32::from(sub(magnitude, 26112)) << 2) as i16
        };
        if ri < 0 {
            sub(0, lar)
        } else {
            lar
        }
    })
}

/// Quantise LAR[i] as round(A[i] · LAR[i] + B[i]) clipped to [MIC[i], MAC[i]], returned
/// offset by -MIC[i] so every code is non-negative.
fn quantise(lar: &[i16; 8]) -> [u8; 8] {
    let mut larc = [0u8; 8];
    for i in 0..8 {
        let value = add(add(mult(A[i], lar[i]), B[i]), 256) >> 9;
        let clipped = value.clamp(MIC[i], MAC[i]);
        larc[i] = (clipped - MIC[i]) as u8;
    }
    larc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silence_gives_the_middle_codes() {
        let mut s = [0i16; FRAME_SAMPLES];
        // With zero reflection coefficients each LARc is round(B / 512) - MIC.
        assert_eq!(analyse(&mut s), [32, 32, 20, 11, 8, 5, 3, 2]);
    }

    #[test]
    fn a_strongly_correlated_signal_has_a_large_first_reflection_coefficient() {
        let mut acf = [0i32; 9];
        for (lag, value) in acf.iter_mut().enumerate() {
            *value = 1_000_000 - 1000 * lag as i32;
        }
        let r = reflection_coefficients(&acf);
        // Positive correlation gives r[1] near -1 in the standard's sign convention.
        assert!(r[0] < -32000, "{r:?}");
    }
}
