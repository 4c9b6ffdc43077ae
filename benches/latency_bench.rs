//! Mouth-to-ear delay: from the caller's microphone to the callee's speaker, Handset and
//! baresip in every pairing, in one run.
//!
//! Run with `cargo bench --bench latency_bench`. A loopback latency rig made of PulseAudio
//! null sinks: one 48 kHz stereo sink ("rig") whose left channel is the caller's microphone
//! (a remap source of the rig's monitor) and whose right channel is the callee's speaker (a
//! remap sink). Chirps played into the left channel are heard by the caller's microphone,
//! and one stereo recording of the rig's monitor holds both ends: the chirp as the microphone
//! heard it on the left, as the far speaker played it on the right. The delay of each chirp
//! is where the right channel best matches the left one (cross-correlation). The callee's
//! microphone and the caller's speaker are null sinks of their own, so nothing echoes.
//! Handset runs with its defaults (echo cancellation and noise suppression on); baresip
//! reaches PulseAudio through ALSA's `default` PCM. G.711 µ-law on loopback, no network delay.
//! Each pairing runs `HANDSET_BENCH_ROUNDS` times (default 3). Nothing is asserted.

#[path = "../tests/common/mod.rs"]
mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, Handset, LONG, SHORT};
use common::process::ChildGuard;
use common::pulse::PrivatePulse;
use common::scratch::Scratch;
use common::speech::speech_wav;
use std::f64::consts::PI;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

const RATE: u32 = 48_000;
/// Chirps played, one a second.
const CHIRPS: usize = 12;
const CHIRP_SECONDS: f64 = 0.04;
/// Longest delay looked for.
const MAX_DELAY_SECONDS: f64 = 1.0;

const RIG_SCRIPT: &str = "\
load-module module-null-sink sink_name=rig rate=48000 channels=2 channel_map=front-left,front-right sink_properties=device.description=Rig
load-module module-remap-source source_name=mouth master=rig.monitor channels=1 master_channel_map=front-left channel_map=mono remix=no source_properties=device.description=Mouth
load-module module-remap-sink sink_name=ear master=rig channels=1 master_channel_map=front-right channel_map=mono remix=no sink_properties=device.description=Ear
load-module module-null-sink sink_name=quiet rate=48000 channels=1 sink_properties=device.description=Quiet
load-module module-null-sink sink_name=away rate=48000 channels=1 sink_properties=device.description=Away
";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stack {
    Handset,
    Baresip,
}

impl Stack {
    fn name(self) -> &'static str {
        match self {
            Stack::Handset => "Handset",
            Stack::Baresip => "baresip",
        }
    }
}

/// Caller, callee.
const PAIRS: [(Stack, Stack); 4] = [
    (Stack::Handset, Stack::Handset),
    (Stack::Baresip, Stack::Baresip),
    (Stack::Baresip, Stack::Handset),
    (Stack::Handset, Stack::Baresip),
];

/// One end of the call.
enum Peer {
    Handset {
        handset: Box<Handset>,
        /// The address its `ready` announced.
        contact: String,
        _scratch: Scratch,
    },
    Baresip(Box<Baresip>),
}

impl Peer {
    /// Starts a peer whose microphone is `source` and whose speaker is `sink`.
    fn start(
        stack: Stack,
        dir: &Path,
        pulse: &PrivatePulse,
        source: &str,
        sink: &str,
        callee: bool,
    ) -> Peer {
        match stack {
            Stack::Handset => {
                let config = dir.join("config");
                std::fs::create_dir_all(&config).unwrap();
                std::fs::write(
                    config.join("config.toml"),
                    format!("version = 1\n[audio]\noutput = \"{sink}\"\ninput = \"{source}\"\n"),
                )
                .unwrap();
                let config = config.display().to_string();
                let mut list = vec![
                    "--listen",
                    "127.0.0.1:0",
                    "--audio",
                    "device",
                    "--codecs",
                    "PCMU",
                    "--config",
                    &config,
                ];
                if callee {
                    list.push("--auto-answer");
                }
                let scratch = Scratch::new("latency-bench-handset");
                let mut handset = Handset::spawn_with_env(&scratch, &args(&list), &pulse.env());
                let ready = handset.wait_event("ready", SHORT);
                let contact = ready["contact"].as_str().unwrap_or_default().to_owned();
                Peer::Handset {
                    handset: Box::new(handset),
                    contact,
                    _scratch: scratch,
                }
            }
            Stack::Baresip => {
                // ALSA's pulse plugin reads these from baresip's environment.
                for (key, value) in pulse.env() {
                    std::env::set_var(key, value);
                }
                std::env::set_var("PULSE_SINK", sink);
                std::env::set_var("PULSE_SOURCE", source);
                let answer = if callee {
                    AnswerMode::Auto
                } else {
                    AnswerMode::Manual
                };
                let mut setup =
                    BaresipSetup::new(if callee { "bob" } else { "alice" }, answer, &speech_wav());
                setup.alsa_device = true;
                let baresip = Baresip::start(&dir.join("baresip"), &setup);
                std::env::remove_var("PULSE_SINK");
                std::env::remove_var("PULSE_SOURCE");
                Peer::Baresip(Box::new(baresip))
            }
        }
    }

    fn address(&self) -> String {
        match self {
            Peer::Handset { contact, .. } => contact.clone(),
            Peer::Baresip(baresip) => baresip.uri(),
        }
    }

    fn dial(&mut self, address: &str) {
        match self {
            Peer::Handset { handset, .. } => handset.dial(address),
            Peer::Baresip(baresip) => baresip.dial(address),
        }
    }

    /// Waits until the call's audio runs at this end.
    fn wait_established(&mut self) {
        match self {
            Peer::Handset { handset, .. } => {
                handset.wait_event("media_started", SHORT);
            }
            Peer::Baresip(baresip) => {
                baresip.wait_event("CALL_ESTABLISHED", SHORT);
            }
        }
    }

    fn hang_up_and_quit(&mut self) {
        match self {
            Peer::Handset { handset, .. } => {
                let call = handset
                    .events_seen()
                    .iter()
                    .find(|event| event["event"] == "media_started")
                    .and_then(|event| event["call"].as_u64());
                if let Some(call) = call {
                    handset.hangup(call);
                    handset.wait_call_ended(LONG);
                }
                handset.quit();
            }
            Peer::Baresip(baresip) => {
                baresip.command("hangup", "");
                baresip.quit();
            }
        }
    }
}

/// What was measured for one pairing in one round: the delay of each chirp found, in ms.
struct Measured {
    pair: usize,
    delays_ms: Vec<f64>,
}

fn main() {
    let rounds: usize = std::env::var("HANDSET_BENCH_ROUNDS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(3);
    let scratch = Scratch::new("latency-bench");
    let chirps = scratch.join("chirps.wav");
    write_chirps(&chirps);
    println!(
        "latency_bench: G.711 PCMU on loopback, {CHIRPS} chirps a call, {rounds} rounds,          handset binary {}",
        common::handset::binary().display()
    );
    let mut measured = Vec::new();
    for round in 0..rounds {
        for (index, &(caller, callee)) in PAIRS.iter().enumerate() {
            let dir = scratch.subdir(&format!("r{round}-{index}"));
            let label = format!("{} → {}", caller.name(), callee.name());
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                one_call(&dir, caller, callee, &chirps)
            })) {
                Ok(delays_ms) => {
                    let text: Vec<String> = delays_ms.iter().map(|d| format!("{d:.1}")).collect();
                    println!("round {round}, {label}: {} ms", text.join(" "));
                    measured.push(Measured {
                        pair: index,
                        delays_ms,
                    });
                }
                Err(_) => println!("FAILED: round {round}, {label}"),
            }
        }
    }
    println!();
    println!(
        "| {:<20} | {:>10} | {:>24} | {:>7} |",
        "microphone → speaker", "median ms", "per-call medians ms", "chirps"
    );
    println!("|{:-<22}|{:->12}|{:->26}|{:->9}|", "", "", "", "");
    for (index, (caller, callee)) in PAIRS.iter().enumerate() {
        let runs: Vec<&Measured> = measured.iter().filter(|m| m.pair == index).collect();
        let all: Vec<f64> = runs.iter().flat_map(|m| m.delays_ms.clone()).collect();
        let per_call: Vec<String> = runs
            .iter()
            .filter_map(|m| median(&m.delays_ms))
            .map(|d| format!("{d:.1}"))
            .collect();
        println!(
            "| {:<20} | {:>10} | {:>24} | {:>7} |",
            format!("{} → {}", caller.name(), callee.name()),
            median(&all).map_or("—".to_string(), |d| format!("{d:.1}")),
            per_call.join(", "),
            all.len()
        );
    }
    println!();
    println!(
        "A chirp counts when the far speaker's channel matches the microphone's with a \
         normalised correlation of at least 0.5."
    );
}

fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some(sorted[sorted.len() / 2])
}

/// A 48 kHz stereo WAV: a chirp (400 to 3000 Hz, inside G.711's band) on the left every
/// second, starting half a second in, and silence on the right.
fn write_chirps(out: &Path) {
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(out, spec).unwrap();
    let chirp = chirp();
    let second = RATE as usize;
    let total = second * (CHIRPS + 1);
    for at in 0..total {
        let offset = (at + second / 2) % second;
        let left = if at >= second / 2 && offset < chirp.len() && at < total - second / 2 {
            chirp[offset]
        } else {
            0.0
        };
        writer
            .write_sample((left * 16_000.0).round() as i16)
            .unwrap();
        writer.write_sample(0i16).unwrap();
    }
    writer.finalize().unwrap();
}

/// A linear chirp under a Hann window, peak 1.0.
fn chirp() -> Vec<f64> {
    let length = (CHIRP_SECONDS * f64::from(RATE)) as usize;
    let (from, to) = (400.0, 3000.0);
    (0..length)
        .map(|n| {
            let t = n as f64 / f64::from(RATE);
            let phase = 2.0 * PI * (from * t + (to - from) * t * t / (2.0 * CHIRP_SECONDS));
            let window = 0.5 - 0.5 * (2.0 * PI * n as f64 / (length - 1) as f64).cos();
            phase.sin() * window
        })
        .collect()
}

/// One call from `caller` to `callee`; returns each chirp's delay in ms.
fn one_call(dir: &Path, caller: Stack, callee: Stack, chirps: &Path) -> Vec<f64> {
    let pulse = PrivatePulse::start_with(&dir.join("pulse"), RIG_SCRIPT);
    let mut far = Peer::start(
        callee,
        &dir.join("callee"),
        &pulse,
        "quiet.monitor",
        "ear",
        true,
    );
    let mut near = Peer::start(caller, &dir.join("caller"), &pulse, "mouth", "away", false);
    near.dial(&far.address());
    near.wait_established();
    far.wait_established();
    // Let both ends' buffers settle as they would a few seconds into a call.
    std::thread::sleep(Duration::from_secs(3));

    let recording = dir.join("rig.wav");
    let mut recorder = record_both_ends(&pulse, &recording);
    std::thread::sleep(Duration::from_secs(1));
    let mut player = pulse.play("rig", chirps);
    let _ = player.wait_timeout(Duration::from_secs(CHIRPS as u64 + 10));
    std::thread::sleep(Duration::from_secs(1));
    recorder.terminate(Duration::from_secs(5));
    near.hang_up_and_quit();
    far.hang_up_and_quit();
    delays(&recording)
}

/// Records the rig's monitor: left the microphone, right the far speaker.
fn record_both_ends(pulse: &PrivatePulse, wav: &Path) -> ChildGuard {
    let mut parec = pulse.command("parec");
    parec
        .args(["-d", "rig.monitor"])
        .args(["--rate=48000", "--channels=2", "--format=s16le"])
        .args(["--channel-map=front-left,front-right", "--file-format=wav"])
        .arg(wav)
        .stdin(Stdio::null());
    ChildGuard::spawn("parec", &mut parec)
}

/// For each chirp the microphone heard, how much later the far speaker played it.
fn delays(wav: &Path) -> Vec<f64> {
    let mut reader = hound::WavReader::open(wav).unwrap();
    let samples: Vec<f64> = reader
        .samples::<i16>()
        .map_while(Result::ok)
        .map(f64::from)
        .collect();
    let left: Vec<f64> = samples.iter().step_by(2).copied().collect();
    let right: Vec<f64> = samples.iter().skip(1).step_by(2).copied().collect();
    let chirp_length = (CHIRP_SECONDS * f64::from(RATE)) as usize;
    let max_lag = (MAX_DELAY_SECONDS * f64::from(RATE)) as usize;
    let mut found = Vec::new();
    let mut at = 0;
    while at + chirp_length < left.len() {
        if left[at].abs() < 1_000.0 {
            at += 1;
            continue;
        }
        // The chirp's onset: start the template a little before it.
        let start = at.saturating_sub(RATE as usize / 200);
        let template = &left[start..(start + chirp_length + RATE as usize / 100).min(left.len())];
        if let Some(lag) = best_lag(template, &right[start.min(right.len())..], max_lag) {
            found.push(lag as f64 * 1000.0 / f64::from(RATE));
        }
        at = start + RATE as usize / 2;
    }
    found
}

/// The lag at which `signal` best matches `template`, if it matches well.
fn best_lag(template: &[f64], signal: &[f64], max_lag: usize) -> Option<usize> {
    let template_energy: f64 = template.iter().map(|x| x * x).sum();
    let mut best = (0, 0.0);
    for lag in 0..max_lag.min(signal.len().saturating_sub(template.len())) {
        let window = &signal[lag..lag + template.len()];
        let dot: f64 = template.iter().zip(window).map(|(a, b)| a * b).sum();
        let energy: f64 = window.iter().map(|x| x * x).sum();
        let normalised = dot / (template_energy * energy).sqrt().max(1.0);
        if normalised > best.1 {
            best = (lag, normalised);
        }
    }
    (best.1 >= 0.5).then_some(best.0)
}
