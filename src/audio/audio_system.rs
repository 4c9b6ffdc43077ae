//! Which audio system a device session talks to: PulseAudio natively when a server is
//! reachable (the desktop's own, or PipeWire's Pulse server), cpal otherwise (ALSA).
//! [`HOST_ENV`] overrides: `alsa` forces cpal's ALSA host, `cpal-pulseaudio` cpal's own
//! PulseAudio host (kept for comparison), `pulseaudio` the native path.

use super::device_host::HOST_ENV;
use super::pulse;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AudioSystem {
    /// Our own PulseAudio client (src/audio/pulse).
    NativePulse,
    /// cpal, with the host [`super::device_host::open_host`] picks.
    Cpal,
}

fn forced() -> Option<String> {
    std::env::var(HOST_ENV)
        .ok()
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| !v.is_empty())
}

/// The system to use now.
pub(crate) fn current() -> AudioSystem {
    match forced().as_deref() {
        Some("pulseaudio") | Some("pulse") => AudioSystem::NativePulse,
        Some(_) => AudioSystem::Cpal,
        None if pulse::server_socket_exists() => AudioSystem::NativePulse,
        None => AudioSystem::Cpal,
    }
}

/// True when [`HOST_ENV`] asks for cpal's PulseAudio host rather than ours.
pub(crate) fn cpal_pulseaudio_forced() -> bool {
    matches!(
        forced().as_deref(),
        Some("cpal-pulseaudio") | Some("cpal-pulse")
    )
}
