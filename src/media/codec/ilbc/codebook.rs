//! The adaptive codebook (RFC 3951 section 3.6.3) and the decoder's reconstruction of a
//! vector from it (section 4.4).
//!
//! A codebook is built from a memory of past decoded residual. Its index space is:
//! 1. vectors read from the memory ending `index` samples before its end (the base section);
//! 2. for 40-sample targets, 20 "augmented" vectors for lags 20..39 shorter than the target:
//!    the last `lag` samples repeated, with a 5-sample cross-fade into the repetition;
//! 3. the same two sections again, built from the memory filtered by an 8-tap FIR (the
//!    expanded codebook).

use super::gain;
use super::mode::{CB_STAGES, SUBBLOCK};
use super::tables::filters::CB_FILTER;

/// Lags of the augmented vectors: SUBBLOCK/2 ..= SUBBLOCK-1.
const AUGMENTED_MIN_LAG: usize = SUBBLOCK / 2;
/// Length of the cross-fade at the start of an augmented vector's repetition.
const FADE: usize = 5;

/// Number of vectors in one section (base or expanded) for this memory and target length.
pub fn section_size(mem_len: usize, len: usize) -> usize {
    let plain = (mem_len + 1).saturating_sub(len);
    if len == SUBBLOCK {
        plain + SUBBLOCK - AUGMENTED_MIN_LAG
    } else {
        plain
    }
}

/// The memory filtered by the expansion FIR, centred so that no delay is added:
/// y[m] = sum_i h[i] x[m + 4 - i], with zeros outside the memory.
pub fn expand_memory(mem: &[f32]) -> Vec<f32> {
    let half = CB_FILTER.len() / 2;
    let n = mem.len();
    let mut out = vec![0.0f32; n];
    for (m, o) in out.iter_mut().enumerate() {
        let mut acc = 0.0;
        for (i, h) in CB_FILTER.iter().enumerate() {
            let j = m + half;
            if j >= i && j - i < n {
                acc += h * mem[j - i];
            }
        }
        *o = acc;
    }
    out
}

/// One vector of a section (base or expanded, per `mem`), index relative to the section.
/// Returns false (leaving `out` zeroed) for an index outside the section.
fn section_vector(mem: &[f32], index: usize, out: &mut [f32]) -> bool {
    let len = out.len();
    let n = mem.len();
    out.fill(0.0);
    if len == 0 || n < len {
        return false;
    }
    let plain = n + 1 - len;
    if index < plain {
        let begin = n - len - index;
        out.copy_from_slice(&mem[begin..begin + len]);
        return true;
    }
    if len != SUBBLOCK || index >= section_size(n, len) {
        return false;
    }
    let lag = AUGMENTED_MIN_LAG + (index - plain);
    if lag > n / 2 {
        return false;
    }
    let recent = &mem[n - lag..];
    let fade_from = lag - FADE;
    for j in 0..len {
        out[j] = if j < fade_from {
            recent[j]
        } else if j < lag {
            // Blend the tail of the last cycle with the cycle before it, so the jump back to
            // the cycle's start at `lag` is smooth.
            let alpha = 0.2 * (j - fade_from) as f32;
            (1.0 - alpha) * recent[j] + alpha * mem[n - 2 * lag + j]
        } else {
            recent[j - lag]
        };
    }
    true
}

/// A codebook: its memory and the expanded memory.
pub struct Codebook<'a> {
    pub mem: &'a [f32],
    pub expanded: Vec<f32>,
    pub len: usize,
}

impl<'a> Codebook<'a> {
    pub fn new(mem: &'a [f32], len: usize) -> Self {
        Self {
            mem,
            expanded: expand_memory(mem),
            len,
        }
    }

    /// All indices: both sections.
    pub fn size(&self) -> usize {
        2 * section_size(self.mem.len(), self.len)
    }

    /// The vector of `index` into `out` (of the target length). False for an invalid index.
    pub fn vector(&self, index: usize, out: &mut [f32]) -> bool {
        let section = section_size(self.mem.len(), self.len);
        if index < section {
            section_vector(self.mem, index, out)
        } else {
            section_vector(&self.expanded, index - section, out)
        }
    }
}

/// Rebuild a target-length vector from its stage indices and gain indices.
pub fn reconstruct(
    mem: &[f32],
    indices: &[usize; CB_STAGES],
    gain_indices: &[usize; CB_STAGES],
    out: &mut [f32],
) {
    let book = Codebook::new(mem, out.len());
    let gains = gain::dequantize_all(gain_indices);
    out.fill(0.0);
    let mut vec = vec![0.0; out.len()];
    for (index, g) in indices.iter().zip(gains.iter()) {
        book.vector(*index, &mut vec);
        for (o, v) in out.iter_mut().zip(vec.iter()) {
            *o += g * v;
        }
    }
}

/// The first coded subblock's later stages search a reduced codebook (its memory holds little
/// besides the start region) and travel in 7 bits: indices 0..44 of each base section and all
/// 20 augmented vectors. These map the full index to the wire value and back.
pub fn compress_first_subblock_index(index: usize) -> usize {
    match index {
        108..=171 => index - 64,
        236.. => index - 128,
        _ => index,
    }
}

pub fn expand_first_subblock_index(wire: usize) -> usize {
    match wire {
        44..=107 => wire + 64,
        108..=127 => wire + 128,
        _ => wire,
    }
}

/// Whether a full index can be sent in the reduced 7-bit form.
pub fn fits_first_subblock(index: usize) -> bool {
    index < 44 || (108..172).contains(&index) || (236..256).contains(&index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduced_indices_round_trip() {
        for i in (0..256).filter(|&i| fits_first_subblock(i)) {
            let wire = compress_first_subblock_index(i);
            assert!(wire < 128);
            assert_eq!(expand_first_subblock_index(wire), i);
        }
    }

    #[test]
    fn base_vectors_read_back_from_the_memory_end() {
        let mem: Vec<f32> = (0..147).map(|i| i as f32).collect();
        let book = Codebook::new(&mem, 40);
        assert_eq!(book.size(), 256);
        let mut v = [0.0; 40];
        assert!(book.vector(0, &mut v));
        assert_eq!(v[0], 107.0);
        assert_eq!(v[39], 146.0);
        // Augmented lag 20: the last 20 samples twice (after the fade).
        assert!(book.vector(108, &mut v));
        assert_eq!(v[0], 127.0);
        assert_eq!(v[20], 127.0);
        assert_eq!(v[39], 146.0);
    }
}
