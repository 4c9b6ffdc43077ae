//! Helpers for tests that drive the engine in-process through its `EngineHandle`.

#![allow(dead_code)]

use handset::engine::api::Event;
use handset::engine::EngineHandle;
use std::time::Duration;

/// Liveness bound for an awaited event: a broken engine fails the test instead of hanging it.
pub const EVENT_BOUND: Duration = Duration::from_secs(20);

/// The next event `want` accepts, skipping the others. Fails if the engine goes quiet for
/// [`EVENT_BOUND`] or stops.
pub async fn next_event(handle: &mut EngineHandle, want: impl Fn(&Event) -> bool) -> Event {
    let deadline = tokio::time::Instant::now() + EVENT_BOUND;
    loop {
        let event = tokio::time::timeout_at(deadline, handle.events.recv())
            .await
            .expect("the engine went quiet: the awaited event never came")
            .expect("the engine stopped before the awaited event");
        if want(&event) {
            return event;
        }
    }
}
