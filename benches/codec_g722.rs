//! G.722 speed: µs per 20 ms frame (320 samples, 160 octets) to encode and decode.
//!
//! `cargo bench --bench codec_g722` prints a table. Nothing here asserts a time.

use handset::media::codec::{create, find, Codec};
use std::hint::black_box;
use std::time::Instant;

const FRAME: usize = 320;
const SECONDS: usize = 10;
const ROUNDS: usize = 5;

/// A gliding harmonic voice with syllable envelopes plus a little noise, at 16 kHz.
fn voice_like(samples: usize) -> Vec<i16> {
    let mut seed = 0x8765_4321u32;
    let mut phase = 0.0f64;
    (0..samples)
        .map(|n| {
            let t = n as f64 / 16000.0;
            let pitch = 120.0 + 40.0 * (t * 1.3).sin();
            phase += 2.0 * std::f64::consts::PI * pitch / 16000.0;
            let harmonics: f64 = (1..12).map(|k| (phase * k as f64).sin() / k as f64).sum();
            let syllable = (t * 4.0 * std::f64::consts::PI).sin().abs();
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let noise = f64::from((seed >> 16) as i16) / 32768.0;
            ((harmonics * 6000.0 + noise * 500.0) * syllable) as i16
        })
        .collect()
}

fn best_per_frame(frames: usize, mut round: impl FnMut()) -> f64 {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            round();
            start.elapsed().as_secs_f64() * 1e6 / frames as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn codec() -> Box<dyn Codec> {
    create(&find("G722", 8000).expect("G.722 is supported")).expect("G.722 is built in")
}

fn main() {
    let audio = voice_like(16000 * SECONDS);
    let frames = audio.len() / FRAME;
    let mut packets = Vec::new();
    let mut encoder = codec();
    for frame in audio.chunks_exact(FRAME) {
        let mut payload = Vec::new();
        encoder.encode(frame, &mut payload);
        packets.push(payload);
    }
    let encode = best_per_frame(frames, || {
        let mut codec = codec();
        let mut payload = Vec::with_capacity(FRAME / 2);
        for frame in audio.chunks_exact(FRAME) {
            payload.clear();
            codec.encode(black_box(frame), &mut payload);
            black_box(&payload);
        }
    });
    let decode = best_per_frame(frames, || {
        let mut codec = codec();
        let mut pcm = Vec::with_capacity(FRAME);
        for packet in &packets {
            pcm.clear();
            codec
                .decode(black_box(packet), &mut pcm)
                .expect("our own packets decode");
            black_box(&pcm);
        }
    });
    println!(
        "G.722 64 kbit/s, 16 kHz, 20 ms frames, {SECONDS} s of voice-like audio, best of {ROUNDS}"
    );
    println!("| codec | operation | Handset µs/frame |");
    println!("|---|---|---:|");
    println!("| G.722 | encode | {encode:.1} |");
    println!("| G.722 | decode | {decode:.1} |");
}
