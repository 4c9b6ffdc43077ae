//! The call view's sound devices: which speaker and microphone the call is on, the devices
//! present now to move it to (the engine sends a new list whenever one comes or goes), and a
//! word to the user when the audio system moved the call on its own.

use super::settings::{device_choices, DeviceChoice};
use super::Action;
use crate::engine::api::{AudioDevice, AudioDirection, CallAudioChange, CallId, Command};
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{button, column, pick_list, row, text};
use iced::{Alignment, Element, Length};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Toggled,
    OutputChosen(DeviceChoice),
    InputChosen(DeviceChoice),
}

/// What the call view says about a change the user did not make.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Notice {
    /// The audio system moved the call to this device (by name), in this direction.
    Moved(AudioDirection, Option<String>),
    /// The device failed; the call reopened on this speaker.
    Reopened(Option<String>),
    /// A move could not be made.
    Refused(String),
}

#[derive(Debug, Clone, Default)]
pub struct CallDevices {
    inputs: Vec<DeviceChoice>,
    outputs: Vec<DeviceChoice>,
    /// The devices in use, by name; `None` until the engine says, or where it cannot tell.
    input: Option<String>,
    output: Option<String>,
    notice: Option<Notice>,
    open: bool,
}

impl CallDevices {
    /// The devices present now.
    pub fn set_devices(&mut self, devices: &[AudioDevice]) {
        self.inputs = device_choices(devices, AudioDirection::Input);
        self.outputs = device_choices(devices, AudioDirection::Output);
    }

    /// `Event::CallAudio` for this call.
    pub fn set_audio(
        &mut self,
        input: Option<String>,
        output: Option<String>,
        change: &CallAudioChange,
    ) {
        let output_moved = output != self.output;
        self.notice = match change {
            CallAudioChange::Moved if output_moved => {
                Some(Notice::Moved(AudioDirection::Output, output.clone()))
            }
            CallAudioChange::Moved => Some(Notice::Moved(AudioDirection::Input, input.clone())),
            CallAudioChange::Reopened { .. } => Some(Notice::Reopened(output.clone())),
            CallAudioChange::Refused { detail } => Some(Notice::Refused(detail.clone())),
            // The user's own choice shows in the pick lists; a new opening needs no word.
            _ => None,
        };
        self.input = input;
        self.output = output;
    }

    pub fn output(&self) -> Option<&str> {
        self.output.as_deref()
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// What the call view says about the devices, if anything.
    pub fn notice_text(&self) -> Option<String> {
        Some(match self.notice.as_ref()? {
            Notice::Moved(direction, device) => tr_args(
                "call-audio-moved",
                &[("device", &self.label(*direction, device.as_deref()))],
            ),
            Notice::Reopened(device) => tr_args(
                "call-audio-reopened",
                &[(
                    "device",
                    &self.label(AudioDirection::Output, device.as_deref()),
                )],
            ),
            Notice::Refused(detail) => tr_args("call-audio-refused", &[("detail", detail)]),
        })
    }

    pub fn update(&mut self, call: CallId, message: Message) -> Action {
        match message {
            Message::Toggled => {
                self.open = !self.open;
                Action::None
            }
            // The lists offer present devices only, each with its name.
            Message::OutputChosen(choice) => Action::Engine(Command::SetCallAudio {
                call,
                input: None,
                output: choice.name,
            }),
            Message::InputChosen(choice) => Action::Engine(Command::SetCallAudio {
                call,
                input: choice.name,
                output: None,
            }),
        }
    }

    /// Where the call's sound plays, as a small button that opens the pick lists; then the
    /// notice, and the pick lists when open.
    pub fn view(&self) -> Element<'_, Message> {
        let speaker = self.label(AudioDirection::Output, self.output.as_deref());
        let toggle = button(
            text(tr_args("call-devices", &[("device", &speaker)]))
                .size(style::SMALL_SIZE)
                .wrapping(text::Wrapping::WordOrGlyph),
        )
        .style(button::text)
        .on_press(Message::Toggled);
        let mut content = column![toggle].spacing(8).align_x(Alignment::Center);
        if let Some(notice) = self.notice_text() {
            content = content.push(
                text(notice)
                    .size(style::SMALL_SIZE)
                    .style(text::warning)
                    .wrapping(text::Wrapping::WordOrGlyph),
            );
        }
        if self.open {
            content = content.push(self.picker(
                tr("call-speaker"),
                &self.outputs,
                self.output.as_deref(),
                Message::OutputChosen,
            ));
            content = content.push(self.picker(
                tr("call-microphone"),
                &self.inputs,
                self.input.as_deref(),
                Message::InputChosen,
            ));
        }
        content.width(Length::Fill).into()
    }

    fn picker<'a>(
        &'a self,
        label: String,
        options: &'a [DeviceChoice],
        current: Option<&str>,
        on_pick: fn(DeviceChoice) -> Message,
    ) -> Element<'a, Message> {
        let selected = options
            .iter()
            .find(|choice| choice.name.as_deref() == current)
            .cloned();
        row![
            text(label)
                .size(style::BODY_SIZE)
                .width(Length::FillPortion(1)),
            pick_list(options, selected, on_pick).width(Length::FillPortion(3)),
        ]
        .spacing(style::SPACING)
        .align_y(Alignment::Center)
        .into()
    }

    /// A device as the user knows it: its description where listed, else its name, else
    /// "the default".
    fn label(&self, direction: AudioDirection, name: Option<&str>) -> String {
        let listed = match direction {
            AudioDirection::Input => &self.inputs,
            AudioDirection::Output => &self.outputs,
        };
        match name {
            Some(name) => listed
                .iter()
                .find(|choice| choice.name.as_deref() == Some(name))
                .map_or_else(|| name.to_owned(), ToString::to_string),
            None => tr("settings-audio-default"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed() -> Vec<AudioDevice> {
        let device = |name: &str, description: &str, direction| AudioDevice {
            name: name.into(),
            description: description.into(),
            direction,
            is_default: false,
        };
        vec![
            device("headset", "Jabra Evolve 40", AudioDirection::Output),
            device("speakers", "Built-in Speakers", AudioDirection::Output),
            device("headset.mic", "Jabra Microphone", AudioDirection::Input),
        ]
    }

    #[test]
    fn an_unplugged_headset_is_told_by_the_device_the_call_moved_to() {
        let mut devices = CallDevices::default();
        devices.set_devices(&listed());
        devices.set_audio(
            Some("headset.mic".into()),
            Some("headset".into()),
            &CallAudioChange::Opened,
        );
        assert_eq!(devices.notice_text(), None);
        devices.set_audio(
            Some("headset.mic".into()),
            Some("speakers".into()),
            &CallAudioChange::Moved,
        );
        let notice = devices.notice_text().unwrap_or_default();
        assert!(notice.contains("Built-in Speakers"), "{notice}");
        assert_eq!(devices.output(), Some("speakers"));
    }

    #[test]
    fn picking_a_speaker_asks_the_engine_to_move_only_the_speaker() {
        let mut devices = CallDevices::default();
        devices.set_devices(&listed());
        assert_eq!(devices.update(CallId(3), Message::Toggled), Action::None);
        assert!(devices.is_open());
        let speakers = device_choices(&listed(), AudioDirection::Output)[1].clone();
        assert_eq!(
            devices.update(CallId(3), Message::OutputChosen(speakers)),
            Action::Engine(Command::SetCallAudio {
                call: CallId(3),
                input: None,
                output: Some("speakers".into()),
            })
        );
    }

    #[test]
    fn a_refused_move_says_why() {
        let mut devices = CallDevices::default();
        devices.set_audio(
            None,
            None,
            &CallAudioChange::Refused {
                detail: "no output device named \"dock\"".into(),
            },
        );
        let notice = devices.notice_text().unwrap_or_default();
        assert!(notice.contains("dock"), "{notice}");
    }
}
