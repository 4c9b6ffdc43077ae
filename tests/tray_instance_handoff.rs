//! One Handset per session, and links that dial, on a private D-Bus session bus with the
//! real window under Xvfb and a real baresip as the far end:
//! - `handset sip:…` with no Handset running starts one, which calls the link;
//! - a second `handset sip:…` hands the link to the running Handset over D-Bus
//!   (org.freedesktop.Application.Open on org.handset.Handset) and exits at once, without a
//!   window of its own, and the running Handset calls again;
//! - D-Bus activation: a desktop that only sends `Open` to the bus name starts
//!   `handset --gapplication-service` from a service file, and the call goes out.

mod common;
mod gui_support;
mod tray_support;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::pulse::PrivatePulse;
use common::scratch::Scratch;
use gui_support::{Handset, Xvfb};
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tray_support::SessionBus;
use zbus::zvariant::Value;

/// Liveness bound for baresip's events; not a performance check.
const EVENT_BOUND: Duration = Duration::from_secs(45);
const BUS_NAME: &str = "org.handset.Handset";

/// The environment of a Handset on the private bus, with a home of its own.
fn handset_env(dir: &Path, bus: &SessionBus, pulse: &PrivatePulse) -> Vec<(String, String)> {
    let mut env = gui_support::private_home(&dir.join("home"));
    env.push(bus.env());
    env.extend(pulse.env());
    env
}

/// A baresip that answers at once; its aufile source ends each call after a few seconds.
fn answering_baresip(scratch: &Scratch) -> Baresip {
    let speech = common::speech::speech_wav();
    Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("bob", AnswerMode::Auto, &speech),
    )
}

/// baresip took a call from Handset, and the call ended.
fn expect_call(baresip: &mut Baresip, handset: &mut Handset, what: &str) {
    let established = baresip.wait_event("CALL_ESTABLISHED", EVENT_BOUND);
    assert_eq!(
        established["type"],
        "CALL_ESTABLISHED",
        "{what}: {established}\n{}",
        handset.log()
    );
    baresip.command("hangup", "");
    baresip.wait_event("CALL_CLOSED", EVENT_BOUND);
    handset.assert_running();
}

#[test]
fn a_second_start_hands_its_link_to_the_running_handset_which_calls() {
    gui_support::require_tools();
    let scratch = Scratch::new("tray_instance_handoff");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let mut baresip = answering_baresip(&scratch);
    let link = baresip.uri();
    let env = handset_env(scratch.path(), &bus, &pulse);

    // No Handset runs: this one takes the bus name, opens its window and calls the link.
    let xvfb = Xvfb::start();
    let dir = gui_support::artifacts_dir("tray_instance_handoff");
    let mut first = Handset::spawn_args(&xvfb, &["--listen", "127.0.0.1:0", &link], &dir, &env);
    bus.wait_for_owner(BUS_NAME, || first.assert_running());
    first.wait_for_window(&xvfb);
    expect_call(&mut baresip, &mut first, "the first start calls its link");

    // A second start: hands the link over and leaves, with no display to open a window on.
    // Until the first Handset has seen the far end hang up it is still in the call, and says
    // so rather than dialling; then the link is given again, as a user would click it again.
    let started = Instant::now();
    loop {
        let busy_before = first.full_log().matches("a call is in progress").count();
        hand_over(&link, &env);
        let log = first.wait_for_log_where(|log| {
            link_calls(log) >= 2 || log.matches("a call is in progress").count() > busy_before
        });
        if link_calls(&log) >= 2 {
            break;
        }
        assert!(
            started.elapsed() < EVENT_BOUND,
            "the first call never ended"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    expect_call(
        &mut baresip,
        &mut first,
        "the running Handset calls the handed link",
    );

    // A link that is not a phone link is refused (and said in the window); nothing crashes.
    bus.call(
        BUS_NAME,
        "/org/handset/Handset",
        "org.freedesktop.Application",
        "Open",
        &(vec!["http://example.com/"], HashMap::<&str, Value>::new()),
    );
    first.wait_for_log("cannot call \"http://example.com/\"");
    first.assert_running();
}

#[test]
fn d_bus_activation_starts_handset_in_the_background_and_it_calls_the_link() {
    gui_support::require_tools();
    let scratch = Scratch::new("tray_dbus_activation");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let mut baresip = answering_baresip(&scratch);
    let xvfb = Xvfb::start();

    // The service file the .deb installs, pointing at this build, on the bus's search path.
    let services = scratch.subdir("services");
    let log = scratch.join("activated.log");
    let wrapper = scratch.join("handset-service.sh");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec {} --listen 127.0.0.1:0 \"$@\" >>{} 2>&1\n",
            env!("CARGO_BIN_EXE_handset"),
            log.display()
        ),
    )
    .unwrap();
    make_executable(&wrapper);
    std::fs::write(
        services.join("org.handset.Handset.service"),
        format!(
            "[D-BUS Service]\nName=org.handset.Handset\nExec={} --gapplication-service\n",
            wrapper.display()
        ),
    )
    .unwrap();
    let mut env = gui_support::private_home(&scratch.join("home"));
    env.extend(pulse.env());
    env.push(("DISPLAY".to_owned(), xvfb.display.clone()));
    env.push(("HANDSET_LOG".to_owned(), "handset=debug,warn".to_owned()));
    env.push(("LANG".to_owned(), "C.UTF-8".to_owned()));
    let bus = SessionBus::start_with(&scratch.subdir("bus"), Some(&services), &env);

    // What a desktop does for a DBusActivatable application when a link is clicked.
    bus.call(
        BUS_NAME,
        "/org/handset/Handset",
        "org.freedesktop.Application",
        "Open",
        &(vec![baresip.uri()], HashMap::<&str, Value>::new()),
    );
    let established = baresip.wait_event("CALL_ESTABLISHED", EVENT_BOUND);
    assert_eq!(
        established["type"],
        "CALL_ESTABLISHED",
        "{established}\n{}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    baresip.command("hangup", "");
    baresip.wait_event("CALL_CLOSED", EVENT_BOUND);
    assert!(
        bus.has_owner(BUS_NAME),
        "the activated Handset left the bus"
    );
    // Quit it through the same interface, as the tray's Quit does.
    bus.call(
        BUS_NAME,
        "/org/handset/Handset",
        "org.freedesktop.Application",
        "ActivateAction",
        &("quit", Vec::<Value>::new(), HashMap::<&str, Value>::new()),
    );
    let started = std::time::Instant::now();
    while bus.has_owner(BUS_NAME) {
        assert!(
            started.elapsed() < tray_support::BOUND,
            "Handset did not quit:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// How many links the log says Handset called.
fn link_calls(log: &str) -> usize {
    log.matches("calling sip:").count() - log.matches("not calling sip:").count()
}

/// `handset LINK` as a desktop runs it for a click: it must hand the link over and succeed.
fn hand_over(link: &str, env: &[(String, String)]) {
    let second = Command::new(env!("CARGO_BIN_EXE_handset"))
        .arg(link)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HANDSET_LOG", "handset=debug")
        .stdin(Stdio::null())
        .output()
        .expect("run a second handset");
    assert!(
        second.status.success(),
        "the second handset failed: {}\n{}",
        second.status,
        String::from_utf8_lossy(&second.stderr)
    );
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut permissions = std::fs::metadata(path).unwrap().permissions();
    permissions.set_mode(0o755);
    std::fs::set_permissions(path, permissions).unwrap();
}
