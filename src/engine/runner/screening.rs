//! Keeping the user agent's screening of incoming calls (see `sip/ua/screening.rs`) in line
//! with the accounts and settings: who may ring, from where, and for how long.

use super::Runner;
use crate::config::AccountId;
use crate::sip::{AccountGate, RateLimit, Screening};

impl Runner {
    /// Turn screening, the ring timeout and the per-source limit on, as the engine starts.
    pub(super) fn start_screening(&mut self) {
        self.ua.set_rate_limit(Some(RateLimit::default()));
        self.sync_screening();
    }

    /// Tell the user agent the accounts calls may come in on now, their servers' resolved
    /// addresses, and the General settings' direct calls and ring timeout. Called whenever
    /// an account, its lookup or the settings change.
    pub(super) fn sync_screening(&mut self) {
        let accounts = self
            .active
            .values()
            .map(|active| {
                let mut servers: Vec<_> = active
                    .targets
                    .iter()
                    .flat_map(|t| t.all())
                    .map(|t| t.addr)
                    .chain(active.destination)
                    .collect();
                servers.sort();
                servers.dedup();
                AccountGate {
                    account: u64::from(active.account.id.0),
                    user: active.account.user.clone(),
                    servers,
                }
            })
            .collect();
        let general = &self.settings.general;
        self.ua.set_screening(Some(Screening {
            peer_user: self.config.user.clone(),
            allow_direct: general.allow_direct_calls,
            accounts,
        }));
        self.ua.set_ring_timeout(Some(general.ring_timeout()));
    }
}

/// The engine's id of the account a call came in on, from the user agent's gate id.
pub(super) fn account_of_gate(gate: Option<u64>) -> Option<AccountId> {
    gate.and_then(|id| u32::try_from(id).ok()).map(AccountId)
}
