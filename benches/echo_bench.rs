//! Echo on laptop speakers, measured: how much of the far end's voice comes back to them
//! (ERLE), and how the near end's voice sounds to them while both talk at once (PESQ-NB of
//! what the far end receives, against the near end's clean speech), with Handset's canceller
//! on and off.
//!
//! Run with `cargo bench --bench echo_bench`. The room is PulseAudio, as in
//! tests/audio_echo_cancellation.rs: Handset plays into the default null sink, a loopback
//! carries that sink's sound into a second sink ("room") 60 ms later at 0 dB or −10 dB (the
//! loopback stream's volume), and the room's monitor is the microphone chosen in Settings → Audio. baresip calls with 36 s of
//! speech (two 13 s stretches) and records what Handset sends back. The first stretch is the
//! far end alone: ERLE is read over its seconds 5 to 12, after the canceller has learnt the
//! room (what went out is floored at one unit of energy, so a canceller that lets nothing
//! through reads as the echo's own level, about 64 dB at 0 dB). During the second stretch the near end talks as well (other sentences, another
//! voice, played into the room at full level, as loud as a 0 dB echo): PESQ-NB scores what baresip
//! received against that near-end speech. A last call has the far end silent, so the near
//! end's score without any echo shows what the path itself costs. Each set-up runs
//! `HANDSET_BENCH_ROUNDS` times (default 2). Nothing is asserted.

#[path = "../tests/common/mod.rs"]
mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, Handset, LONG, SHORT};
use common::pesq;
use common::pulse::{PrivatePulse, DEFAULT_SINK};
use common::scratch::{target_tmp_dir, Scratch};
use common::speech::{long_speech_wav, near_end_speech_wav, wav_seconds};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ROOM: &str = "room";
const RATE: usize = 8_000;
/// When the near end starts talking, from the call's media start: just before the far end's
/// second stretch of speech (2 s of silence, 13 s of speech, 5 s of silence, then the second).
const NEAR_END_START: Duration = Duration::from_millis(19_500);

struct Setup {
    label: &'static str,
    echo_cancellation: bool,
    /// Noise suppression and gain control (the defaults have both on with the canceller).
    noise_suppression: bool,
    /// Whether the far end talks (otherwise it sends silence for as long).
    far_end_talks: bool,
    /// The echo's level in the microphone against the speaker's (the room's gain).
    echo_db: i32,
}

const SETUPS: [Setup; 6] = [
    Setup {
        label: "echo 0 dB, canceller on",
        echo_cancellation: true,
        noise_suppression: false,
        far_end_talks: true,
        echo_db: 0,
    },
    Setup {
        label: "echo 0 dB, canceller off",
        echo_cancellation: false,
        noise_suppression: false,
        far_end_talks: true,
        echo_db: 0,
    },
    Setup {
        label: "echo 0 dB, canceller + NS + AGC (defaults)",
        echo_cancellation: true,
        noise_suppression: true,
        far_end_talks: true,
        echo_db: 0,
    },
    Setup {
        label: "echo −10 dB, canceller on",
        echo_cancellation: true,
        noise_suppression: false,
        far_end_talks: true,
        echo_db: -10,
    },
    Setup {
        label: "echo −10 dB, canceller off",
        echo_cancellation: false,
        noise_suppression: false,
        far_end_talks: true,
        echo_db: -10,
    },
    Setup {
        label: "near end alone (far end silent), canceller on",
        echo_cancellation: true,
        noise_suppression: false,
        far_end_talks: false,
        echo_db: 0,
    },
];

struct Outcome {
    setup: usize,
    erle_db: Option<f64>,
    pesq: Option<f64>,
}

fn main() {
    let rounds: usize = std::env::var("HANDSET_BENCH_ROUNDS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(2);
    let scratch = Scratch::new("echo-bench");
    let far = long_speech_wav(30);
    let silence = silent_copy(&far, &scratch.join("silence.wav"));
    let near = near_end_speech_wav();
    println!(
        "echo_bench: G.711 PCMU, far end {:.1} s, near end {:.1} s from {:.1} s on, {rounds} rounds",
        wav_seconds(&far),
        wav_seconds(&near),
        NEAR_END_START.as_secs_f64()
    );
    let mut results = Vec::new();
    for round in 0..rounds {
        for (index, setup) in SETUPS.iter().enumerate() {
            let dir = scratch.subdir(&format!("r{round}-{index}"));
            let far_wav = if setup.far_end_talks { &far } else { &silence };
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                one_call(&dir, setup, far_wav, &near)
            })) {
                Ok((erle_db, pesq)) => {
                    println!(
                        "round {round}, {}: ERLE {}, near-end PESQ-NB {}",
                        setup.label,
                        erle_db.map_or("—".to_string(), |db| format!("{db:.1} dB")),
                        pesq.map_or("none".to_string(), |p| format!("{p:.2}"))
                    );
                    results.push(Outcome {
                        setup: index,
                        erle_db,
                        pesq,
                    });
                }
                Err(_) => println!("FAILED: round {round}, {}", setup.label),
            }
        }
    }
    println!();
    println!(
        "| {:<46} | {:>14} | {:>28} |",
        "set-up", "ERLE dB (mean)", "near-end PESQ-NB (mean, all)"
    );
    println!("|{:-<48}|{:->16}|{:->30}|", "", "", "");
    for (index, setup) in SETUPS.iter().enumerate() {
        let mine: Vec<&Outcome> = results.iter().filter(|r| r.setup == index).collect();
        let erle: Vec<f64> = mine.iter().filter_map(|r| r.erle_db).collect();
        let scores: Vec<f64> = mine.iter().filter_map(|r| r.pesq).collect();
        let all: Vec<String> = scores.iter().map(|p| format!("{p:.2}")).collect();
        println!(
            "| {:<46} | {:>14} | {:>28} |",
            setup.label,
            mean(&erle).map_or("—".to_string(), |db| format!("{db:.1}")),
            mean(&scores).map_or("—".to_string(), |p| format!(
                "{p:.2} ({})",
                all.join(", ")
            ))
        );
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// A WAV of silence as long as `wav`.
fn silent_copy(wav: &Path, out: &Path) -> PathBuf {
    let reader = hound::WavReader::open(wav).unwrap();
    let spec = reader.spec();
    let mut writer = hound::WavWriter::create(out, spec).unwrap();
    for _ in 0..reader.duration() * u32::from(spec.channels) {
        writer.write_sample(0i16).unwrap();
    }
    writer.finalize().unwrap();
    out.to_path_buf()
}

/// One call; returns the ERLE (when the far end talked) and the near end's PESQ-NB.
fn one_call(dir: &Path, setup: &Setup, far: &Path, near: &Path) -> (Option<f64>, Option<f64>) {
    let pulse = PrivatePulse::start(&dir.join("pulse"));
    for module in [
        format!("module-null-sink sink_name={ROOM} rate=8000 channels=1"),
        format!(
            "module-loopback source={DEFAULT_SINK}.monitor sink={ROOM} latency_msec=60 adjust_time=0 \
             source_dont_move=true sink_dont_move=true"
        ),
    ] {
        pactl(&pulse, &["load-module"], &module);
    }
    // The loopback is the only stream playing yet.
    let streams = pactl(&pulse, &["list", "short", "sink-inputs"], "");
    let loopback = streams.split_whitespace().next().unwrap_or("0").to_string();
    pactl(
        &pulse,
        &["--", "set-sink-input-volume", &loopback],
        &format!("{}dB", setup.echo_db),
    );
    let config = dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!(
            "version = 1\n[audio]\ninput = \"{ROOM}.monitor\"\n\
             echo_cancellation = {}\nnoise_suppression = {}\ngain_control = {}\n",
            setup.echo_cancellation, setup.noise_suppression, setup.noise_suppression
        ),
    )
    .unwrap();
    let scratch = Scratch::new("echo-bench-handset");
    let config = config.display().to_string();
    let mut handset = Handset::spawn_with_env(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "device",
            "--codecs",
            "PCMU",
            "--config",
            &config,
            "--auto-answer",
            "--exit-after-call",
        ]),
        &pulse.env(),
    );
    let ready = handset.wait_event("ready", SHORT);
    let contact = ready["contact"].as_str().unwrap().to_owned();

    let microphone = dir.join("microphone.wav");
    let mut recorder = pulse.record_wav(&format!("{ROOM}.monitor"), &microphone);
    std::thread::sleep(Duration::from_secs(1));
    let mut baresip = Baresip::start(
        &dir.join("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Manual, far),
    );
    baresip.dial(&contact);
    handset.wait_event("media_started", SHORT);
    let media_started = Instant::now();
    std::thread::sleep(NEAR_END_START.saturating_sub(media_started.elapsed()));
    let mut talker = pulse.play(ROOM, near);
    handset.wait_call_ended(LONG);
    baresip.wait_event("CALL_CLOSED", SHORT);
    talker.kill();
    recorder.terminate(Duration::from_secs(5));
    let sent = baresip.received_audio();

    let erle = setup.far_end_talks.then(|| {
        let heard = after_onset(&samples(&microphone));
        // baresip records from the call's first packet, and its speech starts 2 s in.
        let went_out = window(&samples(&sent), 2 * RATE);
        10.0 * (energy(&heard) / energy(&went_out)).log10()
    });
    let score = pesq::score(near, &sent);
    keep(&microphone, &sent, dir);
    (erle, score.pesq)
}

/// Keeps the microphone's recording and what went out under `target/tmp/echo_bench/`, named
/// after the call's folder, for listening to afterwards.
fn keep(microphone: &Path, sent: &Path, dir: &Path) {
    let kept = target_tmp_dir().join("echo_bench");
    let _ = std::fs::create_dir_all(&kept);
    let name = dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let _ = std::fs::copy(microphone, kept.join(format!("{name}-microphone.wav")));
    let _ = std::fs::copy(sent, kept.join(format!("{name}-sent.wav")));
}

/// Runs `pactl ARGS WORDS...` (WORDS split at spaces) and returns what it printed.
fn pactl(pulse: &PrivatePulse, args: &[&str], words: &str) -> String {
    let output = pulse
        .command("pactl")
        .args(args)
        .args(words.split(' ').filter(|word| !word.is_empty()))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "pactl {args:?} {words}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn samples(wav: &Path) -> Vec<i16> {
    hound::WavReader::open(wav)
        .unwrap_or_else(|e| panic!("read {}: {e}", wav.display()))
        .samples::<i16>()
        .map_while(Result::ok)
        .collect()
}

/// The microphone's recording from the echo's first sound on.
fn after_onset(samples: &[i16]) -> Vec<i16> {
    let onset = samples
        .iter()
        .position(|s| s.unsigned_abs() > 300)
        .unwrap_or(0);
    window(samples, onset)
}

/// Seconds 5 to 12 after `start`: the canceller has learnt the room, and the far end's first
/// 13 s of speech are still going, alone.
fn window(samples: &[i16], start: usize) -> Vec<i16> {
    let from = (start + 5 * RATE).min(samples.len());
    let to = (start + 12 * RATE).min(samples.len());
    samples[from..to].to_vec()
}

fn energy(samples: &[i16]) -> f64 {
    samples.iter().map(|&s| f64::from(s).powi(2)).sum::<f64>() + 1.0
}
