//! Cleaning up the microphone's sound before it is sent: echo cancellation (the far end's
//! voice coming back from the speaker into the microphone), noise suppression and automatic
//! gain control. The work is done by `sonora`, a pure-Rust port of WebRTC's audio processing
//! (AEC3, NS, AGC2); README says why it was chosen.
//!
//! Both directions run at the call's codec rate on the engine's side of the audio queues:
//! the far end's audio is handed over as it goes to the speaker, the microphone's as it
//! comes, in frames of any length; the processing works in 10 ms pieces. The delay from the
//! one to the other (the playback queue, the device's buffers, the room) is found by AEC3's
//! own delay estimator, helped by the hint of what the device reports.

use sonora::config::{AdaptiveDigital, EchoCanceller, GainController2, NoiseSuppression};
use sonora::{AudioProcessing, Config, StreamConfig};

/// Which parts run; each can be switched off in Settings → Audio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoiceSwitches {
    pub echo_cancellation: bool,
    pub noise_suppression: bool,
    pub gain_control: bool,
}

impl VoiceSwitches {
    pub const ALL_ON: VoiceSwitches = VoiceSwitches {
        echo_cancellation: true,
        noise_suppression: true,
        gain_control: true,
    };

    fn any(self) -> bool {
        self.echo_cancellation || self.noise_suppression || self.gain_control
    }
}

/// AGC2 as WebRTC's clients use it for calls: the adaptive digital gain brings a quiet or a
/// loud talker to a steady level (without it AGC2 is a limiter only), with the limiter after
/// it. The microphone's own volume is left alone: that is the desktop's to set.
fn gain_control() -> GainController2 {
    GainController2 {
        input_volume_controller: false,
        adaptive_digital: Some(AdaptiveDigital::default()),
        ..GainController2::default()
    }
}

/// The rates WebRTC's audio processing works at.
const RATES: [u32; 4] = [8_000, 16_000, 32_000, 48_000];

pub struct VoiceProcessing {
    apm: AudioProcessing,
    /// Samples in 10 ms.
    piece: usize,
    /// Far-end and microphone samples waiting to make up a whole piece.
    far_pending: Vec<i16>,
    near_pending: Vec<i16>,
    /// Cleaned microphone samples not handed back yet (they lag by less than one piece).
    near_ready: std::collections::VecDeque<i16>,
    scratch: Vec<i16>,
    /// The echo path's delay as the devices report it, in ms.
    delay_hint: Option<i32>,
}

impl VoiceProcessing {
    /// `None` when everything is switched off, or at a rate the processing does not take
    /// (the call's audio then goes out as it was captured).
    pub fn new(sample_rate: u32, switches: VoiceSwitches) -> Option<VoiceProcessing> {
        if !switches.any() || !RATES.contains(&sample_rate) {
            return None;
        }
        let config = Config {
            echo_canceller: switches.echo_cancellation.then(EchoCanceller::default),
            noise_suppression: switches.noise_suppression.then(NoiseSuppression::default),
            gain_controller2: switches.gain_control.then(gain_control),
            ..Config::default()
        };
        let stream = StreamConfig::new(sample_rate, 1);
        let apm = AudioProcessing::builder()
            .config(config)
            .capture_config(stream)
            .render_config(stream)
            .build();
        let piece = sample_rate as usize / 100;
        Some(VoiceProcessing {
            apm,
            piece,
            far_pending: Vec::with_capacity(piece),
            near_pending: Vec::with_capacity(piece),
            near_ready: std::collections::VecDeque::with_capacity(piece * 4),
            scratch: vec![0; piece],
            delay_hint: None,
        })
    }

    /// How long sound takes from being handed to the speaker until the microphone hears it,
    /// as far as the devices tell; AEC3 searches around it.
    pub fn set_delay_hint(&mut self, delay_ms: u32) {
        self.delay_hint = Some(i32::try_from(delay_ms.min(500)).unwrap_or(500));
    }

    /// The far end's audio, as it goes to the speaker.
    pub fn far_end(&mut self, pcm: &[i16]) {
        for &sample in pcm {
            self.far_pending.push(sample);
            if self.far_pending.len() == self.piece {
                // Render output is not used: AEC3 only needs to hear the reference.
                let _ = self
                    .apm
                    .process_render_i16(&self.far_pending, &mut self.scratch);
                self.far_pending.clear();
            }
        }
    }

    /// The microphone's audio, cleaned in place. The cleaned sound lags the captured sound by
    /// less than 10 ms; the first frame starts with that much silence.
    pub fn near_end(&mut self, pcm: &mut [i16]) {
        for &sample in pcm.iter() {
            self.near_pending.push(sample);
            if self.near_pending.len() == self.piece {
                // The delay goes with every capture piece, as WebRTC's processing expects.
                // Out of range only if the clamp is wrong; the estimator works without it.
                if let Some(delay) = self.delay_hint {
                    let _ = self.apm.set_stream_delay_ms(delay);
                }
                match self
                    .apm
                    .process_capture_i16(&self.near_pending, &mut self.scratch)
                {
                    Ok(()) => self.near_ready.extend(self.scratch.iter().copied()),
                    // A piece the processing refuses goes out as it came rather than not at all.
                    Err(_) => self.near_ready.extend(self.near_pending.iter().copied()),
                }
                self.near_pending.clear();
            }
        }
        let waiting = pcm.len().saturating_sub(self.near_ready.len());
        for (at, slot) in pcm.iter_mut().enumerate() {
            *slot = if at < waiting {
                0
            } else {
                self.near_ready.pop_front().unwrap_or(0)
            };
        }
    }
}

#[cfg(test)]
#[path = "voice_processing_tests.rs"]
mod tests;
