//! While a call runs, Handset asks the desktop not to blank, lock or suspend the screen
//! (`org.freedesktop.ScreenSaver.Inhibit`), and lets go when it ends.
//!
//! No real org.freedesktop.ScreenSaver runs on Debian without a full desktop session:
//! gnome-shell and KDE need their sessions, mate-screensaver only serves org.mate.ScreenSaver,
//! and xscreensaver-systemd exits unless logind answers on the system bus. So the test serves
//! the interface itself, on a private session bus, and records what it is asked.

mod common;
mod desktop_notifications_support;
#[allow(unused)]
mod gui_support;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, call_id, Handset, SHORT};
use common::scratch::Scratch;
use common::speech::speech_wav;
use desktop_notifications_support::{handset_env, SessionBus, BOUND};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The screen saver's side: grants cookies and writes down every request.
struct ScreenSaver {
    requests: Arc<Mutex<Vec<String>>>,
    next_cookie: u32,
}

#[zbus::interface(name = "org.freedesktop.ScreenSaver")]
impl ScreenSaver {
    fn inhibit(&mut self, application_name: String, reason_for_inhibit: String) -> u32 {
        self.next_cookie += 1;
        self.record(format!(
            "Inhibit {application_name}: {reason_for_inhibit} -> {}",
            self.next_cookie
        ));
        self.next_cookie
    }

    #[zbus(name = "UnInhibit")]
    fn un_inhibit(&mut self, cookie: u32) {
        self.record(format!("UnInhibit {cookie}"));
    }
}

impl ScreenSaver {
    fn record(&self, request: String) {
        if let Ok(mut requests) = self.requests.lock() {
            requests.push(request);
        }
    }
}

fn wait_for_requests(requests: &Arc<Mutex<Vec<String>>>, count: usize) -> Vec<String> {
    let deadline = Instant::now() + BOUND;
    loop {
        let now = requests.lock().map(|r| r.clone()).unwrap_or_default();
        if now.len() >= count {
            return now;
        }
        assert!(
            Instant::now() < deadline,
            "the screen saver was asked only {now:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn the_screen_saver_is_held_off_while_a_call_runs_and_released_after() {
    let scratch = Scratch::new("notify-inhibit");
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let requests = Arc::new(Mutex::new(Vec::new()));
    let screen_saver = ScreenSaver {
        requests: Arc::clone(&requests),
        next_cookie: 40,
    };
    let _served = zbus::block_on(async {
        zbus::connection::Builder::address(bus.address.as_str())?
            .name("org.freedesktop.ScreenSaver")?
            .serve_at("/org/freedesktop/ScreenSaver", screen_saver)?
            .build()
            .await
    })
    .expect("serve org.freedesktop.ScreenSaver on the private bus");

    let mut handset = Handset::spawn_with_env(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--desktop",
            "--auto-answer",
            "--audio",
            "null",
        ]),
        &handset_env(&bus),
    );
    let ready = handset.wait_event("ready", SHORT);
    let address = ready["contact"]
        .as_str()
        .expect("ready names our address")
        .to_owned();
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Auto, &speech_wav()),
    );

    baresip.dial(&address);
    let established = handset.wait_call_state("established", SHORT);
    assert_eq!(
        wait_for_requests(&requests, 1),
        ["Inhibit Handset: A call is in progress -> 41"],
        "held while the call runs"
    );

    handset.hangup(call_id(&established));
    handset.wait_call_ended(SHORT);
    baresip.wait_event("CALL_CLOSED", SHORT);
    assert_eq!(
        wait_for_requests(&requests, 2),
        [
            "Inhibit Handset: A call is in progress -> 41",
            "UnInhibit 41"
        ],
        "released when the call ends"
    );
    assert!(handset.quit().success());
}
