//! A name server that never answers holds up only what waits for its answer. Handset's
//! account names a domain and its DNS server is a socket that swallows queries; while that
//! lookup hangs (until the resolver gives up with a timeout), everything else goes on: an
//! incoming call is answered and set up, and a dial waiting for DNS can be hung up and the
//! engine quit. The tests read the order of Handset's events, not the clock.

#[allow(dead_code)]
#[path = "dns_support/account.rs"]
mod account;
mod common;

use account::write_account;
use common::handset::{call_id, registration_state, Handset, SHORT};
use common::scratch::Scratch;
use serde_json::Value;
use std::net::{SocketAddr, TcpListener, UdpSocket};

/// A "name server" that neither answers nor refuses: both sockets are open and never read.
struct SilentDns {
    _udp: UdpSocket,
    _tcp: TcpListener,
    addr: SocketAddr,
}

impl SilentDns {
    fn start() -> SilentDns {
        let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
        let addr = udp.local_addr().unwrap();
        let tcp = TcpListener::bind(addr).unwrap();
        SilentDns {
            _udp: udp,
            _tcp: tcp,
            addr,
        }
    }
}

/// Handset with alice's account at example.test, resolved through `dns`.
fn start_with_account(scratch: &Scratch, dns: &SilentDns, extra: &[&str]) -> (Handset, u16) {
    let config = scratch.subdir("accounts");
    write_account(&config, "example.test", "udp", dns.addr);
    // The incoming call below comes straight from the caller, not through the account's
    // (unreachable) server: only direct calls allowed may ring then.
    let file = config.join("config.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\n[general]\nallow_direct_calls = true\n");
    std::fs::write(&file, text).unwrap();
    let config = config.display().to_string();
    let mut list = vec!["--audio", "null", "--config", &config];
    list.extend_from_slice(extra);
    Handset::start_on_loopback(scratch, &list)
}

fn is_registration_failure(event: &Value) -> bool {
    registration_state(event) == Some("failed")
}

/// The account's lookup ends in a DNS timeout: proof it was hanging all along.
fn wait_for_dns_timeout(handset: &mut Handset) {
    let failed = handset.wait_for(SHORT, "the account's DNS timeout", is_registration_failure);
    let detail = failed["state"]["failure"]["detail"]
        .as_str()
        .unwrap_or_default();
    assert!(detail.starts_with("DNS timeout"), "{failed}");
}

#[test]
fn an_incoming_call_is_answered_while_the_account_lookup_hangs() {
    let scratch = Scratch::new("dns-nonblocking-incoming");
    let dns = SilentDns::start();
    // The caller first: the callee's lookup starts with it, and the call follows at once.
    let (mut caller, _) = Handset::start_on_loopback(&scratch, &["--audio", "null"]);
    let (mut callee, _port) = start_with_account(&scratch, &dns, &["--auto-answer"]);

    caller.dial(&callee.address());
    let established = callee.wait_for(SHORT, "the incoming call established", |e| {
        (e["event"] == "call_state" && e["state"] == "established") || is_registration_failure(e)
    });
    assert_eq!(
        established["state"], "established",
        "the call had to wait for the account's DNS lookup: {established}"
    );
    assert!(
        !callee.events_seen().iter().any(is_registration_failure),
        "{:?}",
        callee.events_seen()
    );
    wait_for_dns_timeout(&mut callee);

    let caller_side = caller.wait_call_state("established", SHORT);
    caller.hangup(call_id(&caller_side));
    let ended = callee.wait_call_ended(SHORT);
    assert_eq!(ended["reason"], "remote_hangup", "{ended}");
    assert!(caller.quit().success());
    assert!(callee.quit().success());
}

#[test]
fn a_dial_waiting_for_dns_can_be_hung_up_and_the_engine_quit() {
    let scratch = Scratch::new("dns-nonblocking-hangup");
    let dns = SilentDns::start();
    let (mut handset, _) = start_with_account(&scratch, &dns, &[]);

    // bob@example.test: the account's next hop is still being looked up.
    handset.dial("bob");
    let calling = handset.wait_for(SHORT, "the dial calling or ended", |e| {
        e["event"] == "call_state" && matches!(e["state"].as_str(), Some("calling" | "ended"))
    });
    assert_eq!(calling["state"], "calling", "{calling}");
    assert_eq!(calling["remote"], "sip:bob@example.test", "{calling}");
    handset.hangup(call_id(&calling));
    let ended = handset.wait_call_ended(SHORT);
    assert_eq!(
        ended["reason"], "local_hangup",
        "the hang-up had to wait for DNS: {ended}"
    );
    assert!(
        !handset.events_seen().iter().any(is_registration_failure),
        "{:?}",
        handset.events_seen()
    );
    // Quit while the account's lookup still hangs: the engine stops all the same.
    assert!(handset.quit().success());
    let late = handset
        .events_seen()
        .iter()
        .filter(|e| e["event"] == "call_state" && e["call"] == calling["call"])
        .count();
    assert_eq!(
        late,
        2,
        "calling then ended, nothing after: {:?}",
        handset.events_seen()
    );
}
