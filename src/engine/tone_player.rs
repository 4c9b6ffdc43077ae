//! Plays one tone (ringback, busy, error, ringtone) on its own audio session, beside any call's
//! media, until it ends by itself or is stopped. The ringtone is the desktop sound theme's
//! `phone-incoming-call` when it has one, else our own chime.

use crate::audio::sound_file::Pcm;
use crate::audio::{sound_theme, sound_theme_portal, AudioBackend, AudioSession};
use crate::media;
use crate::media::looped_sound::LoopedSound;
use crate::media::sound_theme::DEFAULT_THEME;
use crate::media::tones::{self, Tone, ToneGenerator};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{oneshot, OnceCell};
use tokio::time::MissedTickBehavior;

/// Tones are narrowband; every backend converts from this rate.
const TONE_RATE: u32 = 8000;
const TICK: Duration = Duration::from_millis(10);
/// How much sound we keep queued ahead of the speaker: 50 ms.
const QUEUED_PER_SECOND: usize = 20;
/// The pause between two plays of the theme's ring.
const THEME_RING_GAP: Duration = Duration::from_millis(1000);

/// What one ring plays, looked up once and shared by the ringers of every output device.
#[derive(Clone, Default)]
pub struct Ringtone {
    /// `None` inside: no usable theme sound, our chime plays.
    theme: Arc<OnceCell<Option<Arc<Pcm>>>>,
    own_only: bool,
}

impl Ringtone {
    /// Our chime, the theme unasked.
    pub fn own() -> Self {
        Self {
            own_only: true,
            ..Self::default()
        }
    }

    /// The desktop theme's ring if it has one, else ours.
    pub fn from_theme() -> Self {
        Self::default()
    }

    async fn theme_sound(&self) -> Option<Arc<Pcm>> {
        if self.own_only {
            return None;
        }
        let lookup = || async {
            let configured = tokio::task::spawn_blocking(sound_theme::configured_theme_name)
                .await
                .ok()
                .flatten();
            let theme = match configured {
                Some(theme) => theme,
                None => sound_theme_portal::theme_name()
                    .await
                    .unwrap_or_else(|| DEFAULT_THEME.to_string()),
            };
            match tokio::task::spawn_blocking(move || sound_theme::load_theme_ringtone(&theme))
                .await
            {
                Ok(pcm) => pcm.map(Arc::new),
                Err(e) => {
                    tracing::warn!("looking up the sound theme failed ({e}); ringing with ours");
                    None
                }
            }
        };
        self.theme.get_or_init(lookup).await.clone()
    }
}

/// What a player plays.
enum Sound {
    Tone(Tone),
    Ring(Ringtone),
}

/// The samples of a playing sound, at its own rate.
enum Source {
    Tone(ToneGenerator),
    Recorded(LoopedSound),
}

impl Source {
    fn finished(&self) -> bool {
        match self {
            Source::Tone(generator) => generator.finished(),
            Source::Recorded(_) => false,
        }
    }

    fn fill(&mut self, out: &mut Vec<i16>, count: usize) {
        match self {
            Source::Tone(generator) => generator.fill(out, count),
            Source::Recorded(looped) => looped.fill(out, count),
        }
    }
}

pub struct TonePlayer {
    tone: Tone,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl TonePlayer {
    /// Play `tone` at `volume` per cent.
    pub fn start(tone: Tone, backend: AudioBackend, volume: u8) -> Self {
        Self::spawn(tone, Sound::Tone(tone), backend, volume)
    }

    /// Ring with `ringtone` at `volume` per cent until stopped.
    pub fn ring(ringtone: Ringtone, backend: AudioBackend, volume: u8) -> Self {
        Self::spawn(tones::RINGTONE, Sound::Ring(ringtone), backend, volume)
    }

    fn spawn(tone: Tone, sound: Sound, backend: AudioBackend, volume: u8) -> Self {
        let (stop_tx, stop_rx) = oneshot::channel();
        let task = tokio::spawn(play(sound, backend, volume, stop_rx));
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

async fn play(sound: Sound, backend: AudioBackend, volume: u8, mut stop: oneshot::Receiver<()>) {
    let (mut source, rate) = match sound {
        Sound::Tone(tone) => (Source::Tone(ToneGenerator::new(tone, TONE_RATE)), TONE_RATE),
        Sound::Ring(ringtone) => {
            let theme = tokio::select! {
                _ = &mut stop => return,
                theme = ringtone.theme_sound() => theme,
            };
            match theme {
                Some(pcm) => {
                    let gap = (THEME_RING_GAP.as_millis() as usize * pcm.rate as usize) / 1000;
                    let looped = LoopedSound::new(pcm.samples.clone(), gap);
                    (Source::Recorded(looped), pcm.rate)
                }
                None => (
                    Source::Tone(ToneGenerator::new(tones::RINGTONE, TONE_RATE)),
                    TONE_RATE,
                ),
            }
        }
    };
    let opened =
        tokio::task::spawn_blocking(move || AudioSession::open_playback_only(&backend, rate)).await;
    let mut audio = match opened {
        Ok(Ok(audio)) => audio,
        Ok(Err(e)) => return tracing::warn!("cannot play a tone: {e}"),
        Err(e) => return tracing::warn!("cannot play a tone: {e}"),
    };
    let queued_max = rate as usize / QUEUED_PER_SECOND;
    let mut samples = Vec::with_capacity(queued_max);
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            _ = tick.tick() => {
                let queued = audio.playback_queued();
                if source.finished() {
                    if queued == 0 {
                        break;
                    }
                    continue;
                }
                samples.clear();
                source.fill(&mut samples, queued_max.saturating_sub(queued));
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
