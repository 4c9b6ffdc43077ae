//! The RFC 3263 steps against a table of DNS answers that records which queries were made.

use super::procedure::{locate, Policy};
use super::records::{Dns, LookupError, Naptr, Srv};
use super::request::Request;
use super::{ResolveError, Target};
use crate::config::{Transport, TransportFlags};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::cell::RefCell;
use std::collections::HashMap;
use std::net::IpAddr;

#[derive(Default)]
struct Table {
    naptr: HashMap<String, Vec<Naptr>>,
    srv: HashMap<String, Vec<Srv>>,
    addresses: HashMap<String, Vec<IpAddr>>,
    /// Names that exist (with other record types); anything else is NXDOMAIN.
    existing: Vec<String>,
    timeout: bool,
    asked: RefCell<Vec<String>>,
}

impl Table {
    fn answer<T: Clone>(
        &self,
        kind: &str,
        map: &HashMap<String, Vec<T>>,
        name: &str,
    ) -> Result<Vec<T>, LookupError> {
        self.asked.borrow_mut().push(format!("{kind} {name}"));
        if self.timeout {
            return Err(LookupError::Timeout);
        }
        match map.get(name) {
            Some(found) => Ok(found.clone()),
            None if self.existing.iter().any(|e| e == name) => Ok(Vec::new()),
            None => Err(LookupError::NoSuchName),
        }
    }

    fn naptr(mut self, name: &str, order: u16, pref: u16, service: &str, srv: &str) -> Self {
        self.naptr.entry(name.into()).or_default().push(Naptr {
            order,
            preference: pref,
            flags: "s".into(),
            service: service.into(),
            replacement: srv.into(),
        });
        self
    }

    fn srv(mut self, name: &str, priority: u16, weight: u16, port: u16, target: &str) -> Self {
        self.srv.entry(name.into()).or_default().push(Srv {
            priority,
            weight,
            port,
            target: target.into(),
        });
        self
    }

    fn host(mut self, name: &str, ips: &[&str]) -> Self {
        let ips = ips.iter().map(|ip| ip.parse::<IpAddr>().unwrap());
        self.addresses.entry(name.into()).or_default().extend(ips);
        self
    }

    fn exists(mut self, name: &str) -> Self {
        self.existing.push(name.into());
        self
    }

    fn asked(&self) -> Vec<String> {
        self.asked.borrow().clone()
    }
}

impl Dns for Table {
    async fn naptr(&self, name: &str) -> Result<Vec<Naptr>, LookupError> {
        self.answer("NAPTR", &self.naptr, name)
    }
    async fn srv(&self, name: &str) -> Result<Vec<Srv>, LookupError> {
        self.answer("SRV", &self.srv, name)
    }
    async fn addresses(&self, name: &str) -> Result<Vec<IpAddr>, LookupError> {
        self.answer("A/AAAA", &self.addresses, name)
    }
}

fn policy() -> Policy {
    Policy {
        enabled: TransportFlags::default(),
        ipv6_socket: false,
    }
}

fn run(
    table: &Table,
    uri: &str,
    transport: Transport,
    policy: Policy,
) -> Result<Vec<Target>, ResolveError> {
    let request = Request::parse(uri, transport).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(locate(
        table,
        &request,
        &policy,
        &mut StdRng::seed_from_u64(5),
    ))
}

fn shown(targets: &[Target]) -> Vec<String> {
    targets
        .iter()
        .map(|t| format!("{} {}", t.transport.as_str(), t.addr))
        .collect()
}

#[test]
fn ip_literals_make_no_query_and_take_the_default_port() {
    let table = Table::default();
    let found = run(&table, "192.0.2.7", Transport::Auto, policy()).unwrap();
    assert_eq!(shown(&found), ["udp 192.0.2.7:5060"]);
    let found = run(&table, "sip:[2001:db8::7]", Transport::Tls, policy()).unwrap();
    assert_eq!(shown(&found), ["tls [2001:db8::7]:5061"]);
    let found = run(&table, "sips:192.0.2.7:5071", Transport::Auto, policy()).unwrap();
    assert_eq!(shown(&found), ["tls 192.0.2.7:5071"]);
    assert!(table.asked().is_empty(), "{:?}", table.asked());
}

#[test]
fn an_explicit_port_only_looks_up_addresses() {
    let table = Table::default()
        .srv("_sip._udp.example.com", 0, 0, 5099, "other.example.com")
        .host("example.com", &["192.0.2.1"]);
    let found = run(&table, "example.com:5080", Transport::Udp, policy()).unwrap();
    assert_eq!(shown(&found), ["udp 192.0.2.1:5080"]);
    assert_eq!(table.asked(), ["A/AAAA example.com"]);
}

#[test]
fn a_chosen_transport_uses_its_srv_set_in_priority_order() {
    let table = Table::default()
        .srv("_sip._tcp.example.com", 20, 0, 5070, "backup.example.com")
        .srv("_sip._tcp.example.com", 10, 0, 5062, "main.example.com")
        .host("main.example.com", &["192.0.2.10"])
        .host("backup.example.com", &["192.0.2.20"]);
    let found = run(&table, "example.com", Transport::Tcp, policy()).unwrap();
    assert_eq!(
        shown(&found),
        ["tcp 192.0.2.10:5062", "tcp 192.0.2.20:5070"]
    );
    assert_eq!(table.asked()[0], "SRV _sip._tcp.example.com");
}

#[test]
fn tls_uses_the_sips_service() {
    let table = Table::default()
        .srv("_sips._tcp.example.com", 0, 0, 5063, "tls.example.com")
        .host("tls.example.com", &["192.0.2.30"]);
    let found = run(&table, "example.com", Transport::Tls, policy()).unwrap();
    assert_eq!(shown(&found), ["tls 192.0.2.30:5063"]);
}

#[test]
fn without_srv_the_host_is_used_on_the_default_port() {
    let table = Table::default().host("example.com", &["192.0.2.1"]);
    let found = run(&table, "example.com", Transport::Tls, policy()).unwrap();
    assert_eq!(shown(&found), ["tls 192.0.2.1:5061"]);
    let found = run(&table, "example.com", Transport::Udp, policy()).unwrap();
    assert_eq!(shown(&found), ["udp 192.0.2.1:5060"]);
}

#[test]
fn automatic_follows_naptr_order_among_enabled_transports() {
    let table = Table::default()
        .naptr("example.com", 10, 10, "SIPS+D2T", "_sips._tcp.example.com")
        .naptr("example.com", 20, 10, "SIP+D2U", "_sip._udp.example.com")
        .srv("_sips._tcp.example.com", 0, 0, 5061, "tls.example.com")
        .srv("_sip._udp.example.com", 0, 0, 5060, "udp.example.com")
        .host("tls.example.com", &["192.0.2.61"])
        .host("udp.example.com", &["192.0.2.60"]);
    let found = run(&table, "example.com", Transport::Auto, policy()).unwrap();
    assert_eq!(
        shown(&found),
        ["tls 192.0.2.61:5061", "udp 192.0.2.60:5060"]
    );

    let udp_only = Policy {
        enabled: TransportFlags {
            udp: true,
            tcp: false,
            tls: false,
        },
        ..policy()
    };
    let found = run(&table, "example.com", Transport::Auto, udp_only).unwrap();
    assert_eq!(shown(&found), ["udp 192.0.2.60:5060"]);
}

#[test]
fn automatic_without_naptr_probes_srv_for_each_transport() {
    let table = Table::default()
        .exists("example.com")
        .srv("_sip._tcp.example.com", 0, 0, 5090, "tcp.example.com")
        .host("tcp.example.com", &["192.0.2.90"]);
    let found = run(&table, "example.com", Transport::Auto, policy()).unwrap();
    assert_eq!(shown(&found), ["tcp 192.0.2.90:5090"]);
    assert_eq!(
        table.asked(),
        [
            "NAPTR example.com",
            "SRV _sips._tcp.example.com",
            "SRV _sip._tcp.example.com",
            "A/AAAA tcp.example.com",
            "SRV _sip._udp.example.com",
        ]
    );
}

#[test]
fn automatic_with_nothing_but_an_address_uses_udp() {
    let table = Table::default().host("example.com", &["192.0.2.1"]);
    let found = run(&table, "example.com", Transport::Auto, policy()).unwrap();
    assert_eq!(shown(&found), ["udp 192.0.2.1:5060"]);
    let found = run(&table, "sips:example.com", Transport::Auto, policy()).unwrap();
    assert_eq!(shown(&found), ["tls 192.0.2.1:5061"]);
}

#[test]
fn the_socket_family_comes_first() {
    let table = Table::default().host("example.com", &["2001:db8::1", "192.0.2.1"]);
    let found = run(&table, "example.com:5060", Transport::Udp, policy()).unwrap();
    assert_eq!(
        shown(&found),
        ["udp 192.0.2.1:5060", "udp [2001:db8::1]:5060"]
    );
    let v6 = Policy {
        ipv6_socket: true,
        ..policy()
    };
    let found = run(&table, "example.com:5060", Transport::Udp, v6).unwrap();
    assert_eq!(shown(&found)[0], "udp [2001:db8::1]:5060");
}

#[test]
fn failures_say_what_is_wrong() {
    let nothing = Table::default();
    let err = run(&nothing, "example.com", Transport::Auto, policy()).unwrap_err();
    assert_eq!(err.to_string(), "cannot find example.com: no such domain");

    let empty = Table::default().exists("example.com");
    let err = run(&empty, "example.com", Transport::Auto, policy()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no SIP server for example.com (no NAPTR, SRV or address records)"
    );

    let silent = Table {
        timeout: true,
        ..Table::default()
    };
    let err = run(&silent, "example.com", Transport::Auto, policy()).unwrap_err();
    assert_eq!(err, ResolveError::Timeout("example.com".into()));
    // One timeout ends the search instead of waiting again for every later query.
    assert_eq!(silent.asked().len(), 1);
}
