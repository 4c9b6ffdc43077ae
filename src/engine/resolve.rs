//! Locating an account's SIP server (RFC 3263): which address and transport its requests go
//! to. IP literals need no DNS; host names go through NAPTR, SRV and A/AAAA records with
//! hickory-resolver, from the system's configuration or a name server in the settings.
//!
//! The steps are pure over a [`records::Dns`] trait ([`procedure`]), the record choices are
//! plain functions ([`naptr`], [`srv`], [`family`]), and [`hickory`] does the queries.

mod error;
mod failover;
mod family;
mod hickory;
mod naptr;
mod procedure;
mod records;
mod request;
mod srv;

#[cfg(test)]
mod procedure_tests;

pub use error::ResolveError;
pub use failover::{round_retry_delay, TargetList};
pub use procedure::{srv_name, Policy};
pub use request::Request;

use crate::config::{Account, NetworkSettings, Transport};
use hickory::SystemDns;
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::net::SocketAddr;

/// One place to send SIP requests: an address and the transport to reach it over (never
/// [`Transport::Auto`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    pub addr: SocketAddr,
    pub transport: Transport,
}

impl Target {
    pub fn new(addr: SocketAddr, transport: Transport) -> Target {
        Target { addr, transport }
    }
}

/// The targets for an account's next hop (outbound proxy, else domain), best first.
/// `local_addr` is our SIP socket's address: targets of its family come first.
pub async fn resolve_account(
    account: &Account,
    network: &NetworkSettings,
    local_addr: SocketAddr,
) -> Result<Vec<Target>, ResolveError> {
    resolve(&account_request(account)?, network, local_addr).await
}

/// What to look up for an account's next hop: its outbound proxy when set, else its domain.
pub fn account_request(account: &Account) -> Result<Request, ResolveError> {
    Request::for_account(account)
        .ok_or_else(|| ResolveError::NoHost(next_hop_text(account).to_owned()))
}

/// The targets for `request`, best first; see [`resolve_account`].
pub async fn resolve(
    request: &Request,
    network: &NetworkSettings,
    local_addr: SocketAddr,
) -> Result<Vec<Target>, ResolveError> {
    let policy = Policy {
        enabled: network.transports,
        ipv6_socket: local_addr.is_ipv6(),
    };
    // SRV weights share load between servers: each lookup draws afresh.
    let mut rng = StdRng::seed_from_u64(rand::random());
    let dns = SystemDns::new(network.dns_server);
    let found = procedure::locate(&dns, request, &policy, &mut rng).await?;
    if found.is_empty() {
        return Err(ResolveError::NoServer(request.host.clone()));
    }
    Ok(found)
}

fn next_hop_text(account: &Account) -> &str {
    account
        .outbound_proxy
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or(&account.domain)
}
