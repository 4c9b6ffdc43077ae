//! Two streams wired back to back over a simulated network (seeded loss, delay, duplicates),
//! the receiver playing 10 ms every 10 ms as the engine does. The jitter buffer's own
//! behaviour is tested in `media::jitter`; these check what the stream adds around it.

use super::*;
use crate::media::codec::{create, find, CodecSpec};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const FRAME_MS: u64 = 20;
const BLOCK_MS: u64 = 10;

fn config(ssrc: u32, initial_sequence: u16) -> StreamConfig {
    StreamConfig {
        ssrc,
        initial_sequence,
        initial_timestamp: 1000,
        telephone_event_pt: Some(101),
    }
}

fn stream(spec: &CodecSpec, config: StreamConfig) -> MediaStream {
    MediaStream::new(create(spec).unwrap(), config)
}

/// A distinct, audible frame for each index.
fn test_frame(index: usize) -> Vec<i16> {
    (0..160)
        .map(|i| {
            let phase = (i as f64) * (0.05 + index as f64 * 0.01);
            (phase.sin() * 8000.0) as i16 + index as i16
        })
        .collect()
}

/// What the receiver should hear for a frame: the codec's round trip.
fn expected_frame(spec: &CodecSpec, index: usize) -> Vec<i16> {
    let mut codec = create(spec).unwrap();
    let mut payload = Vec::new();
    codec.encode(&test_frame(index), &mut payload);
    let mut pcm = Vec::new();
    codec.decode(&payload, &mut pcm).unwrap();
    pcm
}

/// Where `needle` occurs in `haystack`, if it does.
fn find_run(haystack: &[i16], needle: &[i16]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

struct Network {
    rng: StdRng,
    loss: f64,
    duplicate: f64,
    max_extra_delay_ms: u64,
    in_flight: Vec<(Duration, Vec<u8>)>,
}

impl Network {
    fn send(&mut self, now: Duration, packet: Vec<u8>, may_lose: bool) -> bool {
        if may_lose && self.rng.random_bool(self.loss) {
            return false;
        }
        let copies = if self.rng.random_bool(self.duplicate) {
            2
        } else {
            1
        };
        for _ in 0..copies {
            let delay = 5 + self.rng.random_range(0..=self.max_extra_delay_ms);
            self.in_flight
                .push((now + Duration::from_millis(delay), packet.clone()));
        }
        true
    }

    fn deliver_until(&mut self, now: Duration, to: &mut MediaStream) {
        self.in_flight.sort_by_key(|(at, _)| *at);
        let due = self
            .in_flight
            .iter()
            .take_while(|(at, _)| *at <= now)
            .count();
        for (at, packet) in self.in_flight.drain(..due) {
            to.receive(at, &packet);
        }
    }
}

/// Send `frames` frames from a to b (one every 20 ms), b playing 10 ms every 10 ms; returns
/// everything b played and which frames the network dropped.
fn call(seed: u64, loss: f64, duplicate: f64, frames: usize) -> (Vec<i16>, Vec<bool>, MediaStream) {
    let spec = find("PCMU", 8000).unwrap();
    let mut a = stream(&spec, config(0xA, 65500));
    let mut b = stream(&spec, config(0xB, 7));
    let mut network = Network {
        rng: StdRng::seed_from_u64(seed),
        loss,
        duplicate,
        max_extra_delay_ms: 30,
        in_flight: Vec::new(),
    };
    let mut dropped = Vec::new();
    let mut heard = Vec::new();
    for tick in 0..(frames + 10) * 2 {
        let now = Duration::from_millis(tick as u64 * BLOCK_MS);
        if tick % 2 == 0 && tick / 2 < frames {
            let index = tick / 2;
            let mut packet = Vec::new();
            a.send_frame(&test_frame(index), &mut packet);
            // Never lose the first or last frames: a loss before the first or after the last
            // packet that arrives is invisible to the receiver.
            let sent = network.send(now, packet, index >= 5 && index + 5 < frames);
            dropped.push(!sent);
        }
        network.deliver_until(now, &mut b);
        let before = heard.len();
        b.playout(now, &mut heard);
        assert_eq!(heard.len() - before, b.samples_per_block());
    }
    (heard, dropped, b)
}

#[test]
fn a_clean_jittery_network_plays_every_packet_once_without_gaps() {
    let (heard, _, b) = call(1, 0.0, 0.0, 200);
    let stats = b.stats();
    assert_eq!(stats.packets_received, 200);
    assert_eq!(stats.jitter.packets_played, 200, "{stats:?}");
    assert_eq!(
        (stats.jitter.packets_lost, stats.jitter.packets_late),
        (0, 0)
    );
    // The only concealment is after the sender stopped: nothing was filled in mid-call.
    assert_eq!(stats.jitter.concealment_events, 1, "{stats:?}");
    let spec = find("PCMU", 8000).unwrap();
    // The start fades in from the comfort noise before it; the middle of the frame is intact.
    let first = find_run(&heard, &expected_frame(&spec, 0)[60..100]).expect("the first frame");
    let last = find_run(&heard, &expected_frame(&spec, 199)[60..100]).expect("the last frame");
    // Time-stretching may move the audio by some pitch periods, never by whole frames.
    let played_ms = (last - first) as f64 / 8.0;
    assert!(
        (199.0 * 20.0 - 60.0..=199.0 * 20.0 + 60.0).contains(&played_ms),
        "{played_ms} ms from the first frame to the last"
    );
    assert!(
        stats.jitter_ms > 0.0 && stats.jitter_ms < 30.0,
        "{}",
        stats.jitter_ms
    );
    // 0–30 ms of jitter needs about 30 ms of buffer, not the 40 ms it starts with or more.
    assert!(stats.target_delay <= Duration::from_millis(45), "{stats:?}");
}

#[test]
fn loss_reorder_and_duplicates_are_concealed_and_counted() {
    for seed in [2, 3, 4] {
        let (heard, dropped, b) = call(seed, 0.1, 0.05, 300);
        let spec = find("PCMU", 8000).unwrap();
        let stats = b.stats();
        let lost_count = dropped.iter().filter(|&&d| d).count() as u64;
        assert!(lost_count > 10, "the seed should lose something");
        assert_eq!(stats.jitter.packets_lost, lost_count, "seed {seed}");
        assert_eq!(stats.jitter.packets_late, 0, "seed {seed}");
        assert!(stats.jitter.packets_duplicated > 0, "seed {seed}");
        assert_eq!(
            stats.packets_received,
            300 - lost_count + stats.jitter.packets_duplicated,
            "seed {seed}"
        );
        // Each loss was filled in: up to about a packet time of concealment for each (less
        // where the merge back shortened it to keep the delay).
        let concealed_frames = stats.frames_concealed();
        assert!(
            concealed_frames >= lost_count / 2 && concealed_frames <= 2 * lost_count + 5,
            "seed {seed}: {concealed_frames} frames concealed for {lost_count} lost"
        );
        // A dropped frame is never heard (its audio is not in the output).
        for (index, _) in dropped.iter().enumerate().filter(|(_, &d)| d) {
            assert!(
                find_run(&heard, &expected_frame(&spec, index)[40..120]).is_none(),
                "seed {seed}: dropped frame {index} was heard"
            );
        }
    }
}

#[test]
fn before_any_packet_playout_is_silence() {
    let spec = find("PCMA", 8000).unwrap();
    let mut b = stream(&spec, config(1, 1));
    let mut pcm = Vec::new();
    b.playout(Duration::ZERO, &mut pcm);
    assert_eq!(pcm, vec![0; 80]);
    assert_eq!(b.stats().frames_concealed(), 0);
}

#[test]
fn foreign_and_broken_packets_are_counted_not_played() {
    let spec = find("PCMU", 8000).unwrap();
    let mut a = stream(&spec, config(5, 100));
    let mut b = stream(&spec, config(6, 200));
    b.receive(Duration::ZERO, &[1, 2, 3]);
    b.receive(Duration::ZERO, &[0x40; 40]);
    let mut pcma = Vec::new();
    Packetizer::new(5, 8, 1, 1).packetize(&[0xD5; 160], 160, &mut pcma);
    b.receive(Duration::ZERO, &pcma);
    let mut event = Vec::new();
    Packetizer::new(5, 101, 1, 1).packetize(&[1, 0x8A, 0, 160], 0, &mut event);
    b.receive(Duration::ZERO, &event);
    let mut packet = Vec::new();
    a.send_frame(&test_frame(0), &mut packet);
    b.receive(Duration::ZERO, &packet);

    let stats = b.stats();
    assert_eq!(stats.malformed_packets, 2);
    assert_eq!(stats.unknown_payload_types, 1);
    assert_eq!(stats.packets_received, 2, "audio and telephone-event");
    assert_eq!(
        b.stats().jitter.packets_received,
        2,
        "audio and events share one buffer"
    );
    assert_eq!(a.stats().packets_sent, 1);
}

#[test]
fn a_new_ssrc_resyncs_to_the_new_sender() {
    let spec = find("PCMU", 8000).unwrap();
    let mut b = stream(&spec, config(9, 1));
    let mut first = stream(&spec, config(0x111, 30000));
    let mut second = stream(&spec, config(0x222, 5));
    let mut heard = Vec::new();
    for tick in 0..100usize {
        let now = Duration::from_millis(tick as u64 * BLOCK_MS);
        if tick % 2 == 0 {
            let index = tick / 2;
            let mut packet = Vec::new();
            if index < 20 {
                first.send_frame(&test_frame(index), &mut packet);
            } else {
                second.send_frame(&test_frame(index), &mut packet);
            }
            b.receive(now, &packet);
        }
        b.playout(now, &mut heard);
    }
    assert_eq!(b.remote_ssrc(), Some(0x222));
    let last = expected_frame(&spec, 45);
    assert!(
        find_run(&heard, &last[..40]).is_some(),
        "the new sender is heard"
    );
    let stats = b.stats();
    assert_eq!(stats.jitter.ssrc_changes, 1);
    assert_eq!(stats.jitter.packets_late, 0);
    assert!(stats.jitter.packets_lost <= 1, "{stats:?}");
}

#[test]
fn peer_packets_longer_than_ours_are_played_whole() {
    // The peer sends 30 ms packets; we play 10 ms blocks.
    let mut peer_spec = find("PCMU", 8000).unwrap();
    peer_spec.ptime_ms = 30;
    let spec = find("PCMU", 8000).unwrap();
    let mut a = stream(&peer_spec, config(1, 1));
    let mut b = stream(&spec, config(2, 1));
    let mut heard = Vec::new();
    let mut sent = Vec::new();
    for tick in 0..90u64 {
        let now = Duration::from_millis(tick * BLOCK_MS);
        if tick % 3 == 0 && tick < 60 {
            let pcm: Vec<i16> = (0..240)
                .map(|i| ((i + tick as i32 * 7) % 50 * 100) as i16)
                .collect();
            let mut packet = Vec::new();
            a.send_frame(&pcm, &mut packet);
            sent.push(pcm);
            b.receive(now, &packet);
        }
        b.playout(now, &mut heard);
    }
    let stats = b.stats();
    assert_eq!(stats.jitter.packets_played, 20, "{stats:?}");
    assert_eq!(stats.jitter.packets_lost, 0);
    // The middle packet's audio is heard intact.
    let mut codec = create(&spec).unwrap();
    let mut payload = Vec::new();
    codec.encode(&sent[10], &mut payload);
    let mut expected = Vec::new();
    codec.decode(&payload, &mut expected).unwrap();
    assert!(find_run(&heard, &expected[60..180]).is_some());
}

#[test]
fn when_the_peer_stops_the_sound_fades_out_instead_of_clicking() {
    let spec = find("PCMU", 8000).unwrap();
    let mut a = stream(&spec, config(1, 1));
    let mut b = stream(&spec, config(2, 1));
    let loud: Vec<i16> = (0..160)
        .map(|i| ((i as f64 * 0.2).sin() * 12000.0) as i16)
        .collect();
    let mut heard = Vec::new();
    for tick in 0..60u64 {
        let now = Duration::from_millis(tick * BLOCK_MS);
        if tick % 2 == 0 && tick < 20 {
            let mut packet = Vec::new();
            a.send_frame(&loud, &mut packet);
            b.receive(now, &packet);
        }
        b.playout(now, &mut heard);
    }
    let last_loud = heard.iter().rposition(|&s| s.abs() > 11000).unwrap();
    let tail = &heard[last_loud..];
    // The concealment fades: it never gets louder than the speech, and it ends quiet.
    assert!(tail.iter().all(|s| s.abs() <= 12100), "louder than speech");
    let end = &heard[heard.len() - 80..];
    assert!(
        end.iter().all(|s| s.abs() < 300),
        "still loud at the end: {:?}",
        &end[..8]
    );
    assert_eq!(
        b.stats().jitter.concealment_events,
        1,
        "only the end counts as concealment"
    );
}

#[test]
fn telephone_events_share_the_sequence_space_without_counting_as_loss() {
    let spec = find("PCMU", 8000).unwrap();
    let mut b = stream(&spec, config(2, 1));
    // One sender, one sequence counter: audio, then a key press, then audio again.
    let mut sender = Packetizer::new(7, 0, 100, 0);
    let mut heard = Vec::new();
    for tick in 0..40u64 {
        let now = Duration::from_millis(tick * BLOCK_MS);
        if tick % 2 == 0 && tick < 24 {
            let index = tick / 2;
            let mut packet = Vec::new();
            if (4..7).contains(&index) {
                sender.write(101, &[5, 0x0A, 0, 160], 0, &mut packet);
            } else {
                let mut codec = create(&spec).unwrap();
                let mut payload = Vec::new();
                codec.encode(&test_frame(index as usize), &mut payload);
                sender.write(0, &payload, 160, &mut packet);
            }
            b.receive(now, &packet);
        }
        b.playout(now, &mut heard);
    }
    let stats = b.stats();
    assert_eq!(stats.packets_received, 12);
    assert_eq!(stats.jitter.packets_lost, 0, "{stats:?}");
    assert!(find_run(&heard, &expected_frame(&spec, 11)[..40]).is_some());
}

/// Sender and receiver clocks differ by `drift` (0.01 = the sender is 1 % fast).
fn drifting_call(drift: f64) -> MediaStream {
    let spec = find("PCMU", 8000).unwrap();
    let mut a = stream(&spec, config(1, 1));
    let mut b = stream(&spec, config(2, 1));
    let mut next_send = 0.0;
    let mut index = 0;
    for tick in 0..6000u64 {
        let now_ms = (tick * BLOCK_MS) as f64;
        while next_send <= now_ms {
            let mut packet = Vec::new();
            a.send_frame(&test_frame(index % 50), &mut packet);
            index += 1;
            b.receive(Duration::from_micros((next_send * 1000.0) as u64), &packet);
            next_send += FRAME_MS as f64 / (1.0 + drift);
        }
        let mut pcm = Vec::new();
        b.playout(Duration::from_millis(now_ms as u64), &mut pcm);
    }
    b
}

#[test]
fn clock_drift_neither_grows_the_delay_nor_stops_the_audio() {
    // ±300 ppm is a sound card's worst; 1 % is far beyond any, and still no gap is heard.
    for drift in [0.0003, -0.0003, 0.01, -0.01] {
        let stats = drifting_call(drift).stats();
        let jitter = &stats.jitter;
        // A minute at 1 % drift is 600 ms: time-stretching absorbs it, nothing is thrown away.
        assert_eq!(
            jitter.packets_late + jitter.packets_discarded + jitter.packets_lost,
            0,
            "{drift}: {stats:?}"
        );
        // At most one packet time filled in over the minute, none at a sound card's drift.
        let allowed = if drift.abs() < 0.001 { 0 } else { 160 };
        assert!(
            jitter.concealed_samples - jitter.silent_concealed_samples <= allowed + 160,
            "{drift}: {stats:?}"
        );
        assert!(
            jitter.mean_jitter_buffer_delay() < Duration::from_millis(60),
            "{drift}: {stats:?}"
        );
    }
}
