//! Opus (RFC 6716) through libopus, with the RTP conventions of RFC 7587.
//!
//! SDP always says `opus/48000/2` (RFC 7587 section 7: the clock is 48 kHz and the channel
//! count is 2 whatever is actually sent), so [`opus_spec`] has `channels: 2`. We encode and
//! decode mono at 48 kHz, and say so with `stereo=0; sprop-stereo=0`; a stereo packet from a
//! peer is mixed down by the decoder. The audio session therefore runs at 48 kHz during an
//! Opus call (`sample_rate: 48000`).
//!
//! Settings are for a voice call over a lossy network: the VoIP application, in-band forward
//! error correction (FEC) tuned for about 10 % loss, no DTX (a steady packet stream keeps the
//! jitter buffer simple), complexity 9. Loss is concealed by libopus's own PLC; when the
//! packet after a loss is at hand, [`Opus::decode_fec`] rebuilds the lost one from the
//! redundancy it carries.

use super::{Codec, CodecSpec, DecodeError};
use audiopus::coder::{Decoder, Encoder};
use audiopus::packet::Packet;
use audiopus::{Application, Bitrate, Channels, MutSignals, SampleRate, Signal};

/// The dynamic payload type we offer for Opus unless the peer chose another.
pub const OPUS_DEFAULT_PAYLOAD_TYPE: u8 = 111;
/// RFC 7587 format parameters we offer.
pub const OPUS_FMTP: &str = "useinbandfec=1;maxplaybackrate=48000;stereo=0;sprop-stereo=0";

const SAMPLE_RATE: u32 = 48_000;
/// The longest packet Opus allows: 120 ms at 48 kHz.
const MAX_PACKET_SAMPLES: usize = 5760;
/// Longest frame one `opus_encode` call takes: 60 ms.
const MAX_FRAME_SAMPLES: usize = 2880;
/// Ample room for one encoded packet (RFC 6716 recommends at most 1275 octets per frame).
const MAX_PAYLOAD: usize = 1500;
const BITRATE: i32 = 40_000;
const EXPECTED_LOSS_PERCENT: u8 = 10;
const COMPLEXITY: u8 = 9;

/// Our spec for Opus per RFC 7587: `opus/48000/2`, mono audio at 48 kHz.
pub fn opus_spec(payload_type: u8, ptime_ms: u32) -> CodecSpec {
    CodecSpec {
        payload_type,
        name: "opus",
        clock_rate: SAMPLE_RATE,
        sample_rate: SAMPLE_RATE,
        channels: 2,
        ptime_ms,
        fmtp: Some(OPUS_FMTP.to_owned()),
    }
}

/// Whether one Opus frame can last `ptime_ms` (2.5 ms is not a whole millisecond).
fn is_frame_duration(ptime_ms: u32) -> bool {
    matches!(ptime_ms, 5 | 10 | 20 | 40 | 60)
}

/// Frame sizes one `opus_encode` call accepts, at 48 kHz.
fn is_frame_size(samples: usize) -> bool {
    matches!(samples, 120 | 240 | 480 | 960 | 1920 | 2880)
}

/// libopus could not set up an encoder or decoder.
#[derive(Debug, thiserror::Error)]
#[error("libopus set-up failed: {0}")]
pub struct OpusSetupError(String);

impl From<audiopus::Error> for OpusSetupError {
    fn from(error: audiopus::Error) -> Self {
        Self(error.to_string())
    }
}

/// An Opus encoder/decoder pair for one call.
pub struct Opus {
    spec: CodecSpec,
    encoder: Encoder,
    decoder: Decoder,
    pcm: Vec<i16>,
    payload: Vec<u8>,
}

impl Opus {
    /// A codec for an agreed spec. A ptime that one Opus frame cannot span (say 30 ms) is
    /// replaced by 20 ms: ptime is only a wish (RFC 4566), and the stream follows our spec.
    pub fn new(spec: CodecSpec) -> Result<Self, OpusSetupError> {
        let spec = CodecSpec {
            ptime_ms: if is_frame_duration(spec.ptime_ms) {
                spec.ptime_ms
            } else {
                20
            },
            ..spec
        };
        let mut encoder = Encoder::new(SampleRate::Hz48000, Channels::Mono, Application::Voip)?;
        encoder.set_bitrate(Bitrate::BitsPerSecond(BITRATE))?;
        encoder.set_signal(Signal::Voice)?;
        encoder.set_inband_fec(true)?;
        encoder.set_packet_loss_perc(EXPECTED_LOSS_PERCENT)?;
        encoder.set_dtx(false)?;
        encoder.set_complexity(COMPLEXITY)?;
        let decoder = Decoder::new(SampleRate::Hz48000, Channels::Mono)?;
        Ok(Self {
            spec,
            encoder,
            decoder,
            pcm: vec![0; MAX_PACKET_SAMPLES],
            payload: vec![0; MAX_PAYLOAD],
        })
    }

    /// Rebuild a lost frame from the FEC data in the packet that followed it, appending one
    /// frame of PCM to `out`. Decode `next_payload` normally afterwards. If the packet carries
    /// no FEC data, libopus conceals instead, so this always yields a frame on `Ok`.
    pub fn decode_fec(
        &mut self,
        next_payload: &[u8],
        out: &mut Vec<i16>,
    ) -> Result<(), DecodeError> {
        let frame = self.spec.samples_per_frame().min(MAX_PACKET_SAMPLES);
        self.run_decoder(Some(next_payload), frame, true, out)
    }

    fn run_decoder(
        &mut self,
        payload: Option<&[u8]>,
        samples: usize,
        fec: bool,
        out: &mut Vec<i16>,
    ) -> Result<(), DecodeError> {
        let packet = match payload {
            None => None,
            Some(bytes) => {
                Some(Packet::try_from(bytes).map_err(|_| DecodeError::BadLength(bytes.len()))?)
            }
        };
        let window = self.pcm.get_mut(..samples).ok_or(DecodeError::Corrupt)?;
        let signals = MutSignals::try_from(window).map_err(|_| DecodeError::Corrupt)?;
        let decoded = self
            .decoder
            .decode(packet, signals, fec)
            .map_err(|_| DecodeError::Corrupt)?;
        out.extend_from_slice(self.pcm.get(..decoded).ok_or(DecodeError::Corrupt)?);
        Ok(())
    }
}

impl Codec for Opus {
    fn spec(&self) -> &CodecSpec {
        &self.spec
    }

    fn encode(&mut self, pcm: &[i16], out: &mut Vec<u8>) {
        let mut frame = pcm;
        let padded;
        if !is_frame_size(frame.len()) {
            // Not a duration Opus can code (the caller broke the frame contract): pad with
            // silence, or cut, to the next size it can.
            let size = [120, 240, 480, 960, 1920, 2880]
                .into_iter()
                .find(|&size| size >= frame.len())
                .unwrap_or(MAX_FRAME_SAMPLES);
            padded = frame
                .iter()
                .copied()
                .chain(std::iter::repeat(0))
                .take(size)
                .collect::<Vec<i16>>();
            frame = &padded;
        }
        // An encoder error leaves the payload empty; a receiver treats that as a lost packet.
        if let Ok(written) = self.encoder.encode(frame, &mut self.payload) {
            out.extend_from_slice(self.payload.get(..written).unwrap_or_default());
        }
    }

    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<(), DecodeError> {
        if payload.is_empty() {
            return Err(DecodeError::BadLength(0));
        }
        self.run_decoder(Some(payload), MAX_PACKET_SAMPLES, false, out)
    }

    fn conceal(&mut self, out: &mut Vec<i16>) {
        // libopus extrapolates from its state (and fades out over repeated losses).
        let frame = self.spec.samples_per_frame().min(MAX_PACKET_SAMPLES);
        if self.run_decoder(None, frame, false, out).is_err() {
            out.extend(std::iter::repeat_n(0, frame));
        }
    }

    fn recover(&mut self, next_payload: &[u8], out: &mut Vec<i16>) {
        if self.decode_fec(next_payload, out).is_err() {
            self.conceal(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(frames: usize) -> Vec<i16> {
        (0..frames * 960)
            .map(|n| {
                ((n as f64 * 2.0 * std::f64::consts::PI * 440.0 / 48000.0).sin() * 8000.0) as i16
            })
            .collect()
    }

    #[test]
    fn the_spec_follows_rfc_7587() {
        let spec = opus_spec(OPUS_DEFAULT_PAYLOAD_TYPE, 20);
        assert_eq!(spec.to_string(), "opus/48000");
        assert_eq!((spec.channels, spec.sample_rate), (2, 48000));
        assert_eq!(spec.samples_per_frame(), 960);
        assert_eq!(spec.timestamp_step(), 960);
        assert!(spec.fmtp.as_deref().unwrap().contains("useinbandfec=1"));
    }

    #[test]
    fn a_ptime_opus_cannot_frame_becomes_20_ms() {
        let opus = Opus::new(opus_spec(111, 30)).unwrap();
        assert_eq!(opus.spec().ptime_ms, 20);
        let opus = Opus::new(opus_spec(111, 40)).unwrap();
        assert_eq!(opus.spec().samples_per_frame(), 1920);
    }

    #[test]
    fn frames_round_trip_at_20_ms() {
        let mut opus = Opus::new(opus_spec(111, 20)).unwrap();
        let mut payload = Vec::new();
        let mut pcm = Vec::new();
        for frame in tone(10).chunks(960) {
            payload.clear();
            opus.encode(frame, &mut payload);
            assert!(!payload.is_empty() && payload.len() < 400);
            opus.decode(&payload, &mut pcm).unwrap();
        }
        assert_eq!(pcm.len(), 9600);
        let peak = pcm[4800..].iter().map(|s| s.unsigned_abs()).max().unwrap();
        assert!((5000..12000).contains(&peak), "peak {peak}");
    }

    #[test]
    fn an_odd_sized_frame_is_padded_not_refused() {
        let mut opus = Opus::new(opus_spec(111, 20)).unwrap();
        let mut payload = Vec::new();
        opus.encode(&[0; 1000], &mut payload);
        let mut pcm = Vec::new();
        opus.decode(&payload, &mut pcm).unwrap();
        assert_eq!(pcm.len(), 1920);
    }

    #[test]
    fn fec_and_plc_each_give_one_frame() {
        let mut opus = Opus::new(opus_spec(111, 20)).unwrap();
        let mut payload = Vec::new();
        let mut pcm = Vec::new();
        let frames = tone(20);
        let mut packets = Vec::new();
        for frame in frames.chunks(960) {
            payload.clear();
            opus.encode(frame, &mut payload);
            packets.push(payload.clone());
        }
        for packet in &packets[..10] {
            opus.decode(packet, &mut pcm).unwrap();
        }
        // Packet 10 is lost; 11 is here.
        let before = pcm.len();
        opus.decode_fec(&packets[11], &mut pcm).unwrap();
        assert_eq!(pcm.len() - before, 960);
        // Through the trait too, and a garbage next packet still yields a frame.
        let codec: &mut dyn Codec = &mut opus;
        let before = pcm.len();
        codec.recover(&packets[11], &mut pcm);
        codec.recover(&[0xFF, 0x3F], &mut pcm);
        assert_eq!(pcm.len() - before, 1920);
        opus.decode(&packets[11], &mut pcm).unwrap();
        let before = pcm.len();
        opus.conceal(&mut pcm);
        assert_eq!(pcm.len() - before, 960);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let mut opus = Opus::new(opus_spec(111, 20)).unwrap();
        let mut out = Vec::new();
        assert_eq!(opus.decode(&[], &mut out), Err(DecodeError::BadLength(0)));
        // A code-3 packet that claims 63 frames of 120 ms: far over the limit.
        assert!(opus.decode(&[0xFF, 0x3F], &mut out).is_err());
        assert!(opus.decode_fec(&[], &mut out).is_err());
    }
}
