//! Which call notifications should be up, decided from the engine's events alone (no D-Bus
//! here, so every rule is a plain test): an incoming call raises one with Answer and Decline;
//! it goes when the call is taken, declined or cancelled; a missed call leaves one per caller,
//! replaced rather than stacked, with Call back. Do-not-disturb silences all of them.
//!
//! [`Notifications::start`] runs these rules against the desktop's notification server.

use crate::config::AccountId;
use crate::engine::api::{CallId, CallState, Command, EndReason, Event};
use std::collections::{HashMap, HashSet};

pub use super::notifications_bus::Notifications;

/// The action names sent to the server (the labels shown are translated).
pub const ANSWER: &str = "answer";
pub const DECLINE: &str = "decline";
pub const CALL_BACK: &str = "call-back";

/// One notification the rules keep track of.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Slot {
    /// A call ringing now.
    Incoming(CallId),
    /// The missed calls from one caller (by address).
    Missed(String),
}

/// Who is calling, as a notification shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The SIP address (`sip:alice@example.com`).
    pub address: String,
    /// The name from the user's contacts, if the caller is one.
    pub contact: Option<String>,
    pub account: Option<AccountId>,
}

impl Caller {
    /// What to call them: the contact's name, else the address without its scheme.
    pub fn shown_name(&self) -> String {
        match &self.contact {
            Some(name) if !name.trim().is_empty() => name.clone(),
            _ => without_scheme(&self.address).to_owned(),
        }
    }
}

fn without_scheme(address: &str) -> &str {
    address
        .strip_prefix("sip:")
        .or_else(|| address.strip_prefix("sips:"))
        .unwrap_or(address)
}

/// What the desktop should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    ShowIncoming {
        call: CallId,
        caller: Caller,
    },
    /// Show, or replace, the caller's missed-call notification.
    ShowMissed {
        caller: Caller,
        count: u32,
    },
    Withdraw(Slot),
}

/// The rules' state.
#[derive(Debug, Default)]
pub struct CallNotices {
    do_not_disturb: bool,
    ringing: HashMap<CallId, Caller>,
    /// Calls that are on (or being placed): a second caller meanwhile is not announced, the
    /// window turns it away.
    active: HashSet<CallId>,
    /// Missed calls per caller address, with how many, while their notification is up.
    missed: HashMap<String, (Caller, u32)>,
}

impl CallNotices {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn set_do_not_disturb(&mut self, on: bool) -> Vec<Request> {
        self.do_not_disturb = on;
        if !on {
            return Vec::new();
        }
        // Turned on while a call rings: silence it now, as the switch promises.
        self.ringing
            .drain()
            .map(|(call, _)| Request::Withdraw(Slot::Incoming(call)))
            .collect()
    }

    pub fn observe(&mut self, event: &Event) -> Vec<Request> {
        match event {
            Event::IncomingCall {
                call,
                from,
                account,
                contact,
                ..
            } => self.incoming(*call, from, contact, *account),
            Event::CallState { call, state, .. } => match state {
                CallState::Incoming => Vec::new(),
                CallState::Ended => self.gone(*call),
                _ => {
                    self.active.insert(*call);
                    // Taken (from the window, the notification, or auto-answer).
                    self.ringing
                        .remove(call)
                        .map(|_| vec![Request::Withdraw(Slot::Incoming(*call))])
                        .unwrap_or_default()
                }
            },
            Event::CallEnded { call, reason } => self.ended(*call, reason),
            Event::Stopped => {
                self.active.clear();
                self.ringing
                    .drain()
                    .map(|(call, _)| Request::Withdraw(Slot::Incoming(call)))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// The user picked `action` on the notification in `slot`: what to ask the engine.
    pub fn on_action(&mut self, slot: &Slot, action: &str) -> Option<Command> {
        match (slot, action) {
            (Slot::Incoming(call), ANSWER) if self.ringing.contains_key(call) => {
                Some(Command::Answer { call: *call })
            }
            (Slot::Incoming(call), DECLINE) if self.ringing.contains_key(call) => {
                Some(Command::Decline { call: *call })
            }
            (Slot::Missed(address), CALL_BACK) => {
                let account = self.missed.remove(address).and_then(|(c, _)| c.account);
                Some(Command::Dial {
                    target: address.clone(),
                    account,
                })
            }
            _ => None,
        }
    }

    /// The server closed the notification in `slot` (dismissed, expired, or replaced by us).
    pub fn on_closed(&mut self, slot: &Slot) {
        if let Slot::Missed(address) = slot {
            // The next missed call from them starts a fresh count.
            self.missed.remove(address);
        }
    }

    fn incoming(
        &mut self,
        call: CallId,
        from: &str,
        contact: &Option<String>,
        account: Option<AccountId>,
    ) -> Vec<Request> {
        let caller = Caller {
            address: from.to_owned(),
            contact: contact.clone(),
            account,
        };
        let busy = !self.active.is_empty() || self.ringing.keys().any(|c| *c != call);
        if self.do_not_disturb || busy {
            return Vec::new();
        }
        self.ringing.insert(call, caller.clone());
        vec![Request::ShowIncoming { call, caller }]
    }

    fn gone(&mut self, call: CallId) -> Vec<Request> {
        self.active.remove(&call);
        Vec::new()
    }

    fn ended(&mut self, call: CallId, reason: &EndReason) -> Vec<Request> {
        self.active.remove(&call);
        let Some(caller) = self.ringing.remove(&call) else {
            return Vec::new();
        };
        let mut requests = vec![Request::Withdraw(Slot::Incoming(call))];
        // Declined by the user is a decision, not a missed call (as in the history).
        if *reason != EndReason::Declined && !self.do_not_disturb {
            let (last, count) = self
                .missed
                .entry(caller.address.clone())
                .or_insert((caller.clone(), 0));
            // The latest call names them best (a contact saved since, another account).
            *last = caller.clone();
            *count = count.saturating_add(1);
            requests.push(Request::ShowMissed {
                count: *count,
                caller,
            });
        }
        requests
    }
}

#[cfg(test)]
#[path = "notifications_tests.rs"]
mod tests;
