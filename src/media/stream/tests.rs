//! Two streams wired back to back over a simulated network (seeded loss, delay, duplicates).

use super::*;
use crate::media::codec::{create, find, CodecSpec};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const FRAME_MS: u64 = 20;

fn config(ssrc: u32, initial_sequence: u16) -> StreamConfig {
    StreamConfig {
        ssrc,
        initial_sequence,
        initial_timestamp: 1000,
        telephone_event_pt: Some(101),
        jitter_delay: Duration::from_millis(60),
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

/// Send `frames` frames from a to b, playing out at b every 20 ms; returns b's output frames
/// and which frames the network dropped.
fn call(
    seed: u64,
    loss: f64,
    duplicate: f64,
    frames: usize,
) -> (Vec<Vec<i16>>, Vec<bool>, MediaStream) {
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
    for tick in 0..frames + 10 {
        let now = Duration::from_millis(tick as u64 * FRAME_MS);
        if tick < frames {
            let mut packet = Vec::new();
            a.send_frame(&test_frame(tick), &mut packet);
            // Never lose the first or last frames: a loss before the first or after the last
            // packet that arrives is invisible to the receiver.
            let sent = network.send(now, packet, tick >= 5 && tick + 5 < frames);
            dropped.push(!sent);
        }
        network.deliver_until(now, &mut b);
        let mut pcm = Vec::new();
        b.playout(now, &mut pcm);
        assert_eq!(pcm.len(), 160);
        heard.push(pcm);
    }
    (heard, dropped, b)
}

#[test]
fn a_clean_network_delivers_every_frame_bit_exact_after_the_target_delay() {
    let (heard, _, b) = call(1, 0.0, 0.0, 100);
    let spec = find("PCMU", 8000).unwrap();
    let first_audio = heard
        .iter()
        .position(|f| f.iter().any(|&s| s != 0))
        .unwrap();
    // 60 ms target = 3 frames collected before playing.
    assert!(
        (2..=4).contains(&first_audio),
        "started at frame {first_audio}"
    );
    for index in 0..100 {
        assert_eq!(
            heard[first_audio + index],
            expected_frame(&spec, index),
            "frame {index}"
        );
    }
    let stats = b.stats();
    assert_eq!(stats.packets_received, 100);
    assert_eq!((stats.packets_lost, stats.packets_late), (0, 0));
    // The only concealed frame is the one after the sender stopped.
    assert_eq!(b.jitter_stats().underruns, 1);
    assert_eq!(stats.frames_concealed, 1);
    assert!(
        stats.jitter_ms > 0.0 && stats.jitter_ms < 30.0,
        "{}",
        stats.jitter_ms
    );
}

#[test]
fn loss_reorder_and_duplicates_are_concealed_and_counted() {
    for seed in [2, 3, 4] {
        let (heard, dropped, b) = call(seed, 0.1, 0.05, 300);
        let spec = find("PCMU", 8000).unwrap();
        let expected: Vec<Vec<i16>> = (0..300).map(|i| expected_frame(&spec, i)).collect();
        // Every frame that got through is heard exactly once, in order; no dropped one is.
        let mut heard_indices = Vec::new();
        for frame in &heard {
            if let Some(index) = expected.iter().position(|e| e == frame) {
                heard_indices.push(index);
            }
        }
        let delivered: Vec<usize> = (0..300).filter(|&i| !dropped[i]).collect();
        assert_eq!(heard_indices, delivered, "seed {seed}");

        let stats = b.stats();
        let lost_count = dropped.iter().filter(|&&d| d).count() as u64;
        assert!(lost_count > 10, "the seed should lose something");
        assert_eq!(stats.packets_lost, lost_count, "seed {seed}");
        // Concealed: every lost packet not skipped after an outage, plus each time the buffer
        // ran dry (at least once, at the end).
        let jitter = b.jitter_stats();
        assert!(jitter.underruns >= 1);
        assert_eq!(
            stats.frames_concealed,
            lost_count - jitter.skipped + jitter.underruns,
            "seed {seed}"
        );
        assert_eq!(stats.packets_late, 0, "seed {seed}");
        assert!(stats.packets_duplicate > 0, "seed {seed}");
        assert_eq!(
            stats.packets_received,
            300 - lost_count + stats.packets_duplicate,
            "seed {seed}"
        );
    }
}

#[test]
fn before_any_packet_playout_is_silence() {
    let spec = find("PCMA", 8000).unwrap();
    let mut b = stream(&spec, config(1, 1));
    let mut pcm = Vec::new();
    b.playout(Duration::ZERO, &mut pcm);
    assert_eq!(pcm, vec![0; 160]);
    assert_eq!(b.stats().frames_concealed, 0);
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
        b.jitter_stats().received,
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
    for tick in 0..40usize {
        let now = Duration::from_millis(tick as u64 * FRAME_MS);
        let mut packet = Vec::new();
        if tick < 20 {
            first.send_frame(&test_frame(tick), &mut packet);
        } else {
            second.send_frame(&test_frame(tick), &mut packet);
        }
        b.receive(now, &packet);
        let mut pcm = Vec::new();
        b.playout(now, &mut pcm);
        heard.push(pcm);
    }
    assert_eq!(b.remote_ssrc(), Some(0x222));
    let last = expected_frame(&spec, 37);
    assert!(heard.contains(&last), "the new sender is heard");
    let stats = b.stats();
    assert_eq!(stats.packets_late, 0);
    assert!(stats.packets_lost <= 1, "{stats:?}");
}

#[test]
fn peer_packets_longer_than_ours_are_split_across_playouts() {
    // Peer sends 30 ms packets, we play 20 ms frames.
    let mut peer_spec = find("PCMU", 8000).unwrap();
    peer_spec.ptime_ms = 30;
    let spec = find("PCMU", 8000).unwrap();
    let mut a = stream(&peer_spec, config(1, 1));
    let mut b = stream(
        &spec,
        StreamConfig {
            jitter_delay: Duration::ZERO,
            ..config(2, 1)
        },
    );
    let mut sent = Vec::new();
    let mut heard = Vec::new();
    for tick in 0..60u64 {
        let now = Duration::from_millis(tick * 10);
        if tick % 3 == 0 {
            let pcm: Vec<i16> = (0..240)
                .map(|i| ((i + tick as i32 * 7) % 50 * 100) as i16)
                .collect();
            let mut packet = Vec::new();
            a.send_frame(&pcm, &mut packet);
            sent.extend(pcm);
            b.receive(now, &packet);
        }
        if tick % 2 == 1 {
            b.playout(now, &mut heard);
        }
    }
    let mut codec = create(&spec).unwrap();
    let mut payload = Vec::new();
    codec.encode(&sent, &mut payload);
    let mut expected = Vec::new();
    codec.decode(&payload, &mut expected).unwrap();
    assert_eq!(heard.len(), 30 * 160);
    assert_eq!(&heard[..], &expected[..heard.len()]);
    assert_eq!(b.stats().frames_concealed, 0);
}

#[test]
fn when_the_peer_stops_the_sound_fades_out_instead_of_clicking() {
    let spec = find("PCMU", 8000).unwrap();
    let mut a = stream(&spec, config(1, 1));
    let mut b = stream(&spec, config(2, 1));
    let loud = vec![12000i16; 160];
    let mut heard = Vec::new();
    for tick in 0..20u64 {
        let now = Duration::from_millis(tick * FRAME_MS);
        if tick < 10 {
            let mut packet = Vec::new();
            a.send_frame(&loud, &mut packet);
            b.receive(now, &packet);
        }
        b.playout(now, &mut heard);
    }
    let last_loud = heard.iter().rposition(|&s| s > 11000).unwrap();
    let tail = &heard[last_loud..];
    // No sample-to-sample step bigger than a fade step, and silence at the end.
    assert!(
        tail.windows(2).all(|w| (w[0] - w[1]).abs() < 100),
        "abrupt stop"
    );
    assert_eq!(heard.last(), Some(&0));
    assert_eq!(
        b.stats().frames_concealed,
        1,
        "only the underrun counts as concealed"
    );
}

#[test]
fn telephone_events_share_the_sequence_space_without_counting_as_loss() {
    let spec = find("PCMU", 8000).unwrap();
    let mut b = stream(
        &spec,
        StreamConfig {
            jitter_delay: Duration::ZERO,
            ..config(2, 1)
        },
    );
    // One sender, one sequence counter: audio, then a key press, then audio again.
    let mut sender = Packetizer::new(7, 0, 100, 0);
    let mut heard = Vec::new();
    for tick in 0..12u64 {
        let now = Duration::from_millis(tick * FRAME_MS);
        let mut packet = Vec::new();
        if (4..7).contains(&tick) {
            sender.write(101, &[5, 0x0A, 0, 160], 0, &mut packet);
        } else {
            let mut codec = create(&spec).unwrap();
            let mut payload = Vec::new();
            codec.encode(&test_frame(tick as usize), &mut payload);
            sender.write(0, &payload, 160, &mut packet);
        }
        b.receive(now, &packet);
        b.playout(now, &mut heard);
    }
    let stats = b.stats();
    assert_eq!(stats.packets_received, 12);
    assert_eq!(
        (stats.packets_lost, stats.frames_concealed),
        (0, 0),
        "{stats:?}"
    );
    assert_eq!(&heard[160 * 11..], &expected_frame(&spec, 11)[..]);
}

/// Sender and receiver clocks differ by `drift` (0.01 = the sender is 1 % fast).
fn drifting_call(drift: f64) -> MediaStream {
    let spec = find("PCMU", 8000).unwrap();
    let mut a = stream(&spec, config(1, 1));
    let mut b = stream(&spec, config(2, 1));
    let mut next_send = 0.0;
    for tick in 0..3000u64 {
        let now_ms = (tick * FRAME_MS) as f64;
        while next_send <= now_ms {
            let mut packet = Vec::new();
            a.send_frame(&test_frame(tick as usize % 50), &mut packet);
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
    let fast = drifting_call(0.01).stats();
    // 1 % of 3000 frames arrive in excess: they are dropped, the delay stays near 60 ms.
    assert!(fast.buffer_ms <= 60 + 4 * 20, "{fast:?}");
    assert!((20..=40).contains(&fast.packets_late), "{fast:?}");
    let slow = drifting_call(-0.01).stats();
    // The buffer runs dry about every 100 frames and refills; audio keeps coming.
    assert!(slow.packets_received > 2900, "{slow:?}");
    assert!(slow.frames_concealed < 100, "{slow:?}");
    assert_eq!(slow.packets_lost, 0, "{slow:?}");
}
