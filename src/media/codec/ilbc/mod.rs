//! iLBC, the Internet Low Bitrate Codec (RFC 3951), in pure Rust, with its RTP/SDP usage
//! from RFC 3952: 8 kHz, a dynamic payload type, `a=fmtp:<pt> mode=20` or `mode=30`.
//!
//! Every frame is coded independently of the previous one (a scalar-coded "start state"
//! seeds an adaptive codebook that runs forwards and backwards from it), so a lost packet
//! costs only its own frame; the decoder conceals it from the last frame.
//!
//! Module map: `encoder` and `decoder` drive `lpc` (analysis and filters), `lsf`
//! (quantisation and interpolation), `state` (the start state), `codebook`/`search`/`gain`
//! (the adaptive codebook), `excitation` (the frame's layout), `bitstream` (packing),
//! `enhancer` and `plc` (decoder post-processing and concealment); `tables` holds the RFC's
//! constants.

mod bitstream;
mod codebook;
mod decoder;
mod encoder;
mod enhancer;
mod excitation;
mod gain;
mod lpc;
mod lsf;
mod mode;
mod plc;
mod search;
mod state;
mod tables;

pub use decoder::Decoder as IlbcDecoder;
pub use encoder::Encoder as IlbcEncoder;
pub use mode::IlbcMode;

use super::{Codec, CodecSpec, DecodeError};

/// The payload type we offer; iLBC has no static one.
pub const DEFAULT_PAYLOAD_TYPE: u8 = 97;

/// Our spec for one iLBC mode.
pub fn ilbc_spec(mode: IlbcMode) -> CodecSpec {
    CodecSpec {
        payload_type: DEFAULT_PAYLOAD_TYPE,
        name: "iLBC",
        clock_rate: 8000,
        sample_rate: 8000,
        channels: 1,
        ptime_ms: mode.ms(),
        fmtp: Some(format!("mode={}", mode.ms())),
    }
}

/// The mode an agreed spec asks for: `mode=` in fmtp wins (RFC 3952 section 5), else ptime
/// (a multiple of 30 ms but not of 20 means 30 ms frames), else 30 ms, RFC 3952's default.
pub fn mode_of(spec: &CodecSpec) -> IlbcMode {
    spec.fmtp
        .as_deref()
        .and_then(fmtp_mode)
        .unwrap_or(match spec.ptime_ms {
            p if p > 0 && p % 20 == 0 && p % 30 != 0 => IlbcMode::Ms20,
            _ => IlbcMode::Ms30,
        })
}

/// The mode both sides can use, given ours and the peer's `a=fmtp` (RFC 3952 section 5):
/// 30 ms unless both ask for 20 ms; a peer without `mode=` means 30 ms.
pub fn agree_mode(ours: IlbcMode, remote_fmtp: Option<&str>) -> IlbcMode {
    let remote = remote_fmtp.and_then(fmtp_mode).unwrap_or(IlbcMode::Ms30);
    if ours == IlbcMode::Ms20 && remote == IlbcMode::Ms20 {
        IlbcMode::Ms20
    } else {
        IlbcMode::Ms30
    }
}

fn fmtp_mode(fmtp: &str) -> Option<IlbcMode> {
    fmtp.split(';').find_map(|param| {
        let (key, value) = param.split_once('=')?;
        if key.trim().eq_ignore_ascii_case("mode") {
            value.trim().parse().ok().and_then(IlbcMode::from_ms)
        } else {
            None
        }
    })
}

/// The frame mode of a payload from its length: RFC 3952 lets a packet carry several frames
/// and the receiver tell the mode by the size (38 and 50 bytes share no multiple below 950,
/// where `preferred` decides). None for any other length.
pub fn payload_mode(len: usize, preferred: IlbcMode) -> Option<IlbcMode> {
    let fits = |mode: IlbcMode| len > 0 && len.is_multiple_of(mode.frame_bytes());
    match (fits(IlbcMode::Ms20), fits(IlbcMode::Ms30)) {
        (true, true) => Some(preferred),
        (true, false) => Some(IlbcMode::Ms20),
        (false, true) => Some(IlbcMode::Ms30),
        (false, false) => None,
    }
}

/// iLBC as a [`Codec`]: encoder, decoder with enhancer, and concealment.
pub struct Ilbc {
    spec: CodecSpec,
    encoder: IlbcEncoder,
    decoder: IlbcDecoder,
}

impl Ilbc {
    /// A codec for an agreed spec; the spec's ptime is set to the mode's frame length, since
    /// one frame goes in each packet.
    pub fn new(spec: &CodecSpec) -> Self {
        let mode = mode_of(spec);
        let mut spec = spec.clone();
        spec.ptime_ms = mode.ms();
        spec.fmtp = Some(format!("mode={}", mode.ms()));
        Self {
            spec,
            encoder: IlbcEncoder::new(mode),
            decoder: IlbcDecoder::new(mode, true),
        }
    }
}

impl Codec for Ilbc {
    fn spec(&self) -> &CodecSpec {
        &self.spec
    }

    fn encode(&mut self, pcm: &[i16], out: &mut Vec<u8>) {
        out.extend_from_slice(&self.encoder.encode(pcm));
    }

    /// Decodes every frame of the payload, in whichever mode its length says (a peer that
    /// ignored our `mode=` is still heard).
    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<(), DecodeError> {
        let mode = payload_mode(payload.len(), self.decoder.mode())
            .ok_or(DecodeError::BadLength(payload.len()))?;
        if mode != self.decoder.mode() {
            self.decoder = IlbcDecoder::new(mode, true);
        }
        let before = out.len();
        for frame in payload.chunks(mode.frame_bytes()) {
            if let Err(e) = self.decoder.decode(frame, out) {
                out.truncate(before);
                return Err(e);
            }
        }
        Ok(())
    }

    fn conceal(&mut self, out: &mut Vec<i16>) {
        self.decoder.conceal(out);
    }
}

#[cfg(test)]
mod tests;
