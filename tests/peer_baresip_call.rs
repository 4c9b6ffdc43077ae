//! Calls between Handset and baresip over loopback carry speech both ways.
//!
//! Handset runs headless with the WAV audio backend: `--play` is its microphone and
//! `--record` captures what its speaker would play. baresip sends the same speech file and
//! records what it decodes. Each recording is scored against the speech with PESQ-NB.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{call_id, Handset, LONG, SHORT};
use common::pesq::assert_carries_speech;
use common::scratch::Scratch;
use common::speech::speech_wav;
use serde_json::json;

#[test]
fn handset_calls_baresip_and_speech_flows_both_ways() {
    let scratch = Scratch::new("handset-calls-baresip");
    let speech = speech_wav();
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("bob", AnswerMode::Auto, &speech),
    );
    let recording = scratch.join("handset-heard.wav");
    let (mut handset, _port) = Handset::start_on_loopback(
        &scratch,
        &[
            "--play",
            speech.to_str().unwrap(),
            "--record",
            recording.to_str().unwrap(),
        ],
    );

    handset.dial(&baresip.uri());
    let established = handset.wait_call_state("established", SHORT);
    assert_eq!(established["direction"], "outgoing");
    baresip.wait_event("CALL_ESTABLISHED", SHORT);

    // baresip hangs up when its speech file ends.
    baresip.wait_event("CALL_CLOSED", LONG);
    let reason = handset.wait_call_ended(LONG);
    assert_eq!(reason, json!({"reason": "remote_hangup"}));
    assert!(handset.quit().success(), "handset exited with an error");

    assert_carries_speech("Handset -> baresip", &speech, &baresip.received_audio());
    assert_carries_speech("baresip -> Handset", &speech, &recording);
}

#[test]
fn baresip_calls_handset_and_speech_flows_both_ways() {
    let scratch = Scratch::new("baresip-calls-handset");
    let speech = speech_wav();
    let recording = scratch.join("handset-heard.wav");
    let (mut handset, port) = Handset::start_on_loopback(
        &scratch,
        &[
            "--auto-answer",
            "--play",
            speech.to_str().unwrap(),
            "--record",
            recording.to_str().unwrap(),
        ],
    );
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Auto, &speech),
    );

    baresip.dial(&format!("sip:handset@127.0.0.1:{port}"));
    let incoming = handset.wait_event("incoming_call", SHORT);
    let call = call_id(&incoming);
    let established = handset.wait_call_state("established", SHORT);
    assert_eq!(call_id(&established), call);
    assert_eq!(established["direction"], "incoming");
    baresip.wait_event("CALL_ESTABLISHED", SHORT);

    baresip.wait_event("CALL_CLOSED", LONG);
    let reason = handset.wait_call_ended(LONG);
    assert_eq!(reason, json!({"reason": "remote_hangup"}));
    assert!(handset.quit().success(), "handset exited with an error");

    assert_carries_speech("baresip -> Handset", &speech, &recording);
    assert_carries_speech("Handset -> baresip", &speech, &baresip.received_audio());
}
