//! Settings → Audio's test of the chosen devices: a short tone on the speaker, or five
//! seconds from the microphone (its level reported as it records) played back, so the user
//! hears what the other side of a call would hear.

use super::api::{AudioTestKind, AudioTestProgress, Event};
use crate::audio::{AudioBackend, AudioSession};
use crate::media::level::meter_level;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::MissedTickBehavior;

/// Wideband, so the recording played back sounds like the microphone, not like a phone line.
const RATE: u32 = 16_000;
const TICK: Duration = Duration::from_millis(10);
const RECORD_SECONDS: usize = 5;
/// A level report every tenth of a second: a meter that moves smoothly, without flooding.
const LEVEL_SAMPLES: usize = RATE as usize / 10;
/// How much is kept queued ahead of the speaker while playing.
const AHEAD: usize = RATE as usize / 10;
const TONE_HZ: f64 = 440.0;
const TONE_SECONDS: f64 = 1.0;
/// −12 dBFS: clearly heard, never harsh.
const TONE_AMPLITUDE: f64 = 8_000.0;
/// Longer than any audio server takes to start playing; a device that stalls beyond it is
/// reported instead of hanging the test.
const DRAIN_LIMIT: Duration = Duration::from_secs(3);

/// Runs one test to its end and reports each step.
pub async fn run(test: AudioTestKind, backend: AudioBackend, events: UnboundedSender<Event>) {
    let report = |progress| {
        let _ = events.send(Event::AudioTest { test, progress });
    };
    let outcome = match test {
        AudioTestKind::Tone => play(&backend, tone()).await,
        AudioTestKind::Microphone => match record(&backend, &report).await {
            Ok(recording) => {
                report(AudioTestProgress::PlayingBack);
                play(&backend, recording).await
            }
            Err(detail) => Err(detail),
        },
    };
    report(match outcome {
        Ok(()) => AudioTestProgress::Finished,
        Err(detail) => AudioTestProgress::Failed { detail },
    });
}

/// One second of 440 Hz with 20 ms fades, so it starts and stops without a click.
fn tone() -> Vec<i16> {
    let length = (f64::from(RATE) * TONE_SECONDS) as usize;
    let fade = RATE as usize / 50;
    (0..length)
        .map(|n| {
            let edge = n.min(length - 1 - n).min(fade) as f64 / fade as f64;
            let phase = 2.0 * std::f64::consts::PI * TONE_HZ * n as f64 / f64::from(RATE);
            (TONE_AMPLITUDE * edge * phase.sin()) as i16
        })
        .collect()
}

async fn open(backend: &AudioBackend, capture: bool) -> Result<AudioSession, String> {
    let backend = backend.clone();
    tokio::task::spawn_blocking(move || {
        if capture {
            AudioSession::open(&backend, RATE)
        } else {
            AudioSession::open_playback_only(&backend, RATE)
        }
    })
    .await
    .map_err(|e| format!("the audio test could not start: {e}"))?
    .map_err(|e| e.to_string())
}

async fn close(session: AudioSession) {
    let closed = tokio::task::spawn_blocking(move || session.close()).await;
    if let Ok(Err(e)) = closed {
        tracing::warn!("closing the audio test's devices: {e}");
    }
}

async fn record(
    backend: &AudioBackend,
    report: &impl Fn(AudioTestProgress),
) -> Result<Vec<i16>, String> {
    let mut session = open(backend, true).await?;
    let wanted = RATE as usize * RECORD_SECONDS;
    let mut recording = Vec::with_capacity(wanted);
    let mut frame = vec![0i16; RATE as usize / 100];
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut reported = 0;
    while recording.len() < wanted {
        tick.tick().await;
        while recording.len() < wanted && session.pop_capture_frame(&mut frame) {
            recording.extend_from_slice(&frame);
        }
        while recording.len() >= reported + LEVEL_SAMPLES {
            let level = meter_level(&recording[reported..reported + LEVEL_SAMPLES]);
            report(AudioTestProgress::Level { level });
            reported += LEVEL_SAMPLES;
        }
    }
    close(session).await;
    Ok(recording)
}

async fn play(backend: &AudioBackend, sound: Vec<i16>) -> Result<(), String> {
    let mut session = open(backend, false).await?;
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut sent = 0;
    while sent < sound.len() {
        tick.tick().await;
        let room = AHEAD.saturating_sub(session.playback_queued());
        let end = (sent + room).min(sound.len());
        session.push_playback(&sound[sent..end]);
        sent = end;
    }
    let deadline = tokio::time::Instant::now() + DRAIN_LIMIT;
    let mut drained = true;
    while session.playback_queued() > 0 {
        if tokio::time::Instant::now() >= deadline {
            drained = false;
            break;
        }
        tick.tick().await;
    }
    close(session).await;
    if drained {
        Ok(())
    } else {
        Err("the speaker stopped taking sound".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tone_starts_and_ends_quietly_and_lasts_a_second() {
        let tone = tone();
        assert_eq!(tone.len(), RATE as usize);
        assert!(tone[0].abs() < 10 && tone[tone.len() - 1].abs() < 300);
        assert!(tone.iter().any(|&s| s > 7_000));
    }

    #[tokio::test]
    async fn on_null_audio_the_microphone_test_reports_silence_then_plays_back() {
        let (events, mut received) = tokio::sync::mpsc::unbounded_channel();
        run(AudioTestKind::Microphone, AudioBackend::Null, events).await;
        let mut steps = Vec::new();
        while let Ok(Event::AudioTest { progress, .. }) = received.try_recv() {
            steps.push(progress);
        }
        let levels = steps
            .iter()
            .filter(|p| matches!(p, AudioTestProgress::Level { level } if *level == 0.0))
            .count();
        assert_eq!(levels, RECORD_SECONDS * 10, "{steps:?}");
        assert_eq!(
            &steps[levels..],
            [AudioTestProgress::PlayingBack, AudioTestProgress::Finished]
        );
    }
}
