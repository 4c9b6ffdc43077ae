//! What a call costs on the sound-card path: Handset next to baresip in the same call, both on
//! PulseAudio devices of the same kind, at 48 kHz stereo and at 8 kHz mono.
//!
//! Run with `cargo bench --bench device_call_bench`. For each device kind a private PulseAudio
//! server gets four null sinks of that kind: Handset's speaker and microphone (chosen in its
//! config.toml) and baresip's (through ALSA's `default` PCM, which libasound2-plugins sends to
//! PulseAudio). Speech is played into both microphones. baresip calls Handset on G.711 µ-law;
//! after a warm-up the CPU time (utime + stime, all threads) and context switches (voluntary
//! and involuntary, summed over threads) of each process are read over a fixed window. Handset
//! runs twice: on its own PulseAudio client and on cpal's (`HANDSET_AUDIO_HOST=cpal-pulseaudio`,
//! the path before). Nothing is asserted.

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

const KINDS: [DeviceKind; 2] = [
    DeviceKind {
        label: "48 kHz stereo",
        rate: 48000,
        channels: 2,
    },
    DeviceKind {
        label: "8 kHz mono",
        rate: 8000,
        channels: 1,
    },
];

/// Handset's audio system for one run.
const HANDSET_PATHS: [(&str, &str); 2] = [
    ("Handset (own PulseAudio client)", "pulseaudio"),
    ("Handset (cpal PulseAudio host)", "cpal-pulseaudio"),
];

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

/// One row of the table.
struct Row {
    device: &'static str,
    run: &'static str,
    process: String,
    cpu_percent: f64,
    switches_per_second: f64,
}

fn main() {
    let scratch = Scratch::new("device-call-bench");
    let speech = long_speech_wav(60);
    println!(
        "device_call_bench: G.711 PCMU, {} s windows after {} s warm-up, handset binary {}",
        WINDOW.as_secs(),
        WARM_UP.as_secs(),
        common::handset::binary().display()
    );
    let mut rows = Vec::new();
    for kind in &KINDS {
        for (run, system) in HANDSET_PATHS {
            let dir = scratch.subdir(&format!("{}-{system}", kind.rate));
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                one_call(&dir, kind, run, system, &speech)
            })) {
                Ok(mut measured) => rows.append(&mut measured),
                Err(_) => println!("FAILED: {run} on {}", kind.label),
            }
        }
    }
    println!();
    println!(
        "| {:<14} | {:<32} | {:<26} | {:>6} | {:>16} |",
        "device", "run", "process", "CPU %", "ctx switches / s"
    );
    println!(
        "|{:-<16}|{:-<34}|{:-<28}|{:->8}|{:->18}|",
        "", "", "", "", ""
    );
    for row in &rows {
        println!(
            "| {:<14} | {:<32} | {:<26} | {:>6.2} | {:>16.0} |",
            row.device, row.run, row.process, row.cpu_percent, row.switches_per_second
        );
    }
    println!();
    println!(
        "CPU % is of one core. The PulseAudio server serves both Handset and baresip (and \
         the two speech feeds) in the same call."
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

fn one_call(
    dir: &Path,
    kind: &'static DeviceKind,
    run: &'static str,
    system: &str,
    speech: &Path,
) -> Vec<Row> {
    let pulse = PrivatePulse::start_with(&dir.join("pulse"), &server_script(kind));
    let config = dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "version = 1\n[audio]\noutput = \"phone\"\ninput = \"mic.monitor\"\n",
    )
    .unwrap();
    let scratch = Scratch::new("device-call-bench-handset");
    let mut env = pulse.env();
    env.push(("HANDSET_AUDIO_HOST".into(), system.into()));
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
        &env,
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
    let mut baresip = Baresip::start(&dir.join("baresip"), &setup);
    std::env::remove_var("PULSE_SINK");
    std::env::remove_var("PULSE_SOURCE");

    let mut feeds = [pulse.play("mic", speech), pulse.play("bmic", speech)];
    baresip.dial(&contact);
    let media = handset.wait_event("media_started", SHORT);
    let call = call_id(&media);
    std::thread::sleep(WARM_UP);

    let processes = [
        (format!("handset ({system})"), handset.pid()),
        ("baresip (ALSA → pulse)".to_string(), baresip.pid()),
        ("pulseaudio server".to_string(), pulse.pid()),
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
        .filter_map(|((name, _), (before, after))| {
            let (before, after) = (before.as_ref()?, after.as_ref()?);
            Some(Row {
                device: kind.label,
                run,
                process: name.clone(),
                cpu_percent: 100.0 * (after.cpu_seconds - before.cpu_seconds) / seconds,
                switches_per_second: (after.switches - before.switches) as f64 / seconds,
            })
        })
        .collect()
}
