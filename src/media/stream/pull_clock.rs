//! How irregularly the jitter buffer is pulled.
//!
//! The buffer expects a pull every 10 ms. The engine pulls when the sound device has taken
//! audio, which it does in chunks of its own size, seen by a loop that wakes every few
//! milliseconds: the pulls' times wander by several milliseconds around that cadence. A
//! packet must be here by the real time of the pull that needs it, so the wandering is delay
//! the buffer has to keep on top of what the network needs, and a margin against stretching
//! the audio back and forth as the lead seems to rise and fall with it. This clock follows
//! the cadence the pulls keep on average (the device's clock may run a little off ours) and
//! measures how much earlier than that cadence they come. The buffer's decisions are timed by the cadence,
//! and the wander is kept as a margin on top of its target.

use std::time::Duration;

/// One pull plays this long.
const BLOCK: Duration = Duration::from_millis(crate::media::jitter::BLOCK_MS as u64);
/// The share of the difference from real time taken up at each pull: about 30 pulls
/// (0.3 s) to follow a change of pace.
const FOLLOW: f64 = 1.0 / 32.0;
/// Further from real time than this (the first pull, a stall, a burst after one), the clock
/// is set to real time.
const RESYNC: Duration = Duration::from_millis(60);

/// How fast the wander measure forgets: about 1000 pulls (10 s).
const WANDER_MEMORY: f64 = 1.0 / 1000.0;

#[derive(Debug, Clone, Default)]
pub struct PullClock {
    /// The even cadence's time of the last pull, in seconds.
    cadence: Option<f64>,
    /// How much earlier than their dating pulls have recently come, at most, in seconds.
    wander: f64,
}

impl PullClock {
    /// Note a pull made at `now`; returns the even cadence's time for it, which dates the
    /// pull for the jitter buffer's decisions so that they do not wander with it.
    pub fn tick(&mut self, now: Duration) -> Duration {
        let now = now.as_secs_f64();
        let next = match self.cadence {
            Some(last) => {
                let expected = last + BLOCK.as_secs_f64();
                let error = now - expected;
                if error.abs() > RESYNC.as_secs_f64() {
                    now
                } else {
                    let dated = expected + error * FOLLOW;
                    // A pull later than its date finds more packets than the date says; only
                    // an early one can miss a packet the date counts on.
                    let early = (dated - now).max(0.0);
                    self.wander = early.max(self.wander * (1.0 - WANDER_MEMORY));
                    dated
                }
            }
            None => now,
        };
        self.cadence = Some(next);
        Duration::from_secs_f64(next.max(0.0))
    }

    /// How much earlier than their dates the pulls have recently come: the peak, forgotten
    /// over about ten seconds.
    pub fn wander(&self) -> Duration {
        Duration::from_secs_f64(self.wander)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(value: f64) -> Duration {
        Duration::from_secs_f64(value / 1000.0)
    }

    #[test]
    fn even_pulls_do_not_wander() {
        let mut clock = PullClock::default();
        for n in 0..1000 {
            let at = ms(f64::from(n) * 10.0);
            assert_eq!(clock.tick(at), at);
        }
        assert!(clock.wander() < ms(0.01), "{:?}", clock.wander());
    }

    #[test]
    fn pulls_in_pairs_every_20_ms_wander_by_about_5_ms_and_are_dated_evenly() {
        let mut clock = PullClock::default();
        let mut dated = Vec::new();
        for n in 0..1000 {
            let at = f64::from(n / 2) * 20.0 + 10.0;
            dated.push(clock.tick(ms(at)).as_secs_f64() * 1000.0);
        }
        for pair in dated[200..].windows(2) {
            let step = pair[1] - pair[0];
            assert!((step - 10.0).abs() < 0.5, "a step of {step:.2} ms");
        }
        let wander = clock.wander().as_secs_f64() * 1000.0;
        assert!((4.0..6.0).contains(&wander), "{wander:.2} ms");
    }

    #[test]
    fn a_device_running_slow_is_followed_without_seeming_to_wander() {
        let mut clock = PullClock::default();
        // 0.5 % slow: a pull every 10.05 ms.
        let mut dated = Duration::ZERO;
        for n in 0..2000 {
            dated = clock.tick(ms(f64::from(n) * 10.05));
        }
        let real = 1999.0 * 10.05;
        let dated = dated.as_secs_f64() * 1000.0;
        assert!(
            (dated - real).abs() < 2.0,
            "{dated:.1} ms dated, {real:.1} ms real"
        );
        let wander = clock.wander().as_secs_f64() * 1000.0;
        assert!(wander < 2.0, "{wander:.2} ms");
    }

    #[test]
    fn a_stall_is_not_counted_as_wander() {
        let mut clock = PullClock::default();
        for n in 0..100 {
            clock.tick(ms(f64::from(n) * 10.0));
        }
        clock.tick(ms(5000.0));
        for n in 1..100 {
            clock.tick(ms(5000.0 + f64::from(n) * 10.0));
        }
        assert!(clock.wander() < ms(0.01), "{:?}", clock.wander());
    }
}
