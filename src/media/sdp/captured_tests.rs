//! SDPs captured from the real peers on this machine (baresip 1.0.0 and linphone-daemon 5.1,
//! on loopback), byte for byte, in tests/media_fixtures/sdp/.

use super::*;
use crate::media::codec::find;

const BARESIP_OFFER: &str = include_str!("../../../tests/media_fixtures/sdp/baresip-1.0-offer.sdp");
const BARESIP_ANSWER: &str =
    include_str!("../../../tests/media_fixtures/sdp/baresip-1.0-answer.sdp");
const LINPHONE_OFFER: &str =
    include_str!("../../../tests/media_fixtures/sdp/linphone-5.1-offer.sdp");
const LINPHONE_ANSWER: &str =
    include_str!("../../../tests/media_fixtures/sdp/linphone-5.1-answer.sdp");

/// These tests are about SDP handling: they pin the G.711 pair, so that adding codecs to
/// `supported()` does not change their answers.
fn g711_only() -> Vec<crate::media::codec::CodecSpec> {
    vec![find("PCMU", 8000).unwrap(), find("PCMA", 8000).unwrap()]
}

fn local() -> LocalMedia {
    LocalMedia {
        address: "127.0.0.1".parse().unwrap(),
        rtp_port: 27040,
        codecs: g711_only(),
        telephone_event_pt: Some(101),
        session_id: 4242,
        session_version: 4242,
    }
}

#[test]
fn baresip_offer_with_fifteen_formats() {
    let (text, agreed) = answer(BARESIP_OFFER, &local()).unwrap();
    assert_eq!((agreed.codec.name, agreed.codec.payload_type), ("PCMU", 0));
    assert_eq!(agreed.codec.ptime_ms, 20);
    // baresip numbers telephone-event 105; we answer with its number.
    assert_eq!(agreed.telephone_event_pt, Some(105));
    assert_eq!(agreed.remote_rtp, "127.0.0.1:27022".parse().unwrap());
    assert_eq!(agreed.direction, MediaDirection::SendRecv);
    assert!(text.contains("m=audio 27040 RTP/AVP 0 105\r\n"), "{text}");
    assert!(text.contains("a=rtpmap:105 telephone-event/8000\r\n"));
}

#[test]
fn linphone_offer_over_ipv6_with_session_level_rtcp_xr() {
    let (text, agreed) = answer(LINPHONE_OFFER, &local()).unwrap();
    assert_eq!((agreed.codec.name, agreed.codec.payload_type), ("PCMU", 0));
    assert_eq!(
        agreed.telephone_event_pt,
        Some(101),
        "the 8 kHz one of three"
    );
    assert_eq!(agreed.remote_rtp, "[fd00::2]:27060".parse().unwrap());
    assert!(text.contains("m=audio 27040 RTP/AVP 0 101\r\n"), "{text}");
}

#[test]
fn baresip_answer_to_our_offer() {
    let agreed = accept_answer(BARESIP_ANSWER, &local()).unwrap();
    assert_eq!((agreed.codec.name, agreed.codec.payload_type), ("PCMU", 0));
    assert_eq!(agreed.telephone_event_pt, Some(101));
    assert_eq!(agreed.remote_rtp, "127.0.0.1:27024".parse().unwrap());
    assert_eq!(agreed.direction, MediaDirection::SendRecv);
}

#[test]
fn linphone_answer_without_rtpmap_for_static_types_or_ptime() {
    let agreed = accept_answer(LINPHONE_ANSWER, &local()).unwrap();
    assert_eq!((agreed.codec.name, agreed.codec.payload_type), ("PCMU", 0));
    assert_eq!(agreed.codec.ptime_ms, 20);
    assert_eq!(agreed.telephone_event_pt, Some(101));
    assert_eq!(agreed.remote_rtp, "127.0.0.1:27062".parse().unwrap());
    assert_eq!(agreed.direction, MediaDirection::SendRecv);
}
