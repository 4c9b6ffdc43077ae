//! Codecs as data plus three functions: a [`CodecSpec`] and `encode`, `decode`, `conceal`.
//! Adding a codec is adding a file and a line in `registry.rs`.

mod g711;
mod g722;
pub mod gsm;
pub mod ilbc;
mod opus;
mod pitch_plc;
mod registry;

pub use g711::{alaw_to_linear, linear_to_alaw, linear_to_mulaw, mulaw_to_linear, G711Law, G711};
pub use g722::{g722_spec, G722Decoder, G722Encoder, G722};
pub use ilbc::{ilbc_spec, Ilbc, IlbcMode};
pub use opus::{opus_spec, Opus, OpusSetupError, OPUS_DEFAULT_PAYLOAD_TYPE, OPUS_FMTP};
pub use pitch_plc::PitchConcealer;
pub use registry::{create, find, preferred, supported, DEFAULT_PTIME_MS};

use std::fmt;

/// What SDP and RTP need to know about a codec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecSpec {
    /// RTP payload type (static, or the dynamic one agreed in SDP).
    pub payload_type: u8,
    /// The encoding name as written in `a=rtpmap`, e.g. `PCMU`.
    pub name: &'static str,
    /// The RTP clock rate.
    pub clock_rate: u32,
    /// The rate of the PCM the codec takes and gives (differs from `clock_rate` for G.722).
    pub sample_rate: u32,
    pub channels: u8,
    /// Packet duration in milliseconds.
    pub ptime_ms: u32,
    /// The `a=fmtp` parameters, if the codec has any.
    pub fmtp: Option<String>,
}

impl CodecSpec {
    /// PCM samples in one packet.
    pub fn samples_per_frame(&self) -> usize {
        (self.sample_rate as usize * self.ptime_ms as usize) / 1000
    }

    /// RTP timestamp units in one packet.
    pub fn timestamp_step(&self) -> u32 {
        self.clock_rate * self.ptime_ms / 1000
    }
}

impl fmt::Display for CodecSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.name, self.clock_rate)
    }
}

/// A payload the decoder could not use. The stream counts it and conceals instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("payload of {0} bytes does not fit the codec")]
    BadLength(usize),
    #[error("payload is corrupt")]
    Corrupt,
}

/// One codec instance; encoders and decoders keep state between frames.
pub trait Codec: Send {
    fn spec(&self) -> &CodecSpec;
    /// Encode one frame of `spec().samples_per_frame()` samples, appending the payload to `out`.
    fn encode(&mut self, pcm: &[i16], out: &mut Vec<u8>);
    /// Decode one payload, appending PCM to `out`.
    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<(), DecodeError>;
    /// Produce one frame that stands in for a lost packet, appending PCM to `out`.
    fn conceal(&mut self, out: &mut Vec<i16>);
    /// Stand in for a lost packet when the packet after it has already arrived: a codec with
    /// in-band FEC (Opus) rebuilds the lost frame from it. Decode `next_payload` normally
    /// afterwards. The default conceals.
    fn recover(&mut self, next_payload: &[u8], out: &mut Vec<i16>) {
        let _ = next_payload;
        self.conceal(out);
    }
}
