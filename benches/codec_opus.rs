//! Opus speed: µs per 20 ms frame to encode and decode, through Handset's codec (audiopus)
//! and through direct libopus calls with the same settings, in the same run.
//!
//! `cargo bench --bench codec_opus` prints a table. Numbers are for comparison on one
//! machine; nothing here asserts a time.

use audiopus_sys as ffi;
use handset::media::codec::{create, find, Codec};
use std::hint::black_box;
use std::time::Instant;

const FRAME: usize = 960;
const SECONDS: usize = 10;
const ROUNDS: usize = 5;

/// Speech-like test audio: a gliding harmonic voice with syllable envelopes plus a little
/// noise, so that the encoder works as hard as on real speech.
fn voice_like(samples: usize) -> Vec<i16> {
    let mut seed = 0x1234_5678u32;
    let mut phase = 0.0f64;
    (0..samples)
        .map(|n| {
            let t = n as f64 / 48000.0;
            let pitch = 120.0 + 40.0 * (t * 1.3).sin();
            phase += 2.0 * std::f64::consts::PI * pitch / 48000.0;
            let harmonics: f64 = (1..12).map(|k| (phase * k as f64).sin() / k as f64).sum();
            let syllable = (t * 4.0 * std::f64::consts::PI).sin().abs();
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let noise = f64::from((seed >> 16) as i16) / 32768.0;
            ((harmonics * 6000.0 + noise * 500.0) * syllable) as i16
        })
        .collect()
}

/// The best of several rounds, in µs per frame: the least disturbed by other processes.
fn best_per_frame(frames: usize, mut round: impl FnMut()) -> f64 {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            round();
            start.elapsed().as_secs_f64() * 1e6 / frames as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn handset_codec() -> Box<dyn Codec> {
    create(&find("opus", 48000).expect("Opus is supported")).expect("libopus works")
}

struct Direct {
    encoder: *mut ffi::OpusEncoder,
    decoder: *mut ffi::OpusDecoder,
}

impl Direct {
    /// The settings Handset uses: VoIP, 40 kbit/s, voice, FEC for 10 % loss, no DTX,
    /// complexity 9.
    fn new() -> Self {
        let mut error = 0;
        // SAFETY: plain constructor calls; results are checked before use.
        unsafe {
            let encoder =
                ffi::opus_encoder_create(48000, 1, ffi::OPUS_APPLICATION_VOIP, &mut error);
            assert!(
                !encoder.is_null() && error == ffi::OPUS_OK,
                "opus_encoder_create: {error}"
            );
            for (request, value) in [
                (ffi::OPUS_SET_BITRATE_REQUEST, 40_000),
                (ffi::OPUS_SET_SIGNAL_REQUEST, ffi::OPUS_SIGNAL_VOICE),
                (ffi::OPUS_SET_INBAND_FEC_REQUEST, 1),
                (ffi::OPUS_SET_PACKET_LOSS_PERC_REQUEST, 10),
                (ffi::OPUS_SET_DTX_REQUEST, 0),
                (ffi::OPUS_SET_COMPLEXITY_REQUEST, 9),
            ] {
                let rc = ffi::opus_encoder_ctl(encoder, request, value);
                assert_eq!(rc, ffi::OPUS_OK, "opus_encoder_ctl({request})");
            }
            let decoder = ffi::opus_decoder_create(48000, 1, &mut error);
            assert!(
                !decoder.is_null() && error == ffi::OPUS_OK,
                "opus_decoder_create: {error}"
            );
            Self { encoder, decoder }
        }
    }

    fn encode(&mut self, pcm: &[i16], out: &mut [u8]) -> usize {
        // SAFETY: the encoder is live; pcm holds FRAME samples and out has out.len() bytes.
        let n = unsafe {
            ffi::opus_encode(
                self.encoder,
                pcm.as_ptr(),
                FRAME as i32,
                out.as_mut_ptr(),
                out.len() as i32,
            )
        };
        usize::try_from(n).expect("opus_encode failed")
    }

    fn decode(&mut self, packet: &[u8], pcm: &mut [i16]) -> usize {
        // SAFETY: the decoder is live; packet and pcm are valid for their lengths.
        let n = unsafe {
            ffi::opus_decode(
                self.decoder,
                packet.as_ptr(),
                packet.len() as i32,
                pcm.as_mut_ptr(),
                pcm.len() as i32,
                0,
            )
        };
        usize::try_from(n).expect("opus_decode failed")
    }
}

impl Drop for Direct {
    fn drop(&mut self) {
        // SAFETY: both were created in new() and are destroyed once.
        unsafe {
            ffi::opus_encoder_destroy(self.encoder);
            ffi::opus_decoder_destroy(self.decoder);
        }
    }
}

fn main() {
    let audio = voice_like(48000 * SECONDS);
    let frames = audio.len() / FRAME;

    let mut packets = Vec::new();
    let mut codec = handset_codec();
    for frame in audio.chunks_exact(FRAME) {
        let mut payload = Vec::new();
        codec.encode(frame, &mut payload);
        packets.push(payload);
    }
    let bytes: usize = packets.iter().map(Vec::len).sum();

    let handset_encode = best_per_frame(frames, || {
        let mut codec = handset_codec();
        let mut payload = Vec::with_capacity(1500);
        for frame in audio.chunks_exact(FRAME) {
            payload.clear();
            codec.encode(black_box(frame), &mut payload);
            black_box(&payload);
        }
    });
    let handset_decode = best_per_frame(frames, || {
        let mut codec = handset_codec();
        let mut pcm = Vec::with_capacity(5760);
        for packet in &packets {
            pcm.clear();
            codec
                .decode(black_box(packet), &mut pcm)
                .expect("our own packets decode");
            black_box(&pcm);
        }
    });
    let direct_encode = best_per_frame(frames, || {
        let mut direct = Direct::new();
        let mut out = [0u8; 1500];
        for frame in audio.chunks_exact(FRAME) {
            black_box(direct.encode(black_box(frame), &mut out));
        }
    });
    let direct_decode = best_per_frame(frames, || {
        let mut direct = Direct::new();
        let mut pcm = [0i16; 5760];
        for packet in &packets {
            black_box(direct.decode(black_box(packet), &mut pcm));
        }
    });

    println!("Opus 48 kHz mono, 20 ms frames, {SECONDS} s of voice-like audio, best of {ROUNDS}");
    println!(
        "average {:.1} kbit/s",
        bytes as f64 * 8.0 / SECONDS as f64 / 1000.0
    );
    println!("| codec | operation | Handset µs/frame | libopus direct µs/frame |");
    println!("|---|---|---:|---:|");
    println!("| Opus | encode | {handset_encode:.1} | {direct_encode:.1} |");
    println!("| Opus | decode | {handset_decode:.1} | {direct_decode:.1} |");
}
