//! G.722 against ffmpeg's encoder and decoder, on speech from espeak-ng at 16 kHz.
//!
//! ffmpeg follows the ITU-T recommendation's fixed-point arithmetic, so both directions are
//! expected to be bit-exact: our octets equal ffmpeg's for the same PCM, and our PCM equals
//! ffmpeg's for the same octets.

mod common;

use common::tools::require;
use handset::media::codec::{G722Decoder, G722Encoder};
use std::path::Path;
use std::process::Command;

fn run(program: &str, args: &[&str]) {
    let output = Command::new(program).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn read_pcm(path: &Path) -> Vec<i16> {
    std::fs::read(path)
        .unwrap()
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect()
}

fn write_pcm(path: &Path, pcm: &[i16]) {
    let bytes: Vec<u8> = pcm.iter().flat_map(|s| s.to_le_bytes()).collect();
    std::fs::write(path, bytes).unwrap();
}

/// Several voices and rates, so the test covers more than one pitch and tempo.
fn speech_16k(dir: &Path) -> Vec<i16> {
    require("espeak-ng", "espeak-ng");
    require("sox", "sox");
    let lines = [
        ("en-us", "150", "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background."),
        ("en-gb+f3", "170", "It is easy to tell the depth of a well. These days a chicken leg is a rare dish."),
        ("de", "130", "Rice is often served in round bowls. The juice of lemons makes fine punch."),
    ];
    let mut pcm = Vec::new();
    for (i, (voice, rate, text)) in lines.iter().enumerate() {
        let wav = dir.join(format!("speech{i}.wav"));
        let raw = dir.join(format!("speech{i}.raw"));
        run(
            "espeak-ng",
            &["-v", voice, "-s", rate, "-w", wav.to_str().unwrap(), text],
        );
        run(
            "sox",
            &[
                wav.to_str().unwrap(),
                "-r",
                "16000",
                "-c",
                "1",
                "-b",
                "16",
                "-e",
                "signed",
                "-t",
                "raw",
                raw.to_str().unwrap(),
            ],
        );
        pcm.extend(read_pcm(&raw));
    }
    // A loud passage too, so that the quantisers reach their outer levels.
    let loud: Vec<i16> = pcm
        .iter()
        .take(16000)
        .map(|&s| s.saturating_mul(4))
        .collect();
    pcm.extend(loud);
    // Noise at several levels and a sweep reach codes and states speech alone may not.
    let mut seed = 0x2545_f491_u32;
    for level in [30, 300, 3000, 30000] {
        pcm.extend((0..8000).map(|_| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (((seed >> 16) as i32 - 32768) * level / 32768) as i16
        }));
    }
    pcm.extend((0..32000).map(|n| {
        let t = f64::from(n) / 16000.0;
        ((2.0 * std::f64::consts::PI * (100.0 + 1900.0 * t) * t).sin() * 20000.0) as i16
    }));
    pcm.extend([i16::MAX, i16::MIN].repeat(2000));
    pcm
}

fn ffmpeg_encode(dir: &Path, pcm: &[i16]) -> Vec<u8> {
    require("ffmpeg", "ffmpeg");
    let input = dir.join("in.raw");
    let output = dir.join("ffmpeg.g722");
    write_pcm(&input, pcm);
    run(
        "ffmpeg",
        &[
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "s16le",
            "-ar",
            "16000",
            "-ac",
            "1",
            "-i",
            input.to_str().unwrap(),
            "-acodec",
            "g722",
            "-f",
            "g722",
            output.to_str().unwrap(),
        ],
    );
    std::fs::read(output).unwrap()
}

fn ffmpeg_decode(dir: &Path, octets: &[u8]) -> Vec<i16> {
    require("ffmpeg", "ffmpeg");
    let input = dir.join("to_decode.g722");
    let output = dir.join("ffmpeg_decoded.raw");
    std::fs::write(&input, octets).unwrap();
    run(
        "ffmpeg",
        &[
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "g722",
            "-i",
            input.to_str().unwrap(),
            "-f",
            "s16le",
            output.to_str().unwrap(),
        ],
    );
    read_pcm(&output)
}

fn our_encode(pcm: &[i16]) -> Vec<u8> {
    let mut encoder = G722Encoder::default();
    let mut out = Vec::new();
    for frame in pcm.chunks(320) {
        encoder.encode(frame, &mut out);
    }
    out
}

fn our_decode(octets: &[u8]) -> Vec<i16> {
    let mut decoder = G722Decoder::default();
    let mut out = Vec::new();
    for packet in octets.chunks(160) {
        decoder.decode(packet, &mut out);
    }
    out
}

fn snr_db(reference: &[i16], test: &[i16]) -> f64 {
    let (signal, noise) = reference
        .iter()
        .zip(test)
        .fold((0.0, 0.0), |(s, n), (&a, &b)| {
            let (a, b) = (f64::from(a), f64::from(b));
            (s + a * a, n + (a - b) * (a - b))
        });
    if noise == 0.0 {
        f64::INFINITY
    } else {
        10.0 * (signal / noise).log10()
    }
}

fn workdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn first_difference<T: PartialEq + Copy + std::fmt::Debug>(
    a: &[T],
    b: &[T],
) -> Option<(usize, T, T)> {
    a.iter()
        .zip(b)
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| (i, *x, *y))
}

#[test]
fn our_encoder_writes_the_same_octets_as_ffmpeg() {
    let dir = workdir();
    let pcm = speech_16k(dir.path());
    let ours = our_encode(&pcm);
    let theirs = ffmpeg_encode(dir.path(), &pcm);
    assert_eq!(ours.len(), theirs.len());
    // ffmpeg pads its final frame at end of stream in its own way: the very last octet of
    // its file depends on whether more input would have followed. Compare all before it.
    let n = ours.len() - 1;
    let same = ours[..n]
        .iter()
        .zip(&theirs[..n])
        .filter(|(a, b)| a == b)
        .count();
    println!(
        "encoder: {same} of {n} octets identical to ffmpeg's ({} vs {} octets)",
        ours.len(),
        theirs.len()
    );
    assert!(
        n >= pcm.len() / 2 - 1,
        "ffmpeg wrote only {} octets",
        theirs.len()
    );
    assert_eq!(
        first_difference(&ours[..n], &theirs[..n]),
        None,
        "first differing octet"
    );
}

#[test]
fn our_decoder_gives_the_same_pcm_as_ffmpeg() {
    let dir = workdir();
    let pcm = speech_16k(dir.path());
    let octets = ffmpeg_encode(dir.path(), &pcm);
    let ours = our_decode(&octets);
    let theirs = ffmpeg_decode(dir.path(), &octets);
    let n = ours.len().min(theirs.len());
    let same = ours[..n]
        .iter()
        .zip(&theirs[..n])
        .filter(|(a, b)| a == b)
        .count();
    println!(
        "decoder: {same} of {n} samples identical to ffmpeg's; SNR against ffmpeg {:.1} dB",
        snr_db(&theirs[..n], &ours[..n])
    );
    assert_eq!(n, octets.len() * 2);
    assert_eq!(
        first_difference(&ours[..n], &theirs[..n]),
        None,
        "first differing sample"
    );
}

#[test]
fn ffmpeg_decodes_our_stream_to_clear_speech() {
    let dir = workdir();
    let pcm = speech_16k(dir.path());
    let decoded = ffmpeg_decode(dir.path(), &our_encode(&pcm));
    // The QMF pair delays the signal by 22 samples.
    let delay = 22;
    let snr = snr_db(&pcm[..pcm.len() - delay], &decoded[delay..pcm.len()]);
    println!("round trip through ffmpeg's decoder: SNR {snr:.1} dB");
    assert!(snr > 15.0, "SNR {snr:.1} dB");
}
