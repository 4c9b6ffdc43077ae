//! Every codec's speed: µs to encode and to decode one frame, and the same per 20 ms of audio.
//!
//! `cargo bench --bench codecs` prints a table. Nothing here asserts a time. The comparisons
//! with C implementations live in `codec_gsm` (libgsm) and `codec_opus` (libopus).

use handset::media::codec::{create, preferred, supported, CodecSpec};
use std::hint::black_box;
use std::time::Instant;

const SECONDS: usize = 10;
const ROUNDS: usize = 5;

/// A gliding harmonic voice with syllable envelopes plus a little noise.
fn voice_like(rate: u32, samples: usize) -> Vec<i16> {
    let rate = f64::from(rate);
    let mut seed = 0x8765_4321u32;
    let mut phase = 0.0f64;
    (0..samples)
        .map(|n| {
            let t = n as f64 / rate;
            let pitch = 120.0 + 40.0 * (t * 1.3).sin();
            phase += 2.0 * std::f64::consts::PI * pitch / rate;
            let harmonics: f64 = (1..12).map(|k| (phase * k as f64).sin() / k as f64).sum();
            let syllable = (t * 4.0 * std::f64::consts::PI).sin().abs();
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let noise = f64::from((seed >> 16) as i16) / 32768.0;
            ((harmonics * 6000.0 + noise * 500.0) * syllable) as i16
        })
        .collect()
}

/// The fastest of several rounds, in µs per frame.
fn best_per_frame(frames: usize, mut round: impl FnMut()) -> f64 {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            round();
            start.elapsed().as_secs_f64() * 1e6 / frames as f64
        })
        .fold(f64::INFINITY, f64::min)
}

struct Figures {
    label: String,
    frame_ms: u32,
    encode_us: f64,
    decode_us: f64,
}

fn measure(spec: &CodecSpec) -> Option<Figures> {
    let frame = spec.samples_per_frame();
    let audio = voice_like(spec.sample_rate, spec.sample_rate as usize * SECONDS);
    let frames = audio.len() / frame;
    let mut encoder = create(spec)?;
    let packets: Vec<Vec<u8>> = audio
        .chunks_exact(frame)
        .map(|pcm| {
            let mut payload = Vec::new();
            encoder.encode(pcm, &mut payload);
            payload
        })
        .collect();
    let encode_us = best_per_frame(frames, || {
        if let Some(mut codec) = create(spec) {
            let mut payload = Vec::with_capacity(1500);
            for pcm in audio.chunks_exact(frame) {
                payload.clear();
                codec.encode(black_box(pcm), &mut payload);
                black_box(&payload);
            }
        }
    });
    let decode_us = best_per_frame(frames, || {
        if let Some(mut codec) = create(spec) {
            let mut pcm = Vec::with_capacity(frame);
            for payload in &packets {
                pcm.clear();
                let _ = codec.decode(black_box(payload), &mut pcm);
                black_box(&pcm);
            }
        }
    });
    Some(Figures {
        label: format!("{spec}, {} ms", spec.ptime_ms),
        frame_ms: spec.ptime_ms,
        encode_us,
        decode_us,
    })
}

fn main() {
    let mut specs = supported();
    // iLBC has two modes; the registry offers 30 ms, so add the 20 ms one.
    specs.extend(preferred(&["iLBC-20".to_owned()]));
    println!(
        "µs per frame, and per 20 ms of audio; {SECONDS} s of voice-like audio, best of {ROUNDS}"
    );
    println!("| codec | encode µs/frame | decode µs/frame | encode µs/20 ms | decode µs/20 ms |");
    println!("|---|---:|---:|---:|---:|");
    for spec in &specs {
        match measure(spec) {
            Some(f) => {
                let per_20 = 20.0 / f64::from(f.frame_ms);
                println!(
                    "| {} | {:.1} | {:.1} | {:.1} | {:.1} |",
                    f.label,
                    f.encode_us,
                    f.decode_us,
                    f.encode_us * per_20,
                    f.decode_us * per_20
                );
            }
            None => println!("| {spec} | cannot be created | | | |"),
        }
    }
}
