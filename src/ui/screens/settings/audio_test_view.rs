//! The Audio page's device test: *Play a test tone* on the chosen speaker, and *Test the
//! microphone*, which records five seconds with a live level meter and plays them back. The
//! engine does the test (`Command::AudioTest`); the panel shows how it goes.

use super::view::small_button;
use super::{Action, Message, SettingsPanel};
use crate::engine::api::{AudioTestKind, AudioTestProgress, Command};
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{column, progress_bar, row, text};
use iced::Element;

/// What the test shows now.
#[derive(Debug, Clone, PartialEq)]
pub enum AudioTestShown {
    /// Asked for, nothing heard from the engine yet.
    Starting(AudioTestKind),
    Recording {
        level: f32,
    },
    PlayingBack,
    Done,
    Failed(String),
}

impl SettingsPanel {
    pub(super) fn start_audio_test(&mut self, test: AudioTestKind) -> Action {
        self.audio_test = Some(AudioTestShown::Starting(test));
        Action::Engine(Command::AudioTest { test })
    }

    /// A step of the test the engine runs. A tone reports only its end: until then it shows
    /// as starting, which says the tone plays.
    pub fn audio_test_progress(&mut self, _test: AudioTestKind, progress: AudioTestProgress) {
        self.audio_test = Some(match progress {
            AudioTestProgress::Level { level } => AudioTestShown::Recording { level },
            AudioTestProgress::PlayingBack => AudioTestShown::PlayingBack,
            AudioTestProgress::Finished => AudioTestShown::Done,
            AudioTestProgress::Failed { detail } => AudioTestShown::Failed(detail),
        });
    }

    pub fn audio_test_shown(&self) -> Option<&AudioTestShown> {
        self.audio_test.as_ref()
    }

    pub(super) fn audio_test_rows(&self) -> Element<'_, Message> {
        let buttons = row![
            small_button(
                "settings-audio-test-tone",
                Message::AudioTest(AudioTestKind::Tone),
                false
            ),
            small_button(
                "settings-audio-test-microphone",
                Message::AudioTest(AudioTestKind::Microphone),
                false
            ),
        ]
        .spacing(8);
        let mut rows = column![buttons].spacing(6);
        let (words, level) = match &self.audio_test {
            None => return rows.into(),
            Some(AudioTestShown::Starting(AudioTestKind::Tone)) => {
                (tr("settings-audio-test-playing-tone"), None)
            }
            Some(AudioTestShown::Starting(AudioTestKind::Microphone)) => {
                (tr("settings-audio-test-recording"), Some(0.0))
            }
            Some(AudioTestShown::Recording { level }) => {
                (tr("settings-audio-test-recording"), Some(*level))
            }
            Some(AudioTestShown::PlayingBack) => (tr("settings-audio-test-playing-back"), None),
            Some(AudioTestShown::Done) => (tr("settings-audio-test-done"), None),
            Some(AudioTestShown::Failed(detail)) => (
                tr_args("settings-audio-test-failed", &[("detail", detail)]),
                None,
            ),
        };
        rows = rows.push(text(words).size(style::SMALL_SIZE));
        if let Some(level) = level {
            rows = rows.push(progress_bar(0.0..=1.0, level).girth(8));
        }
        rows.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    #[test]
    fn the_microphone_test_is_asked_of_the_engine_and_its_steps_shown() {
        let mut panel = SettingsPanel::new(Settings::default(), &[], None);
        let action = panel.update(Message::AudioTest(AudioTestKind::Microphone));
        assert_eq!(
            action,
            Action::Engine(Command::AudioTest {
                test: AudioTestKind::Microphone
            })
        );
        panel.audio_test_progress(
            AudioTestKind::Microphone,
            AudioTestProgress::Level { level: 0.4 },
        );
        assert_eq!(
            panel.audio_test_shown(),
            Some(&AudioTestShown::Recording { level: 0.4 })
        );
        panel.audio_test_progress(AudioTestKind::Microphone, AudioTestProgress::PlayingBack);
        panel.audio_test_progress(AudioTestKind::Microphone, AudioTestProgress::Finished);
        assert_eq!(panel.audio_test_shown(), Some(&AudioTestShown::Done));
        panel.audio_test_progress(
            AudioTestKind::Tone,
            AudioTestProgress::Failed {
                detail: "not during a call".into(),
            },
        );
        assert!(matches!(
            panel.audio_test_shown(),
            Some(AudioTestShown::Failed(detail)) if detail == "not during a call"
        ));
    }
}
