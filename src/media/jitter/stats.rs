//! What the playout buffer counts, for the call's statistics.

use std::time::Duration;

/// Counters since the buffer was created. Names follow the WebRTC statistics
/// (`RTCInboundRtpStreamStats`) where one exists.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct JitterStats {
    pub packets_received: u64,
    pub packets_duplicated: u64,
    /// Given up for lost: sequence numbers passed over without playing.
    pub packets_lost: u64,
    /// Arrived after their turn was given up.
    pub packets_late: u64,
    /// Arrived in time but dropped unplayed, to cut the delay after an outage.
    pub packets_discarded: u64,
    pub decode_errors: u64,
    /// Samples played that were not decoded from a packet (concealment and comfort noise).
    pub concealed_samples: u64,
    /// Of those, comfort noise.
    pub silent_concealed_samples: u64,
    /// Runs of concealment.
    pub concealment_events: u64,
    pub inserted_samples_for_deceleration: u64,
    pub removed_samples_for_acceleration: u64,
    /// Blocks by operation.
    pub normal_count: u64,
    pub accelerate_count: u64,
    pub preemptive_expand_count: u64,
    pub expand_count: u64,
    pub merge_count: u64,
    pub comfort_noise_count: u64,
    /// Sum over decoded samples of the time from their packet's arrival to their playout, in
    /// seconds (divide by `jitter_buffer_emitted_count`).
    pub jitter_buffer_delay: f64,
    pub jitter_buffer_target_delay: f64,
    pub jitter_buffer_emitted_count: u64,
    /// Sum over played packets of the time from arrival to the playout of their first sample.
    pub packet_wait_sum: f64,
    pub packets_played: u64,
    pub total_samples_received: u64,
    pub ssrc_changes: u64,
    pub timestamp_jumps: u64,
}

impl JitterStats {
    /// How long a packet waited in the buffer, on average, before its first sample played.
    pub fn mean_packet_wait(&self) -> Duration {
        Duration::from_secs_f64((self.packet_wait_sum / self.packets_played.max(1) as f64).max(0.0))
    }

    /// WebRTC's `jitterBufferDelay / jitterBufferEmittedCount`.
    pub fn mean_jitter_buffer_delay(&self) -> Duration {
        let emitted = self.jitter_buffer_emitted_count.max(1) as f64;
        Duration::from_secs_f64((self.jitter_buffer_delay / emitted).max(0.0))
    }
}
