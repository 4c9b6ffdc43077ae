//! The 24-tap quadrature mirror filters that split 16 kHz audio into two 8 kHz sub-bands and
//! merge them back. Coefficients are symmetric (h(23-k) = h(k)).

use super::tables::QMF_COEFFS;

const TAPS: usize = 24;

/// h(k) for k in 0..24.
fn coeff(k: usize) -> i32 {
    QMF_COEFFS.get(k.min(TAPS - 1 - k)).copied().unwrap_or(0)
}

fn sat16(value: i32) -> i32 {
    value.clamp(-32768, 32767)
}

/// Transmit side: two input samples in, one lower-band and one higher-band sample out.
#[derive(Debug, Clone, Default)]
pub struct SplitFilter {
    /// Input history, newest first.
    history: [i32; TAPS],
}

impl SplitFilter {
    /// Take the next two samples (`earlier` first) and return (lower, higher).
    pub fn split(&mut self, earlier: i16, later: i16) -> (i32, i32) {
        self.history.rotate_right(2);
        self.history[0] = i32::from(later);
        self.history[1] = i32::from(earlier);
        // Even taps meet the newest sample of each pair, odd taps the older one.
        let (mut even, mut odd) = (0i32, 0i32);
        for (k, &x) in self.history.iter().enumerate() {
            if k % 2 == 0 {
                even += coeff(k) * x;
            } else {
                odd += coeff(k) * x;
            }
        }
        // Q13 coefficients and a further halving: each band carries half the input's scale.
        ((even + odd) >> 14, (even - odd) >> 14)
    }
}

/// Receive side: one lower-band and one higher-band sample in, two output samples out.
#[derive(Debug, Clone, Default)]
pub struct MergeFilter {
    /// Past (lower - higher), newest first.
    difference: [i32; TAPS / 2],
    /// Past (lower + higher), newest first.
    sum: [i32; TAPS / 2],
}

impl MergeFilter {
    /// Returns the two output samples in time order.
    pub fn merge(&mut self, lower: i32, higher: i32) -> (i16, i16) {
        self.difference.rotate_right(1);
        self.sum.rotate_right(1);
        self.difference[0] = lower - higher;
        self.sum[0] = lower + higher;
        let (mut first, mut second) = (0i32, 0i32);
        for i in 0..TAPS / 2 {
            first += coeff(2 * i) * self.difference[i];
            second += coeff(2 * i + 1) * self.sum[i];
        }
        // Q13 coefficients, times two for the interpolation gain and the sub-band halving.
        (sat16(first >> 11) as i16, sat16(second >> 11) as i16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_then_merge_gives_back_the_input_delayed() {
        let mut split = SplitFilter::default();
        let mut merge = MergeFilter::default();
        let input: Vec<i16> = (0..400)
            .map(|n| ((n as f64 * 0.07).sin() * 8000.0 + (n as f64 * 1.9).sin() * 4000.0) as i16)
            .collect();
        let mut output = Vec::new();
        for pair in input.chunks_exact(2) {
            let (low, high) = split.split(pair[0], pair[1]);
            let (a, b) = merge.merge(low, high);
            output.extend([a, b]);
        }
        // The filter pair delays by 22 samples.
        let worst = input[..300]
            .iter()
            .zip(&output[22..322])
            .map(|(a, b)| (i32::from(*a) - i32::from(*b)).abs())
            .max()
            .unwrap();
        assert!(worst < 200, "worst error {worst}");
    }
}
