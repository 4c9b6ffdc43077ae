//! A call uses the speaker and microphone chosen in the settings, on a PulseAudio server where
//! they are not the defaults: baresip's speech comes out of the chosen sink (and not out of the
//! default one), speech played into the chosen source reaches baresip, the stream is marked as
//! phone audio, and the call ends without an error in Handset's log. For a 48 kHz stereo
//! device, and for 16 kHz and 8 kHz mono ones (a Bluetooth headset's rates).
//!
//! Needs `pulseaudio`, `pulseaudio-utils` and `baresip`; a missing one fails saying so.

mod common;

use std::path::Path;
use std::time::Duration;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, Handset, LONG, SHORT};
use common::pesq::assert_pesq_at_least;
use common::pulse::{PrivatePulse, DEFAULT_SINK};
use common::scratch::Scratch;
use common::speech::speech_wav;
use common::tone::wav_peak;

/// Measured here (debug build, two cores shared with builds): 4.26–4.28 PESQ-NB both ways at
/// 48 kHz stereo and at 8 kHz mono, which is what G.711 alone leaves of this voice (4.25). A
/// dropout or a stretch of silence in the device path costs more than the headroom left.
const SPEAKER_BAR: f64 = 4.0;
const MICROPHONE_BAR: f64 = 4.0;
/// Loudest sample allowed in the default sink's monitor: it must carry nothing.
const SILENCE_PEAK: i32 = 64;

/// One device pair: a speaker sink and a microphone (the monitor of a sink speech is played
/// into), both at `rate` with `channels`, and neither the server's default.
struct Devices {
    rate: u32,
    channels: u32,
    speaker: &'static str,
    microphone_sink: &'static str,
    /// How config.toml names the microphone: by description, as a user might type it, or by
    /// name, as the settings panel stores it.
    microphone_in_config: &'static str,
}

const WIDE: Devices = Devices {
    rate: 48000,
    channels: 2,
    speaker: "headset48",
    microphone_sink: "mic48",
    microphone_in_config: "Monitor of MicFeed",
};

/// A wideband Bluetooth headset's rate.
const WIDEBAND: Devices = Devices {
    rate: 16000,
    channels: 1,
    speaker: "headset16",
    microphone_sink: "mic16",
    microphone_in_config: "mic16.monitor",
};

const NARROW: Devices = Devices {
    rate: 8000,
    channels: 1,
    speaker: "headset8",
    microphone_sink: "mic8",
    microphone_in_config: "mic8.monitor",
};

fn server_script(devices: &Devices) -> String {
    let Devices {
        rate,
        channels,
        speaker,
        microphone_sink,
        ..
    } = devices;
    format!(
        "load-module module-null-sink sink_name={speaker} rate={rate} channels={channels} \
         sink_properties=device.description=Headset\n\
         load-module module-null-sink sink_name={microphone_sink} rate={rate} \
         channels={channels} sink_properties=device.description=MicFeed\n"
    )
}

/// The echo canceller is off here: both directions carry the same recording at nearly the
/// same moment, which a canceller rightly takes for the far end's voice coming back, and
/// removes (`audio_echo_cancellation.rs` tests it). Noise suppression stays on, as a user has it.
fn write_config(dir: &Path, devices: &Devices) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "version = 1\n[audio]\noutput = \"{}\"\ninput = \"{}\"\necho_cancellation = false\n",
            devices.speaker, devices.microphone_in_config
        ),
    )
    .unwrap();
}

fn call_on(devices: &Devices, label: &str) {
    let scratch = Scratch::new(&format!("chosen-devices-{}", devices.rate));
    let pulse = PrivatePulse::start_with(&scratch.subdir("pulse"), &server_script(devices));
    let speech = speech_wav();
    let config = scratch.subdir("config");
    write_config(&config, devices);
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
            "--exit-after-call",
            "--config",
            &config_arg,
        ]),
        &pulse.env(),
    );
    let ready = handset.wait_event("ready", SHORT);
    let contact = ready["contact"]
        .as_str()
        .unwrap_or_else(|| panic!("`ready` carries our contact: {ready}"))
        .to_owned();

    let on_speaker = scratch.join("chosen-speaker.wav");
    let on_default = scratch.join("default-speaker.wav");
    let mut speaker_recorder =
        pulse.record_wav(&format!("{}.monitor", devices.speaker), &on_speaker);
    let mut default_recorder = pulse.record_wav(&format!("{DEFAULT_SINK}.monitor"), &on_default);
    std::thread::sleep(Duration::from_secs(1));

    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Manual, &speech),
    );
    baresip.dial(&contact);
    let media = handset.wait_event("media_started", SHORT);
    assert_eq!(media["codec"], "PCMU/8000", "{media}");
    // The microphone: speech played into the sink whose monitor Handset records.
    let mut talker = pulse.play(devices.microphone_sink, &speech);

    std::thread::sleep(Duration::from_secs(2));
    let streams = pulse.pactl(&["list", "sink-inputs"]);
    assert!(
        streams.contains("media.role = \"phone\""),
        "Handset's stream is not marked as phone audio:\n{streams}"
    );
    assert!(
        streams.contains("application.name = \"Handset\""),
        "no stream of Handset's:\n{streams}"
    );

    // baresip hangs up when its speech file ends.
    let reason = handset.wait_call_ended(LONG);
    assert_eq!(reason["reason"], "remote_hangup", "{reason}");
    let status = handset.wait_exit(SHORT);
    assert!(status.success(), "Handset exited with {status}");
    let _ = talker.wait_timeout(Duration::from_secs(10));
    std::thread::sleep(Duration::from_millis(500));
    speaker_recorder.terminate(Duration::from_secs(5));
    default_recorder.terminate(Duration::from_secs(5));
    baresip.quit();

    assert_pesq_at_least(
        &format!("{label}: baresip → Handset → chosen speaker"),
        &speech,
        &on_speaker,
        SPEAKER_BAR,
    );
    assert_pesq_at_least(
        &format!("{label}: chosen microphone → Handset → baresip"),
        &speech,
        &baresip.received_audio(),
        MICROPHONE_BAR,
    );
    let default_peak = wav_peak(&on_default);
    assert!(
        default_peak <= SILENCE_PEAK,
        "{label}: the default sink played something (peak {default_peak})"
    );
    let stderr = handset.stderr_text();
    let troubles: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("ERROR") || line.contains("WARN"))
        .collect();
    assert!(
        troubles.is_empty(),
        "{label}: Handset logged trouble around the call:\n{}",
        troubles.join("\n")
    );
}

#[test]
fn a_call_uses_the_chosen_48k_stereo_devices() {
    call_on(&WIDE, "48 kHz stereo");
}

#[test]
fn a_call_uses_the_chosen_16k_mono_devices() {
    call_on(&WIDEBAND, "16 kHz mono");
}

#[test]
fn a_call_uses_the_chosen_8k_mono_devices() {
    call_on(&NARROW, "8 kHz mono");
}
