//! Dialling a SIP URI whose host is a domain, with no account: the callee is found as RFC 3263
//! says (an SRV record served by a private dnsmasq) on a port that is not 5060, so nothing but
//! the record can have led the caller there.

mod common;
#[allow(dead_code)]
#[path = "dns_support/dnsmasq.rs"]
mod dnsmasq;

use common::handset::{args, call_id, Handset, SHORT};
use common::scratch::Scratch;
use dnsmasq::{Dnsmasq, Zone};
use std::path::Path;

/// A config folder with no account, asking `dns` for names.
fn write_config(dir: &Path, dns: &Dnsmasq) {
    std::fs::create_dir_all(dir).unwrap();
    let config = format!("version = 1\n\n[network]\ndns_server = \"{}\"\n", dns.addr);
    std::fs::write(dir.join("config.toml"), config).unwrap();
}

fn start_caller(scratch: &Scratch, dns: &Dnsmasq) -> Handset {
    let config = scratch.subdir("caller-config");
    write_config(&config, dns);
    let config = config.display().to_string();
    let list = [
        "--listen",
        "127.0.0.1:0",
        "--audio",
        "null",
        "--config",
        &config,
    ];
    Handset::start(scratch, &args(&list)).0
}

#[test]
fn a_uri_at_a_domain_reaches_the_peer_its_srv_record_names() {
    let scratch = Scratch::new("dns-dial-srv");
    let (mut callee, port) = Handset::start_on_loopback(
        &scratch,
        &["--audio", "null", "--auto-answer", "--user", "bob"],
    );
    assert_ne!(port, 5060, "the test needs a port DNS alone can point to");
    let zone = Zone::default()
        .srv("_sip._udp.peer.test", "phone.peer.test", port, 10, 10)
        .host("phone.peer.test", &["127.0.0.1"]);
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), zone);
    let mut caller = start_caller(&scratch, &dns);

    caller.dial("sip:bob@peer.test");
    let established = caller.wait_call_state("established", SHORT);
    assert_eq!(established["remote"], "sip:bob@peer.test", "{established}");
    callee.wait_call_state("established", SHORT);

    caller.hangup(call_id(&established));
    let ended = callee.wait_call_ended(SHORT);
    assert_eq!(ended["reason"], "remote_hangup", "{ended}");
    assert!(caller.quit().success());
}

#[test]
fn a_domain_that_does_not_exist_ends_the_attempt_with_a_clear_reason() {
    let scratch = Scratch::new("dns-dial-missing");
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), Zone::default());
    let mut caller = start_caller(&scratch, &dns);

    caller.dial("sip:bob@nowhere.test");
    let ended = caller.wait_call_ended(SHORT);
    assert_eq!(ended["reason"], "bad_target", "{ended}");
    assert_eq!(
        ended["detail"], "cannot find nowhere.test: no such domain",
        "{ended}"
    );
    assert!(caller.quit().success());
}
