//! Which transport an account's registration and calls use, and how its TLS server is checked.

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
}
