//! News of sound devices coming and going, and of the desktop's default changing, so that the
//! device lists in Settings → Audio and in the call view stay current without anyone asking.
//!
//! One connection subscribed to the server's sink, source and server events. Its thread sleeps
//! in a read with no timeout, so an idle phone never wakes for it; dropping the watch shuts the
//! socket, which ends the read at once.

use std::os::unix::net::UnixStream;
use std::thread::JoinHandle;

use pulseaudio::protocol::{
    Command, SubscriptionEvent, SubscriptionEventFacility, SubscriptionEventType, SubscriptionMask,
};

use super::wire::{Ack, Connection, Incoming};
use crate::audio::AudioError;

/// A running watch; dropping it stops the thread.
pub struct DeviceWatch {
    /// A second handle on the connection's socket, to shut it from outside the thread.
    closer: UnixStream,
    handle: Option<JoinHandle<()>>,
}

/// Whether `event` changes what a device list shows: a device added or removed, or the
/// server's defaults. A sink's own changes (volume, suspending when idle, a stream starting)
/// do not, and they come often.
fn changes_the_lists(event: &SubscriptionEvent) -> bool {
    use SubscriptionEventFacility as Facility;
    use SubscriptionEventType as Type;
    match event.event_facility {
        Facility::Sink | Facility::Source => {
            matches!(event.event_type, Type::New | Type::Removed)
        }
        Facility::Server => event.event_type == Type::Changed,
        _ => false,
    }
}

impl DeviceWatch {
    /// Call `on_change` from the watch's thread after every batch of server news that changes
    /// the device lists (one plug-in brings a sink, its monitor source, and maybe a new
    /// default at once: they come as one call when they arrive together).
    pub fn start(on_change: impl Fn() + Send + 'static) -> Result<DeviceWatch, AudioError> {
        let mut conn = Connection::open()?;
        let _: Ack = conn.request(Command::Subscribe(
            SubscriptionMask::SINK | SubscriptionMask::SOURCE | SubscriptionMask::SERVER,
        ))?;
        conn.wait_without_timeout()?;
        let closer = conn.second_handle()?;
        let handle = std::thread::Builder::new()
            .name("handset-devices".into())
            .spawn(move || watch(conn, on_change))
            .map_err(|e| AudioError::Device(format!("cannot start the device watch: {e}")))?;
        Ok(DeviceWatch {
            closer,
            handle: Some(handle),
        })
    }
}

fn watch(mut conn: Connection, on_change: impl Fn()) {
    loop {
        let mut changed = false;
        let received = conn.receive(|incoming| {
            if let Incoming::Command {
                command: Command::SubscribeEvent(event),
                ..
            } = incoming
            {
                changed |= changes_the_lists(&event);
            }
        });
        match received {
            Ok(true) if changed => on_change(),
            Ok(true) => {}
            Ok(false) => return,
            Err(error) => {
                tracing::info!(%error, "PulseAudio device watch ended");
                return;
            }
        }
    }
}

impl Drop for DeviceWatch {
    fn drop(&mut self) {
        let _ = self.closer.shutdown(std::net::Shutdown::Both);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(facility: SubscriptionEventFacility, kind: SubscriptionEventType) -> bool {
        changes_the_lists(&SubscriptionEvent {
            event_facility: facility,
            event_type: kind,
            index: Some(3),
        })
    }

    #[test]
    fn devices_added_or_removed_and_new_defaults_change_the_lists() {
        use SubscriptionEventFacility as F;
        use SubscriptionEventType as T;
        assert!(event(F::Sink, T::New));
        assert!(event(F::Source, T::Removed));
        assert!(event(F::Server, T::Changed));
    }

    #[test]
    fn a_sink_waking_up_or_a_volume_change_does_not() {
        use SubscriptionEventFacility as F;
        use SubscriptionEventType as T;
        assert!(!event(F::Sink, T::Changed));
        assert!(!event(F::SinkInput, T::New));
        assert!(!event(F::Client, T::Removed));
    }
}
