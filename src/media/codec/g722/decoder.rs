//! The G.722 decoder (64 kbit/s, mode 1): both sub-bands back from their codes, then the
//! QMF merge to 16 kHz.

use super::band::{BandState, SubBand};
use super::qmf::MergeFilter;
use super::tables::{HIGH_INV_QUANT, HIGH_LOG_STEP, LOW_INV_QUANT4, LOW_INV_QUANT6, LOW_LOG_STEP};

/// Reconstructed sub-band signals are 15-bit.
fn limit15(value: i32) -> i32 {
    value.clamp(-16384, 16383)
}

/// Decoder state for one stream.
#[derive(Debug, Clone)]
pub struct Decoder {
    merge: MergeFilter,
    lower: BandState,
    higher: BandState,
}

impl Default for Decoder {
    fn default() -> Self {
        Self {
            merge: MergeFilter::default(),
            lower: BandState::new(SubBand::Lower),
            higher: BandState::new(SubBand::Higher),
        }
    }
}

impl Decoder {
    /// Decode bytes, appending two 16 kHz samples per byte. Every byte value is a valid code.
    pub fn decode(&mut self, bytes: &[u8], out: &mut Vec<i16>) {
        out.reserve(bytes.len() * 2);
        for &byte in bytes {
            let low = self.decode_lower(byte & 0x3F);
            let high = self.decode_higher(byte >> 6);
            let (first, second) = self.merge.merge(low, high);
            out.extend([first, second]);
        }
    }

    fn decode_lower(&mut self, code: u8) -> i32 {
        let band = &mut self.lower;
        let scale = band.scale();
        // Full 6-bit resolution for what we hear; the predictor stays on the 4-bit core.
        let full = (LOW_INV_QUANT6[usize::from(code & 0x3F)] * scale) >> 15;
        let sample = limit15(band.estimate() + full);
        let core = usize::from((code >> 2) & 0x0F);
        band.update((LOW_INV_QUANT4[core] * scale) >> 15, LOW_LOG_STEP[core]);
        sample
    }

    fn decode_higher(&mut self, code: u8) -> i32 {
        let band = &mut self.higher;
        let index = usize::from(code & 0x03);
        let difference = (HIGH_INV_QUANT[index] * band.scale()) >> 15;
        let sample = limit15(band.estimate() + difference);
        band.update(difference, HIGH_LOG_STEP[index]);
        sample
    }
}
