//! The Audio page's sound rows: how loud the ringtone and the call play, whether every output
//! device rings, and whether our own ringtone rings even when the desktop's sound theme has
//! one. A volume slider saves when it is let go, not at every step of a drag.

use super::view::toggle;
use super::{Action, Message, SettingsPanel};
use crate::config::FULL_VOLUME;
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{column, row, slider, text};
use iced::{Alignment, Element, Length};

/// Which volume a slider sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Volume {
    /// `audio.ringtone_volume`.
    Ringtone,
    /// `audio.call_volume`: the call's sound and the progress tones.
    Call,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoundChange {
    /// A slider moved to a per-cent value (not saved yet).
    Dragged(Volume, u8),
    /// The slider was let go: save its value.
    Released,
    RingEveryOutput(bool),
    OwnRingtone(bool),
}

impl SettingsPanel {
    pub(super) fn change_sound(&mut self, change: SoundChange) -> Action {
        match change {
            SoundChange::Dragged(volume, value) => {
                self.volume_draft = Some((volume, value.min(FULL_VOLUME)));
                Action::None
            }
            SoundChange::Released => match self.volume_draft {
                Some((volume, value)) if value != self.saved_volume(volume) => {
                    self.change(|settings| match volume {
                        Volume::Ringtone => settings.audio.ringtone_volume = value,
                        Volume::Call => settings.audio.call_volume = value,
                    })
                }
                _ => {
                    self.volume_draft = None;
                    Action::None
                }
            },
            SoundChange::RingEveryOutput(on) => {
                self.change(|settings| settings.audio.ring_every_output = on)
            }
            SoundChange::OwnRingtone(on) => {
                self.change(|settings| settings.audio.own_ringtone = on)
            }
        }
    }

    fn saved_volume(&self, volume: Volume) -> u8 {
        let audio = &self.settings.audio;
        match volume {
            Volume::Ringtone => audio.ringtone_volume,
            Volume::Call => audio.call_volume,
        }
    }

    /// What a slider shows: the value being dragged (kept until the save lands), else the saved one.
    pub fn shown_volume(&self, volume: Volume) -> u8 {
        match self.volume_draft {
            Some((dragged, value)) if dragged == volume => value,
            _ => self.saved_volume(volume),
        }
    }

    pub(super) fn sound_rows(&self) -> Element<'_, Message> {
        let audio = &self.settings.audio;
        column![
            self.volume_row("settings-audio-ringtone-volume", Volume::Ringtone),
            self.volume_row("settings-audio-call-volume", Volume::Call),
            toggle(
                "settings-audio-ring-every-output",
                audio.ring_every_output,
                |on| Message::Sound(SoundChange::RingEveryOutput(on))
            ),
            toggle("settings-audio-own-ringtone", audio.own_ringtone, |on| {
                Message::Sound(SoundChange::OwnRingtone(on))
            }),
        ]
        .spacing(12)
        .into()
    }

    fn volume_row(&self, key: &str, volume: Volume) -> Element<'_, Message> {
        let value = self.shown_volume(volume);
        let percent = value.to_string();
        column![
            text(tr(key)).size(style::SMALL_SIZE),
            row![
                slider(0..=FULL_VOLUME, value, move |v| {
                    Message::Sound(SoundChange::Dragged(volume, v))
                })
                .on_release(Message::Sound(SoundChange::Released))
                .width(Length::Fill),
                text(tr_args(
                    "settings-audio-volume-percent",
                    &[("percent", &percent)]
                ))
                .size(style::SMALL_SIZE)
                .width(Length::Fixed(56.0)),
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        ]
        .spacing(4)
        .into()
    }
}
