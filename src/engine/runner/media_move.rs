//! Calls follow the machine to a new address (a laptop moving from one network to another):
//! each established call offers its media again from the new address in a re-INVITE (RFC 3261
//! 14.1; the dialog's Contact moves with it), and the answer restarts the call's media task
//! toward wherever the peer now says. The RTP socket stays: it is bound to every address.

use super::Runner;
use crate::engine::api::CallState;
use crate::media::sdp;
use crate::sip::CallKey;
use std::net::IpAddr;

impl Runner {
    /// Our address is now `ip`: re-offer every established call's media from it.
    pub(super) fn move_calls(&mut self, ip: IpAddr) {
        if !self.local_addr.ip().is_unspecified() {
            // The RTP sockets are bound to the old address alone and cannot follow.
            return;
        }
        let now = self.now();
        for call in self.calls.values_mut() {
            if call.state != CallState::Established || call.local_media.address == ip {
                continue;
            }
            call.local_media.address = ip;
            call.local_media.session_version += 1;
            let offer = sdp::offer(&call.local_media);
            if let Err(e) = self.ua.reinvite(now, call.key, offer.into_bytes()) {
                // One already open (or the call is ending): the peer keeps the old address
                // until the next change, as it would without this.
                tracing::info!("call {}: no re-INVITE after the move: {e}", call.id.0);
            }
        }
    }

    /// The answer to our own re-INVITE: media goes where it now says. A refusal leaves the
    /// call as it was (RFC 3261 14.1).
    pub(super) async fn reinvite_answered(
        &mut self,
        key: CallKey,
        code: u16,
        answer: Option<Vec<u8>>,
    ) {
        let Some(id) = self.id_of(key) else { return };
        let Some(call) = self.calls.get(&id) else {
            return;
        };
        if !(200..300).contains(&code) {
            tracing::info!(
                "call {}: our re-INVITE got {code}; media stays as it was",
                id.0
            );
            return;
        }
        let Some(answer) = answer else {
            tracing::warn!("call {}: the answer to our re-INVITE had no SDP", id.0);
            return;
        };
        match sdp::accept_answer(&String::from_utf8_lossy(&answer), &call.local_media) {
            Ok(negotiated) => self.restart_media(id, negotiated).await,
            Err(e) => tracing::warn!("call {}: unusable answer to our re-INVITE: {e}", id.0),
        }
    }
}
