//! iLBC between two Handsets over real UDP on loopback, in both frame modes (RFC 3951 and
//! RFC 3952): the agreed mode is the one both sides asked for, and speech flows both ways.

mod common;

use common::handset::{call_id, Handset, LONG, SHORT};
use common::pesq::assert_pesq_at_least;
use common::scratch::Scratch;
use common::speech::{speech_wav, wav_seconds};
use std::time::Duration;

/// Alice (offering `alice_codec`) calls Bob (accepting `bob_codec`); both play the speech.
fn ilbc_call(alice_codec: &str, bob_codec: &str, expected_fmtp_ms: u32, bar: f64) {
    let speech = speech_wav();
    let alice_scratch = Scratch::new(&format!("ilbc-alice-{alice_codec}"));
    let bob_scratch = Scratch::new(&format!("ilbc-bob-{bob_codec}"));
    let alice_heard = alice_scratch.join("heard.wav");
    let bob_heard = bob_scratch.join("heard.wav");
    let (mut bob, _bob_port) = Handset::start_on_loopback(
        &bob_scratch,
        &[
            "--auto-answer",
            "--codecs",
            bob_codec,
            "--play",
            speech.to_str().unwrap(),
            "--record",
            bob_heard.to_str().unwrap(),
        ],
    );
    let (mut alice, _) = Handset::start_on_loopback(
        &alice_scratch,
        &[
            "--codecs",
            alice_codec,
            "--play",
            speech.to_str().unwrap(),
            "--record",
            alice_heard.to_str().unwrap(),
        ],
    );

    alice.dial(&bob.address());
    let media = alice.wait_event("media_started", SHORT);
    assert_eq!(media["codec"], "iLBC/8000", "{media}");
    let bob_media = bob.wait_event("media_started", SHORT);
    assert_eq!(bob_media["codec"], "iLBC/8000", "{bob_media}");
    let established = alice.wait_call_state("established", SHORT);
    bob.wait_call_state("established", SHORT);

    // Let the whole speech file play (it ends in silence), then hang up.
    std::thread::sleep(Duration::from_secs_f64(wav_seconds(&speech) + 1.0));
    alice.hangup(call_id(&established));
    alice.wait_call_ended(LONG);
    bob.wait_call_ended(LONG);
    assert!(alice.quit().success(), "alice exited with an error");
    assert!(bob.quit().success(), "bob exited with an error");

    let label = format!("iLBC {expected_fmtp_ms} ms");
    assert_pesq_at_least(&format!("{label} alice -> bob"), &speech, &bob_heard, bar);
    assert_pesq_at_least(&format!("{label} bob -> alice"), &speech, &alice_heard, bar);
}

#[test]
fn ilbc_20_ms_when_both_ask_for_it() {
    // Measured 2.76 to 3.38 over five runs on a loaded 2-core machine (GSM scores 2.99 on
    // the same speech through baresip). Two real-time Handsets running the unoptimised
    // debug-build iLBC decoder add run-to-run variance; the bar allows for it.
    ilbc_call("iLBC-20", "iLBC-20", 20, 2.5);
}

#[test]
fn ilbc_30_ms_when_one_side_asks_for_30() {
    // Measured 2.92 to 3.42 over five runs.
    ilbc_call("iLBC-20", "iLBC-30", 30, 2.5);
}
