//! Opus through a MediaStream and SDP: 48 kHz audio on a 48 kHz RTP clock, `opus/48000/2` in
//! SDP with RFC 7587's parameters.

use handset::media::codec::{create, find, supported};
use handset::media::rtp;
use handset::media::sdp::{answer, offer, LocalMedia};
use handset::media::stream::{MediaStream, StreamConfig};
use std::time::Duration;

fn local() -> LocalMedia {
    LocalMedia {
        address: "127.0.0.1".parse().unwrap(),
        rtp_port: 40000,
        codecs: supported(),
        telephone_event_pt: Some(101),
        session_id: 7,
        session_version: 7,
    }
}

#[test]
fn our_offer_leads_with_opus_then_g722() {
    let text = offer(&local());
    assert!(text.contains("m=audio 40000 RTP/AVP 111 9 0 8"), "{text}");
    assert!(text.contains("a=rtpmap:111 opus/48000/2\r\n"), "{text}");
    assert!(
        text.contains(
            "a=fmtp:111 useinbandfec=1;maxplaybackrate=48000;stereo=0;sprop-stereo=0\r\n"
        ),
        "{text}"
    );
    assert!(text.contains("a=rtpmap:9 G722/8000\r\n"), "{text}");
}

#[test]
fn a_peer_offering_opus_on_its_own_payload_type_gets_opus() {
    let peer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n\
                m=audio 5004 RTP/AVP 96 9 0\r\na=rtpmap:96 opus/48000/2\r\n\
                a=fmtp:96 useinbandfec=1\r\na=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\n";
    let (text, agreed) = answer(peer, &local()).unwrap();
    assert_eq!((agreed.codec.name, agreed.codec.payload_type), ("opus", 96));
    assert!(text.contains("a=rtpmap:96 opus/48000/2\r\n"), "{text}");
    let codec = create(&agreed.codec).unwrap();
    assert_eq!(codec.spec().samples_per_frame(), 960);
}

#[test]
fn a_peer_preferring_g722_over_g711_gets_g722() {
    // Static payload types without rtpmap, as RFC 3551 allows; the answer follows the offer's order.
    let peer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n\
                m=audio 5004 RTP/AVP 9 0\r\n";
    let (_, agreed) = answer(peer, &local()).unwrap();
    assert_eq!((agreed.codec.name, agreed.codec.clock_rate), ("G722", 8000));
}

#[test]
fn packets_advance_the_timestamp_by_960_and_play_960_samples_in_two_pulls() {
    let spec = find("opus", 48000).unwrap();
    let config = |ssrc| StreamConfig {
        ssrc,
        initial_sequence: 65530,
        initial_timestamp: u32::MAX - 1000,
        telephone_event_pt: None,
    };
    let mut alice = MediaStream::new(create(&spec).unwrap(), config(1));
    let mut bob = MediaStream::new(create(&spec).unwrap(), config(2));
    assert_eq!(
        (alice.samples_per_frame(), alice.sample_rate()),
        (960, 48000)
    );
    let mut timestamps = Vec::new();
    let mut heard = Vec::new();
    for i in 0..50u64 {
        let pcm: Vec<i16> = (0..960)
            .map(|n| {
                ((((i * 960 + n) as f64) * 2.0 * std::f64::consts::PI * 440.0 / 48000.0).sin()
                    * 8000.0) as i16
            })
            .collect();
        let mut packet = Vec::new();
        alice.send_frame(&pcm, &mut packet);
        let parsed = rtp::parse(&packet).unwrap();
        assert_eq!(parsed.payload_type, 111);
        timestamps.push(parsed.timestamp);
        let now = Duration::from_millis(20 * i);
        bob.receive(now, &packet);
        // Two 10 ms pulls per 20 ms packet.
        for _ in 0..2 {
            let mut out = Vec::new();
            bob.playout(now, &mut out);
            assert_eq!(out.len(), 480);
            heard.extend(out);
        }
    }
    assert!(timestamps
        .windows(2)
        .all(|w| w[1].wrapping_sub(w[0]) == 960));
    let stats = bob.stats();
    assert!(stats.jitter_ms < 1.0, "jitter {} ms", stats.jitter_ms);
    assert_eq!(
        (stats.jitter.decode_errors, stats.frames_concealed()),
        (0, 0)
    );
    let peak = heard[heard.len() - 9600..]
        .iter()
        .map(|s| s.unsigned_abs())
        .max()
        .unwrap();
    assert!((5000..12000).contains(&peak), "peak {peak}");
}
