//! Finding the next deadline and firing expired timers of transactions and calls.

use std::time::Duration;

use super::{ClientTx, ServerTx, TxAction, UserAgent};
use crate::sip::transaction::key::{ClientKey, ServerKey};

impl UserAgent {
    pub(super) fn next_deadline(&self) -> Option<Duration> {
        let clients = self.clients.values().filter_map(|e| match &e.tx {
            ClientTx::Invite(tx) => tx.timers.next_deadline(),
            ClientTx::NonInvite(tx) => tx.timers.next_deadline(),
        });
        let servers = self.servers.values().filter_map(|e| match &e.tx {
            ServerTx::Invite(tx) => tx.timers.next_deadline(),
            ServerTx::NonInvite(tx) => tx.timers.next_deadline(),
        });
        let calls = self.calls.values().filter_map(|c| c.timers.next_deadline());
        let registrations = self.registration_deadline();
        clients
            .chain(servers)
            .chain(calls)
            .chain(registrations)
            .min()
    }

    pub(super) fn fire_timers(&mut self, now: Duration) {
        let client_keys: Vec<_> = self.clients.keys().cloned().collect();
        for key in client_keys {
            while let Some(actions) = self.fire_one_client_timer(now, &key) {
                self.run_client_actions(now, &key, actions);
            }
        }
        let server_keys: Vec<_> = self.servers.keys().cloned().collect();
        for key in server_keys {
            while let Some(actions) = self.fire_one_server_timer(now, &key) {
                self.run_server_actions(&key, actions);
            }
        }
        let call_keys: Vec<_> = self.calls.keys().copied().collect();
        for key in call_keys {
            while let Some((timer, interval)) = self
                .calls
                .get_mut(&key)
                .and_then(|c| c.timers.pop_expired(now))
            {
                self.on_call_timer(now, key, timer, interval);
            }
        }
        self.fire_registration_timers(now);
    }

    /// Fire the earliest expired timer of a client transaction, if any.
    fn fire_one_client_timer(&mut self, now: Duration, key: &ClientKey) -> Option<Vec<TxAction>> {
        match &mut self.clients.get_mut(key)?.tx {
            ClientTx::Invite(tx) => {
                let (timer, interval) = tx.timers.pop_expired(now)?;
                Some(tx.on_timer(now, timer, interval))
            }
            ClientTx::NonInvite(tx) => {
                let (timer, interval) = tx.timers.pop_expired(now)?;
                Some(tx.on_timer(now, timer, interval))
            }
        }
    }

    /// Fire the earliest expired timer of a server transaction, if any.
    fn fire_one_server_timer(&mut self, now: Duration, key: &ServerKey) -> Option<Vec<TxAction>> {
        match &mut self.servers.get_mut(key)?.tx {
            ServerTx::Invite(tx) => {
                let (timer, interval) = tx.timers.pop_expired(now)?;
                Some(tx.on_timer(now, timer, interval))
            }
            ServerTx::NonInvite(tx) => {
                let (timer, _) = tx.timers.pop_expired(now)?;
                Some(tx.on_timer(timer))
            }
        }
    }
}
