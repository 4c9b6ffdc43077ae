//! The iLBC decoder (RFC 3951 section 4).

use super::bitstream::unpack;
use super::enhancer::Enhancer;
use super::excitation::{self, Layout};
use super::lpc::{synthesis_filter, Biquad, Lpc, ORDER};
use super::lsf::{self, Lsf};
use super::mode::{IlbcMode, MAX_SUBBLOCKS, SUBBLOCK};
use super::plc::Concealer;
use super::tables::filters::{HP_OUT_POLES, HP_OUT_ZEROS};
use super::tables::lsf::LSF_MEAN;
use crate::media::codec::DecodeError;

pub struct Decoder {
    mode: IlbcMode,
    lsf_old: Lsf,
    synthesis_mem: [f32; ORDER],
    high_pass: Biquad,
    enhancer: Option<Enhancer>,
    /// The previous frame's predictors: the enhancer delays the excitation, so the first
    /// subblock(s) it returns belong to the previous frame.
    previous_predictors: [Lpc; MAX_SUBBLOCKS],
    concealer: Concealer,
}

impl Decoder {
    /// A decoder; `enhance` turns on the pitch enhancer (section 4.6), which delays the output
    /// by 40 (20 ms mode) or 80 (30 ms mode) samples.
    pub fn new(mode: IlbcMode, enhance: bool) -> Self {
        let mean_predictor = lsf::predictors(&[LSF_MEAN; MAX_SUBBLOCKS], 1, 1.0)[0];
        Self {
            mode,
            lsf_old: LSF_MEAN,
            synthesis_mem: [0.0; ORDER],
            high_pass: Biquad::default(),
            enhancer: enhance.then(|| Enhancer::new(mode)),
            previous_predictors: [mean_predictor; MAX_SUBBLOCKS],
            concealer: Concealer::new(mode.block_len()),
        }
    }

    pub fn mode(&self) -> IlbcMode {
        self.mode
    }

    /// Decode one frame, appending `block_len` samples. A frame flagged empty is concealed.
    pub fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<(), DecodeError> {
        let mode = self.mode;
        if payload.len() != mode.frame_bytes() {
            return Err(DecodeError::BadLength(payload.len()));
        }
        let params = unpack(mode, payload);
        if params.empty {
            self.conceal(out);
            return Ok(());
        }
        let layout =
            Layout::new(mode, params.start, params.state_first).ok_or(DecodeError::Corrupt)?;

        let mut sets = [[0.0; ORDER]; 2];
        for (set, idx) in sets.iter_mut().zip(params.lsf.iter()).take(mode.lsf_sets()) {
            *set = lsf::dequantize(idx);
            lsf::stabilize(set);
        }
        if mode == IlbcMode::Ms20 {
            sets[1] = sets[0];
        }
        let nsub = mode.subblocks();
        let interpolated = lsf::per_subblock(mode, &self.lsf_old, &sets);
        let predictors = lsf::predictors(&interpolated, nsub, 1.0);
        self.lsf_old = sets[mode.lsf_sets() - 1];

        let residual = excitation::decode(&layout, &params, &predictors);
        self.concealer.good_frame(&residual, &predictors[nsub - 1]);
        self.synthesize(&residual, &predictors, out);
        Ok(())
    }

    /// Produce one frame for a lost packet.
    pub fn conceal(&mut self, out: &mut Vec<i16>) {
        let (residual, predictor) = self.concealer.conceal();
        let predictors = [predictor; MAX_SUBBLOCKS];
        self.synthesize(&residual, &predictors, out);
    }

    /// (Enhance,) synthesise, high-pass and clip one frame of excitation.
    fn synthesize(
        &mut self,
        residual: &[f32],
        predictors: &[Lpc; MAX_SUBBLOCKS],
        out: &mut Vec<i16>,
    ) {
        let nsub = self.mode.subblocks();
        let (mut signal, delay_subblocks) = match self.enhancer.as_mut() {
            Some(enh) => (enh.process(residual), enh.delay() / SUBBLOCK),
            None => (residual.to_vec(), 0),
        };
        for s in 0..nsub {
            // With the enhancer's delay, the first subblocks are the previous frame's last.
            let a = if s < delay_subblocks {
                &self.previous_predictors[nsub - delay_subblocks + s]
            } else {
                &predictors[s - delay_subblocks]
            };
            synthesis_filter(
                a,
                &mut signal[s * SUBBLOCK..(s + 1) * SUBBLOCK],
                &mut self.synthesis_mem,
            );
        }
        self.previous_predictors = *predictors;
        self.high_pass
            .run(&HP_OUT_ZEROS, &HP_OUT_POLES, &mut signal);
        out.extend(
            signal
                .iter()
                .map(|&v| v.round().clamp(-32768.0, 32767.0) as i16),
        );
    }
}
