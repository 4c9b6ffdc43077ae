//! Dials waiting for DNS: the call already has its id and is `Calling` for the face, so the
//! user can hang up (or quit) before any INVITE exists; the INVITE goes out when the lookup
//! answers, unless the dial was given up meanwhile.

use super::super::lookups::{Answer, Purpose};
use super::super::Runner;
use super::AccountDial;
use crate::engine::api::{CallId, CallState, Direction, EndReason, Event};
use crate::engine::target::DialTarget;

/// Everything a dial needs once its next hop is known.
pub(in crate::engine::runner) struct PendingDial {
    pub(super) target: DialTarget,
    pub(super) account: Option<AccountDial>,
    /// The user muted the call before it started.
    pub(super) muted: bool,
}

impl PendingDial {
    pub(super) fn new(target: DialTarget, account: Option<AccountDial>) -> PendingDial {
        PendingDial {
            target,
            account,
            muted: false,
        }
    }
}

impl Runner {
    /// Call `id` waits for its next hop: tell the face it is calling (so it has the id).
    pub(super) fn wait_for_hop(&mut self, id: CallId, dial: PendingDial) {
        self.emit(Event::CallState {
            call: id,
            state: CallState::Calling,
            direction: Direction::Outgoing,
            remote: dial.target.uri.clone(),
            contact: None,
            account: dial.account.as_ref().map(|from| from.id),
        });
        self.pending_dials.insert(id, dial);
    }

    /// The lookup for dial `id` answered: send its INVITE (or end it). A dial hung up
    /// meanwhile is gone, and its answer is dropped.
    pub(in crate::engine::runner) async fn on_dial_hop(&mut self, id: CallId, answer: Answer) {
        let Some(dial) = self.pending_dials.remove(&id) else {
            return;
        };
        self.send_invite(id, dial, answer, true).await;
    }

    /// Hang up call `id` if it still waits for DNS: it ends now, and no INVITE follows.
    /// `false` when it is no such call.
    pub(in crate::engine::runner) fn hang_up_pending(&mut self, id: CallId) -> bool {
        let Some(dial) = self.pending_dials.remove(&id) else {
            return false;
        };
        self.lookups.cancel(Purpose::Dial(id));
        self.end_unstarted(id, &dial.target.uri, EndReason::LocalHangup);
        true
    }

    /// Mute or unmute call `id` if it still waits for DNS; `false` when it is no such call.
    pub(in crate::engine::runner) fn mute_pending(&mut self, id: CallId, muted: bool) -> bool {
        match self.pending_dials.get_mut(&id) {
            Some(dial) => {
                dial.muted = muted;
                true
            }
            None => false,
        }
    }
}
