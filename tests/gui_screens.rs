//! Every screen of the window, as a user reaches it with clicks and keys, photographed in
//! English and in German, in the light and the dark theme: contacts, a contact's page, the
//! contact form, history, dial pad, settings, a call in progress and an incoming call.
//!
//! What is checked: each step shows a different picture (the click did something), a
//! screen in German is not the English one, and the dark theme is dark. The pictures stay in
//! target/tmp/gui_screens/ for people to look at; README shows two of them.

mod common;
mod gui_support;

use common::handset::{args, call_id, Handset as Peer};
use common::pulse::PrivatePulse;
use common::scratch::Scratch;
use gui_support::{click, keys, private_home, wait_until_region_drawn, Handset, Xvfb};
use handset::engine::api::Direction;
use handset::history::{History, NewEntry};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

const WINDOW: (&str, &str) = ("480", "640");
const BOUND: Duration = Duration::from_secs(30);

// Positions measured on the 480×640 window (18 px margin, 92 px rail).
const FIRST_ROW_AVATAR: gui_support::Region = (138, 122, 36, 36);
const FIRST_ROW_NAME: (i64, i64) = (230, 244);
const CONTACT_EDIT: (i64, i64) = (150, 391);
const EDITOR_CANCEL: (i64, i64) = (200, 560);
const RAIL_CONTACTS: (i64, i64) = (50, 87);
const RAIL_HISTORY: (i64, i64) = (50, 129);
const RAIL_KEYPAD: (i64, i64) = (50, 171);
const SETTINGS_BUTTON: (i64, i64) = (422, 37);

/// The whole window's picture area, for comparing pictures and measuring brightness.
fn window_region(xvfb: &Xvfb, window: &str) -> (i64, i64, i64, i64) {
    gui_support::window_geometry(xvfb, window)
}

fn crop(xvfb: &Xvfb, window: &str, shot: &Path) -> PathBuf {
    let (x, y, width, height) = window_region(xvfb, window);
    let cropped = shot.with_extension("window.png");
    let output = std::process::Command::new("convert")
        .arg(shot)
        .args(["-crop", &format!("{width}x{height}+{x}+{y}"), "+repage"])
        .arg(&cropped)
        .output()
        .expect("run convert (package imagemagick)");
    assert!(output.status.success(), "convert failed: {output:?}");
    std::fs::rename(&cropped, shot).unwrap();
    shot.to_path_buf()
}

/// Mean brightness of an image, 0 (black) to 1 (white).
fn brightness(image: &Path) -> f64 {
    let output = std::process::Command::new("convert")
        .arg(image)
        .args(["-colorspace", "Gray", "-format", "%[fx:mean]", "info:"])
        .output()
        .expect("run convert (package imagemagick)");
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("no brightness for {}: {output:?}", image.display()))
}

/// How many pixels differ between two pictures of the same size.
fn pixels_apart(a: &Path, b: &Path) -> u64 {
    let output = std::process::Command::new("compare")
        .args(["-metric", "AE"])
        .arg(a)
        .arg(b)
        .arg("null:")
        .output()
        .expect("run compare (package imagemagick)");
    let text = String::from_utf8_lossy(&output.stderr);
    text.split_whitespace()
        .next()
        .and_then(|n| n.parse::<f64>().ok())
        .map(|n| n as u64)
        .unwrap_or_else(|| panic!("compare printed {text:?}"))
}

fn write_data(home: &Path, language: &str, theme: &str) {
    let config = home.join("config/handset");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!(
            "version = 1\n\n[general]\nlanguage = \"{language}\"\ntheme = \"{theme}\"\n\
             default_country = \"DE\"\n"
        ),
    )
    .unwrap();
    let data = home.join("data/handset");
    let contacts = data.join("contacts");
    std::fs::create_dir_all(&contacts).unwrap();
    for (uid, card) in [
        (
            "roberta",
            "FN:Roberta Quillfeather\r\nORG:Quill & Co\r\nTEL;TYPE=work:030 1234567\r\n\
             IMPP;TYPE=work:sip:roberta@pbx.example\r\nCATEGORIES:favourite\r\n\
             NOTE:Prefers calls after ten.\r\n",
        ),
        (
            "tom",
            "FN:Tom Sawyer\r\nIMPP;TYPE=home:sip:tom@river.example\r\n",
        ),
        (
            "zoe",
            "FN:Zoë Ångström\r\nORG:Nordlicht\r\nTEL;TYPE=cell:0171 5550101\r\n",
        ),
    ] {
        std::fs::write(
            contacts.join(format!("{uid}.vcf")),
            format!("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:{uid}\r\n{card}END:VCARD\r\n"),
        )
        .unwrap();
    }
    let mut history = History::open(data.join("history.db")).unwrap().history;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    for (remote, contact, direction, missed, ago, duration) in [
        (
            "sip:roberta@pbx.example",
            Some("Roberta Quillfeather"),
            Direction::Incoming,
            false,
            600,
            154,
        ),
        (
            "sip:+4917155501@pbx.example",
            None,
            Direction::Incoming,
            true,
            4000,
            0,
        ),
        (
            "sip:tom@river.example",
            Some("Tom Sawyer"),
            Direction::Outgoing,
            false,
            90_000,
            61,
        ),
    ] {
        history
            .record(&NewEntry {
                direction,
                remote: remote.to_owned(),
                contact: contact.map(str::to_owned),
                contact_uid: contact.map(|_| remote.split([':', '@']).nth(1).unwrap().to_owned()),
                account: None,
                started_unix: now - ago,
                answered_unix: (!missed).then_some(now - ago + 3),
                duration_secs: duration,
                end_reason: "end-remote-hangup".to_owned(),
                missed,
            })
            .unwrap();
    }
}

/// Takes one picture of the window as `name`, after the screen settled.
fn snap(xvfb: &Xvfb, window: &str, dir: &Path, name: &str) -> PathBuf {
    thread::sleep(Duration::from_millis(600));
    let shot = dir.join(format!("{name}.png"));
    xvfb.screenshot(&shot);
    crop(xvfb, window, &shot)
}

/// Walks every screen in one language and theme; returns the pictures in order.
fn walk(language: &str, theme: &str) -> Vec<PathBuf> {
    let label = format!("{language}-{theme}");
    let scratch = Scratch::new(&format!("gui_screens_{label}"));
    let dir = gui_support::artifacts_dir(&format!("gui_screens/{label}"));
    let home = dir.join("home");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let mut env = private_home(&home);
    env.extend(pulse.env());
    write_data(&home, language, theme);
    let (mut peer, ready) = Peer::start(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--auto-answer",
        ]),
    );
    let peer_address = ready["contact"]
        .as_str()
        .expect("the peer's address")
        .to_owned();

    let xvfb = Xvfb::start();
    let port = common::ports::free_port();
    let mut handset = Handset::start_with_env(&xvfb, &format!("127.0.0.1:{port}"), &dir, &env);
    let window = handset.wait_for_window(&xvfb);
    let (width, height) = WINDOW;
    xvfb.run_ok("xdotool", &["windowsize", "--sync", &window, width, height]);
    handset.wait_until_drawn(&xvfb, &window, &dir.join("first.png"));
    wait_until_region_drawn(
        &mut handset,
        &xvfb,
        &window,
        FIRST_ROW_AVATAR,
        3,
        &dir.join("rows.png"),
    );
    xvfb.run_ok("xdotool", &["windowfocus", "--sync", &window]);

    let mut shots = vec![snap(&xvfb, &window, &dir, "1-contacts")];
    click(&xvfb, &window, FIRST_ROW_NAME);
    shots.push(snap(&xvfb, &window, &dir, "2-contact"));
    click(&xvfb, &window, CONTACT_EDIT);
    shots.push(snap(&xvfb, &window, &dir, "3-editor"));
    click(&xvfb, &window, EDITOR_CANCEL);
    click(&xvfb, &window, RAIL_HISTORY);
    shots.push(snap(&xvfb, &window, &dir, "4-history"));
    click(&xvfb, &window, RAIL_KEYPAD);
    shots.push(snap(&xvfb, &window, &dir, "5-dialpad"));
    click(&xvfb, &window, SETTINGS_BUTTON);
    shots.push(snap(&xvfb, &window, &dir, "6-settings"));
    keys(&xvfb, &["Escape"]);
    click(&xvfb, &window, RAIL_CONTACTS);

    // A call: the address typed into the search field, Enter; the peer answers by itself.
    keys(&xvfb, &["ctrl+f"]);
    gui_support::type_text(&xvfb, &peer_address);
    keys(&xvfb, &["Return"]);
    peer.wait_call_state("established", BOUND);
    thread::sleep(Duration::from_secs(2));
    shots.push(snap(&xvfb, &window, &dir, "7-in-call"));
    keys(&xvfb, &["Escape"]);
    peer.wait_call_ended(BOUND);

    // An incoming call: the peer dials the window.
    peer.dial(&format!("sip:me@127.0.0.1:{port}"));
    let ringing = peer.wait_call_state("ringing", BOUND);
    thread::sleep(Duration::from_secs(1));
    shots.push(snap(&xvfb, &window, &dir, "8-incoming"));
    keys(&xvfb, &["Escape"]);
    peer.wait_call_ended(BOUND);
    let _ = call_id(&ringing);
    handset.assert_running();
    shots
}

fn check_walk(shots: &[PathBuf]) {
    for pair in shots.windows(2) {
        let apart = pixels_apart(&pair[0], &pair[1]);
        assert!(
            apart > 500,
            "{} looks like {} ({apart} pixels apart): the step did not change the screen",
            pair[1].display(),
            pair[0].display()
        );
    }
}

#[test]
fn every_screen_in_english_and_german_light_and_dark() {
    gui_support::require_tools();
    let english_light = walk("en-US", "light");
    check_walk(&english_light);
    let german_dark = walk("de", "dark");
    check_walk(&german_dark);
    let english_dark = walk("en-US", "dark");
    let german_light = walk("de", "light");
    for (light, dark) in english_light.iter().zip(&english_dark) {
        let (l, d) = (brightness(light), brightness(dark));
        assert!(
            l > 0.6 && d < 0.4,
            "{} ({l:.2}) should be light and {} ({d:.2}) dark",
            light.display(),
            dark.display()
        );
    }
    for (english, german) in english_light.iter().zip(&german_light) {
        let apart = pixels_apart(english, german);
        assert!(
            apart > 200,
            "{} is not in German: it looks like {} ({apart} pixels apart)",
            german.display(),
            english.display()
        );
    }
}
