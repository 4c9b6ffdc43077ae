//! No ghost calls: a SIP scanner floods a default `handset headless` (no account) with INVITEs
//! to random, numeric and empty users at 200 a second for 20 s (sipp). Nothing rings, no
//! call reaches the history, memory stays flat, a stray INVITE still gets its 404 at once, and
//! a real call from baresip to the address Handset announces rings in the middle of it.

mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{call_id, Handset, SHORT};
use common::process::proc_usage;
use common::scratch::Scratch;
use common::sipp_flood::Flood;
use common::speech::speech_wav;
use common::stray_invite::final_status;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::time::Duration;

const RATE: u32 = 200;
const SECONDS: u32 = 20;
/// How much Handset's peak resident memory may grow through the flood. Generous: one real
/// call (RTP socket, jitter buffer, codec) happens meanwhile; thousands of ringing ghost
/// calls, as before, cost far more.
const RSS_GROWTH_LIMIT_KIB: u64 = 8 * 1024;

fn peak_rss_kib(handset: &Handset) -> u64 {
    proc_usage(handset.pid())
        .map(|usage| usage.peak_rss_kib)
        .unwrap_or_else(|| panic!("handset (pid {}) is gone", handset.pid()))
}

fn is_incoming(event: &Value) -> bool {
    event["event"] == "incoming_call"
}

#[test]
fn a_scanner_flood_never_rings_and_a_real_call_still_does() {
    let scratch = Scratch::new("ghost-flood");
    let data = scratch.subdir("data");
    let data_arg = data.display().to_string();
    let (mut handset, port) =
        Handset::start_on_loopback(&scratch, &["--audio", "null", "--data", &data_arg]);
    let address = handset.address();
    assert!(
        !handset.user().is_empty() && handset.user() != "handset",
        "the peer-to-peer user should be a token: {address}"
    );
    assert!(
        handset
            .stderr_text()
            .contains(&format!("reachable at {address}")),
        "the address is logged at start:\n{}",
        handset.stderr_text()
    );
    let target = SocketAddr::from(([127, 0, 0, 1], port));
    std::thread::sleep(Duration::from_secs(1));
    let before = peak_rss_kib(&handset);

    let mut flood = Flood::start(&scratch.subdir("sipp"), target, RATE, SECONDS);
    std::thread::sleep(Duration::from_secs(SECONDS as u64 / 2));
    assert!(flood.running(), "sipp stopped early:\n{}", flood.report());

    // In the middle of the flood: a stray INVITE is refused at once...
    assert_eq!(final_status(target, &format!("sip:100@{target}")), 404);
    // ...and a real call to the announced address rings.
    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("carol", AnswerMode::Manual, &speech_wav()),
    );
    baresip.dial(&address);
    let incoming = handset.wait_for(SHORT, "the real call ringing", is_incoming);
    assert!(
        incoming["from"]
            .as_str()
            .unwrap_or_default()
            .contains("carol"),
        "{incoming}"
    );
    handset.send(json!({"command": "decline", "call": call_id(&incoming)}));
    let ended = handset.wait_call_ended(SHORT);
    assert_eq!(ended, json!({"reason": "declined"}));

    flood.finish(Duration::from_secs(u64::from(SECONDS) + 60));
    let after = peak_rss_kib(&handset);
    handset.drain_events();
    let rang: Vec<&Value> = handset
        .events_seen()
        .iter()
        .filter(|e| is_incoming(e))
        .collect();
    assert_eq!(rang.len(), 1, "only the real call may ring: {rang:?}");
    let growth = after.saturating_sub(before);
    eprintln!(
        "peak RSS {before} KiB before the flood, {after} KiB after ({growth} KiB more); \
         {RATE}/s for {SECONDS} s"
    );
    assert!(
        growth < RSS_GROWTH_LIMIT_KIB,
        "Handset's memory grew by {growth} KiB through the flood ({before} -> {after} KiB)"
    );
    assert!(handset.quit().success());
    baresip.quit();

    // The history holds the real call only.
    let history = handset::history::History::open(data.join("history.db"))
        .expect("the history opens")
        .history;
    let calls = history
        .list(handset::history::Filter::All, 100)
        .expect("the history reads");
    assert_eq!(calls.len(), 1, "{calls:?}");
}
