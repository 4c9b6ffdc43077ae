//! RFC 3263 4.3 for calls: an INVITE whose transaction failed for want of an answer (timer
//! B, or a transport error such as a refused connection) before the call rang is sent
//! again, once, to each target the lookup found after the one that failed.

use super::super::hop::Hop;
use super::super::Runner;
use crate::engine::api::{CallState, Direction};
use crate::media::sdp;
use crate::sip::{CallKey, CallOptions};
use std::collections::VecDeque;

/// Where a dial may still go.
pub(in crate::engine::runner) struct DialFallback {
    uri: String,
    hops: VecDeque<Hop>,
    /// The first INVITE's options; each next hop brings its own transport.
    options: CallOptions,
}

impl DialFallback {
    pub(super) fn new(uri: String, hops: &[Hop], options: CallOptions) -> DialFallback {
        DialFallback {
            uri,
            hops: hops.iter().copied().collect(),
            options,
        }
    }
}

impl Runner {
    /// The user agent ended call `key` for want of an answer. If it is our outgoing call
    /// that never rang and has a target left, send its INVITE there instead (a new dialog;
    /// the face keeps seeing one call) and say so with `true`.
    pub(in crate::engine::runner) fn fail_over_dial(&mut self, key: CallKey) -> bool {
        let Some(id) = self.id_of(key) else {
            return false;
        };
        let Some(call) = self.calls.get(&id) else {
            return false;
        };
        let untouched = call.direction == Direction::Outgoing
            && call.state == CallState::Calling
            && call.end_reason.is_none()
            && call.media.is_none();
        if !untouched {
            return false;
        }
        let offer = sdp::offer(&call.local_media);
        let Some(fallback) = self.dial_fallbacks.get_mut(&id) else {
            return false;
        };
        let Some((destination, transport)) = fallback.hops.pop_front() else {
            return false;
        };
        let options = CallOptions {
            transport,
            ..fallback.options.clone()
        };
        let uri = fallback.uri.clone();
        let now = self.now();
        match self
            .ua
            .invite_with(now, &uri, destination, offer.into_bytes(), options)
        {
            Ok(new_key) => {
                tracing::info!("call {}: no answer; trying {destination}", id.0);
                if let Some(call) = self.calls.get_mut(&id) {
                    call.key = new_key;
                }
                true
            }
            Err(e) => {
                tracing::debug!("call {}: cannot fail over to {destination}: {e}", id.0);
                false
            }
        }
    }
}
