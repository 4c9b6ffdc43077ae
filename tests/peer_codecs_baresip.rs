//! Handset calls baresip once per codec (PCMU, PCMA, GSM, G.722, Opus): the codec both ends
//! load is the one negotiated, and speech flows both ways at a quality that fits the codec.
//!
//! Handset is restricted with `--codecs`, baresip by the codec module it loads. Recordings
//! are at the codec's rate (16 kHz for G.722, 48 kHz for Opus); pesq_score.py resamples to
//! 8 kHz before PESQ-NB. Each bar sits a little below the score measured on this machine,
//! so a regression in a codec or in the call path fails the test.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{Handset, LONG, SHORT};
use common::pesq::assert_pesq_at_least;
use common::scratch::Scratch;
use common::speech::speech_wav;
use serde_json::json;

/// One codec's call: what Handset is told, what baresip loads, what must be negotiated, and
/// the PESQ-NB each direction must reach.
struct CodecCase {
    handset_codec: &'static str,
    baresip_module: &'static str,
    negotiated: &'static str,
    /// Minimum PESQ-NB for Handset -> baresip, then baresip -> Handset.
    bars: (f64, f64),
}

fn call_baresip_with(case: &CodecCase) {
    let scratch = Scratch::new(&format!("codec-baresip-{}", case.handset_codec));
    let speech = speech_wav();
    let mut setup = BaresipSetup::new("bob", AnswerMode::Auto, &speech);
    setup.codec_modules = vec![case.baresip_module.to_string()];
    let mut baresip = Baresip::start(&scratch.subdir("baresip"), &setup);
    let recording = scratch.join("handset-heard.wav");
    let (mut handset, _port) = Handset::start_on_loopback(
        &scratch,
        &[
            "--codecs",
            case.handset_codec,
            "--play",
            speech.to_str().unwrap(),
            "--record",
            recording.to_str().unwrap(),
        ],
    );

    handset.dial(&baresip.uri());
    let media = handset.wait_event("media_started", SHORT);
    assert_eq!(media["codec"], case.negotiated, "negotiated codec: {media}");
    handset.wait_call_state("established", SHORT);
    baresip.wait_event("CALL_ESTABLISHED", SHORT);

    // baresip hangs up when its speech file ends.
    baresip.wait_event("CALL_CLOSED", LONG);
    assert_eq!(
        handset.wait_call_ended(LONG),
        json!({"reason": "remote_hangup"})
    );
    assert!(handset.quit().success(), "handset exited with an error");

    let (to_baresip, to_handset) = case.bars;
    let codec = case.negotiated;
    assert_pesq_at_least(
        &format!("{codec} Handset -> baresip"),
        &speech,
        &baresip.received_audio(),
        to_baresip,
    );
    assert_pesq_at_least(
        &format!("{codec} baresip -> Handset"),
        &speech,
        &recording,
        to_handset,
    );
}

#[test]
fn pcmu_with_baresip() {
    call_baresip_with(&CodecCase {
        handset_codec: "PCMU",
        baresip_module: "g711",
        negotiated: "PCMU/8000",
        // Measured 4.26 and 4.13.
        bars: (4.0, 3.9),
    });
}

#[test]
fn pcma_with_baresip() {
    call_baresip_with(&CodecCase {
        handset_codec: "PCMA",
        baresip_module: "g711",
        negotiated: "PCMA/8000",
        // Measured 4.28 and 4.24.
        bars: (4.0, 3.9),
    });
}

#[test]
fn gsm_with_baresip() {
    call_baresip_with(&CodecCase {
        handset_codec: "GSM",
        baresip_module: "gsm",
        negotiated: "GSM/8000",
        // Measured 2.99 both ways (libgsm scores the same on this speech).
        bars: (2.8, 2.8),
    });
}

#[test]
fn g722_with_baresip() {
    call_baresip_with(&CodecCase {
        handset_codec: "G722",
        baresip_module: "g722",
        negotiated: "G722/8000",
        // Measured 4.33 and 3.92 (narrowband PESQ after resampling to 8 kHz).
        bars: (4.0, 3.6),
    });
}

#[test]
fn opus_with_baresip() {
    call_baresip_with(&CodecCase {
        handset_codec: "opus",
        baresip_module: "opus",
        negotiated: "opus/48000",
        // Measured 4.08 and 4.42 (narrowband PESQ after resampling; baresip records stereo).
        bars: (3.8, 4.0),
    });
}

#[test]
fn an_offer_of_only_unsupported_codecs_gets_488() {
    let scratch = Scratch::new("codec-baresip-g726-only");
    let speech = speech_wav();
    let (mut handset, _port) = Handset::start_on_loopback(&scratch, &["--auto-answer"]);
    // G.726 is a codec baresip has and Handset does not.
    let mut setup = BaresipSetup::new("carol", AnswerMode::Auto, &speech);
    setup.codec_modules = vec!["g726".to_string()];
    let mut baresip = Baresip::start(&scratch.subdir("baresip"), &setup);

    baresip.dial(&handset.address());
    let closed = baresip.wait_event("CALL_CLOSED", SHORT);
    assert!(
        closed["param"]
            .as_str()
            .is_some_and(|reason| reason.starts_with("488")),
        "baresip should be refused with 488 Not Acceptable Here: {closed}"
    );
    assert!(
        !handset
            .events_seen()
            .iter()
            .any(|e| e["event"] == "media_started"),
        "no media may start without a common codec"
    );
    assert!(handset.quit().success(), "handset exited with an error");
}
