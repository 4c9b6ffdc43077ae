//! The settings panel's Network page as a user meets it, under Xvfb with the mouse and the
//! keyboard: a SIP port and a keep-alive interval that are not numbers are refused with the
//! problem in red right below each field, and nothing is saved; valid ones are saved to the
//! config file and the phone acts on them at once:
//! - it listens on the new SIP port: an OPTIONS sent there is answered 200 OK, and the
//!   account registers again from that port;
//! - the new keep-alive interval runs: the account's registrar, which would hear no
//!   keep-alive for an hour with the old interval (3600 s), receives CRLFCRLF keep-alives
//!   from the new port.
//!
//! What the user sees is checked twice: the GUI logs every field problem it shows (in the
//! words shown), and the screenshot has danger-red text in the strip below the field.

mod gui_support;
#[path = "network_support/mod.rs"]
mod network_support;
#[allow(dead_code)]
#[path = "common/ports.rs"]
mod ports;

use gui_support::danger::{danger_pixels_in, wait_until_danger_shown};
use gui_support::{
    click, keys, private_home, type_text, wait_until_region_drawn, Handset, Region, Xvfb,
};
use network_support::Registrar;
use std::net::UdpSocket;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

/// The window is resized to this; the positions below are measured on this layout (the
/// same as tests/gui_settings.rs).
const SETTINGS_BUTTON: (i64, i64) = (417, 38);
const NETWORK_TAB: (i64, i64) = (218, 83);
const SIP_PORT_FIELD: (i64, i64) = (240, 149);
const KEEPALIVE_FIELD: (i64, i64) = (240, 318);
/// With the SIP port's error line shown, everything below it moves down by one line.
const KEEPALIVE_FIELD_BELOW_PORT_ERROR: (i64, i64) = (240, 342);
/// The strips where each field's problem is written (the keep-alive's with the port's above).
const SIP_PORT_ERROR: Region = (24, 168, 300, 20);
const KEEPALIVE_ERROR: Region = (24, 362, 430, 38);
/// The whole page below the tabs: no red anywhere once the values are good.
const PAGE: Region = (0, 100, 480, 400);
const SETTINGS_HEADING: Region = (24, 28, 100, 22);
/// The SIP port field's left edge, blank until the Network page is up.
const SIP_PORT_FIELD_EDGE: Region = (20, 140, 10, 10);

const ALICE_PASSWORD: &str = "alicepw";
const REGISTERED_LINE: &str = "account 1: Registered until";
/// A liveness bound for what the registrar waits for; with the old interval the keep-alive
/// would come after an hour.
const BOUND: Duration = Duration::from_secs(90);

/// Starts Handset with `env`, sizes its window and gives it the keyboard; the GUI logs at
/// info level so its registration and field-problem lines can be read.
fn start(xvfb: &Xvfb, dir: &Path, env: &[(String, String)]) -> (Handset, String) {
    let mut env = env.to_vec();
    env.push(("HANDSET_LOG".to_owned(), "warn,handset=info".to_owned()));
    gui_support::start_sized(xvfb, dir, &env, "first-screen.png")
}

/// Alice over UDP at `registrar`, her password in the 0600 password file, and keep-alives
/// every hour: none would reach the registrar while the test runs.
fn write_config(home: &Path, registrar: std::net::SocketAddr) -> std::path::PathBuf {
    let config_dir = home.join("config/handset");
    std::fs::create_dir_all(&config_dir).unwrap();
    let config = config_dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            r#"version = 1
default_account = 1

[network]
keepalive_seconds = 3600

[[accounts]]
id = 1
user = "alice"
domain = "{registrar}"
transport = "udp"
register = true
expires = 300
enabled = true
password_storage = "file"
"#
        ),
    )
    .unwrap();
    let data_dir = home.join("data/handset");
    std::fs::create_dir_all(&data_dir).unwrap();
    let mut secrets = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .mode(0o600)
        .open(data_dir.join("secrets.toml"))
        .unwrap();
    std::io::Write::write_all(
        &mut secrets,
        format!("[passwords]\n1 = \"{ALICE_PASSWORD}\"\n").as_bytes(),
    )
    .unwrap();
    config
}

/// Replaces the text of the field at `field` with `text`, as a user would: click, select
/// all, type.
fn retype(xvfb: &Xvfb, window: &str, field: (i64, i64), text: &str) {
    click(xvfb, window, field);
    keys(xvfb, &["ctrl+a"]);
    type_text(xvfb, text);
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
        assert!(
            started.elapsed() < gui_support::WATCHDOG,
            "{} never held {needle:?}; it holds:\n{text}\nhandset's output:\n{}",
            config.display(),
            handset.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Sends an OPTIONS to 127.0.0.1:`port` and returns the answer's status line.
fn options_status(port: u16) -> String {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let local = socket.local_addr().unwrap();
    let request = format!(
        "OPTIONS sip:handset@127.0.0.1:{port} SIP/2.0\r\n\
         Via: SIP/2.0/UDP {local};branch=z9hG4bK-gui-probe;rport\r\n\
         Max-Forwards: 70\r\n\
         From: <sip:probe@{local}>;tag=probe\r\n\
         To: <sip:handset@127.0.0.1:{port}>\r\n\
         Call-ID: gui-network-probe@{local}\r\n\
         CSeq: 1 OPTIONS\r\n\
         Contact: <sip:probe@{local}>\r\n\
         Content-Length: 0\r\n\r\n"
    );
    let started = Instant::now();
    let mut buf = [0u8; 4096];
    loop {
        // Sent again each round, as a UDP client retransmits; the first answer counts.
        socket
            .send_to(request.as_bytes(), ("127.0.0.1", port))
            .unwrap();
        if let Ok((len, _)) = socket.recv_from(&mut buf) {
            let answer = String::from_utf8_lossy(&buf[..len]).into_owned();
            return answer.lines().next().unwrap_or_default().to_owned();
        }
        assert!(
            started.elapsed() < gui_support::WATCHDOG,
            "nothing answered an OPTIONS on 127.0.0.1:{port}"
        );
    }
}

#[test]
fn the_network_page_refuses_bad_values_and_the_phone_applies_good_ones() {
    gui_support::require_tools();
    let dir = gui_support::artifacts_dir("gui_settings_network");
    let mut registrar = Registrar::start("127.0.0.1:0", None);
    let home = dir.join("home");
    let mut env = private_home(&home);
    // No Secret Service: alice's password comes from the password file.
    env.push((
        "DBUS_SESSION_BUS_ADDRESS".to_owned(),
        format!("unix:path={}", home.join("no-bus").display()),
    ));
    let config = write_config(&home, registrar.addr);
    let new_port = ports::free_port();

    let xvfb = Xvfb::start();
    let (mut handset, window) = start(&xvfb, &dir, &env);
    handset.wait_for_log(REGISTERED_LINE);
    registrar.wait_for("the first REGISTER", BOUND, |d| d.is_register());

    let shot = dir.join("waiting.png");
    click(&xvfb, &window, SETTINGS_BUTTON);
    wait_until_region_drawn(&mut handset, &xvfb, &window, SETTINGS_HEADING, 4, &shot);
    click(&xvfb, &window, NETWORK_TAB);
    wait_until_region_drawn(&mut handset, &xvfb, &window, SIP_PORT_FIELD_EDGE, 2, &shot);
    let network_shot = dir.join("network.png");
    assert_eq!(
        danger_pixels_in(&xvfb, &window, PAGE, &network_shot),
        0,
        "no problem is shown before anything was typed (screenshot at {})",
        network_shot.display()
    );

    // Not numbers: each field says what it wants, right below it.
    retype(&xvfb, &window, SIP_PORT_FIELD, "70000");
    retype(&xvfb, &window, KEEPALIVE_FIELD, "soon");
    keys(&xvfb, &["Return"]);
    handset.wait_for_log("settings: network.sip_port: A port is a number from 0 to 65535.");
    handset.wait_for_log("settings: network.keepalive_seconds: Type the interval as a whole");
    let invalid_shot = dir.join("network-invalid.png");
    wait_until_danger_shown(&mut handset, &xvfb, &window, SIP_PORT_ERROR, &invalid_shot);
    wait_until_danger_shown(&mut handset, &xvfb, &window, KEEPALIVE_ERROR, &invalid_shot);
    let unchanged = std::fs::read_to_string(&config).unwrap();
    assert!(
        unchanged.contains("keepalive_seconds = 3600") && !unchanged.contains("sip_port"),
        "nothing is saved while a field is wrong:\n{unchanged}"
    );

    // Good values: saved, and the page shows no problem any more.
    retype(&xvfb, &window, SIP_PORT_FIELD, &new_port.to_string());
    retype(&xvfb, &window, KEEPALIVE_FIELD_BELOW_PORT_ERROR, "1");
    keys(&xvfb, &["Return"]);
    let saved = wait_for_config(&config, &format!("sip_port = {new_port}"), &mut handset);
    assert!(saved.contains("keepalive_seconds = 1\n"), "{saved}");
    assert!(
        saved.contains("user = \"alice\""),
        "the account stays: {saved}"
    );
    let saved_shot = dir.join("network-saved.png");
    assert_eq!(
        danger_pixels_in(&xvfb, &window, PAGE, &saved_shot),
        0,
        "the problems are gone once the values are good (screenshot at {})",
        saved_shot.display()
    );

    // The phone listens on the new port...
    handset.wait_for_log(&format!("listening for SIP on 127.0.0.1:{new_port}"));
    let status = options_status(new_port);
    assert!(
        status.starts_with("SIP/2.0 200"),
        "an OPTIONS on the new port got {status:?}"
    );
    // ...registers from it, and keeps the binding alive at the new interval.
    let register = registrar.wait_for("a REGISTER from the new port", BOUND, |d| {
        d.is_register() && d.from.port() == new_port && d.header("Expires") != Some("0")
    });
    assert!(
        register.text.contains(&format!(":{new_port}")),
        "the Contact names the new port:\n{}",
        register.text
    );
    registrar.wait_for("a keep-alive from the new port", BOUND, |d| {
        d.text == "\r\n\r\n" && d.from.port() == new_port
    });
    handset.assert_running();

    // Started again the way a user starts it (no --listen), the phone listens on the saved
    // port, on every address.
    drop(handset);
    let restart = dir.join("restart");
    std::fs::create_dir_all(&restart).unwrap();
    let mut env = env.clone();
    env.push(("HANDSET_LOG".to_owned(), "warn,handset=info".to_owned()));
    let mut again = Handset::start_on_saved_port(&xvfb, &restart, &env);
    again.wait_for_log(&format!("listening for SIP on 0.0.0.0:{new_port}"));
    let status = options_status(new_port);
    assert!(
        status.starts_with("SIP/2.0 200"),
        "after a restart, an OPTIONS on the saved port got {status:?}"
    );
    again.assert_running();
}
