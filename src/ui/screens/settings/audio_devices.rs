//! The sound devices the audio page offers. The panel does not look for them itself: the
//! application asks the engine (`Command::ListAudioDevices`) when the engine comes up and
//! each time the settings open, so a headset plugged in since is there, and hands the
//! answer over.
//!
//! A pick list shows each device by its description ("Jabra Evolve 40 Mono"), which is what
//! the user recognises; the settings keep its name (`alsa_output.usb-Jabra…`), which is what
//! stays the same from one start to the next.

use super::{AudioRole, SettingsPanel};
use crate::engine::api::{AudioDevice, AudioDirection};
use crate::ui::i18n::tr;
use std::fmt;

/// One entry of a device pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceChoice {
    /// `None`: the desktop's default device.
    pub name: Option<String>,
    label: String,
}

impl DeviceChoice {
    pub fn system_default() -> DeviceChoice {
        DeviceChoice {
            name: None,
            label: tr("settings-audio-default"),
        }
    }

    /// A device saved in the settings that the engine did not list (unplugged): shown by the
    /// name kept, so the choice is not silently lost.
    fn saved(name: &str) -> DeviceChoice {
        DeviceChoice {
            name: Some(name.to_owned()),
            label: name.to_owned(),
        }
    }
}

impl fmt::Display for DeviceChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl SettingsPanel {
    /// The sound devices the engine found, offered by the audio pick lists.
    pub fn set_devices(&mut self, devices: &[AudioDevice]) {
        self.inputs = choices(devices, AudioDirection::Input);
        self.outputs = choices(devices, AudioDirection::Output);
    }

    /// The names of the devices the pick list for `role` offers (besides the default).
    pub fn devices_for(&self, role: AudioRole) -> Vec<&str> {
        self.choices_for(role)
            .iter()
            .filter_map(|choice| choice.name.as_deref())
            .collect()
    }

    /// What the pick list for `role` shows: the default first, then each device.
    pub(super) fn pick_list_for(&self, role: AudioRole) -> Vec<DeviceChoice> {
        let mut options = vec![DeviceChoice::system_default()];
        options.extend(self.choices_for(role).iter().cloned());
        options
    }

    /// The entry of `options` that `saved` names.
    pub(super) fn selected(options: &[DeviceChoice], saved: &Option<String>) -> DeviceChoice {
        options
            .iter()
            .find(|choice| &choice.name == saved)
            .cloned()
            .unwrap_or_else(|| {
                saved
                    .as_deref()
                    .map_or_else(DeviceChoice::system_default, DeviceChoice::saved)
            })
    }

    fn choices_for(&self, role: AudioRole) -> &[DeviceChoice] {
        match role {
            AudioRole::Input => &self.inputs,
            AudioRole::Output | AudioRole::Ringer => &self.outputs,
        }
    }
}

/// The devices of one direction, labelled by description; two devices with the same
/// description (two identical headsets) get their names added to tell them apart.
pub fn choices(devices: &[AudioDevice], direction: AudioDirection) -> Vec<DeviceChoice> {
    let of_direction: Vec<&AudioDevice> = devices
        .iter()
        .filter(|device| device.direction == direction)
        .collect();
    let description = |device: &AudioDevice| {
        let trimmed = device.description.trim();
        if trimmed.is_empty() {
            device.name.clone()
        } else {
            trimmed.to_owned()
        }
    };
    of_direction
        .iter()
        .map(|device| {
            let shown = description(device);
            let shared = of_direction
                .iter()
                .filter(|other| description(other) == shown)
                .count()
                > 1;
            DeviceChoice {
                name: Some(device.name.clone()),
                label: if shared {
                    format!("{shown} ({})", device.name)
                } else {
                    shown
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(name: &str, description: &str, direction: AudioDirection) -> AudioDevice {
        AudioDevice {
            name: name.to_owned(),
            description: description.to_owned(),
            direction,
            is_default: false,
        }
    }

    #[test]
    fn devices_are_shown_by_description_and_kept_by_name() {
        let listed = [
            device(
                "alsa_output.usb-GN_Jabra_EVOLVE_40-00.mono",
                "Jabra Evolve 40 Mono",
                AudioDirection::Output,
            ),
            device("callsink", "", AudioDirection::Output),
            device("headset-a", "USB Headset", AudioDirection::Output),
            device("headset-b", "USB Headset", AudioDirection::Output),
        ];
        let shown: Vec<String> = choices(&listed, AudioDirection::Output)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            shown,
            [
                "Jabra Evolve 40 Mono",
                "callsink",
                "USB Headset (headset-a)",
                "USB Headset (headset-b)"
            ]
        );
        let picked = &choices(&listed, AudioDirection::Output)[0];
        assert_eq!(
            picked.name.as_deref(),
            Some("alsa_output.usb-GN_Jabra_EVOLVE_40-00.mono")
        );
    }

    #[test]
    fn a_saved_device_that_is_gone_still_shows_as_chosen() {
        let options = vec![DeviceChoice::system_default()];
        let shown = SettingsPanel::selected(&options, &Some("usb-headset".into()));
        assert_eq!(shown.name.as_deref(), Some("usb-headset"));
        assert_eq!(shown.to_string(), "usb-headset");
        let default = SettingsPanel::selected(&options, &None);
        assert_eq!(default, DeviceChoice::system_default());
    }
}
