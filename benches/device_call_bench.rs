//! What a call costs on the sound-card path, and what cleaning up the microphone adds to it:
//! Handset next to baresip in the same call, both on PulseAudio devices of the same kind, at
//! 48 kHz stereo, 16 kHz mono and 8 kHz mono.
//!
//! Run with `cargo bench --bench device_call_bench`. For each device kind a private PulseAudio
//! server gets four null sinks of that kind: Handset's speaker and microphone (chosen in its
//! config.toml) and baresip's (through ALSA's `default` PCM, which libasound2-plugins sends to
//! PulseAudio). Speech is played into both microphones. baresip calls Handset on G.711 µ-law;
//! after a warm-up the CPU time (utime + stime, all threads) and context switches (voluntary
//! and involuntary, summed over threads) of each process are read over a fixed window.
//!
//! Each device kind gets three calls: Handset with its default voice processing (echo
//! cancellation, noise suppression and gain control) against a plain baresip; Handset with
//! echo cancellation alone against a plain baresip; Handset with all three switched off in
//! `[audio]` against baresip with its `speex_pp` module (the Speex preprocessor: noise suppression,
//! gain control, voice detection; Debian's baresip has no WebRTC canceller). What each
//! side's processing costs is the difference between its calls with and without it.
//! `HANDSET_AUDIO_HOST=cpal-pulseaudio` in the bench's environment runs Handset on cpal's
//! PulseAudio host instead of its own client. The machine is shared, so everything runs `HANDSET_BENCH_ROUNDS` times (default 3)
//! and the means are printed with their spread. Nothing is asserted.

#[path = "../tests/common/mod.rs"]
mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, call_id, Handset, LONG, SHORT};
use common::process::proc_usage;
use common::pulse::PrivatePulse;
use common::scratch::Scratch;
use common::speech::long_speech_wav;
use std::path::Path;
use std::time::{Duration, Instant};

/// Settling time after the call's media started.
const WARM_UP: Duration = Duration::from_secs(3);
/// How long the figures are read over.
const WINDOW: Duration = Duration::from_secs(20);

struct DeviceKind {
    label: &'static str,
    rate: u32,
    channels: u32,
}

const KINDS: [DeviceKind; 3] = [
    DeviceKind {
        label: "48 kHz stereo",
        rate: 48000,
        channels: 2,
    },
    DeviceKind {
        label: "16 kHz mono",
        rate: 16000,
        channels: 1,
    },
    DeviceKind {
        label: "8 kHz mono",
        rate: 8000,
        channels: 1,
    },
];

/// Which side cleans up its microphone in one call.
#[derive(Clone, Copy)]
struct Processing {
    /// What Handset runs, as the table names it.
    handset: &'static str,
    /// Its `[audio]` lines for that (none: the defaults, all three on).
    handset_config: &'static str,
    /// baresip's `speex_pp` module.
    speex_pp: bool,
}

const CALLS: [Processing; 3] = [
    Processing {
        handset: "all on",
        handset_config: "",
        speex_pp: false,
    },
    Processing {
        handset: "AEC only",
        handset_config: "noise_suppression = false\ngain_control = false\n",
        speex_pp: false,
    },
    Processing {
        handset: "all off",
        handset_config: "echo_cancellation = false\nnoise_suppression = false\n\
                         gain_control = false\n",
        speex_pp: true,
    },
];

/// The call in which Handset processes nothing (and baresip runs `speex_pp`).
const HANDSET_OFF: usize = 2;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Process {
    Handset,
    Baresip,
    Server,
}

impl Process {
    fn label(self) -> &'static str {
        match self {
            Process::Handset
                if std::env::var("HANDSET_AUDIO_HOST").as_deref() == Ok("cpal-pulseaudio") =>
            {
                "handset (cpal PulseAudio host)"
            }
            Process::Handset => "handset (own PulseAudio client)",
            Process::Baresip => "baresip (ALSA → pulse)",
            Process::Server => "pulseaudio server",
        }
    }

    fn processing_label(self, call: usize) -> String {
        let processing = CALLS[call];
        match self {
            Process::Handset => processing.handset.to_string(),
            Process::Baresip if processing.speex_pp => "speex_pp".to_string(),
            Process::Baresip => "no speex_pp".to_string(),
            Process::Server => format!("call {}", call + 1),
        }
    }
}

/// CPU time and context switches of a process so far.
#[derive(Clone, Copy)]
struct Sample {
    cpu_seconds: f64,
    switches: u64,
}

fn sample(pid: u32) -> Option<Sample> {
    let cpu_seconds = proc_usage(pid)?.cpu_seconds;
    let mut switches = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let Ok(task) = task else { continue };
        let Ok(status) = std::fs::read_to_string(task.path().join("status")) else {
            continue;
        };
        switches += status
            .lines()
            .filter(|line| line.contains("ctxt_switches:"))
            .filter_map(|line| line.split_whitespace().last()?.parse::<u64>().ok())
            .sum::<u64>();
    }
    Some(Sample {
        cpu_seconds,
        switches,
    })
}

/// One process in one call.
struct Measured {
    kind: usize,
    call: usize,
    process: Process,
    cpu_percent: f64,
    switches_per_second: f64,
}

fn main() {
    let rounds: usize = std::env::var("HANDSET_BENCH_ROUNDS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(3);
    let scratch = Scratch::new("device-call-bench");
    let speech = long_speech_wav(60);
    println!(
        "device_call_bench: G.711 PCMU, {} s windows after {} s warm-up, {rounds} rounds, \
         handset binary {}",
        WINDOW.as_secs(),
        WARM_UP.as_secs(),
        common::handset::binary().display()
    );
    let mut measured = Vec::new();
    for round in 0..rounds {
        for (kind_index, kind) in KINDS.iter().enumerate() {
            // Alternate which call goes first, so a slow drift of the machine's load does
            // not always land on the same one.
            let mut order: Vec<usize> = (0..CALLS.len()).collect();
            if round % 2 == 1 {
                order.reverse();
            }
            for call in order {
                let dir = scratch.subdir(&format!("r{round}-{}-{call}", kind.rate));
                let processing = CALLS[call];
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    one_call(&dir, kind, processing, &speech)
                })) {
                    Ok(rows) => {
                        for (process, cpu_percent, switches_per_second) in rows {
                            println!(
                                "round {round}, {}, {} ({}): CPU {cpu_percent:.2} %, \
                                 {switches_per_second:.0} ctx sw/s",
                                kind.label,
                                process.label(),
                                process.processing_label(call),
                            );
                            measured.push(Measured {
                                kind: kind_index,
                                call,
                                process,
                                cpu_percent,
                                switches_per_second,
                            });
                        }
                    }
                    Err(_) => println!("FAILED: round {round}, call {call} on {}", kind.label),
                }
            }
        }
    }
    print_tables(&measured);
}

/// Mean, minimum and maximum.
fn spread(values: &[f64]) -> (f64, f64, f64) {
    let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (mean, min, max)
}

fn select(
    measured: &[Measured],
    kind: usize,
    calls: &[usize],
    process: Process,
    value: fn(&Measured) -> f64,
) -> Vec<f64> {
    measured
        .iter()
        .filter(|m| m.kind == kind && calls.contains(&m.call) && m.process == process)
        .map(value)
        .collect()
}

/// Mean CPU % of `process` over `calls` on device kind `kind`.
fn mean_cpu(measured: &[Measured], kind: usize, calls: &[usize], process: Process) -> f64 {
    spread(&select(measured, kind, calls, process, |m| m.cpu_percent)).0
}

fn print_tables(measured: &[Measured]) {
    println!();
    println!(
        "| {:<14} | {:<31} | {:<12} | {:>22} | {:>16} |",
        "device", "process", "processing", "CPU % mean (min–max)", "ctx switches / s"
    );
    println!(
        "|{:-<16}|{:-<33}|{:-<14}|{:->24}|{:->18}|",
        "", "", "", "", ""
    );
    for (kind_index, kind) in KINDS.iter().enumerate() {
        for process in [Process::Handset, Process::Baresip, Process::Server] {
            for call in 0..CALLS.len() {
                let cpu = select(measured, kind_index, &[call], process, |m| m.cpu_percent);
                if cpu.is_empty() {
                    continue;
                }
                let switches = select(measured, kind_index, &[call], process, |m| {
                    m.switches_per_second
                });
                let (mean, min, max) = spread(&cpu);
                println!(
                    "| {:<14} | {:<31} | {:<12} | {:>8.2} ({:>5.2}–{:>5.2}) | {:>16.0} |",
                    kind.label,
                    process.label(),
                    process.processing_label(call),
                    mean,
                    min,
                    max,
                    spread(&switches).0
                );
            }
        }
    }
    println!();
    println!("What the processing adds to a call (mean on − mean off, CPU % of one core):");
    let plain_baresip: Vec<usize> = (0..CALLS.len()).filter(|&c| !CALLS[c].speex_pp).collect();
    let speex_baresip: Vec<usize> = (0..CALLS.len()).filter(|&c| CALLS[c].speex_pp).collect();
    for (kind_index, kind) in KINDS.iter().enumerate() {
        let handset_off = mean_cpu(measured, kind_index, &[HANDSET_OFF], Process::Handset);
        let handset =
            |call: usize| mean_cpu(measured, kind_index, &[call], Process::Handset) - handset_off;
        println!(
            "  {}: Handset {} {:+.2} %, {} {:+.2} %; baresip speex_pp {:+.2} %",
            kind.label,
            CALLS[0].handset,
            handset(0),
            CALLS[1].handset,
            handset(1),
            mean_cpu(measured, kind_index, &speex_baresip, Process::Baresip)
                - mean_cpu(measured, kind_index, &plain_baresip, Process::Baresip)
        );
    }
    println!();
    println!(
        "CPU % is of one core. The PulseAudio server serves both Handset and baresip (and \
         the two speech feeds) in the same call; \"processing\" names what each side did to \
         its microphone in that call."
    );
}

fn server_script(kind: &DeviceKind) -> String {
    ["phone", "mic", "bphone", "bmic"]
        .iter()
        .map(|sink| {
            format!(
                "load-module module-null-sink sink_name={sink} rate={} channels={} \
                 sink_properties=device.description={sink}\n",
                kind.rate, kind.channels
            )
        })
        .collect()
}

/// One call; returns each process's CPU % and context switches per second.
fn one_call(
    dir: &Path,
    kind: &DeviceKind,
    processing: Processing,
    speech: &Path,
) -> Vec<(Process, f64, f64)> {
    let pulse = PrivatePulse::start_with(&dir.join("pulse"), &server_script(kind));
    let config = dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    let voice = processing.handset_config;
    std::fs::write(
        config.join("config.toml"),
        format!("version = 1\n[audio]\noutput = \"phone\"\ninput = \"mic.monitor\"\n{voice}"),
    )
    .unwrap();
    let scratch = Scratch::new("device-call-bench-handset");
    let config_arg = config.display().to_string();
    let mut handset = Handset::spawn_with_env(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "device",
            "--codecs",
            "PCMU",
            "--auto-answer",
            "--config",
            &config_arg,
        ]),
        &pulse.env(),
    );
    let ready = handset.wait_event("ready", SHORT);
    let contact = ready["contact"].as_str().unwrap().to_owned();

    // baresip reaches the server through ALSA's pulse plugin, which reads the environment.
    for (key, value) in pulse.env() {
        std::env::set_var(key, value);
    }
    std::env::set_var("PULSE_SINK", "bphone");
    std::env::set_var("PULSE_SOURCE", "bmic.monitor");
    let mut setup = BaresipSetup::new("alice", AnswerMode::Manual, speech);
    setup.alsa_device = true;
    if processing.speex_pp {
        setup.extra_modules.push("speex_pp".to_string());
    }
    let mut baresip = Baresip::start(&dir.join("baresip"), &setup);
    std::env::remove_var("PULSE_SINK");
    std::env::remove_var("PULSE_SOURCE");

    let mut feeds = [pulse.play("mic", speech), pulse.play("bmic", speech)];
    baresip.dial(&contact);
    let media = handset.wait_event("media_started", SHORT);
    let call = call_id(&media);
    std::thread::sleep(WARM_UP);

    let processes = [
        (Process::Handset, handset.pid()),
        (Process::Baresip, baresip.pid()),
        (Process::Server, pulse.pid()),
    ];
    let started = Instant::now();
    let before: Vec<Option<Sample>> = processes.iter().map(|(_, pid)| sample(*pid)).collect();
    std::thread::sleep(WINDOW);
    let after: Vec<Option<Sample>> = processes.iter().map(|(_, pid)| sample(*pid)).collect();
    let seconds = started.elapsed().as_secs_f64();

    handset.hangup(call);
    handset.wait_call_ended(LONG);
    handset.quit();
    baresip.quit();
    for feed in &mut feeds {
        feed.kill();
    }

    processes
        .iter()
        .zip(before.iter().zip(after.iter()))
        .filter_map(|((process, _), (before, after))| {
            let (before, after) = (before.as_ref()?, after.as_ref()?);
            Some((
                *process,
                100.0 * (after.cpu_seconds - before.cpu_seconds) / seconds,
                (after.switches - before.switches) as f64 / seconds,
            ))
        })
        .collect()
}
