//! Accounts in the engine: what the engine is given at start, and the pure rules that turn an
//! account into a registration, a dial target and an owner for incoming calls.

use super::api::{RegistrationFailure, RegistrationState};
use crate::config::secrets::AccountSecrets;
use crate::config::{Account, Settings};
use crate::sip::{RegFailure, RegistrationEvent};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The accounts the engine starts with, and where their passwords are kept.
#[derive(Debug, Clone)]
pub struct AccountSetup {
    pub settings: Settings,
    pub secrets: Arc<AccountSecrets>,
}

const DEFAULT_SIP_PORT: u16 = 5060;

/// `host`, `host:port`, `[v6]:port`, or a `sip:`/`sips:` URI (with `<>`, user and parameters).
fn host_port(text: &str) -> Option<(String, u16)> {
    let text = text.trim().trim_start_matches('<');
    let text = text.split('>').next().unwrap_or_default();
    let lower = text.to_ascii_lowercase();
    let rest = if lower.starts_with("sips:") {
        text.get(5..).unwrap_or_default()
    } else if lower.starts_with("sip:") {
        text.get(4..).unwrap_or_default()
    } else {
        text
    };
    let rest = rest.split([';', '?']).next().unwrap_or_default();
    let rest = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    if let Some(v6) = rest.strip_prefix('[') {
        let (host, after) = v6.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().ok()?,
            None => DEFAULT_SIP_PORT,
        };
        return (!host.is_empty()).then(|| (host.to_owned(), port));
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, port.parse().ok()?),
        None => (rest, DEFAULT_SIP_PORT),
    };
    (!host.is_empty() && port != 0).then(|| (host.to_owned(), port))
}

/// The Route header value for an account's outbound proxy, if it has one.
pub fn proxy_route(account: &Account) -> Option<String> {
    let (host, port) = account
        .outbound_proxy
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .and_then(host_port)?;
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host
    };
    Some(format!("<sip:{host}:{port};lr>"))
}

/// What the user typed, completed with the account's domain: `bob` → `sip:bob@domain`,
/// `bob@other` → `sip:bob@other`; a URI with a scheme is kept.
pub fn complete_target(typed: &str, account: &Account) -> String {
    let typed = typed.trim();
    let lower = typed.to_ascii_lowercase();
    if lower.starts_with("sip:") || lower.starts_with("sips:") {
        typed.to_owned()
    } else if typed.contains('@') {
        format!("sip:{typed}")
    } else {
        format!("sip:{typed}@{}", account.domain)
    }
}

/// The user part of a SIP URI (or name-addr), e.g. `bob` for `"Bob" <sip:bob@host;x=y>`.
pub fn uri_user(uri: &str) -> Option<&str> {
    let inner = match uri.split_once('<') {
        Some((_, rest)) => rest.split('>').next().unwrap_or_default(),
        None => uri,
    };
    let after_scheme = inner.split_once(':').map_or(inner, |(_, rest)| rest);
    let (user, _) = after_scheme.split_once('@')?;
    let user = user.split([';', ':']).next().unwrap_or_default();
    (!user.is_empty()).then_some(user)
}

/// Seconds since the Unix epoch at engine time `at`, given engine time `now`.
fn unix_at(now: Duration, at: Duration) -> u64 {
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    (wall + at.saturating_sub(now)).as_secs()
}

/// What the face is told about a registration event, at engine time `now`.
pub fn registration_state(event: &RegistrationEvent, now: Duration) -> RegistrationState {
    match event {
        RegistrationEvent::Registering => RegistrationState::Registering,
        RegistrationEvent::Registered { expires_at, .. } => RegistrationState::Registered {
            until_unix: unix_at(now, *expires_at),
        },
        RegistrationEvent::Failed { reason, retry_at } => RegistrationState::Failed {
            failure: failure(reason),
            retry_at_unix: retry_at.map(|at| unix_at(now, at)),
        },
        RegistrationEvent::Unregistered => RegistrationState::Off,
    }
}

fn failure(reason: &RegFailure) -> RegistrationFailure {
    match reason {
        RegFailure::AuthFailed => RegistrationFailure::WrongCredentials,
        RegFailure::BadChallenge(detail) => RegistrationFailure::BadChallenge {
            detail: detail.clone(),
        },
        RegFailure::Timeout => RegistrationFailure::NoResponse,
        RegFailure::Rejected { code, reason } => RegistrationFailure::Rejected {
            code: *code,
            text: reason.clone(),
        },
    }
}

/// Whether the engine must start over with this account: anything that goes into its
/// REGISTER or its password lookup changed.
pub fn registration_changed(old: &Account, new: &Account) -> bool {
    old.user != new.user
        || old.domain != new.domain
        || old.auth_user != new.auth_user
        || old.outbound_proxy != new.outbound_proxy
        || old.transport != new.transport
        || old.expires != new.expires
        || old.display_name != new.display_name
        || old.password_storage != new.password_storage
}

/// Whether the account should hold a registration.
pub fn wants_registration(account: &Account) -> bool {
    account.enabled && account.register
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AccountId;

    fn account() -> Account {
        Account::new(AccountId(1), "alice", "example.com")
    }

    #[test]
    fn the_outbound_proxy_becomes_a_loose_route() {
        let mut a = account();
        assert_eq!(proxy_route(&a), None);
        a.outbound_proxy = Some("sip:proxy.example.com:5080;lr".into());
        assert_eq!(
            proxy_route(&a).as_deref(),
            Some("<sip:proxy.example.com:5080;lr>")
        );
        a.outbound_proxy = Some("sip:".into());
        assert_eq!(proxy_route(&a), None);
    }

    #[test]
    fn typed_targets_are_completed_with_the_account_domain() {
        let a = account();
        assert_eq!(complete_target("bob", &a), "sip:bob@example.com");
        assert_eq!(complete_target("bob@other.org", &a), "sip:bob@other.org");
        assert_eq!(complete_target("sip:bob@x:5070", &a), "sip:bob@x:5070");
    }

    #[test]
    fn the_user_of_a_uri_is_found_in_name_addrs() {
        assert_eq!(uri_user("\"Bob\" <sip:bob@host;x=y>"), Some("bob"));
        assert_eq!(uri_user("sip:alice@example.com:5060"), Some("alice"));
        assert_eq!(uri_user("sip:example.com"), None);
    }

    #[test]
    fn a_refused_password_is_wrong_credentials_without_retry() {
        let state = registration_state(
            &RegistrationEvent::Failed {
                reason: RegFailure::AuthFailed,
                retry_at: None,
            },
            Duration::from_secs(5),
        );
        assert_eq!(
            state,
            RegistrationState::Failed {
                failure: RegistrationFailure::WrongCredentials,
                retry_at_unix: None
            }
        );
    }
}
