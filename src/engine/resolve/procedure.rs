//! RFC 3263 section 4, client side: from a SIP URI's host, port and transport to an ordered
//! list of (address, transport) to try. Which queries to make and how to read the answers
//! lives here; the queries themselves go through [`Dns`], so this is tested with a table.

use super::error::ResolveError;
use super::family::prefer_family;
use super::naptr::usable_services;
use super::records::{Dns, LookupError};
use super::request::Request;
use super::srv::ordered;
use super::Target;
use crate::config::{Transport, TransportFlags, DEFAULT_SIP_PORT, DEFAULT_TLS_PORT};
use rand::Rng;
use std::net::SocketAddr;

/// What the client side brings to the choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Transports enabled in the network settings: DNS may only choose among these.
    pub enabled: TransportFlags,
    /// Our SIP socket is IPv6: its addresses come first.
    pub ipv6_socket: bool,
}

/// The targets for `request`, best first. IP literals make no query; an explicit port only
/// A/AAAA; a chosen transport its SRV set; automatic NAPTR, then SRV, then A/AAAA.
pub(crate) async fn locate(
    dns: &impl Dns,
    request: &Request,
    policy: &Policy,
    rng: &mut impl Rng,
) -> Result<Vec<Target>, ResolveError> {
    let found = find(dns, request, policy, rng).await?;
    Ok(prefer_family(found, policy.ipv6_socket))
}

async fn find(
    dns: &impl Dns,
    request: &Request,
    policy: &Policy,
    rng: &mut impl Rng,
) -> Result<Vec<Target>, ResolveError> {
    let host = request.host.as_str();
    let plain = plain_transport(request, &policy.enabled);
    if let Some(ip) = request.ip_literal() {
        let port = request.port.unwrap_or_else(|| default_port(plain));
        return Ok(vec![Target::new(SocketAddr::new(ip, port), plain)]);
    }
    if let Some(port) = request.port {
        return host_addresses(dns, host, port, plain).await;
    }
    let mut found = Vec::new();
    if request.transport == Transport::Auto {
        let records = match dns.naptr(host).await {
            Ok(records) => records,
            Err(LookupError::Timeout) => return Err(ResolveError::Timeout(host.to_owned())),
            // A missing name or a resolver that cannot do NAPTR: go on with SRV.
            Err(_) => Vec::new(),
        };
        for service in usable_services(&records, &policy.enabled, request.sips) {
            let srv = srv_targets(dns, host, &service.srv_name, service.transport, rng).await?;
            found.extend(srv);
        }
        if found.is_empty() {
            // RFC 3263 4.1: without NAPTR, query SRV for each transport we support.
            for transport in probe_order(&policy.enabled, request.sips) {
                let name = srv_name(transport, host);
                found.extend(srv_targets(dns, host, &name, transport, rng).await?);
            }
        }
    } else {
        let name = srv_name(request.transport, host);
        found = srv_targets(dns, host, &name, request.transport, rng).await?;
    }
    if !found.is_empty() {
        return Ok(found);
    }
    host_addresses(dns, host, default_port(plain), plain).await
}

/// The transport when DNS does not choose (an IP literal, an explicit port, no NAPTR or
/// SRV): the one asked for; else TLS for `sips:`, UDP for `sip:` (RFC 3263 4.1), or the
/// first enabled one if UDP is switched off.
fn plain_transport(request: &Request, enabled: &TransportFlags) -> Transport {
    if request.transport != Transport::Auto {
        return request.transport;
    }
    if request.sips {
        return Transport::Tls;
    }
    Transport::ALL
        .into_iter()
        .find(|t| enabled.enabled(*t))
        .unwrap_or(Transport::Udp)
}

/// SRV probing order without NAPTR: the secure transport first, then the stream one, then
/// UDP (a domain that publishes TLS wants it used); only TLS for `sips:`.
fn probe_order(enabled: &TransportFlags, sips: bool) -> Vec<Transport> {
    [Transport::Tls, Transport::Tcp, Transport::Udp]
        .into_iter()
        .filter(|t| enabled.enabled(*t) && (!sips || *t == Transport::Tls))
        .collect()
}

fn default_port(transport: Transport) -> u16 {
    match transport {
        Transport::Tls => DEFAULT_TLS_PORT,
        _ => DEFAULT_SIP_PORT,
    }
}

/// The SRV owner name for `transport` at `host` (RFC 3263 4.2).
pub fn srv_name(transport: Transport, host: &str) -> String {
    let service = match transport {
        Transport::Tls => "_sips._tcp",
        Transport::Tcp => "_sip._tcp",
        Transport::Udp | Transport::Auto => "_sip._udp",
    };
    format!("{service}.{host}")
}

/// The addresses behind one SRV set, in RFC 2782 order. A missing or failing SRV set is
/// empty (the caller falls back); a timeout ends the whole search. A target whose own
/// address lookup fails is skipped: the next one may work.
async fn srv_targets(
    dns: &impl Dns,
    host: &str,
    name: &str,
    transport: Transport,
    rng: &mut impl Rng,
) -> Result<Vec<Target>, ResolveError> {
    let records = match dns.srv(name).await {
        Ok(records) => records,
        Err(LookupError::Timeout) => return Err(ResolveError::Timeout(host.to_owned())),
        Err(_) => return Ok(Vec::new()),
    };
    let mut found = Vec::new();
    for record in ordered(&records, rng) {
        match dns.addresses(&record.target).await {
            Ok(ips) => found.extend(
                ips.into_iter()
                    .map(|ip| Target::new(SocketAddr::new(ip, record.port), transport)),
            ),
            Err(LookupError::Timeout) => return Err(ResolveError::Timeout(host.to_owned())),
            Err(_) => continue,
        }
    }
    Ok(found)
}

/// The host's own A/AAAA records, with `port`: the last step, so its failure is the answer.
async fn host_addresses(
    dns: &impl Dns,
    host: &str,
    port: u16,
    transport: Transport,
) -> Result<Vec<Target>, ResolveError> {
    match dns.addresses(host).await {
        Ok(ips) if ips.is_empty() => Err(ResolveError::NoServer(host.to_owned())),
        Ok(ips) => Ok(ips
            .into_iter()
            .map(|ip| Target::new(SocketAddr::new(ip, port), transport))
            .collect()),
        Err(LookupError::NoSuchName) => Err(ResolveError::NoSuchDomain(host.to_owned())),
        Err(LookupError::Timeout) => Err(ResolveError::Timeout(host.to_owned())),
        Err(LookupError::Failed(detail)) => Err(ResolveError::Lookup {
            host: host.to_owned(),
            detail,
        }),
    }
}
