//! The iLBC encoder (RFC 3951 section 3).

use super::bitstream::{pack, FrameParams};
use super::codebook::{compress_first_subblock_index, fits_first_subblock, reconstruct};
use super::excitation::{push_memory, Layout};
use super::lpc::{
    analysis_filter, asymmetric_window, autocorrelation, bandwidth_expand, hann_window, lag_window,
    levinson, lpc_to_lsf, Biquad, Lpc, ORDER, WINDOW_LEN,
};
use super::lsf::{self, Lsf};
use super::mode::{IlbcMode, MAX_BLOCK, STATE_REGION, SUBBLOCK};
use super::search::{any_index, search, Allowed};
use super::state;
use super::tables::filters::{HP_IN_POLES, HP_IN_ZEROS};
use super::tables::lsf::LSF_MEAN;

/// Bandwidth expansion of the analysed predictor before quantisation (section 3.2.3).
const CHIRP_SYNTHESIS: f32 = 0.9025;
/// Bandwidth expansion that makes the perceptual weighting filter (section 3.4).
const CHIRP_WEIGHTING: f32 = 0.4222;
/// Samples of history the analysis windows reach back over.
const LOOKBACK: usize = 60;
/// The analysis buffer: history and the new frame, laid out for a 240-sample window.
const ANALYSIS_BUFFER: usize = LOOKBACK + MAX_BLOCK;

pub struct Encoder {
    mode: IlbcMode,
    high_pass: Biquad,
    analysis_buffer: [f32; ANALYSIS_BUFFER],
    analysis_mem: [f32; ORDER],
    /// Last frame's unquantised and quantised final LSF sets.
    lsf_old: Lsf,
    lsf_dequantized_old: Lsf,
    hann: [f32; WINDOW_LEN],
    asym: [f32; WINDOW_LEN],
    lag: [f32; ORDER + 1],
}

impl Encoder {
    pub fn new(mode: IlbcMode) -> Self {
        Self {
            mode,
            high_pass: Biquad::default(),
            analysis_buffer: [0.0; ANALYSIS_BUFFER],
            analysis_mem: [0.0; ORDER],
            lsf_old: LSF_MEAN,
            lsf_dequantized_old: LSF_MEAN,
            hann: hann_window(),
            asym: asymmetric_window(),
            lag: lag_window(),
        }
    }

    pub fn mode(&self) -> IlbcMode {
        self.mode
    }

    /// Encode one frame of `block_len` samples (shorter input is zero-padded).
    pub fn encode(&mut self, pcm: &[i16]) -> Vec<u8> {
        let mode = self.mode;
        let n = mode.block_len();
        let mut block: Vec<f32> = (0..n)
            .map(|i| pcm.get(i).map_or(0.0, |&s| f32::from(s)))
            .collect();
        self.high_pass.run(&HP_IN_ZEROS, &HP_IN_POLES, &mut block);

        let mut params = FrameParams::default();
        let (synthesis, weighting) = self.analyse(&block, &mut params);

        let mut residual = vec![0.0f32; n];
        for (s, a) in synthesis.iter().enumerate() {
            let range = s * SUBBLOCK..(s + 1) * SUBBLOCK;
            analysis_filter(
                a,
                &block[range.clone()],
                &mut self.analysis_mem,
                &mut residual[range],
            );
        }
        self.code_excitation(&residual, &synthesis, &weighting, &mut params);
        pack(mode, &params)
    }

    /// LPC analysis, LSF quantisation and interpolation: per-subblock synthesis predictors
    /// (from quantised LSFs) and weighting denominators (from unquantised ones).
    fn analyse(&mut self, block: &[f32], params: &mut FrameParams) -> (Vec<Lpc>, Vec<Lpc>) {
        let mode = self.mode;
        let n = block.len();
        self.analysis_buffer.copy_within(n.., 0);
        self.analysis_buffer[ANALYSIS_BUFFER - n..].copy_from_slice(block);

        let mut sets = [self.lsf_old; 2];
        let windows: &[(&[f32; WINDOW_LEN], usize)] = match mode {
            // 20 ms: one asymmetric window over the newest 240 samples.
            IlbcMode::Ms20 => &[(&self.asym, LOOKBACK)],
            // 30 ms: a symmetric window centred early in the frame, then the asymmetric one.
            IlbcMode::Ms30 => &[(&self.hann, 0), (&self.asym, LOOKBACK)],
        };
        for (k, (window, offset)) in windows.iter().enumerate() {
            let segment = &self.analysis_buffer[*offset..*offset + WINDOW_LEN];
            let windowed: Vec<f32> = segment
                .iter()
                .zip(window.iter())
                .map(|(x, w)| x * w)
                .collect();
            let mut r = autocorrelation(&windowed);
            for (v, w) in r.iter_mut().zip(self.lag.iter()) {
                *v *= w;
            }
            let a = bandwidth_expand(&levinson(&r), CHIRP_SYNTHESIS);
            sets[k] = lpc_to_lsf(&a).unwrap_or(if k == 0 { self.lsf_old } else { sets[0] });
        }
        if mode == IlbcMode::Ms20 {
            sets[1] = sets[0];
        }

        let mut dequantized = sets;
        for k in 0..mode.lsf_sets() {
            params.lsf[k] = lsf::quantize(&sets[k]);
            dequantized[k] = lsf::dequantize(&params.lsf[k]);
            lsf::stabilize(&mut dequantized[k]);
        }
        if mode == IlbcMode::Ms20 {
            dequantized[1] = dequantized[0];
        }
        let nsub = mode.subblocks();
        let syn_lsf = lsf::per_subblock(mode, &self.lsf_dequantized_old, &dequantized);
        let weight_lsf = lsf::per_subblock(mode, &self.lsf_old, &sets);
        let synthesis = lsf::predictors(&syn_lsf, nsub, 1.0);
        let weighting = lsf::predictors(&weight_lsf, nsub, CHIRP_WEIGHTING);
        let last = mode.lsf_sets() - 1;
        self.lsf_old = sets[last];
        self.lsf_dequantized_old = dequantized[last];
        (synthesis[..nsub].to_vec(), weighting[..nsub].to_vec())
    }

    /// Choose the start region, then code the excitation piece by piece in the decoder's order.
    fn code_excitation(
        &self,
        residual: &[f32],
        synthesis: &[Lpc],
        weighting: &[Lpc],
        params: &mut FrameParams,
    ) {
        let mode = self.mode;
        let (start, state_first) = choose_start(mode, residual);
        params.start = start;
        params.state_first = state_first;
        let layout = Layout {
            mode,
            start,
            state_first,
        };
        let mut decoded = vec![0.0f32; residual.len()];

        // The start state.
        let state_range = layout.state_range();
        let switch_at = start * SUBBLOCK - state_range.start;
        let (scale, indices) = state::encode(
            &residual[state_range.clone()],
            &synthesis[start - 1],
            [&weighting[start - 1], &weighting[start]],
            switch_at,
        );
        params.state_scale = scale;
        params.state[..indices.len()].copy_from_slice(&indices);
        decoded[state_range].copy_from_slice(&state::decode(
            scale,
            &indices,
            &synthesis[start - 1],
        ));

        // The rest of the start region.
        let mem = layout.remainder_memory(&decoded);
        let target = layout.remainder_in_coding_order(residual);
        let choice = search(
            &mem,
            &target,
            &weighting[layout.remainder_subblock()],
            [any_index; 3],
        );
        params.extra_index = choice.indices;
        params.extra_gain = choice.gains;
        let mut rem = vec![0.0f32; target.len()];
        reconstruct(&mem, &choice.indices, &choice.gains, &mut rem);
        layout.place_remainder(&rem, &mut decoded);

        let mut sub = 0;
        let allowed = |sub: usize| -> [Allowed; 3] {
            if sub == 0 {
                [any_index, fits_first_subblock, fits_first_subblock]
            } else {
                [any_index; 3]
            }
        };
        let record = |sub: usize, choice: &super::search::Choice, params: &mut FrameParams| {
            params.cb_index[sub] = choice.indices;
            params.cb_gain[sub] = choice.gains;
            if sub == 0 {
                for v in params.cb_index[0].iter_mut().skip(1) {
                    *v = compress_first_subblock_index(*v);
                }
            }
        };

        let mut mem = layout.forward_memory(&decoded);
        for s in layout.forward_subblocks() {
            let range = s * SUBBLOCK..(s + 1) * SUBBLOCK;
            let choice = search(&mem, &residual[range.clone()], &weighting[s], allowed(sub));
            record(sub, &choice, params);
            reconstruct(
                &mem,
                &choice.indices,
                &choice.gains,
                &mut decoded[range.clone()],
            );
            push_memory(&mut mem, &decoded[range]);
            sub += 1;
        }

        let back = layout.backward_count();
        if back > 0 {
            let mut mem = layout.backward_memory(&decoded);
            let target = layout.reversed_prefix(residual);
            let mut out = vec![0.0f32; SUBBLOCK];
            for j in 0..back {
                let s = start - 2 - j;
                let t = &target[j * SUBBLOCK..(j + 1) * SUBBLOCK];
                let choice = search(&mem, t, &weighting[s], allowed(sub));
                record(sub, &choice, params);
                reconstruct(&mem, &choice.indices, &choice.gains, &mut out);
                push_memory(&mut mem, &out);
                sub += 1;
            }
        }
    }
}

/// The start region is the pair of subblocks with the most residual energy (edges count a
/// little less, and in 30 ms central positions are preferred); the state goes to whichever
/// end of the region holds more energy.
fn choose_start(mode: IlbcMode, residual: &[f32]) -> (usize, bool) {
    const EDGE: [f32; 5] = [1.0 / 6.0, 2.0 / 6.0, 3.0 / 6.0, 4.0 / 6.0, 5.0 / 6.0];
    const CENTRE_30: [f32; 5] = [0.8, 0.9, 1.0, 0.9, 0.8];
    let mut best = (1, f32::NEG_INFINITY);
    for pair in 0..mode.subblocks() - 1 {
        let region = &residual[pair * SUBBLOCK..pair * SUBBLOCK + STATE_REGION];
        let mut energy = 0.0;
        for (i, x) in region.iter().enumerate() {
            let w = if i < EDGE.len() {
                EDGE[i]
            } else if i >= STATE_REGION - EDGE.len() {
                EDGE[STATE_REGION - 1 - i]
            } else {
                1.0
            };
            energy += w * x * x;
        }
        if mode == IlbcMode::Ms30 {
            energy *= CENTRE_30[pair];
        }
        if energy > best.1 {
            best = (pair + 1, energy);
        }
    }
    let start = best.0;
    let region = &residual[(start - 1) * SUBBLOCK..(start - 1) * SUBBLOCK + STATE_REGION];
    let len = mode.state_len();
    let head: f32 = region[..len].iter().map(|x| x * x).sum();
    let tail: f32 = region[STATE_REGION - len..].iter().map(|x| x * x).sum();
    (start, head > tail)
}
