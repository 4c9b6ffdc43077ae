//! Packet-loss concealment by pitch repetition, in the way G.711 Appendix I describes it.
//!
//! Voiced speech repeats itself every pitch period, so the best stand-in for a lost packet is
//! the last period played again: it continues the waveform where the real audio stopped.
//! Repeating one period for long buzzes, so as the loss goes on, more of the past (two, then
//! three periods) is repeated, and after the first 10 ms the sound fades, reaching silence at
//! 60 ms; by then a guess is worse than nothing. Where a repetition wraps back to its start,
//! the step is smoothed away. A packet that arrives ends the concealment; the jitter buffer
//! cross-fades from the stand-in into it.
//!
//! Used by the codecs that have no concealment of their own: G.711, G.722 and GSM.

use crate::media::jitter::time_stretch::{find_period, period_range};

/// The history kept: three of the longest periods, and one sample more for the step at the
/// wrap.
const HISTORY_PERIODS: usize = 3;
/// Full level for this long; then the fade.
const FULL_LEVEL_MS: usize = 10;
/// Silent from here on.
const SILENT_AFTER_MS: usize = 60;
/// Each further 10 ms repeats one more period of the past, up to `HISTORY_PERIODS`.
const WIDEN_EVERY_MS: usize = 10;

/// Remembers the last real audio and makes stand-ins for lost packets.
#[derive(Debug, Clone)]
pub struct PitchConcealer {
    rate: usize,
    /// The last real audio, oldest first.
    history: Vec<i16>,
    history_len: usize,
    run: Option<Run>,
}

/// One concealment, from the first lost packet to the next real one.
#[derive(Debug, Clone)]
struct Run {
    period: usize,
    /// How many periods of the history are being repeated.
    periods: usize,
    /// Position in the repeated stretch.
    position: usize,
    /// Samples made so far.
    made: usize,
    /// The step at the last wrap, fading out over `smooth_len` samples.
    step: f32,
    smoothing_left: usize,
}

impl PitchConcealer {
    pub fn new(sample_rate: u32) -> Self {
        let rate = sample_rate.max(1000) as usize;
        let (_, longest) = period_range(sample_rate.max(1000));
        Self {
            rate,
            history: Vec::new(),
            history_len: HISTORY_PERIODS * longest + 1,
            run: None,
        }
    }

    /// Note audio that really arrived; the next loss continues from it.
    pub fn remember(&mut self, frame: &[i16]) {
        self.history.extend_from_slice(frame);
        let excess = self.history.len().saturating_sub(self.history_len);
        self.history.drain(..excess);
        self.run = None;
    }

    /// Append `samples` samples that stand in for lost audio.
    pub fn conceal(&mut self, samples: usize, out: &mut Vec<i16>) {
        let (shortest, _) = period_range(self.rate as u32);
        if self.history.len() < 2 * shortest + 1 {
            out.extend(std::iter::repeat_n(0, samples));
            return;
        }
        let mut run = match self.run.take() {
            Some(run) => run,
            None => self.start(),
        };
        let full = self.ms(FULL_LEVEL_MS);
        let silent = self.ms(SILENT_AFTER_MS);
        let widen = self.ms(WIDEN_EVERY_MS).max(1);
        for _ in 0..samples {
            if run.made >= silent {
                out.push(0);
                run.made += 1;
                continue;
            }
            let wanted = (1 + run.made / widen).min(HISTORY_PERIODS);
            if wanted > run.periods && (wanted * run.period) < self.history.len() {
                // One period further back holds the same point of the pitch cycle.
                run.periods = wanted;
                run.position += run.period;
            }
            let length = run.periods * run.period;
            if run.position >= length {
                run.position = 0;
                self.begin_wrap(&mut run, length);
            }
            let start = self.history.len() - length;
            let mut value = f32::from(self.history[start + run.position]);
            if run.smoothing_left > 0 {
                let smooth_len = (run.period / 4).max(1);
                value += run.step * run.smoothing_left as f32 / smooth_len as f32;
                run.smoothing_left -= 1;
            }
            let gain = if run.made < full {
                1.0
            } else {
                1.0 - (run.made - full) as f32 / (silent - full) as f32
            };
            out.push((value * gain).round().clamp(-32768.0, 32767.0) as i16);
            run.position += 1;
            run.made += 1;
        }
        self.run = Some(run);
    }

    fn start(&self) -> Run {
        let period = self.pitch_period();
        let mut run = Run {
            period,
            periods: 1,
            position: 0,
            made: 0,
            step: 0.0,
            smoothing_left: 0,
        };
        self.begin_wrap(&mut run, period);
        run
    }

    /// The repetition starts over `length` samples back: the sample before that point and the
    /// last one played differ by some step, which fades out over a quarter period so that
    /// the join is as smooth as the waveform.
    fn begin_wrap(&self, run: &mut Run, length: usize) {
        let last = self.history.len() - 1;
        let Some(before_start) = last.checked_sub(length) else {
            return;
        };
        run.step = f32::from(self.history[last]) - f32::from(self.history[before_start]);
        run.smoothing_left = (run.period / 4).max(1);
    }

    /// The pitch period at the end of the history: the lag at which the last stretch best
    /// matches the one before it.
    fn pitch_period(&self) -> usize {
        let (shortest, longest) = period_range(self.rate as u32);
        let usable = (self.history.len() - 1).min(2 * longest);
        // The period search compares a stretch with the one after it: search the history
        // backwards from its end.
        let reversed: Vec<i16> = self.history[self.history.len() - usable..]
            .iter()
            .rev()
            .copied()
            .collect();
        find_period(&reversed, self.rate as u32, shortest..=longest, 0.0)
            .map(|p| p.lag)
            .unwrap_or(shortest)
            .clamp(shortest, (self.history.len() - 1).max(shortest))
    }

    fn ms(&self, ms: usize) -> usize {
        self.rate * ms / 1000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voiced(rate: u32, from: usize, n: usize) -> Vec<i16> {
        // 140 Hz with two harmonics, like a voiced vowel.
        (from..from + n)
            .map(|i| {
                let t = i as f64 / f64::from(rate);
                let w = 2.0 * std::f64::consts::PI * 140.0 * t;
                (6000.0 * w.sin() + 3000.0 * (2.0 * w).sin() + 1500.0 * (3.0 * w + 0.5).sin())
                    as i16
            })
            .collect()
    }

    fn largest_step(pcm: &[i16]) -> i32 {
        pcm.windows(2)
            .map(|w| (i32::from(w[1]) - i32::from(w[0])).abs())
            .max()
            .unwrap_or(0)
    }

    fn snr_db(reference: &[i16], test: &[i16]) -> f64 {
        let signal: f64 = reference.iter().map(|&x| f64::from(x).powi(2)).sum();
        let noise: f64 = reference
            .iter()
            .zip(test)
            .map(|(&a, &b)| (f64::from(a) - f64::from(b)).powi(2))
            .sum();
        10.0 * (signal / noise.max(1.0)).log10()
    }

    #[test]
    fn without_history_it_is_silent() {
        let mut plc = PitchConcealer::new(8000);
        let mut out = Vec::new();
        plc.conceal(160, &mut out);
        assert_eq!(out, vec![0; 160]);
    }

    #[test]
    fn a_lost_packet_of_voiced_speech_is_continued_in_pitch() {
        for rate in [8000u32, 16000] {
            let frame = rate as usize / 50;
            let mut plc = PitchConcealer::new(rate);
            for n in 0..5 {
                plc.remember(&voiced(rate, n * frame, frame));
            }
            let mut out = Vec::new();
            plc.conceal(frame / 2, &mut out);
            let truth = voiced(rate, 5 * frame, frame / 2);
            let snr = snr_db(&truth, &out);
            // Repeating the last 20 ms frame instead gives about 0 dB here: 140 Hz does not
            // fit a whole number of times into 20 ms.
            assert!(snr > 15.0, "{rate} Hz: {snr:.1} dB");
        }
    }

    #[test]
    fn the_join_is_no_steeper_than_the_waveform() {
        let mut plc = PitchConcealer::new(8000);
        let speech = voiced(8000, 0, 800);
        plc.remember(&speech);
        let steepest = largest_step(&speech);
        let mut out = Vec::new();
        for _ in 0..3 {
            plc.conceal(160, &mut out);
        }
        let mut joined = vec![speech[speech.len() - 1]];
        joined.extend(&out);
        let largest = largest_step(&joined);
        assert!(largest <= steepest * 11 / 10, "{largest} > {steepest}");
    }

    #[test]
    fn a_long_loss_fades_to_silence_by_60_ms_never_louder_than_the_speech() {
        let mut plc = PitchConcealer::new(8000);
        let speech = voiced(8000, 0, 800);
        plc.remember(&speech);
        let peak = speech.iter().map(|s| s.unsigned_abs()).max().unwrap();
        let mut out = Vec::new();
        for _ in 0..5 {
            plc.conceal(160, &mut out);
        }
        assert!(out.iter().all(|s| s.unsigned_abs() <= peak + peak / 10));
        // Full level at first, fading after 10 ms, silent from 60 ms.
        let level = |from: usize, to: usize| {
            out[from..to]
                .iter()
                .map(|s| u32::from(s.unsigned_abs()))
                .max()
                .unwrap()
        };
        assert!(level(0, 80) > u32::from(peak) * 8 / 10);
        assert!(level(320, 400) < level(80, 160));
        assert!(out[480..].iter().all(|&s| s == 0));
    }

    #[test]
    fn a_real_frame_ends_the_concealment() {
        let mut plc = PitchConcealer::new(8000);
        plc.remember(&voiced(8000, 0, 800));
        let mut out = Vec::new();
        for _ in 0..4 {
            plc.conceal(160, &mut out);
        }
        plc.remember(&voiced(8000, 1440, 160));
        out.clear();
        plc.conceal(80, &mut out);
        let truth = voiced(8000, 1600, 80);
        assert!(snr_db(&truth, &out) > 15.0);
    }
}
