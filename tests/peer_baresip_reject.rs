//! Calls that never get answered end with the reason a user would expect.
//!
//! baresip 1.0 answers `/hangup` on a ringing incoming call with "486 Rejected", and sends
//! CANCEL for its own outgoing call that is still ringing.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{call_id, Handset, SHORT};
use common::scratch::Scratch;
use common::speech::speech_wav;
use serde_json::json;

fn start_handset(scratch: &Scratch, extra: &[&str]) -> (Handset, u16) {
    let mut list = vec!["--audio", "null"];
    list.extend_from_slice(extra);
    Handset::start_on_loopback(scratch, &list)
}

#[test]
fn call_rejected_by_baresip_ends_as_busy() {
    let scratch = Scratch::new("baresip-rejects");
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("bob", AnswerMode::Manual, &speech_wav()),
    );
    let (mut handset, _port) = start_handset(&scratch, &[]);

    handset.dial(&baresip.uri());
    baresip.wait_event("CALL_INCOMING", SHORT);
    let ringing = handset.wait_call_state("ringing", SHORT);
    assert_eq!(ringing["direction"], "outgoing");

    baresip.command("hangup", "");
    let reason = handset.wait_call_ended(SHORT);
    assert_eq!(reason, json!({"reason": "busy"}), "baresip sent 486");
    assert!(handset.quit().success());
}

#[test]
fn call_cancelled_by_baresip_before_answer_ends_as_caller_cancelled() {
    let scratch = Scratch::new("baresip-cancels");
    let (mut handset, _port) = start_handset(&scratch, &[]);
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Auto, &speech_wav()),
    );

    baresip.dial(&handset.address());
    let incoming = handset.wait_event("incoming_call", SHORT);
    assert!(
        incoming["from"]
            .as_str()
            .is_some_and(|from| from.contains("alice")),
        "the caller should be alice: {incoming}"
    );
    baresip.wait_event("CALL_RINGING", SHORT);

    baresip.command("hangup", "");
    let ended = handset.wait_event("call_ended", SHORT);
    assert_eq!(call_id(&ended), call_id(&incoming));
    assert_eq!(ended["reason"], json!({"reason": "caller_cancelled"}));
    assert!(handset.quit().success());
}

#[test]
fn call_declined_by_handset_is_refused_at_baresip() {
    let scratch = Scratch::new("handset-declines");
    let (mut handset, _port) = start_handset(&scratch, &[]);
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Auto, &speech_wav()),
    );

    baresip.dial(&handset.address());
    let incoming = handset.wait_event("incoming_call", SHORT);
    handset.send(json!({"command": "decline", "call": call_id(&incoming)}));

    let reason = handset.wait_call_ended(SHORT);
    assert_eq!(reason, json!({"reason": "declined"}));
    let closed = baresip.wait_event("CALL_CLOSED", SHORT);
    assert!(
        closed["param"]
            .as_str()
            .is_some_and(|text| text.starts_with("603")),
        "baresip should see 603 Decline: {closed}"
    );
    assert!(handset.quit().success());
}
