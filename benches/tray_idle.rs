//! Idle cost in the tray: how often the Handset GUI wakes up per second while it sits hidden
//! in the tray (start-minimised, a StatusNotifierWatcher on a private session bus, no account,
//! no call) and nothing happens. Side by side with baresip idle in the same run.
//!
//! A wake-up is a context switch of any of the process's threads: the sum of
//! `voluntary_ctxt_switches` and `nonvoluntary_ctxt_switches` over `/proc/PID/task/*/status`,
//! read at the start and the end of the window. Threads that woke are listed by name, so a
//! figure above zero says what wakes.
//!
//! Run with `cargo bench --bench tray_idle`. Nothing is asserted: the numbers are for reading.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/gui_support/mod.rs"]
mod gui_support;
#[path = "../tests/tray_support/mod.rs"]
mod tray_support;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::pulse::PrivatePulse;
use common::scratch::Scratch;
use gui_support::{Handset, Xvfb};
use std::collections::BTreeMap;
use std::time::Duration;
use tray_support::SessionBus;

/// Left alone this long first: the window, the engine, the tray and the first frames settle.
const SETTLE: Duration = Duration::from_secs(5);
/// A minute: long enough to catch a slow periodic timer (a 30 s or 60 s one), not only fast ones.
const WINDOW: Duration = Duration::from_secs(60);

fn main() {
    let scratch = Scratch::new("tray-idle-bench");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let _watcher = bus.start_watcher();
    let home = scratch.join("home");
    let mut env = gui_support::private_home(&home);
    env.push(bus.env());
    env.extend(pulse.env());
    std::fs::create_dir_all(home.join("config/handset")).unwrap();
    std::fs::write(
        home.join("config/handset/config.toml"),
        "version = 1\n[general]\nstart_minimised = true\nclose_to_tray = true\n",
    )
    .unwrap();

    let xvfb = Xvfb::start();
    let dir = scratch.subdir("handset");
    let mut handset = Handset::start_with_env(&xvfb, "127.0.0.1:0", &dir, &env);
    handset.wait_for_log("window opened");
    handset.wait_for_log("reachable at ");
    let pid = handset.pid();
    std::thread::sleep(SETTLE);
    let hidden = xvfb.run("xdotool", &["search", "--onlyvisible", "--name", "Handset"]);
    let shown = !String::from_utf8_lossy(&hidden.stdout).trim().is_empty();

    let speech = common::speech::speech_wav();
    let baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("bob", AnswerMode::Manual, &speech),
    );
    std::thread::sleep(SETTLE);

    let before_handset = switches(pid);
    let before_baresip = switches(baresip.pid());
    std::thread::sleep(WINDOW);
    let after_handset = switches(pid);
    let after_baresip = switches(baresip.pid());

    println!(
        "tray_idle: {} s idle, Handset GUI hidden in the tray (window {}), no account, no call",
        WINDOW.as_secs(),
        if shown {
            "VISIBLE: not hidden!"
        } else {
            "hidden"
        }
    );
    report(
        "Handset (GUI, in the tray)",
        &before_handset,
        &after_handset,
    );
    report(
        "baresip (idle, no account)",
        &before_baresip,
        &after_baresip,
    );
    handset.assert_running();
}

/// Context switches per thread: (thread name, count), by thread id.
fn switches(pid: u32) -> BTreeMap<u32, (String, u64)> {
    let mut threads = BTreeMap::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return threads;
    };
    for task in tasks.flatten() {
        let Some(tid) = task.file_name().to_str().and_then(|t| t.parse().ok()) else {
            continue;
        };
        let path = task.path();
        let name = std::fs::read_to_string(path.join("comm")).unwrap_or_default();
        let status = std::fs::read_to_string(path.join("status")).unwrap_or_default();
        let count: u64 = status
            .lines()
            .filter(|l| l.starts_with("voluntary_ctxt_switches") || l.starts_with("nonvoluntary"))
            .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            .sum();
        threads.insert(tid, (name.trim().to_owned(), count));
    }
    threads
}

fn report(who: &str, before: &BTreeMap<u32, (String, u64)>, after: &BTreeMap<u32, (String, u64)>) {
    let mut total = 0;
    let mut woke = Vec::new();
    for (tid, (name, count)) in after {
        let earlier = before.get(tid).map_or(0, |(_, c)| *c);
        let delta = count.saturating_sub(earlier);
        total += delta;
        if delta > 0 {
            woke.push(format!("{name}[{tid}] {delta}"));
        }
    }
    println!(
        "  {who:<28} {:>7.2} wake-ups/s ({total} in {} s, {} threads){}",
        total as f64 / WINDOW.as_secs_f64(),
        WINDOW.as_secs(),
        after.len(),
        if woke.is_empty() {
            String::new()
        } else {
            format!("; woke: {}", woke.join(", "))
        }
    );
}
