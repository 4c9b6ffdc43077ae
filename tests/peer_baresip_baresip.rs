//! The yardstick for the Handset call tests: the same harness carries a baresip-to-baresip
//! call, and the PESQ oracle tells clear speech from damaged speech.
//!
//! If these fail, the machine or the harness is broken, not Handset.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{LONG, SHORT};
use common::pesq::{assert_carries_speech, score};
use common::scratch::Scratch;
use common::speech::speech_wav;
use common::tools::require;
use std::path::Path;
use std::process::Command;

#[test]
fn baresip_calls_baresip_and_speech_flows_both_ways() {
    let scratch = Scratch::new("baresip-calls-baresip");
    let speech = speech_wav();
    let mut callee = Baresip::start(
        &scratch.subdir("callee"),
        &BaresipSetup::new("bob", AnswerMode::Auto, &speech),
    );
    let mut caller = Baresip::start(
        &scratch.subdir("caller"),
        &BaresipSetup::new("alice", AnswerMode::Auto, &speech),
    );
    caller.dial(&callee.uri());
    caller.wait_event("CALL_ESTABLISHED", SHORT);
    callee.wait_event("CALL_ESTABLISHED", SHORT);
    caller.wait_event("CALL_CLOSED", LONG);
    callee.wait_event("CALL_CLOSED", LONG);

    assert_carries_speech("caller -> callee", &speech, &callee.received_audio());
    assert_carries_speech("callee -> caller", &speech, &caller.received_audio());
}

#[test]
fn pesq_rates_a_g711_round_trip_as_clear_speech() {
    let scratch = Scratch::new("pesq-g711");
    let speech = speech_wav();
    let ulaw = scratch.join("speech.ul.wav");
    let back = scratch.join("speech-back.wav");
    run_sox(&[&speech, &ulaw], &["-e", "u-law"]);
    run_sox(&[&ulaw, &back], &["-e", "signed", "-b", "16"]);
    let score = assert_carries_speech("G.711 round trip", &speech, &back);
    assert!(score.lag_ms.abs() < 1.0, "no delay expected: {score:?}");
}

#[test]
fn pesq_rates_speech_with_lost_frames_as_damaged() {
    let scratch = Scratch::new("pesq-lossy");
    let speech = speech_wav();
    let damaged = scratch.join("damaged.wav");
    // Zero every fifth 20 ms frame (20 % loss without concealment), and delay by 100 ms.
    let mut reader = hound::WavReader::open(&speech).unwrap();
    let spec = reader.spec();
    let samples: Vec<i16> = reader.samples::<i16>().map(Result::unwrap).collect();
    let mut writer = hound::WavWriter::create(&damaged, spec).unwrap();
    for _ in 0..800 {
        writer.write_sample(0i16).unwrap();
    }
    for (index, sample) in samples.iter().enumerate() {
        let frame = index / 160;
        writer
            .write_sample(if frame % 5 == 4 { 0 } else { *sample })
            .unwrap();
    }
    writer.finalize().unwrap();

    let result = score(&speech, &damaged);
    println!("20 % lost frames: {result:?}");
    assert!(
        !result.carries_speech(),
        "damage went unnoticed: {result:?}"
    );
    assert!(
        (result.lag_ms - 100.0).abs() < 1.0,
        "the 100 ms delay was not found: {result:?}"
    );
}

fn run_sox(files: &[&Path; 2], output_options: &[&str]) {
    let status = Command::new(require("sox", "sox"))
        .arg(files[0])
        .args(output_options)
        .arg(files[1])
        .status()
        .unwrap();
    assert!(status.success(), "sox failed: {status}");
}
