//! Stretches judged on pure tones: the length changes by the period, the waveform does not
//! jump, and noise-like or mismatched audio is left alone.

use super::*;

fn sine(hz: f64, samples: usize, rate: u32) -> Vec<i16> {
    (0..samples)
        .map(|n| {
            let t = n as f64 / f64::from(rate);
            (8000.0 * (2.0 * std::f64::consts::PI * hz * t).sin()) as i16
        })
        .collect()
}

fn largest_step(pcm: &[i16]) -> i32 {
    pcm.windows(2)
        .map(|w| (i32::from(w[1]) - i32::from(w[0])).abs())
        .max()
        .unwrap_or(0)
}

/// Largest step of a smooth 8000-amplitude sine at `hz`, plus rounding.
fn smooth_step(hz: f64, rate: u32) -> i32 {
    (8000.0 * 2.0 * std::f64::consts::PI * hz / f64::from(rate)).ceil() as i32 + 2
}

#[test]
fn the_period_of_a_tone_is_found() {
    for (hz, rate) in [(200.0, 8000), (233.0, 8000), (150.0, 16000), (180.0, 48000)] {
        let x = sine(hz, 2 * rate as usize / 50, rate);
        let (_, longest) = period_range(rate);
        let period = find_period(&x, rate, 0..=longest, STRONG_CORRELATION).expect("periodic");
        let expected = f64::from(rate) / hz;
        let multiple = period.lag as f64 / expected;
        assert!(
            (multiple - multiple.round()).abs() < 0.05,
            "{hz} Hz at {rate}: lag {} is not a multiple of {expected:.1}",
            period.lag
        );
        assert!(period.correlation > 0.99);
    }
}

#[test]
fn accelerate_removes_a_period_without_a_jump() {
    let rate = 8000;
    let mut x = sine(233.0, 400, rate);
    let period = find_period(&x, rate, 0..=128, STRONG_CORRELATION).expect("periodic");
    assert!(accelerate(&mut x, period.lag));
    assert_eq!(x.len(), 400 - period.lag);
    assert!(largest_step(&x) <= smooth_step(233.0, rate) + 40);
}

#[test]
fn expand_inserts_a_period_without_a_jump() {
    let rate = 8000;
    let mut x = sine(233.0, 400, rate);
    let period = find_period(&x, rate, 0..=128, STRONG_CORRELATION).expect("periodic");
    assert!(preemptive_expand(&mut x, period.lag));
    assert_eq!(x.len(), 400 + period.lag);
    assert!(largest_step(&x) <= smooth_step(233.0, rate) + 40);
}

#[test]
fn noise_is_not_stretched_but_quiet_noise_is() {
    let mut state = 12345u32;
    let mut noise = |amplitude: f32| -> Vec<i16> {
        (0..400)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                ((state as f32 / u32::MAX as f32 * 2.0 - 1.0) * amplitude) as i16
            })
            .collect()
    };
    let loud = noise(8000.0);
    assert_eq!(find_period(&loud, 8000, 0..=128, STRONG_CORRELATION), None);
    let quiet = noise(50.0);
    let period = find_period(&quiet, 8000, 0..=128, STRONG_CORRELATION).expect("quiet");
    assert!(period.quiet);
}

#[test]
fn too_few_samples_stretch_nothing() {
    let mut x = sine(200.0, 30, 8000);
    assert_eq!(find_period(&x, 8000, 0..=128, STRONG_CORRELATION), None);
    assert!(!accelerate(&mut x, 20));
    assert!(!preemptive_expand(&mut x, 0));
}

#[test]
fn merge_lines_concealment_up_with_the_real_audio() {
    let rate = 8000;
    let whole = sine(233.0, 600, rate);
    // Concealment that ran on past where the real audio resumes: the real audio comes in
    // after the 40 samples that must stay, lined up with the tone's phase.
    let mut played = whole[..313].to_vec();
    let incoming = &whole[300..];
    let dropped = merge(&mut played, 160, 40, incoming, 32, rate);
    assert!((32..=160 - 40).contains(&dropped));
    assert!(largest_step(&played) <= smooth_step(233.0, rate) + 40);
    // Without any concealment to fade from, the audio is appended as it is.
    let mut plain = whole[..100].to_vec();
    assert_eq!(merge(&mut plain, 0, 0, &whole[100..200], 32, rate), 0);
    assert_eq!(plain, whole[..200].to_vec());
}
