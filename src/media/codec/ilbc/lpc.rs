//! Linear prediction: analysis windows, autocorrelation, Levinson-Durbin, bandwidth expansion,
//! the conversions between predictor coefficients and line spectral frequencies, and the
//! filters every other part uses. Predictors are `[f32; 11]` with `a[0] == 1`, meaning
//! A(z) = 1 + a1 z^-1 + ... + a10 z^-10.

use std::f32::consts::PI;

pub const ORDER: usize = 10;
pub type Lpc = [f32; ORDER + 1];

/// Length of every analysis window (section 3.2.1).
pub const WINDOW_LEN: usize = 240;

/// The symmetric (Hann) analysis window of the 30 ms mode's first analysis.
pub fn hann_window() -> [f32; WINDOW_LEN] {
    let mut w = [0.0; WINDOW_LEN];
    for (i, v) in w.iter_mut().enumerate() {
        let phase = 2.0 * PI * (i as f32 + 1.0) / (WINDOW_LEN as f32 + 1.0);
        *v = 0.5 * (1.0 - phase.cos());
    }
    w
}

/// The asymmetric window: a slow sine-squared rise over 220 samples and a quick quarter-cosine
/// fall over the last 20, so the analysis leans on the newest samples without a long look-ahead.
pub fn asymmetric_window() -> [f32; WINDOW_LEN] {
    const RISE: usize = 220;
    let mut w = [0.0; WINDOW_LEN];
    for (i, v) in w.iter_mut().enumerate() {
        *v = if i < RISE {
            let s = (PI / 2.0 * (i as f32 + 1.0) / RISE as f32).sin();
            s * s
        } else {
            (PI / 2.0 * (i - RISE) as f32 / (WINDOW_LEN - RISE) as f32).cos()
        };
    }
    w
}

/// Gaussian lag window for 60 Hz of bandwidth, with white-noise correction at lag 0.
pub fn lag_window() -> [f32; ORDER + 1] {
    let mut w = [0.0; ORDER + 1];
    for (i, v) in w.iter_mut().enumerate() {
        let x = 2.0 * PI * 60.0 * i as f32 / 8000.0;
        *v = (-0.5 * x * x).exp();
    }
    w[0] = 1.0001;
    w
}

/// Inner product; a plain loop, which stays fast in unoptimised builds too.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let mut acc = 0.0;
    for i in 0..n {
        acc += a[i] * b[i];
    }
    acc
}

/// Autocorrelation of the windowed signal for lags 0..=ORDER.
pub fn autocorrelation(x: &[f32]) -> [f32; ORDER + 1] {
    let mut r = [0.0; ORDER + 1];
    for (lag, v) in r.iter_mut().enumerate() {
        *v = x.iter().zip(x.iter().skip(lag)).map(|(a, b)| a * b).sum();
    }
    r
}

/// Levinson-Durbin recursion; a silent frame gives the flat predictor.
pub fn levinson(r: &[f32; ORDER + 1]) -> Lpc {
    let mut a: Lpc = [0.0; ORDER + 1];
    a[0] = 1.0;
    let mut err = r[0];
    if err <= 0.0 {
        return a;
    }
    for i in 1..=ORDER {
        let mut acc = r[i];
        for j in 1..i {
            acc += a[j] * r[i - j];
        }
        let k = -acc / err;
        let prev = a;
        for j in 1..i {
            a[j] = prev[j] + k * prev[i - j];
        }
        a[i] = k;
        err *= 1.0 - k * k;
        if err <= 0.0 {
            break;
        }
    }
    a
}

/// Bandwidth expansion: a_k * chirp^k, which moves every pole towards the origin.
pub fn bandwidth_expand(a: &Lpc, chirp: f32) -> Lpc {
    let mut out = *a;
    let mut factor = 1.0;
    for v in out.iter_mut() {
        *v *= factor;
        factor *= chirp;
    }
    out
}

/// The two symmetric polynomials of degree 10 whose roots on the unit circle are the LSFs:
/// P(z) / (1 + z^-1) and Q(z) / (1 - z^-1), with P, Q = A(z) +- z^-11 A(1/z).
fn sum_and_difference(a: &Lpc) -> ([f32; ORDER + 1], [f32; ORDER + 1]) {
    let mut p = [0.0f32; ORDER + 2];
    let mut q = [0.0f32; ORDER + 2];
    for i in 0..=ORDER + 1 {
        let fwd = if i <= ORDER { a[i] } else { 0.0 };
        let rev = if i >= 1 { a[ORDER + 1 - i] } else { 0.0 };
        p[i] = fwd + rev;
        q[i] = fwd - rev;
    }
    // Divide out the trivial roots at z = -1 and z = 1.
    let mut pd = [0.0f32; ORDER + 1];
    let mut qd = [0.0f32; ORDER + 1];
    pd[0] = p[0];
    qd[0] = q[0];
    for i in 1..=ORDER {
        pd[i] = p[i] - pd[i - 1];
        qd[i] = q[i] + qd[i - 1];
    }
    (pd, qd)
}

/// A symmetric degree-10 polynomial on the unit circle, without its linear phase. The
/// cosines of multiples of `w` come from the Chebyshev recurrence, one `cos` per point.
fn symmetric_response(c: &[f32; ORDER + 1], w: f32) -> f32 {
    let half = ORDER / 2;
    let x = w.cos();
    let (mut prev, mut cur) = (1.0f32, x);
    let mut v = c[half];
    for k in 1..=half {
        v += 2.0 * c[half - k] * cur;
        (prev, cur) = (cur, 2.0 * x * cur - prev);
    }
    v
}

/// Roots of one symmetric polynomial in (0, pi), by a grid scan and bisection.
fn unit_circle_roots(c: &[f32; ORDER + 1], out: &mut Vec<f32>) {
    const GRID: usize = 512;
    let step = PI / GRID as f32;
    let mut lo = 0.0f32;
    let mut f_lo = symmetric_response(c, lo);
    for g in 1..=GRID {
        let hi = g as f32 * step;
        let f_hi = symmetric_response(c, hi);
        if f_lo == 0.0 || f_lo.signum() != f_hi.signum() {
            let (mut a, mut b, mut fa) = (lo, hi, f_lo);
            for _ in 0..20 {
                let m = 0.5 * (a + b);
                let fm = symmetric_response(c, m);
                if fa.signum() == fm.signum() && fm != 0.0 {
                    a = m;
                    fa = fm;
                } else {
                    b = m;
                }
            }
            out.push(0.5 * (a + b));
        }
        lo = hi;
        f_lo = f_hi;
    }
}

/// Predictor to LSFs in radians, ascending. None if the predictor has no 10 distinct LSFs
/// (an unstable or degenerate filter); the caller then keeps its previous LSFs.
pub fn lpc_to_lsf(a: &Lpc) -> Option<[f32; ORDER]> {
    let (p, q) = sum_and_difference(a);
    let mut roots = Vec::with_capacity(2 * ORDER);
    unit_circle_roots(&p, &mut roots);
    unit_circle_roots(&q, &mut roots);
    if roots.len() != ORDER {
        return None;
    }
    roots.sort_by(|x, y| x.total_cmp(y));
    let mut lsf = [0.0; ORDER];
    lsf.copy_from_slice(&roots);
    Some(lsf)
}

/// Multiply a polynomial (ascending powers of z^-1) by 1 - 2 cos(w) z^-1 + z^-2.
fn times_quadratic(poly: &mut [f32], degree: usize, w: f32) {
    let c = -2.0 * w.cos();
    for i in (0..=degree + 2).rev() {
        let mut v = poly[i];
        if i >= 1 {
            v += c * poly[i - 1];
        }
        if i >= 2 {
            v += poly[i - 2];
        }
        poly[i] = v;
    }
}

/// LSFs in radians (ascending; even positions belong to P, odd to Q) to a predictor.
pub fn lsf_to_lpc(lsf: &[f32; ORDER]) -> Lpc {
    let mut p = [0.0f32; ORDER + 2];
    let mut q = [0.0f32; ORDER + 2];
    p[0] = 1.0;
    q[0] = 1.0;
    for k in 0..ORDER / 2 {
        times_quadratic(&mut p, 2 * k, lsf[2 * k]);
        times_quadratic(&mut q, 2 * k, lsf[2 * k + 1]);
    }
    let mut a: Lpc = [0.0; ORDER + 1];
    for i in 0..=ORDER {
        // P(z) = P'(z)(1 + z^-1), Q(z) = Q'(z)(1 - z^-1), A = (P + Q) / 2.
        let prev_p = if i >= 1 { p[i - 1] } else { 0.0 };
        let prev_q = if i >= 1 { q[i - 1] } else { 0.0 };
        a[i] = 0.5 * ((p[i] + prev_p) + (q[i] - prev_q));
    }
    a
}

/// Filter through A(z) (the analysis filter). `mem` holds the last ORDER inputs, newest last.
pub fn analysis_filter(a: &Lpc, input: &[f32], mem: &mut [f32; ORDER], out: &mut [f32]) {
    for (n, (&x, y)) in input.iter().zip(out.iter_mut()).enumerate() {
        let mut acc = x;
        for k in 1..=ORDER {
            let past = if n >= k {
                input[n - k]
            } else {
                mem[ORDER + n - k]
            };
            acc += a[k] * past;
        }
        *y = acc;
    }
    shift_in(mem, input);
}

/// Filter in place through 1/A(z) (the synthesis filter). `mem` holds the last ORDER outputs.
pub fn synthesis_filter(a: &Lpc, signal: &mut [f32], mem: &mut [f32; ORDER]) {
    for n in 0..signal.len() {
        let mut acc = signal[n];
        for k in 1..=ORDER {
            let past = if n >= k {
                signal[n - k]
            } else {
                mem[ORDER + n - k]
            };
            acc -= a[k] * past;
        }
        signal[n] = acc;
    }
    shift_in(mem, signal);
}

/// Keep the newest ORDER samples of `mem` followed by `new`.
fn shift_in(mem: &mut [f32; ORDER], new: &[f32]) {
    if new.len() >= ORDER {
        mem.copy_from_slice(&new[new.len() - ORDER..]);
    } else {
        mem.copy_within(new.len().., 0);
        mem[ORDER - new.len()..].copy_from_slice(new);
    }
}

/// A second-order IIR section in direct form: `zeros` b0..b2, `poles` 1, a1, a2.
#[derive(Debug, Clone, Default)]
pub struct Biquad {
    x: [f32; 2],
    y: [f32; 2],
}

impl Biquad {
    pub fn run(&mut self, zeros: &[f32; 3], poles: &[f32; 3], signal: &mut [f32]) {
        for s in signal.iter_mut() {
            let x0 = *s;
            let y0 = zeros[0] * x0 + zeros[1] * self.x[0] + zeros[2] * self.x[1]
                - poles[1] * self.y[0]
                - poles[2] * self.y[1];
            self.x = [x0, self.x[0]];
            self.y = [y0, self.y[0]];
            *s = y0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lsf_round_trip_recovers_the_predictor() {
        let lsf = crate::media::codec::ilbc::tables::lsf::LSF_MEAN;
        let a = lsf_to_lpc(&lsf);
        let back = lpc_to_lsf(&a).expect("stable");
        for (x, y) in lsf.iter().zip(back.iter()) {
            assert!((x - y).abs() < 1e-3, "{lsf:?} vs {back:?}");
        }
    }

    #[test]
    fn levinson_finds_a_first_order_predictor() {
        // x[n] = 0.9 x[n-1]: r[k] = 0.9^k.
        let mut r = [0.0; ORDER + 1];
        for (k, v) in r.iter_mut().enumerate() {
            *v = 0.9f32.powi(k as i32);
        }
        let a = levinson(&r);
        assert!((a[1] + 0.9).abs() < 1e-4);
        assert!(a[2..].iter().all(|v| v.abs() < 1e-3));
    }
}
