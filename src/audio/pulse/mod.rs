//! Calls and tones straight on a PulseAudio (or PipeWire-Pulse) server over its native
//! protocol: the `pulseaudio` crate for the messages, our own socket and one thread per session.
//!
//! Files: `wire.rs` (the connection: handshake, commands, framing), `devices.rs` (listing and
//! resolving sinks and sources), `stream_params.rs` (sample spec, buffer sizes, stream
//! properties), `io_thread.rs` (a session's streams and the thread that serves them),
//! `device_watch.rs` (news of devices coming and going).

mod device_watch;
mod devices;
mod io_thread;
mod stream_params;
mod wire;

pub use device_watch::DeviceWatch;
pub(crate) use io_thread::PulseThread;

use super::{AudioError, DeviceInfo};

/// True when the environment points at a PulseAudio socket that exists.
pub(crate) fn server_socket_exists() -> bool {
    wire::socket_path().is_some()
}

/// Watch the server's devices, when Handset talks to a PulseAudio server: `on_change` runs
/// whenever a device list or a default changes. `None` on other audio systems (ALSA has no
/// such news for us) or when the server cannot be reached.
pub fn watch_devices(on_change: impl Fn() + Send + 'static) -> Option<DeviceWatch> {
    if super::audio_system::current() != super::audio_system::AudioSystem::NativePulse {
        return None;
    }
    DeviceWatch::start(on_change)
        .map_err(|error| tracing::info!(%error, "no news of sound devices"))
        .ok()
}

/// The server's sinks and sources.
pub(crate) fn list_devices() -> Result<Vec<DeviceInfo>, AudioError> {
    let mut conn = wire::Connection::open()?;
    let listed = devices::list(&mut conn);
    conn.close();
    listed
}
