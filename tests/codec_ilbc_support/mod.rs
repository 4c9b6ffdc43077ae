//! Shared by the iLBC integration tests (next to `mod common;`): the espeak-ng speech corpus,
//! WAV I/O, ffmpeg and libgsm round trips, and PESQ and SNR scoring through
//! tests/codec_support/pesq_compare.py in the venv of `common::pesq`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use handset::media::codec::ilbc::{IlbcDecoder, IlbcEncoder, IlbcMode};

use crate::common::pesq::venv_python;
use crate::common::tools::require;

pub fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// PESQ-NB and SNR (dB) of `deg` against `reference`, after alignment.
pub fn score(reference: &Path, deg: &Path) -> (f64, f64) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/codec_support/pesq_compare.py");
    let out = Command::new(venv_python())
        .arg(script)
        .arg(reference)
        .arg(deg)
        .output()
        .expect("run pesq_compare.py");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "pesq_compare failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let field = |name: &str| -> f64 {
        text.split_whitespace()
            .find_map(|kv| kv.strip_prefix(name))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {text}"))
    };
    (field("pesq="), field("snr="))
}

/// Several espeak-ng voices and rates, resampled to 8 kHz mono 16-bit and joined.
pub fn speech(dir: &Path) -> PathBuf {
    require("espeak-ng", "espeak-ng");
    require("sox", "sox");
    let lines = [
        (
            "en-us",
            150,
            "The quick brown fox jumps over the lazy dog, and the birds sing at dawn.",
        ),
        (
            "en-gb+f3",
            135,
            "Please call me back this afternoon; I will be at my desk until five.",
        ),
        (
            "de",
            160,
            "Guten Morgen, wie geht es Ihnen heute? Das Wetter ist wirklich schön.",
        ),
        (
            "fr+m3",
            175,
            "Bonjour, je voudrais réserver une table pour deux personnes ce soir.",
        ),
        (
            "en-us+f2",
            140,
            "Seven silver ships sailed slowly past the harbour lights at midnight.",
        ),
        (
            "en-gb",
            170,
            "Is this the right number for the support line? My phone keeps dropping calls.",
        ),
    ];
    // A call starts with silence, and so does the corpus: ffmpeg's native decoder starts
    // its LSF history at zero instead of RFC 3951's mean LSFs, so it saturates when the very
    // first frame of a stream is loud speech (whoever encoded it).
    let silence = dir.join("silence.wav");
    run(Command::new("sox")
        .args(["-n", "-r", "8000", "-c", "1", "-b", "16"])
        .arg(&silence)
        .args(["trim", "0", "0.5"]));
    let mut parts = vec![silence];
    for (i, (voice, rate, text)) in lines.iter().enumerate() {
        let raw = dir.join(format!("raw{i}.wav"));
        let part = dir.join(format!("part{i}.wav"));
        run(Command::new("espeak-ng")
            .args(["-v", voice, "-s", &rate.to_string(), "-w"])
            .arg(&raw)
            .arg(text));
        run(Command::new("sox")
            .arg(&raw)
            .args(["-r", "8000", "-c", "1", "-b", "16"])
            .arg(&part)
            .args(["pad", "0", "0.3"]));
        parts.push(part);
    }
    let out = dir.join("speech.wav");
    run(Command::new("sox").args(&parts).arg(&out));
    out
}

pub fn read_wav(path: &Path) -> Vec<i16> {
    let mut reader = hound::WavReader::open(path).expect("open wav");
    assert_eq!(reader.spec().sample_rate, 8000);
    reader
        .samples::<i16>()
        .map(|s| s.expect("sample"))
        .collect()
}

pub fn write_wav(path: &Path, pcm: &[i16]) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 8000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(path, spec).expect("create wav");
    for s in pcm {
        w.write_sample(*s).expect("write");
    }
    w.finalize().expect("finalize");
}

/// Encode with Handset into frames.
pub fn encode(mode: IlbcMode, pcm: &[i16]) -> Vec<Vec<u8>> {
    let mut enc = IlbcEncoder::new(mode);
    pcm.chunks(mode.block_len())
        .map(|chunk| enc.encode(chunk))
        .collect()
}

/// Decode frames with ffmpeg via the RFC 3952 storage format.
pub fn ffmpeg_decode(mode: IlbcMode, frames: &[Vec<u8>], dir: &Path) -> PathBuf {
    require("ffmpeg", "ffmpeg");
    let lbc = dir.join(format!("handset{}.lbc", mode.ms()));
    let mut file = format!("#!iLBC{}\n", mode.ms()).into_bytes();
    for f in frames {
        file.extend_from_slice(f);
    }
    std::fs::write(&lbc, file).expect("write lbc");
    let wav = dir.join(format!("ffmpeg{}.wav", mode.ms()));
    run(Command::new("ffmpeg")
        .args([
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "ilbc",
            "-i",
        ])
        .arg(&lbc)
        .args(["-ar", "8000", "-ac", "1"])
        .arg(&wav));
    wav
}

pub fn handset_decode(mode: IlbcMode, frames: &[Vec<u8>], enhance: bool) -> Vec<i16> {
    let mut dec = IlbcDecoder::new(mode, enhance);
    let mut pcm = Vec::new();
    for f in frames {
        dec.decode(f, &mut pcm).expect("our own frames decode");
    }
    pcm
}

/// GSM 06.10 through libgsm's toast/untoast, the quality bar.
pub fn gsm_round_trip(speech: &Path, dir: &Path) -> PathBuf {
    require("toast", "libgsm-tools");
    require("untoast", "libgsm-tools");
    let raw = dir.join("speech.raw");
    let pcm = read_wav(speech);
    let bytes: Vec<u8> = pcm.iter().flat_map(|s| s.to_ne_bytes()).collect();
    std::fs::write(&raw, bytes).expect("write raw");
    let gsm = Command::new("toast")
        .args(["-l", "-c"])
        .arg(&raw)
        .output()
        .expect("toast");
    assert!(gsm.status.success());
    let gsm_path = dir.join("speech.gsm");
    std::fs::write(&gsm_path, &gsm.stdout).expect("write gsm");
    let back = Command::new("untoast")
        .args(["-l", "-c"])
        .arg(&gsm_path)
        .output()
        .expect("untoast");
    assert!(back.status.success());
    let pcm: Vec<i16> = back
        .stdout
        .chunks_exact(2)
        .map(|b| i16::from_ne_bytes([b[0], b[1]]))
        .collect();
    let wav = dir.join("gsm.wav");
    write_wav(&wav, &pcm);
    wav
}
