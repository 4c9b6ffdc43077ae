//! The ringtone rings on the sound card (Handset's device backend on a private PulseAudio
//! server) while a call from another Handset waits, and stops when the caller gives up. No
//! sound theme is reachable (`XDG_DATA_DIRS` is an empty folder), so our own chime rings.

mod common;

use common::handset::{args, call_id, Handset, SHORT};
use common::pulse::{PrivatePulse, DEFAULT_SINK};
use common::scratch::Scratch;
use common::tone::tone_blocks;
use std::time::Duration;

const RATE: u32 = 8000;
/// 50 ms blocks: the chime's notes last 160 ms and more.
const BLOCK: usize = 400;

fn loud_blocks(samples: &[i16]) -> usize {
    samples
        .chunks_exact(BLOCK)
        .filter(|b| b.iter().any(|s| s.unsigned_abs() > 1000))
        .count()
}

#[test]
fn an_incoming_call_rings_our_chime_on_the_sound_card_until_the_caller_cancels() {
    let scratch = Scratch::new("sounds-ringtone");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let mut env = pulse.env();
    env.push((
        "XDG_DATA_DIRS".to_string(),
        scratch.subdir("no-themes").display().to_string(),
    ));
    let mut callee = Handset::spawn_with_env(
        &scratch,
        &args(&["--listen", "127.0.0.1:0", "--audio", "device"]),
        &env,
    );
    let ready = callee.wait_event("ready", SHORT);
    let contact = ready["contact"]
        .as_str()
        .unwrap_or_else(|| panic!("`ready` carries our contact: {ready}"))
        .to_owned();
    let caller_scratch = Scratch::new("sounds-ringtone-caller");
    let (mut caller, _) = Handset::start_on_loopback(&caller_scratch, &["--audio", "null"]);

    let recorder = pulse.record(&format!("{DEFAULT_SINK}.monitor"));
    // parec needs a moment to connect.
    std::thread::sleep(Duration::from_secs(1));
    caller.dial(&contact);
    let calling = caller.wait_call_state("ringing", SHORT);
    callee.wait_event("incoming_call", SHORT);
    // Long enough for the whole chime (1.76 s) wherever in its cycle the recording starts.
    std::thread::sleep(Duration::from_millis(4500));
    let ringing = recorder.finish();

    caller.hangup(call_id(&calling));
    let ended = callee.wait_call_ended(SHORT);
    assert_eq!(ended["reason"], "caller_cancelled", "{ended}");
    let after = pulse.record(&format!("{DEFAULT_SINK}.monitor"));
    std::thread::sleep(Duration::from_millis(2500));
    let silence = after.finish();
    assert!(callee.quit().success());
    assert!(caller.quit().success());

    let notes: Vec<usize> = [659.26, 783.99, 1046.5]
        .iter()
        .map(|&f| tone_blocks(&ringing, RATE, f, BLOCK))
        .collect();
    // Each note is mixed with its octave below, so check the pair's share loosely: every note
    // must be heard at least once in the chime.
    let loud = loud_blocks(&ringing);
    assert!(
        loud >= 20,
        "the ringtone sounded ({loud} loud 50 ms blocks)"
    );
    let heard = [659.26, 783.99, 1046.5]
        .iter()
        .filter(|&&f| {
            ringing.chunks_exact(BLOCK).any(|b| {
                b.iter().any(|s| s.unsigned_abs() > 1000)
                    && common::tone::tone_share(b, RATE, f) > 0.3
            })
        })
        .count();
    assert_eq!(
        heard, 3,
        "E5, G5 and C6 of our chime (pure-tone blocks {notes:?})"
    );
    assert_eq!(
        loud_blocks(&silence),
        0,
        "the ringtone stopped when the caller cancelled"
    );
}
