//! An account added as a user would — through the settings panel, with the mouse and the
//! keyboard under Xvfb — registers with a real kamailio (digest auth from an htable).
//!
//! 1. Empty config folder, a private gnome-keyring: open Settings, Add account, type user,
//!    domain and password, Enter. Kamailio logs alice registered, the GUI says so (its log
//!    line for the registration state, plus a screenshot of the panel), the config file holds
//!    the account but no password, and the keyring holds the password.
//! 2. An "ask at each start" account and no Secret Service: the window opens on the password
//!    prompt; after a wrong password the prompt comes back by itself saying the registrar
//!    refused it (in red below the field). Later; the account list shows the refusal, the
//!    account row opens the prompt again (saying so too), the right password registers the
//!    account, and no file holds the password.
//!
//! How the panel's state is checked: the GUI logs every registration state in the words the
//! account list shows ("account 1: Registered until 14:05"); the test waits for that line
//! rather than reading pixels. Screenshots are kept in the artifacts folder for a human.

mod common;
mod gui_support;
#[allow(dead_code)]
mod secrets_support;

use common::kamailio::{registrar_body, wait_registered, Kamailio};
use common::ports::free_port;
use gui_support::danger::{danger_pixels_in, wait_until_danger_shown};
use gui_support::{
    click, keys, private_home, type_text, wait_until_region_drawn, Handset, Region, Xvfb,
};
use secrets_support::{file_contains, files_under, KeyringSession};
use std::path::Path;

/// The window is resized to this so the whole account form fits; the positions below are
/// measured on this layout (the same as tests/gui_settings.rs).
const SETTINGS_BUTTON: (i64, i64) = (417, 38);
const ADD_ACCOUNT_BUTTON: (i64, i64) = (77, 154);
const DISPLAY_NAME_FIELD: (i64, i64) = (240, 177);
/// The password prompt's field, and the account row's "Password…" button (one account,
/// the default, so no "Set as default" button before it).
const PROMPT_FIELD: (i64, i64) = (240, 193);
const ROW_PASSWORD_BUTTON: (i64, i64) = (290, 184);
/// Where each screen shows something the one before leaves blank, so a test can wait for
/// it before it clicks or types: the panel's heading, the form's first field's left edge.
const SETTINGS_HEADING: Region = (24, 28, 100, 22);
const FORM_FIRST_FIELD_EDGE: Region = (20, 170, 10, 10);
/// Where the prompt says the registrar refused the last password: right below the field;
/// its Later button, moved down by that line.
const PROMPT_REFUSED_NOTE: Region = (24, 212, 432, 40);
const REFUSED_PROMPT_LATER: (i64, i64) = (148, 275);

/// kamailio's htable holds alice with this password (tests/common/kamailio.rs).
const ALICE_PASSWORD: &str = "alicepw";
const WRONG_PASSWORD: &str = "not-alices-password";
/// What the GUI logs once the engine reports account 1 registered.
const REGISTERED_LINE: &str = "account 1: Registered until";
/// What the GUI logs as the prompt comes back after the registrar refused the password.
const REFUSED_LINE: &str = "account 1: the registrar refused the password; asking for it again";

/// Starts Handset with `env`, sizes its window to the measured layout and gives it the
/// keyboard. The GUI logs at info level so its registration lines can be read.
fn start(xvfb: &Xvfb, dir: &Path, env: &[(String, String)]) -> (Handset, String) {
    let mut env = env.to_vec();
    env.push(("HANDSET_LOG".to_owned(), "warn,handset=info".to_owned()));
    gui_support::start_sized(xvfb, dir, &env, "first-screen.png")
}

/// No file under `home` may hold `password`.
fn assert_on_no_disk(home: &Path, password: &str) {
    let files = files_under(home);
    assert!(!files.is_empty(), "Handset wrote nothing under {home:?}");
    for file in files {
        assert!(
            !file_contains(&file, password),
            "the password was written to {}",
            file.display()
        );
    }
}

#[test]
fn an_account_added_through_the_panel_registers_with_kamailio() {
    gui_support::require_tools();
    let dir = gui_support::artifacts_dir("gui_account_kamailio");
    let port = free_port();
    let kamailio_dir = dir.join("kamailio");
    std::fs::create_dir_all(&kamailio_dir).unwrap();
    let kamailio = Kamailio::start(&kamailio_dir, port, &registrar_body("MD5"));
    let keyring = KeyringSession::start();
    let home = dir.join("home");
    let mut env = private_home(&home);
    env.push((
        "DBUS_SESSION_BUS_ADDRESS".to_owned(),
        keyring.address.clone(),
    ));

    let xvfb = Xvfb::start();
    let (mut handset, window) = start(&xvfb, &dir, &env);
    let shot = dir.join("waiting.png");
    click(&xvfb, &window, SETTINGS_BUTTON);
    wait_until_region_drawn(&mut handset, &xvfb, &window, SETTINGS_HEADING, 4, &shot);
    xvfb.screenshot(&dir.join("settings-empty.png"));
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
    // Display name, user, domain, (auth user left empty), password; Tab between them.
    type_text(&xvfb, "Alice");
    keys(&xvfb, &["Tab"]);
    type_text(&xvfb, "alice");
    keys(&xvfb, &["Tab"]);
    type_text(&xvfb, &format!("127.0.0.1:{port}"));
    keys(&xvfb, &["Tab", "Tab"]);
    type_text(&xvfb, ALICE_PASSWORD);
    xvfb.screenshot(&dir.join("account-form.png"));
    keys(&xvfb, &["Return"]);

    // The panel's side (waited for with the GUI watchdog's generous bound): the account
    // list shows it registered. Then kamailio's: it accepted alice's digest.
    handset.wait_for_log(REGISTERED_LINE);
    wait_registered(|| kamailio.log(), "alice");
    let shot = dir.join("account-registered.png");
    xvfb.screenshot(&shot);
    handset.assert_running();

    let config = home.join("config/handset/config.toml");
    let saved = std::fs::read_to_string(&config).unwrap();
    assert!(saved.contains("user = \"alice\""), "{saved}");
    assert!(
        saved.contains(&format!("domain = \"127.0.0.1:{port}\"")),
        "{saved}"
    );
    assert!(!saved.contains("ask-each-start"), "{saved}");
    assert_on_no_disk(&home, ALICE_PASSWORD);
    assert!(
        !handset.full_log().contains(ALICE_PASSWORD),
        "the password is in Handset's log"
    );
    assert_eq!(
        keyring
            .secret_tool_lookup(&["service", "handset", "username", "account-1"])
            .as_deref(),
        Some(ALICE_PASSWORD),
        "the keyring holds the password (screenshot at {})",
        shot.display()
    );
}

#[test]
fn an_ask_each_start_account_asks_at_start_and_then_registers() {
    gui_support::require_tools();
    let dir = gui_support::artifacts_dir("gui_account_kamailio_ask");
    let port = free_port();
    let kamailio_dir = dir.join("kamailio");
    std::fs::create_dir_all(&kamailio_dir).unwrap();
    let kamailio = Kamailio::start(&kamailio_dir, port, &registrar_body("MD5"));
    let home = dir.join("home");
    let mut env = private_home(&home);
    // No Secret Service at all: the bus address leads nowhere.
    env.push((
        "DBUS_SESSION_BUS_ADDRESS".to_owned(),
        format!("unix:path={}", home.join("no-bus").display()),
    ));
    let config_dir = home.join("config/handset");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(
        config_dir.join("config.toml"),
        format!(
            r#"version = 1
default_account = 1

[[accounts]]
id = 1
display_name = "Alice"
user = "alice"
domain = "127.0.0.1:{port}"
transport = "udp"
register = true
expires = 300
enabled = true
password_storage = "ask-each-start"
"#
        ),
    )
    .unwrap();

    let xvfb = Xvfb::start();
    let (mut handset, window) = start(&xvfb, &dir, &env);
    // Without a password the engine reports the account waiting for one.
    handset.wait_for_log("account 1: Failed: no password is stored");
    let first_prompt = dir.join("password-prompt.png");
    assert_eq!(
        danger_pixels_in(&xvfb, &window, PROMPT_REFUSED_NOTE, &first_prompt),
        0,
        "the first prompt has no refusal to tell (screenshot at {})",
        first_prompt.display()
    );
    // The prompt has the keyboard as the window opens; the click only makes sure.
    click(&xvfb, &window, PROMPT_FIELD);
    type_text(&xvfb, WRONG_PASSWORD);
    keys(&xvfb, &["Return"]);
    handset.wait_for_log("account 1: Failed: wrong user name or password");
    // The prompt comes back by itself, saying the password was refused, below the field.
    handset.wait_for_log(REFUSED_LINE);
    let shot = dir.join("waiting.png");
    wait_until_danger_shown(
        &mut handset,
        &xvfb,
        &window,
        PROMPT_REFUSED_NOTE,
        &dir.join("password-refused.png"),
    );
    // Not now, says the user, then looks in Settings, sees why, and opens the prompt from
    // the account's row: it says why too.
    click(&xvfb, &window, REFUSED_PROMPT_LATER);
    click(&xvfb, &window, SETTINGS_BUTTON);
    wait_until_region_drawn(&mut handset, &xvfb, &window, SETTINGS_HEADING, 4, &shot);
    xvfb.screenshot(&dir.join("wrong-password.png"));
    click(&xvfb, &window, ROW_PASSWORD_BUTTON);
    wait_until_danger_shown(
        &mut handset,
        &xvfb,
        &window,
        PROMPT_REFUSED_NOTE,
        &dir.join("password-prompt-again.png"),
    );
    click(&xvfb, &window, PROMPT_FIELD);
    type_text(&xvfb, ALICE_PASSWORD);
    keys(&xvfb, &["Return"]);

    handset.wait_for_log(REGISTERED_LINE);
    wait_registered(|| kamailio.log(), "alice");
    xvfb.screenshot(&dir.join("registered-after-prompt.png"));
    handset.assert_running();
    assert_on_no_disk(&home, ALICE_PASSWORD);
    assert_on_no_disk(&home, WRONG_PASSWORD);
    assert!(
        !handset.full_log().contains(ALICE_PASSWORD),
        "the password is in Handset's log"
    );
}
