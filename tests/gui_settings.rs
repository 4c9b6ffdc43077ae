//! The settings panel as a user meets it: open it from the dialer, add an account by typing
//! into the form, save, and find the account in the config file but the password nowhere.
//! A TLS account's trusted certificate: a missing file and a file with no certificate in it
//! are refused with the problem in red below the field; a real self-signed certificate is
//! accepted and saved.
//!
//! The test's HOME and XDG folders are private temp folders, and the session bus points
//! nowhere, so there is no Secret Service: the panel must offer the choice of where the
//! password goes, and the test picks "Ask at each start".

#[allow(dead_code)]
#[path = "common/certs.rs"]
mod certs;
mod gui_support;
#[allow(dead_code)]
#[path = "common/tools.rs"]
mod tools;

use gui_support::danger::{danger_pixels_in, wait_until_danger_shown};
use gui_support::{click, keys, type_text, wait_until_region_drawn, Handset, Region, Xvfb};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

/// The window is resized to this so the whole account form fits without scrolling; the click
/// positions below are measured on this layout (24 px padding, 14 px small text).
const SETTINGS_BUTTON: (i64, i64) = (417, 38);
const ADD_ACCOUNT_BUTTON: (i64, i64) = (77, 154);
const DISPLAY_NAME_FIELD: (i64, i64) = (240, 177);
const ASK_EACH_START_BUTTON: (i64, i64) = (105, 224);
/// The transport pick list, its TLS entry once open, and the trusted-certificate field
/// that TLS brings (below the transport).
const TRANSPORT_PICK_LIST: (i64, i64) = (180, 574);
const TLS_CHOICE: (i64, i64) = (150, 545);
const CERTIFICATE_FIELD: (i64, i64) = (240, 634);
/// Where the form shows something the screen before leaves blank: its first field's left
/// edge; the open pick list's TLS entry; the certificate field's left edge.
const FORM_FIRST_FIELD_EDGE: Region = (20, 170, 10, 10);
const TLS_CHOICE_DRAWN: Region = (100, 535, 60, 20);
const CERTIFICATE_FIELD_EDGE: Region = (20, 625, 10, 10);
/// The strip below the certificate field's hint where its problem is written, and the
/// whole form above the codecs.
const CERTIFICATE_ERROR: Region = (24, 692, 430, 40);
const FORM: Region = (0, 100, 470, 640);

const PASSWORD: &str = "hunter2-not-in-any-file";

/// The Audio tab; the ringtone volume slider's knob at 100 % and a point a quarter along its
/// track; the "ring on every output device" checkbox; the left end of the call volume's
/// track, which a drawn Audio page colours.
const AUDIO_TAB: (i64, i64) = (143, 83);
const RINGTONE_KNOB_AT_FULL: (i64, i64) = (383, 328);
const RINGTONE_QUARTER: (i64, i64) = (115, 328);
const RING_EVERY_OUTPUT: (i64, i64) = (32, 411);
const CALL_VOLUME_TRACK: Region = (24, 374, 40, 12);

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Polls for the config file to hold `needle`: saving happens on the GUI's own schedule.
fn wait_for_config(config: &Path, needle: &str, handset: &mut Handset) -> String {
    let started = Instant::now();
    loop {
        handset.assert_running();
        let text = std::fs::read_to_string(config).unwrap_or_default();
        if text.contains(needle) {
            return text;
        }
        // A watchdog, not a timing check.
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{} never held {needle:?}; it holds:\n{text}\nhandset's output:\n{}",
            config.display(),
            handset.log()
        );
        thread::sleep(Duration::from_millis(100));
    }
}

/// Private HOME and XDG folders under `home`, and a session bus address that leads nowhere.
fn private_env(home: &Path) -> Vec<(String, String)> {
    let _ = std::fs::remove_dir_all(home);
    std::fs::create_dir_all(home).unwrap();
    vec![
        ("HOME".to_owned(), home.display().to_string()),
        (
            "XDG_CONFIG_HOME".to_owned(),
            home.join("config").display().to_string(),
        ),
        (
            "XDG_DATA_HOME".to_owned(),
            home.join("data").display().to_string(),
        ),
        // No Secret Service: the keyring crate finds no session bus here.
        (
            "DBUS_SESSION_BUS_ADDRESS".to_owned(),
            format!("unix:path={}", home.join("no-bus").display()),
        ),
    ]
}

/// Starts Handset, resizes its window to the measured layout and gives it the keyboard.
fn start(xvfb: &Xvfb, dir: &Path, env: &[(String, String)]) -> (Handset, String) {
    gui_support::start_sized(xvfb, dir, env, "dialer.png")
}

#[test]
fn a_corrupt_config_file_is_shown_and_left_untouched() {
    gui_support::require_tools();
    let dir = gui_support::artifacts_dir("gui_settings_corrupt");
    let home = dir.join("home");
    let env = private_env(&home);
    let config = home.join("config").join("handset").join("config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    let broken = "version = 1\n[general\nauto_answer = tru\n";
    std::fs::write(&config, broken).unwrap();

    let xvfb = Xvfb::start();
    let (mut handset, window) = start(&xvfb, &dir, &env);
    click(&xvfb, &window, SETTINGS_BUTTON);
    let shot = dir.join("settings-corrupt.png");
    xvfb.screenshot(&shot);
    handset.assert_running();
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        broken,
        "the damaged file must stay as it was (screenshot at {})",
        shot.display()
    );
    assert!(
        config.with_extension("toml.bak").exists(),
        "a .bak copy of the damaged file is kept"
    );
}

#[test]
fn adding_an_account_in_the_panel_saves_it_without_its_password() {
    gui_support::require_tools();
    let dir = gui_support::artifacts_dir("gui_settings");
    let home = dir.join("home");
    let env = private_env(&home);
    let config_home = home.join("config");

    let xvfb = Xvfb::start();
    let (mut handset, window) = start(&xvfb, &dir, &env);

    click(&xvfb, &window, SETTINGS_BUTTON);
    xvfb.screenshot(&dir.join("settings.png"));
    click(&xvfb, &window, ADD_ACCOUNT_BUTTON);
    click(&xvfb, &window, DISPLAY_NAME_FIELD);
    // Display name, user, domain, (auth user left empty), password; Tab between them.
    type_text(&xvfb, "Alice");
    xvfb.run_ok("xdotool", &["key", "Tab"]);
    type_text(&xvfb, "alice");
    xvfb.run_ok("xdotool", &["key", "Tab"]);
    type_text(&xvfb, "127.0.0.1:5999");
    xvfb.run_ok("xdotool", &["key", "Tab", "Tab"]);
    type_text(&xvfb, PASSWORD);
    xvfb.screenshot(&dir.join("account-form.png"));
    xvfb.run_ok("xdotool", &["key", "Return"]);
    thread::sleep(Duration::from_millis(500));
    let choice_shot = dir.join("storage-choice.png");
    xvfb.screenshot(&choice_shot);

    let config = config_home.join("handset").join("config.toml");
    assert!(
        !config.exists(),
        "nothing may be saved before the user chose where the password goes (see {})",
        choice_shot.display()
    );
    click(&xvfb, &window, ASK_EACH_START_BUTTON);

    let saved = wait_for_config(&config, "alice", &mut handset);
    xvfb.screenshot(&dir.join("account-saved.png"));
    assert!(saved.contains("user = \"alice\""), "{saved}");
    assert!(saved.contains("domain = \"127.0.0.1:5999\""), "{saved}");
    assert!(saved.contains("display_name = \"Alice\""), "{saved}");
    assert!(
        saved.contains("password_storage = \"ask-each-start\""),
        "{saved}"
    );
    let files = files_under(&home);
    assert!(!files.is_empty());
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(PASSWORD),
            "the password was written to {}",
            file.display()
        );
    }
}

/// Replaces the text of the focused field with `text`: select all, type.
fn retype(xvfb: &Xvfb, text: &str) {
    keys(xvfb, &["ctrl+a"]);
    type_text(xvfb, text);
}

#[test]
fn a_tls_account_takes_only_a_real_trusted_certificate() {
    gui_support::require_tools();
    let dir = gui_support::artifacts_dir("gui_settings_certificate");
    let home = dir.join("home");
    let env = private_env(&home);
    let lab = certs::CertificateLab::in_dir(&dir.join("certs"));
    let pbx = lab.self_signed("pbx", "IP:127.0.0.1");
    let missing = dir.join("certs").join("no-such-certificate.pem");
    let config = home.join("config").join("handset").join("config.toml");

    let xvfb = Xvfb::start();
    let (mut handset, window) = start(&xvfb, &dir, &env);
    let shot = dir.join("waiting.png");
    click(&xvfb, &window, SETTINGS_BUTTON);
    click(&xvfb, &window, ADD_ACCOUNT_BUTTON);
    wait_until_region_drawn(
        &mut handset,
        &xvfb,
        &window,
        FORM_FIRST_FIELD_EDGE,
        2,
        &shot,
    );
    click(&xvfb, &window, DISPLAY_NAME_FIELD);
    // Display name, user, domain; no password (none is needed to keep the certificate).
    type_text(&xvfb, "PBX");
    keys(&xvfb, &["Tab"]);
    type_text(&xvfb, "alice");
    keys(&xvfb, &["Tab"]);
    type_text(&xvfb, "127.0.0.1:5999");
    click(&xvfb, &window, TRANSPORT_PICK_LIST);
    wait_until_region_drawn(&mut handset, &xvfb, &window, TLS_CHOICE_DRAWN, 4, &shot);
    click(&xvfb, &window, TLS_CHOICE);
    wait_until_region_drawn(
        &mut handset,
        &xvfb,
        &window,
        CERTIFICATE_FIELD_EDGE,
        2,
        &shot,
    );
    let form_shot = dir.join("tls-form.png");
    assert_eq!(
        danger_pixels_in(&xvfb, &window, FORM, &form_shot),
        0,
        "no problem is shown before Save (screenshot at {})",
        form_shot.display()
    );

    // A file that is not there.
    click(&xvfb, &window, CERTIFICATE_FIELD);
    type_text(&xvfb, missing.to_str().unwrap());
    keys(&xvfb, &["Return"]);
    handset.wait_for_log(&format!(
        "settings: trusted_certificate: The certificate file is missing: {}",
        missing.display()
    ));
    wait_until_danger_shown(
        &mut handset,
        &xvfb,
        &window,
        CERTIFICATE_ERROR,
        &dir.join("certificate-missing.png"),
    );

    // A file that is there but holds no certificate: the certificate's private key.
    click(&xvfb, &window, CERTIFICATE_FIELD);
    retype(&xvfb, pbx.key.to_str().unwrap());
    keys(&xvfb, &["Return"]);
    handset.wait_for_log("settings: trusted_certificate: This file holds no PEM certificate");
    wait_until_danger_shown(
        &mut handset,
        &xvfb,
        &window,
        CERTIFICATE_ERROR,
        &dir.join("certificate-not-one.png"),
    );
    assert!(
        !config.exists(),
        "nothing is saved while the certificate is refused"
    );

    // The PBX's self-signed certificate: accepted, and saved with the account.
    click(&xvfb, &window, CERTIFICATE_FIELD);
    retype(&xvfb, pbx.certificate.to_str().unwrap());
    keys(&xvfb, &["Return"]);
    let saved = wait_for_config(&config, "trusted_certificate", &mut handset);
    let saved_shot = dir.join("certificate-saved.png");
    xvfb.screenshot(&saved_shot);
    assert!(
        saved.contains(&format!(
            "trusted_certificate = \"{}\"",
            pbx.certificate.display()
        )),
        "{saved}"
    );
    assert!(saved.contains("transport = \"tls\""), "{saved}");
    assert!(saved.contains("user = \"alice\""), "{saved}");
    handset.assert_running();
}

/// Drags the left mouse button from `from` to `to` inside `window`, as a hand moves a slider.
fn drag(xvfb: &Xvfb, window: &str, from: (i64, i64), to: (i64, i64)) {
    let middle = ((from.0 + to.0) / 2, (from.1 + to.1) / 2);
    let mut args: Vec<String> = Vec::new();
    for (i, (x, y)) in [from, middle, to].into_iter().enumerate() {
        args.extend(["mousemove", "--window", window].map(String::from));
        args.extend([x.to_string(), y.to_string()]);
        if i == 0 {
            args.extend(["mousedown", "1"].map(String::from));
        }
        args.extend(["sleep", "0.2"].map(String::from));
    }
    args.extend(["mouseup", "1"].map(String::from));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    xvfb.run_ok("xdotool", &args);
    thread::sleep(Duration::from_millis(500));
}

#[test]
fn a_volume_slider_dragged_on_the_audio_page_is_saved() {
    gui_support::require_tools();
    let dir = gui_support::artifacts_dir("gui_settings_audio");
    let home = dir.join("home");
    let env = private_env(&home);
    let config = home.join("config").join("handset").join("config.toml");

    let xvfb = Xvfb::start();
    let (mut handset, window) = start(&xvfb, &dir, &env);
    click(&xvfb, &window, SETTINGS_BUTTON);
    click(&xvfb, &window, AUDIO_TAB);
    let shot = dir.join("audio.png");
    wait_until_region_drawn(&mut handset, &xvfb, &window, CALL_VOLUME_TRACK, 2, &shot);

    drag(&xvfb, &window, RINGTONE_KNOB_AT_FULL, RINGTONE_QUARTER);
    let saved = wait_for_config(&config, "ringtone_volume", &mut handset);
    xvfb.screenshot(&dir.join("audio-ringtone-quarter.png"));
    let volume: u32 = saved
        .lines()
        .find_map(|line| line.strip_prefix("ringtone_volume = "))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or_else(|| panic!("a ringtone volume number in:\n{saved}"));
    assert!(
        (10..=40).contains(&volume),
        "a quarter along the slider saved {volume} %:\n{saved}"
    );
    assert!(saved.contains("call_volume = 100"), "{saved}");

    click(&xvfb, &window, RING_EVERY_OUTPUT);
    let saved = wait_for_config(&config, "ring_every_output = true", &mut handset);
    xvfb.screenshot(&dir.join("audio-every-output.png"));
    assert!(
        saved.contains(&format!("ringtone_volume = {volume}")),
        "{saved}"
    );
}
