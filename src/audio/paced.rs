//! A software sound card: a thread that wakes every 10 ms and moves exactly as many samples as
//! real time demands, from a [`Microphone`] into the capture queue and from the playback queue
//! into a [`Speaker`]. The WAV and null backends are this thread with different ends.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::queues::{RtCapture, RtPlayback};
use super::AudioError;

const TICK: Duration = Duration::from_millis(10);
/// If the thread is starved for longer than this (a suspended machine, a debugger), it skips
/// ahead instead of delivering a burst of stale audio.
const MAX_CATCH_UP: Duration = Duration::from_millis(500);
/// Largest number of samples moved in one step; a tick at 48 kHz needs 480.
const STEP: usize = 2048;

/// Where captured samples come from.
pub(crate) trait Microphone: Send + 'static {
    /// Fill `out` with the next samples (silence when there is nothing to say).
    fn read(&mut self, out: &mut [i16]);
}

/// Where played samples go.
pub(crate) trait Speaker: Send + 'static {
    fn write(&mut self, samples: &[i16]) -> Result<(), AudioError>;
    /// Flush everything to its final place.
    fn finish(self: Box<Self>) -> Result<(), AudioError>;
}

/// Silence in.
pub(crate) struct Silence;

impl Microphone for Silence {
    fn read(&mut self, out: &mut [i16]) {
        out.fill(0);
    }
}

/// Nothing out.
pub(crate) struct Discard;

impl Speaker for Discard {
    fn write(&mut self, _samples: &[i16]) -> Result<(), AudioError> {
        Ok(())
    }
    fn finish(self: Box<Self>) -> Result<(), AudioError> {
        Ok(())
    }
}

/// The running pacing thread; stopping it finishes the speaker and reports its result.
pub(crate) struct PacedThread {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<Result<(), AudioError>>>,
}

impl PacedThread {
    pub(crate) fn spawn(
        rate: u32,
        mut microphone: Box<dyn Microphone>,
        speaker: Box<dyn Speaker>,
        mut capture: RtCapture,
        mut playback: RtPlayback,
    ) -> Result<PacedThread, AudioError> {
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = stop.clone();
        let handle = std::thread::Builder::new()
            .name("handset-audio-pacer".into())
            .spawn(move || {
                let mut speaker = speaker;
                let result = run(
                    rate,
                    &stop_flag,
                    microphone.as_mut(),
                    speaker.as_mut(),
                    &mut capture,
                    &mut playback,
                );
                let finished = speaker.finish();
                result.and(finished)
            })
            .map_err(|e| AudioError::Device(format!("cannot start the audio thread: {e}")))?;
        Ok(PacedThread {
            stop,
            handle: Some(handle),
        })
    }

    /// Stop the thread and return what the speaker reported.
    pub(crate) fn stop(&mut self) -> Result<(), AudioError> {
        self.stop.store(true, Ordering::Relaxed);
        let Some(handle) = self.handle.take() else {
            return Ok(());
        };
        handle.thread().unpark();
        handle
            .join()
            .unwrap_or_else(|_| Err(AudioError::Device("the audio thread panicked".into())))
    }
}

impl Drop for PacedThread {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

fn run(
    rate: u32,
    stop: &AtomicBool,
    microphone: &mut dyn Microphone,
    speaker: &mut dyn Speaker,
    capture: &mut RtCapture,
    playback: &mut RtPlayback,
) -> Result<(), AudioError> {
    let mut buffer = [0i16; STEP];
    // A failing speaker (disk full) must not stop the microphone: keep pacing, report at close.
    let mut speaker_error = None;
    let mut epoch = Instant::now();
    let mut moved: u64 = 0;
    while !stop.load(Ordering::Relaxed) {
        let mut elapsed = epoch.elapsed();
        if elapsed > Duration::from_secs_f64(moved as f64 / f64::from(rate)) + MAX_CATCH_UP {
            epoch = Instant::now();
            moved = 0;
            elapsed = Duration::ZERO;
        }
        let due = (elapsed.as_nanos() * u128::from(rate) / 1_000_000_000) as u64;
        let mut ran_dry = false;
        while moved < due {
            let n = ((due - moved) as usize).min(STEP);
            let Some(chunk) = buffer.get_mut(..n) else {
                break;
            };
            microphone.read(chunk);
            capture.push(chunk);
            ran_dry |= !playback.pull(chunk);
            if speaker_error.is_none() {
                if let Err(e) = speaker.write(chunk) {
                    playback.counters().count_device_error();
                    speaker_error = Some(e);
                }
            }
            moved += n as u64;
        }
        if ran_dry {
            playback.count_underrun();
        }
        std::thread::park_timeout(TICK);
    }
    speaker_error.map_or(Ok(()), Err)
}
