//! From a resolved target to the address and transport requests go to, and, for TLS,
//! telling the connections whose certificate each target must show.

use super::account_transport::{account_transport, tls_target};
use super::Runner;
use crate::config::{self, Account};
use crate::engine::resolve::{account_request, Target};
use crate::engine::transport::tls::TlsConnector;
use crate::engine::transport::TlsTarget;
use crate::sip::Transport;
use std::net::SocketAddr;

/// One next hop as the user agent takes it.
pub(super) type Hop = (SocketAddr, Transport);

/// Where an account's requests go for `target`: `sips:` in the account, or TLS chosen
/// outright, wins over whatever DNS offered.
pub(super) fn account_hop(account: &Account, target: Target) -> Hop {
    let transport = match account_transport(account) {
        Transport::Tls => Transport::Tls,
        _ => sip_transport(target.transport),
    };
    (target.addr, transport)
}

/// The wire transport for a resolved target (which is never `Auto`).
pub(super) fn sip_transport(transport: config::Transport) -> Transport {
    match transport {
        config::Transport::Tcp => Transport::Tcp,
        config::Transport::Tls => Transport::Tls,
        config::Transport::Udp | config::Transport::Auto => Transport::Udp,
    }
}

impl Runner {
    /// For the account's TLS hops, tell the connections which name the server's certificate
    /// must carry: the host the account names, not the one DNS led to (RFC 5922).
    pub(super) fn trust_account_hops(&mut self, account: &Account, hops: &[Hop]) {
        let Ok(request) = account_request(account) else {
            return;
        };
        for (address, transport) in hops {
            if *transport == Transport::Tls {
                let checked = tls_target(account, &request.host);
                self.connections.set_tls_target(*address, checked);
            }
        }
    }

    /// For a dialled URI's TLS hops (no account): the URI's host, with the system's roots.
    pub(super) fn trust_uri_hops(&mut self, host: &str, hops: &[Hop]) {
        for (address, transport) in hops {
            if *transport == Transport::Tls {
                let checked = TlsTarget {
                    server_name: host.to_owned(),
                    connector: TlsConnector::new(None),
                };
                self.connections.set_tls_target(*address, checked);
            }
        }
    }
}
