//! RFC 3550 section 6.4.1 interarrival jitter: the smoothed mean deviation of the spacing of
//! arrivals from the spacing of the RTP timestamps, in timestamp units.

use std::time::Duration;

#[derive(Debug, Clone, Default)]
pub struct InterarrivalJitter {
    /// Transit time (arrival minus RTP timestamp) of the previous packet, in clock ticks.
    previous_transit: Option<f64>,
    /// The estimate J, in clock ticks.
    jitter: f64,
}

impl InterarrivalJitter {
    /// Account for a packet with RTP `timestamp` that arrived at `now`.
    pub fn on_packet(&mut self, now: Duration, timestamp: u32, clock_rate: u32) {
        let arrival = now.as_secs_f64() * f64::from(clock_rate);
        let transit = arrival - f64::from(timestamp);
        if let Some(previous) = self.previous_transit {
            let mut difference = (transit - previous).abs();
            // A timestamp wrap makes the transit jump by 2^32; fold it back.
            let wrap = f64::from(u32::MAX) + 1.0;
            if difference > wrap / 2.0 {
                difference = (difference - wrap).abs();
            }
            self.jitter += (difference - self.jitter) / 16.0;
        }
        self.previous_transit = Some(transit);
    }

    /// Start over (new sender); the estimate decays from where it was.
    pub fn restart(&mut self) {
        self.previous_transit = None;
    }

    /// The estimate in clock ticks, as RTCP reports carry it.
    pub fn ticks(&self) -> f64 {
        self.jitter
    }

    /// The estimate in milliseconds.
    pub fn millis(&self, clock_rate: u32) -> f64 {
        if clock_rate == 0 {
            return 0.0;
        }
        self.jitter * 1000.0 / f64::from(clock_rate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfectly_paced_packets_have_no_jitter() {
        let mut estimate = InterarrivalJitter::default();
        for i in 0..50u32 {
            estimate.on_packet(Duration::from_millis(u64::from(i) * 20 + 7), i * 160, 8000);
        }
        assert!(estimate.millis(8000) < 1e-6);
    }

    #[test]
    fn alternating_delay_converges_to_the_deviation() {
        // Every other packet is 10 ms late: |D| is 10 ms for every pair, so J tends to 10 ms.
        let mut estimate = InterarrivalJitter::default();
        for i in 0..400u32 {
            let late = if i % 2 == 1 { 10 } else { 0 };
            estimate.on_packet(
                Duration::from_millis(u64::from(i) * 20 + late),
                i * 160,
                8000,
            );
        }
        assert!(
            (estimate.millis(8000) - 10.0).abs() < 0.1,
            "{}",
            estimate.millis(8000)
        );
        assert!((estimate.ticks() - 80.0).abs() < 1.0);
    }

    #[test]
    fn timestamp_wrap_is_not_a_jump() {
        let mut estimate = InterarrivalJitter::default();
        let start = u32::MAX - 3 * 160 + 1;
        for i in 0..10u32 {
            estimate.on_packet(
                Duration::from_millis(u64::from(i) * 20),
                start.wrapping_add(i * 160),
                8000,
            );
        }
        assert!(estimate.millis(8000) < 1e-3, "{}", estimate.millis(8000));
    }
}
