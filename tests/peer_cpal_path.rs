//! The real sound-card path: Handset runs with its cpal device backend on a private PulseAudio
//! server with null sinks, baresip calls it with speech, and that speech comes out of the
//! sink's monitor as clearly as it went in.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, Handset, LONG, SHORT};
use common::pesq::assert_carries_speech;
use common::pulse::{PrivatePulse, DEFAULT_SINK};
use common::scratch::Scratch;
use common::speech::speech_wav;
use std::time::Duration;

#[test]
fn speech_from_baresip_comes_out_of_the_sound_card() {
    let scratch = Scratch::new("cpal-path");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let speech = speech_wav();
    let (mut handset, ready) = {
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
            ]),
            &pulse.env(),
        );
        let ready = handset.wait_event("ready", SHORT);
        (handset, ready)
    };
    let contact = ready["contact"]
        .as_str()
        .unwrap_or_else(|| panic!("`ready` carries our contact: {ready}"))
        .to_owned();

    // Handset plays to the server's default sink; record its monitor at the call's rate.
    let recording = scratch.join("sound-card.wav");
    let mut recorder = pulse.record_wav(&format!("{DEFAULT_SINK}.monitor"), &recording);
    std::thread::sleep(Duration::from_secs(1));

    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Manual, &speech),
    );
    baresip.dial(&contact);
    let media = handset.wait_event("media_started", SHORT);
    assert_eq!(media["codec"], "PCMU/8000", "{media}");
    // baresip hangs up when its speech file ends.
    let reason = handset.wait_call_ended(LONG);
    assert_eq!(reason["reason"], "remote_hangup", "{reason}");
    std::thread::sleep(Duration::from_millis(500));
    recorder.terminate(Duration::from_secs(5));

    assert_carries_speech("baresip → Handset's sound card", &speech, &recording);
    // The PulseAudio host must have served the call itself, not the ALSA fallback.
    let stderr = handset.stderr_text();
    for trouble in ["audio host unavailable", "media for call"] {
        assert!(
            !stderr.contains(trouble),
            "the device backend reported `{trouble}`:\n{stderr}"
        );
    }
}
