//! Jitter buffer scenarios as tables of puts and gets.

use super::*;

#[derive(Debug, Clone, Copy)]
enum Step {
    /// Put the packet with this sequence number (timestamp = 160 × sequence).
    Put(u16),
    /// Put and expect this outcome.
    PutExpect(u16, PutOutcome),
    /// Get and expect a normal frame with this sequence number.
    Play(u16),
    /// Get and expect this sequence number reported missing.
    Lose(u16),
    Underrun,
    Prefetch,
}
use Step::*;

fn packet(sequence: u16) -> JitterPacket {
    JitterPacket {
        sequence,
        timestamp: u32::from(sequence).wrapping_mul(160),
        payload_type: 0,
        payload: Bytes::from(sequence.to_be_bytes().to_vec()),
    }
}

fn run(target_frames: u64, steps: &[Step]) -> JitterStats {
    let mut buffer = JitterBuffer::new(JitterConfig {
        target_frames,
        max_frames: target_frames + 50,
    });
    for (index, step) in steps.iter().enumerate() {
        let context = format!("step {index}: {step:?}");
        match *step {
            Put(sequence) => {
                buffer.put(packet(sequence));
            }
            PutExpect(sequence, expected) => {
                assert_eq!(buffer.put(packet(sequence)), expected, "{context}")
            }
            Play(sequence) => match buffer.get() {
                Frame::Normal(got) => assert_eq!(got, packet(sequence), "{context}"),
                other => panic!("{context}: got {other:?}"),
            },
            Lose(sequence) => assert_eq!(buffer.get(), Frame::Missing { sequence }, "{context}"),
            Underrun => assert_eq!(buffer.get(), Frame::Underrun, "{context}"),
            Prefetch => assert_eq!(buffer.get(), Frame::Prefetching, "{context}"),
        }
    }
    buffer.stats()
}

#[test]
fn in_order_after_prefetch() {
    let stats = run(
        2,
        &[
            Prefetch,
            Put(10),
            Prefetch,
            Put(11),
            Put(12),
            Play(10),
            Play(11),
            Play(12),
            Underrun,
        ],
    );
    assert_eq!(stats.received, 3);
    assert_eq!(
        (stats.lost, stats.late, stats.duplicates, stats.reordered),
        (0, 0, 0, 0)
    );
    assert_eq!(stats.underruns, 1);
}

#[test]
fn reordered_packets_play_in_order() {
    let stats = run(
        3,
        &[
            Put(1),
            Put(3),
            Put(2),
            Put(5),
            Put(4),
            Play(1),
            Play(2),
            Play(3),
            Play(4),
            Play(5),
        ],
    );
    assert_eq!(stats.reordered, 2);
    assert_eq!(stats.lost, 0);
}

#[test]
fn duplicates_are_dropped_before_and_after_playout() {
    let stats = run(
        2,
        &[
            Put(1),
            PutExpect(1, PutOutcome::Duplicate),
            Put(2),
            Play(1),
            PutExpect(1, PutOutcome::Duplicate),
            Put(3),
            Play(2),
            Play(3),
        ],
    );
    assert_eq!(stats.duplicates, 2);
    assert_eq!(stats.late, 0);
}

#[test]
fn late_packets_are_dropped_and_counted() {
    let stats = run(
        2,
        &[
            Put(1),
            Put(3),
            Put(4),
            Play(1),
            Lose(2),
            PutExpect(2, PutOutcome::Late),
            Play(3),
            Play(4),
        ],
    );
    assert_eq!((stats.lost, stats.late), (1, 1));
}

#[test]
fn lost_packets_are_concealed_in_their_slot() {
    let stats = run(
        2,
        &[
            Put(1),
            Put(2),
            Put(4),
            Put(5),
            Play(1),
            Play(2),
            Lose(3),
            Play(4),
            Play(5),
        ],
    );
    assert_eq!(stats.lost, 1);
}

#[test]
fn sequence_numbers_wrap_around() {
    let stats = run(
        2,
        &[
            Put(65534),
            Put(0),
            Put(65535),
            Put(1),
            Play(65534),
            Play(65535),
            Play(0),
            Play(1),
            PutExpect(65535, PutOutcome::Duplicate),
        ],
    );
    assert_eq!(stats.reordered, 1);
    assert_eq!((stats.lost, stats.late), (0, 0));
}

#[test]
fn loss_across_the_wrap() {
    let stats = run(1, &[Put(65535), Play(65535), Put(1), Lose(0), Play(1)]);
    assert_eq!(stats.lost, 1);
}

#[test]
fn a_long_gap_resyncs_instead_of_concealing_forever() {
    // Packet 300 is far beyond 2 + 50 frames ahead of the playout point.
    let stats = run(
        2,
        &[
            Put(1),
            Put(2),
            Play(1),
            Play(2),
            PutExpect(300, PutOutcome::Resynced),
            Put(301),
            Play(300),
            Play(301),
        ],
    );
    assert_eq!(stats.resyncs, 1);
}

#[test]
fn a_restarted_sender_far_behind_resyncs() {
    let mut steps = vec![Put(1000), Put(1001)];
    steps.extend((1000..1002).map(Play));
    steps.extend([PutExpect(5, PutOutcome::Resynced), Put(6), Play(5), Play(6)]);
    let stats = run(2, &steps);
    assert_eq!(stats.resyncs, 1);
}

#[test]
fn burst_after_silence_refills_then_plays() {
    let stats = run(
        3,
        &[
            Put(1),
            Put(2),
            Put(3),
            Play(1),
            Play(2),
            Play(3),
            Underrun,
            Prefetch,
            Put(4),
            Put(5),
            Prefetch,
            Put(6),
            Put(7),
            Play(4),
            Play(5),
            Play(6),
            Play(7),
        ],
    );
    assert_eq!(stats.underruns, 1);
    assert_eq!(stats.lost, 0);
}

#[test]
fn a_gap_during_an_outage_is_skipped_not_concealed() {
    // Packets 4..=20 never arrive; after the refill play resumes at 21.
    let stats = run(
        2,
        &[
            Put(1),
            Put(2),
            Put(3),
            Play(1),
            Play(2),
            Play(3),
            Underrun,
            Put(21),
            Put(22),
            Play(21),
        ],
    );
    assert_eq!((stats.lost, stats.skipped), (17, 17));
}

#[test]
fn zero_target_plays_the_first_packet_at_once() {
    run(0, &[Prefetch, Put(9), Play(9), Underrun]);
}

#[test]
fn config_from_delay_rounds_up_to_whole_frames() {
    let config = JitterConfig::from_delay(Duration::from_millis(60), 20);
    assert_eq!(config.target_frames, 3);
    assert_eq!(config.max_frames, 53);
    assert_eq!(
        JitterConfig::from_delay(Duration::from_millis(50), 20).target_frames,
        3
    );
    assert_eq!(JitterConfig::from_delay(Duration::ZERO, 0).target_frames, 0);
}

#[test]
fn depth_tracks_what_is_buffered() {
    let mut buffer = JitterBuffer::new(JitterConfig {
        target_frames: 3,
        max_frames: 53,
    });
    for sequence in 1..=3 {
        buffer.put(packet(sequence));
    }
    assert_eq!(buffer.depth_frames(), 3);
    assert_eq!(buffer.stats().current_depth, 3);
    buffer.get();
    assert_eq!(buffer.depth_frames(), 2);
    buffer.reset();
    assert_eq!(buffer.depth_frames(), 0);
    assert_eq!(buffer.get(), Frame::Prefetching);
}

#[test]
fn before_playout_only_the_newest_window_is_kept() {
    // max_frames is 2 + 50: packet 1 falls out of the window when 100 arrives.
    let stats = run(
        2,
        &[Put(1), Put(100), Put(101), Play(100), Play(101), Underrun],
    );
    assert_eq!(stats.lost, 0);
}

#[test]
fn a_window_smaller_than_the_target_still_fills() {
    let mut buffer = JitterBuffer::new(JitterConfig {
        target_frames: 4,
        max_frames: 1,
    });
    for sequence in 1..=4 {
        buffer.put(packet(sequence));
    }
    assert_eq!(buffer.get(), Frame::Normal(packet(1)));
}

#[test]
fn a_burst_after_a_stall_is_trimmed_back_to_the_target_delay() {
    // Stall: the buffer runs dry at 4, then 4..=13 arrive at once. Target 2 (+3 slack) means
    // playing resumes at 12; 4..=11 are dropped as late instead of adding 160 ms for good.
    let mut steps = vec![Put(1), Put(2), Put(3), Play(1), Play(2), Play(3), Underrun];
    steps.extend((4..=13).map(Put));
    steps.extend([Play(12), Play(13), Underrun]);
    let stats = run(2, &steps);
    assert_eq!((stats.late, stats.lost, stats.skipped), (8, 0, 0));
}

#[test]
fn trimming_counts_holes_in_the_burst_as_lost() {
    let mut steps = vec![Put(1), Put(2), Play(1), Play(2), Underrun];
    steps.extend([3, 4, 6, 7, 9, 10, 11].map(Put));
    steps.extend([Play(10), Play(11)]);
    let stats = run(2, &steps);
    // 3, 4, 6, 7, 9 arrived but are dropped; 5 and 8 never came.
    assert_eq!((stats.late, stats.lost, stats.skipped), (5, 2, 2));
}

#[test]
fn a_fast_sender_cannot_make_the_delay_grow() {
    // Target 2 + slack 3: once 6 frames are waiting, the oldest is dropped as late.
    let mut steps = vec![Put(1), Put(2), Play(1)];
    steps.extend((3..=7).map(Put));
    steps.extend([Play(3), Play(4), Play(5), Play(6), Play(7)]);
    let stats = run(2, &steps);
    assert_eq!((stats.late, stats.lost), (1, 0));
}
