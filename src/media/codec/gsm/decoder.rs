//! The GSM 06.10 decoder (§4.3): one frame's parameters in, 160 samples of PCM out.
//! Every parameter value a frame can carry is accepted; lags outside 40..=120 mean "keep
//! the previous lag", as the standard prescribes.

use super::arith::{add, mult_r};
use super::frame::FrameParams;
use super::lar;
use super::long_term::{self, History};
use super::rpe::{self, Excitation};
use super::short_term::SynthesisFilter;
use super::tables::{FRAME_SAMPLES, MAX_LAG, MIN_LAG, SUBFRAME_SAMPLES};

/// De-emphasis coefficient, 28180 / 32768, the inverse of the encoder's pre-emphasis.
const DEEMPHASIS: i16 = 28180;

/// Decoder state carried between frames.
#[derive(Debug, Clone)]
pub struct Decoder {
    history: History,
    /// The last valid long-term lag.
    previous_lag: usize,
    previous_larpp: [i16; 8],
    short_term: SynthesisFilter,
    /// De-emphasis memory.
    msr: i16,
}

impl Default for Decoder {
    fn default() -> Self {
        Self {
            history: History::default(),
            previous_lag: MIN_LAG,
            previous_larpp: [0; 8],
            short_term: SynthesisFilter::default(),
            msr: 0,
        }
    }
}

impl Decoder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn decode(&mut self, params: &FrameParams) -> [i16; FRAME_SAMPLES] {
        let mut signal = [0i16; FRAME_SAMPLES];
        for (sub, out) in params
            .subframes
            .iter()
            .zip(signal.chunks_exact_mut(SUBFRAME_SAMPLES))
        {
            let excitation = rpe::decode(&Excitation {
                grid: usize::from(sub.grid),
                xmaxc: i16::from(sub.xmaxc),
                pulses: sub.pulses.map(i16::from),
            });
            let lag = usize::from(sub.lag);
            let lag = if (MIN_LAG..=MAX_LAG).contains(&lag) {
                lag
            } else {
                self.previous_lag
            };
            self.previous_lag = lag;
            let residual =
                long_term::synthesise(&excitation, &self.history, lag, usize::from(sub.gain));
            self.history.push(&residual);
            out.copy_from_slice(&residual);
        }

        let larpp = lar::decode(&params.larc);
        self.short_term
            .filter(&self.previous_larpp, &larpp, &mut signal);
        self.previous_larpp = larpp;

        // Post-processing: de-emphasis, back to 16-bit scale, and the low 3 bits cleared.
        for sample in &mut signal {
            self.msr = add(*sample, mult_r(self.msr, DEEMPHASIS));
            *sample = add(self.msr, self.msr) & !0x07;
        }
        signal
    }
}
