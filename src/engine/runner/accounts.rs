//! The runner's side of accounts: registering and unregistering as settings change, dialling
//! from an account, and finding the account an incoming call is for.

use super::account_transport::{account_transport, registrar_uri};
use super::Runner;
use crate::config::secrets::AccountSecrets;
use crate::config::{Account, AccountId, ConfigPaths, Settings};
use crate::engine::accounts::{
    proxy_route, registration_changed, registration_state, uri_user, wants_registration,
};
use crate::engine::api::{Event, RegistrationFailure, RegistrationState};
use crate::media::codec::CodecSpec;
use crate::sip::registration::keepalive::KeepAlive;
use crate::sip::{
    AccountEvent, CallOptions, Credentials, RegistrationConfig, RegistrationKey, Transport,
};
use codec_order::codec_order;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

mod codec_order;
mod network;

/// One account the engine currently acts on.
#[derive(Debug)]
pub(super) struct Active {
    account: Account,
    registration: Option<RegistrationKey>,
    /// The resolved next hop (outbound proxy or registrar).
    destination: Option<SocketAddr>,
    /// How the account's requests travel.
    transport: Transport,
    /// When a broken TCP/TLS flow last made us re-register at once (see [`FLOW_RETRY_GAP`]).
    flow_reregistered_at: Option<Duration>,
    credentials: Option<Credentials>,
    /// The registration failed for good (e.g. a wrong password): nothing to unregister.
    given_up: bool,
    /// The last event was `Registered`: a failure now means a binding was lost.
    bound: bool,
    /// One early retry after a lost binding (engine time), see [`LOST_BINDING_RETRY`].
    early_retry_at: Option<Duration>,
    /// UDP keep-alives to `destination` while registered (see `network.rs`).
    keepalive: Option<KeepAlive>,
}

/// After a registrar that had accepted us stops answering (a restart, a short outage), try
/// again this soon, once, before the user agent's back-off (30 s and up) takes over: a
/// restarted registrar is usually back within seconds, and one extra REGISTER is no storm.
const LOST_BINDING_RETRY: Duration = Duration::from_secs(2);

/// A registration whose TCP/TLS flow breaks re-registers at once, but not more often than
/// this: a server that drops every connection must not get a REGISTER storm.
const FLOW_RETRY_GAP: Duration = Duration::from_secs(30);

impl Runner {
    /// Bring registrations in line with `settings`: new and re-enabled accounts register,
    /// disabled and removed ones unregister, changed ones start over. A changed password
    /// (the face stores it, then applies) or a registration that gave up (e.g. on a wrong
    /// password the user has since corrected) also starts over.
    pub(super) async fn apply_settings(&mut self, settings: Settings) {
        let old: Vec<AccountId> = self.active.keys().copied().collect();
        let retime = settings.network.keepalive_seconds != self.settings.network.keepalive_seconds;
        // Accounts below are resolved with the new network settings (DNS server, transports).
        self.settings.network = settings.network;
        let secrets = self.secrets();
        for id in old {
            let keep = settings.account(id).is_some_and(|new| {
                self.active.get(&id).is_some_and(|a| {
                    let password = secrets.as_ref().and_then(|s| s.get(new).ok().flatten());
                    let same_password = a.credentials.as_ref().map(|c| c.password.as_str())
                        == password.as_ref().map(|p| p.expose());
                    !registration_changed(&a.account, new)
                        && a.account.enabled == new.enabled
                        && a.account.register == new.register
                        && same_password
                        && !a.given_up
                })
            });
            if !keep {
                self.retire(id);
            }
        }
        for account in &settings.accounts {
            if let Some(active) = self.active.get_mut(&account.id) {
                // Unchanged for registration; take the rest (codecs, …) as it is now.
                active.account = account.clone();
                continue;
            }
            if !account.enabled {
                continue;
            }
            self.activate(account.clone()).await;
        }
        self.settings = settings;
        if retime {
            self.retime_keepalives();
        }
    }

    /// Stop acting on an account: unregister it if it holds a registration.
    fn retire(&mut self, id: AccountId) {
        let Some(active) = self.active.remove(&id) else {
            return;
        };
        if let Some(destination) = active.destination {
            self.connections
                .set_keepalive(destination, active.transport, false);
        }
        if let Some(key) = active.registration {
            let now = self.now();
            // Without a binding (e.g. after a wrong password) this sends nothing; it only
            // forgets the registration.
            if self.ua.unregister(now, key).is_ok() {
                self.unregistering.insert(key);
            }
        }
        if wants_registration(&active.account) {
            self.emit(Event::Registration {
                account: id,
                state: RegistrationState::Off,
            });
        }
    }

    async fn activate(&mut self, account: Account) {
        let id = account.id;
        let hop = self.resolve_hop(&account).await;
        let destination = hop
            .as_ref()
            .map(|(address, _)| *address)
            .map_err(Clone::clone);
        let transport = hop
            .as_ref()
            .map_or_else(|_| account_transport(&account), |(_, transport)| *transport);
        let password = match self.secrets() {
            Some(secrets) => secrets.get(&account),
            None => Ok(None),
        };
        let credentials = match &password {
            Ok(Some(p)) => Some(Credentials::new(account.digest_user(), p.expose())),
            _ => None,
        };
        let mut active = Active {
            account: account.clone(),
            registration: None,
            destination: destination.as_ref().ok().copied(),
            transport,
            flow_reregistered_at: None,
            credentials: credentials.clone(),
            given_up: false,
            bound: false,
            early_retry_at: None,
            keepalive: None,
        };
        if wants_registration(&account) {
            let failure = match (&destination, &password, &credentials) {
                (Err(detail), _, _) => Some(RegistrationFailure::Network {
                    detail: detail.clone(),
                }),
                (_, Err(e), _) => Some(RegistrationFailure::Network {
                    detail: format!("cannot read the password: {e}"),
                }),
                (_, _, None) => Some(RegistrationFailure::NoPassword),
                _ => None,
            };
            match (failure, destination) {
                (None, Ok(destination)) => {
                    active.registration =
                        self.start_registration(&account, (destination, transport), credentials);
                    if transport.is_reliable() {
                        self.connections.set_keepalive(destination, transport, true);
                    }
                }
                (failure, _) => self.emit(Event::Registration {
                    account: id,
                    state: RegistrationState::Failed {
                        failure: failure.unwrap_or(RegistrationFailure::NoPassword),
                        retry_at_unix: None,
                    },
                }),
            }
        }
        self.active.insert(id, active);
    }

    fn start_registration(
        &mut self,
        account: &Account,
        (destination, transport): (SocketAddr, Transport),
        credentials: Option<Credentials>,
    ) -> Option<RegistrationKey> {
        let config = RegistrationConfig {
            registrar_uri: registrar_uri(account),
            aor: account.address_of_record(),
            display_name: Some(account.display_name.clone()).filter(|d| !d.is_empty()),
            contact_user: account.user.clone(),
            expires: account.expires,
            instance_id: None,
            reg_id: None,
            credentials,
            destination,
            transport,
            routes: proxy_route(account).into_iter().collect(),
        };
        let now = self.now();
        match self.ua.register(now, config) {
            Ok(key) => Some(key),
            Err(e) => {
                self.emit(Event::Registration {
                    account: account.id,
                    state: RegistrationState::Failed {
                        failure: RegistrationFailure::Rejected {
                            code: 0,
                            text: e.to_string(),
                        },
                        retry_at_unix: None,
                    },
                });
                None
            }
        }
    }

    /// Secrets given at start, else the user's usual stores (a face that only sends
    /// ApplySettings).
    fn secrets(&mut self) -> Option<Arc<AccountSecrets>> {
        if self.secrets.is_none() {
            if let Ok(paths) = ConfigPaths::xdg() {
                self.secrets = Some(Arc::new(AccountSecrets::new(&paths)));
            }
        }
        self.secrets.clone()
    }

    /// Report registration events to the face.
    pub(super) fn drain_account_events(&mut self) {
        while let Some(event) = self.ua.poll_account_event() {
            let AccountEvent::Registration {
                registration,
                event,
            } = event
            else {
                continue;
            };
            if self.unregistering.contains(&registration) {
                if matches!(
                    event,
                    crate::sip::RegistrationEvent::Unregistered
                        | crate::sip::RegistrationEvent::Failed { .. }
                ) {
                    self.unregistering.remove(&registration);
                }
                continue;
            }
            self.keep_alive_on(registration, &event);
            let now = self.now();
            let owner = self
                .active
                .values_mut()
                .find(|a| a.registration == Some(registration));
            if let Some(active) = owner {
                active.given_up = matches!(
                    event,
                    crate::sip::RegistrationEvent::Failed { retry_at: None, .. }
                );
                let lost = active.bound
                    && matches!(
                        event,
                        crate::sip::RegistrationEvent::Failed {
                            retry_at: Some(_),
                            ..
                        }
                    );
                active.early_retry_at = lost.then_some(now + LOST_BINDING_RETRY);
                active.bound = matches!(event, crate::sip::RegistrationEvent::Registered { .. });
                let account = active.account.id;
                let flow = active.destination.map(|d| (d, active.transport));
                let state = registration_state(&event, now);
                let state = self.explain_flow_failure(flow, state);
                self.emit(Event::Registration { account, state });
            }
        }
    }

    /// Unregister every account (Quit).
    pub(super) fn unregister_all(&mut self) {
        let ids: Vec<AccountId> = self.active.keys().copied().collect();
        for id in ids {
            self.retire(id);
        }
    }

    /// The account to dial from: the one asked for, else the default one.
    pub(super) fn dialling_account(
        &self,
        asked: Option<AccountId>,
    ) -> Result<Option<AccountId>, String> {
        match asked {
            Some(id) => match self.active.get(&id) {
                Some(_) => Ok(Some(id)),
                None => Err(format!("account {} does not exist or is disabled", id.0)),
            },
            None => Ok(self
                .settings
                .dialling_account()
                .map(|a| a.id)
                .filter(|id| self.active.contains_key(id))),
        }
    }

    /// The codecs a call on `account` (None: peer-to-peer) offers, or accepts when answering,
    /// best first. See [`codec_order`] for which list wins.
    pub(super) fn call_codecs(&self, account: Option<AccountId>) -> Vec<CodecSpec> {
        let account = account
            .and_then(|id| self.active.get(&id))
            .map(|a| &a.account);
        codec_order(&self.config.codecs, account)
    }

    /// The account's next hop, its identity and credentials for an INVITE.
    pub(super) async fn call_setup(
        &mut self,
        id: AccountId,
    ) -> Result<(Account, SocketAddr, CallOptions), String> {
        let active = self
            .active
            .get(&id)
            .ok_or_else(|| format!("account {} is not active", id.0))?;
        let account = active.account.clone();
        let credentials = active.credentials.clone();
        let (destination, transport) = match active.destination {
            Some(d) => (d, active.transport),
            None => self.resolve_hop(&account).await?,
        };
        let options = CallOptions {
            credentials,
            from_uri: Some(account.address_of_record()),
            display_name: Some(account.display_name.clone()).filter(|d| !d.is_empty()),
            contact_addr: self.learnt_contact(id),
            transport,
        };
        Ok((account, destination, options))
    }

    /// The account an incoming call is for, by the user of its To URI. `Err` when accounts
    /// exist and neither one of them nor our peer-to-peer user is addressed (→ 404).
    pub(super) fn incoming_account(&self, to: &str) -> Result<Option<AccountId>, ()> {
        if self.active.is_empty() {
            return Ok(None);
        }
        let user = uri_user(to);
        let owner = self
            .active
            .values()
            .find(|a| user == Some(a.account.user.as_str()))
            .map(|a| a.account.id);
        match owner {
            Some(id) => Ok(Some(id)),
            None if user == Some(self.config.user.as_str()) || user.is_none() => Ok(None),
            None => Err(()),
        }
    }

    /// When the next early retry after a lost binding is due.
    pub(super) fn early_retry_deadline(&self) -> Option<Duration> {
        self.active.values().filter_map(|a| a.early_retry_at).min()
    }

    /// Send the due early retries.
    pub(super) fn fire_early_retries(&mut self) {
        let now = self.now();
        let mut due = Vec::new();
        for active in self.active.values_mut() {
            if active.early_retry_at.is_some_and(|at| at <= now) {
                active.early_retry_at = None;
                due.extend(active.registration);
            }
        }
        for key in due {
            if let Err(e) = self.ua.reregister(now, key) {
                tracing::debug!("early re-registration failed: {e}");
            }
        }
    }

    /// The TCP/TLS flow to `peer` broke after it had been set up: registrations on it
    /// register again at once over a fresh connection (RFC 5626 4.4.1), at most once per
    /// [`FLOW_RETRY_GAP`]; later breaks wait for the early retry.
    pub(super) fn reregister_on_flow(&mut self, peer: SocketAddr, transport: Transport) {
        let now = self.now();
        let mut due = Vec::new();
        for active in self.active.values_mut() {
            if active.destination != Some(peer) || active.transport != transport {
                continue;
            }
            let Some(key) = active.registration else {
                continue;
            };
            let recent = active
                .flow_reregistered_at
                .is_some_and(|at| now < at + FLOW_RETRY_GAP);
            if recent {
                active.early_retry_at = Some(now + FLOW_RETRY_GAP);
            } else {
                active.flow_reregistered_at = Some(now);
                due.push(key);
            }
        }
        for key in due {
            if let Err(e) = self.ua.reregister(now, key) {
                tracing::debug!("re-registration after a broken flow failed: {e}");
            }
        }
    }

    pub(super) fn is_unregistering(&self) -> bool {
        !self.unregistering.is_empty()
    }
}
