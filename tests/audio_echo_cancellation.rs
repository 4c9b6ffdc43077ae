//! Echo on laptop speakers: the far end's voice plays from the speaker, the room carries it
//! back into the microphone, and without a canceller the far end hears themselves. Here the
//! room is PulseAudio: Handset plays into the default null sink, a loopback carries that
//! sink's sound into a second sink 60 ms later, and that second sink's monitor is the
//! microphone chosen in Settings → Audio. baresip calls with speech and records what Handset
//! sends back. The echo return loss enhancement (ERLE) is what the microphone heard against
//! what went out, once the canceller has had five seconds of speech to learn the room.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, Handset, LONG, SHORT};
use common::pulse::{PrivatePulse, DEFAULT_SINK};
use common::scratch::Scratch;
use common::speech::speech_wav;
use std::path::Path;
use std::time::Duration;

const ROOM: &str = "room";
const RATE: usize = 8_000;

/// One call from baresip with the canceller on or off; returns the ERLE in dB.
fn erle_of_a_call(echo_cancellation: bool) -> f64 {
    let name = if echo_cancellation {
        "aec-on"
    } else {
        "aec-off"
    };
    let scratch = Scratch::new(name);
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    for module in [
        format!("module-null-sink sink_name={ROOM} rate=8000 channels=1"),
        format!(
            "module-loopback source={DEFAULT_SINK}.monitor sink={ROOM} latency_msec=60 adjust_time=0 \
             source_dont_move=true sink_dont_move=true"
        ),
    ] {
        let mut pactl = pulse.command("pactl");
        pactl.arg("load-module").args(module.split(' '));
        let status = pactl.status().expect("run pactl");
        assert!(status.success(), "pactl load-module {module}: {status}");
    }
    let config = scratch.subdir("config");
    std::fs::write(
        config.join("config.toml"),
        format!(
            "version = 1\n[audio]\ninput = \"{ROOM}.monitor\"\n\
             echo_cancellation = {echo_cancellation}\nnoise_suppression = false\n"
        ),
    )
    .expect("write config.toml");
    let config = config.display().to_string();
    let mut handset = Handset::spawn_with_env(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "device",
            "--codecs",
            "PCMU",
            "--config",
            &config,
            "--auto-answer",
            "--exit-after-call",
        ]),
        &pulse.env(),
    );
    let ready = handset.wait_event("ready", SHORT);
    let contact = ready["contact"]
        .as_str()
        .expect("ready names us")
        .to_owned();

    let microphone = scratch.join("microphone.wav");
    let mut recorder = pulse.record_wav(&format!("{ROOM}.monitor"), &microphone);
    std::thread::sleep(Duration::from_secs(1));
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Manual, &speech_wav()),
    );
    baresip.dial(&contact);
    handset.wait_event("media_started", SHORT);
    let ended = handset.wait_call_ended(LONG);
    assert_eq!(ended["reason"], "remote_hangup", "{ended}");
    baresip.wait_event("CALL_CLOSED", SHORT);
    recorder.terminate(Duration::from_secs(5));
    let sent = baresip.received_audio();

    let heard = after_onset(&microphone);
    // baresip records from the call's first packet, and its speech starts 2 s in; a canceller
    // that works leaves nothing to find an onset in, so this window is counted from the start.
    let went_out = window(&samples(&sent), 2 * RATE);
    let erle = 10.0 * (energy(&heard) / energy(&went_out)).log10();
    println!(
        "echo cancellation {}: the microphone heard {:.0} dB, {:.0} dB went out: ERLE {erle:.1} dB",
        if echo_cancellation { "on" } else { "off" },
        10.0 * energy(&heard).log10(),
        10.0 * energy(&went_out).log10(),
    );
    let stderr = handset.stderr_text();
    assert!(
        stderr.contains(&format!("{ROOM}.monitor")) || heard.iter().any(|&s| s != 0),
        "the microphone chosen in the settings heard nothing:\n{stderr}"
    );
    erle
}

fn samples(wav: &Path) -> Vec<i16> {
    hound::WavReader::open(wav)
        .unwrap_or_else(|e| panic!("read {}: {e}", wav.display()))
        .samples::<i16>()
        .map_while(Result::ok)
        .collect()
}

/// The microphone's recording from the echo's first sound on.
fn after_onset(wav: &Path) -> Vec<i16> {
    let samples = samples(wav);
    let onset = samples
        .iter()
        .position(|s| s.unsigned_abs() > 300)
        .unwrap_or_else(|| panic!("{} holds no echo: the room carries no sound", wav.display()));
    window(&samples, onset)
}

/// Seconds 5 to 12 after `start`: the canceller has learnt the room, and the 13 s of speech
/// are still going.
fn window(samples: &[i16], start: usize) -> Vec<i16> {
    let from = (start + 5 * RATE).min(samples.len());
    let to = (start + 12 * RATE).min(samples.len());
    samples[from..to].to_vec()
}

fn energy(samples: &[i16]) -> f64 {
    samples.iter().map(|&s| f64::from(s).powi(2)).sum::<f64>() + 1.0
}

#[test]
fn the_far_end_does_not_hear_its_own_voice_come_back() {
    let on = erle_of_a_call(true);
    let off = erle_of_a_call(false);
    assert!(
        off < 10.0,
        "without the canceller the echo should go out nearly whole (ERLE {off:.1} dB): \
         the room in this test does not carry the sound"
    );
    assert!(
        on >= 30.0,
        "with the canceller on, ERLE is {on:.1} dB after five seconds of speech; want ≥ 30 dB \
         (off: {off:.1} dB)"
    );
}
