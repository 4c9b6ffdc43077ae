//! G.722 through a MediaStream: 16 kHz audio on an 8000 Hz RTP clock (RFC 3551), and garbage
//! payloads that must never panic.

use handset::media::codec::{create, find, Codec};
use handset::media::rtp;
use handset::media::stream::{MediaStream, StreamConfig};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Duration;

fn stream(ssrc: u32) -> MediaStream {
    let spec = find("G722", 8000).expect("G.722 is supported");
    MediaStream::new(
        create(&spec).unwrap(),
        StreamConfig {
            ssrc,
            initial_sequence: 100,
            initial_timestamp: 1000,
            telephone_event_pt: None,
        },
    )
}

fn tone(n: usize, at: usize) -> Vec<i16> {
    (at..at + n)
        .map(|i| ((i as f64 * 2.0 * std::f64::consts::PI * 1500.0 / 16000.0).sin() * 9000.0) as i16)
        .collect()
}

#[test]
fn packets_advance_the_timestamp_by_160_and_play_320_samples_in_two_pulls() {
    let mut alice = stream(1);
    let mut bob = stream(2);
    assert_eq!(
        (alice.samples_per_frame(), alice.sample_rate()),
        (320, 16000)
    );
    let mut timestamps = Vec::new();
    let mut heard = Vec::new();
    for i in 0..50 {
        let mut packet = Vec::new();
        alice.send_frame(&tone(320, i * 320), &mut packet);
        let parsed = rtp::parse(&packet).unwrap();
        assert_eq!(parsed.payload_type, 9);
        assert_eq!(parsed.payload.len(), 160);
        timestamps.push(parsed.timestamp);
        let now = Duration::from_millis(20 * i as u64);
        bob.receive(now, &packet);
        // Two 10 ms pulls per 20 ms packet.
        for _ in 0..2 {
            let mut pcm = Vec::new();
            bob.playout(now, &mut pcm);
            assert_eq!(pcm.len(), 160);
            heard.extend(pcm);
        }
    }
    assert!(timestamps
        .windows(2)
        .all(|w| w[1].wrapping_sub(w[0]) == 160));
    // 20 ms packets on an 8 kHz clock arriving every 20 ms: no interarrival jitter.
    let stats = bob.stats();
    assert_eq!(stats.packets_received, 50);
    assert!(stats.jitter_ms < 1.0, "jitter {} ms", stats.jitter_ms);
    assert_eq!(stats.frames_concealed(), 0);
    // The tone comes out (after the jitter buffer's delay).
    let loud = heard[heard.len() - 3200..]
        .iter()
        .map(|s| s.unsigned_abs())
        .max()
        .unwrap();
    assert!((7000..11000).contains(&loud), "peak {loud}");
}

#[test]
fn garbage_payloads_decode_without_panic() {
    let spec = find("G722", 8000).unwrap();
    let mut codec: Box<dyn Codec> = create(&spec).unwrap();
    let mut rng = StdRng::seed_from_u64(0x722);
    for _ in 0..3_000 {
        let len = rng.random_range(0..400);
        let payload: Vec<u8> = (0..len).map(|_| rng.random()).collect();
        let mut out = Vec::new();
        match codec.decode(&payload, &mut out) {
            // Every octet is a code pair: two samples each.
            Ok(()) => assert_eq!(out.len(), 2 * len),
            Err(_) => assert_eq!(len, 0),
        }
    }
    // Afterwards the decoder still turns a tone into a tone, once it has re-adapted.
    let mut encoder = create(&spec).unwrap();
    let mut out = Vec::new();
    for i in 0..10 {
        let mut payload = Vec::new();
        encoder.encode(&tone(320, i * 320), &mut payload);
        out.clear();
        codec.decode(&payload, &mut out).unwrap();
    }
    let peak = out.iter().map(|s| s.unsigned_abs()).max().unwrap();
    assert!((7000..11000).contains(&peak), "peak {peak}");
}
