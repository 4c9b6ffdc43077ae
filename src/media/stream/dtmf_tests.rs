//! DTMF through two streams back to back: what one queues, the other reports, and the
//! audio around the events keeps its timing.

use super::*;
use crate::media::codec::{create, find};
use crate::media::rtp;

fn stream(initial_sequence: u16, telephone_event_pt: Option<u8>) -> MediaStream {
    let spec = find("PCMU", 8000).unwrap();
    let config = StreamConfig {
        ssrc: 42,
        initial_sequence,
        initial_timestamp: 1000,
        telephone_event_pt,
    };
    MediaStream::new(create(&spec).unwrap(), config)
}

/// Send `frames` packet times from `sender` into `receiver`; returns the packets sent.
fn pump(
    sender: &mut MediaStream,
    receiver: &mut MediaStream,
    frames: usize,
) -> Vec<rtp::RtpPacket> {
    let pcm = vec![100i16; 160];
    (0..frames)
        .map(|i| {
            let mut packet = Vec::new();
            sender.send_frame(&pcm, &mut packet);
            receiver.receive(Duration::from_millis(20 * i as u64), &packet);
            rtp::parse(&packet).unwrap()
        })
        .collect()
}

#[test]
fn digits_queued_on_one_side_are_reported_on_the_other_across_sequence_wrap() {
    let mut alice = stream(65_530, Some(101));
    let mut bob = stream(7, Some(101));
    alice.queue_dtmf("159#").unwrap();
    let packets = pump(&mut alice, &mut bob, 80);
    assert!(!alice.dtmf_pending());
    let got: Vec<_> = std::iter::from_fn(|| bob.poll_dtmf()).collect();
    let digits: String = got.iter().map(|d| d.digit).collect();
    assert_eq!(digits, "159#");
    assert!(got.iter().all(|d| d.duration_ms == 160));
    // Sequence numbers run on through the wrap without a hole.
    for pair in packets.windows(2) {
        assert_eq!(pair[1].sequence, pair[0].sequence.wrapping_add(1));
    }
}

#[test]
fn audio_is_suppressed_during_an_event_and_keeps_its_timestamps_after() {
    let mut alice = stream(0, Some(101));
    let mut bob = stream(0, Some(101));
    pump(&mut alice, &mut bob, 2);
    alice.queue_dtmf("0").unwrap();
    let packets = pump(&mut alice, &mut bob, 14);
    let (events, audio): (Vec<_>, Vec<_>) = packets.iter().partition(|p| p.payload_type == 101);
    assert_eq!(events.len(), 11);
    assert!(events.iter().all(|p| p.timestamp == 1000 + 2 * 160));
    assert!(events[0].marker);
    // The first audio after the event sits where it would have been without it.
    assert_eq!(audio[0].timestamp, 1000 + 13 * 160);
    assert_eq!(audio[0].payload_type, 0);
}

#[test]
fn queueing_without_negotiated_events_or_with_bad_digits_is_an_error() {
    let mut plain = stream(0, None);
    assert_eq!(plain.queue_dtmf("1"), Err(DtmfError::NotNegotiated));
    let mut alice = stream(0, Some(101));
    assert!(matches!(
        alice.queue_dtmf("1?"),
        Err(DtmfError::InvalidDigit(_))
    ));
    assert!(!alice.dtmf_pending());
}
