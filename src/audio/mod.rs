//! Ring 2: where call audio comes from and goes to. PLACEHOLDER: the audio owner replaces bodies.
//!
//! Every backend looks the same to the engine: an [`AudioSession`] with a capture queue and a
//! playback queue at the codec's sample rate, filled and drained in real time by a backend thread
//! or a device callback.

use std::path::PathBuf;

/// Which backend a call's audio uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AudioBackend {
    /// A sound device through cpal (PulseAudio host where available, ALSA otherwise).
    /// `None` picks the default device.
    Device {
        input: Option<String>,
        output: Option<String>,
    },
    /// WAV files: `play` is the microphone, `record` receives what the speaker would play.
    Wav {
        play: Option<PathBuf>,
        record: Option<PathBuf>,
    },
    /// Silence in, nothing out.
    Null,
}

/// Counters kept by the real-time side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AudioStats {
    pub capture_overruns: u64,
    pub playback_underruns: u64,
}

/// Why audio could not start.
#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    #[error("cannot open WAV file {path}: {detail}")]
    WavFile { path: PathBuf, detail: String },
    #[error("audio device error: {0}")]
    Device(String),
}

/// One call's audio, running until dropped.
pub struct AudioSession {
    _private: (),
}

impl AudioSession {
    /// Start `backend` with PCM at `sample_rate` (mono i16) on the engine's side.
    pub fn open(backend: &AudioBackend, sample_rate: u32) -> Result<AudioSession, AudioError> {
        let _ = (backend, sample_rate);
        todo!("audio")
    }

    /// Fill `frame` with captured samples if a whole frame is ready; false leaves it untouched.
    pub fn pop_capture_frame(&mut self, frame: &mut [i16]) -> bool {
        let _ = frame;
        todo!("audio")
    }

    /// Queue samples for the speaker; samples beyond the queue's room are dropped and counted.
    pub fn push_playback(&mut self, pcm: &[i16]) {
        let _ = pcm;
        todo!("audio")
    }

    /// Samples queued for the speaker and not yet played.
    pub fn playback_queued(&self) -> usize {
        todo!("audio")
    }

    pub fn stats(&self) -> AudioStats {
        todo!("audio")
    }

    /// Stop, flushing any recording to disk.
    pub fn close(self) -> Result<(), AudioError> {
        todo!("audio")
    }
}
