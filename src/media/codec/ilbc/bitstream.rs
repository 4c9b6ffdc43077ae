//! The frame's parameters and their class-ordered bit packing (RFC 3951 section 3.8).
//!
//! Every parameter's bits are split over three classes of decreasing importance: its most
//! significant bits go to class 1, the next to class 2, the least significant to class 3. The
//! frame is all class-1 bits (parameters in order), then all class-2 bits, then class 3, most
//! significant bit first. The last bit of the frame is the empty-frame indicator.

use super::mode::{IlbcMode, CB_STAGES, MAX_CB_SUBBLOCKS, MAX_STATE_LEN};

/// Everything one frame carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameParams {
    /// Split-VQ indices of one (20 ms) or two (30 ms) LSF sets.
    pub lsf: [[usize; 3]; 2],
    /// The start region begins at subblock `start - 1` (1-based, as on the wire).
    pub start: usize,
    /// Whether the scalar-coded state sits at the beginning of the start region.
    pub state_first: bool,
    /// Index of the state's maximum amplitude.
    pub state_scale: usize,
    /// 3-bit indices of the state samples.
    pub state: [usize; MAX_STATE_LEN],
    /// Codebook indices and gains of the start region's remaining samples.
    pub extra_index: [usize; CB_STAGES],
    pub extra_gain: [usize; CB_STAGES],
    /// Codebook indices and gains of the other subblocks, in coding order. The first
    /// subblock's later stages travel in 7 bits (section 3.6.4.3); these hold the wire value.
    pub cb_index: [[usize; CB_STAGES]; MAX_CB_SUBBLOCKS],
    pub cb_gain: [[usize; CB_STAGES]; MAX_CB_SUBBLOCKS],
    /// The empty-frame indicator: set, the frame carries nothing and is concealed.
    pub empty: bool,
}

impl Default for FrameParams {
    fn default() -> Self {
        Self {
            lsf: [[0; 3]; 2],
            start: 0,
            state_first: false,
            state_scale: 0,
            state: [0; MAX_STATE_LEN],
            extra_index: [0; CB_STAGES],
            extra_gain: [0; CB_STAGES],
            cb_index: [[0; CB_STAGES]; MAX_CB_SUBBLOCKS],
            cb_gain: [[0; CB_STAGES]; MAX_CB_SUBBLOCKS],
            empty: false,
        }
    }
}

/// Bits of one parameter in classes 1, 2, 3.
type Split = [u8; 3];

struct Allocation {
    lsf: [Split; 3],
    start: Split,
    extra_index: [Split; 3],
    extra_gain: [Split; 3],
    cb_index: [[Split; 3]; MAX_CB_SUBBLOCKS],
    cb_gain: [[Split; 3]; MAX_CB_SUBBLOCKS],
}

const STATE_FIRST: Split = [1, 0, 0];
const STATE_SCALE: Split = [6, 0, 0];
const STATE_SAMPLE: Split = [0, 1, 2];
const EMPTY_FLAG: Split = [0, 0, 1];

const ALLOC_20: Allocation = Allocation {
    lsf: [[6, 0, 0], [7, 0, 0], [7, 0, 0]],
    start: [2, 0, 0],
    extra_index: [[6, 0, 1], [0, 0, 7], [0, 0, 7]],
    extra_gain: [[2, 0, 3], [1, 1, 2], [0, 0, 3]],
    cb_index: [
        [[7, 0, 1], [0, 0, 7], [0, 0, 7]],
        [[0, 0, 8], [0, 0, 8], [0, 0, 8]],
        [[0; 3]; 3],
        [[0; 3]; 3],
    ],
    cb_gain: [
        [[1, 2, 2], [1, 1, 2], [0, 0, 3]],
        [[1, 1, 3], [0, 2, 2], [0, 0, 3]],
        [[0; 3]; 3],
        [[0; 3]; 3],
    ],
};

const ALLOC_30: Allocation = Allocation {
    lsf: [[6, 0, 0], [7, 0, 0], [7, 0, 0]],
    start: [3, 0, 0],
    extra_index: [[4, 2, 1], [0, 0, 7], [0, 0, 7]],
    extra_gain: [[1, 1, 3], [1, 1, 2], [0, 0, 3]],
    cb_index: [
        [[6, 1, 1], [0, 0, 7], [0, 0, 7]],
        [[0, 7, 1], [0, 0, 8], [0, 0, 8]],
        [[0, 7, 1], [0, 0, 8], [0, 0, 8]],
        [[0, 7, 1], [0, 0, 8], [0, 0, 8]],
    ],
    cb_gain: [
        [[1, 2, 2], [1, 2, 1], [0, 0, 3]],
        [[0, 2, 3], [0, 2, 2], [0, 0, 3]],
        [[0, 1, 4], [0, 1, 3], [0, 0, 3]],
        [[0, 1, 4], [0, 1, 3], [0, 0, 3]],
    ],
};

fn allocation(mode: IlbcMode) -> &'static Allocation {
    match mode {
        IlbcMode::Ms20 => &ALLOC_20,
        IlbcMode::Ms30 => &ALLOC_30,
    }
}

/// Visit every parameter in bitstream order with its split, by mutable reference, so one
/// walk serves both packing and unpacking.
fn for_each_param(mode: IlbcMode, p: &mut FrameParams, mut visit: impl FnMut(Split, &mut usize)) {
    let alloc = allocation(mode);
    let mut empty = usize::from(p.empty);
    let mut first = usize::from(p.state_first);
    for set in p.lsf.iter_mut().take(mode.lsf_sets()) {
        for (v, split) in set.iter_mut().zip(alloc.lsf.iter()) {
            visit(*split, v);
        }
    }
    visit(alloc.start, &mut p.start);
    visit(STATE_FIRST, &mut first);
    visit(STATE_SCALE, &mut p.state_scale);
    for v in p.state.iter_mut().take(mode.state_len()) {
        visit(STATE_SAMPLE, v);
    }
    for (v, split) in p.extra_index.iter_mut().zip(alloc.extra_index.iter()) {
        visit(*split, v);
    }
    for (v, split) in p.extra_gain.iter_mut().zip(alloc.extra_gain.iter()) {
        visit(*split, v);
    }
    let subs = mode.cb_subblocks();
    for (sub, splits) in p.cb_index.iter_mut().zip(alloc.cb_index.iter()).take(subs) {
        for (v, split) in sub.iter_mut().zip(splits.iter()) {
            visit(*split, v);
        }
    }
    for (sub, splits) in p.cb_gain.iter_mut().zip(alloc.cb_gain.iter()).take(subs) {
        for (v, split) in sub.iter_mut().zip(splits.iter()) {
            visit(*split, v);
        }
    }
    visit(EMPTY_FLAG, &mut empty);
    p.empty = empty != 0;
    p.state_first = first != 0;
}

/// The bits of `split` belonging to `class` (0-based), as (shift, width).
fn class_bits(split: Split, class: usize) -> (u32, u32) {
    let width = u32::from(split[class]);
    let shift: u32 = split[class + 1..].iter().map(|&b| u32::from(b)).sum();
    (shift, width)
}

struct BitWriter<'a> {
    out: &'a mut [u8],
    pos: usize,
}

impl BitWriter<'_> {
    fn put(&mut self, value: usize, width: u32) {
        for i in (0..width).rev() {
            if let Some(byte) = self.out.get_mut(self.pos / 8) {
                if (value >> i) & 1 == 1 {
                    *byte |= 0x80 >> (self.pos % 8);
                }
            }
            self.pos += 1;
        }
    }
}

struct BitReader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl BitReader<'_> {
    fn get(&mut self, width: u32) -> usize {
        let mut v = 0usize;
        for _ in 0..width {
            let bit = self
                .data
                .get(self.pos / 8)
                .map_or(0, |b| (b >> (7 - self.pos % 8)) & 1);
            v = (v << 1) | usize::from(bit);
            self.pos += 1;
        }
        v
    }
}

/// Pack a frame's parameters into `mode.frame_bytes()` bytes.
pub fn pack(mode: IlbcMode, params: &FrameParams) -> Vec<u8> {
    let mut bytes = vec![0u8; mode.frame_bytes()];
    let mut p = params.clone();
    let mut writer = BitWriter {
        out: &mut bytes,
        pos: 0,
    };
    for class in 0..3 {
        for_each_param(mode, &mut p, |split, v| {
            let (shift, width) = class_bits(split, class);
            let mask = (1usize << width) - 1;
            writer.put((*v >> shift) & mask, width);
        });
    }
    debug_assert_eq!(writer.pos, mode.frame_bytes() * 8);
    bytes
}

/// Unpack a frame; the caller has checked the length.
pub fn unpack(mode: IlbcMode, data: &[u8]) -> FrameParams {
    let mut p = FrameParams::default();
    let mut reader = BitReader { data, pos: 0 };
    for class in 0..3 {
        for_each_param(mode, &mut p, |split, v| {
            let (shift, width) = class_bits(split, class);
            *v |= reader.get(width) << shift;
        });
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    #[test]
    fn every_bit_is_used_once_and_round_trips() {
        for mode in [IlbcMode::Ms20, IlbcMode::Ms30] {
            let mut rng = rand::rngs::StdRng::seed_from_u64(7);
            for _ in 0..50 {
                let bytes: Vec<u8> = (0..mode.frame_bytes()).map(|_| rng.random()).collect();
                let params = unpack(mode, &bytes);
                assert_eq!(pack(mode, &params), bytes, "{mode:?}");
            }
        }
    }
}
