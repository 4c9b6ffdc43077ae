//! What the user hears besides the call itself: ringback while the far end rings, busy and
//! error tones when a call fails, the ringtone and the call-waiting beep.

use super::Runner;
use crate::audio::AudioBackend;
use crate::engine::api::{CallId, CallState, Direction};
use crate::engine::call::Call;
use crate::engine::ringer::{RingOutputs, Ringer};
use crate::engine::tone_player::{Ringtone, TonePlayer};
use crate::media::sdp;
use crate::media::tones::{self, Tone};
use crate::sip::{CallKey, EndCause};

impl Runner {
    /// A provisional response to our INVITE: early media when it brings SDP, else ringback on
    /// 180, and on a 183 without SDP (the far end progresses but sends no media to hear).
    pub(super) fn on_progress(&mut self, key: CallKey, code: u16, answer: Option<Vec<u8>>) {
        let Some(id) = self.id_of(key) else { return };
        let Some(call) = self.calls.get_mut(&id) else {
            return;
        };
        if call.direction != Direction::Outgoing || call.media.is_some() {
            return;
        }
        if let Some(answer) = answer {
            match sdp::accept_answer(&String::from_utf8_lossy(&answer), &call.local_media) {
                Ok(negotiated) => {
                    call.early_media = Some(negotiated.clone());
                    // `start_media` hands the tone over to the media task, which stops it first.
                    return self.start_media(id, negotiated);
                }
                Err(e) => tracing::debug!("call {}: early media not usable: {e}", id.0),
            }
        }
        if matches!(code, 180 | 183)
            && !self.tone.as_ref().is_some_and(|t| t.plays(tones::RINGBACK))
        {
            self.play_tone(tones::RINGBACK);
        }
    }

    /// An outgoing call that failed before it was answered tells so with a tone.
    pub(super) fn on_call_failed(&mut self, call: &Call, cause: &EndCause) {
        let unanswered = call.direction == Direction::Outgoing
            && !matches!(call.state, CallState::Established | CallState::Ended);
        if !unanswered || self.quit_deadline.is_some() {
            return;
        }
        if let Some(tone) = failure_tone(cause) {
            self.play_tone(tone);
        }
    }

    /// The sound after a call's end, or in the way of the next call, stops.
    pub(super) async fn stop_tone(&mut self) {
        if let Some(tone) = self.tone.take() {
            tone.stop().await;
        }
    }

    fn play_tone(&mut self, tone: Tone) {
        if let Some(old) = self.tone.take() {
            // Stopping is quick; the new tone's own task waits for the device.
            tokio::spawn(old.stop());
        }
        let volume = self.settings.audio.call_volume;
        self.tone = Some(TonePlayer::start(tone, self.call_audio(), volume));
    }

    /// The tone for the media task of a call to stop before it opens the audio.
    pub(super) fn hand_over_tone(&mut self) -> Option<TonePlayer> {
        self.tone.take()
    }

    /// A second call arrived while `busy` runs: beep on its sound instead of ringing.
    pub(super) fn beep_for_waiting_call(&self, new: CallId) -> bool {
        let in_call = self
            .calls
            .values()
            .find(|c| c.id != new && c.media.is_some() && c.state != CallState::Incoming);
        match in_call.and_then(|c| c.media.as_ref()) {
            Some(media) => {
                media.beep(tones::CALL_WAITING);
                true
            }
            None => false,
        }
    }

    /// The ringtone plays while an incoming call waits for an answer and no other call runs.
    pub(super) async fn sync_ringer(&mut self) {
        let ringing = self.calls.values().any(|c| {
            c.direction == Direction::Incoming
                && c.state == CallState::Incoming
                && c.media.is_none()
        });
        let in_call = self.calls.values().any(|c| c.media.is_some());
        let wanted = ringing && !in_call && self.quit_deadline.is_none();
        match (wanted, self.ringer.is_some()) {
            (true, false) => {
                let audio = &self.settings.audio;
                let ringtone = if audio.own_ringtone {
                    Ringtone::own()
                } else {
                    Ringtone::from_theme()
                };
                let volume = audio.ringtone_volume;
                self.ringer = self
                    .ringer_outputs()
                    .map(|outputs| Ringer::start(ringtone, outputs, volume));
            }
            (false, true) => {
                if let Some(ringer) = self.ringer.take() {
                    ringer.stop().await;
                }
            }
            _ => {}
        }
    }

    /// The ringer device from Settings → Audio, else the call's output; or every output device
    /// when the settings ask so. WAV and null audio get no ringtone: a WAV recording holds what
    /// a call's far end and tones sound like, and a ringtone there would clash with answering.
    fn ringer_outputs(&self) -> Option<RingOutputs> {
        match self.call_audio() {
            AudioBackend::Device { output, .. } => {
                let ringer = AudioBackend::Device {
                    input: None,
                    output: self.settings.audio.ringer.clone().or(output),
                };
                Some(if self.settings.audio.ring_every_output {
                    RingOutputs::Every { fallback: ringer }
                } else {
                    RingOutputs::One(ringer)
                })
            }
            AudioBackend::Wav { .. } | AudioBackend::Null => None,
        }
    }

    pub(super) async fn stop_all_sounds(&mut self) {
        self.stop_tone().await;
        if let Some(ringer) = self.ringer.take() {
            ringer.stop().await;
        }
    }
}

/// Busy for 486 and 600, the error tone for other failures; nothing when we gave up ourselves.
pub(super) fn failure_tone(cause: &EndCause) -> Option<Tone> {
    match cause {
        EndCause::Rejected {
            code: 486 | 600, ..
        } => Some(tones::BUSY),
        // 487: our own CANCEL took effect.
        EndCause::Rejected { code: 487, .. } => None,
        EndCause::Rejected { .. } | EndCause::Timeout => Some(tones::ERROR),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_codes_give_the_busy_tone_and_other_failures_the_error_tone() {
        let rejected = |code| EndCause::Rejected {
            code,
            reason: String::new(),
        };
        assert_eq!(failure_tone(&rejected(486)), Some(tones::BUSY));
        assert_eq!(failure_tone(&rejected(600)), Some(tones::BUSY));
        assert_eq!(failure_tone(&rejected(404)), Some(tones::ERROR));
        assert_eq!(failure_tone(&rejected(503)), Some(tones::ERROR));
        assert_eq!(failure_tone(&EndCause::Timeout), Some(tones::ERROR));
        assert_eq!(failure_tone(&rejected(487)), None);
        assert_eq!(failure_tone(&EndCause::LocalHangup), None);
        assert_eq!(failure_tone(&EndCause::RemoteHangup), None);
    }
}
