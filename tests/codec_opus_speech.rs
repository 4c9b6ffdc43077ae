//! Opus as a call uses it: speech from espeak-ng through our encoder and decoder, scored with
//! PESQ-NB; loss concealed by libopus's PLC and repaired by in-band FEC; garbage payloads.

mod common;

use common::pesq::score;
use common::tools::require;
use handset::media::codec::{find, opus_spec, Codec, DecodeError, Opus};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::path::Path;
use std::process::Command;

const FRAME: usize = 960;

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn read_raw(path: &Path) -> Vec<i16> {
    std::fs::read(path)
        .unwrap()
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect()
}

fn write_raw(path: &Path, pcm: &[i16]) {
    let bytes: Vec<u8> = pcm.iter().flat_map(|s| s.to_le_bytes()).collect();
    std::fs::write(path, bytes).unwrap();
}

/// Raw 16-bit mono at `from` Hz to a WAV at `to` Hz.
fn raw_to_wav(raw: &Path, from: u32, wav: &Path, to: u32) {
    require("sox", "sox");
    let (from, to) = (from.to_string(), to.to_string());
    run(
        "sox",
        &[
            "-t",
            "raw",
            "-r",
            &from,
            "-c",
            "1",
            "-b",
            "16",
            "-e",
            "signed",
            raw.to_str().unwrap(),
            "-r",
            &to,
            wav.to_str().unwrap(),
        ],
    );
}

/// Natural-ish speech: several voices and rates, at 48 kHz.
fn speech_48k(dir: &Path) -> Vec<i16> {
    require("espeak-ng", "espeak-ng");
    require("sox", "sox");
    let lines = [
        ("en-us", "150", "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background."),
        ("en-gb+f3", "165", "It is easy to tell the depth of a well. These days a chicken leg is a rare dish."),
        ("en-us+m3", "140", "Rice is often served in round bowls. The juice of lemons makes fine punch."),
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
                "48000",
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
        pcm.extend(read_raw(&raw));
        pcm.extend(std::iter::repeat_n(0, 9600));
    }
    let whole = pcm.len().div_ceil(FRAME) * FRAME;
    pcm.resize(whole, 0);
    pcm
}

/// PESQ-NB of `degraded` against `reference` (both 48 kHz), after resampling to 8 kHz, and
/// the normalised correlation once aligned.
fn pesq_nb(dir: &Path, name: &str, reference: &[i16], degraded: &[i16]) -> (f64, f64) {
    let mut wavs = Vec::new();
    for (tag, pcm) in [("ref", reference), ("deg", degraded)] {
        let raw = dir.join(format!("{name}-{tag}.raw"));
        let wav = dir.join(format!("{name}-{tag}.wav"));
        write_raw(&raw, pcm);
        raw_to_wav(&raw, 48000, &wav, 8000);
        wavs.push(wav);
    }
    let result = score(&wavs[0], &wavs[1]);
    let pesq = result
        .pesq
        .unwrap_or_else(|| panic!("PESQ found no speech to score in {}", wavs[1].display()));
    (pesq, result.xcorr)
}

fn codec() -> Box<dyn Codec> {
    let spec = find("opus", 48000).expect("Opus is a supported codec");
    handset::media::codec::create(&spec).expect("libopus works")
}

fn encode_all(pcm: &[i16]) -> Vec<Vec<u8>> {
    let mut encoder = codec();
    pcm.chunks(FRAME)
        .map(|frame| {
            let mut payload = Vec::new();
            encoder.encode(frame, &mut payload);
            payload
        })
        .collect()
}

#[test]
fn speech_survives_the_round_trip_with_a_good_pesq() {
    let dir = tempfile::tempdir().unwrap();
    let speech = speech_48k(dir.path());
    let packets = encode_all(&speech);
    let mut decoder = codec();
    let mut decoded = Vec::new();
    for packet in &packets {
        decoder.decode(packet, &mut decoded).unwrap();
    }
    assert_eq!(decoded.len(), speech.len());
    let bytes: usize = packets.iter().map(Vec::len).sum();
    let kbps = bytes as f64 * 8.0 / (speech.len() as f64 / 48000.0) / 1000.0;
    let (score, correlation) = pesq_nb(dir.path(), "clean", &speech, &decoded);
    println!("opus round trip: PESQ-NB {score:.2}, correlation {correlation:.3}, {kbps:.1} kbit/s");
    assert!(score > 3.5, "PESQ-NB {score:.2}");
}

#[derive(Clone, Copy, PartialEq)]
enum Repair {
    /// Silence where a packet is missing: what no concealment sounds like.
    Silence,
    /// libopus's packet-loss concealment.
    Plc,
    /// In-band FEC from the next packet when it arrived, else PLC.
    Fec,
}

/// Decode `packets` with every `lost` one missing, repaired as `repair` says.
fn decode_with_loss(packets: &[Vec<u8>], lost: &[bool], repair: Repair) -> Vec<i16> {
    let mut opus = Opus::new(opus_spec(111, 20)).unwrap();
    let mut out = Vec::new();
    for (i, packet) in packets.iter().enumerate() {
        if !lost[i] {
            opus.decode(packet, &mut out).unwrap();
            continue;
        }
        let next = packets
            .get(i + 1)
            .filter(|_| !lost.get(i + 1).copied().unwrap_or(true));
        match (repair, next) {
            (Repair::Silence, _) => out.extend([0; FRAME]),
            (Repair::Fec, Some(next)) => opus.decode_fec(next, &mut out).unwrap(),
            _ => opus.conceal(&mut out),
        }
    }
    out
}

#[test]
fn ten_percent_loss_is_concealed_and_fec_repairs_it_better() {
    let dir = tempfile::tempdir().unwrap();
    let speech = speech_48k(dir.path());
    let packets = encode_all(&speech);
    let mut rng = StdRng::seed_from_u64(0x0905);
    let lost: Vec<bool> = (0..packets.len())
        .map(|i| i > 0 && rng.random_bool(0.1))
        .collect();
    let mut scores = Vec::new();
    for (name, repair) in [
        ("silence", Repair::Silence),
        ("plc", Repair::Plc),
        ("fec", Repair::Fec),
    ] {
        let decoded = decode_with_loss(&packets, &lost, repair);
        assert_eq!(decoded.len(), speech.len());
        scores.push(pesq_nb(dir.path(), name, &speech, &decoded).0);
    }
    let [silence, plc, fec] = scores[..] else {
        unreachable!()
    };
    let count = lost.iter().filter(|&&l| l).count();
    println!(
        "opus with {count} of {} packets lost: PESQ-NB {silence:.2} with silence, {plc:.2} with PLC, {fec:.2} with FEC",
        packets.len()
    );
    assert!(plc > silence + 0.1, "PLC {plc:.2} vs silence {silence:.2}");
    assert!(fec > plc + 0.3, "FEC {fec:.2} vs PLC {plc:.2}");
}

#[test]
fn a_lost_packet_in_speech_is_concealed_with_sound_not_silence() {
    let dir = tempfile::tempdir().unwrap();
    let speech = speech_48k(dir.path());
    let packets = encode_all(&speech);
    // The loudest 20 ms of the first sentence.
    let loudest = (0..packets.len() / 3)
        .max_by_key(|&i| {
            speech[i * FRAME..(i + 1) * FRAME]
                .iter()
                .map(|s| i64::from(s.unsigned_abs()))
                .sum::<i64>()
        })
        .unwrap();
    let mut opus = codec();
    let mut out = Vec::new();
    for packet in &packets[..loudest] {
        opus.decode(packet, &mut out).unwrap();
    }
    let mut concealed = Vec::new();
    opus.conceal(&mut concealed);
    assert_eq!(concealed.len(), FRAME);
    let rms = (concealed.iter().map(|&s| f64::from(s).powi(2)).sum::<f64>() / FRAME as f64).sqrt();
    let original_peak = speech.iter().map(|s| s.unsigned_abs()).max().unwrap();
    let peak = concealed.iter().map(|s| s.unsigned_abs()).max().unwrap();
    println!("concealed frame: RMS {rms:.0}, peak {peak} (speech peak {original_peak})");
    assert!(
        rms > 100.0,
        "the concealed frame is nearly silent (RMS {rms:.0})"
    );
    assert!(
        peak <= original_peak.saturating_mul(2),
        "the concealed frame is too loud ({peak})"
    );
    // Decoding goes on normally after the gap.
    opus.decode(&packets[loudest + 1], &mut out).unwrap();
}

#[test]
fn garbage_payloads_are_errors_never_panics() {
    let mut opus = codec();
    let mut rng = StdRng::seed_from_u64(0x6a7b);
    let mut errors = 0;
    for round in 0..20_000 {
        let len = if round % 10 == 0 {
            rng.random_range(0..1600)
        } else {
            rng.random_range(0..80)
        };
        let payload: Vec<u8> = (0..len).map(|_| rng.random()).collect();
        let mut out = Vec::new();
        match opus.decode(&payload, &mut out) {
            Ok(()) => assert!(
                out.len() <= 5760 && out.len() % 120 == 0,
                "{} samples",
                out.len()
            ),
            Err(DecodeError::BadLength(_) | DecodeError::Corrupt) => {
                errors += 1;
                assert!(out.is_empty());
            }
        }
    }
    println!("{errors} of 20000 random payloads refused");
    assert!(errors > 1000);
    // The decoder still works afterwards.
    let mut fresh = codec();
    let mut payload = Vec::new();
    fresh.encode(&[1000; FRAME], &mut payload);
    let mut out = Vec::new();
    opus.decode(&payload, &mut out).unwrap();
    assert_eq!(out.len(), FRAME);
}
