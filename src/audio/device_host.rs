//! Choosing cpal's host and finding devices by name, and listing them for a settings panel.

use cpal::traits::{DeviceTrait, HostTrait};

use super::audio_system::{self, AudioSystem};
use super::{pulse, AudioError};

/// Overrides the audio system: `pulseaudio` (our own client), `alsa` (cpal's ALSA host) or
/// `cpal-pulseaudio` (cpal's PulseAudio host).
pub const HOST_ENV: &str = "HANDSET_AUDIO_HOST";

/// Whether a device records or plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DeviceDirection {
    Input,
    Output,
}

/// One sound device as a settings panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DeviceInfo {
    /// What to put in `AudioBackend::Device { input, output }` to pick this device.
    pub name: String,
    /// A human-readable description (may equal `name`).
    pub description: String,
    pub direction: DeviceDirection,
    /// True for the host's default device in this direction.
    pub is_default: bool,
}

/// Input and output devices of the audio system Handset uses; empty if none is reachable.
pub fn list_devices() -> Vec<DeviceInfo> {
    if audio_system::current() == AudioSystem::NativePulse {
        match pulse::list_devices() {
            Ok(devices) => return devices,
            Err(error) => tracing::warn!(%error, "cannot list PulseAudio devices; trying cpal"),
        }
    }
    let Ok(host) = open_host() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let default_input = host.default_input_device();
    let default_output = host.default_output_device();
    if let Ok(devices) = host.input_devices() {
        found.extend(devices.map(|d| describe(&d, DeviceDirection::Input, &default_input)));
    }
    if let Ok(devices) = host.output_devices() {
        found.extend(devices.map(|d| describe(&d, DeviceDirection::Output, &default_output)));
    }
    found
}

fn describe(
    device: &cpal::Device,
    direction: DeviceDirection,
    default: &Option<cpal::Device>,
) -> DeviceInfo {
    let name = device_name(device);
    let description = device
        .description()
        .map(|d| d.name().to_string())
        .unwrap_or_else(|_| name.clone());
    DeviceInfo {
        is_default: default.as_ref().is_some_and(|d| device_name(d) == name),
        name,
        description,
        direction,
    }
}

/// The stable name of a device (PulseAudio sink/source name, ALSA PCM name).
fn device_name(device: &cpal::Device) -> String {
    match device.id() {
        Ok(id) => id.id().to_string(),
        Err(_) => device.to_string(),
    }
}

/// The hosts to try, best first. PulseAudio directly when a server is reachable, else ALSA
/// (whose `default` PCM reaches PulseAudio too when libasound2-plugins is installed).
fn host_preference() -> Vec<cpal::HostId> {
    let available = cpal::available_hosts();
    let forced = std::env::var(HOST_ENV).ok().map(|v| v.to_ascii_lowercase());
    let order: &[cpal::HostId] = match forced.as_deref() {
        Some("alsa") => &[cpal::HostId::Alsa],
        _ if audio_system::cpal_pulseaudio_forced() => &[cpal::HostId::PulseAudio],
        _ => &[cpal::HostId::PulseAudio, cpal::HostId::Alsa],
    };
    order
        .iter()
        .copied()
        .filter(|id| available.contains(id))
        .collect()
}

/// The first host that starts. Each gets a second chance: cpal gives a busy PulseAudio server
/// only 2 s to answer, which a loaded machine can miss.
pub(crate) fn open_host() -> Result<cpal::Host, AudioError> {
    let mut failures = Vec::new();
    for id in host_preference() {
        for _attempt in 0..2 {
            match cpal::host_from_id(id) {
                Ok(host) => return Ok(host),
                Err(e) => {
                    tracing::warn!(host = id.name(), error = %e, "audio host unavailable");
                    failures.push(format!("{}: {e}", id.name()));
                }
            }
        }
    }
    if failures.is_empty() {
        failures.push("no audio host is available".into());
    }
    Err(AudioError::Device(format!(
        "no audio system reachable ({})",
        failures.join("; ")
    )))
}

/// The device called `name` (by stable name, then by description), or the default one.
pub(crate) fn find_device(
    host: &cpal::Host,
    name: Option<&str>,
    direction: DeviceDirection,
) -> Result<cpal::Device, AudioError> {
    let what = match direction {
        DeviceDirection::Input => "input",
        DeviceDirection::Output => "output",
    };
    let Some(name) = name else {
        let default = match direction {
            DeviceDirection::Input => host.default_input_device(),
            DeviceDirection::Output => host.default_output_device(),
        };
        return default.ok_or_else(|| {
            AudioError::Device(format!(
                "no default {what} device on the {} host",
                host.id().name()
            ))
        });
    };
    let devices: Vec<cpal::Device> = match direction {
        DeviceDirection::Input => host.input_devices().map(|d| d.collect()),
        DeviceDirection::Output => host.output_devices().map(|d| d.collect()),
    }
    .map_err(|e| AudioError::Device(format!("cannot list {what} devices: {e}")))?;

    let by_name = devices.iter().position(|d| device_name(d) == name);
    let by_description = || {
        devices.iter().position(|d| {
            d.description()
                .is_ok_and(|desc| desc.name().eq_ignore_ascii_case(name))
        })
    };
    match by_name.or_else(by_description) {
        Some(index) => devices
            .into_iter()
            .nth(index)
            .ok_or_else(|| AudioError::Device(format!("{what} device {name:?} vanished"))),
        None => {
            let known: Vec<String> = devices.iter().map(device_name).collect();
            Err(AudioError::Device(format!(
                "no {what} device named {name:?} on the {} host (available: {})",
                host.id().name(),
                known.join(", ")
            )))
        }
    }
}
