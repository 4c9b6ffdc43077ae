//! Plays one tone (ringback, busy, error, ringtone) on its own audio session, beside any call's
//! media, until it ends by itself or is stopped.

use crate::audio::{AudioBackend, AudioSession};
use crate::media;
use crate::media::tones::{Tone, ToneGenerator};
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::time::MissedTickBehavior;

/// Tones are narrowband; every backend converts from this rate.
const TONE_RATE: u32 = 8000;
const TICK: Duration = Duration::from_millis(10);
/// How much tone we keep queued ahead of the speaker.
const QUEUED: usize = TONE_RATE as usize / 20;

pub struct TonePlayer {
    tone: Tone,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl TonePlayer {
    /// Play `tone` at `volume` per cent.
    pub fn start(tone: Tone, backend: AudioBackend, volume: u8) -> Self {
        let (stop_tx, stop_rx) = oneshot::channel();
        let task = tokio::spawn(play(tone, backend, volume, stop_rx));
        Self {
            tone,
            stop: Some(stop_tx),
            task,
        }
    }

    pub fn plays(&self, tone: Tone) -> bool {
        self.tone == tone && !self.task.is_finished()
    }

    /// Stop and wait until the audio is closed (a recording finalised), so the call's media can
    /// take the same device or file.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = self.task.await;
    }
}

async fn play(tone: Tone, backend: AudioBackend, volume: u8, mut stop: oneshot::Receiver<()>) {
    let opened =
        tokio::task::spawn_blocking(move || AudioSession::open_playback_only(&backend, TONE_RATE))
            .await;
    let mut audio = match opened {
        Ok(Ok(audio)) => audio,
        Ok(Err(e)) => return tracing::warn!("cannot play a tone: {e}"),
        Err(e) => return tracing::warn!("cannot play a tone: {e}"),
    };
    let mut generator = ToneGenerator::new(tone, TONE_RATE);
    let mut samples = Vec::with_capacity(QUEUED);
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            _ = tick.tick() => {
                let queued = audio.playback_queued();
                if generator.finished() {
                    if queued == 0 {
                        break;
                    }
                    continue;
                }
                samples.clear();
                generator.fill(&mut samples, QUEUED.saturating_sub(queued));
                media::volume::apply(&mut samples, volume);
                audio.push_playback(&samples);
            }
        }
    }
    // Closing blocks while a device drains or a recording is written.
    let closed = tokio::task::spawn_blocking(move || audio.close()).await;
    if let Ok(Err(e)) = closed {
        tracing::warn!("closing a tone's audio: {e}");
    }
}
