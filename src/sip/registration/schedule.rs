//! When to refresh a binding and when to try again after a failure.
//!
//! Refresh: a binding granted for `E` seconds is refreshed `min(E/2, 2 × 64·T1)` before it
//! expires (64 s with the default T1), counted from when the REGISTER was sent. The margin
//! leaves room for a refresh that goes unanswered until timer F (64·T1) plus one authenticated
//! retry, while short bindings are refreshed half-way through.
//!
//! Back-off: 30 s after the first failure, doubling to a cap of 15 minutes, each delay
//! shortened by up to 20 % at random so that many clients failed by one outage spread out
//! without any delay exceeding the schedule.

use std::time::Duration;

use rand::Rng;

use crate::sip::transaction::timers::TimerValues;

/// The first back-off delay (before jitter).
pub const FIRST_RETRY: Duration = Duration::from_secs(30);
/// The longest back-off delay.
pub const MAX_RETRY: Duration = Duration::from_secs(15 * 60);
/// A Retry-After longer than this is not waited for in full.
const MAX_RETRY_AFTER: u32 = 3600;

/// When to send the refresh of a binding granted `granted` seconds by a REGISTER sent at `sent_at`.
pub(super) fn refresh_at(sent_at: Duration, granted: u32, timers: &TimerValues) -> Duration {
    let lifetime = Duration::from_secs(u64::from(granted));
    let margin = (lifetime / 2).min(timers.t1 * 64 * 2);
    sent_at + lifetime - margin
}

/// The delay before attempt number `failures + 1` (`failures` >= 1), with jitter from `rng`,
/// and no sooner than the registrar's Retry-After.
pub(super) fn retry_delay(failures: u32, retry_after: Option<u32>, rng: &mut impl Rng) -> Duration {
    let doublings = failures.saturating_sub(1).min(16);
    let nominal = FIRST_RETRY.saturating_mul(1 << doublings).min(MAX_RETRY);
    let jittered = nominal.mul_f64(rng.random_range(0.8..=1.0));
    let asked = Duration::from_secs(u64::from(retry_after.unwrap_or(0).min(MAX_RETRY_AFTER)));
    jittered.max(asked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    #[test]
    fn refresh_leaves_a_margin_but_never_more_than_half() {
        let t = TimerValues::default();
        let s = |v: u64| Duration::from_secs(v);
        assert_eq!(refresh_at(s(100), 3600, &t), s(100 + 3600 - 64));
        assert_eq!(refresh_at(s(0), 60, &t), s(30));
        assert_eq!(refresh_at(s(0), 1, &t), Duration::from_millis(500));
    }

    #[test]
    fn back_off_grows_to_a_cap_with_bounded_jitter() {
        let mut rng = StdRng::seed_from_u64(9);
        let mut previous = Duration::ZERO;
        for failures in 1..=5 {
            let d = retry_delay(failures, None, &mut rng);
            let nominal = FIRST_RETRY * (1 << (failures - 1));
            assert!(
                d <= nominal && d >= nominal.mul_f64(0.8),
                "{failures}: {d:?}"
            );
            assert!(d > previous);
            previous = d;
        }
        for failures in [6, 20, u32::MAX] {
            assert!(retry_delay(failures, None, &mut rng) <= MAX_RETRY);
        }
        assert_eq!(
            retry_delay(1, Some(600), &mut rng),
            Duration::from_secs(600)
        );
        assert_eq!(
            retry_delay(1, Some(u32::MAX), &mut rng),
            Duration::from_secs(3600)
        );
    }
}
