//! Call-progress tones, the call-waiting beep and our ringtone, as samples counted from the
//! tone's start: no clocks, so a test knows exactly what plays when.
//!
//! The progress tones follow ITU-T E.180 as used across Europe (ETSI TR 101 041): 425 Hz,
//! ringback 1 s on / 4 s off, busy 0.5 s / 0.5 s, congestion 0.2 s / 0.2 s. The ringtone is our
//! own composition (a rising three-note chime rung twice, then a pause), so it carries no
//! one else's licence.

use std::f64::consts::PI;

/// One stretch of a tone's cycle: `freqs` summed for `ms`, or silence when `freqs` is empty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub ms: u32,
    pub freqs: &'static [f64],
}

/// A tone: its cycle repeats until `length_ms` (if any) has played.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tone {
    pub cycle: &'static [Segment],
    pub length_ms: Option<u32>,
    /// Peak level as a share of full scale.
    pub level: f64,
}

const EUROPEAN: &[f64] = &[425.0];
const SILENT: &[f64] = &[];
/// Progress tones at about -12 dBFS: clearly heard, never clipped by mixing with speech.
const PROGRESS_LEVEL: f64 = 0.25;

/// What the caller hears while the far end rings.
pub const RINGBACK: Tone = Tone {
    cycle: &[
        Segment {
            ms: 1000,
            freqs: EUROPEAN,
        },
        Segment {
            ms: 4000,
            freqs: SILENT,
        },
    ],
    length_ms: None,
    level: PROGRESS_LEVEL,
};

/// The far end is busy (486, 600): a few seconds, then silence.
pub const BUSY: Tone = Tone {
    cycle: &[
        Segment {
            ms: 500,
            freqs: EUROPEAN,
        },
        Segment {
            ms: 500,
            freqs: SILENT,
        },
    ],
    length_ms: Some(3000),
    level: PROGRESS_LEVEL,
};

/// The call failed for another reason (congestion tone).
pub const ERROR: Tone = Tone {
    cycle: &[
        Segment {
            ms: 200,
            freqs: EUROPEAN,
        },
        Segment {
            ms: 200,
            freqs: SILENT,
        },
    ],
    length_ms: Some(2400),
    level: PROGRESS_LEVEL,
};

/// A second call arrives during a call: two short beeps mixed into the call's sound.
pub const CALL_WAITING: Tone = Tone {
    cycle: &[
        Segment {
            ms: 200,
            freqs: EUROPEAN,
        },
        Segment {
            ms: 200,
            freqs: SILENT,
        },
        Segment {
            ms: 200,
            freqs: EUROPEAN,
        },
    ],
    length_ms: Some(600),
    level: PROGRESS_LEVEL,
};

/// E5, G5, C6 with their octave below for warmth.
const NOTE_1: &[f64] = &[659.26, 329.63];
const NOTE_2: &[f64] = &[783.99, 392.0];
const NOTE_3: &[f64] = &[1046.5, 523.25];

const fn note(ms: u32, freqs: &'static [f64]) -> Segment {
    Segment { ms, freqs }
}

/// Our ringtone: the chime twice, then a pause; 4 s a cycle.
pub const RINGTONE: Tone = Tone {
    cycle: &[
        note(160, NOTE_1),
        note(40, SILENT),
        note(160, NOTE_2),
        note(40, SILENT),
        note(360, NOTE_3),
        note(240, SILENT),
        note(160, NOTE_1),
        note(40, SILENT),
        note(160, NOTE_2),
        note(40, SILENT),
        note(360, NOTE_3),
        note(2240, SILENT),
    ],
    length_ms: None,
    level: 0.5,
};

/// How long each sounding segment fades in and out, so segment edges do not click.
const RAMP_MS: u32 = 5;

/// Plays a [`Tone`] at a sample rate, sample by sample.
#[derive(Debug, Clone)]
pub struct ToneGenerator {
    tone: Tone,
    rate: u32,
    /// Samples already produced.
    position: u64,
    /// `None` plays forever.
    total: Option<u64>,
    cycle_len: u64,
}

impl ToneGenerator {
    pub fn new(tone: Tone, rate: u32) -> Self {
        let rate = rate.max(1);
        let cycle_len = tone
            .cycle
            .iter()
            .map(|s| ms_to_samples(s.ms, rate))
            .sum::<u64>();
        Self {
            tone,
            rate,
            position: 0,
            total: tone.length_ms.map(|ms| ms_to_samples(ms, rate)),
            cycle_len,
        }
    }

    /// Whether every sample of a finite tone has been produced.
    pub fn finished(&self) -> bool {
        self.cycle_len == 0 || self.total.is_some_and(|total| self.position >= total)
    }

    /// Append up to `count` samples to `out`; fewer (or none) once the tone is over.
    pub fn fill(&mut self, out: &mut Vec<i16>, count: usize) {
        for _ in 0..count {
            if self.finished() {
                return;
            }
            out.push(self.sample_at(self.position));
            self.position += 1;
        }
    }

    /// Add up to `pcm.len()` samples onto `pcm` (saturating), for a beep over a call's sound.
    pub fn mix_into(&mut self, pcm: &mut [i16]) {
        for sample in pcm.iter_mut() {
            if self.finished() {
                return;
            }
            let tone = self.sample_at(self.position);
            *sample = sample.saturating_add(tone);
            self.position += 1;
        }
    }

    fn sample_at(&self, n: u64) -> i16 {
        let mut offset = n % self.cycle_len;
        for segment in self.tone.cycle {
            let len = ms_to_samples(segment.ms, self.rate);
            if offset < len {
                return self.segment_sample(segment, n, offset, len);
            }
            offset -= len;
        }
        0
    }

    fn segment_sample(&self, segment: &Segment, n: u64, offset: u64, len: u64) -> i16 {
        if segment.freqs.is_empty() {
            return 0;
        }
        let ramp = ms_to_samples(RAMP_MS, self.rate).max(1);
        let edge = offset.min(len - 1 - offset);
        let envelope = (edge as f64 / ramp as f64).min(1.0);
        let t = n as f64 / f64::from(self.rate);
        let sum: f64 = segment.freqs.iter().map(|f| (2.0 * PI * f * t).sin()).sum();
        let value = sum / segment.freqs.len() as f64 * self.tone.level * envelope;
        (value * f64::from(i16::MAX)) as i16
    }
}

fn ms_to_samples(ms: u32, rate: u32) -> u64 {
    u64::from(ms) * u64::from(rate) / 1000
}

/// One cycle of the ringtone, as written to `assets/sounds/ringtone.wav`.
pub fn ringtone_cycle(rate: u32) -> Vec<i16> {
    let mut generator = ToneGenerator::new(RINGTONE, rate);
    let mut samples = Vec::new();
    let cycle = generator.cycle_len as usize;
    generator.fill(&mut samples, cycle);
    samples
}

#[cfg(test)]
#[path = "tones_tests.rs"]
mod tests;
