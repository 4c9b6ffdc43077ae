//! Registering again sooner or elsewhere than the user agent's back-off alone would: once
//! soon after a lost binding, at once when a TCP/TLS flow breaks, and at the next target of
//! the next hop when one stops answering (RFC 3263 4.3), looking the name up again once
//! every target has failed.

use super::super::hop::account_hop;
use super::super::Runner;
use crate::config::AccountId;
use crate::engine::api::{Event, RegistrationFailure, RegistrationState};
use crate::engine::resolve::round_retry_delay;
use crate::sip::Transport;
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// After a registrar that had accepted us stops answering (a restart, a short outage), try
/// again this soon, once, before the user agent's back-off (30 s and up) takes over: a
/// restarted registrar is usually back within seconds, and one extra REGISTER is no storm.
pub(super) const LOST_BINDING_RETRY: Duration = Duration::from_secs(2);

/// A registration whose TCP/TLS flow breaks re-registers at once, but not more often than
/// this: a server that drops every connection must not get a REGISTER storm.
const FLOW_RETRY_GAP: Duration = Duration::from_secs(30);

impl Runner {
    /// When the next early retry or re-resolution is due.
    pub(in crate::engine::runner) fn early_retry_deadline(&self) -> Option<Duration> {
        self.active
            .values()
            .flat_map(|a| [a.early_retry_at, a.reresolve_at])
            .flatten()
            .min()
    }

    /// Send the due early retries, and look up again the next hops whose round is due.
    pub(in crate::engine::runner) async fn fire_early_retries(&mut self) {
        let now = self.now();
        let mut due = Vec::new();
        let mut lookups = Vec::new();
        for active in self.active.values_mut() {
            if active.early_retry_at.is_some_and(|at| at <= now) {
                active.early_retry_at = None;
                due.extend(active.registration);
            }
            if active.reresolve_at.is_some_and(|at| at <= now) {
                active.reresolve_at = None;
                lookups.push(active.account.id);
            }
        }
        for key in due {
            if let Err(e) = self.ua.reregister(now, key) {
                tracing::debug!("early re-registration failed: {e}");
            }
        }
        for id in lookups {
            self.look_up_again(id).await;
        }
    }

    /// The TCP/TLS flow to `peer` broke after it had been set up: registrations on it
    /// register again at once over a fresh connection (RFC 5626 4.4.1), at most once per
    /// [`FLOW_RETRY_GAP`]; later breaks wait for the early retry.
    pub(in crate::engine::runner) fn reregister_on_flow(
        &mut self,
        peer: SocketAddr,
        transport: Transport,
    ) {
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

    /// `id`'s REGISTER got no answer (or a transport error). With more than one target, the
    /// attempt moves to the next one at once; after the last one the face hears of the
    /// failure and the name is looked up again at the back-off. `false` leaves a single
    /// target to the user agent's own retries, as before.
    pub(super) fn fail_over_registration(&mut self, id: AccountId) -> bool {
        let Some(active) = self.active.get_mut(&id) else {
            return false;
        };
        let Some(targets) = active.targets.as_mut().filter(|t| !t.is_single()) else {
            return false;
        };
        let next = targets.advance();
        let old = active.registration.take();
        let flow = active.destination.map(|d| (d, active.transport));
        active.keepalive = None;
        active.bound = false;
        active.early_retry_at = None;
        let account = active.account.clone();
        if let Some(key) = old {
            self.forget_registration(key);
        }
        if let Some((destination, transport)) = flow {
            self.connections
                .set_keepalive(destination, transport, false);
        }
        if let Some(next) = next {
            // That flow's failure is told by this fail-over, not by a later attempt there.
            if let Some(flow) = flow {
                self.flow_failures.remove(&flow);
            }
            let hop = account_hop(&account, next);
            tracing::info!("account {}: no answer; trying {}", id.0, hop.0);
            if let Some(active) = self.active.get_mut(&id) {
                active.destination = Some(hop.0);
                active.transport = hop.1;
            }
            self.register_at(id, hop);
            return true;
        }
        let retry_at_unix = self.schedule_next_round(id);
        let state = RegistrationState::Failed {
            failure: RegistrationFailure::NoResponse,
            retry_at_unix,
        };
        let state = self.explain_flow_failure(flow, state);
        self.emit(Event::Registration { account: id, state });
        true
    }

    /// Every target of `id` failed once more: look the name up again after the back-off.
    /// Returns when that is, in seconds since the Unix epoch.
    pub(super) fn schedule_next_round(&mut self, id: AccountId) -> Option<u64> {
        let now = self.now();
        let active = self.active.get_mut(&id)?;
        active.failed_rounds = active.failed_rounds.saturating_add(1);
        let mut rng = StdRng::seed_from_u64(rand::random());
        let delay = round_retry_delay(active.failed_rounds, &mut rng);
        active.reresolve_at = Some(now + delay);
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Some((wall + delay).as_secs())
    }
}
