//! The G.722 encoder: QMF split, then 6-bit ADPCM on the lower band and 2-bit on the higher.

use super::band::{BandState, SubBand};
use super::qmf::SplitFilter;
use super::tables::{
    low_code_negative, low_code_positive, HIGH_DECISION_LEVEL, HIGH_INV_QUANT, HIGH_LOG_STEP,
    LOW_DECISION_LEVELS, LOW_INV_QUANT4, LOW_LOG_STEP,
};

/// Magnitude as the quantisers see it: one's complement, so -1 and 0 share the first interval.
fn magnitude(error: i32) -> i32 {
    error ^ (error >> 31)
}

/// 6-bit codeword for a lower-band prediction error at scale factor `scale`.
pub fn quantize_low(error: i32, scale: i32) -> u8 {
    let wd = magnitude(error);
    let interval = LOW_DECISION_LEVELS
        .iter()
        .take_while(|&&level| wd >= (level * scale) >> 12)
        .count();
    if error < 0 {
        low_code_negative(interval)
    } else {
        low_code_positive(interval)
    }
}

/// 2-bit codeword for a higher-band prediction error at scale factor `scale`.
pub fn quantize_high(error: i32, scale: i32) -> u8 {
    let outer = magnitude(error) >= (HIGH_DECISION_LEVEL * scale) >> 12;
    match (error < 0, outer) {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (false, false) => 3,
    }
}

/// Encoder state for one stream.
#[derive(Debug, Clone)]
pub struct Encoder {
    split: SplitFilter,
    lower: BandState,
    higher: BandState,
}

impl Default for Encoder {
    fn default() -> Self {
        Self {
            split: SplitFilter::default(),
            lower: BandState::new(SubBand::Lower),
            higher: BandState::new(SubBand::Higher),
        }
    }
}

impl Encoder {
    /// Encode 16 kHz PCM, two samples per output byte. An odd last sample is paired with
    /// silence (a frame is always an even number of samples).
    pub fn encode(&mut self, pcm: &[i16], out: &mut Vec<u8>) {
        let mut pairs = pcm.chunks(2);
        for pair in &mut pairs {
            let earlier = pair.first().copied().unwrap_or(0);
            let later = pair.get(1).copied().unwrap_or(0);
            out.push(self.encode_pair(earlier, later));
        }
    }

    fn encode_pair(&mut self, earlier: i16, later: i16) -> u8 {
        let (low, high) = self.split.split(earlier, later);
        let low_code = self.encode_lower(low);
        let high_code = self.encode_higher(high);
        (high_code << 6) | low_code
    }

    fn encode_lower(&mut self, sample: i32) -> u8 {
        let band = &mut self.lower;
        let error = (sample - band.estimate()).clamp(-32768, 32767);
        let code = quantize_low(error, band.scale());
        // The predictor adapts on the 4-bit core of the code, as the decoder will.
        let core = usize::from(code >> 2);
        let difference = (LOW_INV_QUANT4[core] * band.scale()) >> 15;
        band.update(difference, LOW_LOG_STEP[core]);
        code
    }

    fn encode_higher(&mut self, sample: i32) -> u8 {
        let band = &mut self.higher;
        let error = (sample - band.estimate()).clamp(-32768, 32767);
        let code = quantize_high(error, band.scale());
        let index = usize::from(code);
        let difference = (HIGH_INV_QUANT[index] * band.scale()) >> 15;
        band.update(difference, HIGH_LOG_STEP[index]);
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_errors_take_the_innermost_codes() {
        // At a larger scale the first decision level is above zero.
        assert_eq!(quantize_low(0, 1024), 61);
        assert_eq!(quantize_low(-1, 1024), 63);
        assert_eq!(quantize_high(0, 8), 3);
        assert_eq!(quantize_high(-1, 8), 1);
    }

    #[test]
    fn huge_errors_take_the_outermost_codes() {
        assert_eq!(quantize_low(32767, 32), 32);
        assert_eq!(quantize_low(-32768, 32), 4);
        assert_eq!(quantize_high(32767, 8), 2);
        assert_eq!(quantize_high(-32768, 8), 0);
    }
}
