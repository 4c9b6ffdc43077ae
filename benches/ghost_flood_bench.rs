//! Ghost-call flood benchmark: what a SIP scanner's flood costs Handset, next to baresip under
//! the same flood on the same machine, in the same run.
//!
//! Run with `cargo bench --bench ghost_flood_bench` (release build). sipp sends INVITEs to
//! random, numeric and empty users at 200 a second for 20 s (the traffic of
//! `tests/ghost_calls_flood.rs`) to each stack in turn: a default `handset headless` (no
//! account) and a registrar-less baresip. For each it prints CPU time over the flood (user +
//! system, and as a share of one core), resident memory before, at the end and at its peak
//! (VmRSS, VmHWM), and how many calls rang (Handset: `incoming_call` events; baresip: the
//! 180 Ringing in its SIP trace). Nothing is asserted: the numbers are for reading.

#[path = "../tests/common/mod.rs"]
mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::Handset;
use common::process::proc_usage;
use common::scratch::Scratch;
use common::sipp_flood::Flood;
use common::speech::speech_wav;
use std::net::SocketAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

const RATE: u32 = 200;
const SECONDS: u32 = 20;

/// What one stack used through the flood.
struct Cost {
    label: &'static str,
    cpu_seconds: f64,
    rss_before_kib: u64,
    rss_after_kib: u64,
    peak_kib: u64,
    rang: Option<usize>,
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

/// Floods `target` and measures process `pid` over it.
fn measure(label: &'static str, pid: u32, target: SocketAddr, dir: &Path) -> Cost {
    // Let start-up settle so its allocations are not counted as the flood's.
    std::thread::sleep(Duration::from_secs(2));
    let before = proc_usage(pid).unwrap_or_default();
    let rss_before_kib = rss_kib(pid);
    let started = Instant::now();
    let mut flood = Flood::start(dir, target, RATE, SECONDS);
    flood.finish(Duration::from_secs(u64::from(SECONDS) + 60));
    let after = proc_usage(pid).unwrap_or_default();
    let cost = Cost {
        label,
        cpu_seconds: after.cpu_seconds - before.cpu_seconds,
        rss_before_kib,
        rss_after_kib: rss_kib(pid),
        peak_kib: after.peak_rss_kib,
        rang: None,
    };
    println!(
        "  {label}: flood took {:.1} s (sipp's wait for the last answers included)",
        started.elapsed().as_secs_f64()
    );
    cost
}

fn handset_under_flood(scratch: &Scratch) -> Cost {
    let (mut handset, port) = Handset::start_on_loopback(scratch, &["--audio", "null"]);
    let target = SocketAddr::from(([127, 0, 0, 1], port));
    let mut cost = measure(
        "handset",
        handset.pid(),
        target,
        &scratch.subdir("sipp-handset"),
    );
    handset.drain_events();
    cost.rang = Some(
        handset
            .events_seen()
            .iter()
            .filter(|e| e["event"] == "incoming_call")
            .count(),
    );
    handset.quit();
    cost
}

fn baresip_under_flood(scratch: &Scratch) -> Cost {
    let baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("bench", AnswerMode::Manual, &speech_wav()),
    );
    let target = SocketAddr::from(([127, 0, 0, 1], baresip.sip_port()));
    let mut cost = measure(
        "baresip",
        baresip.pid(),
        target,
        &scratch.subdir("sipp-baresip"),
    );
    // Its SIP trace (`-s`) holds every message; only baresip sends 180 in this run.
    let log = std::fs::read_to_string(baresip.dir().join("baresip.log")).unwrap_or_default();
    cost.rang = Some(log.matches("SIP/2.0 180 Ringing").count());
    drop(baresip);
    cost
}

fn main() {
    let scratch = Scratch::new("ghost-flood-bench");
    println!(
        "ghost_flood_bench: sipp INVITEs to random, numeric and empty users, {RATE}/s for \
         {SECONDS} s, loopback; handset binary {}",
        common::handset::binary().display()
    );
    let mut costs = Vec::new();
    for (name, run) in [
        ("handset", handset_under_flood as fn(&Scratch) -> Cost),
        ("baresip", baresip_under_flood),
    ] {
        match catch_unwind(AssertUnwindSafe(|| run(&scratch))) {
            Ok(cost) => costs.push(cost),
            Err(_) => println!("  {name}: the run failed (see above)"),
        }
    }
    println!();
    println!(
        "{:<8} {:>10} {:>9} {:>14} {:>13} {:>13} {:>6}",
        "stack", "CPU s", "CPU %", "RSS before", "RSS after", "peak RSS", "rang"
    );
    for c in &costs {
        let mib = |kib: u64| format!("{:.1} MiB", kib as f64 / 1024.0);
        println!(
            "{:<8} {:>10.2} {:>8.1}% {:>14} {:>13} {:>13} {:>6}",
            c.label,
            c.cpu_seconds,
            100.0 * c.cpu_seconds / f64::from(SECONDS),
            mib(c.rss_before_kib),
            mib(c.rss_after_kib),
            mib(c.peak_kib),
            c.rang.map_or("-".to_owned(), |n| n.to_string()),
        );
    }
}
