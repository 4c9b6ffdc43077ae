//! DTMF between headless Handset and baresip 1.0 over loopback, as RFC 4733 telephone-events
//! both ways: Handset's `send_dtmf` command reaches baresip (which reports `CALL_DTMF_START`
//! per key), and keys baresip sends (`sndcode`) come out of Handset as `dtmf_received`.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{call_id, Handset, LONG, SHORT};
use common::scratch::Scratch;
use common::speech::speech_wav;
use serde_json::json;

/// Handset calls an auto-answering baresip; returns both and Handset's call id.
fn call_baresip(scratch: &Scratch) -> (Handset, Baresip, u64) {
    let speech = speech_wav();
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("bob", AnswerMode::Auto, &speech),
    );
    let (mut handset, _port) =
        Handset::start_on_loopback(scratch, &["--codecs", "PCMU", "--audio", "null"]);
    handset.dial(&baresip.uri());
    let established = handset.wait_call_state("established", SHORT);
    baresip.wait_event("CALL_ESTABLISHED", SHORT);
    (handset, baresip, call_id(&established))
}

fn hang_up(mut handset: Handset, mut baresip: Baresip, call: u64) {
    handset.hangup(call);
    handset.wait_call_ended(SHORT);
    baresip.wait_event("CALL_CLOSED", SHORT);
    assert!(handset.quit().success(), "handset exited with an error");
    baresip.quit();
}

#[test]
fn keys_sent_by_handset_are_reported_by_baresip() {
    let scratch = Scratch::new("dtmf-handset-to-baresip");
    let (mut handset, mut baresip, call) = call_baresip(&scratch);
    handset.send(json!({"command": "send_dtmf", "call": call, "digits": "159#"}));
    let mut heard = String::new();
    while heard.len() < 4 {
        let event = baresip.wait_event("CALL_DTMF_START", LONG);
        let key = event["param"].as_str().unwrap_or_default().to_owned();
        heard.push_str(&key);
    }
    assert_eq!(heard, "159#", "baresip should report the keys in order");
    hang_up(handset, baresip, call);
}

#[test]
fn keys_sent_by_baresip_come_out_as_dtmf_received() {
    let scratch = Scratch::new("dtmf-baresip-to-handset");
    let (mut handset, mut baresip, call) = call_baresip(&scratch);
    let keys = ['2', '5', '8', '*'];
    let mut heard = Vec::new();
    for key in keys {
        // One key per command: baresip sends the key, then its release (the E bit).
        let response = baresip.command("sndcode", &key.to_string());
        assert!(
            response["ok"] == true,
            "baresip refused sndcode: {response}"
        );
        let event = handset.wait_event("dtmf_received", LONG);
        assert_eq!(call_id(&event), call);
        heard.push(event["digit"].as_str().unwrap_or_default().to_owned());
        assert!(event["duration_ms"].as_u64().is_some(), "{event}");
    }
    assert_eq!(heard.concat(), "258*");
    hang_up(handset, baresip, call);
}
