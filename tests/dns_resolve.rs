//! RFC 3263 server location against a real name server: a private dnsmasq with NAPTR, SRV
//! and address records, reached through the `dns_server` network setting.

mod common;
#[path = "dns_support/dnsmasq.rs"]
mod dnsmasq;

use common::scratch::Scratch;
use dnsmasq::{Dnsmasq, Zone};
use handset::config::{NetworkSettings, Transport, TransportFlags};
use handset::engine::resolve::{resolve, Request, ResolveError, Target};
use std::net::SocketAddr;

fn network(dns: &Dnsmasq) -> NetworkSettings {
    NetworkSettings {
        dns_server: Some(dns.addr),
        ..NetworkSettings::default()
    }
}

fn lookup(
    uri: &str,
    transport: Transport,
    network: &NetworkSettings,
) -> Result<Vec<Target>, ResolveError> {
    let request = Request::parse(uri, transport).unwrap();
    let local: SocketAddr = "127.0.0.1:5060".parse().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(resolve(&request, network, local))
}

fn shown(targets: &[Target]) -> Vec<String> {
    targets
        .iter()
        .map(|t| format!("{} {}", t.transport.as_str(), t.addr))
        .collect()
}

#[test]
fn srv_targets_come_in_priority_order_on_their_ports() {
    let scratch = Scratch::new("dns-srv");
    let zone = Zone::default()
        .srv(
            "_sip._udp.example.test",
            "backup.example.test",
            5080,
            20,
            10,
        )
        .srv("_sip._udp.example.test", "main.example.test", 5070, 10, 10)
        .host("main.example.test", &["127.0.0.11"])
        .host("backup.example.test", &["127.0.0.12"])
        .host("example.test", &["127.0.0.99"]);
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), zone);
    let found = lookup("example.test", Transport::Udp, &network(&dns)).unwrap();
    assert_eq!(
        shown(&found),
        ["udp 127.0.0.11:5070", "udp 127.0.0.12:5080"],
        "{}",
        dns.log()
    );
    // An explicit port skips SRV: the domain's own address on that port.
    let found = lookup("example.test:5999", Transport::Udp, &network(&dns)).unwrap();
    assert_eq!(shown(&found), ["udp 127.0.0.99:5999"], "{}", dns.log());
}

#[test]
fn automatic_takes_the_naptr_order_among_enabled_transports() {
    let scratch = Scratch::new("dns-naptr");
    let zone = Zone::default()
        .naptr("example.test", 10, 10, "SIP+D2T", "_sip._tcp.example.test")
        .naptr("example.test", 20, 10, "SIP+D2U", "_sip._udp.example.test")
        .srv("_sip._tcp.example.test", "tcp.example.test", 5072, 0, 0)
        .srv("_sip._udp.example.test", "udp.example.test", 5071, 0, 0)
        .host("tcp.example.test", &["127.0.0.21"])
        .host("udp.example.test", &["127.0.0.22"]);
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), zone);
    let mut settings = network(&dns);
    let found = lookup("example.test", Transport::Auto, &settings).unwrap();
    assert_eq!(
        shown(&found),
        ["tcp 127.0.0.21:5072", "udp 127.0.0.22:5071"],
        "{}",
        dns.log()
    );
    settings.transports = TransportFlags {
        udp: true,
        tcp: false,
        tls: false,
    };
    let found = lookup("example.test", Transport::Auto, &settings).unwrap();
    assert_eq!(shown(&found), ["udp 127.0.0.22:5071"], "{}", dns.log());
}

#[test]
fn without_naptr_automatic_probes_srv() {
    let scratch = Scratch::new("dns-probe");
    let zone = Zone::default()
        .existing("example.test")
        .srv("_sips._tcp.example.test", "tls.example.test", 5073, 0, 0)
        .host("tls.example.test", &["127.0.0.31"]);
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), zone);
    let found = lookup("example.test", Transport::Auto, &network(&dns)).unwrap();
    assert_eq!(shown(&found), ["tls 127.0.0.31:5073"], "{}", dns.log());
}

#[test]
fn a_missing_domain_and_an_empty_one_say_so() {
    let scratch = Scratch::new("dns-missing");
    let zone = Zone::default().existing("empty.test");
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), zone);
    let err = lookup("missing.test", Transport::Auto, &network(&dns)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot find missing.test: no such domain",
        "{}",
        dns.log()
    );
    let err = lookup("empty.test", Transport::Udp, &network(&dns)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no SIP server for empty.test (no NAPTR, SRV or address records)",
        "{}",
        dns.log()
    );
}

#[test]
fn ip_literals_need_no_name_server() {
    let scratch = Scratch::new("dns-literal");
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), Zone::default());
    let found = lookup("sip:127.0.0.5", Transport::Tls, &network(&dns)).unwrap();
    assert_eq!(shown(&found), ["tls 127.0.0.5:5061"]);
    assert!(!dns.log().contains("query["), "{}", dns.log());
}

#[test]
fn a_name_server_that_never_answers_is_a_dns_timeout() {
    // Both sockets are open, so queries are neither refused nor answered.
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let silent = udp.local_addr().unwrap();
    let _tcp = std::net::TcpListener::bind(silent).unwrap();
    let settings = NetworkSettings {
        dns_server: Some(silent),
        ..NetworkSettings::default()
    };
    let err = lookup("example.test", Transport::Auto, &settings).unwrap_err();
    assert_eq!(err, ResolveError::Timeout("example.test".into()));
    assert_eq!(
        err.to_string(),
        "DNS timeout while looking up example.test: no name server answered"
    );
}

#[test]
fn names_in_the_hosts_file_still_resolve() {
    // As with the system resolver, /etc/hosts (here: localhost) is read before DNS.
    let scratch = Scratch::new("dns-hosts");
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), Zone::default());
    let found = lookup("localhost:5070", Transport::Udp, &network(&dns)).unwrap();
    assert_eq!(shown(&found)[0], "udp 127.0.0.1:5070", "{}", dns.log());
}
