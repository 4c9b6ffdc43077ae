//! Offer/answer with the codecs beyond G.711: iLBC modes, Opus payload types, G.729-only.

use super::*;
use crate::media::codec::{ilbc_spec, supported, IlbcMode};

fn local_with(codecs: Vec<CodecSpec>) -> LocalMedia {
    LocalMedia {
        address: "192.168.1.10".parse().unwrap(),
        rtp_port: 40000,
        codecs,
        telephone_event_pt: Some(101),
        session_id: 7,
        session_version: 7,
    }
}

fn sdp(media: &str) -> String {
    format!("v=0\r\no=- 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n{media}")
}

fn ilbc_offer(fmtp: Option<&str>) -> String {
    let fmtp = fmtp.map_or(String::new(), |f| format!("a=fmtp:98 {f}\r\n"));
    sdp(&format!(
        "m=audio 5004 RTP/AVP 98\r\na=rtpmap:98 iLBC/8000\r\n{fmtp}"
    ))
}

#[test]
fn ilbc_answer_carries_the_agreed_mode() {
    let ours20 = local_with(vec![ilbc_spec(IlbcMode::Ms20)]);
    let (text, agreed) = answer(&ilbc_offer(Some("mode=20")), &ours20).unwrap();
    assert_eq!(agreed.codec.ptime_ms, 20);
    assert!(text.contains("a=fmtp:98 mode=20\r\n"), "{text}");
    assert!(text.contains("a=ptime:20\r\n"), "{text}");

    // A peer without mode= means 30 ms (RFC 3952), even if we prefer 20.
    let (text, agreed) = answer(&ilbc_offer(None), &ours20).unwrap();
    assert_eq!(agreed.codec.ptime_ms, 30);
    assert_eq!(agreed.codec.fmtp.as_deref(), Some("mode=30"));
    assert!(text.contains("a=fmtp:98 mode=30\r\n"), "{text}");
    assert!(text.contains("a=ptime:30\r\n"), "{text}");

    // We prefer 30: a peer asking for 20 gets 30.
    let ours30 = local_with(vec![ilbc_spec(IlbcMode::Ms30)]);
    let (_, agreed) = answer(&ilbc_offer(Some("mode=20")), &ours30).unwrap();
    assert_eq!(agreed.codec.ptime_ms, 30);
}

#[test]
fn accepting_an_ilbc_answer_follows_its_mode() {
    let ours20 = local_with(vec![ilbc_spec(IlbcMode::Ms20)]);
    let offer_text = offer(&ours20);
    assert!(offer_text.contains("mode=20"), "{offer_text}");
    let agreed = accept_answer(&ilbc_offer(Some("mode=30")), &ours20).unwrap();
    assert_eq!(agreed.codec.ptime_ms, 30);
    assert_eq!(agreed.codec.fmtp.as_deref(), Some("mode=30"));
    let agreed = accept_answer(&ilbc_offer(Some("mode=20")), &ours20).unwrap();
    assert_eq!(agreed.codec.ptime_ms, 20);
}

#[test]
fn opus_on_any_payload_type_is_answered_with_our_fmtp() {
    let offer_text = sdp(
        "m=audio 5004 RTP/AVP 109 0\r\na=rtpmap:109 opus/48000/2\r\n\
         a=fmtp:109 maxplaybackrate=16000\r\na=ptime:40\r\n",
    );
    let (text, agreed) = answer(&offer_text, &local_with(supported())).unwrap();
    assert_eq!(agreed.codec.name, "opus");
    assert_eq!(agreed.codec.payload_type, 109);
    assert_eq!(agreed.codec.ptime_ms, 40);
    assert!(text.contains("a=rtpmap:109 opus/48000/2\r\n"), "{text}");
    let our_fmtp = agreed.codec.fmtp.clone().unwrap();
    assert!(
        text.contains(&format!("a=fmtp:109 {our_fmtp}\r\n")),
        "{text}"
    );
}

#[test]
fn g711_follows_the_peers_ptime_of_30() {
    let offer_text = sdp("m=audio 5004 RTP/AVP 8\r\na=ptime:30\r\n");
    let (text, agreed) = answer(&offer_text, &local_with(supported())).unwrap();
    assert_eq!(agreed.codec.name, "PCMA");
    assert_eq!(agreed.codec.ptime_ms, 30);
    assert_eq!(agreed.codec.samples_per_frame(), 240);
    assert!(text.contains("a=ptime:30\r\n"), "{text}");
}

#[test]
fn an_offer_of_only_g729_has_no_common_codec() {
    let offer_text = sdp("m=audio 5004 RTP/AVP 18 101\r\na=rtpmap:18 G729/8000\r\n\
         a=rtpmap:101 telephone-event/8000\r\n");
    assert_eq!(
        answer(&offer_text, &local_with(supported())),
        Err(SdpError::NoCommonCodec)
    );
}
