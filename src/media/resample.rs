//! Sample-rate conversion between device and codec rates: a polyphase windowed-sinc (Kaiser)
//! resampler for mono i16, streaming, with state kept across calls.
//!
//! Output sample `n` sits at input time `n * from / to` exactly (a rational position, so long
//! calls never drift). The filter is centred on that time, so the converted signal is not shifted;
//! the price is that an output is only produced once `HALF_WIDTH` input samples past its centre
//! have arrived (about 1.5 ms at 8 kHz).

/// Zero crossings of the sinc on each side of the centre, counted at the lower of the two rates.
/// 16 keeps aliasing and imaging far below G.711's own noise floor.
const ZERO_CROSSINGS: f64 = 16.0;
/// Passband edge as a fraction of the lower Nyquist frequency; the rest is the transition band.
const CUTOFF: f64 = 0.90;
/// Kaiser window shape: about 80 dB stop-band attenuation.
const KAISER_BETA: f64 = 8.0;
/// Most filter phases kept in the table. Rates whose reduced ratio needs more phases (odd rates
/// such as 44101 Hz) use the nearest of this many phases, an error below 1/2000 of a sample.
const MAX_PHASES: u64 = 1024;
/// Bounds for absurd ratios (a corrupt file header claiming 4 GHz): at most this many taps on
/// each side, and at most this many coefficients in the whole bank. Ratios up to 24:1 (192 kHz
/// to 8 kHz) are unaffected.
const MAX_HALF_WIDTH: usize = 512;
const MAX_BANK: usize = 1 << 20;

/// Converts a mono i16 stream from one rate to another, keeping state across calls.
pub struct Resampler {
    from: u32,
    to: u32,
    kernel: Option<Kernel>,
}

/// The filter bank and the streaming state for a real conversion (`from != to`).
struct Kernel {
    /// Input step per output sample is `step_num / step_den` (the reduced `from / to`).
    step_num: u64,
    step_den: u64,
    /// Number of phase tables minus one; phase `p` means a fractional position `p / phases`.
    phases: u64,
    /// Taps per phase.
    taps: usize,
    /// `(phases + 1) * taps` coefficients, phase-major.
    bank: Vec<f32>,
    /// Input history: enough past samples for the next output, then everything not yet used.
    history: Vec<f32>,
    /// Index in `history` of the first tap of the next output.
    next_start: usize,
    /// Fractional part of the next output's input position, in units of `1 / step_den`.
    frac: u64,
}

impl Resampler {
    pub fn new(from: u32, to: u32) -> Self {
        let kernel = if from == to || from == 0 || to == 0 {
            None
        } else {
            Some(Kernel::new(from, to))
        };
        Self { from, to, kernel }
    }

    /// The input rate.
    pub fn from_rate(&self) -> u32 {
        self.from
    }

    /// The output rate.
    pub fn to_rate(&self) -> u32 {
        self.to
    }

    /// True when the rates are equal (or invalid) and samples are copied unchanged.
    pub fn is_passthrough(&self) -> bool {
        self.kernel.is_none()
    }

    /// Convert `input`, appending to `output`.
    pub fn process(&mut self, input: &[i16], output: &mut Vec<i16>) {
        match &mut self.kernel {
            None => output.extend_from_slice(input),
            Some(kernel) => kernel.process(input, output),
        }
    }
}

impl Kernel {
    fn new(from: u32, to: u32) -> Self {
        let divisor = gcd(u64::from(from), u64::from(to));
        let step_num = u64::from(from) / divisor;
        let step_den = u64::from(to) / divisor;

        // Cutoff in cycles per input sample: below the lower of the two Nyquist frequencies.
        let ratio = f64::from(to) / f64::from(from);
        let cutoff = 0.5 * CUTOFF * ratio.min(1.0);
        // Half the filter span in input samples, so it covers ZERO_CROSSINGS at the cutoff.
        let half_width = (ZERO_CROSSINGS / (2.0 * cutoff))
            .ceil()
            .clamp(1.0, MAX_HALF_WIDTH as f64) as usize;
        let taps = 2 * half_width;
        let phases = step_den
            .min(MAX_PHASES)
            .min((MAX_BANK / taps) as u64 - 1)
            .max(1);

        let mut bank = Vec::with_capacity((phases as usize + 1) * taps);
        for phase in 0..=phases {
            let frac = phase as f64 / phases as f64;
            let start = bank.len();
            for tap in 0..taps {
                // Distance from the output's centre to this tap's input sample.
                let distance = frac + (half_width as f64 - 1.0) - tap as f64;
                bank.push(windowed_sinc(distance, cutoff, half_width as f64) as f32);
            }
            normalise_dc_gain(&mut bank[start..]);
        }

        Self {
            step_num,
            step_den,
            phases,
            taps,
            bank,
            // Past silence so the very first output (centred on input 0) has its left half.
            history: vec![0.0; half_width - 1],
            next_start: 0,
            frac: 0,
        }
    }

    fn process(&mut self, input: &[i16], output: &mut Vec<i16>) {
        self.history.extend(input.iter().map(|&s| f32::from(s)));
        while self.next_start + self.taps <= self.history.len() {
            let phase = ((self.frac * self.phases + self.step_den / 2) / self.step_den) as usize;
            let coefficients = self.bank.get(phase * self.taps..(phase + 1) * self.taps);
            let window = self
                .history
                .get(self.next_start..self.next_start + self.taps);
            let (Some(coefficients), Some(window)) = (coefficients, window) else {
                break;
            };
            let sum: f32 = coefficients.iter().zip(window).map(|(c, x)| c * x).sum();
            output.push(sum.round().clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16);

            self.frac += self.step_num;
            self.next_start += (self.frac / self.step_den) as usize;
            self.frac %= self.step_den;
        }
        // Forget what no future output can reach.
        let used = self.next_start.min(self.history.len());
        self.history.drain(..used);
        self.next_start -= used;
    }
}

/// Kaiser-windowed sinc low-pass with `cutoff` in cycles per sample, evaluated at `x` samples.
fn windowed_sinc(x: f64, cutoff: f64, half_width: f64) -> f64 {
    if x.abs() >= half_width {
        return 0.0;
    }
    let arg = 2.0 * cutoff * x;
    let sinc = if arg.abs() < 1e-12 {
        1.0
    } else {
        (std::f64::consts::PI * arg).sin() / (std::f64::consts::PI * arg)
    };
    let r = x / half_width;
    let window = bessel_i0(KAISER_BETA * (1.0 - r * r).sqrt()) / bessel_i0(KAISER_BETA);
    2.0 * cutoff * sinc * window
}

/// Scale one phase so a constant input gives the same constant out (no DC ripple across phases).
fn normalise_dc_gain(coefficients: &mut [f32]) {
    let sum: f32 = coefficients.iter().sum();
    if sum.abs() > f32::EPSILON {
        coefficients.iter_mut().for_each(|c| *c /= sum);
    }
}

/// Modified Bessel function of the first kind, order zero (power series).
fn bessel_i0(x: f64) -> f64 {
    let half_x_sq = (x / 2.0) * (x / 2.0);
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..50 {
        term *= half_x_sq / (k as f64 * k as f64);
        sum += term;
        if term < sum * 1e-12 {
            break;
        }
    }
    sum
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    fn sine(rate: u32, freq: f64, amplitude: f64, len: usize) -> Vec<i16> {
        (0..len)
            .map(|n| (amplitude * (2.0 * PI * freq * n as f64 / f64::from(rate)).sin()) as i16)
            .collect()
    }

    /// Power of `signal` at `freq` (Goertzel), normalised by length.
    fn tone_power(signal: &[i16], rate: u32, freq: f64) -> f64 {
        let coeff = 2.0 * (2.0 * PI * freq / f64::from(rate)).cos();
        let (mut s1, mut s2) = (0.0, 0.0);
        for &x in signal {
            let s0 = f64::from(x) + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        (s1 * s1 + s2 * s2 - coeff * s1 * s2) / (signal.len() as f64).powi(2)
    }

    /// Signal-to-noise ratio in dB of `got` against `want`, over the samples both have, after
    /// finding the best alignment within `max_lag` samples.
    fn aligned_snr_db(want: &[i16], got: &[i16], max_lag: isize) -> f64 {
        let skip = 64; // the filter's start-up transient
        let mut best = f64::MIN;
        for shift in -max_lag..=max_lag {
            let (mut signal, mut noise) = (0.0, 0.0);
            for (n, &w) in want.iter().enumerate().skip(skip) {
                let Some(&g) = got.get((n as isize + shift) as usize) else {
                    continue;
                };
                signal += f64::from(w).powi(2);
                noise += (f64::from(w) - f64::from(g)).powi(2);
            }
            if signal > 0.0 {
                best = best.max(10.0 * (signal / noise.max(1e-9)).log10());
            }
        }
        best
    }

    fn convert(from: u32, to: u32, input: &[i16]) -> Vec<i16> {
        let mut out = Vec::new();
        Resampler::new(from, to).process(input, &mut out);
        out
    }

    #[test]
    fn tone_survives_8k_to_48k_and_back() {
        let input = sine(8000, 1000.0, 10000.0, 8000);
        let up = convert(8000, 48000, &input);
        let down = convert(48000, 8000, &up);

        assert!(tone_power(&up, 48000, 1000.0) > 1000.0 * tone_power(&up, 48000, 7000.0));
        assert!(tone_power(&down, 8000, 1000.0) > 1000.0 * tone_power(&down, 8000, 3000.0));
        let snr = aligned_snr_db(&input, &down, 8);
        assert!(snr > 30.0, "SNR {snr:.1} dB");
    }

    #[test]
    fn arbitrary_rates_keep_the_tone_and_the_length() {
        for (from, to) in [
            (44100, 8000),
            (8000, 44100),
            (16000, 8000),
            (8000, 16000),
            (44100, 16000),
            (16000, 48000),
            (48000, 44100),
            (44101, 8000),
        ] {
            let input = sine(from, 1000.0, 12000.0, from as usize);
            let out = convert(from, to, &input);
            let expected_len = to as usize;
            assert!(
                out.len() <= expected_len && out.len() + 200 > expected_len,
                "{from}->{to}: {} samples",
                out.len()
            );
            let want = sine(to, 1000.0, 12000.0, out.len());
            let snr = aligned_snr_db(&want, &out, 0);
            assert!(snr > 40.0, "{from}->{to}: SNR {snr:.1} dB");
        }
    }

    #[test]
    fn chunked_input_gives_the_same_output_as_one_call() {
        let input = sine(44100, 440.0, 8000.0, 10000);
        let whole = convert(44100, 8000, &input);
        let mut resampler = Resampler::new(44100, 8000);
        let mut pieces = Vec::new();
        for chunk in input.chunks(37) {
            resampler.process(chunk, &mut pieces);
        }
        assert_eq!(whole, pieces);
    }

    #[test]
    fn downsampling_removes_tones_above_the_new_nyquist() {
        // 6 kHz cannot exist at 8 kHz; without filtering it would alias to 2 kHz.
        let input = sine(48000, 6000.0, 10000.0, 48000);
        let out = convert(48000, 8000, &input);
        let reference = sine(8000, 1000.0, 10000.0, out.len());
        let ratio = tone_power(&reference, 8000, 1000.0) / tone_power(&out, 8000, 2000.0);
        assert!(
            ratio > 1e4,
            "alias only {:.1} dB down",
            10.0 * ratio.log10()
        );
    }

    #[test]
    fn equal_or_invalid_rates_copy_samples() {
        let input = [1, -2, 3, i16::MAX, i16::MIN];
        assert_eq!(convert(8000, 8000, &input), input);
        assert_eq!(convert(0, 8000, &input), input);
        assert!(Resampler::new(8000, 8000).is_passthrough());
    }

    #[test]
    fn absurd_rates_stay_bounded() {
        // A corrupt header must not make the filter bank explode.
        for (from, to) in [(u32::MAX, 8000), (8000, u32::MAX - 1), (1, 3)] {
            let resampler = Resampler::new(from, to);
            let kernel = resampler.kernel.as_ref().unwrap();
            assert!(kernel.bank.len() <= MAX_BANK + 2 * MAX_HALF_WIDTH);
        }
        let mut out = Vec::new();
        Resampler::new(u32::MAX, 8000).process(&[1000; 4096], &mut out);
        assert!(out.len() <= 1);
    }

    #[test]
    fn full_scale_input_does_not_wrap() {
        let square: Vec<i16> = (0..4000)
            .map(|n| {
                if (n / 20) % 2 == 0 {
                    i16::MAX
                } else {
                    i16::MIN
                }
            })
            .collect();
        let out = convert(8000, 48000, &square);
        // Gibbs overshoot must clip, never wrap to the opposite sign mid-plateau.
        let plateau = &out[6 * 5..6 * 15];
        assert!(plateau.iter().all(|&s| s > 20000), "{plateau:?}");
    }
}
