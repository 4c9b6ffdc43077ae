//! G.722 (ITU-T G.722, sub-band ADPCM) at 64 kbit/s: 16 kHz wideband speech in 8 bits per
//! pair of samples.
//!
//! A quadrature mirror filter splits the input into a lower (0-4 kHz) and a higher
//! (4-8 kHz) band at 8 kHz each; the lower band is coded with 6-bit ADPCM and the higher with
//! 2-bit ADPCM; each octet is `higher code (2 bits) | lower code (6 bits)`.
//!
//! RTP (RFC 3551): static payload type 9, and the RTP clock runs at 8000 Hz even though the
//! audio is sampled at 16 kHz — a historical error kept for interoperability. So a 20 ms
//! packet is 320 samples, 160 octets, and advances the RTP timestamp by 160.

mod band;
mod decoder;
mod encoder;
mod qmf;
mod tables;

pub use decoder::Decoder as G722Decoder;
pub use encoder::Encoder as G722Encoder;

use super::pitch_plc::PitchConcealer;
use super::{Codec, CodecSpec, DecodeError};

/// Payload type RFC 3551 assigns to G.722.
pub const G722_PAYLOAD_TYPE: u8 = 9;

/// Our spec for G.722: PT 9, `G722/8000`, 16 kHz audio, 20 ms packets.
pub fn g722_spec(ptime_ms: u32) -> CodecSpec {
    CodecSpec {
        payload_type: G722_PAYLOAD_TYPE,
        name: "G722",
        clock_rate: 8000,
        sample_rate: 16000,
        channels: 1,
        ptime_ms,
        fmtp: None,
    }
}

/// A G.722 encoder/decoder pair with packet-loss concealment.
pub struct G722 {
    spec: CodecSpec,
    encoder: G722Encoder,
    decoder: G722Decoder,
    concealer: PitchConcealer,
}

impl G722 {
    pub fn new(spec: CodecSpec) -> Self {
        let concealer = PitchConcealer::new(spec.sample_rate);
        Self {
            spec,
            encoder: G722Encoder::default(),
            decoder: G722Decoder::default(),
            concealer,
        }
    }
}

impl Codec for G722 {
    fn spec(&self) -> &CodecSpec {
        &self.spec
    }

    fn encode(&mut self, pcm: &[i16], out: &mut Vec<u8>) {
        self.encoder.encode(pcm, out);
    }

    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<(), DecodeError> {
        // Every octet is a valid code pair, so any non-empty payload decodes.
        if payload.is_empty() {
            return Err(DecodeError::BadLength(0));
        }
        let start = out.len();
        self.decoder.decode(payload, out);
        if let Some(frame) = out.get(start..) {
            self.concealer.remember(frame);
        }
        Ok(())
    }

    fn conceal(&mut self, out: &mut Vec<i16>) {
        // The ADPCM state simply carries on with the next real packet; it re-adapts within
        // a few milliseconds, and the cross-fade back from the concealment hides that.
        self.concealer.conceal(self.spec.samples_per_frame(), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_20_ms_frame_is_320_samples_160_octets_and_160_timestamp_ticks() {
        let spec = g722_spec(20);
        assert_eq!(spec.samples_per_frame(), 320);
        assert_eq!(spec.timestamp_step(), 160);
        let mut codec = G722::new(spec);
        let mut payload = Vec::new();
        codec.encode(&[0; 320], &mut payload);
        assert_eq!(payload.len(), 160);
        let mut pcm = Vec::new();
        codec.decode(&payload, &mut pcm).unwrap();
        assert_eq!(pcm.len(), 320);
    }

    #[test]
    fn a_tone_survives_the_round_trip() {
        let mut codec = G722::new(g722_spec(20));
        let input: Vec<i16> = (0..3200)
            .map(|n| {
                ((n as f64 * 2.0 * std::f64::consts::PI * 1000.0 / 16000.0).sin() * 10000.0) as i16
            })
            .collect();
        let mut payload = Vec::new();
        let mut output = Vec::new();
        for frame in input.chunks(320) {
            payload.clear();
            codec.encode(frame, &mut payload);
            codec.decode(&payload, &mut output).unwrap();
        }
        // The codec delays by the two QMF filters: 22 samples in total.
        let (signal, noise) = input[..3000].iter().zip(&output[22..3022]).skip(400).fold(
            (0.0, 0.0),
            |(s, n), (&a, &b)| {
                let (a, b) = (f64::from(a), f64::from(b));
                (s + a * a, n + (a - b) * (a - b))
            },
        );
        let snr = 10.0 * (signal / noise).log10();
        assert!(snr > 25.0, "SNR {snr:.1} dB");
    }

    #[test]
    fn an_empty_payload_is_refused_and_loss_is_concealed() {
        let mut codec = G722::new(g722_spec(20));
        let mut out = Vec::new();
        assert_eq!(codec.decode(&[], &mut out), Err(DecodeError::BadLength(0)));
        codec.conceal(&mut out);
        assert_eq!(out.len(), 320);
    }
}
