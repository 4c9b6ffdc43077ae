//! GSM 06.10 bit-exactness against libgsm, the reference implementation most peers use.
//!
//! libgsm is only the oracle: its `toast`/`untoast` tools (Debian package libgsm-tools)
//! encode and decode the same audio, and every frame must match Handset's byte for byte and
//! every decoded sample must match exactly. The audio is speech synthesised by espeak-ng in
//! several voices and rates (resampled by sox), plus edge cases: silence, full-scale square
//! waves, seeded white noise, a sweep, and random frames straight into the decoder.

mod common;

use common::tools::require;
use std::fs;
use std::path::Path;
use std::process::Command;

use handset::media::codec::gsm::{unpack, Decoder, Encoder, FRAME_BYTES, FRAME_SAMPLES};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn run(command: &mut Command) {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn to_bytes(pcm: &[i16]) -> Vec<u8> {
    pcm.iter().flat_map(|s| s.to_ne_bytes()).collect()
}

fn from_bytes(bytes: &[u8]) -> Vec<i16> {
    bytes
        .chunks_exact(2)
        .map(|b| i16::from_ne_bytes([b[0], b[1]]))
        .collect()
}

/// Encode with libgsm: `toast -l` reads host-order 16-bit linear PCM (no -F, no -C, so the
/// standard's exact algorithm) and writes bare 33-byte frames.
fn libgsm_encode(dir: &Path, pcm: &[i16]) -> Vec<u8> {
    let input = dir.join("in.l");
    fs::write(&input, to_bytes(pcm)).unwrap();
    let output = Command::new("toast")
        .args(["-l", "-c"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(output.status.success(), "toast failed");
    output.stdout
}

fn libgsm_decode(dir: &Path, frames: &[u8]) -> Vec<i16> {
    let input = dir.join("in.gsm");
    fs::write(&input, frames).unwrap();
    let output = Command::new("untoast")
        .args(["-l", "-c"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(output.status.success(), "untoast failed");
    from_bytes(&output.stdout)
}

fn handset_encode(pcm: &[i16]) -> Vec<u8> {
    let mut encoder = Encoder::new();
    pcm.chunks_exact(FRAME_SAMPLES)
        .flat_map(|frame| encoder.encode(frame.try_into().unwrap()))
        .collect()
}

fn handset_decode(frames: &[u8]) -> Vec<i16> {
    let mut decoder = Decoder::new();
    frames
        .chunks_exact(FRAME_BYTES)
        .flat_map(|frame| decoder.decode(&unpack(frame).unwrap()))
        .collect()
}

/// Compare both encoders and both decoders on one signal; returns the frames compared.
fn assert_bit_exact(dir: &Path, name: &str, pcm: &[i16]) -> usize {
    let mut pcm = pcm.to_vec();
    pcm.resize(pcm.len().div_ceil(FRAME_SAMPLES) * FRAME_SAMPLES, 0);
    let frames = pcm.len() / FRAME_SAMPLES;

    let theirs = libgsm_encode(dir, &pcm);
    let ours = handset_encode(&pcm);
    assert_eq!(
        theirs.len(),
        frames * FRAME_BYTES,
        "{name}: toast output length"
    );
    for (n, (a, b)) in ours
        .chunks_exact(FRAME_BYTES)
        .zip(theirs.chunks_exact(FRAME_BYTES))
        .enumerate()
    {
        assert!(
            a == b,
            "{name}: frame {n} differs from libgsm\n ours:   {:?}\n libgsm: {:?}",
            unpack(a),
            unpack(b)
        );
    }

    let theirs_pcm = libgsm_decode(dir, &theirs);
    let ours_pcm = handset_decode(&theirs);
    assert_eq!(theirs_pcm.len(), pcm.len(), "{name}: untoast output length");
    if let Some(at) = (0..pcm.len()).find(|&i| ours_pcm[i] != theirs_pcm[i]) {
        panic!(
            "{name}: decoded sample {at} (frame {}) is {} but libgsm gives {}",
            at / FRAME_SAMPLES,
            ours_pcm[at],
            theirs_pcm[at]
        );
    }
    frames
}

/// Speech from espeak-ng at 8 kHz mono 16-bit via sox, in several voices and rates.
fn speech(dir: &Path) -> Vec<(String, Vec<i16>)> {
    let texts = [
        "The quick brown fox jumps over the lazy dog. Please call me back at five thirty.",
        "Hello, this is Handset calling. Can you hear me clearly, or is the line breaking up?",
        "Guten Tag, hier spricht der Anrufbeantworter. Bitte hinterlassen Sie eine Nachricht.",
        "Bonjour, je voudrais réserver une table pour quatre personnes ce soir.",
    ];
    // (voice, text, words per minute, variant, level change in dB): the loud ones clip, so
    // the saturating arithmetic is exercised too; the quiet one tests the small-signal end.
    let voices = [
        ("en-us", 0, 175, "", 0),
        ("en-gb", 0, 130, "+f3", 0),
        ("en-gb-scotland", 1, 220, "+m3", 0),
        ("en-us", 1, 260, "+f5", 0),
        ("de", 2, 160, "", 0),
        ("de", 2, 200, "+f2", 0),
        ("fr-fr", 3, 150, "", 0),
        ("fr-fr", 3, 190, "+m7", 0),
        ("en-us", 1, 150, "+m1", 20),
        ("de", 2, 180, "+f4", -30),
    ];
    voices
        .iter()
        .map(|&(voice, text, rate, variant, gain)| {
            let wav = dir.join("speech.wav");
            let raw = dir.join("speech.raw");
            run(Command::new("espeak-ng")
                .args(["-v", &format!("{voice}{variant}"), "-s", &rate.to_string()])
                .arg("-w")
                .arg(&wav)
                .arg(texts[text]));
            run(Command::new("sox")
                .arg(&wav)
                .args(["-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer"])
                .args(["-t", "raw", "-L"])
                .arg(&raw)
                .args(["gain", &gain.to_string()]));
            let bytes = fs::read(&raw).unwrap();
            let pcm = bytes
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]))
                .collect();
            (format!("{voice}{variant} at {rate} wpm, {gain:+} dB"), pcm)
        })
        .collect()
}

fn edge_cases() -> Vec<(String, Vec<i16>)> {
    let mut rng = StdRng::seed_from_u64(0x6510);
    let second = 8000;
    let square = |period: usize| -> Vec<i16> {
        (0..second)
            .map(|n| {
                if (n / (period / 2)).is_multiple_of(2) {
                    i16::MAX
                } else {
                    i16::MIN
                }
            })
            .collect()
    };
    let sweep: Vec<i16> = (0..2 * second)
        .map(|n| {
            let t = n as f64 / 8000.0;
            // 50 Hz to 3950 Hz over two seconds.
            let phase = 2.0 * std::f64::consts::PI * (50.0 * t + 975.0 * t * t);
            (20000.0 * phase.sin()) as i16
        })
        .collect();
    vec![
        ("silence".into(), vec![0; second]),
        ("square 100 Hz full scale".into(), square(80)),
        ("square 4 kHz full scale".into(), square(2)),
        ("square 1 kHz full scale".into(), square(8)),
        (
            "white noise full scale".into(),
            (0..second).map(|_| rng.random()).collect(),
        ),
        (
            "white noise quiet".into(),
            (0..second).map(|_| rng.random_range(-64..64)).collect(),
        ),
        (
            "extremes at random".into(),
            (0..second)
                .map(|_| if rng.random() { i16::MAX } else { i16::MIN })
                .collect(),
        ),
        ("sweep".into(), sweep),
        ("dc offset".into(), vec![12345; second]),
    ]
}

#[test]
fn handset_gsm_matches_libgsm_bit_for_bit() {
    require("toast", "libgsm-tools");
    require("untoast", "libgsm-tools");
    require("espeak-ng", "espeak-ng");
    require("sox", "sox");
    let dir = tempfile::tempdir().unwrap();

    let mut speech_frames = 0;
    for (name, pcm) in speech(dir.path()) {
        assert!(
            pcm.len() > 8000,
            "{name}: espeak-ng gave only {} samples",
            pcm.len()
        );
        speech_frames += assert_bit_exact(dir.path(), &name, &pcm);
    }
    let mut edge_frames = 0;
    for (name, pcm) in edge_cases() {
        edge_frames += assert_bit_exact(dir.path(), &name, &pcm);
    }
    eprintln!(
        "bit-exact with libgsm: {speech_frames} speech frames and {edge_frames} edge-case \
         frames, encoded and decoded"
    );
    assert!(speech_frames > 1000);
}

/// The decoder must agree with libgsm on any frame a peer could send, including parameter
/// combinations no encoder produces (lags outside 40..=120, odd gains and maxima).
#[test]
fn handset_decodes_random_frames_like_libgsm() {
    require("untoast", "libgsm-tools");
    let dir = tempfile::tempdir().unwrap();
    let mut rng = StdRng::seed_from_u64(0xF4A3E5);
    let frames: Vec<u8> = (0..3000 * FRAME_BYTES)
        .map(|i| {
            let byte: u8 = rng.random();
            if i % FRAME_BYTES == 0 {
                0xD0 | (byte & 0x0F)
            } else {
                byte
            }
        })
        .collect();
    let theirs = libgsm_decode(dir.path(), &frames);
    let ours = handset_decode(&frames);
    assert_eq!(theirs.len(), ours.len());
    if let Some(at) = (0..ours.len()).find(|&i| ours[i] != theirs[i]) {
        panic!(
            "random frame {}: sample {} is {} but libgsm gives {}",
            at / FRAME_SAMPLES,
            at % FRAME_SAMPLES,
            ours[at],
            theirs[at]
        );
    }
    eprintln!(
        "decoded {} random frames exactly like libgsm",
        frames.len() / FRAME_BYTES
    );
}
