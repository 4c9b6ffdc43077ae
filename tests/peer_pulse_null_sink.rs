//! The private PulseAudio server from tests/common/pulse.rs works on this machine: speech
//! played into its 8 kHz null sink comes back unchanged from the sink's monitor. Tests that
//! drive Handset's device backend rely on this.

mod common;

use common::pesq::assert_carries_speech;
use common::process::ChildGuard;
use common::pulse::{PrivatePulse, CALL_SINK};
use common::scratch::Scratch;
use common::speech::speech_wav;
use common::tools::require;
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn speech_played_into_the_call_sink_is_recorded_from_its_monitor() {
    let scratch = Scratch::new("pulse-null-sink");
    let pulse = PrivatePulse::start(scratch.path());
    let speech = speech_wav();
    let recording = scratch.join("monitor.wav");

    let mut parec = Command::new(require("parec", "pulseaudio-utils"));
    parec
        .arg("-d")
        .arg(format!("{CALL_SINK}.monitor"))
        .args(["--rate=8000", "--channels=1", "--format=s16le"])
        .args(["--file-format=wav"])
        .arg(&recording)
        .stdin(Stdio::null());
    pulse.apply(&mut parec);
    let mut recorder = ChildGuard::spawn("parec", &mut parec);
    // parec needs a moment to connect; what it misses is leading silence anyway.
    std::thread::sleep(Duration::from_secs(1));

    let mut paplay = Command::new(require("paplay", "pulseaudio-utils"));
    paplay.arg("-d").arg(CALL_SINK).arg(&speech);
    pulse.apply(&mut paplay);
    let status = ChildGuard::spawn("paplay", &mut paplay).wait_or_fail(Duration::from_secs(60));
    assert!(status.success(), "paplay failed: {status}");
    std::thread::sleep(Duration::from_millis(500));
    // SIGTERM lets parec finish the WAV header.
    recorder.terminate(Duration::from_secs(5));

    assert_carries_speech("PulseAudio call sink", &speech, &recording);
}
