//! Calls between Handset and linphone (a second, independent SIP stack) connect, agree on a
//! codec and end cleanly in both directions.
//!
//! Signalling and media set-up only: linphone's sound card path through PulseAudio is known
//! to drop audio at call start, so speech quality is judged against baresip instead.

mod common;

use common::handset::{args, call_id, Handset, LONG, SHORT};
use common::linphone::Linphone;
use common::scratch::Scratch;
use serde_json::json;

#[test]
fn handset_calls_linphone_and_hangs_up() {
    let scratch = Scratch::new("handset-calls-linphone");
    let linphone = Linphone::start(&scratch.subdir("linphone"), true);
    let target = linphone.uri();
    let mut handset = Handset::spawn(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--codecs",
            "PCMU,PCMA",
            "--dial",
            &target,
            "--hangup-after",
            "3",
            "--exit-after-call",
        ]),
    );
    handset.close_stdin();

    let media = handset.wait_event("media_started", SHORT);
    assert!(
        media["codec"]
            .as_str()
            .is_some_and(|codec| codec.starts_with("PCM")),
        "linphone and Handset share G.711: {media}"
    );
    handset.wait_call_state("established", SHORT);
    linphone.wait_call_status(SHORT, "the call running", |status| {
        status.contains("StreamsRunning")
    });

    let reason = handset.wait_call_ended(SHORT);
    assert_eq!(reason, json!({"reason": "local_hangup"}));
    linphone.wait_call_status(SHORT, "the call gone", |status| {
        status.contains("No current call")
    });
    assert!(handset.wait_exit(SHORT).success());
}

#[test]
fn linphone_calls_handset_and_hangs_up() {
    let scratch = Scratch::new("linphone-calls-handset");
    let (mut handset, _port) =
        Handset::start_on_loopback(&scratch, &["--audio", "null", "--auto-answer"]);
    let linphone = Linphone::start(&scratch.subdir("linphone"), false);

    let reply = linphone.command(&format!("call {}", handset.address()));
    assert!(
        reply.contains("Status: Ok"),
        "linphone could not dial: {reply}"
    );
    let incoming = handset.wait_event("incoming_call", SHORT);
    let established = handset.wait_call_state("established", SHORT);
    assert_eq!(call_id(&established), call_id(&incoming));
    linphone.wait_call_status(SHORT, "the call running", |status| {
        status.contains("StreamsRunning")
    });

    let reply = linphone.command("terminate");
    assert!(
        reply.contains("Status: Ok"),
        "linphone could not hang up: {reply}"
    );
    let reason = handset.wait_call_ended(LONG);
    assert_eq!(reason, json!({"reason": "remote_hangup"}));
    assert!(handset.quit().success());
}
