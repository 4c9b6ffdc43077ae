//! Test speech: English sentences spoken by espeak-ng, as 8 kHz mono 16-bit WAV.
//!
//! The files start with 2 s of silence because peers lose about the first second of a call's
//! audio, and end with 3 s so the last words arrive before baresip (whose file source hangs
//! up at the end of its file) ends the call. They are cached under `target/tmp/speech/`;
//! a file is written under a unique name and renamed into place, so parallel tests never
//! see a half-written one.

use super::scratch::target_tmp_dir;
use super::tools::require;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Harvard sentences: phonetically balanced, the usual material for speech quality tests.
const SENTENCES: &str = "The birch canoe slid on the smooth planks. \
    Glue the sheet to the dark blue background. \
    It is easy to tell the depth of a well. \
    These days a chicken leg is a rare dish. \
    Rice is often served in round bowls.";

/// More Harvard sentences, for a second talker.
const NEAR_END_SENTENCES: &str = "The boy was there when the sun rose. \
    A rod is used to catch pink salmon. \
    The source of the huge river is the clear spring. \
    Kick the ball straight and follow through.";

/// A male voice, so the two talkers differ in pitch as well as words.
const NEAR_END_VOICE: &str = "en-us+m3";

/// This voice scores 4.25 PESQ-NB through a G.711 round trip, which leaves headroom above
/// the 3.9 the call tests require (en-us's default voice scores only 3.90).
const VOICE: &str = "en-us+f3";

/// About 13 s of speech plus 5 s of silence, for one call in each direction.
pub fn speech_wav() -> PathBuf {
    cached("speech8k-v1.wav", |out| {
        let raw = out.with_extension("raw.wav");
        synthesize(SENTENCES, &raw);
        sox(&[&raw], out, &["pad", "2", "3"]);
        let _ = std::fs::remove_file(raw);
    })
}

/// Other sentences in another voice, 10 s or so with half a second of silence each side: the
/// near end talking over the far end (double talk) in the echo benchmark, told apart from the
/// far end's speech by cross-correlation.
pub fn near_end_speech_wav() -> PathBuf {
    cached("near-end8k-v1.wav", |out| {
        let raw = out.with_extension("raw.wav");
        synthesize_with(NEAR_END_VOICE, NEAR_END_SENTENCES, &raw);
        sox(&[&raw], out, &["pad", "0.5", "0.5"]);
        let _ = std::fs::remove_file(raw);
    })
}

/// The same speech repeated until it lasts at least `seconds`, for long calls (benchmarks).
pub fn long_speech_wav(seconds: u32) -> PathBuf {
    let one = speech_wav();
    let one_length = wav_seconds(&one).max(1.0);
    let repeats = (f64::from(seconds) / one_length).ceil().max(1.0) as u32;
    cached(&format!("speech8k-v1-x{repeats}.wav"), |out| {
        let inputs: Vec<&Path> = (0..repeats).map(|_| one.as_path()).collect();
        sox(&inputs, out, &[]);
    })
}

/// Length of a WAV file in seconds.
pub fn wav_seconds(path: &Path) -> f64 {
    let reader = hound::WavReader::open(path)
        .unwrap_or_else(|err| panic!("cannot read WAV {}: {err}", path.display()));
    let spec = reader.spec();
    f64::from(reader.duration()) / f64::from(spec.sample_rate)
}

fn cached(name: &str, make: impl FnOnce(&Path)) -> PathBuf {
    let dir = target_tmp_dir().join("speech");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    if path.exists() {
        return path;
    }
    let unique = dir.join(format!(
        "{}.{}-{:?}.wav",
        name,
        std::process::id(),
        std::thread::current().id()
    ));
    make(&unique);
    std::fs::rename(&unique, &path).unwrap();
    path
}

fn synthesize(text: &str, out: &Path) {
    synthesize_with(VOICE, text, out);
}

fn synthesize_with(voice: &str, text: &str, out: &Path) {
    let espeak = require("espeak-ng", "espeak-ng");
    let status = Command::new(espeak)
        .args(["-v", voice, "-s", "150", "-w"])
        .arg(out)
        .arg(text)
        .status()
        .unwrap();
    assert!(status.success(), "espeak-ng failed: {status}");
}

/// `sox INPUTS... -r 8000 -c 1 -b 16 OUTPUT EFFECTS...`: concatenates and converts.
fn sox(inputs: &[&Path], output: &Path, effects: &[&str]) {
    let sox = require("sox", "sox");
    let result = Command::new(sox)
        .args(inputs)
        .args(["-r", "8000", "-c", "1", "-b", "16"])
        .arg(output)
        .args(effects)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "sox failed ({}): {}",
        result.status,
        String::from_utf8_lossy(&result.stderr)
    );
}
