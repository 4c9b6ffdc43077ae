//! Where each piece of a frame's excitation (the decoded LPC residual) comes from, and its
//! reconstruction (RFC 3951 sections 4.2 to 4.4). The encoder walks the same layout so that
//! it searches each piece against exactly the memory the decoder will have.
//!
//! Order: the start state; the rest of the two-subblock start region (forwards in time after
//! the state, or backwards before it); the subblocks after the region, forwards; then the
//! subblocks before it, coded on time-reversed signals so that they too predict from the
//! start state.

use std::ops::Range;

use super::bitstream::FrameParams;
use super::codebook::{expand_first_subblock_index, reconstruct};
use super::lpc::Lpc;
use super::mode::{IlbcMode, CB_MEMORY, CB_STAGES, STATE_CB_MEMORY, STATE_REGION, SUBBLOCK};
use super::state;

#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub mode: IlbcMode,
    /// 1-based first subblock of the start region, as on the wire.
    pub start: usize,
    pub state_first: bool,
}

impl Layout {
    /// None when `start` is not a valid position for the mode.
    pub fn new(mode: IlbcMode, start: usize, state_first: bool) -> Option<Self> {
        (1..mode.subblocks()).contains(&start).then_some(Self {
            mode,
            start,
            state_first,
        })
    }

    pub fn region_begin(&self) -> usize {
        (self.start - 1) * SUBBLOCK
    }

    pub fn state_range(&self) -> Range<usize> {
        let begin = if self.state_first {
            self.region_begin()
        } else {
            self.region_begin() + self.mode.state_remainder()
        };
        begin..begin + self.mode.state_len()
    }

    /// Samples of the start region outside the state, in coding order (reversed when the
    /// state is at the region's end).
    pub fn remainder_range(&self) -> Range<usize> {
        let begin = self.region_begin();
        let state = self.state_range();
        if self.state_first {
            state.end..begin + STATE_REGION
        } else {
            begin..state.start
        }
    }

    /// Subblocks after the start region (0-based), coded forwards.
    pub fn forward_subblocks(&self) -> Range<usize> {
        self.start + 1..self.mode.subblocks()
    }

    /// Subblocks before the start region, coded backwards from the region.
    pub fn backward_count(&self) -> usize {
        self.start - 1
    }

    /// The weighting/predictor subblock that owns the remainder.
    pub fn remainder_subblock(&self) -> usize {
        if self.state_first {
            self.start
        } else {
            self.start - 1
        }
    }

    /// Codebook memory for the remainder: the state, reversed when coding backwards.
    pub fn remainder_memory(&self, decoded: &[f32]) -> Vec<f32> {
        let mut mem = vec![0.0f32; STATE_CB_MEMORY];
        let state = &decoded[self.state_range()];
        let n = state.len().min(STATE_CB_MEMORY);
        if self.state_first {
            mem[STATE_CB_MEMORY - n..].copy_from_slice(&state[state.len() - n..]);
        } else {
            for (k, v) in state.iter().take(n).enumerate() {
                mem[STATE_CB_MEMORY - 1 - k] = *v;
            }
        }
        mem
    }

    /// The remainder's samples of `signal` in coding order.
    pub fn remainder_in_coding_order(&self, signal: &[f32]) -> Vec<f32> {
        let mut v = signal[self.remainder_range()].to_vec();
        if !self.state_first {
            v.reverse();
        }
        v
    }

    /// Put a remainder vector in coding order back in time order.
    pub fn place_remainder(&self, vector: &[f32], decoded: &mut [f32]) {
        let range = self.remainder_range();
        let dest = &mut decoded[range];
        dest.copy_from_slice(vector);
        if !self.state_first {
            dest.reverse();
        }
    }

    /// Memory for the forward subblocks: the decoded start region.
    pub fn forward_memory(&self, decoded: &[f32]) -> Vec<f32> {
        let mut mem = vec![0.0f32; CB_MEMORY];
        let begin = self.region_begin();
        mem[CB_MEMORY - STATE_REGION..].copy_from_slice(&decoded[begin..begin + STATE_REGION]);
        mem
    }

    /// Memory for the backward subblocks: everything from the start region on, reversed.
    pub fn backward_memory(&self, decoded: &[f32]) -> Vec<f32> {
        let mut mem = vec![0.0f32; CB_MEMORY];
        let after = &decoded[self.region_begin()..];
        for (k, v) in after.iter().take(CB_MEMORY).enumerate() {
            mem[CB_MEMORY - 1 - k] = *v;
        }
        mem
    }

    /// The samples before the start region, reversed (the backward subblocks in coding order).
    pub fn reversed_prefix(&self, signal: &[f32]) -> Vec<f32> {
        signal[..self.region_begin()]
            .iter()
            .rev()
            .copied()
            .collect()
    }
}

/// Slide a codebook memory along by one decoded vector.
pub fn push_memory(mem: &mut [f32], new: &[f32]) {
    let n = new.len().min(mem.len());
    mem.copy_within(n.., 0);
    let len = mem.len();
    mem[len - n..].copy_from_slice(&new[new.len() - n..]);
}

/// Wire indices of coded subblock `sub` turned into codebook indices.
pub fn subblock_indices(params: &FrameParams, sub: usize) -> [usize; CB_STAGES] {
    let mut idx = params.cb_index[sub];
    if sub == 0 {
        for v in idx.iter_mut().skip(1) {
            *v = expand_first_subblock_index(*v);
        }
    }
    idx
}

/// Rebuild the whole frame's excitation. `predictors` are the per-subblock synthesis filters.
pub fn decode(layout: &Layout, params: &FrameParams, predictors: &[Lpc]) -> Vec<f32> {
    let mode = layout.mode;
    let mut res = vec![0.0f32; mode.block_len()];
    let a = &predictors[layout.start - 1];
    let state = state::decode(params.state_scale, &params.state[..mode.state_len()], a);
    res[layout.state_range()].copy_from_slice(&state);

    let mem = layout.remainder_memory(&res);
    let mut rem = vec![0.0f32; mode.state_remainder()];
    reconstruct(&mem, &params.extra_index, &params.extra_gain, &mut rem);
    layout.place_remainder(&rem, &mut res);

    let mut sub = 0;
    let mut mem = layout.forward_memory(&res);
    for s in layout.forward_subblocks() {
        let out = &mut res[s * SUBBLOCK..(s + 1) * SUBBLOCK];
        reconstruct(
            &mem,
            &subblock_indices(params, sub),
            &params.cb_gain[sub],
            out,
        );
        push_memory(&mut mem, out);
        sub += 1;
    }

    let back = layout.backward_count();
    if back > 0 {
        let mut mem = layout.backward_memory(&res);
        let mut reversed = vec![0.0f32; back * SUBBLOCK];
        for j in 0..back {
            let out = &mut reversed[j * SUBBLOCK..(j + 1) * SUBBLOCK];
            reconstruct(
                &mem,
                &subblock_indices(params, sub),
                &params.cb_gain[sub],
                out,
            );
            push_memory(&mut mem, out);
            sub += 1;
        }
        for (k, v) in reversed.iter().enumerate() {
            res[layout.region_begin() - 1 - k] = *v;
        }
    }
    res
}
