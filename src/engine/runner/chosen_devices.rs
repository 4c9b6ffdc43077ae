//! The sound devices a call uses: the ones chosen in Settings → Audio, unless whoever started
//! the engine named devices of its own (a test, or a future command-line option).

use super::Runner;
use crate::audio::AudioBackend;
use crate::engine::media_session::DeviceChoice;

impl Runner {
    /// The backend for a call whose user chose devices of their own while it ran: those
    /// first, then as [`Runner::call_audio`].
    pub(super) fn call_audio_choosing(&self, chosen: DeviceChoice) -> AudioBackend {
        match self.call_audio() {
            AudioBackend::Device { input, output } => AudioBackend::Device {
                input: chosen.input.or(input),
                output: chosen.output.or(output),
            },
            other => other,
        }
    }

    /// The backend for a call's audio and its progress tones.
    pub(super) fn call_audio(&self) -> AudioBackend {
        with_chosen_devices(
            &self.config.audio,
            &self.settings.audio.input,
            &self.settings.audio.output,
        )
    }
}

/// A device backend's unnamed sides take the chosen devices; other backends stay as they are.
fn with_chosen_devices(
    backend: &AudioBackend,
    chosen_input: &Option<String>,
    chosen_output: &Option<String>,
) -> AudioBackend {
    match backend {
        AudioBackend::Device { input, output } => AudioBackend::Device {
            input: input.clone().or_else(|| chosen_input.clone()),
            output: output.clone().or_else(|| chosen_output.clone()),
        },
        other => other.clone(),
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
    fn the_settings_choice_fills_what_the_engine_left_open() {
        let chosen = with_chosen_devices(
            &device(None, None),
            &Some("headset.mic".into()),
            &Some("headset".into()),
        );
        assert_eq!(chosen, device(Some("headset.mic"), Some("headset")));
        let default = with_chosen_devices(&device(None, None), &None, &None);
        assert_eq!(default, device(None, None));
    }

    #[test]
    fn devices_named_when_starting_win_and_files_stay_files() {
        let named = with_chosen_devices(
            &device(Some("test-source"), None),
            &Some("headset.mic".into()),
            &Some("headset".into()),
        );
        assert_eq!(named, device(Some("test-source"), Some("headset")));
        assert_eq!(
            with_chosen_devices(&AudioBackend::Null, &Some("x".into()), &None),
            AudioBackend::Null
        );
    }
}
