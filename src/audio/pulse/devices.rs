//! Sinks and sources as the settings panel lists them, and a chosen name (or description)
//! resolved to the device a stream should connect to, with the rate it runs at.

use std::ffi::CStr;

use pulseaudio::protocol::{Command, ServerInfo, SinkInfoList, SourceInfoList};

use super::wire::Connection;
use crate::audio::{AudioError, DeviceDirection, DeviceInfo};

/// Where a stream goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Endpoint {
    /// The sink or source by name; `None` lets the server route the stream (its default, or
    /// the device its policy picks for phone streams).
    pub(super) name: Option<String>,
    /// The device's own rate: streams ask for it, so the server never resamples.
    pub(super) rate: u32,
}

/// One device as the server describes it.
struct Described {
    name: String,
    description: String,
    rate: u32,
}

fn text(value: &CStr) -> String {
    value.to_string_lossy().into_owned()
}

fn described(
    conn: &mut Connection,
    direction: DeviceDirection,
) -> Result<Vec<Described>, AudioError> {
    Ok(match direction {
        DeviceDirection::Output => conn
            .request::<SinkInfoList>(Command::GetSinkInfoList)?
            .into_iter()
            .map(|sink| Described {
                description: sink
                    .description
                    .as_deref()
                    .map_or_else(|| text(&sink.name), text),
                name: text(&sink.name),
                rate: sink.sample_spec.sample_rate,
            })
            .collect(),
        DeviceDirection::Input => conn
            .request::<SourceInfoList>(Command::GetSourceInfoList)?
            .into_iter()
            .map(|source| Described {
                description: source
                    .description
                    .as_deref()
                    .map_or_else(|| text(&source.name), text),
                name: text(&source.name),
                rate: source.sample_spec.sample_rate,
            })
            .collect(),
    })
}

fn default_name(server: &ServerInfo, direction: DeviceDirection) -> Option<String> {
    match direction {
        DeviceDirection::Output => server.default_sink_name.as_deref().map(text),
        DeviceDirection::Input => server.default_source_name.as_deref().map(text),
    }
}

/// Every sink (output) and source (input, monitors included) with its description.
pub(super) fn list(conn: &mut Connection) -> Result<Vec<DeviceInfo>, AudioError> {
    let server: ServerInfo = conn.request(Command::GetServerInfo)?;
    let mut found = Vec::new();
    for direction in [DeviceDirection::Input, DeviceDirection::Output] {
        let default = default_name(&server, direction);
        found.extend(described(conn, direction)?.into_iter().map(|d| DeviceInfo {
            is_default: default.as_deref() == Some(d.name.as_str()),
            name: d.name,
            description: d.description,
            direction,
        }));
    }
    Ok(found)
}

/// The environment's pick when the user chose none, as libpulse honours it.
fn environment_choice(direction: DeviceDirection) -> Option<String> {
    let variable = match direction {
        DeviceDirection::Output => "PULSE_SINK",
        DeviceDirection::Input => "PULSE_SOURCE",
    };
    std::env::var(variable).ok().filter(|v| !v.is_empty())
}

/// The device called `wanted` (by name, then by description), or the default one.
pub(super) fn resolve(
    conn: &mut Connection,
    wanted: Option<&str>,
    direction: DeviceDirection,
) -> Result<Endpoint, AudioError> {
    let devices = described(conn, direction)?;
    let from_environment = environment_choice(direction);
    let Some(wanted) = wanted.or(from_environment.as_deref()) else {
        let server: ServerInfo = conn.request(Command::GetServerInfo)?;
        let default = default_name(&server, direction);
        let rate = devices
            .iter()
            .find(|d| Some(d.name.as_str()) == default.as_deref())
            .map_or(server.sample_spec.sample_rate, |d| d.rate);
        return Ok(Endpoint { name: None, rate });
    };
    let by_name = devices.iter().find(|d| d.name == wanted);
    let by_description = || {
        devices
            .iter()
            .find(|d| d.description.eq_ignore_ascii_case(wanted))
    };
    match by_name.or_else(by_description) {
        Some(device) => Ok(Endpoint {
            name: Some(device.name.clone()),
            rate: device.rate,
        }),
        None => {
            let what = match direction {
                DeviceDirection::Input => "input",
                DeviceDirection::Output => "output",
            };
            let known: Vec<&str> = devices.iter().map(|d| d.name.as_str()).collect();
            Err(AudioError::Device(format!(
                "no {what} device named {wanted:?} on the PulseAudio server (available: {})",
                known.join(", ")
            )))
        }
    }
}
