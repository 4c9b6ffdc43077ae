//! One sub-band's ADPCM state: the adaptive predictor (two poles, six zeros) and the
//! quantiser scale factor. Encoder and decoder run the same state machine on the same
//! quantised difference signal, which is what keeps them in step.
//!
//! The arithmetic is the recommendation's fixed-point one: 16-bit saturating values, products
//! shifted right by 15, and sign tests where zero counts as positive.

use super::tables::INV_LOG2;

/// Which sub-band; they differ only in constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubBand {
    Lower,
    Higher,
}

impl SubBand {
    /// Ceiling of the log scale factor.
    fn max_log_scale(self) -> i32 {
        match self {
            SubBand::Lower => 18432,
            SubBand::Higher => 22528,
        }
    }

    /// Exponent offset of the log-to-linear conversion.
    fn scale_shift(self) -> i32 {
        match self {
            SubBand::Lower => 8,
            SubBand::Higher => 10,
        }
    }
}

fn sat16(value: i32) -> i32 {
    value.clamp(-32768, 32767)
}

/// Sign bit as the recommendation tests it: true for negative values only.
fn negative(value: i32) -> bool {
    value < 0
}

#[derive(Debug, Clone)]
pub struct BandState {
    band: SubBand,
    /// Log scale factor (NBL / NBH).
    log_scale: i32,
    /// Linear scale factor (DETL / DETH), always a multiple of 4.
    scale: i32,
    /// Pole coefficients a1, a2.
    poles: [i32; 2],
    /// Zero coefficients b1..b6.
    zeros: [i32; 6],
    /// Past quantised differences d(n-1)..d(n-6).
    differences: [i32; 6],
    /// Signs (negative?) of the partially reconstructed signal p(n-1), p(n-2).
    partial_negative: [bool; 2],
    /// Past reconstructed signals r(n-1), r(n-2).
    reconstructed: [i32; 2],
    /// Zero-section output for the current sample.
    zero_estimate: i32,
    /// Signal estimate for the current sample.
    estimate: i32,
}

impl BandState {
    pub fn new(band: SubBand) -> Self {
        let mut state = Self {
            band,
            log_scale: 0,
            scale: 0,
            poles: [0; 2],
            zeros: [0; 6],
            differences: [0; 6],
            partial_negative: [false; 2],
            reconstructed: [0; 2],
            zero_estimate: 0,
            estimate: 0,
        };
        state.scale = state.linear_scale();
        state
    }

    /// The predicted signal for the current sample.
    pub fn estimate(&self) -> i32 {
        self.estimate
    }

    /// The current linear scale factor.
    pub fn scale(&self) -> i32 {
        self.scale
    }

    /// Adapt to one quantised difference `difference` (already scaled) whose log step is
    /// `log_step`; afterwards `estimate()` predicts the next sample.
    pub fn update(&mut self, difference: i32, log_step: i32) {
        self.adapt_scale(log_step);
        self.adapt_predictor(difference);
    }

    fn adapt_scale(&mut self, log_step: i32) {
        // Leakage 127/128, then the step for this codeword.
        let leaked = (self.log_scale * 127) >> 7;
        self.log_scale = (leaked + log_step).clamp(0, self.band.max_log_scale());
        self.scale = self.linear_scale();
    }

    /// 2^(log_scale / 2048), scaled per band, then times 4.
    fn linear_scale(&self) -> i32 {
        let mantissa = INV_LOG2[((self.log_scale >> 6) & 31) as usize];
        let exponent = (self.log_scale >> 11) - self.band.scale_shift();
        let depth = if exponent < 0 {
            mantissa >> (-exponent).min(31)
        } else {
            mantissa << exponent
        };
        depth << 2
    }

    fn adapt_predictor(&mut self, difference: i32) {
        let reconstructed = sat16(self.estimate + difference);
        let partial = sat16(difference + self.zero_estimate);
        let p_neg = negative(partial);

        // Second pole first: the first pole's bound depends on it.
        let a1 = self.poles[0];
        let a1_term = {
            let wd1 = sat16(a1 << 2);
            let wd2 = if p_neg == self.partial_negative[0] {
                sat16(-wd1)
            } else {
                wd1
            };
            wd2 >> 7
        };
        let sign_term = if p_neg == self.partial_negative[1] {
            128
        } else {
            -128
        };
        let a2 = (a1_term + sign_term + ((self.poles[1] * 127) >> 7)).clamp(-12288, 12288);
        let bound = 15360 - a2;
        let a1_step = if p_neg == self.partial_negative[0] {
            192
        } else {
            -192
        };
        let a1 = (a1_step + ((a1 * 255) >> 8)).clamp(-bound, bound);

        // Zeros: a step towards correlating with the current difference, unless it is zero.
        let step = if difference == 0 { 0 } else { 128 };
        let d_neg = negative(difference);
        for (b, &past) in self.zeros.iter_mut().zip(&self.differences) {
            let signed_step = if negative(past) == d_neg { step } else { -step };
            *b = signed_step + ((*b * 255) >> 8);
        }

        // Delay line.
        self.differences.rotate_right(1);
        self.differences[0] = difference;
        self.poles = [a1, a2];
        self.partial_negative = [p_neg, self.partial_negative[0]];
        self.reconstructed = [reconstructed, self.reconstructed[0]];

        // New estimates from the updated coefficients.
        let zero_sum = self
            .zeros
            .iter()
            .zip(&self.differences)
            .fold(0, |acc, (&b, &d)| sat16(acc + ((b * sat16(d + d)) >> 15)));
        let pole_sum = sat16(
            ((self.poles[0] * sat16(self.reconstructed[0] * 2)) >> 15)
                + ((self.poles[1] * sat16(self.reconstructed[1] * 2)) >> 15),
        );
        self.zero_estimate = zero_sum;
        self.estimate = sat16(pole_sum + zero_sum);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starting_scale_factors_are_the_recommendations() {
        assert_eq!(BandState::new(SubBand::Lower).scale(), 32);
        assert_eq!(BandState::new(SubBand::Higher).scale(), 8);
    }

    #[test]
    fn the_scale_factor_stays_within_its_bounds() {
        let mut band = BandState::new(SubBand::Lower);
        for _ in 0..1000 {
            band.update(0, 3042);
        }
        assert_eq!(band.log_scale, 18432);
        let top = band.scale();
        for _ in 0..5000 {
            band.update(0, -60);
        }
        assert_eq!(band.log_scale, 0);
        assert!(top > band.scale());
    }

    #[test]
    fn the_predictor_follows_a_steady_signal() {
        let mut band = BandState::new(SubBand::Lower);
        for _ in 0..200 {
            let error = 1000 - band.estimate();
            band.update(error, 0);
        }
        assert!((band.estimate() - 1000).abs() < 200, "{}", band.estimate());
    }
}
