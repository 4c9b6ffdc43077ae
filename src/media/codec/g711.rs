//! G.711 (ITU-T G.711) µ-law and A-law: 8 kHz, one byte per sample.
//!
//! Both laws are piecewise-linear approximations of a logarithm: eight segments, each twice
//! as wide as the one before, with sixteen steps inside a segment. A code byte is
//! sign | segment (3 bits) | step (4 bits), with bits inverted on the line (µ-law inverts all,
//! A-law inverts every other bit, mask 0x55) so that silence is not a run of zeros.
//!
//! The conversions follow the common 16-bit convention: µ-law works on the sample rounded to
//! 14 bits, A-law on 13 bits, decoders return the middle of each step scaled back to 16 bits.
//! That is what sox does; a test checks that our bytes are identical to its.

use super::pitch_plc::PitchConcealer;
use super::{Codec, CodecSpec, DecodeError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum G711Law {
    MuLaw,
    ALaw,
}

/// µ-law adds this bias (in 14-bit units) so that every segment starts at a power of two.
const MULAW_BIAS: i32 = 33;
/// Magnitudes above this (in 14-bit units) all take the largest code.
const MULAW_CLIP: i32 = 8159;

/// Encode one 16-bit sample as a µ-law byte.
pub fn linear_to_mulaw(sample: i16) -> u8 {
    // Round to the nearest 14-bit value (as sox does, so our bytes match its).
    let value = (i32::from(sample) + 2) >> 2;
    let (magnitude, mask) = if value < 0 {
        (-value, 0x7F)
    } else {
        (value, 0xFF)
    };
    let biased = magnitude.min(MULAW_CLIP) + MULAW_BIAS;
    // biased is in 33..=8192-1, so biased >> 5 is in 1..=255 and its top bit gives the segment.
    let segment = 31 - ((biased as u32) >> 5).leading_zeros();
    if segment > 7 {
        // Only full scale lands here; it takes the largest code.
        return 0x7F ^ mask;
    }
    let step = ((biased as u32) >> (segment + 1)) & 0x0F;
    ((segment << 4) | step) as u8 ^ mask
}

/// Decode one µ-law byte to a 16-bit sample.
pub fn mulaw_to_linear(code: u8) -> i16 {
    let code = !code;
    let segment = u32::from((code >> 4) & 0x07);
    let step = i32::from(code & 0x0F);
    // Middle of the step, in 16-bit units (the 14-bit bias times four is 132).
    let biased = ((step << 3) + 4 * MULAW_BIAS) << segment;
    let magnitude = biased - 4 * MULAW_BIAS;
    let value = if code & 0x80 != 0 {
        -magnitude
    } else {
        magnitude
    };
    value as i16
}

/// Encode one 16-bit sample as an A-law byte.
pub fn linear_to_alaw(sample: i16) -> u8 {
    // Round to the nearest 13-bit value.
    let value = (i32::from(sample) + 4) >> 3;
    // A-law is sign-magnitude on the one's complement, so -1 maps next to +0.
    let (magnitude, mask) = if value >= 0 {
        (value, 0xD5u8)
    } else {
        (-value - 1, 0x55u8)
    };
    let magnitude = magnitude.min(0x0FFF) as u32;
    // Segment 0 and 1 share the same step size; above that each segment doubles.
    let segment = if magnitude < 0x20 {
        0
    } else {
        32 - magnitude.leading_zeros() - 5
    };
    let step = if segment < 2 {
        (magnitude >> 1) & 0x0F
    } else {
        (magnitude >> segment) & 0x0F
    };
    ((segment << 4) | step) as u8 ^ mask
}

/// Decode one A-law byte to a 16-bit sample.
pub fn alaw_to_linear(code: u8) -> i16 {
    let code = code ^ 0x55;
    let segment = u32::from((code >> 4) & 0x07);
    let step = i32::from(code & 0x0F) << 4;
    // Middle of the step, in 16-bit units.
    let magnitude = match segment {
        0 => step + 8,
        _ => (step + 0x108) << (segment - 1),
    };
    let value = if code & 0x80 != 0 {
        magnitude
    } else {
        -magnitude
    };
    value as i16
}

/// A G.711 encoder/decoder pair with packet-loss concealment.
pub struct G711 {
    spec: CodecSpec,
    law: G711Law,
    concealer: PitchConcealer,
}

impl G711 {
    pub fn new(law: G711Law, spec: CodecSpec) -> Self {
        let concealer = PitchConcealer::new(spec.sample_rate);
        Self {
            spec,
            law,
            concealer,
        }
    }

    pub fn law(&self) -> G711Law {
        self.law
    }
}

impl Codec for G711 {
    fn spec(&self) -> &CodecSpec {
        &self.spec
    }

    fn encode(&mut self, pcm: &[i16], out: &mut Vec<u8>) {
        let convert = match self.law {
            G711Law::MuLaw => linear_to_mulaw,
            G711Law::ALaw => linear_to_alaw,
        };
        out.extend(pcm.iter().map(|&sample| convert(sample)));
    }

    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<(), DecodeError> {
        // Every byte is a sample, so any length decodes; an empty payload carries no audio.
        if payload.is_empty() {
            return Err(DecodeError::BadLength(0));
        }
        let convert = match self.law {
            G711Law::MuLaw => mulaw_to_linear,
            G711Law::ALaw => alaw_to_linear,
        };
        let start = out.len();
        out.extend(payload.iter().map(|&code| convert(code)));
        self.concealer.remember(&out[start..]);
        Ok(())
    }

    fn conceal(&mut self, out: &mut Vec<i16>) {
        self.concealer.conceal(self.spec.samples_per_frame(), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silence_has_the_standard_codes() {
        assert_eq!(linear_to_mulaw(0), 0xFF);
        assert_eq!(linear_to_alaw(0), 0xD5);
        assert_eq!(mulaw_to_linear(0xFF), 0);
        assert_eq!(alaw_to_linear(0xD5), 8);
    }

    #[test]
    fn extremes_use_the_last_segment() {
        assert_eq!(linear_to_mulaw(i16::MAX), 0x80);
        assert_eq!(linear_to_mulaw(i16::MIN), 0x00);
        assert_eq!(mulaw_to_linear(0x80), 32124);
        assert_eq!(mulaw_to_linear(0x00), -32124);
        assert_eq!(linear_to_alaw(i16::MAX), 0xAA);
        assert_eq!(linear_to_alaw(i16::MIN), 0x2A);
        assert_eq!(alaw_to_linear(0xAA), 32256);
        assert_eq!(alaw_to_linear(0x2A), -32256);
    }

    #[test]
    fn every_code_survives_decode_then_encode() {
        // µ-law has two zeros (0x7F is -0); every other code must map back to itself.
        for code in 0..=255u8 {
            let back = linear_to_mulaw(mulaw_to_linear(code));
            if code == 0x7F {
                assert_eq!(back, 0xFF);
            } else {
                assert_eq!(back, code, "µ-law code {code:#04x}");
            }
            assert_eq!(
                linear_to_alaw(alaw_to_linear(code)),
                code,
                "A-law {code:#04x}"
            );
        }
    }

    /// The quantisation error of a logarithmic code grows with the signal: within each
    /// segment it is at most half a step. Check it never exceeds ~3.2 % of the value (plus
    /// the smallest step near zero).
    #[test]
    fn round_trip_error_is_within_half_a_step() {
        for sample in (i16::MIN..=i16::MAX).step_by(7) {
            let value = i32::from(sample);
            let mu = i32::from(mulaw_to_linear(linear_to_mulaw(sample)));
            let a = i32::from(alaw_to_linear(linear_to_alaw(sample)));
            let magnitude = value.abs().min(32124);
            let bound = 8 + magnitude / 32;
            assert!(
                (mu - value.clamp(-32124, 32124)).abs() <= bound + 4,
                "µ-law {sample} -> {mu}"
            );
            let a_bound = 16 + value.abs().min(32256) / 32;
            assert!(
                (a - value.clamp(-32256, 32256)).abs() <= a_bound,
                "A-law {sample} -> {a}"
            );
        }
    }

    #[test]
    fn decode_rejects_an_empty_payload_and_conceals_after_loss() {
        let spec = super::super::find("PCMU", 8000).unwrap();
        let mut codec = G711::new(G711Law::MuLaw, spec);
        let mut pcm = Vec::new();
        assert_eq!(codec.decode(&[], &mut pcm), Err(DecodeError::BadLength(0)));
        let tone: Vec<i16> = (0..160).map(|i| ((i % 20) * 500 - 5000) as i16).collect();
        let mut payload = Vec::new();
        codec.encode(&tone, &mut payload);
        assert_eq!(payload.len(), 160);
        codec.decode(&payload, &mut pcm).unwrap();
        let mut concealed = Vec::new();
        codec.conceal(&mut concealed);
        assert_eq!(concealed.len(), 160);
        assert!(
            concealed.iter().any(|&s| s != 0),
            "first concealed frame repeats audio"
        );
    }
}
