//! Ring 2: where call audio comes from and goes to.
//!
//! Every backend looks the same to the engine: an [`AudioSession`] with a capture queue and a
//! playback queue at the codec's sample rate, filled and drained in real time by a backend thread
//! or a device callback. The real-time side only touches ring buffers and atomics
//! (`queues.rs`); rate conversion happens on the engine's side of the queues.
//!
//! Opening a device session blocks while the audio server sets up the streams (milliseconds on a
//! sound card, up to ~2 s on an idle PulseAudio null sink's monitor); call it off the async
//! runtime (`spawn_blocking`). Closing or dropping a session stops its thread and, for WAV,
//! finalises the recording.
//!
//! Files: `queues.rs` (the SPSC queues and counters), `paced.rs` (a software sound card thread),
//! `wav.rs` (WAV microphone and recorder), `audio_system.rs` (PulseAudio or cpal), `pulse/`
//! (our own PulseAudio client: the device path on a desktop), `device.rs` + `device_host.rs` +
//! `device_io.rs` (cpal: ALSA where no PulseAudio server runs), `device_moves.rs` (which
//! devices a session is on, and the moves the server makes), `ringtone_file.rs` (our
//! ringtone as the WAV file in `assets/sounds`), `sound_theme.rs` and `sound_file.rs` (the
//! desktop sound theme's ring, found and decoded), `sound_theme_portal.rs` (the theme's name
//! from the XDG settings portal).

mod audio_system;
mod device;
mod device_host;
mod device_io;
mod device_moves;
mod paced;
mod pulse;
mod queues;
pub mod ringtone_file;
pub mod sound_file;
pub mod sound_theme;
pub mod sound_theme_portal;
mod wav;

pub use device_host::{list_devices, DeviceDirection, DeviceInfo, HOST_ENV as AUDIO_HOST_ENV};
pub use device_moves::{DeviceMove, SessionDevices};
pub use pulse::{watch_devices, DeviceWatch};

use std::path::PathBuf;

/// Which backend a call's audio uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AudioBackend {
    /// A sound device: on the PulseAudio server through our own client when one is reachable
    /// (streams marked `media.role=phone`), through cpal's ALSA host otherwise; the environment
    /// variable [`AUDIO_HOST_ENV`] (`pulseaudio`, `alsa` or `cpal-pulseaudio`) forces one. A name is the device's stable name from [`list_devices`] (a PulseAudio sink or
    /// source such as `callsink` or `callsink.monitor`, an ALSA PCM such as `default`) or its
    /// description; `None` picks the default device. Any rate, channel count and common sample
    /// format is accepted: channels are mixed down / copied and rates converted here.
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
    /// Times captured audio was dropped because the engine did not read it in time (more than
    /// 200 ms waiting: the oldest is dropped so delay never builds up).
    pub capture_overruns: u64,
    /// Times the speaker wanted audio and the playback queue ran dry (after playback began).
    pub playback_underruns: u64,
    /// Times `push_playback` found the playback queue full and dropped samples.
    pub playback_overflows: u64,
    /// Errors reported by the sound device (e.g. it was unplugged or the server went away).
    pub device_errors: u64,
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
    capture: queues::EngineCapture,
    playback: queues::EnginePlayback,
    backend: Running,
    /// The devices as opened, where the backend cannot report them itself.
    opened: SessionDevices,
}

/// What keeps the real-time side alive; dropping it stops the audio.
enum Running {
    Paced(paced::PacedThread),
    Device(device::DeviceThread),
    Pulse(pulse::PulseThread),
}

impl AudioSession {
    /// Start `backend` with PCM at `sample_rate` (mono i16) on the engine's side.
    pub fn open(backend: &AudioBackend, sample_rate: u32) -> Result<AudioSession, AudioError> {
        Self::open_with(backend, sample_rate, true)
    }

    /// Like [`AudioSession::open`] without a microphone (tones and the ringtone): capture stays
    /// silent and no input device or `play` file is opened.
    pub fn open_playback_only(
        backend: &AudioBackend,
        sample_rate: u32,
    ) -> Result<AudioSession, AudioError> {
        Self::open_with(backend, sample_rate, false)
    }

    fn open_with(
        backend: &AudioBackend,
        sample_rate: u32,
        capture: bool,
    ) -> Result<AudioSession, AudioError> {
        if sample_rate == 0 {
            return Err(AudioError::Device("the session sample rate is 0 Hz".into()));
        }
        match backend {
            AudioBackend::Null => open_paced(
                sample_rate,
                Box::new(paced::Silence),
                Box::new(paced::Discard),
            ),
            AudioBackend::Wav { play, record } => {
                let microphone: Box<dyn paced::Microphone> = match play {
                    Some(path) if capture => Box::new(wav::WavMicrophone::open(path, sample_rate)?),
                    _ => Box::new(paced::Silence),
                };
                let speaker: Box<dyn paced::Speaker> = match record {
                    Some(path) => Box::new(wav::WavSpeaker::create(path, sample_rate)?),
                    None => Box::new(paced::Discard),
                };
                open_paced(sample_rate, microphone, speaker)
            }
            AudioBackend::Device { input, output }
                if audio_system::current() == audio_system::AudioSystem::NativePulse =>
            {
                let (thread, capture, playback) = pulse::PulseThread::start(
                    input.as_deref(),
                    output.as_deref(),
                    sample_rate,
                    capture,
                )?;
                Ok(AudioSession {
                    capture,
                    playback,
                    backend: Running::Pulse(thread),
                    opened: SessionDevices::default(),
                })
            }
            AudioBackend::Device { input, output } => {
                let capture_opened = capture;
                let (thread, capture, playback) = device::DeviceThread::start(
                    input.as_deref(),
                    output.as_deref(),
                    sample_rate,
                    capture,
                )?;
                Ok(AudioSession {
                    capture,
                    playback,
                    backend: Running::Device(thread),
                    opened: SessionDevices {
                        input: input.clone().filter(|_| capture_opened),
                        output: output.clone(),
                    },
                })
            }
        }
    }

    /// Fill `frame` with captured samples if a whole frame is ready; false leaves it untouched.
    pub fn pop_capture_frame(&mut self, frame: &mut [i16]) -> bool {
        self.capture.pop_frame(frame)
    }

    /// Queue samples for the speaker; samples beyond the queue's room are dropped and counted.
    pub fn push_playback(&mut self, pcm: &[i16]) {
        self.playback.push(pcm);
    }

    /// Samples queued for the speaker and not yet played.
    pub fn playback_queued(&self) -> usize {
        self.playback.queued()
    }

    pub fn stats(&self) -> AudioStats {
        self.playback.stats()
    }

    /// The devices the session plays to and records from, as far as the backend knows.
    pub fn devices(&self) -> &SessionDevices {
        match &self.backend {
            Running::Pulse(thread) => thread.devices(),
            Running::Paced(_) | Running::Device(_) => &self.opened,
        }
    }

    /// How much the device path adds to the echo path (speaker queue out to microphone in), as
    /// the audio server reports its buffers; `None` where the backend cannot tell.
    pub fn device_delay_ms(&self) -> Option<u32> {
        match &self.backend {
            Running::Pulse(thread) => Some(thread.delay_ms()),
            Running::Paced(_) | Running::Device(_) => None,
        }
    }

    /// A move the audio server made on its own since the last call (the chosen device was
    /// unplugged, or the default changed), if any. Only PulseAudio moves streams.
    pub fn poll_move(&mut self) -> Option<DeviceMove> {
        match &mut self.backend {
            Running::Pulse(thread) => thread.poll_move(),
            Running::Paced(_) | Running::Device(_) => None,
        }
    }

    /// Stop, flushing any recording to disk.
    pub fn close(mut self) -> Result<(), AudioError> {
        match &mut self.backend {
            Running::Paced(thread) => thread.stop(),
            Running::Device(thread) => thread.stop(),
            Running::Pulse(thread) => thread.stop(),
        }
    }
}

fn open_paced(
    sample_rate: u32,
    microphone: Box<dyn paced::Microphone>,
    speaker: Box<dyn paced::Speaker>,
) -> Result<AudioSession, AudioError> {
    let (rt_capture, rt_playback, capture, playback) =
        queues::queues(sample_rate, sample_rate, sample_rate);
    let thread =
        paced::PacedThread::spawn(sample_rate, microphone, speaker, rt_capture, rt_playback)?;
    Ok(AudioSession {
        capture,
        playback,
        backend: Running::Paced(thread),
        opened: SessionDevices::default(),
    })
}

#[cfg(test)]
mod tests;
