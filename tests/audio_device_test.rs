//! Settings → Audio's device test, on the devices chosen in the settings: the test tone comes
//! out of the chosen speaker (and not the default one), and the microphone test reports the
//! level of what the chosen microphone hears, then plays those five seconds back on the
//! chosen speaker. Run through `handset headless --config` on a private PulseAudio server,
//! where the chosen speaker is `callsink` (not the default sink) and the chosen microphone is
//! a sink of its own that the test plays speech into.

mod common;

use common::handset::{args, Handset, SHORT};
use common::pulse::{PrivatePulse, CALL_SINK, DEFAULT_SINK};
use common::scratch::Scratch;
use common::speech::speech_wav;
use serde_json::{json, Value};
use std::time::Duration;

const MICROPHONE: &str = "desk";

fn rms(samples: &[i16]) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    (samples.iter().map(|&s| f64::from(s).powi(2)).sum::<f64>() / samples.len() as f64).sqrt()
}

/// Steps of the test until it finishes; fails on `failed`.
fn steps_until_finished(handset: &mut Handset) -> Vec<Value> {
    let mut steps = Vec::new();
    loop {
        let event = handset.wait_event("audio_test", SHORT);
        let step = event["progress"]["step"].as_str().unwrap_or("").to_owned();
        assert_ne!(step, "failed", "the audio test failed: {event}");
        steps.push(event["progress"].clone());
        if step == "finished" {
            return steps;
        }
    }
}

#[test]
fn the_test_tone_and_the_microphone_test_use_the_chosen_devices() {
    let scratch = Scratch::new("audio-device-test");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let mut pactl = pulse.command("pactl");
    pactl.args([
        "load-module",
        "module-null-sink",
        &format!("sink_name={MICROPHONE}"),
        "rate=16000",
        "channels=1",
    ]);
    assert!(pactl.status().expect("run pactl").success());
    let config = scratch.subdir("config");
    std::fs::write(
        config.join("config.toml"),
        format!(
            "version = 1\n[audio]\ninput = \"{MICROPHONE}.monitor\"\noutput = \"{CALL_SINK}\"\n"
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
            "--config",
            &config,
        ]),
        &pulse.env(),
    );
    handset.wait_event("ready", SHORT);

    // The tone: on the chosen speaker, not the default one.
    let chosen = pulse.record(&format!("{CALL_SINK}.monitor"));
    let default = pulse.record(&format!("{DEFAULT_SINK}.monitor"));
    std::thread::sleep(Duration::from_secs(1));
    handset.send(json!({"command": "audio_test", "test": "tone"}));
    steps_until_finished(&mut handset);
    std::thread::sleep(Duration::from_millis(300));
    let (chosen, default) = (chosen.finish(), default.finish());
    println!(
        "test tone: RMS {:.0} on the chosen speaker, {:.0} on the default one",
        rms(&chosen),
        rms(&default)
    );
    assert!(rms(&chosen) > 500.0, "the tone did not reach {CALL_SINK}");
    assert!(
        rms(&default) < 50.0,
        "the tone reached the default sink too"
    );

    // The microphone: speech into the chosen microphone, its level shown, then played back.
    let chosen = pulse.record(&format!("{CALL_SINK}.monitor"));
    let _talking = pulse.play(MICROPHONE, &speech_wav());
    // The speech file starts with two seconds of silence.
    std::thread::sleep(Duration::from_millis(2500));
    handset.send(json!({"command": "audio_test", "test": "microphone"}));
    let steps = steps_until_finished(&mut handset);
    std::thread::sleep(Duration::from_millis(300));
    let played_back = chosen.finish();
    let levels: Vec<f64> = steps
        .iter()
        .filter(|step| step["step"] == "level")
        .filter_map(|step| step["level"].as_f64())
        .collect();
    let loudest = levels.iter().copied().fold(0.0, f64::max);
    println!(
        "microphone test: {} level reports, loudest {loudest:.2}; played back at RMS {:.0}",
        levels.len(),
        rms(&played_back)
    );
    assert_eq!(
        levels.len(),
        50,
        "a level every tenth of a second for five seconds"
    );
    assert!(
        loudest > 0.5,
        "the meter did not move for speech: {levels:?}"
    );
    assert!(
        steps.iter().any(|step| step["step"] == "playing_back"),
        "{steps:?}"
    );
    assert!(
        rms(&played_back) > 300.0,
        "the recording was not played back on {CALL_SINK}"
    );
    assert!(handset.quit().success());
}
