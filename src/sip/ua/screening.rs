//! Who may make the phone ring: the rules that keep scanners' INVITEs from ringing.
//!
//! A SIP scanner sends INVITEs to guessed users (`100`, `admin`, none at all) at any address
//! it finds listening. A new INVITE rings only when:
//! - peer-to-peer (no account): its Request-URI names our own peer-to-peer user, a token
//!   that is hard to guess (the driver chooses it and shows it as our address);
//! - with accounts: it is for one of our accounts (its Request-URI or To names the
//!   account's user) and comes from that account's registrar or outbound proxy, or it names
//!   our peer-to-peer user and direct calls are allowed.
//!
//! Anything else is refused at once: 404 when nobody here has that name, 403 when the name is
//! ours but the path is not. The refusal is stateless (RFC 3261 8.2.7): no call, no
//! transaction, no event, so a flood of them costs no memory.

use core::net::SocketAddr;

/// The rules for new incoming INVITEs, given by the driver
/// ([`super::UserAgent::set_screening`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Screening {
    /// The user of our peer-to-peer address (`sip:USER@host:port`).
    pub peer_user: String,
    /// With accounts, whether an INVITE straight to our peer-to-peer address still rings.
    pub allow_direct: bool,
    /// The accounts calls may come in on, and from where.
    pub accounts: Vec<AccountGate>,
}

/// One account as the screening sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountGate {
    /// The driver's id for the account, handed back in [`super::UaEvent::Incoming`].
    pub account: u64,
    /// The account's user (what the registrar puts in the Request-URI, our Contact's user).
    pub user: String,
    /// Where its calls come from: the resolved addresses of its registrar or outbound proxy
    /// (a TCP or TLS connection to one of them has that address too).
    pub servers: Vec<SocketAddr>,
}

/// What to do with a new INVITE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Ring; `Some(account)` when it came in on that account, `None` for a direct call.
    Ring(Option<u64>),
    /// Refuse at once with this status (403 or 404).
    Refuse(u16),
}

impl Screening {
    /// The verdict for an INVITE whose Request-URI is `request_uri` and To URI is `to_uri`,
    /// received from `source`.
    pub fn judge(&self, request_uri: &str, to_uri: &str, source: SocketAddr) -> Verdict {
        let target = uri_user(request_uri);
        let to = uri_user(to_uri);
        let is_peer = target.is_some_and(|u| u.eq_ignore_ascii_case(&self.peer_user));
        if self.accounts.is_empty() {
            return if is_peer {
                Verdict::Ring(None)
            } else {
                Verdict::Refuse(404)
            };
        }
        let named = |gate: &&AccountGate| {
            [target, to]
                .into_iter()
                .flatten()
                .any(|user| user == gate.user)
        };
        let mut ours = self.accounts.iter().filter(named).peekable();
        let named_ours = ours.peek().is_some();
        if let Some(gate) = ours.find(|gate| gate.servers.contains(&source)) {
            return Verdict::Ring(Some(gate.account));
        }
        match (is_peer, self.allow_direct) {
            (true, true) => Verdict::Ring(None),
            (true, false) => Verdict::Refuse(403),
            (false, _) if named_ours => Verdict::Refuse(403),
            (false, _) => Verdict::Refuse(404),
        }
    }

    /// Whether `source` is one of our accounts' servers (their traffic is never limited).
    pub fn is_server(&self, source: SocketAddr) -> bool {
        self.accounts.iter().any(|g| g.servers.contains(&source))
    }
}

/// The user part of a SIP URI (or name-addr): `bob` for `<sip:bob@host;x=y>`, `None` for
/// `sip:host` or an empty user.
pub fn uri_user(uri: &str) -> Option<&str> {
    let inner = match uri.split_once('<') {
        Some((_, rest)) => rest.split('>').next().unwrap_or_default(),
        None => uri,
    };
    let after_scheme = inner.split_once(':').map_or(inner, |(_, rest)| rest);
    let (user, _) = after_scheme.rsplit_once('@')?;
    let user = user.split([';', ':']).next().unwrap_or_default();
    (!user.is_empty()).then_some(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "k7m2q9x4w8tz";

    fn addr(text: &str) -> SocketAddr {
        text.parse().unwrap()
    }

    fn peer_only() -> Screening {
        Screening {
            peer_user: TOKEN.into(),
            ..Screening::default()
        }
    }

    fn with_account(allow_direct: bool) -> Screening {
        Screening {
            peer_user: TOKEN.into(),
            allow_direct,
            accounts: vec![AccountGate {
                account: 7,
                user: "alice".into(),
                servers: vec![addr("192.0.2.10:5060"), addr("192.0.2.11:5060")],
            }],
        }
    }

    const SCANNER: &str = "203.0.113.5:5070";

    #[test]
    fn peer_to_peer_rings_only_for_our_token() {
        let s = peer_only();
        let from = addr(SCANNER);
        let ours = format!("sip:{TOKEN}@198.51.100.1:5060");
        assert_eq!(s.judge(&ours, &ours, from), Verdict::Ring(None));
        for uri in [
            "sip:scan123456@198.51.100.1",
            "sip:100@198.51.100.1",
            "sip:198.51.100.1:5060",
            "sip:@198.51.100.1",
            "sip:handset@198.51.100.1",
        ] {
            assert_eq!(s.judge(uri, uri, from), Verdict::Refuse(404), "{uri}");
        }
    }

    #[test]
    fn the_to_header_cannot_stand_in_for_the_request_uri_peer_to_peer() {
        let s = peer_only();
        let to = format!("<sip:{TOKEN}@198.51.100.1>");
        assert_eq!(
            s.judge("sip:100@198.51.100.1", &to, addr(SCANNER)),
            Verdict::Refuse(404)
        );
    }

    #[test]
    fn an_account_call_rings_only_from_its_servers() {
        let s = with_account(false);
        let uri = "sip:alice@198.51.100.1:5060";
        let to = "<sip:alice@example.com>";
        assert_eq!(
            s.judge(uri, to, addr("192.0.2.11:5060")),
            Verdict::Ring(Some(7))
        );
        assert_eq!(s.judge(uri, to, addr(SCANNER)), Verdict::Refuse(403));
        // Same host, other port: not the server's socket.
        assert_eq!(
            s.judge(uri, to, addr("192.0.2.10:5999")),
            Verdict::Refuse(403)
        );
    }

    #[test]
    fn a_registrar_may_name_the_account_in_to_only() {
        let s = with_account(false);
        assert_eq!(
            s.judge(
                "sip:1234@198.51.100.1",
                "<sip:alice@example.com>",
                addr("192.0.2.10:5060")
            ),
            Verdict::Ring(Some(7))
        );
    }

    #[test]
    fn with_accounts_unknown_users_are_404_even_from_the_server() {
        let s = with_account(false);
        let uri = "sip:bob@198.51.100.1";
        assert_eq!(
            s.judge(uri, uri, addr("192.0.2.10:5060")),
            Verdict::Refuse(404)
        );
        assert_eq!(s.judge(uri, uri, addr(SCANNER)), Verdict::Refuse(404));
    }

    #[test]
    fn direct_calls_with_accounts_need_the_setting() {
        let uri = format!("sip:{TOKEN}@198.51.100.1");
        assert_eq!(
            with_account(false).judge(&uri, &uri, addr(SCANNER)),
            Verdict::Refuse(403)
        );
        assert_eq!(
            with_account(true).judge(&uri, &uri, addr(SCANNER)),
            Verdict::Ring(None)
        );
        // The setting opens our peer-to-peer address, not the account's user.
        let alice = "sip:alice@198.51.100.1";
        assert_eq!(
            with_account(true).judge(alice, alice, addr(SCANNER)),
            Verdict::Refuse(403)
        );
    }

    #[test]
    fn servers_are_known() {
        let s = with_account(false);
        assert!(s.is_server(addr("192.0.2.10:5060")));
        assert!(!s.is_server(addr(SCANNER)));
    }

    #[test]
    fn the_user_of_a_uri() {
        assert_eq!(uri_user("\"Bob\" <sip:bob@host;x=y>"), Some("bob"));
        assert_eq!(uri_user("sip:alice@example.com:5060"), Some("alice"));
        assert_eq!(uri_user("sips:alice;p=1@example.com"), Some("alice"));
        assert_eq!(uri_user("sip:example.com"), None);
        assert_eq!(uri_user("sip:@example.com"), None);
        assert_eq!(uri_user(""), None);
    }
}
