//! A REGISTER client (RFC 3261 section 10) for one account, as a sans-IO state machine.
//!
//! The [`UserAgent`](crate::sip::UserAgent) hosts registrations: it owns the transactions and
//! the socket addresses, asks a registration when to wake up, and hands it final responses and
//! timeouts. The registration decides what to send next and reports [`RegistrationEvent`]s.
//!
//! Behaviour:
//! - REGISTER carries `Expires` and a Contact with `+sip.instance`, `reg-id` and `expires`;
//! - 401/407 are answered with digest credentials; a second challenge after fresh credentials
//!   (not `stale`) is a wrong password: [`RegFailure::AuthFailed`], and no retry at all;
//! - 423 raises the requested expiry to Min-Expires and tries again at once;
//! - a 2xx gives our binding's lifetime (our Contact among several, by `+sip.instance` or URI),
//!   and the refresh is scheduled as `schedule` explains;
//! - any other failure or a timeout (timer F) schedules a retry with growing back-off;
//! - the public address seen by the registrar (`received`/`rport` in the 2xx's Via, RFC 3581)
//!   is kept, and later REGISTERs put it in the Contact;
//! - unregistering sends `Expires: 0` (Contact `;expires=0`) if a binding may exist.

mod binding;
pub mod keepalive;
mod request;
mod schedule;
mod types;

use core::net::SocketAddr;
use std::collections::VecDeque;
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::sip::auth::{AuthError, ChallengeKind, DigestClient};
use crate::sip::message::parsed::InResponse;
use crate::sip::transaction::timers::TimerValues;

pub use schedule::{FIRST_RETRY, MAX_RETRY};
pub use types::{RegFailure, RegistrationConfig, RegistrationEvent, RegistrationKey};

/// What the host must do after feeding a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// Build a REGISTER with [`Registration::build`] and send it in a new transaction.
    Send,
    /// Nothing now; see [`Registration::wake_at`].
    Wait,
    /// The registration is over: drop it once its events are taken.
    Finished,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// A REGISTER transaction is running.
    Sending {
        removing: bool,
    },
    Registered {
        refresh_at: Duration,
    },
    Waiting {
        retry_at: Duration,
    },
    /// Gave up (wrong password); only unregistering moves on.
    Stopped,
    Finished,
}

/// One account's registration.
pub(crate) struct Registration {
    config: RegistrationConfig,
    timer_values: TimerValues,
    rng: StdRng,
    call_id: String,
    from_tag: String,
    cseq: u32,
    digest: Option<DigestClient>,
    /// What we ask for: the configured expiry, raised by 423s.
    expires: u32,
    phase: Phase,
    /// Failures in a row, for the back-off.
    failures: u32,
    /// 423 answers in this attempt.
    interval_retries: u8,
    public_address: Option<SocketAddr>,
    /// The Contact URI of the last REGISTER and of the last accepted one.
    sent_contact: String,
    bound_contact: Option<String>,
    /// The address the last REGISTER's Contact named (learnt, else local).
    sent_contact_addr: Option<SocketAddr>,
    /// A Contact bound before the public address was learnt: the next REGISTER removes it.
    stale_contact: Option<String>,
    /// Whether the registrar may hold a binding of ours.
    bound: bool,
    remove_requested: bool,
    sent_at: Duration,
    events: VecDeque<RegistrationEvent>,
}

/// 423 answers followed in one attempt before giving up.
const MAX_INTERVAL_RETRIES: u8 = 3;

impl Registration {
    pub(crate) fn new(config: RegistrationConfig, seed: u64, timer_values: TimerValues) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let call_id = format!("{:016x}@handset", rng.random::<u64>());
        let from_tag = format!("{:016x}", rng.random::<u64>());
        Self {
            digest: config.credentials.clone().map(DigestClient::new),
            expires: config.expires,
            config,
            timer_values,
            rng,
            call_id,
            from_tag,
            cseq: 0,
            phase: Phase::Waiting {
                retry_at: Duration::ZERO,
            },
            failures: 0,
            interval_retries: 0,
            public_address: None,
            sent_contact: String::new(),
            bound_contact: None,
            sent_contact_addr: None,
            stale_contact: None,
            bound: false,
            remove_requested: false,
            sent_at: Duration::ZERO,
            events: VecDeque::new(),
        }
    }

    /// Start registering now.
    pub(crate) fn start(&mut self) -> Next {
        self.events.push_back(RegistrationEvent::Registering);
        self.begin_attempt()
    }

    pub(crate) fn config(&self) -> &RegistrationConfig {
        &self.config
    }

    pub(crate) fn public_address(&self) -> Option<SocketAddr> {
        self.public_address
    }

    /// Our local address changed: the public address was seen from the old one, so the next
    /// REGISTER's Contact falls back to the local address until the registrar tells us anew.
    pub(crate) fn forget_public_address(&mut self) {
        self.public_address = None;
    }

    pub(crate) fn pop_event(&mut self) -> Option<RegistrationEvent> {
        self.events.pop_front()
    }

    /// When [`Self::on_wake`] is due.
    pub(crate) fn wake_at(&self) -> Option<Duration> {
        match self.phase {
            Phase::Registered { refresh_at } => Some(refresh_at),
            Phase::Waiting { retry_at } => Some(retry_at),
            Phase::Sending { .. } | Phase::Stopped | Phase::Finished => None,
        }
    }

    /// The refresh or retry time has come.
    pub(crate) fn on_wake(&mut self, now: Duration) -> Next {
        match self.phase {
            Phase::Registered { refresh_at } if now >= refresh_at => self.begin_attempt(),
            Phase::Waiting { retry_at } if now >= retry_at => {
                self.events.push_back(RegistrationEvent::Registering);
                self.begin_attempt()
            }
            Phase::Finished => Next::Finished,
            _ => Next::Wait,
        }
    }

    /// Register again now (network change, resume): a live binding is refreshed early, a
    /// waiting retry is brought forward. A stopped registration stays stopped.
    pub(crate) fn refresh_now(&mut self) -> Next {
        match self.phase {
            Phase::Registered { .. } => self.begin_attempt(),
            Phase::Waiting { .. } => self.start(),
            Phase::Sending { .. } | Phase::Stopped => Next::Wait,
            Phase::Finished => Next::Finished,
        }
    }

    /// Remove our binding (Expires: 0) and finish.
    pub(crate) fn unregister(&mut self) -> Next {
        self.remove_requested = true;
        match self.phase {
            // The running transaction's outcome decides (see `after_outcome`).
            Phase::Sending { .. } => Next::Wait,
            Phase::Finished => Next::Finished,
            _ if self.bound => self.begin_attempt(),
            _ => self.finish(),
        }
    }

    /// A new logical REGISTER: earlier credentials are reused, not fresh (a challenge to them
    /// means an expired nonce, not a wrong password).
    fn begin_attempt(&mut self) -> Next {
        if let Some(digest) = &mut self.digest {
            digest.begin_request();
        }
        self.interval_retries = 0;
        Next::Send
    }

    /// The REGISTER could not even be built (a bad URI in the config): give up.
    pub(crate) fn on_unbuildable(&mut self) -> Next {
        let reason = RegFailure::Rejected {
            code: 0,
            reason: "invalid registrar or contact URI".into(),
        };
        self.stop(reason)
    }

    /// A final response to our REGISTER.
    pub(crate) fn on_response(&mut self, now: Duration, response: &InResponse) -> Next {
        let removing = matches!(self.phase, Phase::Sending { removing: true });
        match response.code {
            100..=199 => Next::Wait,
            200..=299 if removing => {
                self.bound = false;
                self.finish()
            }
            200..=299 => self.on_accepted(now, response),
            401 | 407 => self.on_challenge(now, response),
            423 => self.on_interval_too_brief(now, response),
            code => {
                let reason = RegFailure::Rejected {
                    code,
                    reason: response.reason.clone(),
                };
                self.fail(now, reason, binding::retry_after(response))
            }
        }
    }

    /// Timer F fired: nobody answered.
    pub(crate) fn on_timeout(&mut self, now: Duration) -> Next {
        self.fail(now, RegFailure::Timeout, None)
    }

    fn on_accepted(&mut self, now: Duration, response: &InResponse) -> Next {
        if let Some(digest) = &mut self.digest {
            digest.on_success();
        }
        let ours = binding::Ours {
            instance_id: self.config.instance_id.as_deref(),
            contact_uri: &self.sent_contact,
        };
        let granted = binding::granted_expiry(response, &ours, self.expires);
        if let Some(address) = binding::public_address(response) {
            self.public_address = Some(address);
        }
        let removed_stale = self.stale_contact.take().is_some();
        self.bound = true;
        self.bound_contact = Some(self.sent_contact.clone());
        if granted == 0 {
            let reason = RegFailure::Rejected {
                code: response.code,
                reason: "the registrar granted no binding time".into(),
            };
            return self.fail(now, reason, None);
        }
        self.failures = 0;
        self.events.push_back(RegistrationEvent::Registered {
            expires_at: self.sent_at + Duration::from_secs(u64::from(granted)),
            contacts: binding::contacts(response),
            public_address: self.public_address,
        });
        if self.remove_requested {
            return self.begin_attempt();
        }
        // Behind a NAT the Contact just bound names an address nobody outside can reach:
        // bind the learnt one at once (removing the old), rather than at the next refresh,
        // so calls find us now. Once only: a NAT whose mapping keeps moving waits for the
        // refresh instead of drawing a REGISTER storm.
        if self.contact_behind_nat() && !removed_stale {
            self.stale_contact = Some(self.sent_contact.clone());
            return self.begin_attempt();
        }
        let refresh_at = schedule::refresh_at(self.sent_at, granted, &self.timer_values);
        self.phase = Phase::Registered { refresh_at };
        Next::Wait
    }

    /// Whether the registrar saw us (over UDP) at another address than our Contact names.
    fn contact_behind_nat(&self) -> bool {
        !self.config.transport.is_reliable()
            && self
                .public_address
                .is_some_and(|public| Some(public) != self.sent_contact_addr)
    }

    fn on_challenge(&mut self, now: Duration, response: &InResponse) -> Next {
        let Some(digest) = &mut self.digest else {
            return self.stop(RegFailure::AuthFailed);
        };
        let kind = ChallengeKind::of_status(response.code).unwrap_or(ChallengeKind::Www);
        let values: Vec<&str> = response
            .common
            .raw
            .headers_named(kind.challenge_header())
            .collect();
        match digest.on_challenge(kind, &values) {
            Ok(()) => Next::Send,
            Err(AuthError::Rejected) => self.stop(RegFailure::AuthFailed),
            Err(other) => self.fail(now, RegFailure::BadChallenge(other.to_string()), None),
        }
    }

    fn on_interval_too_brief(&mut self, now: Duration, response: &InResponse) -> Next {
        match binding::min_expires(response) {
            Some(min) if min > self.expires && self.interval_retries < MAX_INTERVAL_RETRIES => {
                self.interval_retries += 1;
                self.expires = min;
                Next::Send
            }
            _ => {
                let reason = RegFailure::Rejected {
                    code: 423,
                    reason: response.reason.clone(),
                };
                self.fail(now, reason, None)
            }
        }
    }

    /// A failure that is worth retrying later.
    fn fail(&mut self, now: Duration, reason: RegFailure, retry_after: Option<u32>) -> Next {
        if let Some(next) = self.after_outcome() {
            return next;
        }
        self.failures = self.failures.saturating_add(1);
        let retry_at = now + schedule::retry_delay(self.failures, retry_after, &mut self.rng);
        self.phase = Phase::Waiting { retry_at };
        self.events.push_back(RegistrationEvent::Failed {
            reason,
            retry_at: Some(retry_at),
        });
        Next::Wait
    }

    /// A failure that retrying cannot fix.
    fn stop(&mut self, reason: RegFailure) -> Next {
        if let Some(next) = self.after_outcome() {
            return next;
        }
        self.phase = Phase::Stopped;
        self.events.push_back(RegistrationEvent::Failed {
            reason,
            retry_at: None,
        });
        Next::Wait
    }

    /// When removal was asked for, a failed attempt ends the registration (or, if it was a
    /// REGISTER that may have left a binding, turns into the removal).
    fn after_outcome(&mut self) -> Option<Next> {
        if !self.remove_requested {
            return None;
        }
        let removing = matches!(self.phase, Phase::Sending { removing: true });
        if self.bound && !removing {
            return Some(self.begin_attempt());
        }
        Some(self.finish())
    }

    fn finish(&mut self) -> Next {
        self.phase = Phase::Finished;
        self.events.push_back(RegistrationEvent::Unregistered);
        Next::Finished
    }
}
