//! The target from arrival patterns: steady, jittery, stalling, drifting and jumping senders.

use super::*;

const CLOCK: u32 = 8000;

/// Feed `packets` 20 ms packets with `delay(i)` ms of network delay each; the target after.
fn feed(estimator: &mut DelayEstimator, packets: usize, delay: impl Fn(usize) -> f64) -> f64 {
    for i in 0..packets {
        let arrival_ms = i as f64 * 20.0 + delay(i);
        let timestamp = (i as u32).wrapping_mul(160).wrapping_add(u32::MAX - 8000);
        estimator.on_packet(
            Duration::from_secs_f64(arrival_ms / 1000.0),
            timestamp,
            false,
        );
    }
    estimator.target_ms()
}

/// A deterministic value in [0, 1).
fn uniform(i: usize) -> f64 {
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

#[test]
fn a_steady_path_needs_almost_no_delay() {
    let mut e = DelayEstimator::new(DelayConfig::default(), CLOCK);
    assert_eq!(e.target_ms(), 40.0, "the initial guess before any packet");
    let target = feed(&mut e, 500, |_| 50.0);
    assert!(target <= 2.0, "{target}");
}

#[test]
fn uniform_jitter_gives_a_high_percentile() {
    let mut e = DelayEstimator::new(DelayConfig::default(), CLOCK);
    let target = feed(&mut e, 3000, |i| 50.0 + 40.0 * uniform(i));
    eprintln!("40 ms of uniform jitter: target {target:.1} ms");
    assert!((36.0..=42.0).contains(&target), "{target}");
}

#[test]
fn a_lone_straggler_is_not_a_spike_but_two_are() {
    let mut e = DelayEstimator::new(DelayConfig::default(), CLOCK);
    feed(&mut e, 500, |_| 50.0);
    let one = feed(&mut e, 600, |i| if i == 550 { 250.0 } else { 50.0 });
    assert!(one <= 2.0, "{one}");
    let two = feed(
        &mut e,
        600,
        |i| if i == 550 || i == 560 { 250.0 } else { 50.0 },
    );
    assert!(two >= 150.0, "{two}");
    // And it fades: half-life 8 s, so after 40 s it is down by 2^5.
    let later = feed(&mut e, 2600, |_| 50.0);
    assert!(later <= 10.0, "{later}");
}

#[test]
fn drift_and_timestamp_wrap_do_not_look_like_delay() {
    let mut e = DelayEstimator::new(DelayConfig::default(), CLOCK);
    // 300 ppm either way over a minute: 18 ms of drift.
    let fast = feed(&mut e, 3000, |i| 50.0 - i as f64 * 20.0 * 300e-6);
    let mut e = DelayEstimator::new(DelayConfig::default(), CLOCK);
    let slow = feed(&mut e, 3000, |i| 50.0 + i as f64 * 20.0 * 300e-6);
    assert!(fast <= 2.0 && slow <= 2.0, "{fast} {slow}");
}

#[test]
fn a_timestamp_jump_restarts_the_reference_and_keeps_the_target() {
    let mut e = DelayEstimator::new(DelayConfig::default(), CLOCK);
    feed(&mut e, 500, |i| 50.0 + 20.0 * uniform(i));
    let before = e.target_ms();
    for i in 500..1000usize {
        let arrival =
            Duration::from_secs_f64((i as f64 * 20.0 + 50.0 + 20.0 * uniform(i)) / 1000.0);
        let timestamp = (i as u32).wrapping_mul(160).wrapping_add(987_654_321);
        e.on_packet(arrival, timestamp, i == 500);
    }
    let after = e.target_ms();
    assert!((after - before).abs() <= 6.0, "{before} -> {after}");
}

#[test]
fn lead_is_how_far_playout_runs_behind_the_fastest_packet() {
    let mut e = DelayEstimator::new(DelayConfig::default(), CLOCK);
    assert_eq!(e.lead_ms(Duration::from_millis(10), 0), None);
    feed(&mut e, 10, |_| 50.0);
    // Packet 5 (timestamp 5·160 from the base) arrived at 150 ms; playing it at 180 ms gives
    // a 30 ms lead.
    let timestamp = 800u32.wrapping_add(u32::MAX - 8000);
    let lead = e
        .lead_ms(Duration::from_millis(180), timestamp)
        .unwrap_or(f64::NAN);
    assert!((lead - 30.0).abs() < 1e-6, "{lead}");
}

#[test]
fn late_packets_push_the_percentile_up_and_on_time_ones_let_it_down() {
    let mut e = DelayEstimator::new(DelayConfig::default(), CLOCK);
    feed(&mut e, 200, |i| 50.0 + 40.0 * uniform(i));
    let before = (e.quantile(), e.target_ms());
    for _ in 0..20 {
        e.on_late_packet();
    }
    assert!(
        e.quantile() > before.0 + 0.02,
        "{} -> {}",
        before.0,
        e.quantile()
    );
    assert!(e.quantile() <= 0.97 + 0.025 + 1e-9);
    assert!(e.target_ms() >= before.1);
    // Thousands of on-time packets later it has come back down, to no lower than the range.
    feed(&mut e, 6000, |i| 50.0 + 40.0 * uniform(i + 7));
    assert!(
        (e.quantile() - (0.97 - 0.025)).abs() < 1e-9,
        "{}",
        e.quantile()
    );
}
