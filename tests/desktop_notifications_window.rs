//! The window raises the same notifications as a user's desktop shows them: baresip calls
//! the real window (under Xvfb) while a real dunst runs on a private session bus; the
//! notification names the caller from the contacts, and Answer picked in dunst's menu
//! connects the call, which the history then keeps as answered.

mod common;
mod desktop_notifications_support;
mod gui_support;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::ports::free_port;
use common::pulse::PrivatePulse;
use common::scratch::Scratch;
use desktop_notifications_support::{BusWatch, Dunst, SessionBus, BOUND};
use gui_support::{private_home, Handset, Xvfb};

#[test]
fn the_window_notifies_an_incoming_call_by_contact_name_and_answer_connects_it() {
    gui_support::require_tools();
    let scratch = Scratch::new("notify-window");
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let watch = BusWatch::start(&bus);
    let dunst = Dunst::start(&scratch.subdir("dunst"), &bus);
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Auto, &common::speech::speech_wav()),
    );
    let dir = gui_support::artifacts_dir("notify-window");
    let home = dir.join("home");
    let mut env = private_home(&home);
    env.extend(pulse.env());
    env.push(bus.env());
    let contacts = home.join("data/handset/contacts");
    std::fs::create_dir_all(&contacts).unwrap();
    std::fs::write(
        contacts.join("alice.vcf"),
        format!(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:alice\r\nFN:Alice Liddell\r\n\
             IMPP;TYPE=work:{}\r\nEND:VCARD\r\n",
            baresip.uri()
        ),
    )
    .unwrap();

    let port = free_port();
    let xvfb = Xvfb::start();
    let mut handset = Handset::start_with_env(&xvfb, &format!("127.0.0.1:{port}"), &dir, &env);
    handset.wait_for_window(&xvfb);
    handset.wait_for_log("listening for SIP");
    // Contacts load off the UI thread; the caller is named once they are in.
    handset.wait_for_log("contacts and history loaded");
    baresip.dial(&format!("sip:me@127.0.0.1:{port}"));

    let notify = watch.wait_for("Notify", 1, "the window's incoming-call Notify", |m| {
        m.contains("\"call.incoming\"")
    });
    for expected in [
        "Incoming call from Alice Liddell",
        "\"answer\"",
        "\"decline\"",
    ] {
        assert!(
            notify[0].contains(expected),
            "the notification lacks {expected}:\n{}",
            notify[0]
        );
    }
    dunst.wait_displayed(1);

    dunst.pick("Answer");
    baresip.wait_event("CALL_ESTABLISHED", BOUND);
    dunst.wait_displayed(0);
    handset.assert_running();
    let response = baresip.command("hangup", "");
    assert_eq!(response["ok"], true, "baresip hangs up: {response}");
    baresip.wait_event("CALL_CLOSED", BOUND);

    // The window writes the call to the history when it ends.
    let started = std::time::Instant::now();
    let calls = loop {
        handset.assert_running();
        let calls = handset::history::History::open(home.join("data/handset/history.db"))
            .ok()
            .and_then(|opened| opened.history.list(handset::history::Filter::All, 10).ok())
            .unwrap_or_default();
        if !calls.is_empty() {
            break calls;
        }
        assert!(
            started.elapsed() < BOUND,
            "the call never reached the history"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert!(
        !calls[0].missed,
        "answered from the notification: {calls:?}"
    );
    assert_eq!(calls[0].contact.as_deref(), Some("Alice Liddell"));
}
