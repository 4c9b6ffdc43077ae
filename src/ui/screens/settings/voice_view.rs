//! The Audio page's voice rows: echo cancellation, noise suppression and gain control on
//! what the microphone sends, each of which the user can switch off (a headset needs no echo
//! canceller; a studio microphone may want none of them).

use super::view::toggle;
use super::{Action, Message, SettingsPanel};
use crate::ui::i18n::tr;
use crate::ui::style;
use iced::widget::{column, text};
use iced::Element;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceChange {
    EchoCancellation(bool),
    NoiseSuppression(bool),
    GainControl(bool),
}

impl SettingsPanel {
    pub(super) fn change_voice(&mut self, change: VoiceChange) -> Action {
        self.change(|settings| {
            let audio = &mut settings.audio;
            match change {
                VoiceChange::EchoCancellation(on) => audio.echo_cancellation = on,
                VoiceChange::NoiseSuppression(on) => audio.noise_suppression = on,
                VoiceChange::GainControl(on) => audio.gain_control = on,
            }
        })
    }

    pub(super) fn voice_rows(&self) -> Element<'_, Message> {
        let audio = &self.settings.audio;
        column![
            text(tr("settings-audio-voice-heading")).size(style::SMALL_SIZE),
            toggle(
                "settings-audio-echo-cancellation",
                audio.echo_cancellation,
                |on| { Message::Voice(VoiceChange::EchoCancellation(on)) }
            ),
            toggle(
                "settings-audio-noise-suppression",
                audio.noise_suppression,
                |on| { Message::Voice(VoiceChange::NoiseSuppression(on)) }
            ),
            toggle("settings-audio-gain-control", audio.gain_control, |on| {
                Message::Voice(VoiceChange::GainControl(on))
            }),
        ]
        .spacing(8)
        .into()
    }
}
