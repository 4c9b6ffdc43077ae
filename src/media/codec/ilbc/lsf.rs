//! LSF quantisation (split VQ), the decoder's stability check, and interpolation of LSFs
//! into one predictor per subblock (RFC 3951 sections 3.2.4 to 3.2.7, 4.1).

use super::lpc::{bandwidth_expand, lsf_to_lpc, Lpc, ORDER};
use super::mode::{IlbcMode, MAX_SUBBLOCKS};
use super::tables::lsf::{LSF_CB_SPLIT1, LSF_CB_SPLIT2, LSF_CB_SPLIT3};

pub type Lsf = [f32; ORDER];

/// Nearest codebook entry (squared error) for one split.
fn nearest<const D: usize>(target: &[f32], book: &[[f32; D]]) -> usize {
    let mut best = (0, f32::INFINITY);
    for (i, entry) in book.iter().enumerate() {
        let d: f32 = entry
            .iter()
            .zip(target)
            .map(|(c, t)| (c - t) * (c - t))
            .sum();
        if d < best.1 {
            best = (i, d);
        }
    }
    best.0
}

/// Quantise one LSF vector to its three split indices.
pub fn quantize(lsf: &Lsf) -> [usize; 3] {
    [
        nearest(&lsf[0..3], &LSF_CB_SPLIT1),
        nearest(&lsf[3..6], &LSF_CB_SPLIT2),
        nearest(&lsf[6..10], &LSF_CB_SPLIT3),
    ]
}

/// The LSF vector of three split indices; indices out of range (never from our bit widths)
/// wrap so that garbage never reads out of bounds.
pub fn dequantize(idx: &[usize; 3]) -> Lsf {
    let mut lsf = [0.0; ORDER];
    lsf[0..3].copy_from_slice(&LSF_CB_SPLIT1[idx[0] % LSF_CB_SPLIT1.len()]);
    lsf[3..6].copy_from_slice(&LSF_CB_SPLIT2[idx[1] % LSF_CB_SPLIT2.len()]);
    lsf[6..10].copy_from_slice(&LSF_CB_SPLIT3[idx[2] % LSF_CB_SPLIT3.len()]);
    lsf
}

/// Make a dequantised LSF vector describe a stable filter: neighbours at least about 50 Hz
/// apart, all inside (0, 4000 Hz). Split VQ can put neighbours too close or out of order.
pub fn stabilize(lsf: &mut Lsf) {
    const MIN_GAP: f32 = 0.039;
    const PUSH: f32 = 0.0195;
    const LOWEST: f32 = 0.01;
    // The RFC's bound (just under 4000 Hz), not pi.
    #[allow(clippy::approx_constant)]
    const HIGHEST: f32 = 3.14;
    for _ in 0..2 {
        for k in 0..ORDER - 1 {
            if lsf[k + 1] - lsf[k] < MIN_GAP {
                if lsf[k + 1] < lsf[k] {
                    // Out of order: put them a gap apart around the larger one, in order.
                    lsf[k + 1] = lsf[k] + PUSH;
                    lsf[k] = lsf[k + 1] - 2.0 * PUSH;
                } else {
                    lsf[k] -= PUSH;
                    lsf[k + 1] += PUSH;
                }
            }
            lsf[k] = lsf[k].clamp(LOWEST, HIGHEST);
        }
        lsf[ORDER - 1] = lsf[ORDER - 1].clamp(LOWEST, HIGHEST);
    }
}

fn mix(a: &Lsf, b: &Lsf, weight_a: f32) -> Lsf {
    let mut out = [0.0; ORDER];
    for i in 0..ORDER {
        out[i] = weight_a * a[i] + (1.0 - weight_a) * b[i];
    }
    out
}

/// The LSF vector of every subblock, interpolated between the previous frame's last set and
/// this frame's set(s) (section 3.2.6): the 20 ms mode glides from the old set to the new one
/// over four subblocks; the 30 ms mode's first set sits at subblock 1, the second at the end.
pub fn per_subblock(mode: IlbcMode, previous: &Lsf, sets: &[Lsf; 2]) -> [Lsf; MAX_SUBBLOCKS] {
    let mut out = [[0.0; ORDER]; MAX_SUBBLOCKS];
    match mode {
        IlbcMode::Ms20 => {
            const WEIGHT_OLD: [f32; 4] = [0.75, 0.5, 0.25, 0.0];
            for (sub, w) in WEIGHT_OLD.iter().enumerate() {
                out[sub] = mix(previous, &sets[0], *w);
            }
        }
        IlbcMode::Ms30 => {
            out[0] = mix(previous, &sets[0], 0.5);
            const WEIGHT_FIRST: [f32; 5] = [1.0, 2.0 / 3.0, 1.0 / 3.0, 0.0, 0.0];
            for (i, w) in WEIGHT_FIRST.iter().enumerate() {
                out[i + 1] = mix(&sets[0], &sets[1], *w);
            }
        }
    }
    out
}

/// Predictors per subblock from interpolated LSFs, optionally bandwidth-expanded.
pub fn predictors(lsfs: &[Lsf; MAX_SUBBLOCKS], count: usize, chirp: f32) -> [Lpc; MAX_SUBBLOCKS] {
    let mut out = [[0.0; ORDER + 1]; MAX_SUBBLOCKS];
    for (a, lsf) in out.iter_mut().zip(lsfs.iter()).take(count) {
        let raw = lsf_to_lpc(lsf);
        *a = if chirp == 1.0 {
            raw
        } else {
            bandwidth_expand(&raw, chirp)
        };
    }
    out
}
