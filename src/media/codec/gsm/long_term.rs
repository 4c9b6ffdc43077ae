//! The long-term (pitch) predictor of GSM 06.10: the encoder's lag and gain search
//! (§4.2.11), its analysis filter (§4.2.12), and the decoder's synthesis filter (§4.3.2).
//!
//! Both sides keep the last 120 samples of reconstructed short-term residual; a lag is
//! always at least one sub-frame (40 samples), so the predictor only ever reads history.

use super::arith::{abs, add, l_add, l_mult, mult, mult_r, norm, sub};
use super::tables::{DLB, LTP_HISTORY, MAX_LAG, MIN_LAG, QLB, SUBFRAME_SAMPLES};

pub type Subframe = [i16; SUBFRAME_SAMPLES];

/// The last 120 samples of reconstructed short-term residual, oldest first.
#[derive(Debug, Clone)]
pub struct History {
    samples: [i16; LTP_HISTORY],
}

impl Default for History {
    fn default() -> Self {
        Self {
            samples: [0; LTP_HISTORY],
        }
    }
}

impl History {
    /// The sample `lag` samples before sample `k` of the current sub-frame.
    /// `lag` is in 40..=120 and `k` in 0..40, so this is always inside the history.
    fn before(&self, k: usize, lag: usize) -> i16 {
        self.samples
            .get((LTP_HISTORY + k).wrapping_sub(lag))
            .copied()
            .unwrap_or(0)
    }

    /// The 40 samples that start `lag` samples back (zeros for a lag outside 40..=120).
    fn lagged(&self, lag: usize) -> Subframe {
        let mut out = [0; SUBFRAME_SAMPLES];
        if let Some(window) = self.window(lag) {
            out.copy_from_slice(window);
        }
        out
    }

    /// The stored samples `lag` back from each sample of the current sub-frame, if the
    /// history covers that lag.
    fn window(&self, lag: usize) -> Option<&[i16]> {
        let start = LTP_HISTORY.checked_sub(lag)?;
        self.samples.get(start..start + SUBFRAME_SAMPLES)
    }

    /// Append a reconstructed sub-frame, dropping the oldest 40 samples.
    pub fn push(&mut self, subframe: &Subframe) {
        self.samples.copy_within(SUBFRAME_SAMPLES.., 0);
        self.samples[LTP_HISTORY - SUBFRAME_SAMPLES..].copy_from_slice(subframe);
    }
}

/// Find the lag Nc (40..=120) and coded gain bc (0..=3) that best predict the residual `d`
/// from the history.
pub fn search(d: &Subframe, history: &History) -> (usize, usize) {
    // Scale d so the cross-correlations fit 32 bits: keep 6 bits of d's magnitude.
    let dmax = d.iter().map(|&x| abs(x)).max().unwrap_or(0);
    let leading = if dmax == 0 {
        0
    } else {
        norm(i32::from(dmax) << 16) as i32
    };
    let scal = if leading > 6 { 0 } else { 6 - leading };
    let wt: Subframe = d.map(|x| x >> scal);

    let mut best_lag = MIN_LAG;
    let mut l_max = 0i32;
    for lag in MIN_LAG..=MAX_LAG {
        // |wt| <= 2^9, so 40 doubled products stay below 2^31: the standard's saturating
        // sum of L_mult never saturates here, and a plain sum gives the same bits faster.
        let window = history.window(lag).unwrap_or(&[]);
        let products: i32 = wt
            .iter()
            .zip(window)
            .map(|(&w, &x)| i32::from(w) * i32::from(x))
            .fold(0i32, i32::wrapping_add);
        let correlation = products.wrapping_shl(1);
        if correlation > l_max {
            best_lag = lag;
            l_max = correlation;
        }
    }
    l_max >>= 6 - scal;

    let l_power = history
        .lagged(best_lag)
        .iter()
        .fold(0i32, |sum, &x| l_add(sum, l_mult(x >> 3, x >> 3)));

    let gain = if l_max <= 0 {
        0
    } else if l_max >= l_power {
        3
    } else {
        let shift = norm(l_power);
        let r = (l_max.wrapping_shl(shift) >> 16) as i16;
        let s = (l_power.wrapping_shl(shift) >> 16) as i16;
        DLB[..3]
            .iter()
            .position(|&level| r <= mult(s, level))
            .unwrap_or(3)
    };
    (best_lag, gain)
}

/// The encoder's long-term analysis: returns the prediction residual e = d - d'' and the
/// prediction d'' itself (which the encoder adds back to the quantised e).
pub fn analyse(d: &Subframe, history: &History, lag: usize, gain: usize) -> (Subframe, Subframe) {
    let bp = QLB.get(gain).copied().unwrap_or(0);
    let prediction: Subframe = history.lagged(lag).map(|x| mult_r(bp, x));
    let residual = std::array::from_fn(|k| sub(d[k], prediction[k]));
    (residual, prediction)
}

/// The decoder's long-term synthesis: the reconstructed residual from the excitation `erp`.
pub fn synthesise(erp: &Subframe, history: &History, lag: usize, gain: usize) -> Subframe {
    let brp = QLB.get(gain).copied().unwrap_or(0);
    std::array::from_fn(|k| add(erp[k], mult_r(brp, history.before(k, lag))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeating_pulse_train_is_found_at_its_period() {
        let mut history = History::default();
        let mut pulses = [0i16; LTP_HISTORY];
        for k in (0..LTP_HISTORY).step_by(50) {
            pulses[k] = 8000;
        }
        for chunk in pulses.chunks(SUBFRAME_SAMPLES) {
            history.push(&chunk.try_into().unwrap());
        }
        // The next pulse is due 50 samples after the one at 100, at k = 150 - 120 = 30.
        let mut d = [0i16; SUBFRAME_SAMPLES];
        d[30] = 8000;
        let (lag, gain) = search(&d, &history);
        assert_eq!(lag, 50);
        assert_eq!(gain, 3);
        let (residual, _) = analyse(&d, &history, lag, gain);
        assert!(residual.iter().all(|&x| x.abs() < 10), "{residual:?}");
    }

    #[test]
    fn silence_predicts_nothing() {
        let history = History::default();
        assert_eq!(search(&[0; SUBFRAME_SAMPLES], &history), (MIN_LAG, 0));
    }
}
