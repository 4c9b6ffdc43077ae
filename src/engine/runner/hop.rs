//! Finding an account's next hop (outbound proxy or registrar) and, for TLS, telling the
//! connections whose certificate that hop must show.

use super::account_transport::{account_transport, hop_port, tls_target};
use super::Runner;
use crate::config::Account;
use crate::engine::accounts::next_hop;
use crate::sip::Transport;
use std::net::SocketAddr;

impl Runner {
    /// The account's next hop address; for TLS it also tells the connections which name the
    /// server's certificate must carry.
    pub(super) async fn resolve_hop(&mut self, account: &Account) -> Result<SocketAddr, String> {
        let found = self.lookup_hop(account).await;
        if let (Ok(address), Some((host, _))) = (&found, next_hop(account)) {
            if account_transport(account) == Transport::Tls {
                let target = tls_target(account, &host);
                self.connections.set_tls_target(*address, target);
            }
        }
        found
    }

    async fn lookup_hop(&self, account: &Account) -> Result<SocketAddr, String> {
        let (host, port) = next_hop(account)
            .ok_or_else(|| format!("{:?} names no registrar host", account.domain))?;
        let port = hop_port(account, account_transport(account), port);
        if let Ok(ip) = host.parse::<std::net::IpAddr>() {
            return Ok(SocketAddr::new(ip, port));
        }
        let found = tokio::net::lookup_host((host.as_str(), port))
            .await
            .map_err(|e| format!("cannot find {host}: {e}"))?;
        let mut found: Vec<SocketAddr> = found.collect();
        // Our SIP socket is IPv4 or IPv6; prefer an address of the same family.
        found.sort_by_key(|a| a.is_ipv4() != self.local_addr.is_ipv4());
        found
            .first()
            .copied()
            .ok_or_else(|| format!("{host} has no address"))
    }
}
