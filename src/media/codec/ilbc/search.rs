//! The encoder's three-stage adaptive codebook search (RFC 3951 section 3.6.4).
//!
//! The memory and the target are filtered together through the perceptual weighting filter
//! 1/A(z/g) (on a residual this is the classic A(z)/A(z/g) applied to speech); the codebook
//! is then built from the weighted memory. Each stage picks the vector and quantised gain
//! that most reduce the weighted error left by the stages before it.

use super::codebook::Codebook;
use super::gain;
use super::lpc::{dot, Lpc, ORDER};
use super::mode::CB_STAGES;

/// Which indices a stage may use.
pub type Allowed = fn(usize) -> bool;

pub fn any_index(_: usize) -> bool {
    true
}

/// The chosen indices and gain indices.
#[derive(Debug, Clone, Copy, Default)]
pub struct Choice {
    pub indices: [usize; CB_STAGES],
    pub gains: [usize; CB_STAGES],
}

fn weight(signal: &[f32], a: &Lpc) -> Vec<f32> {
    let mut out = vec![0.0f32; signal.len()];
    for t in 0..signal.len() {
        let mut acc = signal[t];
        for k in 1..=ORDER.min(t) {
            acc -= a[k] * out[t - k];
        }
        out[t] = acc;
    }
    out
}

/// Search `mem` for `target`; `allowed[stage]` restricts the indices of each stage.
pub fn search(
    mem: &[f32],
    target: &[f32],
    weighting: &Lpc,
    allowed: [Allowed; CB_STAGES],
) -> Choice {
    let len = target.len();
    let mut joined = Vec::with_capacity(mem.len() + len);
    joined.extend_from_slice(mem);
    joined.extend_from_slice(target);
    let weighted = weight(&joined, weighting);
    let (wmem, wtarget) = weighted.split_at(mem.len());
    let book = Codebook::new(wmem, len);

    // Every vector and its energy, once.
    let size = book.size();
    let mut vectors = vec![0.0f32; size * len];
    let mut energies = vec![0.0f32; size];
    for i in 0..size {
        let v = &mut vectors[i * len..(i + 1) * len];
        if book.vector(i, v) {
            energies[i] = dot(v, v);
        }
    }

    let mut residual_target = wtarget.to_vec();
    let mut choice = Choice::default();
    let mut previous_gain = None;
    for (stage, allowed) in allowed.iter().enumerate() {
        let mut best: Option<(usize, usize, f32, f32)> = None;
        for i in (0..size).filter(|&i| allowed(i)) {
            let e = energies[i];
            if e < 1e-3 {
                continue;
            }
            let v = &vectors[i * len..(i + 1) * len];
            let cross = dot(v, &residual_target);
            let (gi, g) = gain::quantize(stage, cross / e, previous_gain);
            let reduction = 2.0 * g * cross - g * g * e;
            if best.is_none_or(|b| reduction > b.3) {
                best = Some((i, gi, g, reduction));
            }
        }
        // With an all-zero memory nothing reduces the error; index 0 at the smallest gain
        // decodes to silence-like output.
        let (index, gain_index, g) = best.map_or_else(
            || (0, gain::quantize(stage, 0.0, previous_gain).0, 0.0),
            |b| (b.0, b.1, b.2),
        );
        if best.is_some() {
            let v = &vectors[index * len..(index + 1) * len];
            for (t, x) in residual_target.iter_mut().zip(v) {
                *t -= g * x;
            }
        }
        choice.indices[stage] = index;
        choice.gains[stage] = gain_index;
        previous_gain = Some(gain::dequantize(stage, gain_index, previous_gain));
    }
    choice
}
