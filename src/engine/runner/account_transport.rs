//! Which transport an account's registration and calls use, the port that implies, and how
//! its TLS server is checked.

use crate::config::Account;
use crate::engine::transport::tls::TlsConnector;
use crate::engine::transport::TlsTarget;
use crate::sip::Transport;

/// The account's transport: `sips:` in its domain or outbound proxy means TLS; otherwise its
/// configured transport. A transport this engine does not know (a later "auto") is UDP.
pub(super) fn account_transport(account: &Account) -> Transport {
    let secure = [
        Some(account.domain.as_str()),
        account.outbound_proxy.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(|text| {
        text.trim()
            .trim_start_matches('<')
            .get(..5)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("sips:"))
    });
    if secure {
        return Transport::Tls;
    }
    match account.transport.as_str() {
        "tcp" => Transport::Tcp,
        "tls" => Transport::Tls,
        _ => Transport::Udp,
    }
}

/// The REGISTER Request-URI: `sips:` over TLS, as the address of record is.
pub(super) fn registrar_uri(account: &Account) -> String {
    let scheme = if account_transport(account) == Transport::Tls {
        "sips"
    } else {
        "sip"
    };
    format!("{scheme}:{}", account.domain)
}

/// The port of the next hop: the one written in the account, else the transport's default
/// (5061 for TLS). `written_port` is what the account parser found (5060 when none).
pub(super) fn hop_port(account: &Account, transport: Transport, written_port: u16) -> u16 {
    let text = account
        .outbound_proxy
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or(&account.domain);
    if names_port(text) {
        written_port
    } else {
        transport.default_port()
    }
}

/// Whether `host[:port]` or a `sip:`/`sips:` URI writes a port.
fn names_port(text: &str) -> bool {
    let text = text.trim().trim_start_matches('<');
    let text = text.split(['>', ';', '?']).next().unwrap_or_default();
    let lower = text.to_ascii_lowercase();
    let rest = ["sips:", "sip:"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
        .unwrap_or(&lower);
    let host_port = rest.rsplit_once('@').map_or(rest, |(_, hp)| hp);
    let after_host = match host_port.rsplit_once(']') {
        Some((_, after)) => after,
        None => host_port,
    };
    after_host
        .rsplit_once(':')
        .is_some_and(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
}

/// How a TLS connection to the account's next hop `host` is checked.
pub(super) fn tls_target(account: &Account, host: &str) -> TlsTarget {
    TlsTarget {
        server_name: host.to_owned(),
        connector: TlsConnector::new(account.trusted_certificate.as_deref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{AccountId, Transport as Configured};

    fn account(domain: &str, proxy: Option<&str>, transport: Configured) -> Account {
        let mut a = Account::new(AccountId(1), "alice", domain);
        a.outbound_proxy = proxy.map(str::to_owned);
        a.transport = transport;
        a
    }

    #[test]
    fn the_configured_transport_is_used_and_sips_means_tls() {
        let tcp = account("example.com", None, Configured::Tcp);
        assert_eq!(account_transport(&tcp), Transport::Tcp);
        let sips = account("sips:example.com", None, Configured::Udp);
        assert_eq!(account_transport(&sips), Transport::Tls);
        let proxy = account(
            "example.com",
            Some("<SIPS:proxy.example.com>"),
            Configured::Udp,
        );
        assert_eq!(account_transport(&proxy), Transport::Tls);
        let udp = account("example.com", None, Configured::Udp);
        assert_eq!(account_transport(&udp), Transport::Udp);
    }

    #[test]
    fn tls_defaults_to_5061_unless_a_port_is_written() {
        let bare = account("example.com", None, Configured::Tls);
        assert_eq!(hop_port(&bare, Transport::Tls, 5060), 5061);
        let written = account("example.com:5060", None, Configured::Tls);
        assert_eq!(hop_port(&written, Transport::Tls, 5060), 5060);
        let v6 = account("sips:[::1]:5071;lr", None, Configured::Tls);
        assert_eq!(hop_port(&v6, Transport::Tls, 5071), 5071);
        let udp = account("example.com", None, Configured::Udp);
        assert_eq!(hop_port(&udp, Transport::Udp, 5060), 5060);
    }
}
