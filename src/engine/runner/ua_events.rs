//! What the user agent reports about calls, turned into call state, media and Events.

use super::screening::account_of_gate;
use super::Runner;
use crate::config::AccountId;
use crate::engine::api::{CallId, CallState, Direction, EndReason, Event};
use crate::engine::call::Call;
use crate::engine::end_reason;
use crate::engine::media_session::{self, MediaParams};
use crate::media::sdp::{self, Negotiated};
use crate::media::voice_processing::VoiceSwitches;
use crate::sip::{CallKey, EndCause, UaEvent};

impl Runner {
    pub(super) async fn handle_ua_event(&mut self, event: UaEvent) {
        match event {
            UaEvent::Incoming {
                call,
                from,
                from_display,
                to,
                sdp,
                account,
            } => {
                let account = account_of_gate(account);
                self.incoming(call, from, from_display, to, sdp, account)
                    .await
            }
            UaEvent::Progress {
                call, code, sdp, ..
            } => {
                if matches!(code, 180 | 183) {
                    self.set_state(call, CallState::Ringing);
                }
                self.on_progress(call, code, sdp);
            }
            UaEvent::Answered { call, sdp } => self.answered(call, sdp).await,
            UaEvent::Reoffer { call, sdp } => self.reoffer(call, sdp).await,
            // The engine sends no re-INVITE of its own yet.
            UaEvent::ReinviteAnswered { call, code, sdp } => {
                self.reinvite_answered(call, code, sdp).await
            }
            UaEvent::Confirmed { call } => self.set_state(call, CallState::Established),
            UaEvent::Dtmf {
                call,
                digit,
                duration_ms,
            } => {
                if let Some(id) = self.id_of(call) {
                    // INFO without a Duration: report 0, "not given".
                    self.emit(Event::DtmfReceived {
                        call: id,
                        digit,
                        duration_ms: duration_ms.unwrap_or(0),
                    });
                }
            }
            UaEvent::Ended { call, cause } => {
                // RFC 3263 4.3: an unanswered INVITE tries the call's next target.
                if matches!(cause, EndCause::Timeout) && self.fail_over_dial(call) {
                    return;
                }
                let Some(id) = self.id_of(call) else { return };
                self.dial_fallbacks.remove(&id);
                let Some(mut ended) = self.calls.remove(&id) else {
                    return;
                };
                tracing::debug!("call {}: ended ({cause:?}), stopping its media", id.0);
                if let Some(media) = ended.media.take() {
                    media.stop().await;
                }
                tracing::debug!("call {}: media stopped", id.0);
                self.stop_tone().await;
                // The ringing stops before the faces hear the call is over, not at the loop's
                // next turn: a phone that still rings after "missed call" is wrong.
                self.sync_ringer().await;
                self.on_call_failed(&ended, &cause);
                ended.state = CallState::Ended;
                self.emit_state(&ended);
                let reason = ended
                    .end_reason
                    .unwrap_or_else(|| end_reason::from_cause(&cause));
                self.emit(Event::CallEnded { call: id, reason });
            }
        }
    }

    pub(super) async fn incoming(
        &mut self,
        key: CallKey,
        from: String,
        from_display: Option<String>,
        to: String,
        offer: Option<Vec<u8>>,
        account: Option<AccountId>,
    ) {
        let now = self.now();
        // The user agent's screening let only calls for us through the right path get here
        // (`sip/ua/screening.rs`).
        let Some(offer) = offer else {
            // Offerless INVITEs need the answer in the ACK, which this release does not take.
            let _ = self.ua.reject(now, key, 488);
            return self.error(
                "incoming-without-offer",
                format!("call from {from} had no SDP offer"),
            );
        };
        if self.settings.general.do_not_disturb {
            return self.turn_away_while_not_disturbed(key, from, to, account);
        }
        let (socket, local_media) = match self.bind_rtp(account).await {
            Ok(bound) => bound,
            Err(e) => {
                let _ = self.ua.reject(now, key, 500);
                return self.error("rtp-port", format!("cannot open an RTP port: {e}"));
            }
        };
        let prepared = match sdp::answer(&String::from_utf8_lossy(&offer), &local_media) {
            Ok(prepared) => prepared,
            Err(e) => {
                let _ = self.ua.reject(now, key, 488);
                return self.error("incoming-sdp-rejected", format!("call from {from}: {e}"));
            }
        };
        let remote = match from_display {
            Some(name) if !name.is_empty() => format!("{name} <{from}>"),
            _ => from.clone(),
        };
        let id = self.allocate_id();
        let mut call = Call::new(id, key, Direction::Incoming, remote, local_media, socket);
        call.prepared_answer = Some(prepared);
        call.account = account;
        self.use_learnt_contact(key, account);
        if let Err(e) = self.ua.ringing(now, key) {
            tracing::warn!("cannot send 180 for call {}: {e}", id.0);
        }
        self.emit(Event::IncomingCall {
            call: id,
            from,
            to,
            account,
            contact: None,
        });
        self.emit_state(&call);
        self.calls.insert(id, call);
        // The ringtone starts from the loop (`sync_ringer`) unless a call is already running.
        self.beep_for_waiting_call(id);
        if self.config.auto_answer {
            self.answer(id);
        }
    }

    pub(super) async fn answered(&mut self, key: CallKey, answer: Option<Vec<u8>>) {
        let Some(id) = self.id_of(key) else { return };
        let Some(call) = self.calls.get_mut(&id) else {
            return;
        };
        let agreed = match answer {
            Some(answer) => {
                sdp::accept_answer(&String::from_utf8_lossy(&answer), &call.local_media)
                    .map_err(|e| e.to_string())
            }
            None => Err("the answer had no SDP".to_owned()),
        };
        match agreed {
            Ok(negotiated) => {
                self.keep_or_restart_early_media(id, &negotiated).await;
                self.start_media(id, negotiated);
                self.set_state(key, CallState::Established);
            }
            Err(detail) => {
                tracing::warn!("call {}: unusable answer: {detail}", id.0);
                call.end_reason = Some(EndReason::MediaIncompatible);
                self.hangup(id);
            }
        }
    }

    pub(super) fn start_media(&mut self, id: CallId, negotiated: Negotiated) {
        let Some(call) = self.calls.get_mut(&id) else {
            return;
        };
        let Some(socket) = call.rtp_socket.take() else {
            return;
        };
        let local_rtp = socket.local_addr().unwrap_or(self.local_addr);
        let muted = call.muted;
        let chosen = call.devices.clone();
        let previous_sound = self.hand_over_tone();
        let media = media_session::spawn(MediaParams {
            call: id,
            socket,
            negotiated: negotiated.clone(),
            audio: self.call_audio_choosing(chosen),
            epoch: self.epoch,
            events: self.events.clone(),
            reports: self.reports_tx.clone(),
            previous_sound,
            volume: self.settings.audio.call_volume,
            voice: VoiceSwitches {
                echo_cancellation: self.settings.audio.echo_cancellation,
                noise_suppression: self.settings.audio.noise_suppression,
                gain_control: self.settings.audio.gain_control,
            },
        });
        media.set_muted(muted);
        if let Some(call) = self.calls.get_mut(&id) {
            call.media = Some(media);
        }
        self.emit(Event::MediaStarted {
            call: id,
            codec: negotiated.codec.to_string(),
            local_rtp,
            remote_rtp: negotiated.remote_rtp,
        });
    }

    /// Early media that agreed to what the 2xx agrees to plays on; otherwise it stops, and the
    /// socket goes back to the call for `start_media`.
    async fn keep_or_restart_early_media(&mut self, id: CallId, negotiated: &Negotiated) {
        let Some(call) = self.calls.get_mut(&id) else {
            return;
        };
        let Some(early) = call.early_media.take() else {
            return;
        };
        if &early == negotiated {
            return;
        }
        if let Some(media) = call.media.take() {
            let socket = media.stop().await;
            if let Some(call) = self.calls.get_mut(&id) {
                call.rtp_socket = socket;
            }
        }
    }

    pub(super) fn id_of(&self, key: CallKey) -> Option<CallId> {
        self.calls.values().find(|c| c.key == key).map(|c| c.id)
    }

    pub(super) fn set_state(&mut self, key: CallKey, state: CallState) {
        let Some(id) = self.id_of(key) else { return };
        let Some(call) = self.calls.get_mut(&id) else {
            return;
        };
        if call.state == state {
            return;
        }
        call.state = state;
        let event = state_event(call);
        self.emit(event);
    }

    pub(super) fn emit_state(&self, call: &Call) {
        self.emit(state_event(call));
    }
}

pub(super) fn state_event(call: &Call) -> Event {
    Event::CallState {
        call: call.id,
        state: call.state,
        direction: call.direction,
        remote: call.remote.clone(),
        contact: None,
        account: call.account,
    }
}
