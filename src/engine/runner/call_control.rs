//! The user's commands on a call: answer, decline, hang up, mute, DTMF; and media failures.

use super::Runner;
use crate::engine::api::{CallId, CallState, EndReason};
use crate::engine::media_session::{DeviceChoice, MediaReport};
use crate::media::dtmf;

impl Runner {
    pub(super) fn answer(&mut self, id: CallId) {
        let now = self.now();
        let Some(call) = self.calls.get_mut(&id) else {
            return self.unknown_call(id);
        };
        let Some((answer, negotiated)) = call.prepared_answer.take() else {
            return self.error("wrong-state", format!("call {} is not ringing", id.0));
        };
        let key = call.key;
        if let Err(e) = self.ua.answer(now, key, answer.into_bytes()) {
            return self.error("wrong-state", e.to_string());
        }
        self.start_media(id, negotiated);
    }

    pub(super) fn reject(&mut self, id: CallId, code: u16) {
        let now = self.now();
        let Some(call) = self.calls.get(&id) else {
            return self.unknown_call(id);
        };
        if let Err(e) = self.ua.reject(now, call.key, code) {
            self.error("wrong-state", e.to_string());
        }
    }

    pub(super) fn hangup(&mut self, id: CallId) {
        if self.hang_up_pending(id) {
            return;
        }
        // Hung up: no fail-over to another target once this INVITE fails.
        self.dial_fallbacks.remove(&id);
        let Some(call) = self.calls.get(&id) else {
            return self.unknown_call(id);
        };
        if call.state == CallState::Incoming {
            return self.reject(id, 603);
        }
        let now = self.now();
        if let Err(e) = self.ua.hangup(now, call.key) {
            self.error("wrong-state", e.to_string());
        }
    }

    pub(super) fn mute(&mut self, id: CallId, muted: bool) {
        if self.mute_pending(id, muted) {
            return;
        }
        let Some(call) = self.calls.get_mut(&id) else {
            return self.unknown_call(id);
        };
        call.muted = muted;
        if let Some(media) = &call.media {
            media.set_muted(muted);
        }
    }

    /// `Command::SetCallAudio`: the call's media task moves; a later restart of it (a
    /// re-INVITE) keeps the choice.
    pub(super) fn set_call_audio(&mut self, id: CallId, choice: DeviceChoice) {
        let Some(call) = self.calls.get_mut(&id) else {
            return self.unknown_call(id);
        };
        if let Some(input) = &choice.input {
            call.devices.input = Some(input.clone());
        }
        if let Some(output) = &choice.output {
            call.devices.output = Some(output.clone());
        }
        match &call.media {
            Some(media) => media.choose_devices(choice),
            None => self.error(
                "wrong-state",
                format!(
                    "call {} has no audio yet; it takes the chosen devices when answered",
                    id.0
                ),
            ),
        }
    }

    pub(super) fn send_dtmf(&mut self, id: CallId, digits: String) {
        let Some(call) = self.calls.get(&id) else {
            return self.unknown_call(id);
        };
        if let Err(e) = dtmf::parse_digits(&digits) {
            return self.error("invalid-dtmf", e.to_string());
        }
        let Some(media) = &call.media else {
            return self.error(
                "wrong-state",
                format!(
                    "call {} has no media yet; DTMF needs an answered call",
                    id.0
                ),
            );
        };
        if !media.telephone_events() {
            return self.error(
                "dtmf-not-negotiated",
                format!("the peer of call {} did not accept telephone-events", id.0),
            );
        }
        media.send_dtmf(digits);
    }

    pub(super) fn unknown_call(&self, id: CallId) {
        self.error("unknown-call", format!("there is no call {}", id.0));
    }

    pub(super) fn handle_report(&mut self, report: MediaReport) {
        match report {
            MediaReport::Failed { call, detail } => {
                tracing::warn!("media for call {} failed: {detail}", call.0);
                if let Some(c) = self.calls.get_mut(&call) {
                    c.media = None;
                    c.end_reason = Some(EndReason::AudioError { detail });
                }
                self.hangup(call);
            }
        }
    }
}
