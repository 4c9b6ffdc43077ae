//! Staying registered through network changes and NAT: re-registering every account when the
//! network watch sees a resume or a new address, and UDP keep-alives to each registered
//! account's next hop.

use super::super::Runner;
use crate::config::{AccountId, Transport};
use crate::engine::network_watch::{Change, Notice};
use crate::sip::registration::keepalive::KeepAlive;
use crate::sip::{CallKey, RegistrationEvent, RegistrationKey};
use std::net::SocketAddr;
use std::time::Duration;

impl Runner {
    /// When the next keep-alive is due (engine time); `None` without any.
    pub(in crate::engine::runner) fn keepalive_deadline(&self) -> Option<Duration> {
        self.active
            .values()
            .filter_map(|a| a.keepalive.as_ref().map(KeepAlive::deadline))
            .min()
    }

    /// Something may have changed: read the system, and act on what did.
    pub(in crate::engine::runner) async fn on_network_notice(&mut self, notice: Notice) {
        let Some(change) = self.network.check() else {
            tracing::trace!("network notice ({notice:?}): nothing changed");
            return;
        };
        let reregister = change.wants_reregistration();
        self.on_network_change(change);
        if reregister {
            self.look_up_stranded().await;
        }
    }

    /// Send the keep-alives that are due.
    pub(in crate::engine::runner) async fn send_keepalives(&mut self) {
        let now = self.now();
        let mut due = Vec::new();
        for active in self.active.values_mut() {
            due.extend(active.keepalive.as_mut().and_then(|k| k.poll_transmit(now)));
        }
        for ping in due {
            if let Err(e) = self.socket.send_to(&ping.payload, ping.destination).await {
                tracing::debug!("keep-alive to {} failed: {e}", ping.destination);
            }
        }
    }

    /// Advertise the new address, and register every account again at once: the registrar
    /// and any NAT on the way may have lost our binding while we slept or moved.
    fn on_network_change(&mut self, change: Change) {
        if let Some(ip) = change.new_address() {
            self.advertised = SocketAddr::new(ip, self.advertised.port());
            self.ua.set_local_addr(self.advertised);
            self.move_calls(ip);
        }
        tracing::debug!(
            "network change (slept {:?}, address {:?}); advertising {}",
            change.slept,
            change.address,
            self.advertised
        );
        if !change.wants_reregistration() {
            return;
        }
        let now = self.now();
        let keys: Vec<RegistrationKey> = self
            .active
            .values()
            .filter_map(|a| a.registration)
            .collect();
        for key in keys {
            if let Err(e) = self.ua.reregister(now, key) {
                tracing::debug!("re-registration after a network change failed: {e}");
            }
        }
    }

    /// After a network change, accounts that found no next hop (e.g. started offline) or
    /// wait for their next round look their next hop up again at once.
    async fn look_up_stranded(&mut self) {
        let ids: Vec<AccountId> = self.active.keys().copied().collect();
        for id in ids {
            if self.is_stranded(id) {
                self.look_up_again(id).await;
            }
        }
    }

    /// Keep-alives run while an account over UDP holds a binding: they start with
    /// `Registered`, a refresh postpones the next one, and any failure stops them.
    pub(super) fn keep_alive_on(
        &mut self,
        registration: RegistrationKey,
        event: &RegistrationEvent,
    ) {
        let now = self.now();
        let interval = Duration::from_secs(u64::from(self.settings.network.keepalive_seconds));
        let Some(active) = self
            .active
            .values_mut()
            .find(|a| a.registration == Some(registration))
        else {
            return;
        };
        let over_udp = active.account.transport == Transport::Udp;
        match (event, active.keepalive.as_mut(), active.destination) {
            (RegistrationEvent::Registered { .. }, Some(keepalive), Some(hop))
                if keepalive.destination() == hop =>
            {
                keepalive.traffic_sent(now);
            }
            (RegistrationEvent::Registered { .. }, _, Some(hop)) if over_udp => {
                active.keepalive = KeepAlive::new(now, hop, interval);
            }
            _ => active.keepalive = None,
        }
    }

    /// The keep-alive interval in the settings changed: restart the keep-alives of the
    /// accounts over UDP that hold a binding with the new one (0 stops them).
    pub(super) fn retime_keepalives(&mut self) {
        let now = self.now();
        let interval = Duration::from_secs(u64::from(self.settings.network.keepalive_seconds));
        for active in self.active.values_mut() {
            active.keepalive = match active.destination {
                Some(hop) if active.bound && active.account.transport == Transport::Udp => {
                    KeepAlive::new(now, hop, interval)
                }
                _ => None,
            };
        }
    }
}

impl Runner {
    /// The public address `account`'s registration learnt (RFC 3581 `received`/`rport`), for
    /// the Contact of its calls: in-dialog requests then reach us through the NAT.
    pub(in crate::engine::runner) fn learnt_contact(
        &self,
        account: AccountId,
    ) -> Option<SocketAddr> {
        let key = self.active.get(&account)?.registration?;
        self.ua.registration_public_address(key)
    }

    /// Put the learnt address of `account` (if any) in our Contact of incoming call `call`.
    pub(in crate::engine::runner) fn use_learnt_contact(
        &mut self,
        call: CallKey,
        account: Option<AccountId>,
    ) {
        let learnt = account.and_then(|id| self.learnt_contact(id));
        if let Err(e) = self.ua.set_call_contact(call, learnt) {
            tracing::debug!("cannot set the Contact of an incoming call: {e}");
        }
    }
}
