//! Sound devices that come and go during a call, on a real PulseAudio server:
//! - the chosen headset (a null sink) is unplugged mid-call: the call goes on in the default
//!   sink, Handset says where its audio went, and its device list drops the headset;
//! - a new headset is plugged in: the device list shows it unasked, the user picks it for the
//!   call (by its description, as the call view offers it), and the audio follows;
//! - a call on "the default device" follows the desktop when the default changes;
//! - a call whose stream the server ends (a device that fails) reopens, on the same devices
//!   while they are there.
//!
//! baresip calls in and plays a steady tone; each sink's monitor is recorded, and the tone
//! must be in the sink the call is on. Needs `pulseaudio`, `pulseaudio-utils` and `baresip`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, call_id, Handset, SHORT};
use common::pulse::{PrivatePulse, DEFAULT_SINK};
use common::scratch::Scratch;
use common::tone::{sine, tone_blocks};
use serde_json::{json, Value};

const TONE_HZ: f64 = 440.0;
const RATE: u32 = 8000;
/// 20 ms blocks.
const BLOCK: usize = 160;
/// How long each stage records: long enough for parec to connect and for a second of tone.
const STAGE: Duration = Duration::from_secs(3);
/// A stage on the call's sink must hold at least this much clean tone (1 s in 20 ms blocks);
/// a sink the call is not on holds none.
const TONE_PRESENT: usize = 50;
const TONE_ABSENT: usize = 2;

/// A 40 s tone for baresip to send: the call outlasts every stage.
fn tone_wav(dir: &Path) -> PathBuf {
    let path = dir.join("tone.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(&path, spec).unwrap();
    for sample in sine(RATE, TONE_HZ, 40 * RATE as usize) {
        writer.write_sample(sample).unwrap();
    }
    writer.finalize().unwrap();
    path
}

fn write_config(dir: &Path, output: Option<&str>) {
    std::fs::create_dir_all(dir).unwrap();
    let output = output.map_or(String::new(), |o| format!("output = \"{o}\"\n"));
    std::fs::write(
        dir.join("config.toml"),
        format!("version = 1\n[audio]\n{output}input = \"micfeed.monitor\"\n"),
    )
    .unwrap();
}

/// Unplug: unload the null sink called `sink`.
fn unplug(pulse: &PrivatePulse, sink: &str) {
    let modules = pulse.pactl(&["list", "short", "modules"]);
    let index = modules
        .lines()
        .find(|line| line.contains(&format!("sink_name={sink} ")))
        .and_then(|line| line.split_whitespace().next())
        .unwrap_or_else(|| panic!("no module for sink {sink}:\n{modules}"))
        .to_owned();
    pulse.pactl(&["unload-module", &index]);
}

fn plug_in(pulse: &PrivatePulse, sink: &str, description: &str) {
    pulse.pactl(&[
        "load-module",
        "module-null-sink",
        &format!("sink_name={sink}"),
        "rate=48000",
        &format!("sink_properties='device.description=\"{description}\"'"),
    ]);
}

/// Seconds of clean tone in what `source` records over one stage.
fn tone_in(pulse: &PrivatePulse, source: &str) -> usize {
    let recorder = pulse.record(source);
    std::thread::sleep(STAGE);
    let blocks = tone_blocks(&recorder.finish(), RATE, TONE_HZ, BLOCK);
    eprintln!("{source}: {blocks} blocks of 20 ms carry the call's tone");
    blocks
}

fn output_names(devices: &Value) -> Vec<String> {
    devices["devices"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter(|d| d["direction"] == "output")
                .filter_map(|d| d["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Waits until an event matching each of `wanted` has come, in any order (a device list and
/// a call's move arrive in whichever order the server's news reach Handset); returns them in
/// the order of `wanted`.
fn wait_all(handset: &mut Handset, what: &str, wanted: &[&dyn Fn(&Value) -> bool]) -> Vec<Value> {
    let mut found: Vec<Option<Value>> = vec![None; wanted.len()];
    while found.iter().any(Option::is_none) {
        let event = handset.next_event(SHORT, what);
        for (slot, matches) in found.iter_mut().zip(wanted) {
            if slot.is_none() && matches(&event) {
                *slot = Some(event.clone());
            }
        }
    }
    found.into_iter().flatten().collect()
}

fn is_call_audio(event: &Value, kind: &str) -> bool {
    event["event"] == "call_audio" && event["change"]["kind"] == kind
}

/// The next `call_audio` event whose change is `kind`.
fn wait_call_audio(handset: &mut Handset, kind: &str) -> Value {
    handset.wait_for(SHORT, &format!("call_audio with change {kind}"), |e| {
        e["event"] == "call_audio" && e["change"]["kind"] == kind
    })
}

/// Handset on `pulse`, answering baresip's call; returns both and the event that says where
/// the call's audio opened.
fn call_in(
    scratch: &Scratch,
    pulse: &PrivatePulse,
    output: Option<&str>,
) -> (Handset, Baresip, Value) {
    let config = scratch.subdir("config");
    write_config(&config, output);
    let config_arg = config.display().to_string();
    let mut handset = Handset::spawn_with_env(
        scratch,
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
    handset.send(json!({"command": "list_audio_devices"}));
    handset.wait_event("audio_devices", SHORT);
    let tone = tone_wav(&scratch.subdir("tone"));
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Manual, &tone),
    );
    baresip.dial(&contact);
    let opened = wait_call_audio(&mut handset, "opened");
    (handset, baresip, opened)
}

fn hang_up(mut handset: Handset, mut baresip: Baresip, call: u64) {
    handset.hangup(call);
    handset.wait_call_ended(SHORT);
    let status = handset.quit();
    assert!(status.success(), "Handset exited with {status}");
    baresip.quit();
    let stderr = handset.stderr_text();
    assert!(!stderr.contains("panicked"), "Handset panicked:\n{stderr}");
}

#[test]
fn an_unplugged_headset_moves_the_call_and_a_new_one_can_be_chosen() {
    let scratch = Scratch::new("hot-plug-unplug");
    let pulse = PrivatePulse::start_with(
        &scratch.subdir("pulse"),
        "load-module module-null-sink sink_name=headset rate=48000 channels=2 \
         sink_properties=device.description=Headset\n\
         load-module module-null-sink sink_name=micfeed rate=8000 channels=1\n",
    );
    let (mut handset, baresip, opened) = call_in(&scratch, &pulse, Some("headset"));
    assert_eq!(opened["output"], "headset", "{opened}");
    let call = call_id(&opened);
    let on_headset = tone_in(&pulse, "headset.monitor");
    assert!(
        on_headset >= TONE_PRESENT,
        "the chosen headset carried {on_headset} blocks of the call's tone"
    );

    unplug(&pulse, "headset");
    let news = wait_all(
        &mut handset,
        "the call's move and a device list without the headset",
        &[&|e| is_call_audio(e, "moved"), &|e| {
            e["event"] == "audio_devices" && !output_names(e).contains(&"headset".to_owned())
        }],
    );
    let (moved, listed) = (&news[0], &news[1]);
    assert_eq!(moved["output"], DEFAULT_SINK, "{moved}");
    assert_eq!(call_id(moved), call);
    assert!(output_names(listed).contains(&DEFAULT_SINK.to_owned()));
    let on_default = tone_in(&pulse, &format!("{DEFAULT_SINK}.monitor"));
    assert!(
        on_default >= TONE_PRESENT,
        "after the unplug the default sink carried {on_default} blocks of the call's tone"
    );

    plug_in(&pulse, "usbheadset", "USB Headset");
    handset.wait_for(SHORT, "a device list with the new headset", |e| {
        e["event"] == "audio_devices" && output_names(e).contains(&"usbheadset".to_owned())
    });
    handset.send(json!({"command": "set_call_audio", "call": call, "output": "USB Headset"}));
    let chosen = wait_call_audio(&mut handset, "chosen");
    assert_eq!(chosen["output"], "usbheadset", "{chosen}");
    let on_new = tone_in(&pulse, "usbheadset.monitor");
    let left_behind = tone_in(&pulse, &format!("{DEFAULT_SINK}.monitor"));
    assert!(
        on_new >= TONE_PRESENT,
        "the headset chosen mid-call carried {on_new} blocks of the call's tone"
    );
    assert!(
        left_behind <= TONE_ABSENT,
        "the default sink still carried {left_behind} blocks after the call moved away"
    );
    hang_up(handset, baresip, call);
}

#[test]
fn a_call_on_the_default_device_follows_the_desktops_default() {
    let scratch = Scratch::new("hot-plug-default");
    let pulse = PrivatePulse::start_with(
        &scratch.subdir("pulse"),
        "load-module module-null-sink sink_name=micfeed rate=8000 channels=1\n",
    );
    let (mut handset, baresip, opened) = call_in(&scratch, &pulse, None);
    assert_eq!(opened["output"], DEFAULT_SINK, "{opened}");
    let call = call_id(&opened);
    let on_default = tone_in(&pulse, &format!("{DEFAULT_SINK}.monitor"));
    assert!(
        on_default >= TONE_PRESENT,
        "the default sink carried {on_default} blocks of the call's tone"
    );

    plug_in(&pulse, "dock", "Dock Speakers");
    pulse.pactl(&["set-default-sink", "dock"]);
    let news = wait_all(
        &mut handset,
        "the call's move and a device list with the new default",
        &[&|e| is_call_audio(e, "moved"), &|e| {
            e["event"] == "audio_devices"
                && e["devices"].as_array().is_some_and(|list| {
                    list.iter()
                        .any(|d| d["name"] == "dock" && d["is_default"] == true)
                })
        }],
    );
    let (moved, listed) = (&news[0], &news[1]);
    assert_eq!(moved["output"], "dock", "{moved}");
    assert!(output_names(listed).contains(&DEFAULT_SINK.to_owned()));
    let on_dock = tone_in(&pulse, "dock.monitor");
    assert!(
        on_dock >= TONE_PRESENT,
        "the new default sink carried {on_dock} blocks of the call's tone"
    );
    hang_up(handset, baresip, call);
}

#[test]
fn a_call_whose_stream_the_server_ends_reopens_on_its_devices() {
    let scratch = Scratch::new("hot-plug-killed");
    let pulse = PrivatePulse::start_with(
        &scratch.subdir("pulse"),
        // pacmd, which can end a stream, talks to the server through its CLI protocol.
        "load-module module-null-sink sink_name=micfeed rate=8000 channels=1\n\
         load-module module-cli-protocol-unix\n",
    );
    let (mut handset, baresip, opened) = call_in(&scratch, &pulse, Some(DEFAULT_SINK));
    let call = call_id(&opened);
    let streams = pulse.pactl(&["list", "short", "sink-inputs"]);
    let stream = streams
        .lines()
        .next()
        .and_then(|line| line.split_whitespace().next())
        .unwrap_or_else(|| panic!("no playback stream on the server:\n{streams}"))
        .to_owned();
    let killed = pulse
        .command("pacmd")
        .args(["kill-sink-input", &stream])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        killed.status.success() && killed.stdout.is_empty(),
        "pacmd kill-sink-input {stream}: {}{}",
        String::from_utf8_lossy(&killed.stdout),
        String::from_utf8_lossy(&killed.stderr)
    );
    let reopened = wait_call_audio(&mut handset, "reopened");
    assert_eq!(reopened["output"], DEFAULT_SINK, "{reopened}");
    assert_eq!(reopened["input"], "micfeed.monitor", "{reopened}");
    assert_eq!(call_id(&reopened), call);
    let on_default = tone_in(&pulse, &format!("{DEFAULT_SINK}.monitor"));
    assert!(
        on_default >= TONE_PRESENT,
        "after its stream was ended the call's sink carried {on_default} blocks of its tone"
    );
    hang_up(handset, baresip, call);
}
