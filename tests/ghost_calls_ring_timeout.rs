//! A call nobody answers stops ringing: with Settings → General → ring timeout at 5 s, a call
//! from baresip that Handset never answers is ended with 480 Temporarily Unavailable, the
//! faces hear `unanswered`, and the history keeps it as a missed call.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{Handset, SHORT};
use common::scratch::Scratch;
use common::speech::speech_wav;
use serde_json::json;

#[test]
fn an_unanswered_call_stops_ringing_with_480_and_is_missed() {
    let scratch = Scratch::new("ring-timeout");
    let config = scratch.subdir("config");
    std::fs::write(
        config.join("config.toml"),
        "version = 1\n\n[general]\nring_timeout_seconds = 5\n",
    )
    .unwrap();
    let data = scratch.subdir("data");
    let (config_arg, data_arg) = (config.display().to_string(), data.display().to_string());
    let (mut handset, _port) = Handset::start_on_loopback(
        &scratch,
        &[
            "--audio",
            "null",
            "--config",
            &config_arg,
            "--data",
            &data_arg,
        ],
    );
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("dave", AnswerMode::Manual, &speech_wav()),
    );
    baresip.dial(&handset.address());
    handset.wait_event("incoming_call", SHORT);
    // Nobody answers: the liveness bound is well above the 5 s timeout.
    let reason = handset.wait_call_ended(SHORT);
    assert_eq!(reason, json!({"reason": "unanswered"}));
    let closed = baresip.wait_event("CALL_CLOSED", SHORT);
    assert!(
        closed.to_string().contains("480"),
        "baresip should hear 480: {closed}"
    );
    assert!(handset.quit().success());
    baresip.quit();

    let history = handset::history::History::open(data.join("history.db"))
        .expect("the history opens")
        .history;
    let calls = history
        .list(handset::history::Filter::Missed, 10)
        .expect("the history reads");
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].end_reason, "end-unanswered");
}
