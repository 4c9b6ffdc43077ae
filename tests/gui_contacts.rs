//! Contacts and history in the real window, as a user meets them: click a contact and a real
//! baresip rings and answers; baresip calls in from a number saved in another format and the
//! window names the contact; the unanswered call is in History as missed, with a badge.

mod common;
mod gui_support;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::ports::free_port;
use common::pulse::PrivatePulse;
use common::scratch::Scratch;
use gui_support::danger::danger_pixels_in;
use gui_support::{click, private_home, wait_until_region_drawn, Handset, Xvfb};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

/// Liveness bound for the peers' events; not a performance check.
const EVENT_BOUND: Duration = Duration::from_secs(30);
/// The window size the click positions below were measured on.
const WINDOW: (&str, &str) = ("480", "640");
/// The first contact row's Call button (the search field and the "Contacts" heading above).
const FIRST_ROW_CALL: (i64, i64) = (372, 150);
/// The first contact row's avatar: drawn once the contacts have loaded.
const FIRST_ROW_AVATAR: gui_support::Region = (138, 122, 36, 36);
/// The rail's History button.
const RAIL_HISTORY: (i64, i64) = (50, 129);
/// Where the rail's missed-call badge is drawn, right of the word "History".
const RAIL_BADGE: gui_support::Region = (70, 112, 40, 34);

/// `home`'s XDG data folder for Handset, where the contacts and history live.
fn data_dir(home: &Path) -> PathBuf {
    home.join("data/handset")
}

fn write_contact(home: &Path, uid: &str, card: &str) {
    let contacts = data_dir(home).join("contacts");
    std::fs::create_dir_all(&contacts).unwrap();
    std::fs::write(contacts.join(format!("{uid}.vcf")), card).unwrap();
}

fn write_settings(home: &Path, toml: &str) {
    let config = home.join("config/handset");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), toml).unwrap();
}

/// Starts the window on `listen` with `env`, sized to [`WINDOW`], drawn and focused.
fn start_window(
    xvfb: &Xvfb,
    dir: &Path,
    listen: &str,
    env: &[(String, String)],
) -> (Handset, String) {
    let mut handset = Handset::start_with_env(xvfb, listen, dir, env);
    let window = handset.wait_for_window(xvfb);
    let (width, height) = WINDOW;
    xvfb.run_ok("xdotool", &["windowsize", "--sync", &window, width, height]);
    handset.wait_until_drawn(xvfb, &window, &dir.join("first-frame.png"));
    xvfb.run_ok("xdotool", &["windowfocus", "--sync", &window]);
    (handset, window)
}

fn window_title(xvfb: &Xvfb, window: &str) -> String {
    xvfb.run_ok("xdotool", &["getwindowname", window])
        .trim()
        .to_owned()
}

/// Waits until the window's title contains `needle`; a liveness bound, not a timing check.
fn wait_for_title(handset: &mut Handset, xvfb: &Xvfb, window: &str, needle: &str) -> String {
    let started = Instant::now();
    loop {
        handset.assert_running();
        let title = window_title(xvfb, window);
        if title.contains(needle) {
            return title;
        }
        assert!(
            started.elapsed() < EVENT_BOUND,
            "the window's title never named {needle:?} (last: {title:?}); handset's output:\n{}",
            handset.log()
        );
        thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn clicking_a_contact_calls_it_and_baresip_answers() {
    gui_support::require_tools();
    let scratch = Scratch::new("gui_contacts_click");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let speech = common::speech::speech_wav();
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("bob", AnswerMode::Auto, &speech),
    );
    let dir = gui_support::artifacts_dir("gui_contacts_click");
    let home = dir.join("home");
    let mut env = private_home(&home);
    env.extend(pulse.env());
    write_contact(
        &home,
        "bob-baresip",
        &format!(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:bob-baresip\r\nFN:Bob Baresip\r\n\
             IMPP;TYPE=work:{}\r\nEND:VCARD\r\n",
            baresip.uri()
        ),
    );

    let xvfb = Xvfb::start();
    let (mut handset, window) = start_window(&xvfb, &dir, "127.0.0.1:0", &env);
    let shot = dir.join("contacts.png");
    wait_until_region_drawn(&mut handset, &xvfb, &window, FIRST_ROW_AVATAR, 3, &shot);
    click(&xvfb, &window, FIRST_ROW_CALL);

    let established = baresip.wait_event("CALL_ESTABLISHED", EVENT_BOUND);
    assert_eq!(established["type"], "CALL_ESTABLISHED", "{established}");
    thread::sleep(Duration::from_secs(2));
    handset.assert_running();
    xvfb.screenshot(&dir.join("in-call.png"));
    let response = baresip.command("hangup", "");
    assert_eq!(response["ok"], true, "baresip hangs up: {response}");
    baresip.wait_event("CALL_CLOSED", EVENT_BOUND);
    thread::sleep(Duration::from_millis(500));
    handset.assert_running();

    // The call is in the history, under the contact's name.
    let history = handset::history::History::open(data_dir(&home).join("history.db"))
        .expect("the history opens")
        .history;
    let calls = history
        .list(handset::history::Filter::All, 10)
        .expect("the history reads");
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].contact.as_deref(), Some("Bob Baresip"));
    assert!(calls[0].duration_secs >= 1, "{calls:?}");
}

#[test]
fn a_caller_saved_in_another_format_is_named_and_the_missed_call_is_in_history() {
    gui_support::require_tools();
    let scratch = Scratch::new("gui_contacts_caller_id");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let speech = common::speech::speech_wav();
    // The caller presents the number in international form...
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("+49301234567", AnswerMode::Manual, &speech),
    );
    let dir = gui_support::artifacts_dir("gui_contacts_caller_id");
    let home = dir.join("home");
    let mut env = private_home(&home);
    env.extend(pulse.env());
    // ...and the user saved it the way it is written at home, in Germany.
    write_settings(
        &home,
        "version = 1\n\n[general]\ndefault_country = \"DE\"\n",
    );
    write_contact(
        &home,
        "roberta",
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:roberta\r\nFN:Roberta Quillfeather\r\n\
         TEL;TYPE=work:030 1234567\r\nEND:VCARD\r\n",
    );

    let port = free_port();
    let xvfb = Xvfb::start();
    let (mut handset, window) = start_window(&xvfb, &dir, &format!("127.0.0.1:{port}"), &env);
    handset.wait_for_log("listening for SIP");
    baresip.dial(&format!("sip:me@127.0.0.1:{port}"));

    let title = wait_for_title(&mut handset, &xvfb, &window, "Roberta Quillfeather");
    assert!(title.contains("calling"), "{title}");
    xvfb.screenshot(&dir.join("incoming.png"));

    // The caller gives up: nobody answered, so the call is missed.
    let response = baresip.command("hangup", "");
    assert_eq!(response["ok"], true, "baresip hangs up: {response}");
    let started = Instant::now();
    while window_title(&xvfb, &window).contains("calling") {
        assert!(started.elapsed() < EVENT_BOUND, "the window still rings");
        thread::sleep(Duration::from_millis(100));
    }
    thread::sleep(Duration::from_millis(500));

    let badge_shot = dir.join("badge.png");
    let red = danger_pixels_in(&xvfb, &window, RAIL_BADGE, &badge_shot);
    assert!(
        red > 20,
        "no missed-call badge on the rail ({red} red pixels in {badge_shot:?})"
    );

    let history = handset::history::History::open(data_dir(&home).join("history.db"))
        .expect("the history opens")
        .history;
    let missed = history
        .list(handset::history::Filter::Missed, 10)
        .expect("the history reads");
    assert_eq!(missed.len(), 1, "{missed:?}");
    assert_eq!(missed[0].contact.as_deref(), Some("Roberta Quillfeather"));
    drop(history);

    click(&xvfb, &window, RAIL_HISTORY);
    xvfb.screenshot(&dir.join("history.png"));
    handset.assert_running();
}

/// Contacts ahead of the one to call in a long list: more than a screen holds many times
/// over (the list once stopped at 200 rows and asked the user to type).
const LONG_LIST: usize = 400;
/// Where the list is, for the mouse wheel.
const LIST_AREA: (i64, i64) = (300, 400);
/// The last row's Call button once the list is scrolled to its end (the window's bottom
/// padding below it).
const LAST_ROW_CALL: (i64, i64) = (372, 585);

#[test]
fn the_last_of_a_long_list_is_reached_by_scrolling_and_called() {
    gui_support::require_tools();
    let scratch = Scratch::new("gui_contacts_scroll");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let speech = common::speech::speech_wav();
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("zoe", AnswerMode::Auto, &speech),
    );
    let dir = gui_support::artifacts_dir("gui_contacts_scroll");
    let home = dir.join("home");
    let mut env = private_home(&home);
    env.extend(pulse.env());
    for n in 0..LONG_LIST {
        // Nobody listens on port 9: a call to one of these would fail, not reach baresip.
        write_contact(
            &home,
            &format!("aaron-{n:03}"),
            &format!(
                "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:aaron-{n:03}\r\nFN:Aaron {n:03}\r\n\
                 IMPP;TYPE=work:sip:aaron{n:03}@127.0.0.1:9\r\nEND:VCARD\r\n"
            ),
        );
    }
    write_contact(
        &home,
        "zoe-baresip",
        &format!(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:zoe-baresip\r\nFN:Zoe Baresip\r\n\
             IMPP;TYPE=work:{}\r\nEND:VCARD\r\n",
            baresip.uri()
        ),
    );

    let xvfb = Xvfb::start();
    let (mut handset, window) = start_window(&xvfb, &dir, "127.0.0.1:0", &env);
    let shot = dir.join("contacts.png");
    wait_until_region_drawn(&mut handset, &xvfb, &window, FIRST_ROW_AVATAR, 3, &shot);
    // Far more wheel steps than the list needs: the end is where scrolling stops.
    let (x, y) = LIST_AREA;
    xvfb.run_ok(
        "xdotool",
        &[
            "mousemove",
            "--sync",
            "--window",
            &window,
            &x.to_string(),
            &y.to_string(),
            "click",
            "--repeat",
            "800",
            "--delay",
            "2",
            "5",
        ],
    );
    thread::sleep(Duration::from_secs(1));
    xvfb.screenshot(&dir.join("scrolled-to-the-end.png"));
    click(&xvfb, &window, LAST_ROW_CALL);

    let established = baresip.wait_event("CALL_ESTABLISHED", EVENT_BOUND);
    assert_eq!(established["type"], "CALL_ESTABLISHED", "{established}");
    handset.assert_running();
    let response = baresip.command("hangup", "");
    assert_eq!(response["ok"], true, "baresip hangs up: {response}");
    baresip.wait_event("CALL_CLOSED", EVENT_BOUND);
    thread::sleep(Duration::from_millis(500));
    handset.assert_running();
}
