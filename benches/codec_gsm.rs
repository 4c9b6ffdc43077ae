//! GSM 06.10 speed: Handset's pure-Rust codec against libgsm (C, the system library) in the
//! same run, in µs per 20 ms frame. Run with `cargo bench --bench codec_gsm`.
//!
//! Both codecs work on the same ten seconds of a speech-like test signal; the bench also
//! checks that they produce identical frames and samples, so the comparison is like for like.

use std::ffi::{c_int, c_void};
use std::hint::black_box;
use std::time::Instant;

use handset::media::codec::gsm::{unpack, Decoder, Encoder, FRAME_BYTES, FRAME_SAMPLES};

#[link(name = "gsm")]
extern "C" {
    fn gsm_create() -> *mut c_void;
    fn gsm_destroy(handle: *mut c_void);
    fn gsm_encode(handle: *mut c_void, source: *mut i16, frame: *mut u8);
    fn gsm_decode(handle: *mut c_void, frame: *mut u8, target: *mut i16) -> c_int;
}

/// One libgsm encoder or decoder state, freed on drop.
struct LibGsm(*mut c_void);

impl LibGsm {
    fn new() -> Self {
        // SAFETY: gsm_create has no preconditions; it returns a fresh state or null.
        let handle = unsafe { gsm_create() };
        assert!(!handle.is_null(), "gsm_create failed");
        Self(handle)
    }

    fn encode(&mut self, pcm: &[i16; FRAME_SAMPLES]) -> [u8; FRAME_BYTES] {
        let mut source = *pcm;
        let mut frame = [0u8; FRAME_BYTES];
        // SAFETY: the handle is live; gsm_encode reads 160 samples and writes 33 bytes, and
        // both buffers have exactly that size.
        unsafe { gsm_encode(self.0, source.as_mut_ptr(), frame.as_mut_ptr()) };
        frame
    }

    fn decode(&mut self, frame: &[u8]) -> [i16; FRAME_SAMPLES] {
        let mut input = [0u8; FRAME_BYTES];
        input.copy_from_slice(frame);
        let mut pcm = [0i16; FRAME_SAMPLES];
        // SAFETY: the handle is live; gsm_decode reads 33 bytes and writes 160 samples.
        let status = unsafe { gsm_decode(self.0, input.as_mut_ptr(), pcm.as_mut_ptr()) };
        assert_eq!(status, 0, "libgsm refused a frame");
        pcm
    }
}

impl Drop for LibGsm {
    fn drop(&mut self) {
        // SAFETY: the handle came from gsm_create and is destroyed exactly once.
        unsafe { gsm_destroy(self.0) };
    }
}

/// A voiced, pitch-gliding, amplitude-modulated signal with some noise: enough like speech
/// that the long-term predictor and every quantiser are exercised.
fn test_signal(frames: usize) -> Vec<[i16; FRAME_SAMPLES]> {
    let mut seed: u32 = 0x1234_5678;
    let mut noise = move || {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        f64::from((seed >> 16) as i16) / 32768.0
    };
    let mut phase = 0.0f64;
    (0..frames)
        .map(|f| {
            std::array::from_fn(|k| {
                let t = (f * FRAME_SAMPLES + k) as f64 / 8000.0;
                let pitch = 110.0 + 40.0 * (t * 1.3).sin();
                phase += 2.0 * std::f64::consts::PI * pitch / 8000.0;
                let voiced: f64 = (1..12).map(|h| (phase * h as f64).sin() / h as f64).sum();
                let envelope = 0.5 + 0.5 * (t * 3.0).sin().abs();
                (9000.0 * envelope * voiced + 600.0 * noise()) as i16
            })
        })
        .collect()
}

fn time_per_frame(frames: usize, rounds: usize, mut body: impl FnMut()) -> f64 {
    body(); // warm up caches and the branch predictor
    let start = Instant::now();
    for _ in 0..rounds {
        body();
    }
    start.elapsed().as_secs_f64() * 1e6 / (frames * rounds) as f64
}

fn main() {
    let frames = 500;
    let rounds = 20;
    let pcm = test_signal(frames);

    let encoded: Vec<[u8; FRAME_BYTES]> = {
        let mut encoder = Encoder::new();
        pcm.iter().map(|frame| encoder.encode(frame)).collect()
    };
    let mut reference = LibGsm::new();
    let identical_frames = pcm
        .iter()
        .zip(&encoded)
        .filter(|(frame, ours)| reference.encode(frame) == **ours)
        .count();
    let mut ours = Decoder::new();
    let mut theirs = LibGsm::new();
    let identical_decodes = encoded
        .iter()
        .filter(|frame| {
            let params = unpack(&frame[..]).expect("our own frame");
            ours.decode(&params) == theirs.decode(&frame[..])
        })
        .count();
    println!("identical to libgsm: {identical_frames}/{frames} frames encoded, {identical_decodes}/{frames} decoded");

    let handset_encode = time_per_frame(frames, rounds, || {
        let mut encoder = Encoder::new();
        for frame in &pcm {
            black_box(encoder.encode(black_box(frame)));
        }
    });
    let libgsm_encode = time_per_frame(frames, rounds, || {
        let mut encoder = LibGsm::new();
        for frame in &pcm {
            black_box(encoder.encode(black_box(frame)));
        }
    });
    let handset_decode = time_per_frame(frames, rounds, || {
        let mut decoder = Decoder::new();
        for frame in &encoded {
            if let Ok(params) = unpack(black_box(&frame[..])) {
                black_box(decoder.decode(&params));
            }
        }
    });
    let libgsm_decode = time_per_frame(frames, rounds, || {
        let mut decoder = LibGsm::new();
        for frame in &encoded {
            black_box(decoder.decode(black_box(&frame[..])));
        }
    });

    println!("GSM 06.10, µs per 20 ms frame ({frames} frames × {rounds} rounds)");
    println!("{:<22}{:>10}{:>10}", "", "encode", "decode");
    println!(
        "{:<22}{handset_encode:>10.2}{handset_decode:>10.2}",
        "Handset (Rust)"
    );
    println!(
        "{:<22}{libgsm_encode:>10.2}{libgsm_decode:>10.2}",
        "libgsm (C)"
    );
}
