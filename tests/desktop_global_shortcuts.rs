//! Global shortcuts answer and hang up from any window: with the setting on, the window asks
//! the desktop's GlobalShortcuts portal (`org.freedesktop.portal.GlobalShortcuts`) for three
//! shortcuts, and the portal's `Activated` signal for one of them acts on the call. No
//! xdg-desktop-portal runs without a desktop session, so the test serves the portal itself
//! on a private session bus, as xdg-desktop-portal does: the interface, the Request object
//! each call answers through, and the Session object (`global_shortcuts_support`). The window
//! is the real one (Xvfb), the caller a real baresip; `handset headless --desktop` does the
//! same with the setting on in `--config`. With the setting off no session is ever asked for,
//! and where no portal answers the window says so once and goes on.

mod common;
mod desktop_notifications_support;
mod global_shortcuts_support;
mod gui_support;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, Handset as Headless, SHORT};
use common::ports::free_port;
use common::pulse::PrivatePulse;
use common::scratch::Scratch;
use desktop_notifications_support::{handset_env, SessionBus, BOUND};
use global_shortcuts_support::{seen, Portal};
use gui_support::{private_home, Handset, Xvfb};
use std::path::Path;
use std::time::Instant;

const PLAYER: &str = "org.mpris.MediaPlayer2.handset";

/// A private home whose settings switch the global shortcuts on or leave them as they are.
fn home_with_shortcuts(home: &Path, on: bool) -> Vec<(String, String)> {
    let env = private_home(home);
    if on {
        let config = home.join("config/handset");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(
            config.join("config.toml"),
            "version = 1\n\n[general]\nglobal_shortcuts = true\n",
        )
        .unwrap();
    }
    env
}

/// Waits until the window's desktop face shows the ringing call: its media player is up.
fn wait_until_ringing(bus: &SessionBus, handset: &mut Handset) {
    let deadline = Instant::now() + BOUND;
    while !bus.has_owner(PLAYER) {
        handset.assert_running();
        assert!(
            Instant::now() < deadline,
            "the window never showed the call ringing; its log:\n{}",
            handset.log()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn the_desktops_shortcuts_answer_and_hang_up_a_call_in_the_window() {
    gui_support::require_tools();
    let scratch = Scratch::new("global-shortcuts");
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let portal = Portal::start(&bus);
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Auto, &common::speech::speech_wav()),
    );
    let dir = gui_support::artifacts_dir("global-shortcuts");
    let mut env = home_with_shortcuts(&dir.join("home"), true);
    env.extend(pulse.env());
    env.push(bus.env());
    let port = free_port();
    let xvfb = Xvfb::start();
    let mut handset = Handset::start_with_env(&xvfb, &format!("127.0.0.1:{port}"), &dir, &env);
    handset.wait_for_window(&xvfb);

    let bound = portal.wait_for_bind(|| {
        handset.assert_running();
        handset.log()
    });
    let ids: Vec<&str> = bound.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(ids, ["answer", "hangup", "mute"], "{bound:?}");
    assert_eq!(bound[0].1, "Answer the ringing call");
    assert_eq!(bound[0].2, "CTRL+ALT+a");
    assert!(
        bound
            .iter()
            .all(|(_, description, trigger)| { !description.is_empty() && !trigger.is_empty() }),
        "each shortcut is described and suggests keys: {bound:?}"
    );
    seen(&portal.seen, |seen| {
        assert_eq!(seen.registered, ["org.handset.Handset"]);
        assert_eq!(seen.sessions_created, 1);
    });
    handset.wait_for_log("global shortcuts bound");

    handset.wait_for_log("listening for SIP");
    baresip.dial(&format!("sip:me@127.0.0.1:{port}"));
    wait_until_ringing(&bus, &mut handset);
    portal.press("answer");
    baresip.wait_event("CALL_ESTABLISHED", BOUND);
    // The window hands each event to its desktop face in the same step it shows it; the
    // face's screen-saver inhibit (there is no screen saver here) says the call is on screen.
    handset.wait_for_log("ScreenSaver not inhibited");

    portal.press("mute");
    handset.wait_for_log("global shortcut mute: Mute");
    let log = handset.wait_for_log("muted: true");
    assert!(log.contains("global shortcut answer: Answer"), "{log}");
    portal.press("hangup");
    baresip.wait_event("CALL_CLOSED", BOUND);
    handset.wait_for_log("global shortcut hangup: Hangup");
    handset.assert_running();
    assert_eq!(
        seen(&portal.seen, |seen| seen.sessions_created),
        1,
        "the shortcuts were bound once"
    );
}

#[test]
fn with_the_setting_off_the_portal_is_never_asked() {
    gui_support::require_tools();
    let scratch = Scratch::new("global-shortcuts-off");
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let portal = Portal::start(&bus);
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Auto, &common::speech::speech_wav()),
    );
    let dir = gui_support::artifacts_dir("global-shortcuts-off");
    let mut env = home_with_shortcuts(&dir.join("home"), false);
    env.extend(pulse.env());
    env.push(bus.env());
    let port = free_port();
    let xvfb = Xvfb::start();
    let mut handset = Handset::start_with_env(&xvfb, &format!("127.0.0.1:{port}"), &dir, &env);
    handset.wait_for_window(&xvfb);
    handset.wait_for_log("listening for SIP");

    // The desktop face took the saved setting when it started, long before a call rings
    // through it: once it shows the call, it has decided about the shortcuts.
    baresip.dial(&format!("sip:me@127.0.0.1:{port}"));
    wait_until_ringing(&bus, &mut handset);
    seen(&portal.seen, |seen| {
        assert_eq!(seen.sessions_created, 0, "no session without the setting");
        assert!(seen.registered.is_empty(), "{:?}", seen.registered);
        assert!(seen.bound.is_empty(), "{:?}", seen.bound);
    });
    let response = baresip.command("hangup", "");
    assert_eq!(response["ok"], true, "baresip hangs up: {response}");
    baresip.wait_event("CALL_CLOSED", BOUND);
    handset.assert_running();
    assert!(
        !handset.full_log().contains("global shortcut"),
        "{}",
        handset.log()
    );
}

#[test]
fn without_a_portal_the_window_says_so_once_and_goes_on() {
    gui_support::require_tools();
    let scratch = Scratch::new("global-shortcuts-none");
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let dir = gui_support::artifacts_dir("global-shortcuts-none");
    let mut env = home_with_shortcuts(&dir.join("home"), true);
    env.push(bus.env());
    let xvfb = Xvfb::start();
    let mut handset = Handset::start_with_env(&xvfb, "127.0.0.1:0", &dir, &env);
    let window = handset.wait_for_window(&xvfb);
    handset.wait_for_log("no global shortcuts");
    handset.wait_until_drawn(&xvfb, &window, &dir.join("drawn.png"));
    handset.assert_running();
    let log = handset.full_log();
    assert_eq!(
        log.matches("no global shortcuts").count(),
        1,
        "one line says it:\n{log}"
    );
}

/// Waits until headless Handset's log holds `needle`.
fn wait_for_stderr(handset: &Headless, needle: &str) -> String {
    let deadline = Instant::now() + BOUND;
    loop {
        let log = handset.stderr_text();
        if log.contains(needle) {
            return log;
        }
        assert!(
            Instant::now() < deadline,
            "headless Handset never logged {needle:?}:\n{log}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn headless_with_the_desktop_face_answers_mutes_and_hangs_up_by_the_shortcuts() {
    let scratch = Scratch::new("global-shortcuts-headless");
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let portal = Portal::start(&bus);
    let config = scratch.subdir("config");
    std::fs::write(
        config.join("config.toml"),
        "version = 1\n\n[general]\nglobal_shortcuts = true\n",
    )
    .unwrap();
    let config_arg = config.display().to_string();
    let mut handset = Headless::spawn_with_env(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--desktop",
            "--audio",
            "null",
            "--config",
            &config_arg,
        ]),
        &handset_env(&bus),
    );
    let ready = handset.wait_event("ready", SHORT);
    let address = ready["contact"]
        .as_str()
        .expect("ready names our address")
        .to_owned();
    let bound = portal.wait_for_bind(|| handset.stderr_text());
    let ids: Vec<&str> = bound.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(ids, ["answer", "hangup", "mute"], "{bound:?}");

    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Auto, &common::speech::speech_wav()),
    );
    baresip.dial(&address);
    handset.wait_event("incoming_call", SHORT);
    portal.press("answer");
    handset.wait_call_state("established", SHORT);
    baresip.wait_event("CALL_ESTABLISHED", BOUND);

    portal.press("mute");
    wait_for_stderr(&handset, "global shortcut mute: Mute");
    portal.press("mute");
    let log = wait_for_stderr(&handset, "muted: false");
    assert!(log.contains("muted: true"), "the first press mutes:\n{log}");

    portal.press("hangup");
    handset.wait_call_ended(SHORT);
    baresip.wait_event("CALL_CLOSED", BOUND);
    assert!(handset.quit().success());
}
