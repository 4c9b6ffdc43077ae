//! Handset calls linphone-daemon on PCMU, GSM and Opus: the call connects on the codec both
//! allow, and speech linphone captures reaches Handset at a quality that fits the codec.
//!
//! linphone's microphone is its private PulseAudio server's default source, the monitor of
//! the null sink `nullsink`; paplay plays the speech into that sink once the call runs.
//! linphone's own recording path goes through a sound card, so only Handset's side is
//! scored (Handset -> peer quality is covered by the baresip tests).

mod common;

use common::handset::{call_id, Handset, LONG, SHORT};
use common::linphone::Linphone;
use common::pesq::score;
use common::process::ChildGuard;
use common::pulse::DEFAULT_SINK;
use common::scratch::Scratch;
use common::speech::speech_wav;
use common::tools::require;
use std::process::Command;

fn call_linphone_with(handset_codec: &str, linphone_codec: &str, negotiated: &str, bar: f64) {
    let scratch = Scratch::new(&format!("codec-linphone-{handset_codec}"));
    let speech = speech_wav();
    let paplay = require("paplay", "pulseaudio-utils");
    let linphone = Linphone::start(&scratch.subdir("linphone"), true);
    for command in [
        "audio-codec-disable ALL".to_string(),
        format!("audio-codec-enable {linphone_codec}"),
    ] {
        let reply = linphone.command(&command);
        assert!(reply.contains("Status: Ok"), "`{command}`: {reply}");
    }
    let recording = scratch.join("handset-heard.wav");
    let (mut handset, _port) = Handset::start_on_loopback(
        &scratch,
        &[
            "--codecs",
            handset_codec,
            "--record",
            recording.to_str().unwrap(),
        ],
    );

    handset.dial(&linphone.uri());
    let media = handset.wait_event("media_started", SHORT);
    assert_eq!(media["codec"], negotiated, "negotiated codec: {media}");
    let established = handset.wait_call_state("established", SHORT);
    linphone.wait_call_status(SHORT, "the call running", |status| {
        status.contains("StreamsRunning")
    });

    // paplay plays in real time and exits when the speech ends.
    let mut play = Command::new(paplay);
    play.arg(format!("--device={DEFAULT_SINK}")).arg(&speech);
    linphone.pulse().apply(&mut play);
    let mut player = ChildGuard::spawn("paplay", &mut play);
    let status = player.child_mut().wait().unwrap();
    assert!(status.success(), "paplay failed: {status}");

    handset.hangup(call_id(&established));
    handset.wait_call_ended(LONG);
    assert!(handset.quit().success(), "handset exited with an error");

    let result = score(&speech, &recording);
    println!(
        "{negotiated} linphone -> Handset: PESQ-NB {} (bar {bar}), cross-correlation {:.4}",
        result.pesq_text(),
        result.xcorr
    );
    assert!(
        result.pesq.unwrap_or(0.0) >= bar,
        "{negotiated} linphone -> Handset: PESQ-NB {} is below {bar}; recording: {}",
        result.pesq_text(),
        recording.display()
    );
}

#[test]
fn pcmu_with_linphone() {
    // Measured 4.28; linphone's sound path varies a little from run to run.
    call_linphone_with("PCMU", "PCMU/8000/1", "PCMU/8000", 3.8);
}

#[test]
fn gsm_with_linphone() {
    // Measured 3.06.
    call_linphone_with("GSM", "GSM/8000/1", "GSM/8000", 2.7);
}

#[test]
fn opus_with_linphone() {
    // Measured 4.08 (narrowband PESQ after resampling Handset's 48 kHz recording).
    call_linphone_with("opus", "opus/48000/2", "opus/48000", 3.6);
}
