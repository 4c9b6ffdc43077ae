//! Hostile input never panics: random bytes and mutated real packets through the SDP parser,
//! the RTP parser, the decoders, the jitter buffer and a whole stream. Seeded, so a failure
//! reproduces.

use super::codec::{create, find, supported};
use super::jitter::{Incoming, JitterBuffer, JitterConfig, JitterPacket};
use super::rtp::{self, Packetizer};
use super::sdp::{accept_answer, answer, offer, LocalMedia};
use super::stream::{MediaStream, StreamConfig};
use bytes::Bytes;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Duration;

fn local() -> LocalMedia {
    LocalMedia {
        address: "10.0.0.1".parse().unwrap(),
        rtp_port: 4000,
        codecs: supported(),
        telephone_event_pt: Some(101),
        session_id: 1,
        session_version: 1,
    }
}

fn random_bytes(rng: &mut StdRng, max_len: usize) -> Vec<u8> {
    let len = rng.random_range(0..=max_len);
    (0..len).map(|_| rng.random()).collect()
}

/// Lines a fuzzer should splice in: the shapes the parsers branch on.
const SDP_PIECES: &[&str] = &[
    "m=audio 0 RTP/AVP 0",
    "m=audio 99999 RTP/AVP 0",
    "m=audio 5 RTP/AVP x",
    "m=video 5 RTP/SAVPF 96",
    "m=image 5 udptl t38",
    "m=audio 5/2 RTP/AVP 300 -1",
    "c=IN IP4 ::1",
    "c=IN IP6 10.0.0.1",
    "c=IN IP4 224.2.1.1/127/3",
    "c=IN IP4 host.example",
    "c=",
    "a=rtpmap:0",
    "a=rtpmap:200 PCMU/8000",
    "a=rtpmap:0 PCMU/abc/2",
    "a=fmtp:101 0-99999",
    "a=fmtp:101",
    "a=ptime:0",
    "a=ptime:-5",
    "a=ptime:99999999999999999999",
    "a=sendonly",
    "a=sendonly:x",
    "a=extmap:1/sendonly urn:x",
    "a=rid:1 send",
    "a=simulcast:send 1",
    "a=rtcp-mux-only",
    "a=ssrc-group:FID 1 2",
    "a=group:BUNDLE 0",
    "a=candidate:1 1 UDP 1 1.2.3.4 5 typ host",
    "a=",
    "a=:",
    "b=AS:",
    "t=1",
    "o=- x y IN IP4 1.1.1.1",
    "v=0",
    "s=",
    "i=",
    "=",
    "",
];

fn mutate_sdp(rng: &mut StdRng, base: &str) -> String {
    let mut lines: Vec<String> = base.lines().map(str::to_owned).collect();
    for _ in 0..rng.random_range(1..6) {
        let at = rng.random_range(0..=lines.len());
        match rng.random_range(0..5) {
            0 if at < lines.len() => {
                lines.remove(at);
            }
            1 => lines.insert(
                at,
                SDP_PIECES[rng.random_range(0..SDP_PIECES.len())].to_owned(),
            ),
            2 if at < lines.len() => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            3 if at < lines.len() && !lines[at].is_empty() => {
                let mut bytes = lines[at].clone().into_bytes();
                let cut = rng.random_range(0..bytes.len());
                bytes.truncate(cut);
                lines[at] = String::from_utf8_lossy(&bytes).into_owned();
            }
            _ => {
                if let Some(line) = lines.get_mut(at) {
                    let c = char::from(rng.random_range(b' '..=b'~'));
                    line.push(c);
                }
            }
        }
    }
    lines.join(if rng.random_bool(0.5) { "\r\n" } else { "\n" })
}

#[test]
fn sdp_never_panics() {
    let mut rng = StdRng::seed_from_u64(0x5d9);
    let ours = offer(&local());
    let real_world = [
        ours.clone(),
        include_str!("../../tests/media_fixtures/sdp/baresip-1.0-offer.sdp").to_owned(),
        include_str!("../../tests/media_fixtures/sdp/linphone-5.1-offer.sdp").to_owned(),
        include_str!("../../tests/media_fixtures/sdp/linphone-5.1-answer.sdp").to_owned(),
        "v=0\r\no=- 1 2 IN IP4 192.168.1.20\r\ns=-\r\nc=IN IP4 192.168.1.20\r\nt=0 0\r\n\
         m=audio 10020 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n\
         a=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\nm=video 0 RTP/AVP 96\r\n"
            .to_owned(),
    ];
    for round in 0..5000 {
        let text = if round % 4 == 0 {
            String::from_utf8_lossy(&random_bytes(&mut rng, 400)).into_owned()
        } else {
            let base = &real_world[round % real_world.len()];
            mutate_sdp(&mut rng, base)
        };
        if let Ok((answer_text, _)) = answer(&text, &local()) {
            // Whatever we answer must itself be readable SDP.
            assert!(
                webrtc_sdp::parse_sdp(&answer_text, false).is_ok(),
                "unparsable answer to {text:?}:\n{answer_text}"
            );
        }
        let _ = accept_answer(&text, &local());
    }
}

#[test]
fn rtp_parser_and_decoders_never_panic() {
    let mut rng = StdRng::seed_from_u64(0x47);
    let mut valid = Vec::new();
    Packetizer::new(1, 0, 2, 3).packetize(&[0x55; 160], 160, &mut valid);
    let mut codecs: Vec<_> = supported().iter().filter_map(create).collect();
    for round in 0..20_000 {
        let datagram = if round % 2 == 0 {
            random_bytes(&mut rng, 64)
        } else {
            // A valid packet with a few header bits flipped and maybe cut short.
            let mut packet = valid.clone();
            for _ in 0..rng.random_range(1..4) {
                let at = rng.random_range(0..16);
                packet[at] ^= 1 << rng.random_range(0..8);
            }
            let keep = rng.random_range(0..=packet.len());
            packet.truncate(keep);
            packet
        };
        if let Ok(packet) = rtp::parse(&datagram) {
            assert!(packet.payload.len() + 12 <= datagram.len());
        }
        for codec in &mut codecs {
            let mut pcm = Vec::new();
            if codec.decode(&datagram, &mut pcm).is_ok() {
                // G.711 gives a sample per byte, GSM 160 samples per 33-byte frame.
                let expected = match codec.spec().name {
                    "PCMU" | "PCMA" => Some(datagram.len()),
                    "GSM" => Some(datagram.len() / 33 * 160),
                    _ => None,
                };
                if let Some(expected) = expected {
                    assert_eq!(pcm.len(), expected);
                }
            }
        }
    }
}

#[test]
fn jitter_buffer_survives_random_operations() {
    let mut rng = StdRng::seed_from_u64(0x1b);
    let spec = find("PCMU", 8000).unwrap();
    let mut decoder = create(&spec).unwrap();
    let mut buffer = JitterBuffer::new(JitterConfig::for_codec(&spec));
    let mut sequence: u16 = rng.random();
    let mut timestamp: u32 = rng.random();
    let mut now = Duration::ZERO;
    let mut out = Vec::new();
    for _ in 0..50_000 {
        if rng.random_bool(0.55) {
            // Mostly a well-behaved sender, sometimes anything at all.
            let wild = rng.random_bool(0.02);
            sequence = sequence.wrapping_add(1);
            timestamp = timestamp.wrapping_add(160);
            let payload_len = if rng.random_bool(0.05) {
                rng.random_range(0..400)
            } else {
                160
            };
            buffer.put(
                now,
                Incoming {
                    ssrc: if rng.random_bool(0.001) {
                        rng.random()
                    } else {
                        7
                    },
                    marker: rng.random_bool(0.05),
                    packet: JitterPacket {
                        sequence: if wild {
                            rng.random()
                        } else {
                            sequence
                                .wrapping_add(rng.random_range(0..8))
                                .wrapping_sub(4)
                        },
                        timestamp: if wild { rng.random() } else { timestamp },
                        payload_type: if rng.random_bool(0.02) { 101 } else { 0 },
                        payload: Bytes::from(random_bytes(&mut rng, payload_len)),
                    },
                },
            );
        } else {
            now += Duration::from_millis(rng.random_range(0..=20));
            out.clear();
            buffer.pull(now, decoder.as_mut(), &mut out);
            assert_eq!(out.len(), buffer.block_samples());
        }
        assert!(
            buffer.packets_buffered() <= 1100,
            "{}",
            buffer.packets_buffered()
        );
    }
}

#[test]
fn a_stream_survives_random_traffic() {
    let mut rng = StdRng::seed_from_u64(0x57);
    let spec = find("PCMU", 8000).unwrap();
    let mut stream = MediaStream::new(
        create(&spec).unwrap(),
        StreamConfig {
            ssrc: 1,
            initial_sequence: 65530,
            initial_timestamp: u32::MAX - 500,
            telephone_event_pt: Some(101),
        },
    );
    for tick in 0..5000u64 {
        let now = Duration::from_millis(tick * 20);
        let mut packet = Vec::new();
        let pcm: Vec<i16> = (0..rng.random_range(0..400))
            .map(|_| rng.random())
            .collect();
        stream.send_frame(&pcm, &mut packet);
        if rng.random_bool(0.3) {
            let at = rng.random_range(0..packet.len());
            packet[at] = rng.random();
        }
        if rng.random_bool(0.1) {
            packet = random_bytes(&mut rng, 300);
        }
        stream.receive(now, &packet);
        let mut out = Vec::new();
        stream.playout(now, &mut out);
        assert_eq!(out.len(), stream.samples_per_block());
    }
    let stats = stream.stats();
    assert!(stats.packets_received > 0 && stats.malformed_packets > 0);
}
