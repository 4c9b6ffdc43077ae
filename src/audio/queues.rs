//! The two SPSC queues between the real-time side (a device callback or a pacing thread) and the
//! engine side, plus the atomic counters they share.
//!
//! The real-time halves ([`RtCapture`], [`RtPlayback`]) never allocate, lock, log or block: they
//! copy samples through preallocated ring buffers and bump atomics. The engine halves
//! ([`EngineCapture`], [`EnginePlayback`]) convert between the backend's rate and the session's
//! rate with a [`Resampler`], so no filtering runs in a callback.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use ringbuf::traits::{Consumer, Observer, Producer, Split};
use ringbuf::{HeapCons, HeapProd, HeapRb};

use super::AudioStats;
use crate::media::resample::Resampler;

/// Seconds of audio each queue can hold; far more than the engine ever keeps queued.
const QUEUE_SECONDS: usize = 1;
/// Samples moved per step by the engine side when draining the capture queue.
const ENGINE_CHUNK: usize = 1024;
/// Most captured audio left waiting for the engine. Older samples are dropped (and counted as an
/// overrun) so that a reader that starts late or drifts behind never adds lasting delay.
const MAX_CAPTURE_BACKLOG_MS: usize = 200;

/// Counters written by the real-time side and read by the engine.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    capture_overruns: AtomicU64,
    playback_underruns: AtomicU64,
    playback_overflows: AtomicU64,
    device_errors: AtomicU64,
    /// Set once the engine has queued any playback: silence before the first frame is expected,
    /// not an underrun.
    playback_started: AtomicBool,
}

impl Counters {
    pub(crate) fn snapshot(&self) -> AudioStats {
        AudioStats {
            capture_overruns: self.capture_overruns.load(Ordering::Relaxed),
            playback_underruns: self.playback_underruns.load(Ordering::Relaxed),
            playback_overflows: self.playback_overflows.load(Ordering::Relaxed),
            device_errors: self.device_errors.load(Ordering::Relaxed),
        }
    }

    /// Called from a device's error callback (not the real-time data callback).
    pub(crate) fn count_device_error(&self) {
        self.device_errors.fetch_add(1, Ordering::Relaxed);
    }
}

/// Builds both queues for a backend capturing at `capture_rate` and playing at `playback_rate`,
/// with the engine at `session_rate`.
pub(crate) fn queues(
    capture_rate: u32,
    playback_rate: u32,
    session_rate: u32,
) -> (RtCapture, RtPlayback, EngineCapture, EnginePlayback) {
    let counters = Arc::new(Counters::default());
    let capacity = |rate: u32| (rate as usize * QUEUE_SECONDS).max(ENGINE_CHUNK);
    let (capture_prod, capture_cons) = HeapRb::<i16>::new(capacity(capture_rate)).split();
    let (playback_prod, playback_cons) = HeapRb::<i16>::new(capacity(playback_rate)).split();
    (
        RtCapture {
            queue: capture_prod,
            counters: counters.clone(),
        },
        RtPlayback {
            queue: playback_cons,
            counters: counters.clone(),
        },
        EngineCapture {
            queue: capture_cons,
            resampler: Resampler::new(capture_rate, session_rate),
            chunk: vec![0; ENGINE_CHUNK],
            staged: Vec::with_capacity(session_rate as usize),
            max_backlog: capture_rate as usize * MAX_CAPTURE_BACKLOG_MS / 1000,
            max_staged: session_rate as usize * MAX_CAPTURE_BACKLOG_MS / 1000,
            counters: counters.clone(),
        },
        EnginePlayback {
            queue: playback_prod,
            resampler: Resampler::new(session_rate, playback_rate),
            converted: Vec::with_capacity(playback_rate as usize / 10),
            backend_rate: playback_rate,
            session_rate,
            counters,
        },
    )
}

/// Real-time producer of captured mono samples at the backend rate.
pub(crate) struct RtCapture {
    queue: HeapProd<i16>,
    counters: Arc<Counters>,
}

impl RtCapture {
    pub(crate) fn counters(&self) -> Arc<Counters> {
        self.counters.clone()
    }

    /// Queue captured samples; what does not fit is dropped and counted as one overrun.
    pub(crate) fn push(&mut self, samples: &[i16]) {
        if self.queue.push_slice(samples) < samples.len() {
            self.counters
                .capture_overruns
                .fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Real-time consumer of mono samples to play at the backend rate.
pub(crate) struct RtPlayback {
    queue: HeapCons<i16>,
    counters: Arc<Counters>,
}

impl RtPlayback {
    pub(crate) fn counters(&self) -> Arc<Counters> {
        self.counters.clone()
    }

    /// Fill `out` from the queue, padding a shortfall with silence. Returns false when the
    /// queue ran dry; the caller reports that once per callback with [`Self::count_underrun`].
    pub(crate) fn pull(&mut self, out: &mut [i16]) -> bool {
        let got = self.queue.pop_slice(out);
        if let Some(rest) = out.get_mut(got..) {
            rest.fill(0);
        }
        got == out.len()
    }

    /// One underrun, unless playback has not started yet (silence before the first frame is
    /// expected).
    pub(crate) fn count_underrun(&self) {
        if self.counters.playback_started.load(Ordering::Relaxed) {
            self.counters
                .playback_underruns
                .fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Engine-side reader of captured audio, converting to the session rate.
pub(crate) struct EngineCapture {
    queue: HeapCons<i16>,
    resampler: Resampler,
    chunk: Vec<i16>,
    /// Converted samples waiting to make up whole frames.
    staged: Vec<i16>,
    /// Backlog limits in backend-rate samples (queue) and session-rate samples (staged).
    max_backlog: usize,
    max_staged: usize,
    counters: Arc<Counters>,
}

impl EngineCapture {
    /// Fill `frame` if a whole frame is ready.
    pub(crate) fn pop_frame(&mut self, frame: &mut [i16]) -> bool {
        self.drop_stale_backlog(frame.len());
        if self.resampler.is_passthrough() && self.staged.is_empty() {
            if self.queue.occupied_len() < frame.len() {
                return false;
            }
            return self.queue.pop_slice(frame) == frame.len();
        }
        while self.staged.len() < frame.len() {
            let got = self.queue.pop_slice(&mut self.chunk);
            if got == 0 {
                break;
            }
            if let Some(fresh) = self.chunk.get(..got) {
                self.resampler.process(fresh, &mut self.staged);
            }
        }
        match self.staged.get(..frame.len()) {
            Some(ready) => {
                frame.copy_from_slice(ready);
                self.staged.drain(..frame.len());
                true
            }
            None => false,
        }
    }
}

impl EngineCapture {
    /// Keep at most `MAX_CAPTURE_BACKLOG_MS` (and never less than two frames) of the newest audio.
    fn drop_stale_backlog(&mut self, frame_len: usize) {
        let max_queue = self.max_backlog.max(2 * frame_len);
        let max_staged = self.max_staged.max(2 * frame_len);
        let queued = self.queue.occupied_len();
        let mut dropped = false;
        if queued > max_queue {
            self.queue.skip(queued - max_queue);
            dropped = true;
        }
        if self.staged.len() > max_staged {
            self.staged.drain(..self.staged.len() - max_staged);
            dropped = true;
        }
        if dropped {
            self.counters
                .capture_overruns
                .fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Engine-side writer of audio to play, converting from the session rate.
pub(crate) struct EnginePlayback {
    queue: HeapProd<i16>,
    resampler: Resampler,
    converted: Vec<i16>,
    backend_rate: u32,
    session_rate: u32,
    counters: Arc<Counters>,
}

impl EnginePlayback {
    /// Queue samples at the session rate; what does not fit is dropped and counted.
    pub(crate) fn push(&mut self, pcm: &[i16]) {
        if pcm.is_empty() {
            return;
        }
        self.converted.clear();
        self.resampler.process(pcm, &mut self.converted);
        let pushed = self.queue.push_slice(&self.converted);
        if pushed < self.converted.len() {
            self.counters
                .playback_overflows
                .fetch_add(1, Ordering::Relaxed);
        }
        self.counters
            .playback_started
            .store(true, Ordering::Relaxed);
    }

    pub(crate) fn stats(&self) -> AudioStats {
        self.counters.snapshot()
    }

    /// Samples queued and not yet played, in session-rate samples.
    pub(crate) fn queued(&self) -> usize {
        let backend = self.queue.occupied_len() as u64;
        (backend * u64::from(self.session_rate) / u64::from(self.backend_rate.max(1))) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_pass_through_at_equal_rates() {
        let (mut rt_cap, _, mut cap, _) = queues(8000, 8000, 8000);
        let mut frame = [0i16; 160];
        assert!(!cap.pop_frame(&mut frame));
        rt_cap.push(&[7; 100]);
        assert!(!cap.pop_frame(&mut frame), "only part of a frame is ready");
        rt_cap.push(&[7; 100]);
        assert!(cap.pop_frame(&mut frame));
        assert_eq!(frame, [7; 160]);
    }

    #[test]
    fn capture_is_converted_to_the_session_rate() {
        let (mut rt_cap, _, mut cap, _) = queues(48000, 48000, 8000);
        rt_cap.push(&[1000; 4800]);
        let mut frames = 0;
        let mut frame = [0i16; 160];
        while cap.pop_frame(&mut frame) {
            frames += 1;
        }
        // 100 ms at 8 kHz is 5 frames, less the resampler's look-ahead.
        assert_eq!(frames, 4);
        assert_eq!(frame[159], 1000);
    }

    #[test]
    fn a_late_reader_gets_the_newest_audio_not_a_lasting_delay() {
        let (mut rt_cap, _, mut cap, play) = queues(8000, 8000, 8000);
        rt_cap.push(&[1; 6400]);
        rt_cap.push(&[7; 1600]); // the newest 200 ms
        let mut frame = [0i16; 160];
        let mut frames = Vec::new();
        while cap.pop_frame(&mut frame) {
            frames.push(frame);
        }
        assert_eq!(frames.len(), 10);
        assert!(frames.iter().all(|f| *f == [7; 160]));
        assert_eq!(play.stats().capture_overruns, 1);
    }

    #[test]
    fn underruns_count_only_after_playback_started() {
        let (_, mut rt_play, _, mut play) = queues(8000, 8000, 8000);
        let mut out = [1i16; 80];
        assert!(!rt_play.pull(&mut out));
        rt_play.count_underrun();
        assert_eq!(out, [0; 80]);
        assert_eq!(play.counters.snapshot().playback_underruns, 0);

        play.push(&[5; 100]);
        assert_eq!(play.queued(), 100);
        assert!(rt_play.pull(&mut out));
        assert_eq!(out, [5; 80]);
        assert!(!rt_play.pull(&mut out));
        rt_play.count_underrun();
        assert_eq!(out[..20], [5; 20]);
        assert_eq!(out[20..], [0; 60]);
        assert_eq!(play.counters.snapshot().playback_underruns, 1);
    }

    #[test]
    fn overflows_are_dropped_and_counted() {
        let (mut rt_cap, _, _, mut play) = queues(8000, 8000, 8000);
        play.push(&vec![1; 9000]);
        assert_eq!(play.queued(), 8000);
        rt_cap.push(&vec![1; 9000]);
        let stats = play.counters.snapshot();
        assert_eq!(stats.playback_overflows, 1);
        assert_eq!(stats.capture_overruns, 1);
    }
}
