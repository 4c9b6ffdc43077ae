//! The tray icon as a desktop's panel sees it: on a private D-Bus session bus the test runs a
//! StatusNotifierWatcher, the real Handset window (under Xvfb) registers its
//! StatusNotifierItem with it, and the test reads the item's properties and its
//! com.canonical.dbusmenu menu as a panel would: the phone's state in the tooltip, a missed
//! call from a real baresip counted there with the NeedsAttention status, and the menu's
//! Show/Hide, Do not disturb and Quit doing what they say.

mod common;
mod gui_support;
mod tray_support;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::pulse::PrivatePulse;
use common::scratch::Scratch;
use gui_support::{Handset, Xvfb};
use std::time::{Duration, Instant};
use tray_support::{MenuEntry, SessionBus, TrayItem, BOUND};

const EVENT_BOUND: Duration = Duration::from_secs(45);

/// Waits until `check` holds of the item, reading it again and again as a panel would after
/// each change signal; fails with what was last seen.
fn wait_until<T: std::fmt::Debug>(
    handset: &mut Handset,
    what: &str,
    mut read: impl FnMut() -> T,
    check: impl Fn(&T) -> bool,
) -> T {
    let started = Instant::now();
    loop {
        let seen = read();
        if check(&seen) {
            return seen;
        }
        handset.assert_running();
        assert!(
            started.elapsed() < BOUND,
            "{what}: the tray shows {seen:?}; handset's output:\n{}",
            handset.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn entry<'a>(menu: &'a [MenuEntry], label: &str) -> &'a MenuEntry {
    menu.iter()
        .find(|e| e.label == label)
        .unwrap_or_else(|| panic!("no {label:?} in the tray's menu: {menu:?}"))
}

fn visible_windows(xvfb: &Xvfb) -> usize {
    let output = xvfb.run("xdotool", &["search", "--onlyvisible", "--name", "Handset"]);
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
}

#[test]
fn the_tray_shows_the_phone_state_and_a_missed_call_and_its_menu_works() {
    gui_support::require_tools();
    let scratch = Scratch::new("tray_status_item");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let watcher = bus.start_watcher();

    let home = scratch.join("home");
    let mut env = gui_support::private_home(&home);
    env.push(bus.env());
    env.extend(pulse.env());
    let xvfb = Xvfb::start();
    let dir = gui_support::artifacts_dir("tray_status_item");
    let mut handset = Handset::start_with_env(&xvfb, "127.0.0.1:0", &dir, &env);
    handset.wait_for_window(&xvfb);

    let service = watcher.wait_for_item(|| handset.assert_running());
    let item: TrayItem = bus.item(&service);
    assert_eq!(item.id(), "org.handset.Handset");
    let (icon, pixmaps) = item.icon();
    assert_eq!(icon, "org.handset.Handset");
    assert!(
        !pixmaps.is_empty(),
        "no pixmap for trays without the themed icon"
    );

    // No account: reachable peer-to-peer, nothing waiting for the user.
    let (title, _) = wait_until(
        &mut handset,
        "the phone's state",
        || item.tooltip(),
        |(title, _)| title == "Ready for direct calls (no account)",
    );
    assert_eq!(title, "Ready for direct calls (no account)");
    assert_eq!(item.status(), "Active");
    let menu = item.menu();
    let labels: Vec<&str> = menu.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Hide Handset", "Do not disturb", "Quit"],
        "{menu:?}"
    );
    assert_eq!(entry(&menu, "Do not disturb").checked, Some(false));

    // A caller gives up before anyone answers: a missed call, counted in the tray.
    let log = handset.wait_for_log("reachable at ");
    let ours = log
        .lines()
        .find_map(|line| line.split("reachable at ").nth(1))
        .map(|contact| contact.trim().to_owned())
        .expect("the contact address in the log");
    let speech = common::speech::speech_wav();
    let mut caller = Baresip::start(
        &scratch.subdir("caller"),
        &BaresipSetup::new("carol", AnswerMode::Manual, &speech),
    );
    caller.dial(&ours);
    caller.wait_event("CALL_RINGING", EVENT_BOUND);
    wait_until(
        &mut handset,
        "a ringing call",
        || item.tooltip(),
        |(_, body)| body.contains("is calling"),
    );
    assert_eq!(item.status(), "NeedsAttention");
    caller.command("hangup", "");
    caller.wait_event("CALL_CLOSED", EVENT_BOUND);
    let (_, body) = wait_until(
        &mut handset,
        "the missed call",
        || item.tooltip(),
        |(_, body)| body.contains("One missed call"),
    );
    assert!(!body.contains("is calling"), "{body}");
    assert_eq!(item.status(), "NeedsAttention");

    // Do not disturb, from the tray: ticked, and saved in the settings.
    item.click(entry(&item.menu(), "Do not disturb").id);
    wait_until(
        &mut handset,
        "do-not-disturb ticked",
        || item.menu(),
        |menu| entry(menu, "Do not disturb").checked == Some(true),
    );
    let config = home.join("config/handset/config.toml");
    wait_until(
        &mut handset,
        "do-not-disturb saved in the settings",
        || std::fs::read_to_string(&config).unwrap_or_default(),
        |saved| saved.contains("do_not_disturb = true"),
    );
    wait_until(
        &mut handset,
        "do-not-disturb said in the tooltip",
        || item.tooltip(),
        |(_, body)| body.contains("Do not disturb is on"),
    );

    // Hide and show the window.
    item.click(entry(&item.menu(), "Hide Handset").id);
    wait_until(
        &mut handset,
        "the window hidden",
        || (visible_windows(&xvfb), item.menu()),
        |(windows, menu)| *windows == 0 && menu.iter().any(|e| e.label == "Show Handset"),
    );
    item.click(entry(&item.menu(), "Show Handset").id);
    wait_until(
        &mut handset,
        "the window shown again",
        || (visible_windows(&xvfb), item.menu()),
        |(windows, menu)| *windows == 1 && menu.iter().any(|e| e.label == "Hide Handset"),
    );

    // Quit: Handset leaves the bus.
    item.click(entry(&item.menu(), "Quit").id);
    let started = Instant::now();
    while bus.has_owner("org.handset.Handset") {
        assert!(
            started.elapsed() < BOUND,
            "Handset did not quit from the tray"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn start_minimised_starts_hidden_in_the_tray_and_a_second_start_shows_the_window() {
    gui_support::require_tools();
    let scratch = Scratch::new("tray_start_minimised");
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let watcher = bus.start_watcher();
    let home = scratch.join("home");
    let mut env = gui_support::private_home(&home);
    env.push(bus.env());
    std::fs::create_dir_all(home.join("config/handset")).unwrap();
    std::fs::write(
        home.join("config/handset/config.toml"),
        "version = 1\n[general]\nstart_minimised = true\n",
    )
    .unwrap();
    let xvfb = Xvfb::start();
    let dir = gui_support::artifacts_dir("tray_start_minimised");
    let mut handset = Handset::start_with_env(&xvfb, "127.0.0.1:0", &dir, &env);
    handset.wait_for_log("window opened");
    let service = watcher.wait_for_item(|| handset.assert_running());
    let item = bus.item(&service);
    assert_eq!(
        visible_windows(&xvfb),
        0,
        "the window is up: not started in the tray"
    );
    assert_eq!(entry(&item.menu(), "Show Handset").checked, None);

    // The launcher again: `handset` finds the running one, which shows its window.
    let second = std::process::Command::new(env!("CARGO_BIN_EXE_handset"))
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run a second handset");
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    wait_until(
        &mut handset,
        "the window shown by the second start",
        || (visible_windows(&xvfb), item.menu()),
        |(windows, menu)| *windows == 1 && menu.iter().any(|e| e.label == "Hide Handset"),
    );
}
