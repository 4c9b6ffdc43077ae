//! The private PulseAudio server from tests/common/pulse.rs works on this machine: speech
//! played into its 8 kHz null sink comes back unchanged from the sink's monitor. Tests that
//! drive Handset's device backend rely on this.

mod common;

use common::pesq::assert_carries_speech;
use common::pulse::{PrivatePulse, CALL_SINK};
use common::scratch::Scratch;
use common::speech::speech_wav;
use std::time::Duration;

#[test]
fn speech_played_into_the_call_sink_is_recorded_from_its_monitor() {
    let scratch = Scratch::new("pulse-null-sink");
    let pulse = PrivatePulse::start(scratch.path());
    let speech = speech_wav();
    let recording = scratch.join("monitor.wav");

    let mut recorder = pulse.record_wav(&format!("{CALL_SINK}.monitor"), &recording);
    // parec needs a moment to connect; what it misses is leading silence anyway.
    std::thread::sleep(Duration::from_secs(1));

    let status = pulse
        .play(CALL_SINK, &speech)
        .wait_or_fail(Duration::from_secs(60));
    assert!(status.success(), "paplay failed: {status}");
    std::thread::sleep(Duration::from_millis(500));
    // SIGTERM lets parec finish the WAV header.
    recorder.terminate(Duration::from_secs(5));

    assert_carries_speech("PulseAudio call sink", &speech, &recording);
}
