//! A re-INVITE from the peer in an established call: answer its offer from the call's own
//! local media (same RTP port) and restart the media task with what the new answer agrees to
//! (codec, remote address, direction). An offer we cannot accept gets 488 and the call keeps
//! the media it had.

use super::Runner;
use crate::engine::api::CallId;
use crate::media::sdp::{self, Negotiated};
use crate::sip::CallKey;

/// The status refusing an offer we cannot use (RFC 3261 14.2 with 13.3.1.4's wording).
const NOT_ACCEPTABLE_HERE: u16 = 488;

impl Runner {
    pub(super) async fn reoffer(&mut self, key: CallKey, offer: Vec<u8>) {
        let now = self.now();
        let prepared = self.id_of(key).and_then(|id| {
            let call = self.calls.get(&id)?;
            Some((
                id,
                sdp::answer(&String::from_utf8_lossy(&offer), &call.local_media),
            ))
        });
        match prepared {
            Some((id, Ok((answer, negotiated)))) => {
                if let Err(e) = self.ua.answer_reoffer(now, key, answer.into_bytes()) {
                    return self.error("wrong-state", e.to_string());
                }
                self.restart_media(id, negotiated).await;
            }
            Some((id, Err(e))) => {
                tracing::info!("call {}: re-INVITE refused: {e}", id.0);
                let _ = self.ua.reject_reoffer(now, key, NOT_ACCEPTABLE_HERE);
            }
            None => {
                let _ = self.ua.reject_reoffer(now, key, NOT_ACCEPTABLE_HERE);
            }
        }
    }

    /// Stop the call's media task, take its RTP socket back, and start a new task on it;
    /// the new task reports MediaStarted with the new codec.
    pub(super) async fn restart_media(&mut self, id: CallId, negotiated: Negotiated) {
        let Some(call) = self.calls.get_mut(&id) else {
            return;
        };
        if let Some(media) = call.media.take() {
            let socket = media.stop().await;
            if socket.is_none() {
                tracing::warn!("call {}: the media task lost its RTP socket", id.0);
            }
            call.rtp_socket = socket;
        }
        self.start_media(id, negotiated);
    }
}
