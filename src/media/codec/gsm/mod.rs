//! GSM 06.10 full rate (RPE-LTP, 13 kbit/s) in pure Rust, written from the ETSI
//! specification's algorithm description and bit-exact with it (and so with libgsm, which
//! the tests use as an oracle). RTP carriage per RFC 3551: payload type 3, one 20 ms frame
//! of 33 bytes per 160 samples.
//!
//! - `arith`: the standard's saturating fixed-point operations;
//! - `preprocess`, `lpc`: downscaling, offset compensation, pre-emphasis, LPC → LARc;
//! - `lar`, `short_term`: LAR decoding and interpolation, the lattice filters;
//! - `long_term`: pitch lag/gain search and filtering; `rpe`: the pulse excitation;
//! - `frame`: the 33-byte wire format; `encoder`, `decoder`: the two halves.
//!
//! [`Gsm`] is the [`Codec`] the media stream uses; [`Encoder`], [`Decoder`] and
//! [`pack`]/[`unpack`] are public for the bit-exactness tests, the bench and the fuzzer.

mod arith;
mod decoder;
mod encoder;
mod frame;
mod lar;
mod long_term;
mod lpc;
mod preprocess;
mod rpe;
mod short_term;
mod tables;

pub use decoder::Decoder;
pub use encoder::Encoder;
pub use frame::{pack, unpack, FrameError, FrameParams, SubframeParams, FRAME_BYTES};
pub use tables::FRAME_SAMPLES;

use super::pitch_plc::PitchConcealer;
use super::{Codec, CodecSpec, DecodeError};

/// RFC 3551's static payload type for GSM.
pub const PAYLOAD_TYPE: u8 = 3;

/// Our spec for GSM: PT 3, `GSM/8000`, 20 ms.
pub fn spec() -> CodecSpec {
    CodecSpec {
        payload_type: PAYLOAD_TYPE,
        name: "GSM",
        clock_rate: 8000,
        sample_rate: 8000,
        channels: 1,
        ptime_ms: super::DEFAULT_PTIME_MS,
        fmtp: None,
    }
}

/// A codec instance for an agreed spec, if it describes GSM as we speak it.
pub fn create(spec: &CodecSpec) -> Option<Box<dyn Codec>> {
    let fits = spec.name.eq_ignore_ascii_case("GSM")
        && spec.clock_rate == 8000
        && spec.sample_rate == 8000
        && spec.channels == 1;
    fits.then(|| Box::new(Gsm::new(spec.clone())) as Box<dyn Codec>)
}

/// GSM 06.10 encoder and decoder pair with packet-loss concealment.
///
/// A packet holds as many 20 ms frames as the agreed ptime asks for (one by default); the
/// decoder takes any whole number of frames.
pub struct Gsm {
    spec: CodecSpec,
    encoder: Encoder,
    decoder: Decoder,
    concealer: PitchConcealer,
}

impl Gsm {
    pub fn new(spec: CodecSpec) -> Self {
        let concealer = PitchConcealer::new(spec.sample_rate);
        Self {
            spec,
            encoder: Encoder::new(),
            decoder: Decoder::new(),
            concealer,
        }
    }

    /// Frames per packet at the agreed ptime, at least one.
    fn frames_per_packet(&self) -> usize {
        (self.spec.samples_per_frame() / FRAME_SAMPLES).max(1)
    }
}

impl Codec for Gsm {
    fn spec(&self) -> &CodecSpec {
        &self.spec
    }

    /// Encodes `frames_per_packet` frames; missing samples count as silence and extra ones
    /// are ignored, so a caller's off-by-some buffer cannot break the stream.
    fn encode(&mut self, pcm: &[i16], out: &mut Vec<u8>) {
        for n in 0..self.frames_per_packet() {
            let mut frame = [0i16; FRAME_SAMPLES];
            let start = n * FRAME_SAMPLES;
            if let Some(available) = pcm.get(start..) {
                let count = available.len().min(FRAME_SAMPLES);
                frame[..count].copy_from_slice(&available[..count]);
            }
            out.extend_from_slice(&self.encoder.encode(&frame));
        }
    }

    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<(), DecodeError> {
        if payload.is_empty() || !payload.len().is_multiple_of(FRAME_BYTES) {
            return Err(DecodeError::BadLength(payload.len()));
        }
        // Check every frame before decoding any, so a bad packet leaves the state untouched.
        let frames = payload
            .chunks_exact(FRAME_BYTES)
            .map(unpack)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| match error {
                FrameError::BadLength(length) => DecodeError::BadLength(length),
                FrameError::BadSignature => DecodeError::Corrupt,
            })?;
        let start = out.len();
        for params in &frames {
            out.extend_from_slice(&self.decoder.decode(params));
        }
        self.concealer.remember(&out[start..]);
        Ok(())
    }

    fn conceal(&mut self, out: &mut Vec<i16>) {
        self.concealer.conceal(self.spec.samples_per_frame(), out);
    }
}

#[cfg(test)]
mod tests;
