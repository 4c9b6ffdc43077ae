//! Starting Settings → Audio's device test on the devices a call would use.

use super::Runner;
use crate::engine::api::{AudioTestKind, AudioTestProgress, Event};
use crate::engine::audio_test;

impl Runner {
    pub(super) fn start_audio_test(&mut self, test: AudioTestKind) {
        if let Some(running) = self.audio_test.take() {
            running.abort();
        }
        if !self.calls.is_empty() {
            // The call has the devices; a test tone in someone's ear is not a test.
            self.emit(Event::AudioTest {
                test,
                progress: AudioTestProgress::Failed {
                    detail: "not during a call".to_owned(),
                },
            });
            return;
        }
        let backend = self.call_audio();
        self.audio_test = Some(tokio::spawn(audio_test::run(
            test,
            backend,
            self.events.clone(),
        )));
    }

    /// A call that starts takes the devices back from a test.
    pub(super) fn stop_audio_test(&mut self) {
        if let Some(running) = self.audio_test.take() {
            running.abort();
        }
    }
}
