//! The short-term (LPC) lattice filters of GSM 06.10: analysis in the encoder (§4.2.10)
//! and synthesis in the decoder (§4.3.4), each over the four interpolation segments.

use super::arith::{add, mult_r, sub};
use super::lar::{segment_coefficients, SEGMENTS};
use super::tables::FRAME_SAMPLES;

/// Memory of the encoder's analysis lattice.
#[derive(Debug, Default, Clone)]
pub struct AnalysisFilter {
    u: [i16; 8],
}

impl AnalysisFilter {
    /// Replace `s` by the short-term residual d, filtering with coefficients interpolated
    /// between the previous frame's LAR'' and this frame's.
    pub fn filter(
        &mut self,
        previous: &[i16; 8],
        current: &[i16; 8],
        s: &mut [i16; FRAME_SAMPLES],
    ) {
        for (segment, &(start, end)) in SEGMENTS.iter().enumerate() {
            let rp = segment_coefficients(previous, current, segment);
            for sample in &mut s[start..end] {
                *sample = self.step(&rp, *sample);
            }
        }
    }

    fn step(&mut self, rp: &[i16; 8], input: i16) -> i16 {
        let mut forward = input;
        let mut backward = input;
        for (u, &r) in self.u.iter_mut().zip(rp) {
            let delayed = *u;
            *u = backward;
            backward = add(delayed, mult_r(r, forward));
            forward = add(forward, mult_r(r, delayed));
        }
        forward
    }
}

/// Memory of the decoder's synthesis lattice.
#[derive(Debug, Default, Clone)]
pub struct SynthesisFilter {
    v: [i16; 9],
}

impl SynthesisFilter {
    /// Replace the excitation `wt` by the reconstructed (still pre-emphasised) speech.
    pub fn filter(
        &mut self,
        previous: &[i16; 8],
        current: &[i16; 8],
        wt: &mut [i16; FRAME_SAMPLES],
    ) {
        for (segment, &(start, end)) in SEGMENTS.iter().enumerate() {
            let rrp = segment_coefficients(previous, current, segment);
            for sample in &mut wt[start..end] {
                *sample = self.step(&rrp, *sample);
            }
        }
    }

    fn step(&mut self, rrp: &[i16; 8], input: i16) -> i16 {
        let mut sri = input;
        // The lattice runs from the last stage to the first.
        for i in (0..8).rev() {
            sri = sub(sri, mult_r(rrp[i], self.v[i]));
            self.v[i + 1] = add(self.v[i], mult_r(rrp[i], sri));
        }
        self.v[0] = sri;
        sri
    }
}
