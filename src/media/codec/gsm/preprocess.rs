//! Encoder preprocessing (GSM 06.10 §4.2.1–4.2.3): downscaling to 13 bits, offset
//! compensation (a high-pass that removes DC) and pre-emphasis.

use super::arith::{add, l_add, l_mult, mult_r, sub};
use super::tables::FRAME_SAMPLES;

/// Pole of the offset-compensation high-pass, 32735 / 32768.
const OFFSET_POLE: i16 = 32735;
/// Pre-emphasis coefficient, -28180 / 32768 (≈ -0.86).
const PREEMPHASIS: i16 = -28180;

/// The filter memories that carry over from one frame to the next.
#[derive(Debug, Default, Clone)]
pub struct Preprocessor {
    /// Previous downscaled input sample.
    z1: i16,
    /// Previous high-pass output, in Q15, kept at 31 bits of precision.
    l_z2: i32,
    /// Previous high-pass output rounded to a word (the pre-emphasis memory).
    mp: i16,
}

impl Preprocessor {
    /// Turn one frame of 16-bit PCM into the pre-emphasised signal `s` the LPC analysis uses.
    pub fn process(&mut self, pcm: &[i16; FRAME_SAMPLES]) -> [i16; FRAME_SAMPLES] {
        let mut out = [0i16; FRAME_SAMPLES];
        for (sample, out) in pcm.iter().zip(out.iter_mut()) {
            // The standard works on 13-bit samples, left-aligned with two guard bits.
            let so = (sample >> 3) << 2;
            let s1 = sub(so, self.z1);
            self.z1 = so;

            // The recursive part needs 31 × 16-bit precision: split the memory into a
            // high word (msp) and the 15 low bits (lsp) and multiply each by the pole.
            let msp = (self.l_z2 >> 15) as i16;
            let lsp = self.l_z2.wrapping_sub(i32::from(msp) << 15) as i16;
            let l_s2 = l_add(i32::from(s1) << 15, i32::from(mult_r(lsp, OFFSET_POLE)));
            self.l_z2 = l_add(l_mult(msp, OFFSET_POLE) >> 1, l_s2);
            let sof = (l_add(self.l_z2, 16384) >> 15) as i16;

            *out = add(sof, mult_r(self.mp, PREEMPHASIS));
            self.mp = sof;
        }
        out
    }
}
