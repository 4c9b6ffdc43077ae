//! Which devices a running session plays to and records from, and the moves the audio server
//! makes on its own: a chosen headset unplugged (its streams go to the default device), or
//! the desktop's default changed while the call followed the default.

use super::DeviceDirection;

/// The devices a session's streams are on, by their stable names; `None` where the backend
/// cannot tell (cpal's ALSA host opening "the default") or the session has no such side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionDevices {
    pub input: Option<String>,
    pub output: Option<String>,
}

impl SessionDevices {
    /// The devices after `moved`.
    pub fn after(&self, moved: &DeviceMove) -> SessionDevices {
        let mut next = self.clone();
        match moved.direction {
            DeviceDirection::Input => next.input = Some(moved.device.clone()),
            DeviceDirection::Output => next.output = Some(moved.device.clone()),
        }
        next
    }
}

/// The server moved one of the session's streams to `device`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceMove {
    pub direction: DeviceDirection,
    pub device: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_changes_only_its_own_side() {
        let before = SessionDevices {
            input: Some("headset.mic".into()),
            output: Some("headset".into()),
        };
        let after = before.after(&DeviceMove {
            direction: DeviceDirection::Output,
            device: "speakers".into(),
        });
        assert_eq!(after.output.as_deref(), Some("speakers"));
        assert_eq!(after.input.as_deref(), Some("headset.mic"));
    }
}
