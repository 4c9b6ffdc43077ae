//! The sound devices the audio page offers. The panel does not look for them itself: the
//! application asks the engine (`Command::ListAudioDevices`) when the engine comes up and
//! each time the settings open, so a headset plugged in since is there, and hands the
//! answer over.

use super::{AudioRole, SettingsPanel};
use crate::engine::api::{AudioDevice, AudioDirection};

impl SettingsPanel {
    /// The sound devices the engine found, offered by the audio pick lists.
    pub fn set_devices(&mut self, devices: &[AudioDevice]) {
        let names = |direction: AudioDirection| {
            devices
                .iter()
                .filter(|device| device.direction == direction)
                .map(|device| device.name.clone())
                .collect()
        };
        self.inputs = names(AudioDirection::Input);
        self.outputs = names(AudioDirection::Output);
    }

    /// The device names the pick list for `role` offers (besides the default).
    pub fn devices_for(&self, role: AudioRole) -> &[String] {
        match role {
            AudioRole::Input => &self.inputs,
            AudioRole::Output | AudioRole::Ringer => &self.outputs,
        }
    }
}
