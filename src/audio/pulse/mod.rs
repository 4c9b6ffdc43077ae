//! Calls and tones straight on a PulseAudio (or PipeWire-Pulse) server over its native
//! protocol: the `pulseaudio` crate for the messages, our own socket and one thread per session.
//!
//! Files: `wire.rs` (the connection: handshake, commands, framing), `devices.rs` (listing and
//! resolving sinks and sources), `stream_params.rs` (sample spec, buffer sizes, stream
//! properties), `io_thread.rs` (a session's streams and the thread that serves them).

mod devices;
mod io_thread;
mod stream_params;
mod wire;

pub(crate) use io_thread::PulseThread;

use super::{AudioError, DeviceInfo};

/// True when the environment points at a PulseAudio socket that exists.
pub(crate) fn server_socket_exists() -> bool {
    wire::socket_path().is_some()
}

/// The server's sinks and sources.
pub(crate) fn list_devices() -> Result<Vec<DeviceInfo>, AudioError> {
    let mut conn = wire::Connection::open()?;
    let listed = devices::list(&mut conn);
    conn.close();
    listed
}
