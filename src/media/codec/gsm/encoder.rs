//! The GSM 06.10 RPE-LTP encoder (§4.2): one 160-sample frame in, one 33-byte frame out.

use super::arith::add;
use super::frame::{pack, FrameParams, SubframeParams, FRAME_BYTES};
use super::lar;
use super::long_term::{self, History, Subframe};
use super::lpc;
use super::preprocess::Preprocessor;
use super::rpe;
use super::short_term::AnalysisFilter;
use super::tables::{FRAME_SAMPLES, SUBFRAME_SAMPLES};

/// Encoder state carried between frames.
#[derive(Debug, Clone, Default)]
pub struct Encoder {
    preprocessor: Preprocessor,
    short_term: AnalysisFilter,
    /// LAR'' of the previous frame, the start of this frame's interpolation.
    previous_larpp: [i16; 8],
    /// Reconstructed short-term residual, as the decoder will have it.
    history: History,
}

impl Encoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Encode one frame of 16-bit PCM (only the top 13 bits count, as in the standard).
    pub fn encode(&mut self, pcm: &[i16; FRAME_SAMPLES]) -> [u8; FRAME_BYTES] {
        let mut s = self.preprocessor.process(pcm);
        let larc = lpc::analyse(&mut s);
        let larpp = lar::decode(&larc);
        self.short_term.filter(&self.previous_larpp, &larpp, &mut s);
        self.previous_larpp = larpp;

        let mut params = FrameParams {
            larc,
            ..FrameParams::default()
        };
        for (chunk, sub) in s.chunks_exact(SUBFRAME_SAMPLES).zip(&mut params.subframes) {
            let mut d: Subframe = [0; SUBFRAME_SAMPLES];
            d.copy_from_slice(chunk);
            *sub = self.encode_subframe(&d);
        }
        pack(&params)
    }

    fn encode_subframe(&mut self, d: &Subframe) -> SubframeParams {
        let (lag, gain) = long_term::search(d, &self.history);
        let (residual, prediction) = long_term::analyse(d, &self.history, lag, gain);
        let excitation = rpe::encode(&rpe::weight(&residual));

        // Reconstruct what the decoder will: quantised excitation plus the prediction.
        let ep = rpe::decode(&excitation);
        let reconstructed: Subframe = std::array::from_fn(|k| add(ep[k], prediction[k]));
        self.history.push(&reconstructed);

        SubframeParams {
            lag: lag as u8,
            gain: gain as u8,
            grid: excitation.grid as u8,
            xmaxc: excitation.xmaxc as u8,
            pulses: excitation.pulses.map(|p| (p & 0x07) as u8),
        }
    }
}
