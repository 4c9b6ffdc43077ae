//! A second call during a call is told by a beep on the call's sound, recorded from the
//! callee's output (WAV backend), instead of the ringtone.

mod common;

use common::handset::{args, call_id, Handset, SHORT};
use common::scratch::Scratch;
use common::tone::tone_blocks;
use std::time::Duration;

const RATE: u32 = 8000;

fn contact_of(handset: &mut Handset) -> String {
    let ready = handset.wait_event("ready", SHORT);
    ready["contact"]
        .as_str()
        .unwrap_or_else(|| panic!("`ready` carries our contact: {ready}"))
        .to_owned()
}

#[test]
fn a_second_call_beeps_twice_at_425_hz_over_the_running_call() {
    let scratch = Scratch::new("sounds-call-waiting");
    let wav = scratch.join("callee.wav");
    let mut callee = Handset::spawn(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "wav",
            "--record",
            wav.to_str().unwrap(),
            "--codecs",
            "PCMU",
        ]),
    );
    let contact = contact_of(&mut callee);
    let first_scratch = Scratch::new("sounds-call-waiting-first");
    let (mut first, _) = Handset::start_on_loopback(&first_scratch, &["--audio", "null"]);
    let second_scratch = Scratch::new("sounds-call-waiting-second");
    let (mut second, _) = Handset::start_on_loopback(&second_scratch, &["--audio", "null"]);

    first.dial(&contact);
    let incoming = callee.wait_event("incoming_call", SHORT);
    callee.answer(call_id(&incoming));
    callee.wait_call_state("established", SHORT);
    let first_call = first.wait_call_state("established", SHORT);

    second.dial(&contact);
    let waiting = second.wait_call_state("ringing", SHORT);
    // The beep lasts 0.6 s; leave it time to be played out.
    std::thread::sleep(Duration::from_millis(1500));
    second.hangup(call_id(&waiting));
    first.hangup(call_id(&first_call));
    callee.wait_call_ended(SHORT);
    callee.wait_call_ended(SHORT);
    assert!(callee.quit().success());
    assert!(first.quit().success());
    assert!(second.quit().success());

    let mut reader = hound::WavReader::open(&wav).unwrap();
    assert_eq!(reader.spec().sample_rate, RATE);
    let samples: Vec<i16> = reader.samples::<i16>().map(|s| s.unwrap()).collect();
    // Two 200 ms beeps: in 50 ms blocks, about eight of 425 Hz over the silent first call.
    let beeps = tone_blocks(&samples, RATE, 425.0, 400);
    assert!(
        (6..=8).contains(&beeps),
        "two 0.2 s beeps of 425 Hz, got {beeps} blocks of 50 ms"
    );
}
