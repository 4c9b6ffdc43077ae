//! The window dials a real baresip as a user would: type its address, press Enter, and the
//! call connects with audio on the (private PulseAudio) sound card; hanging up at the far end
//! returns the window to the dialer with Handset still running.

mod common;
mod gui_support;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::pulse::PrivatePulse;
use common::scratch::Scratch;
use gui_support::{Handset, Xvfb};
use std::time::Duration;

/// Liveness bound for baresip's events; not a performance check.
const EVENT_BOUND: Duration = Duration::from_secs(30);

#[test]
fn typing_a_baresip_address_and_pressing_enter_connects_a_call() {
    gui_support::require_tools();
    let scratch = Scratch::new("gui_dial_baresip");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let speech = common::speech::speech_wav();
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("bob", AnswerMode::Auto, &speech),
    );

    let xvfb = Xvfb::start();
    let dir = gui_support::artifacts_dir("gui_dial_baresip");
    let mut handset = Handset::start_with_env(&xvfb, "127.0.0.1:0", &dir, &pulse.env());
    let window = handset.wait_for_window(&xvfb);
    handset.wait_until_drawn(&xvfb, &window, &dir.join("before-dial.png"));

    xvfb.run_ok("xdotool", &["windowfocus", "--sync", &window]);
    xvfb.run_ok("xdotool", &["type", "--delay", "40", &baresip.uri()]);
    xvfb.run_ok("xdotool", &["key", "Return"]);

    let established = baresip.wait_event("CALL_ESTABLISHED", EVENT_BOUND);
    assert_eq!(established["type"], "CALL_ESTABLISHED", "{established}");
    // The call must stay up with the sound card open: a failed audio start would end it.
    std::thread::sleep(Duration::from_secs(3));
    handset.assert_running();
    xvfb.screenshot(&dir.join("in-call.png"));
    let response = baresip.command("hangup", "");
    assert_eq!(response["ok"], true, "baresip hangs up: {response}");
    let closed = baresip.wait_event("CALL_CLOSED", EVENT_BOUND);
    let log = handset.log();
    assert!(
        !log.contains("audio_error") && !log.contains("media for call"),
        "the call's audio failed: {closed}\n{log}"
    );
    std::thread::sleep(Duration::from_millis(500));
    handset.assert_running();
    xvfb.screenshot(&dir.join("after-call.png"));
}
