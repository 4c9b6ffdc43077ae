//! Offer/answer against SDPs as real phones write them.

use super::*;
use crate::media::codec::find;

/// These tests are about SDP handling: they pin the G.711 pair, so that adding codecs to
/// `supported()` does not change their answers.
fn g711_only() -> Vec<crate::media::codec::CodecSpec> {
    vec![find("PCMU", 8000).unwrap(), find("PCMA", 8000).unwrap()]
}

fn local() -> LocalMedia {
    LocalMedia {
        address: "192.168.1.10".parse().unwrap(),
        rtp_port: 40000,
        codecs: g711_only(),
        telephone_event_pt: Some(101),
        session_id: 4242,
        session_version: 4242,
    }
}

fn crlf(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

const BARESIP_SIMPLE: &str = "
v=0
o=- 1297283426 2830307127 IN IP4 192.168.1.20
s=-
c=IN IP4 192.168.1.20
t=0 0
m=audio 10020 RTP/AVP 0 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=rtcp-rsize
a=label:1
a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
a=ptime:20
a=sendrecv
";

const BARESIP_RICH: &str = "
v=0
o=- 3427106537 1819219371 IN IP4 192.168.1.20
s=-
c=IN IP4 192.168.1.20
t=0 0
a=tool:baresip 1.0.0
m=audio 10020 RTP/AVP 96 97 9 8 0 101
b=AS:128
a=rtpmap:96 opus/48000/2
a=fmtp:96 stereo=1;sprop-stereo=1
a=rtpmap:97 L16/16000
a=rtpmap:9 G722/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=rtcp-rsize
a=label:1
a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
a=ptime:20
a=sendrecv
";

const LINPHONE_5: &str = "
v=0
o=alice 2263 3142 IN IP4 192.168.1.30
s=Talk
c=IN IP4 192.168.1.30
t=0 0
a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
a=record:off
m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100
a=rtpmap:96 opus/48000/2
a=fmtp:96 useinbandfec=1
a=rtpmap:97 speex/16000
a=fmtp:97 vbr=on
a=rtpmap:98 speex/8000
a=fmtp:98 vbr=on
a=fmtp:18 annexb=yes
a=rtpmap:101 telephone-event/48000
a=rtpmap:99 telephone-event/16000
a=rtpmap:100 telephone-event/8000
a=rtcp:7079
a=rtcp-fb:* trr-int 1000
a=rtcp-fb:* ccm tmmbr
a=ssrc:3626874326 cname:6a8f2d1e-alice@linphone
m=video 9078 RTP/AVP 96 97
a=rtpmap:96 VP8/90000
a=rtpmap:97 H264/90000
a=fmtp:97 profile-level-id=42801F
a=rtcp-fb:* trr-int 1000
a=rtcp-fb:96 nack pli
a=rtcp-fb:96 ccm fir
a=rtcp-fb:97 nack pli
";

/// A desk phone that fills in every optional RFC 4566 field.
const DESK_PHONE: &str = "
v=0
o=PolycomSIP 1700000000 1700000000 IN IP4 10.1.2.3
s=Polycom IP Phone
i=A call
u=http://www.example.com/seminars/sdp.pdf
e=j.doe@example.com (Jane Doe)
p=+1 617 555-6011
c=IN IP4 10.1.2.3
b=CT:1000
t=0 0
r=604800 3600 0 90000
z=2882844526 -1h 2898848070 0
k=prompt
m=audio 2222 RTP/AVP 9 0 8 18 127
i=voice
b=TIAS:64000
a=rtpmap:9 G722/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:18 G729/8000
a=fmtp:18 annexb=no
a=rtpmap:127 telephone-event/8000
a=ptime:30
a=sendrecv
";

#[test]
fn our_offer_lists_codecs_in_order_and_parses() {
    let text = offer(&local());
    assert_eq!(
        text,
        "v=0\r\no=handset 4242 4242 IN IP4 192.168.1.10\r\ns=Handset\r\n\
         c=IN IP4 192.168.1.10\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 8 101\r\n\
         a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n\
         a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n"
    );
    assert!(webrtc_sdp::parse_sdp(&text, false).is_ok());
}

#[test]
fn our_offer_answered_by_ourselves_round_trips() {
    let mut callee = local();
    callee.address = "192.168.1.11".parse().unwrap();
    callee.rtp_port = 50000;
    callee.codecs.reverse(); // Callee prefers PCMA, but the offerer's order wins.
    let (answer_text, at_callee) = answer(&offer(&local()), &callee).unwrap();
    assert_eq!(at_callee.codec.name, "PCMU");
    assert_eq!(at_callee.remote_rtp, "192.168.1.10:40000".parse().unwrap());
    let at_caller = accept_answer(&answer_text, &local()).unwrap();
    assert_eq!(at_caller.codec.name, "PCMU");
    assert_eq!(at_caller.codec.payload_type, 0);
    assert_eq!(at_caller.remote_rtp, "192.168.1.11:50000".parse().unwrap());
    assert_eq!(at_caller.telephone_event_pt, Some(101));
    assert_eq!(at_caller.direction, MediaDirection::SendRecv);
}

#[test]
fn baresip_simple_offer() {
    let (text, agreed) = answer(&crlf(BARESIP_SIMPLE), &local()).unwrap();
    assert_eq!(agreed.codec.name, "PCMU");
    assert_eq!(agreed.codec.payload_type, 0);
    assert_eq!(agreed.codec.ptime_ms, 20);
    assert_eq!(agreed.telephone_event_pt, Some(101));
    assert_eq!(agreed.remote_rtp, "192.168.1.20:10020".parse().unwrap());
    assert_eq!(agreed.direction, MediaDirection::SendRecv);
    assert!(text.contains("m=audio 40000 RTP/AVP 0 101\r\n"), "{text}");
    assert!(text.contains("a=fmtp:101 0-16\r\n"));
    assert!(text.contains("a=sendrecv\r\n"));
}

#[test]
fn baresip_rich_offer_takes_the_first_codec_in_their_order() {
    let (text, agreed) = answer(&crlf(BARESIP_RICH), &local()).unwrap();
    assert_eq!(agreed.codec.name, "PCMA");
    assert_eq!(agreed.codec.payload_type, 8);
    assert!(text.contains("m=audio 40000 RTP/AVP 8 101\r\n"), "{text}");
}

#[test]
fn linphone_offer_rejects_video_and_picks_the_8k_telephone_event() {
    let (text, agreed) = answer(&crlf(LINPHONE_5), &local()).unwrap();
    assert_eq!(agreed.codec.name, "PCMU");
    assert_eq!(agreed.telephone_event_pt, Some(100));
    assert_eq!(agreed.remote_rtp, "192.168.1.30:7078".parse().unwrap());
    assert!(text.contains("m=audio 40000 RTP/AVP 0 100\r\n"), "{text}");
    assert!(text.contains("a=rtpmap:100 telephone-event/8000\r\n"));
    assert!(text.contains("m=video 0 RTP/AVP 96 97\r\n"), "{text}");
    let audio_at = text.find("m=audio").unwrap();
    let video_at = text.find("m=video").unwrap();
    assert!(audio_at < video_at, "sections stay in the offer's order");
}

#[test]
fn desk_phone_with_every_optional_field_and_ptime_30() {
    let (text, agreed) = answer(&crlf(DESK_PHONE), &local()).unwrap();
    assert_eq!(agreed.codec.name, "PCMU");
    assert_eq!(agreed.codec.ptime_ms, 30);
    assert_eq!(agreed.codec.samples_per_frame(), 240);
    assert_eq!(agreed.telephone_event_pt, Some(127));
    assert!(text.contains("a=ptime:30\r\n"));
}

#[test]
fn static_payload_types_need_no_rtpmap() {
    let sdp = crlf(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\nm=audio 5004 RTP/AVP 18 8 0\n",
    );
    let (text, agreed) = answer(&sdp, &local()).unwrap();
    assert_eq!(agreed.codec.name, "PCMA");
    assert_eq!(agreed.telephone_event_pt, None);
    assert!(text.contains("m=audio 40000 RTP/AVP 8\r\n"), "{text}");
    assert!(!text.contains("telephone-event"));
}

#[test]
fn lower_case_encoding_names_match() {
    let sdp = crlf(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\n\
         m=audio 5004 RTP/AVP 98\na=rtpmap:98 pcmu/8000\n",
    );
    let (_, agreed) = answer(&sdp, &local()).unwrap();
    assert_eq!((agreed.codec.name, agreed.codec.payload_type), ("PCMU", 98));
}

#[test]
fn media_level_connection_wins_over_session_level() {
    let sdp = crlf(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\n\
         m=audio 5004 RTP/AVP 0\nc=IN IP4 10.9.9.9\n",
    );
    let (_, agreed) = answer(&sdp, &local()).unwrap();
    assert_eq!(agreed.remote_rtp, "10.9.9.9:5004".parse().unwrap());
    let only_media = crlf(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nt=0 0\nm=audio 5004 RTP/AVP 0\nc=IN IP6 2001:db8::7\n",
    );
    let (_, agreed) = answer(&only_media, &local()).unwrap();
    assert_eq!(agreed.remote_rtp, "[2001:db8::7]:5004".parse().unwrap());
}

fn with_direction(attribute: &str, address: &str) -> String {
    crlf(&format!(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 {address}\nt=0 0\n\
         m=audio 5004 RTP/AVP 0\n{attribute}\n"
    ))
}

#[test]
fn remote_direction_is_mirrored() {
    let cases = [
        ("a=sendonly", MediaDirection::RecvOnly, "a=recvonly"),
        ("a=recvonly", MediaDirection::SendOnly, "a=sendonly"),
        ("a=inactive", MediaDirection::Inactive, "a=inactive"),
        ("a=sendrecv", MediaDirection::SendRecv, "a=sendrecv"),
        ("", MediaDirection::SendRecv, "a=sendrecv"),
    ];
    for (attribute, ours, written) in cases {
        let (text, agreed) = answer(&with_direction(attribute, "10.0.0.2"), &local()).unwrap();
        assert_eq!(agreed.direction, ours, "{attribute}");
        assert!(text.contains(written), "{attribute}: {text}");
    }
}

#[test]
fn session_level_direction_and_old_style_hold() {
    let session_level = crlf(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\na=sendonly\n\
         m=audio 5004 RTP/AVP 0\n",
    );
    let (_, agreed) = answer(&session_level, &local()).unwrap();
    assert_eq!(agreed.direction, MediaDirection::RecvOnly);
    let (_, held) = answer(&with_direction("", "0.0.0.0"), &local()).unwrap();
    assert_eq!(
        held.direction,
        MediaDirection::RecvOnly,
        "c=0.0.0.0 means do not send"
    );
}

#[test]
fn second_audio_and_unknown_sections_are_rejected_in_place() {
    let sdp = crlf(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\n\
         m=video 6000 RTP/AVP 31\nm=audio 5004 RTP/AVP 8\nm=audio 5006 RTP/AVP 0\n\
         m=image 6002 udptl t38\na=T38FaxVersion:0\nm=message 6004 TCP/MSRP *\n",
    );
    let (text, agreed) = answer(&sdp, &local()).unwrap();
    assert_eq!(agreed.remote_rtp.port(), 5004);
    let m_lines: Vec<&str> = text.lines().filter(|l| l.starts_with("m=")).collect();
    assert_eq!(
        m_lines,
        vec![
            "m=video 0 RTP/AVP 31",
            "m=audio 40000 RTP/AVP 8",
            "m=audio 0 RTP/AVP 0",
            "m=image 0 udptl t38",
            "m=message 0 TCP/MSRP *",
        ]
    );
}

#[test]
fn audio_without_a_common_codec_is_refused() {
    let opus_only = crlf(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\n\
         m=audio 5004 RTP/AVP 96 101\na=rtpmap:96 opus/48000/2\na=rtpmap:101 telephone-event/8000\n",
    );
    assert_eq!(answer(&opus_only, &local()), Err(SdpError::NoCommonCodec));
    let srtp_only = crlf(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\n\
         m=audio 5004 RTP/SAVP 0\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\n",
    );
    assert_eq!(answer(&srtp_only, &local()), Err(SdpError::NoCommonCodec));
    let pcma_only_local = LocalMedia {
        codecs: vec![find("PCMA", 8000).unwrap()],
        ..local()
    };
    assert_eq!(
        answer(&with_direction("", "10.0.0.2"), &pcma_only_local),
        Err(SdpError::NoCommonCodec)
    );
}

#[test]
fn no_audio_and_garbage_are_told_apart() {
    let video_only = crlf(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\nm=video 6000 RTP/AVP 31\n",
    );
    assert_eq!(answer(&video_only, &local()), Err(SdpError::NoAudio));
    for garbage in [
        "",
        "hello",
        "v=1\r\n",
        "INVITE sip:bob@example.com SIP/2.0\r\n\r\n",
    ] {
        assert!(
            matches!(answer(garbage, &local()), Err(SdpError::Malformed(_))),
            "{garbage:?}"
        );
    }
}

#[test]
fn answer_to_our_offer_rejecting_audio_is_no_common_codec() {
    let rejected = crlf(
        "v=0\no=- 1 2 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\nm=audio 0 RTP/AVP 0 8 101\n",
    );
    assert_eq!(
        accept_answer(&rejected, &local()),
        Err(SdpError::NoCommonCodec)
    );
}

#[test]
fn accepting_a_baresip_answer() {
    let answer_text = crlf(
        "v=0\no=- 99 100 IN IP4 192.168.1.20\ns=-\nc=IN IP4 192.168.1.20\nt=0 0\n\
         m=audio 10030 RTP/AVP 8 101\na=rtpmap:8 PCMA/8000\na=rtpmap:101 telephone-event/8000\n\
         a=fmtp:101 0-15\na=ptime:20\na=recvonly\n",
    );
    let agreed = accept_answer(&answer_text, &local()).unwrap();
    assert_eq!(agreed.codec.name, "PCMA");
    assert_eq!(agreed.telephone_event_pt, Some(101));
    assert_eq!(agreed.direction, MediaDirection::SendOnly);
    assert_eq!(agreed.remote_rtp, "192.168.1.20:10030".parse().unwrap());
    let no_dtmf_offered = LocalMedia {
        telephone_event_pt: None,
        ..local()
    };
    let agreed = accept_answer(&answer_text, &no_dtmf_offered).unwrap();
    assert_eq!(agreed.telephone_event_pt, None);
}

#[test]
fn bare_lf_line_endings_are_accepted() {
    let lf = BARESIP_SIMPLE.trim_start().to_owned();
    let (_, agreed) = answer(&lf, &local()).unwrap();
    assert_eq!(agreed.codec.name, "PCMU");
}

#[test]
fn session_level_ptime_is_honoured() {
    let sdp = crlf(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\na=ptime:40\n\
         m=audio 5004 RTP/AVP 8\n",
    );
    let (text, agreed) = answer(&sdp, &local()).unwrap();
    assert_eq!(agreed.codec.ptime_ms, 40);
    assert!(text.contains("a=ptime:40\r\n"));
}

#[test]
fn a_disabled_first_audio_is_skipped_for_the_next_one() {
    let sdp = crlf(
        "v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\n\
         m=audio 0 RTP/AVP 0\nm=audio 5008 RTP/AVPF 8 0\n",
    );
    let (text, agreed) = answer(&sdp, &local()).unwrap();
    assert_eq!(agreed.remote_rtp.port(), 5008);
    assert_eq!(agreed.codec.name, "PCMA");
    let m_lines: Vec<&str> = text.lines().filter(|l| l.starts_with("m=")).collect();
    assert_eq!(
        m_lines,
        vec!["m=audio 0 RTP/AVP 0", "m=audio 40000 RTP/AVPF 8"]
    );
}

#[test]
fn out_of_range_ptime_falls_back_to_ours() {
    for ptime in ["a=ptime:1", "a=ptime:5000", "a=ptime:abc"] {
        let (_, agreed) = answer(&with_direction(ptime, "10.0.0.2"), &local()).unwrap();
        assert_eq!(agreed.codec.ptime_ms, 20, "{ptime}");
    }
}

#[test]
fn a_new_offer_in_the_session_carries_a_higher_o_line_version() {
    let first = offer(&local());
    let moved = LocalMedia {
        address: "192.0.2.99".parse().unwrap(),
        session_version: local().session_version + 1,
        ..local()
    };
    let again = offer(&moved);
    assert!(first.contains("o=handset 4242 4242 IN IP4 "), "{first}");
    assert!(
        again.contains("o=handset 4242 4243 IN IP4 192.0.2.99"),
        "{again}"
    );
    assert!(again.contains("c=IN IP4 192.0.2.99"), "{again}");
}
