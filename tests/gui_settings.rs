//! The settings panel as a user meets it: open it from the dialer, add an account by typing
//! into the form, save, and find the account in the config file but the password nowhere.
//!
//! The test's HOME and XDG folders are private temp folders, and the session bus points
//! nowhere, so there is no Secret Service: the panel must offer the choice of where the
//! password goes, and the test picks "Ask at each start".

mod gui_support;

use gui_support::{Handset, Xvfb};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

/// The window is resized to this so the whole account form fits without scrolling; the click
/// positions below are measured on this layout (24 px padding, 14 px small text).
const WINDOW: (&str, &str) = ("480", "780");
const SETTINGS_BUTTON: (i64, i64) = (417, 38);
const ADD_ACCOUNT_BUTTON: (i64, i64) = (77, 154);
const DISPLAY_NAME_FIELD: (i64, i64) = (240, 177);
const ASK_EACH_START_BUTTON: (i64, i64) = (105, 224);

const PASSWORD: &str = "hunter2-not-in-any-file";

fn click(xvfb: &Xvfb, window: &str, (x, y): (i64, i64)) {
    xvfb.run_ok(
        "xdotool",
        &[
            "mousemove",
            "--sync",
            "--window",
            window,
            &x.to_string(),
            &y.to_string(),
            "click",
            "1",
        ],
    );
    // Let the window redraw before the next step looks or types.
    thread::sleep(Duration::from_millis(500));
}

fn type_text(xvfb: &Xvfb, text: &str) {
    xvfb.run_ok("xdotool", &["type", "--delay", "40", text]);
}

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
    let mut handset = Handset::start_with_env(xvfb, "127.0.0.1:0", dir, env);
    let window = handset.wait_for_window(xvfb);
    xvfb.run_ok(
        "xdotool",
        &["windowsize", "--sync", &window, WINDOW.0, WINDOW.1],
    );
    handset.wait_until_drawn(xvfb, &window, &dir.join("dialer.png"));
    xvfb.run_ok("xdotool", &["windowfocus", "--sync", &window]);
    (handset, window)
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
