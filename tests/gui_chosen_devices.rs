//! The window uses the sound devices chosen in Settings → Audio: with `config.toml` naming a
//! speaker and a microphone that are not the PulseAudio server's defaults (as the audio page
//! saves them: the speaker by name, the microphone by its description), baresip calls, the
//! user clicks Answer, and baresip's speech comes out of the chosen sink (and not the default
//! one), while speech played into the chosen source reaches baresip. The headless face is
//! tested the same way in `audio_chosen_devices.rs`.

mod common;
mod gui_support;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::pesq::assert_pesq_at_least;
use common::ports::free_port;
use common::pulse::{PrivatePulse, DEFAULT_SINK};
use common::scratch::Scratch;
use common::tone::wav_peak;
use gui_support::{click, private_home, Handset, Xvfb};
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

/// Liveness bound for the peers' events; not a performance check.
const EVENT_BOUND: Duration = Duration::from_secs(60);
/// The window size the click position below was measured on.
const WINDOW: (&str, &str) = ("480", "640");
/// The incoming-call screen's Answer button. The screen is centred; a caller's address on one
/// line or on two moves the button by half a line, and this point is inside it either way.
const ANSWER: (i64, i64) = (352, 388);
/// As in `audio_chosen_devices.rs`: G.711 alone leaves about 4.25 of this voice.
const BAR: f64 = 4.0;
/// Loudest sample allowed in the default sink's monitor: it must carry nothing.
const SILENCE_PEAK: i32 = 64;

fn write_settings(home: &Path) {
    let config = home.join("config/handset");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "version = 1\n\n[audio]\noutput = \"headset48\"\ninput = \"Monitor of MicFeed\"\n\
         echo_cancellation = false\n",
    )
    .unwrap();
}

fn window_title(xvfb: &Xvfb, window: &str) -> String {
    xvfb.run_ok("xdotool", &["getwindowname", window])
        .trim()
        .to_owned()
}

#[test]
fn the_window_answers_on_the_chosen_speaker_and_microphone() {
    gui_support::require_tools();
    let scratch = Scratch::new("gui_chosen_devices");
    let pulse = PrivatePulse::start_with(
        &scratch.subdir("pulse"),
        "load-module module-null-sink sink_name=headset48 rate=48000 channels=2 \
         sink_properties=device.description=Headset\n\
         load-module module-null-sink sink_name=mic48 rate=48000 channels=2 \
         sink_properties=device.description=MicFeed\n",
    );
    let speech = common::speech::speech_wav();
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Manual, &speech),
    );
    let dir = gui_support::artifacts_dir("gui_chosen_devices");
    let home = dir.join("home");
    let mut env = private_home(&home);
    env.extend(pulse.env());
    write_settings(&home);

    let port = free_port();
    let xvfb = Xvfb::start();
    let mut handset = Handset::start_with_env(&xvfb, &format!("127.0.0.1:{port}"), &dir, &env);
    let window = handset.wait_for_window(&xvfb);
    let (width, height) = WINDOW;
    xvfb.run_ok("xdotool", &["windowsize", "--sync", &window, width, height]);
    handset.wait_until_drawn(&xvfb, &window, &dir.join("first-frame.png"));
    handset.wait_for_log("listening for SIP");

    let on_speaker = scratch.join("chosen-speaker.wav");
    let on_default = scratch.join("default-speaker.wav");
    let mut speaker_recorder = pulse.record_wav("headset48.monitor", &on_speaker);
    let mut default_recorder = pulse.record_wav(&format!("{DEFAULT_SINK}.monitor"), &on_default);
    thread::sleep(Duration::from_secs(1));

    baresip.dial(&format!("sip:me@127.0.0.1:{port}"));
    let started = Instant::now();
    while !window_title(&xvfb, &window).contains("calling") {
        handset.assert_running();
        assert!(
            started.elapsed() < EVENT_BOUND,
            "the window never showed the incoming call; its log:\n{}",
            handset.log()
        );
        thread::sleep(Duration::from_millis(100));
    }
    xvfb.screenshot(&dir.join("incoming.png"));
    click(&xvfb, &window, ANSWER);
    let established = baresip.wait_event("CALL_ESTABLISHED", EVENT_BOUND);
    assert_eq!(established["type"], "CALL_ESTABLISHED", "{established}");
    // The microphone: speech played into the sink whose monitor the window records.
    let mut talker = pulse.play("mic48", &speech);

    // baresip hangs up when its speech file ends.
    baresip.wait_event("CALL_CLOSED", EVENT_BOUND);
    let _ = talker.wait_timeout(Duration::from_secs(10));
    thread::sleep(Duration::from_millis(500));
    speaker_recorder.terminate(Duration::from_secs(5));
    default_recorder.terminate(Duration::from_secs(5));
    handset.assert_running();
    baresip.quit();

    assert_pesq_at_least(
        "window: baresip → Handset → chosen speaker",
        &speech,
        &on_speaker,
        BAR,
    );
    assert_pesq_at_least(
        "window: chosen microphone → Handset → baresip",
        &speech,
        &baresip.received_audio(),
        BAR,
    );
    let default_peak = wav_peak(&on_default);
    assert!(
        default_peak <= SILENCE_PEAK,
        "the default sink played something (peak {default_peak})"
    );
}
