//! `handset headless` registers an account that names only a domain: kamailio is found
//! through DNS (SRV, or NAPTR then SRV) served by a private dnsmasq, on a port that is not
//! 5060, so nothing but the records can have led Handset there.

#[allow(dead_code)]
#[path = "dns_support/account.rs"]
mod account;
mod common;
#[allow(dead_code)]
#[path = "dns_support/dnsmasq.rs"]
mod dnsmasq;
#[path = "dns_support/registers.rs"]
mod registers;

use account::write_account;
use common::handset::{registration_state, Handset, SHORT};
use common::kamailio::{registrar_body, Kamailio};
use common::ports::free_port;
use common::scratch::Scratch;
use dnsmasq::{Dnsmasq, Zone};
use registers::assert_registers_through_dns;

fn kamailio_port() -> u16 {
    let port = free_port();
    assert_ne!(port, 5060, "the test needs a port DNS alone can point to");
    port
}

/// Starts kamailio on a free port and dnsmasq with `zone(port)`, then Handset with an
/// account at example.test over `transport`, and expects it to register.
fn registers_through_dns(label: &str, transport: &str, zone: impl Fn(u16) -> Zone) {
    let scratch = Scratch::new(label);
    let port = kamailio_port();
    let kamailio = Kamailio::start(&scratch.subdir("kamailio"), port, &registrar_body("MD5"));
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), zone(port));
    assert_registers_through_dns(&scratch, transport, &dns, &kamailio, SHORT);
}

#[test]
fn a_domain_registers_with_the_server_its_srv_record_names() {
    registers_through_dns("dns-register-srv", "udp", |port| {
        Zone::default()
            .srv("_sip._udp.example.test", "sip.example.test", port, 10, 10)
            .host("sip.example.test", &["127.0.0.1"])
    });
}

#[test]
fn automatic_transport_follows_naptr_to_srv_and_registers() {
    registers_through_dns("dns-register-naptr", "auto", |port| {
        Zone::default()
            .naptr(
                "example.test",
                10,
                10,
                "SIP+D2U",
                "_sip._udp.registrar.example.test",
            )
            .srv(
                "_sip._udp.registrar.example.test",
                "sip.example.test",
                port,
                0,
                0,
            )
            .host("sip.example.test", &["127.0.0.1"])
    });
}

#[test]
fn a_domain_that_does_not_exist_fails_with_a_clear_reason() {
    let scratch = Scratch::new("dns-register-missing");
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), Zone::default());
    let config = scratch.subdir("accounts");
    write_account(&config, "nowhere.test", "udp", dns.addr);
    let mut handset = Handset::start_with_config(&scratch, &config);
    let outcome = handset.wait_for(SHORT, "a registration outcome", |e| {
        matches!(registration_state(e), Some("registered" | "failed"))
    });
    assert_eq!(registration_state(&outcome), Some("failed"), "{outcome}");
    let failure = &outcome["state"]["failure"];
    assert_eq!(failure["reason"], "network", "{outcome}");
    assert_eq!(
        failure["detail"],
        "cannot find nowhere.test: no such domain",
        "{outcome}\n{}",
        dns.log()
    );
    assert!(handset.quit().success());
}
