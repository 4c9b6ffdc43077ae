//! Calls reach the user through the desktop's notifications: a real dunst on a private
//! session bus and X server, driven the way a user drives it (its context menu picks an
//! action, through the `dmenu` program its config names), with baresip calling
//! `handset headless --desktop`, which runs the same desktop face as the window.
//!
//! The bus traffic is read with `dbus-monitor`; what is on screen with `dunstctl count`.

mod common;
mod desktop_notifications_support;
mod gui_support;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, call_id, Handset, LONG, SHORT};
use common::pesq::assert_carries_speech;
use common::scratch::Scratch;
use common::speech::speech_wav;
use desktop_notifications_support::{handset_env, BusWatch, Dunst, SessionBus};
use serde_json::json;

/// A private desktop: bus, its traffic, dunst.
struct Desktop {
    // Dropped in this order: dunst and the watch before their bus.
    dunst: Dunst,
    watch: BusWatch,
    bus: SessionBus,
}

impl Desktop {
    fn start(scratch: &Scratch) -> Desktop {
        let bus = SessionBus::start(&scratch.subdir("bus"));
        let watch = BusWatch::start(&bus);
        let dunst = Dunst::start(&scratch.subdir("dunst"), &bus);
        Desktop { dunst, watch, bus }
    }

    /// Handset on loopback with the desktop face, and the address it rings at (its
    /// `ready` event's contact); `extra` adds arguments.
    fn handset(&self, scratch: &Scratch, extra: &[&str]) -> (Handset, String) {
        let mut list = vec!["--listen", "127.0.0.1:0", "--desktop"];
        list.extend_from_slice(extra);
        let mut handset = Handset::spawn_with_env(scratch, &args(&list), &handset_env(&self.bus));
        let ready = handset.wait_event("ready", SHORT);
        let address = ready["contact"]
            .as_str()
            .expect("ready names our address")
            .to_owned();
        (handset, address)
    }

    /// Waits for the incoming-call notification: Notify with the call's category, the
    /// caller, and both actions; then for dunst to show it.
    fn wait_incoming_notification(&self, caller: &str) -> String {
        let notify = self.watch.wait_for(
            "Notify",
            1,
            "an incoming-call Notify with Answer and Decline",
            |m| m.contains("\"call.incoming\""),
        );
        let message = notify[0].clone();
        for expected in [
            "\"answer\"",
            "\"Answer\"",
            "\"decline\"",
            "\"Decline\"",
            caller,
            "Incoming call from",
        ] {
            assert!(
                message.contains(expected),
                "the notification lacks {expected}:\n{message}"
            );
        }
        self.dunst.wait_displayed(1);
        message
    }
}

fn caller(scratch: &Scratch) -> Baresip {
    Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Auto, &speech_wav()),
    )
}

#[test]
fn answer_on_the_notification_connects_the_call_with_speech_both_ways() {
    let scratch = Scratch::new("notify-answer");
    let desktop = Desktop::start(&scratch);
    let speech = speech_wav();
    let recording = scratch.join("handset-heard.wav");
    let (speech_arg, recording_arg) = (
        speech.display().to_string(),
        recording.display().to_string(),
    );
    let (mut handset, address) = desktop.handset(
        &scratch,
        &["--play", &speech_arg, "--record", &recording_arg],
    );
    let mut baresip = caller(&scratch);

    baresip.dial(&address);
    let incoming = handset.wait_event("incoming_call", SHORT);
    desktop.wait_incoming_notification("alice@127.0.0.1");

    desktop.dunst.pick("Answer");
    let established = handset.wait_call_state("established", SHORT);
    assert_eq!(call_id(&established), call_id(&incoming));
    baresip.wait_event("CALL_ESTABLISHED", SHORT);
    // The answered call's notification is gone.
    desktop.dunst.wait_displayed(0);

    // baresip hangs up when its speech file ends.
    baresip.wait_event("CALL_CLOSED", LONG);
    assert_eq!(
        handset.wait_call_ended(LONG),
        json!({"reason": "remote_hangup"})
    );
    assert!(handset.quit().success());
    assert!(
        desktop.watch.messages("Notify").len() == 1,
        "an answered call leaves no missed-call notification:\n{}",
        desktop.watch.text()
    );
    assert_carries_speech("baresip -> Handset", &speech, &recording);
    assert_carries_speech("Handset -> baresip", &speech, &baresip.received_audio());
}

#[test]
fn decline_on_the_notification_refuses_the_call_with_603() {
    let scratch = Scratch::new("notify-decline");
    let desktop = Desktop::start(&scratch);
    let (mut handset, address) = desktop.handset(&scratch, &["--audio", "null"]);
    let mut baresip = caller(&scratch);

    baresip.dial(&address);
    handset.wait_event("incoming_call", SHORT);
    desktop.wait_incoming_notification("alice@127.0.0.1");

    desktop.dunst.pick("Decline");
    let closed = baresip.wait_event("CALL_CLOSED", SHORT);
    assert!(
        closed["param"]
            .as_str()
            .is_some_and(|text| text.starts_with("603")),
        "baresip should see 603 Decline: {closed}"
    );
    assert_eq!(
        handset.wait_call_ended(SHORT),
        json!({"reason": "declined"})
    );
    desktop.dunst.wait_displayed(0);
    assert!(handset.quit().success());
    assert!(
        desktop.watch.messages("Notify").len() == 1,
        "a declined call is not a missed one:\n{}",
        desktop.watch.text()
    );
}

#[test]
fn a_cancelled_call_withdraws_its_notification_and_leaves_one_missed_call_per_caller() {
    let scratch = Scratch::new("notify-missed");
    let desktop = Desktop::start(&scratch);
    let (mut handset, address) = desktop.handset(&scratch, &["--audio", "null"]);
    let mut baresip = caller(&scratch);
    let handset_uri = address;

    // Alice gives up before anyone answers.
    baresip.dial(&handset_uri);
    handset.wait_event("incoming_call", SHORT);
    desktop.wait_incoming_notification("alice@127.0.0.1");
    baresip.wait_event("CALL_RINGING", SHORT);
    baresip.command("hangup", "");
    assert_eq!(
        handset.wait_call_ended(SHORT),
        json!({"reason": "caller_cancelled"})
    );
    desktop.watch.wait_for(
        "CloseNotification",
        1,
        "the incoming-call notification withdrawn",
        |_| true,
    );
    let missed = desktop
        .watch
        .wait_for("Notify", 1, "a missed-call Notify with Call back", |m| {
            m.contains("\"call.unanswered\"")
        });
    for expected in [
        "\"call-back\"",
        "\"Call back\"",
        "Missed call from alice@127.0.0.1",
    ] {
        assert!(
            missed[0].contains(expected),
            "lacks {expected}:\n{}",
            missed[0]
        );
    }
    // Only the missed call is left on screen.
    desktop.dunst.wait_displayed(1);

    // She tries again and gives up again: the same notification counts two.
    baresip.dial(&handset_uri);
    handset.wait_event("incoming_call", SHORT);
    baresip.wait_event("CALL_RINGING", SHORT);
    desktop
        .watch
        .wait_for("Notify", 2, "the second incoming-call Notify", |m| {
            m.contains("\"call.incoming\"")
        });
    baresip.command("hangup", "");
    handset.wait_call_ended(SHORT);
    let replaced =
        desktop
            .watch
            .wait_for("Notify", 1, "the missed-call notification replaced", |m| {
                m.contains("2 missed calls from alice@127.0.0.1")
            });
    assert!(
        !replaced[0].contains("uint32 0\n"),
        "the second missed call must replace the first (replaces_id), not stack:\n{}",
        replaced[0]
    );
    desktop.dunst.wait_displayed(1);

    // Call back dials her.
    desktop.dunst.pick("Call back");
    let calling = handset.wait_call_state("calling", SHORT);
    assert_eq!(calling["direction"], "outgoing");
    assert!(
        calling["remote"]
            .as_str()
            .is_some_and(|r| r.contains("alice@127.0.0.1")),
        "{calling}"
    );
    let established = handset.wait_call_state("established", SHORT);
    assert_eq!(call_id(&established), call_id(&calling));
    baresip.wait_event("CALL_ESTABLISHED", SHORT);
    // The missed calls were seen to: their notification is gone.
    desktop.dunst.wait_displayed(0);
    // baresip hangs up when its speech file ends.
    handset.wait_call_ended(LONG);
    assert!(handset.quit().success());
}

#[test]
fn do_not_disturb_turns_calls_away_busy_without_a_notification_and_keeps_them_as_missed() {
    let scratch = Scratch::new("notify-dnd");
    let desktop = Desktop::start(&scratch);
    let config = scratch.subdir("config");
    std::fs::write(
        config.join("config.toml"),
        "version = 1\n[general]\ndo_not_disturb = true\n",
    )
    .unwrap();
    let data = scratch.subdir("data");
    let (config_arg, data_arg) = (config.display().to_string(), data.display().to_string());
    let (mut handset, address) = desktop.handset(
        &scratch,
        &[
            "--audio",
            "null",
            "--config",
            &config_arg,
            "--data",
            &data_arg,
        ],
    );
    let mut baresip = caller(&scratch);

    baresip.dial(&address);
    let closed = baresip.wait_event("CALL_CLOSED", SHORT);
    assert!(
        closed["param"]
            .as_str()
            .is_some_and(|text| text.starts_with("486")),
        "baresip should hear 486 Busy Here: {closed}"
    );
    handset.wait_event("incoming_call", SHORT);
    assert_eq!(
        handset.wait_call_ended(SHORT),
        json!({"reason": "do_not_disturb"})
    );
    assert!(handset.quit().success());
    assert!(
        desktop.watch.messages("Notify").is_empty(),
        "do-not-disturb shows no notification:\n{}",
        desktop.watch.text()
    );
    assert_eq!(desktop.dunst.displayed(), 0);

    let history = handset::history::History::open(data.join("history.db"))
        .expect("the history opens")
        .history;
    let calls = history
        .list(handset::history::Filter::All, 10)
        .expect("the history reads");
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert!(calls[0].missed, "kept as a missed call: {calls:?}");
}
