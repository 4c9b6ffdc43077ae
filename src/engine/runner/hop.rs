//! Finding the next hop of an account (outbound proxy or registrar) or of a dialled URI by
//! RFC 3263, and, for TLS, telling the connections whose certificate that hop must show.

use super::account_transport::{account_transport, tls_target};
use super::Runner;
use crate::config::{self, Account};
use crate::engine::resolve::{account_request, resolve, Request};
use crate::sip::Transport;
use std::net::SocketAddr;

impl Runner {
    /// The account's next hop address and the transport to reach it with; for TLS it also
    /// tells the connections which name the server's certificate must carry (the host the
    /// account names, not the one DNS led to: RFC 5922).
    pub(super) async fn resolve_hop(
        &mut self,
        account: &Account,
    ) -> Result<(SocketAddr, Transport), String> {
        let request = account_request(account).map_err(|e| e.to_string())?;
        let (address, found) = self.locate(&request).await?;
        // `sips:` in the account, or TLS chosen outright, wins over whatever DNS offered.
        let transport = match account_transport(account) {
            Transport::Tls => Transport::Tls,
            _ => found,
        };
        if transport == Transport::Tls {
            let checked = tls_target(account, &request.host);
            self.connections.set_tls_target(address, checked);
        }
        Ok((address, transport))
    }

    /// Where a dialled URI's requests go when no account routes them: RFC 3263 on the URI
    /// itself. A `transport=` parameter or `sips:` fixes the transport; otherwise DNS (NAPTR,
    /// SRV) may choose one, and a plain host or IP address means UDP.
    pub(super) async fn locate_uri(&self, uri: &str) -> Result<(SocketAddr, Transport), String> {
        let request = Request::parse(uri, config::Transport::Auto)
            .ok_or_else(|| format!("{uri} names no host"))?;
        self.locate(&request).await
    }

    /// The best target RFC 3263 finds for `request` (NAPTR, SRV, A/AAAA; IP literals skip
    /// DNS), and the transport to use there.
    async fn locate(&self, request: &Request) -> Result<(SocketAddr, Transport), String> {
        let found = resolve(request, &self.settings.network, self.local_addr)
            .await
            .map_err(|e| e.to_string())?;
        let target = found
            .first()
            .copied()
            .ok_or_else(|| format!("no SIP server for {}", request.host))?;
        Ok((target.addr, sip_transport(target.transport)))
    }
}

/// The wire transport for a resolved target (which is never `Auto`).
fn sip_transport(transport: config::Transport) -> Transport {
    match transport {
        config::Transport::Tcp => Transport::Tcp,
        config::Transport::Tls => Transport::Tls,
        config::Transport::Udp | config::Transport::Auto => Transport::Udp,
    }
}
