//! Per-source rate limiting: a token bucket for each sending address, in a table of bounded
//! size, so a flood costs a bounded amount of memory and work.
//!
//! A message from a source whose bucket is empty is dropped before it is parsed. When the
//! table is full, buckets that have refilled (sources quiet for a while) are forgotten; if
//! none has, newcomers share one overflow bucket, so spraying from many ports gains nothing.

use core::net::SocketAddr;
use std::collections::BTreeMap;
use std::time::Duration;

/// How much one source may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Messages per second a source may send for ever.
    pub per_second: u32,
    /// Messages a quiet source may send at once.
    pub burst: u32,
    /// Sources tracked one by one; more share the overflow bucket.
    pub max_sources: usize,
}

impl Default for RateLimit {
    /// Far above a phone call's needs (a few requests and responses a second, DTMF by INFO),
    /// far below a scanner's.
    fn default() -> Self {
        RateLimit {
            per_second: 20,
            burst: 40,
            max_sources: 1024,
        }
    }
}

/// One bucket, in thousandths of a message so refills need no floating point.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    milli_tokens: u64,
    updated: Duration,
}

impl Bucket {
    fn full(limit: &RateLimit, now: Duration) -> Bucket {
        Bucket {
            milli_tokens: capacity(limit),
            updated: now,
        }
    }

    fn refill(&mut self, limit: &RateLimit, now: Duration) {
        let elapsed_ms = now.saturating_sub(self.updated).as_millis();
        let gained = elapsed_ms.saturating_mul(u128::from(limit.per_second));
        let gained = u64::try_from(gained).unwrap_or(u64::MAX);
        self.milli_tokens = self
            .milli_tokens
            .saturating_add(gained)
            .min(capacity(limit));
        self.updated = now.max(self.updated);
    }

    fn take(&mut self) -> bool {
        if self.milli_tokens >= 1000 {
            self.milli_tokens -= 1000;
            true
        } else {
            false
        }
    }
}

fn capacity(limit: &RateLimit) -> u64 {
    u64::from(limit.burst.max(1)) * 1000
}

/// The buckets of the sources seen lately.
#[derive(Debug, Clone)]
pub struct SourceLimiter {
    limit: RateLimit,
    buckets: BTreeMap<SocketAddr, Bucket>,
    overflow: Bucket,
    /// When full buckets were last swept out, so a full table is swept at most once a second.
    swept: Option<Duration>,
    dropped: u64,
}

impl SourceLimiter {
    pub fn new(limit: RateLimit) -> SourceLimiter {
        SourceLimiter {
            limit,
            buckets: BTreeMap::new(),
            overflow: Bucket::full(&limit, Duration::ZERO),
            swept: None,
            dropped: 0,
        }
    }

    /// Whether a message from `source` at `now` may be handled; counts it if so.
    pub fn allow(&mut self, now: Duration, source: SocketAddr) -> bool {
        let limit = self.limit;
        if !self.buckets.contains_key(&source) && self.buckets.len() >= limit.max_sources {
            self.sweep(now);
        }
        let room = self.buckets.len() < limit.max_sources;
        let bucket = match self.buckets.get_mut(&source) {
            Some(bucket) => bucket,
            None if room => self
                .buckets
                .entry(source)
                .or_insert_with(|| Bucket::full(&limit, now)),
            None => &mut self.overflow,
        };
        bucket.refill(&limit, now);
        let allowed = bucket.take();
        if !allowed {
            self.dropped = self.dropped.saturating_add(1);
        }
        allowed
    }

    /// Messages dropped so far.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Sources tracked one by one now (at most `max_sources`).
    #[cfg(test)]
    pub fn tracked(&self) -> usize {
        self.buckets.len()
    }

    /// Forget sources whose bucket is full again: they hold nothing worth remembering.
    fn sweep(&mut self, now: Duration) {
        if self
            .swept
            .is_some_and(|at| now.saturating_sub(at) < Duration::from_secs(1))
        {
            return;
        }
        self.swept = Some(now);
        let limit = self.limit;
        self.buckets.retain(|_, bucket| {
            bucket.refill(&limit, now);
            bucket.milli_tokens < capacity(&limit)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(port: u16) -> SocketAddr {
        SocketAddr::from(([203, 0, 113, 5], port))
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn limit() -> RateLimit {
        RateLimit {
            per_second: 20,
            burst: 40,
            max_sources: 4,
        }
    }

    /// Messages allowed out of `count` sent evenly over `span` from `from`.
    fn allowed(
        l: &mut SourceLimiter,
        from: SocketAddr,
        start: Duration,
        span: Duration,
        count: u32,
    ) -> u32 {
        (0..count)
            .filter(|i| l.allow(start + span * *i / count, from))
            .count() as u32
    }

    #[test]
    fn a_flood_gets_the_burst_then_the_rate() {
        let mut l = SourceLimiter::new(limit());
        // 200 a second for 20 s: 40 at once, then 20 a second.
        let passed = allowed(&mut l, source(5070), ms(0), Duration::from_secs(20), 4000);
        assert!((438..=441).contains(&passed), "{passed}");
        assert_eq!(l.dropped(), u64::from(4000 - passed));
    }

    #[test]
    fn a_quiet_source_is_never_limited() {
        let mut l = SourceLimiter::new(limit());
        let passed = allowed(&mut l, source(5080), ms(0), Duration::from_secs(60), 600);
        assert_eq!(passed, 600, "10 a second is below the rate");
    }

    #[test]
    fn one_source_flooding_leaves_another_alone() {
        let mut l = SourceLimiter::new(limit());
        for i in 0..1000 {
            l.allow(ms(i), source(5070));
        }
        assert!(l.allow(ms(1000), source(5080)));
    }

    #[test]
    fn the_table_stays_bounded_and_newcomers_share_the_overflow() {
        let mut l = SourceLimiter::new(limit());
        let mut passed = 0;
        for port in 0..10_000u16 {
            if l.allow(ms(u64::from(port) / 10), source(port)) {
                passed += 1;
            }
            assert!(l.tracked() <= 4);
        }
        // 4 tracked sources and the shared bucket: far fewer than 10 000 get through.
        assert!(passed < 4 + 40 + 20 * 2, "{passed}");
    }

    #[test]
    fn quiet_sources_make_room_again() {
        let mut l = SourceLimiter::new(limit());
        for port in 0..4 {
            l.allow(ms(0), source(port));
        }
        assert_eq!(l.tracked(), 4);
        // A second later every bucket is full again: the sweep forgets them.
        assert!(l.allow(ms(2_000), source(99)));
        assert_eq!(l.tracked(), 1);
    }
}
