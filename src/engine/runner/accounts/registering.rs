//! Starting an account: reading its password, looking its next hop up (in the background
//! for a host name), and registering once the hop is known; and telling the face how each
//! registration goes.

use super::super::account_transport::{account_transport, registrar_uri};
use super::super::hop::{account_hop, Hop};
use super::super::lookups::{Answer, Purpose};
use super::super::Runner;
use super::Active;
use crate::config::{Account, AccountId};
use crate::engine::accounts::{proxy_route, registration_state, wants_registration};
use crate::engine::api::{Event, RegistrationFailure, RegistrationState};
use crate::engine::resolve::{account_request, TargetList};
use crate::sip::{AccountEvent, Credentials, RegFailure, RegistrationConfig, RegistrationEvent};

impl Runner {
    /// Act on `account`: look its next hop up, and register once that is known.
    pub(super) async fn activate(&mut self, account: Account) {
        let id = account.id;
        let password = match self.secrets() {
            Some(secrets) => secrets.get(&account),
            None => Ok(None),
        };
        let credentials = match &password {
            Ok(Some(p)) => Some(Credentials::new(account.digest_user(), p.expose())),
            _ => None,
        };
        let generation = self.lookups.new_generation();
        let active = Active {
            transport: account_transport(&account),
            account: account.clone(),
            registration: None,
            destination: None,
            targets: None,
            generation,
            flow_reregistered_at: None,
            credentials,
            password_error: password
                .err()
                .map(|e| format!("cannot read the password: {e}")),
            given_up: false,
            bound: false,
            early_retry_at: None,
            failed_rounds: 0,
            reresolve_at: None,
            keepalive: None,
        };
        self.active.insert(id, active);
        self.look_up_account(id, generation).await;
    }

    /// Look `id`'s next hop up afresh, as a new generation: a lookup of it still running is
    /// stopped, and its answer would be dropped anyway.
    pub(super) async fn look_up_again(&mut self, id: AccountId) {
        let generation = self.lookups.new_generation();
        let Some(active) = self.active.get_mut(&id) else {
            return;
        };
        let old = Purpose::Account {
            id,
            generation: active.generation,
        };
        active.generation = generation;
        active.reresolve_at = None;
        self.lookups.cancel(old);
        self.look_up_account(id, generation).await;
    }

    /// Whether `id` holds no registration and waits for nothing to get one: its lookup
    /// failed, or every target failed and the next round is scheduled. Such an account is
    /// worth looking up again when the network or its settings change.
    pub(super) fn is_stranded(&self, id: AccountId) -> bool {
        self.active.get(&id).is_some_and(|a| {
            let looking = self.lookups.is_running(Purpose::Account {
                id,
                generation: a.generation,
            });
            a.registration.is_none()
                && !looking
                && (a.targets.is_none() || a.reresolve_at.is_some())
        })
    }

    /// Look `id`'s next hop up as lookup `generation`; an IP literal is known at once.
    async fn look_up_account(&mut self, id: AccountId, generation: u64) {
        let Some(account) = self.active.get(&id).map(|a| a.account.clone()) else {
            return;
        };
        let answer = match account_request(&account) {
            Ok(request) => {
                let purpose = Purpose::Account { id, generation };
                match self.look_up(request, purpose).await {
                    Some(answer) => answer,
                    None => return,
                }
            }
            Err(e) => Err(e.to_string()),
        };
        self.on_account_hop(id, generation, answer);
    }

    /// The lookup of `id`'s next hop answered: remember the targets and register with the
    /// best one. An answer for an account since retired or restarted is dropped.
    pub(in crate::engine::runner) fn on_account_hop(
        &mut self,
        id: AccountId,
        generation: u64,
        answer: Answer,
    ) {
        let Some(active) = self
            .active
            .get_mut(&id)
            .filter(|a| a.generation == generation)
        else {
            return;
        };
        if active.registration.is_some() {
            // A registration already holds its hop; it fails over on its own.
            return;
        }
        let account = active.account.clone();
        let targets = answer.and_then(|found| {
            TargetList::new(found).ok_or_else(|| format!("no SIP server for {}", account.domain))
        });
        let targets = match targets {
            Ok(targets) => targets,
            Err(detail) => return self.hop_not_found(id, detail),
        };
        let hops: Vec<Hop> = targets
            .remaining()
            .iter()
            .map(|t| account_hop(&account, *t))
            .collect();
        let hop = account_hop(&account, targets.current());
        active.destination = Some(hop.0);
        active.transport = hop.1;
        active.targets = Some(targets);
        let failure = match (&active.password_error, &active.credentials) {
            (Some(detail), _) => Some(RegistrationFailure::Network {
                detail: detail.clone(),
            }),
            (None, None) => Some(RegistrationFailure::NoPassword),
            (None, Some(_)) => None,
        };
        self.trust_account_hops(&account, &hops);
        self.sync_screening();
        if !wants_registration(&account) {
            return;
        }
        match failure {
            Some(failure) => self.emit(Event::Registration {
                account: id,
                state: RegistrationState::Failed {
                    failure,
                    retry_at_unix: None,
                },
            }),
            None => self.register_at(id, hop),
        }
    }

    /// No next hop for `id`. At activation that is final until the settings change; after
    /// every target failed (a re-resolution) the next round is tried at the back-off.
    fn hop_not_found(&mut self, id: AccountId, detail: String) {
        let Some(active) = self.active.get(&id) else {
            return;
        };
        if !wants_registration(&active.account) {
            return;
        }
        let retry_at_unix = if active.failed_rounds > 0 {
            self.schedule_next_round(id)
        } else {
            None
        };
        self.emit(Event::Registration {
            account: id,
            state: RegistrationState::Failed {
                failure: RegistrationFailure::Network { detail },
                retry_at_unix,
            },
        });
    }

    /// Start `id`'s registration at `hop` (a fresh one: its earlier one, if any, is gone).
    pub(super) fn register_at(&mut self, id: AccountId, (destination, transport): Hop) {
        let Some(active) = self.active.get(&id) else {
            return;
        };
        let account = &active.account;
        let config = RegistrationConfig {
            registrar_uri: registrar_uri(account),
            aor: account.address_of_record(),
            display_name: Some(account.display_name.clone()).filter(|d| !d.is_empty()),
            contact_user: account.user.clone(),
            expires: account.expires,
            instance_id: None,
            reg_id: None,
            credentials: active.credentials.clone(),
            destination,
            transport,
            routes: proxy_route(account).into_iter().collect(),
        };
        let now = self.now();
        match self.ua.register(now, config) {
            Ok(key) => {
                if let Some(active) = self.active.get_mut(&id) {
                    active.registration = Some(key);
                }
                if transport.is_reliable() {
                    self.connections.set_keepalive(destination, transport, true);
                }
            }
            Err(e) => self.emit(Event::Registration {
                account: id,
                state: RegistrationState::Failed {
                    failure: RegistrationFailure::Rejected {
                        code: 0,
                        text: e.to_string(),
                    },
                    retry_at_unix: None,
                },
            }),
        }
    }

    /// Report registration events to the face. Returns whether there were any: acting on one
    /// can give the user agent more to send (a fail-over registers at the next target).
    pub(in crate::engine::runner) fn drain_account_events(&mut self) -> bool {
        let mut any = false;
        while let Some(event) = self.ua.poll_account_event() {
            any = true;
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
                    RegistrationEvent::Unregistered | RegistrationEvent::Failed { .. }
                ) {
                    self.unregistering.remove(&registration);
                }
                continue;
            }
            let Some(id) = self
                .active
                .values()
                .find(|a| a.registration == Some(registration))
                .map(|a| a.account.id)
            else {
                continue;
            };
            let unanswered = matches!(
                event,
                RegistrationEvent::Failed {
                    reason: RegFailure::Timeout,
                    retry_at: Some(_),
                }
            );
            // RFC 3263 4.3: no answer (or a transport error) moves on to the next target.
            if unanswered && self.fail_over_registration(id) {
                continue;
            }
            self.keep_alive_on(registration, &event);
            self.report_registration(id, &event);
        }
        any
    }

    fn report_registration(&mut self, id: AccountId, event: &RegistrationEvent) {
        let now = self.now();
        let Some(active) = self.active.get_mut(&id) else {
            return;
        };
        active.given_up = matches!(event, RegistrationEvent::Failed { retry_at: None, .. });
        let lost = active.bound
            && matches!(
                event,
                RegistrationEvent::Failed {
                    retry_at: Some(_),
                    ..
                }
            );
        active.early_retry_at = lost.then_some(now + super::retries::LOST_BINDING_RETRY);
        active.bound = matches!(event, RegistrationEvent::Registered { .. });
        if active.bound {
            active.failed_rounds = 0;
        }
        let flow = active.destination.map(|d| (d, active.transport));
        let state = registration_state(event, now);
        let state = self.explain_flow_failure(flow, state);
        self.emit(Event::Registration { account: id, state });
    }
}
