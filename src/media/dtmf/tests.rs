use super::*;

const PTIME: u32 = 20;
const TICKS: u32 = 160;

/// Drive the sender for `packets` packet times from `timestamp`, as the stream does.
fn run_sender(
    sender: &mut DtmfSender,
    mut timestamp: u32,
    packets: usize,
) -> Vec<Option<EventPacket>> {
    (0..packets)
        .map(|_| {
            let packet = sender.next_packet(timestamp, TICKS, PTIME);
            timestamp = timestamp.wrapping_add(TICKS);
            packet
        })
        .collect()
}

#[test]
fn payload_layout_is_rfc_4733_section_2_3() {
    // Digit 5, E bit set, volume 10, duration 1280 (0x0500).
    let payload = EventPayload {
        event: 5,
        end: true,
        volume: 10,
        duration: 1280,
    };
    assert_eq!(payload.to_bytes(), [0x05, 0x8A, 0x05, 0x00]);
    assert_eq!(
        EventPayload::parse(&[0x05, 0x8A, 0x05, 0x00]),
        Some(payload)
    );
    let start = EventPayload {
        event: 11,
        end: false,
        volume: 10,
        duration: 160,
    };
    assert_eq!(start.to_bytes(), [0x0B, 0x0A, 0x00, 0xA0]);
    assert_eq!(EventPayload::parse(&[1, 2, 3]), None);
}

#[test]
fn digits_map_to_event_codes_both_ways() {
    let keys = "0123456789*#ABCD";
    for (code, key) in keys.chars().enumerate() {
        assert_eq!(event_code(key), Ok(code as u8));
        assert_eq!(digit_of(code as u8), Some(key));
    }
    assert_eq!(event_code('a'), Ok(12));
    assert_eq!(digit_of(16), None);
}

#[test]
fn invalid_digits_are_rejected_without_queueing_anything() {
    let mut sender = DtmfSender::default();
    assert_eq!(sender.queue("12x3"), Err(InvalidDigit('x')));
    assert_eq!(parse_digits("9E"), Err(InvalidDigit('E')));
    assert!(!sender.is_busy());
    assert!(run_sender(&mut sender, 0, 5).iter().all(Option::is_none));
}

#[test]
fn one_digit_is_marked_updates_then_three_end_packets_with_one_timestamp() {
    let mut sender = DtmfSender::default();
    sender.queue("7").unwrap();
    let packets = run_sender(&mut sender, 4000, 16);
    let events: Vec<EventPacket> = packets.iter().take(11).map(|p| p.unwrap()).collect();
    // 160 ms of tone at 20 ms per packet: 8 updates, then 3 end packets.
    assert!(events[0].marker);
    assert!(events[1..].iter().all(|e| !e.marker));
    assert!(events
        .iter()
        .all(|e| e.timestamp == 4000 && e.payload.event == 7));
    assert!(events.iter().all(|e| e.payload.volume == VOLUME));
    let durations: Vec<u16> = events.iter().map(|e| e.payload.duration).collect();
    assert_eq!(
        durations,
        [160, 320, 480, 640, 800, 960, 1120, 1280, 1280, 1280, 1280]
    );
    let ends: Vec<bool> = events.iter().map(|e| e.payload.end).collect();
    assert_eq!(&ends[..8], &[false; 8]);
    assert_eq!(&ends[8..], &[true; 3]);
    // Audio resumes afterwards.
    assert!(packets[11..].iter().all(Option::is_none));
    assert!(!sender.is_busy());
}

#[test]
fn digits_follow_each_other_after_a_gap_with_new_timestamps() {
    let mut sender = DtmfSender::default();
    sender.queue("12").unwrap();
    let packets = run_sender(&mut sender, 0, 40);
    let starts: Vec<(usize, u32, u8)> = packets
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            p.filter(|e| e.marker)
                .map(|e| (i, e.timestamp, e.payload.event))
        })
        .collect();
    let gap = 11 + GAP_PACKETS as usize;
    assert_eq!(starts, [(0, 0, 1), (gap, gap as u32 * TICKS, 2)]);
}

fn feed(receiver: &mut DtmfReceiver, timestamp: u32, payload: EventPayload) {
    receiver.on_packet(timestamp, &payload.to_bytes(), 8000);
}

fn sent_payloads(digits: &str) -> Vec<EventPacket> {
    let mut sender = DtmfSender::default();
    sender.queue(digits).unwrap();
    run_sender(&mut sender, u32::MAX - 500, 100)
        .into_iter()
        .flatten()
        .collect()
}

#[test]
fn receiver_reports_each_digit_once_with_its_duration() {
    let mut receiver = DtmfReceiver::default();
    for packet in sent_payloads("159#") {
        feed(&mut receiver, packet.timestamp, packet.payload);
    }
    let got: Vec<ReceivedDigit> = std::iter::from_fn(|| receiver.poll()).collect();
    let digits: String = got.iter().map(|d| d.digit).collect();
    assert_eq!(digits, "159#");
    assert!(got.iter().all(|d| d.duration_ms == 160));
}

#[test]
fn retransmitted_end_packets_do_not_repeat_the_digit() {
    let mut receiver = DtmfReceiver::default();
    let end = EventPayload {
        event: 3,
        end: true,
        volume: 10,
        duration: 800,
    };
    for _ in 0..3 {
        feed(&mut receiver, 9000, end);
    }
    // A late copy after the next digit started is still recognised.
    feed(
        &mut receiver,
        20_000,
        EventPayload {
            event: 4,
            end: true,
            ..end
        },
    );
    feed(&mut receiver, 9000, end);
    let digits: String = std::iter::from_fn(|| receiver.poll())
        .map(|d| d.digit)
        .collect();
    assert_eq!(digits, "34");
}

#[test]
fn lost_end_packets_still_yield_the_digit_when_the_next_starts() {
    let mut receiver = DtmfReceiver::default();
    let tone = EventPayload {
        event: 10,
        end: false,
        volume: 10,
        duration: 400,
    };
    feed(&mut receiver, 100, tone);
    assert_eq!(receiver.poll(), None);
    feed(&mut receiver, 2000, EventPayload { event: 0, ..tone });
    assert_eq!(
        receiver.poll(),
        Some(ReceivedDigit {
            digit: '*',
            duration_ms: 50
        })
    );
}

#[test]
fn garbage_and_non_dtmf_events_are_counted_not_reported() {
    let mut receiver = DtmfReceiver::default();
    receiver.on_packet(1, &[0x05], 8000);
    receiver.on_packet(2, &[], 8000);
    receiver.on_packet(3, &[40, 0x8A, 0, 160], 8000);
    assert_eq!(receiver.poll(), None);
    assert_eq!(receiver.malformed, 2);
    assert_eq!(receiver.ignored_events, 1);
}

#[test]
fn lost_end_packets_yield_the_digit_once_later_audio_arrives() {
    let mut receiver = DtmfReceiver::default();
    let tone = EventPayload {
        event: 9,
        end: false,
        volume: 10,
        duration: 800,
    };
    feed(&mut receiver, u32::MAX - 100, tone);
    // Audio from inside the event (some senders overlap) does not end it...
    receiver.on_audio((u32::MAX - 100).wrapping_add(400), 8000);
    assert_eq!(receiver.poll(), None);
    // ...audio after its last known duration does, across the timestamp wrap.
    receiver.on_audio(1000, 8000);
    assert_eq!(
        receiver.poll(),
        Some(ReceivedDigit {
            digit: '9',
            duration_ms: 100
        })
    );
    // Its late end packet is not a second press.
    feed(
        &mut receiver,
        u32::MAX - 100,
        EventPayload { end: true, ..tone },
    );
    assert_eq!(receiver.poll(), None);
}
