//! Calls between Handset and baresip over loopback carry speech both ways, over SIP on UDP
//! and on TCP.
//!
//! Handset runs headless with the WAV audio backend: `--play` is its microphone and
//! `--record` captures what its speaker would play. baresip sends the same speech file and
//! records what it decodes. Each recording is scored against the speech with PESQ-NB.
//!
//! Over TCP the dialled URIs carry `;transport=tcp`: the INVITE, its answer, the ACK and the
//! BYE all travel on one TCP connection. baresip's SIP trace shows which transport each
//! message took, so those tests check that no SIP went over UDP.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{call_id, Handset, LONG, SHORT};
use common::pesq::assert_carries_speech;
use common::scratch::Scratch;
use common::speech::speech_wav;
use serde_json::json;

/// The SIP transport a test asks for in its dialled URI.
#[derive(Clone, Copy, PartialEq)]
enum Sip {
    Udp,
    Tcp,
}

impl Sip {
    fn uri_suffix(self) -> &'static str {
        match self {
            Sip::Udp => "",
            Sip::Tcp => ";transport=tcp",
        }
    }
}

/// baresip's `-s` trace heads every SIP message with its transport, e.g. `TCP 127.0.0.1:1 -> ...`.
fn assert_sip_went_over_tcp(baresip: &Baresip) {
    let log = std::fs::read_to_string(baresip.dir().join("baresip.log")).unwrap();
    let tcp = log.lines().filter(|l| l.contains("TCP 127.0.0.1")).count();
    let udp = log.lines().filter(|l| l.contains("UDP 127.0.0.1")).count();
    assert!(
        tcp >= 4 && udp == 0,
        "expected the whole call on TCP, saw {tcp} TCP and {udp} UDP messages:\n{}",
        baresip.log_tail()
    );
}

fn handset_calls_baresip(label: &str, sip: Sip) {
    let scratch = Scratch::new(label);
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

    handset.dial(&format!("{}{}", baresip.uri(), sip.uri_suffix()));
    let established = handset.wait_call_state("established", SHORT);
    assert_eq!(established["direction"], "outgoing");
    baresip.wait_event("CALL_ESTABLISHED", SHORT);

    // baresip hangs up when its speech file ends.
    baresip.wait_event("CALL_CLOSED", LONG);
    let reason = handset.wait_call_ended(LONG);
    assert_eq!(reason, json!({"reason": "remote_hangup"}));
    assert!(handset.quit().success(), "handset exited with an error");

    if sip == Sip::Tcp {
        assert_sip_went_over_tcp(&baresip);
    }
    assert_carries_speech("Handset -> baresip", &speech, &baresip.received_audio());
    assert_carries_speech("baresip -> Handset", &speech, &recording);
}

fn baresip_calls_handset(label: &str, sip: Sip) {
    let scratch = Scratch::new(label);
    let speech = speech_wav();
    let recording = scratch.join("handset-heard.wav");
    let (mut handset, _port) = Handset::start_on_loopback(
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

    baresip.dial(&format!("{}{}", handset.address(), sip.uri_suffix()));
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

    if sip == Sip::Tcp {
        assert_sip_went_over_tcp(&baresip);
    }
    assert_carries_speech("baresip -> Handset", &speech, &recording);
    assert_carries_speech("Handset -> baresip", &speech, &baresip.received_audio());
}

#[test]
fn handset_calls_baresip_and_speech_flows_both_ways() {
    handset_calls_baresip("handset-calls-baresip", Sip::Udp);
}

#[test]
fn baresip_calls_handset_and_speech_flows_both_ways() {
    baresip_calls_handset("baresip-calls-handset", Sip::Udp);
}

#[test]
fn handset_calls_baresip_over_tcp_and_speech_flows_both_ways() {
    handset_calls_baresip("handset-calls-baresip-tcp", Sip::Tcp);
}

#[test]
fn baresip_calls_handset_over_tcp_and_speech_flows_both_ways() {
    baresip_calls_handset("baresip-calls-handset-tcp", Sip::Tcp);
}
