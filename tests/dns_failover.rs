//! RFC 3263 section 4.3 fail-over: when the best target DNS names does not answer (nothing
//! listens there), Handset registers with, or calls, the next target of the list. dnsmasq
//! serves two SRV records; the better one points at a port nobody listens on.

#[allow(dead_code)]
#[path = "dns_support/account.rs"]
mod account;
mod common;
#[allow(dead_code)]
#[path = "dns_support/dnsmasq.rs"]
mod dnsmasq;
#[path = "dns_support/registers.rs"]
mod registers;

use common::handset::{call_id, Handset, LONG, SHORT};
use common::kamailio::{registrar_body, Kamailio};
use common::ports::free_port;
use common::scratch::Scratch;
use dnsmasq::{Dnsmasq, Zone};
use registers::assert_registers_through_dns;

/// Two SRV records for `service`.example.test: `dead` (priority 10, nobody listens) before
/// `live` (priority 20), both on 127.0.0.1.
fn two_targets(service: &str, dead: u16, live: u16) -> Zone {
    let name = format!("{service}.example.test");
    Zone::default()
        .srv(&name, "dead.example.test", dead, 10, 10)
        .srv(&name, "live.example.test", live, 20, 10)
        .host("dead.example.test", &["127.0.0.1"])
        .host("live.example.test", &["127.0.0.1"])
}

/// Kamailio listens (UDP and TCP) on one free port, nothing on another; DNS names the dead
/// one first. The first outcome Handset reports must be `registered`: the failed attempt at
/// the dead target is not the account's failure, the next target is.
fn registers_past_a_dead_target(
    label: &str,
    transport: &str,
    service: &str,
    limit: std::time::Duration,
) {
    let scratch = Scratch::new(label);
    let live = free_port();
    let dead = free_port();
    assert_ne!(live, dead);
    let kamailio =
        Kamailio::start_with_tcp(&scratch.subdir("kamailio"), live, &registrar_body("MD5"));
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), two_targets(service, dead, live));
    assert_registers_through_dns(&scratch, transport, &dns, &kamailio, limit);
}

#[test]
fn a_refused_connection_to_the_best_target_registers_with_the_next() {
    registers_past_a_dead_target("dns-failover-tcp", "tcp", "_sip._tcp", SHORT);
}

#[test]
fn an_unanswered_register_over_udp_moves_on_to_the_next_target() {
    // Nothing tells a UDP sender that nobody listens: the REGISTER times out (timer F, 32 s)
    // before the next target is tried, hence the longer bound.
    registers_past_a_dead_target("dns-failover-udp", "udp", "_sip._udp", LONG);
}

#[test]
fn a_call_whose_best_target_refuses_the_connection_reaches_the_next() {
    let scratch = Scratch::new("dns-failover-dial");
    // The callee listens for TCP on its SIP port too (the default network settings).
    let (mut callee, live) = Handset::start_on_loopback(
        &scratch,
        &["--audio", "null", "--auto-answer", "--user", "bob"],
    );
    let dead = free_port();
    assert_ne!(live, dead);
    let zone = Zone::default()
        .srv("_sip._tcp.peer.test", "dead.peer.test", dead, 10, 10)
        .srv("_sip._tcp.peer.test", "phone.peer.test", live, 20, 10)
        .host("dead.peer.test", &["127.0.0.1"])
        .host("phone.peer.test", &["127.0.0.1"]);
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), zone);
    let config = scratch.subdir("caller-config");
    std::fs::create_dir_all(&config).unwrap();
    let toml = format!("version = 1\n\n[network]\ndns_server = \"{}\"\n", dns.addr);
    std::fs::write(config.join("config.toml"), toml).unwrap();
    let mut caller = Handset::start_with_config(&scratch, &config);

    caller.dial("sip:bob@peer.test");
    let established = caller.wait_for(SHORT, "the call established or ended", |e| {
        (e["event"] == "call_state" && e["state"] == "established") || e["event"] == "call_ended"
    });
    assert_eq!(
        established["state"],
        "established",
        "{established}\n{}",
        dns.log()
    );
    callee.wait_call_state("established", SHORT);

    caller.hangup(call_id(&established));
    let ended = callee.wait_call_ended(SHORT);
    assert_eq!(ended["reason"], "remote_hangup", "{ended}");
    assert!(caller.quit().success());
}
