//! Hosting registrations: REGISTER transactions, their responses and timeouts, refresh and
//! retry timers, and the account events the driver drains with `poll_account_event`.

use core::net::SocketAddr;
use std::time::Duration;

use rand::Rng;

use super::{AccountEvent, Purpose, SipError, UserAgent, NO_CALL};
use crate::sip::message::build::is_plausible_uri;
use crate::sip::message::parsed::InResponse;
use crate::sip::registration::{Next, Registration, RegistrationConfig, RegistrationKey};
use crate::sip::transaction::key::ClientKey;
use crate::sip::transport::Flow;

impl UserAgent {
    /// Start registering an account; the first REGISTER goes out at once. Progress comes as
    /// [`AccountEvent::Registration`] from [`Self::poll_account_event`].
    pub fn register(
        &mut self,
        now: Duration,
        config: RegistrationConfig,
    ) -> Result<RegistrationKey, SipError> {
        for uri in [&config.registrar_uri, &config.aor] {
            if !is_plausible_uri(uri) {
                return Err(SipError::InvalidUri(uri.clone()));
            }
        }
        let user_ok = !config.contact_user.is_empty()
            && !config
                .contact_user
                .contains(|c: char| c.is_whitespace() || c.is_control() || "<>\"@;:".contains(c));
        if !user_ok {
            return Err(SipError::InvalidUri(config.contact_user.clone()));
        }
        let key = RegistrationKey(self.next_registration);
        self.next_registration += 1;
        let seed = self.rng.random();
        let mut registration = Registration::new(config, seed, self.timer_values);
        let next = registration.start();
        self.registrations.insert(key, registration);
        self.advance_registration(now, key, next);
        Ok(key)
    }

    /// Remove the account's binding (REGISTER with Expires: 0) and forget the registration;
    /// [`crate::sip::RegistrationEvent::Unregistered`] ends it.
    pub fn unregister(&mut self, now: Duration, key: RegistrationKey) -> Result<(), SipError> {
        let next = self
            .registrations
            .get_mut(&key)
            .ok_or(SipError::UnknownRegistration(key))?
            .unregister();
        self.advance_registration(now, key, next);
        Ok(())
    }

    /// Register again at once (after a network change or a resume from suspend).
    pub fn reregister(&mut self, now: Duration, key: RegistrationKey) -> Result<(), SipError> {
        let next = self
            .registrations
            .get_mut(&key)
            .ok_or(SipError::UnknownRegistration(key))?
            .refresh_now();
        self.advance_registration(now, key, next);
        Ok(())
    }

    /// The address the registrar saw us at (RFC 3581 `received`/`rport`), once known.
    pub fn registration_public_address(&self, key: RegistrationKey) -> Option<SocketAddr> {
        self.registrations.get(&key)?.public_address()
    }

    /// The next registration (or other account) event, if any.
    pub fn poll_account_event(&mut self) -> Option<AccountEvent> {
        self.account_events.pop_front()
    }

    /// Carry out what a registration asked for and collect its events.
    fn advance_registration(&mut self, now: Duration, key: RegistrationKey, next: Next) {
        let next = match next {
            Next::Send => self.send_register(now, key),
            other => other,
        };
        let Some(registration) = self.registrations.get_mut(&key) else {
            return;
        };
        while let Some(event) = registration.pop_event() {
            self.account_events.push_back(AccountEvent::Registration {
                registration: key,
                event,
            });
        }
        if next == Next::Finished {
            self.registrations.remove(&key);
        }
    }

    fn send_register(&mut self, now: Duration, key: RegistrationKey) -> Next {
        let Some(config) = self.registrations.get(&key).map(Registration::config) else {
            return Next::Finished;
        };
        let destination = Flow::new(config.destination, config.transport);
        let (via, branch) = self.new_via(destination.transport);
        let local = self.config.local_addr;
        let Some(registration) = self.registrations.get_mut(&key) else {
            return Next::Finished;
        };
        match registration.build(now, via, local, &self.config.user_agent) {
            Ok(request) => {
                let started = self.start_non_invite(now, request, destination);
                let tx_key = ClientKey::new(&branch, "REGISTER");
                self.add_client(
                    now,
                    tx_key,
                    started,
                    NO_CALL,
                    Purpose::Register(key),
                    destination,
                );
                Next::Wait
            }
            Err(_) => registration.on_unbuildable(),
        }
    }

    pub(super) fn on_register_response(
        &mut self,
        now: Duration,
        key: RegistrationKey,
        response: &InResponse,
    ) {
        if response.code < 200 {
            return;
        }
        if let Some(next) = self
            .registrations
            .get_mut(&key)
            .map(|r| r.on_response(now, response))
        {
            self.advance_registration(now, key, next);
        }
    }

    pub(super) fn on_register_timeout(&mut self, now: Duration, key: RegistrationKey) {
        if let Some(next) = self.registrations.get_mut(&key).map(|r| r.on_timeout(now)) {
            self.advance_registration(now, key, next);
        }
    }

    pub(super) fn registration_deadline(&self) -> Option<Duration> {
        self.registrations
            .values()
            .filter_map(Registration::wake_at)
            .min()
    }

    pub(super) fn fire_registration_timers(&mut self, now: Duration) {
        let due: Vec<RegistrationKey> = self
            .registrations
            .iter()
            .filter(|(_, r)| r.wake_at().is_some_and(|at| at <= now))
            .map(|(k, _)| *k)
            .collect();
        for key in due {
            if let Some(next) = self.registrations.get_mut(&key).map(|r| r.on_wake(now)) {
                self.advance_registration(now, key, next);
            }
        }
    }
}
