//! A call's audio following its sound devices while the call goes on.
//!
//! Three things move it:
//! - the audio server, on its own: the chosen headset was unplugged and PulseAudio moved the
//!   streams to the default device, or the desktop's default changed while the call followed
//!   it. The session reports the move, and the user is told;
//! - the device failing outright (the server killed the stream, or cpal reported an error):
//!   the call reopens on the default devices;
//! - the user, choosing other devices in the call view.
//!
//! Reopening opens the new session off the async workers while the old one keeps playing, then
//! swaps them, so a change never stalls the call's packets.

use super::Pump;
use crate::audio::{AudioBackend, AudioSession};
use crate::engine::api::{CallAudioChange, Event};

/// Devices the user picked for a running call; `None` leaves a side where it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceChoice {
    pub input: Option<String>,
    pub output: Option<String>,
}

/// Why a call's audio is being reopened.
#[derive(Debug, Clone)]
pub(super) enum Why {
    Chosen,
    Failed { detail: String },
}

/// A new session being opened for the call.
pub(super) struct Reopening {
    /// The new session and the backend it opened with.
    task: tokio::task::JoinHandle<Result<(AudioSession, AudioBackend), String>>,
    why: Why,
}

/// What a finished reopening brought.
pub(super) struct Reopened {
    session: Result<(AudioSession, AudioBackend), String>,
    why: Why,
}

/// Waits for the reopening in `slot`, if there is one; forever otherwise, so that it can sit in
/// a `select!` beside the rest.
pub(super) async fn reopening_finished(slot: &mut Option<Reopening>) -> Reopened {
    let Some(reopening) = slot.as_mut() else {
        return std::future::pending().await;
    };
    let session = match (&mut reopening.task).await {
        Ok(opened) => opened,
        Err(e) => Err(format!("audio start-up failed: {e}")),
    };
    let why = slot.take().map_or(Why::Chosen, |done| done.why);
    Reopened { session, why }
}

/// The devices `choice` asks for, on top of what `current` asked for.
fn chosen_backend(current: &AudioBackend, choice: DeviceChoice) -> Option<AudioBackend> {
    match current {
        AudioBackend::Device { input, output } => Some(AudioBackend::Device {
            input: choice.input.or_else(|| input.clone()),
            output: choice.output.or_else(|| output.clone()),
        }),
        AudioBackend::Wav { .. } | AudioBackend::Null => None,
    }
}

impl Pump {
    /// Tell the faces where the call's audio is now.
    pub(super) fn announce_devices(&self, change: CallAudioChange) {
        let devices = self.audio.devices();
        let _ = self.params.events.send(Event::CallAudio {
            call: self.params.call,
            input: devices.input.clone(),
            output: devices.output.clone(),
            change,
        });
    }

    /// Tell the echo canceller how long the devices hold sound: the playback queue on our
    /// side, and what the session reports for its streams.
    pub(super) fn hint_echo_delay(&mut self) {
        let Some(device_ms) = self.audio.device_delay_ms() else {
            return;
        };
        if let Some(voice) = &mut self.voice {
            let queue_ms = u32::try_from(super::PLAYBACK_TARGET.as_millis()).unwrap_or(0);
            voice.set_delay_hint(queue_ms + device_ms);
        }
    }

    /// Report the moves the audio server made since the last look.
    pub(super) fn follow_moves(&mut self) {
        let mut moved = false;
        while self.audio.poll_move().is_some() {
            moved = true;
        }
        if moved {
            self.announce_devices(CallAudioChange::Moved);
        }
    }

    /// Reopen once the session reports a device error: its streams are gone, and nothing plays
    /// or records until the call has new ones. The same devices first (a stream can end for
    /// other reasons than its device leaving), the defaults when they cannot be had.
    pub(super) fn check_device_health(&mut self) {
        let errors = self.audio.stats().device_errors;
        if errors <= self.device_errors_seen || self.reopening.is_some() {
            return;
        }
        self.device_errors_seen = errors;
        if matches!(self.params.audio, AudioBackend::Device { .. }) {
            tracing::warn!(call = ?self.params.call, "call audio device failed; reopening");
            let defaults = AudioBackend::Device {
                input: None,
                output: None,
            };
            self.reopen(
                vec![self.params.audio.clone(), defaults],
                Why::Failed {
                    detail: "the sound device stopped working".into(),
                },
            );
        }
    }

    /// `Command::SetCallAudio` for this call.
    pub(super) fn choose_devices(&mut self, choice: DeviceChoice) {
        match chosen_backend(&self.params.audio, choice) {
            Some(backend) => self.reopen(vec![backend], Why::Chosen),
            None => self.announce_devices(CallAudioChange::Refused {
                detail: "this call's audio is not on a sound device".into(),
            }),
        }
    }

    /// Open the first of `backends` that opens, off the async workers.
    fn reopen(&mut self, backends: Vec<AudioBackend>, why: Why) {
        // A newer choice replaces one still opening; its session is dropped when it is ready.
        if let Some(previous) = self.reopening.take() {
            previous.task.abort();
        }
        let rate = self.stream.sample_rate();
        let task = tokio::task::spawn_blocking(move || {
            let mut failure = String::from("no device to open");
            for backend in backends {
                match AudioSession::open(&backend, rate) {
                    Ok(session) => return Ok((session, backend)),
                    Err(e) => failure = e.to_string(),
                }
            }
            Err(failure)
        });
        self.reopening = Some(Reopening { task, why });
    }

    /// Swap in the reopened session (the old one closes off the async workers), or say why not.
    pub(super) fn reopened(&mut self, reopened: Reopened) {
        let Reopened { session, why } = reopened;
        match session {
            Ok((session, backend)) => {
                let old = std::mem::replace(&mut self.audio, session);
                self.params.audio = backend;
                self.device_errors_seen = 0;
                self.hint_echo_delay();
                self.skip_capture_backlog();
                tokio::task::spawn_blocking(move || {
                    if let Err(e) = old.close() {
                        tracing::debug!("closing the call's previous audio: {e}");
                    }
                });
                self.announce_devices(match why {
                    Why::Chosen => CallAudioChange::Chosen,
                    Why::Failed { detail } => CallAudioChange::Reopened { detail },
                });
            }
            Err(detail) => {
                tracing::warn!(call = ?self.params.call, %detail, "call audio could not move");
                self.announce_devices(CallAudioChange::Refused { detail });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(input: Option<&str>, output: Option<&str>) -> AudioBackend {
        AudioBackend::Device {
            input: input.map(str::to_owned),
            output: output.map(str::to_owned),
        }
    }

    #[test]
    fn a_choice_moves_only_the_sides_it_names() {
        let current = device(Some("headset.mic"), None);
        let choice = DeviceChoice {
            input: None,
            output: Some("speakers".into()),
        };
        assert_eq!(
            chosen_backend(&current, choice),
            Some(device(Some("headset.mic"), Some("speakers")))
        );
    }

    #[test]
    fn calls_on_files_or_silence_have_no_devices_to_choose() {
        assert_eq!(
            chosen_backend(&AudioBackend::Null, DeviceChoice::default()),
            None
        );
    }
}
