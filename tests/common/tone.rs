//! Making and detecting test tones.

use std::f64::consts::PI;
use std::path::Path;

/// A sine at `freq` Hz, amplitude 8000, with a phase offset so no sample is exactly zero.
pub fn sine(rate: u32, freq: f64, len: usize) -> Vec<i16> {
    (0..len)
        .map(|n| (8000.0 * (2.0 * PI * freq * n as f64 / f64::from(rate) + PI / 8.0).sin()) as i16)
        .collect()
}

/// The loudest sample of a WAV file (0 when it holds none).
pub fn wav_peak(path: &Path) -> i32 {
    let reader = hound::WavReader::open(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    reader
        .into_samples::<i16>()
        .map_while(Result::ok)
        .map(|s| i32::from(s).abs())
        .max()
        .unwrap_or(0)
}

/// Share of `signal`'s energy at `freq` (Goertzel): near 1.0 for a pure tone, near 0 for noise,
/// silence or another tone.
pub fn tone_share(signal: &[i16], rate: u32, freq: f64) -> f64 {
    if signal.is_empty() {
        return 0.0;
    }
    let coeff = 2.0 * (2.0 * PI * freq / f64::from(rate)).cos();
    let (mut s1, mut s2) = (0.0, 0.0);
    for &x in signal {
        let s0 = f64::from(x) + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    let power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    let total: f64 = signal.iter().map(|&x| f64::from(x).powi(2)).sum();
    2.0 * power / (signal.len() as f64 * total.max(1.0))
}

/// Number of `block`-sample blocks of `signal` that are clearly the tone at `freq`.
pub fn tone_blocks(signal: &[i16], rate: u32, freq: f64, block: usize) -> usize {
    signal
        .chunks_exact(block)
        .filter(|b| {
            let loud = b.iter().any(|s| s.unsigned_abs() > 1000);
            loud && tone_share(b, rate, freq) > 0.9
        })
        .count()
}

/// Write a 16-bit mono WAV.
pub fn write_wav(path: &Path, rate: u32, samples: &[i16]) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(path, spec).unwrap();
    for &s in samples {
        writer.write_sample(s).unwrap();
    }
    writer.finalize().unwrap();
}
