//! The runner's side of accounts: which accounts it acts on as settings change, dialling
//! from an account, and finding the account an incoming call is for. Registering lives in
//! `registering.rs`, retries and fail-over in `retries.rs`, network changes in `network.rs`.

use super::lookups::Purpose;
use super::Runner;
use crate::config::secrets::AccountSecrets;
use crate::config::{Account, AccountId, ConfigPaths, Settings};
use crate::engine::accounts::{registration_changed, wants_registration};
use crate::engine::api::{Event, RegistrationState};
use crate::engine::resolve::TargetList;
use crate::media::codec::CodecSpec;
use crate::sip::registration::keepalive::KeepAlive;
use crate::sip::{Credentials, RegistrationKey, Transport};
use codec_order::codec_order;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

mod codec_order;
mod network;
mod registering;
mod retries;

/// One account the engine currently acts on.
#[derive(Debug)]
pub(super) struct Active {
    pub(super) account: Account,
    registration: Option<RegistrationKey>,
    /// The next hop in use (outbound proxy or registrar): the current one of `targets`.
    pub(super) destination: Option<SocketAddr>,
    /// How the account's requests travel.
    pub(super) transport: Transport,
    /// What the last lookup of the next hop found, and which of it is in use (RFC 3263 4.3);
    /// `None` until a lookup answers.
    pub(super) targets: Option<TargetList>,
    /// Tells this activation's lookups from stale ones (see [`Purpose::Account`]).
    generation: u64,
    /// When a broken TCP/TLS flow last made us re-register at once (see `retries.rs`).
    flow_reregistered_at: Option<Duration>,
    pub(super) credentials: Option<Credentials>,
    /// Why the password could not be read, if it could not.
    password_error: Option<String>,
    /// The registration failed for good (e.g. a wrong password): nothing to unregister.
    given_up: bool,
    /// The last event was `Registered`: a failure now means a binding was lost.
    bound: bool,
    /// One early retry after a lost binding (engine time), see `retries.rs`.
    early_retry_at: Option<Duration>,
    /// Every target failed this many times in a row (see `retries.rs`).
    failed_rounds: u32,
    /// When to look the next hop up again after every target failed (engine time).
    reresolve_at: Option<Duration>,
    /// UDP keep-alives to `destination` while registered (see `network.rs`).
    keepalive: Option<KeepAlive>,
}

impl Runner {
    /// Bring registrations in line with `settings`: new and re-enabled accounts register,
    /// disabled and removed ones unregister, changed ones start over. A changed password
    /// (the face stores it, then applies) or a registration that gave up (e.g. on a wrong
    /// password the user has since corrected) also starts over.
    pub(super) async fn apply_settings(&mut self, settings: Settings) {
        let old: Vec<AccountId> = self.active.keys().copied().collect();
        let retime = settings.network.keepalive_seconds != self.settings.network.keepalive_seconds;
        let dns_changed = settings.network.dns_server != self.settings.network.dns_server
            || settings.network.transports != self.settings.network.transports;
        // Accounts below are resolved with the new network settings (DNS server, transports).
        self.settings.network = settings.network;
        self.settings.audio = settings.audio.clone();
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
                let waiting = active.registration.is_none() && active.targets.is_none();
                // Applying is a new try for an account whose next hop was not found, and a
                // lookup still asking the old name server is stale.
                if self.is_stranded(account.id) || (waiting && dns_changed) {
                    self.look_up_again(account.id).await;
                }
                continue;
            }
            if !account.enabled {
                continue;
            }
            self.activate(account.clone()).await;
        }
        self.settings = settings;
        self.sync_screening();
        if retime {
            self.retime_keepalives();
        }
    }

    /// Stop acting on an account: unregister it if it holds a registration. A lookup of its
    /// next hop still running is stopped (its answer would be stale anyway).
    fn retire(&mut self, id: AccountId) {
        let Some(active) = self.active.remove(&id) else {
            return;
        };
        self.sync_screening();
        self.lookups.cancel(Purpose::Account {
            id,
            generation: active.generation,
        });
        if let Some(destination) = active.destination {
            self.connections
                .set_keepalive(destination, active.transport, false);
        }
        if let Some(key) = active.registration {
            self.forget_registration(key);
        }
        if wants_registration(&active.account) {
            self.emit(Event::Registration {
                account: id,
                state: RegistrationState::Off,
            });
        }
    }

    /// Unregister `key`, and swallow its remaining events. Without a binding (e.g. after a
    /// wrong password, or a registrar that never answered) this sends nothing; it only
    /// forgets the registration.
    fn forget_registration(&mut self, key: RegistrationKey) {
        let now = self.now();
        if self.ua.unregister(now, key).is_ok() {
            self.unregistering.insert(key);
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

    pub(super) fn is_unregistering(&self) -> bool {
        !self.unregistering.is_empty()
    }
}
