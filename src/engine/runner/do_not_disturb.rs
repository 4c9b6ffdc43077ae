//! Do-not-disturb: an incoming call is turned away with 486 Busy Here, as desk phones and
//! MicroSIP do, instead of ringing; the caller hears busy at once rather than ringing out.
//! Faces still hear of it (`IncomingCall` then `CallEnded { DoNotDisturb }`), so the history
//! keeps it as a missed call.

use super::Runner;
use crate::config::AccountId;
use crate::engine::api::{EndReason, Event};
use crate::sip::CallKey;

impl Runner {
    pub(super) fn turn_away_while_not_disturbed(
        &mut self,
        key: CallKey,
        from: String,
        to: String,
        account: Option<AccountId>,
    ) {
        let now = self.now();
        if let Err(e) = self.ua.reject(now, key, 486) {
            tracing::warn!("cannot turn away the call from {from}: {e}");
        }
        let call = self.allocate_id();
        self.emit(Event::IncomingCall {
            call,
            from,
            to,
            account,
            contact: None,
        });
        self.emit(Event::CallEnded {
            call,
            reason: EndReason::DoNotDisturb,
        });
    }
}
