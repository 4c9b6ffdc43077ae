//! A re-INVITE from a scripted peer in a confirmed call, on virtual time: the user agent hands
//! the offer to its driver, sends the driver's answer in a 200 that it retransmits until the
//! ACK, refuses what the driver refuses with 488, and keeps the call in every case.

mod support_sim;

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use handset::media::codec;
use handset::media::sdp::{self, LocalMedia};
use handset::sip::{CallKey, EndCause, UaEvent};
use support_sim::{addr, NetConditions, Sim};

const PEER: u16 = 6000;
/// Bob's RTP port, the same before and after the re-INVITE.
const BOB_RTP: u16 = 40_000;

fn header<'a>(message: &'a str, name: &str) -> Vec<&'a str> {
    message
        .split("\r\n")
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .collect()
}

fn body(message: &str) -> &str {
    message.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

fn sent(sim: &Sim) -> Vec<String> {
    sim.captured
        .iter()
        .map(|(_, _, p)| String::from_utf8_lossy(p).into_owned())
        .collect()
}

fn count_starting(sim: &Sim, prefix: &str) -> usize {
    sent(sim).iter().filter(|m| m.starts_with(prefix)).count()
}

fn bob_media() -> LocalMedia {
    LocalMedia {
        address: IpAddr::V4(Ipv4Addr::LOCALHOST),
        rtp_port: BOB_RTP,
        codecs: codec::preferred(&["PCMU".to_string(), "PCMA".to_string()]),
        telephone_event_pt: Some(101),
        session_id: 7,
        session_version: 7,
    }
}

/// An SDP offer from the peer with these `m=` payload types and rtpmaps.
fn offer(port: u16, formats: &[(u8, &str)]) -> String {
    let pts: Vec<String> = formats.iter().map(|(pt, _)| pt.to_string()).collect();
    let mut sdp = format!(
        "v=0\r\no=peer 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n\
m=audio {port} RTP/AVP {}\r\n",
        pts.join(" ")
    );
    for (pt, map) in formats {
        sdp += &format!("a=rtpmap:{pt} {map}\r\n");
    }
    sdp
}

fn request(method: &str, seq: u32, cseq_method: &str, to_tag: Option<&str>, sdp: &str) -> String {
    let to_tag = to_tag.map(|t| format!(";tag={t}")).unwrap_or_default();
    let content_type = if sdp.is_empty() {
        String::new()
    } else {
        "Content-Type: application/sdp\r\n".to_string()
    };
    format!(
        "{method} sip:bob@127.0.0.1:5080 SIP/2.0\r\n\
Via: SIP/2.0/UDP 127.0.0.1:6000;branch=z9hG4bK{method}{seq}\r\n\
Max-Forwards: 70\r\nFrom: <sip:peer@127.0.0.1:6000>;tag=pf\r\n\
To: <sip:bob@127.0.0.1:5080>{to_tag}\r\nCall-ID: reinvite@peer\r\nCSeq: {seq} {cseq_method}\r\n\
Contact: <sip:peer@127.0.0.1:6000>\r\n{content_type}Content-Length: {}\r\n\r\n{sdp}",
        sdp.len()
    )
}

/// Bob answers the peer's PCMU call the way the engine does; returns Bob's call and To tag.
fn confirmed_call() -> (Sim, usize, CallKey, String) {
    let mut sim = Sim::new(11, NetConditions::perfect());
    let bob = sim.add("bob", 5080);
    let first = offer(7000, &[(0, "PCMU/8000")]);
    sim.inject(
        addr(PEER),
        bob,
        request("INVITE", 1, "INVITE", None, &first).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    let Some(UaEvent::Incoming { call, .. }) = sim.events(bob).first().cloned() else {
        panic!("no call");
    };
    let (answer, negotiated) = sdp::answer(&first, &bob_media()).unwrap();
    assert_eq!(negotiated.codec.to_string(), "PCMU/8000");
    let now = sim.now;
    sim.ua(bob).answer(now, call, answer.into_bytes()).unwrap();
    sim.settle_for(Duration::from_millis(50));
    let ok = sent(&sim)
        .into_iter()
        .find(|m| m.starts_with("SIP/2.0 200"))
        .unwrap();
    let tag = header(&ok, "To")[0]
        .split(";tag=")
        .nth(1)
        .unwrap()
        .to_string();
    sim.inject(
        addr(PEER),
        bob,
        request("ACK", 1, "ACK", Some(&tag), "").as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    assert!(sim.events(bob).contains(&UaEvent::Confirmed { call }));
    sim.captured.clear();
    (sim, bob, call, tag)
}

fn reoffer_of(sim: &Sim, bob: usize, call: CallKey) -> Option<Vec<u8>> {
    sim.events(bob).iter().find_map(|e| match e {
        UaEvent::Reoffer { call: c, sdp } if *c == call => Some(sdp.clone()),
        _ => None,
    })
}

/// The peer's BYE still ends the call normally: the dialog survived.
fn bye_ends_the_call(sim: &mut Sim, bob: usize, call: CallKey, tag: &str, seq: u32) {
    sim.captured.clear();
    sim.inject(
        addr(PEER),
        bob,
        request("BYE", seq, "BYE", Some(tag), "").as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    assert_eq!(count_starting(sim, "SIP/2.0 200 OK"), 1, "{:?}", sent(sim));
    assert!(sim.events(bob).contains(&UaEvent::Ended {
        call,
        cause: EndCause::RemoteHangup
    }));
}

#[test]
fn reinvite_to_pcma_gets_200_with_the_answer_resent_until_the_ack() {
    let (mut sim, bob, call, tag) = confirmed_call();
    let second = offer(7002, &[(8, "PCMA/8000")]);
    sim.inject(
        addr(PEER),
        bob,
        request("INVITE", 2, "INVITE", Some(&tag), &second).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    let offered = reoffer_of(&sim, bob, call).expect("the re-offer reaches the driver");
    assert_eq!(String::from_utf8_lossy(&offered), second);

    // The driver answers as the engine does: from the same local media.
    let (answer, negotiated) = sdp::answer(&second, &bob_media()).unwrap();
    assert_eq!(negotiated.codec.to_string(), "PCMA/8000");
    assert_eq!(negotiated.remote_rtp, addr(7002));
    let now = sim.now;
    sim.ua(bob)
        .answer_reoffer(now, call, answer.clone().into_bytes())
        .unwrap();
    sim.settle_for(Duration::from_secs(2));
    let oks: Vec<String> = sent(&sim)
        .into_iter()
        .filter(|m| m.starts_with("SIP/2.0 200"))
        .collect();
    assert!(
        oks.len() >= 3,
        "200 not retransmitted before the ACK: {oks:?}"
    );
    for ok in &oks {
        assert_eq!(header(ok, "CSeq"), ["2 INVITE"]);
        assert_eq!(
            header(ok, "To")[0],
            format!("<sip:bob@127.0.0.1:5080>;tag={tag}")
        );
        assert_eq!(body(ok), answer);
        assert!(
            body(ok).contains(&format!("m=audio {BOB_RTP} RTP/AVP 8")),
            "{ok}"
        );
    }

    sim.inject(
        addr(PEER),
        bob,
        request("ACK", 2, "ACK", Some(&tag), "").as_bytes(),
    );
    sim.settle_for(Duration::from_millis(10));
    sim.captured.clear();
    sim.settle_for(Duration::from_secs(40));
    assert_eq!(
        count_starting(&sim, "SIP/2.0 200"),
        0,
        "200 resent after ACK"
    );
    assert!(
        !sim.events(bob)
            .iter()
            .any(|e| matches!(e, UaEvent::Ended { .. })),
        "the call ended after the re-INVITE"
    );
    bye_ends_the_call(&mut sim, bob, call, &tag, 3);
}

#[test]
fn an_offer_the_driver_cannot_use_gets_488_and_the_call_goes_on() {
    let (mut sim, bob, call, tag) = confirmed_call();
    let unusable = offer(7002, &[(18, "G729/8000")]);
    sim.inject(
        addr(PEER),
        bob,
        request("INVITE", 2, "INVITE", Some(&tag), &unusable).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    assert!(reoffer_of(&sim, bob, call).is_some());
    assert!(sdp::answer(&unusable, &bob_media()).is_err());
    let now = sim.now;
    sim.ua(bob).reject_reoffer(now, call, 488).unwrap();
    sim.settle_for(Duration::from_millis(50));
    let refusals = count_starting(&sim, "SIP/2.0 488 ");
    assert_eq!(refusals, 1, "{:?}", sent(&sim));
    // The ACK of the 488 uses the INVITE's branch and stops its retransmission.
    let ack = request("INVITE", 2, "ACK", Some(&tag), "").replacen("INVITE", "ACK", 1);
    sim.inject(addr(PEER), bob, ack.as_bytes());
    sim.captured.clear();
    sim.settle_for(Duration::from_secs(10));
    assert_eq!(
        count_starting(&sim, "SIP/2.0 488 "),
        0,
        "488 resent after ACK"
    );
    // A later, acceptable re-INVITE is still taken: the refused one left nothing behind.
    let second = offer(7002, &[(8, "PCMA/8000")]);
    sim.inject(
        addr(PEER),
        bob,
        request("INVITE", 3, "INVITE", Some(&tag), &second).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    let now = sim.now;
    let (answer, _) = sdp::answer(&second, &bob_media()).unwrap();
    sim.ua(bob)
        .answer_reoffer(now, call, answer.into_bytes())
        .unwrap();
    sim.inject(
        addr(PEER),
        bob,
        request("ACK", 3, "ACK", Some(&tag), "").as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    bye_ends_the_call(&mut sim, bob, call, &tag, 4);
}

#[test]
fn a_second_reinvite_while_one_is_open_must_wait() {
    let (mut sim, bob, call, tag) = confirmed_call();
    let second = offer(7002, &[(8, "PCMA/8000")]);
    sim.inject(
        addr(PEER),
        bob,
        request("INVITE", 2, "INVITE", Some(&tag), &second).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    sim.inject(
        addr(PEER),
        bob,
        request("INVITE", 3, "INVITE", Some(&tag), &second).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    let refusal = sent(&sim)
        .into_iter()
        .find(|m| m.starts_with("SIP/2.0 500 "))
        .expect("500 for the overlapping re-INVITE");
    assert_eq!(header(&refusal, "CSeq"), ["3 INVITE"]);
    assert!(!header(&refusal, "Retry-After").is_empty(), "{refusal}");
    // The first one can still be answered.
    let now = sim.now;
    let (answer, _) = sdp::answer(&second, &bob_media()).unwrap();
    sim.ua(bob)
        .answer_reoffer(now, call, answer.into_bytes())
        .unwrap();
    sim.settle_for(Duration::from_millis(50));
    assert!(sent(&sim)
        .iter()
        .any(|m| m.starts_with("SIP/2.0 200") && header(m, "CSeq") == ["2 INVITE"]));
}

#[test]
fn a_reinvite_2xx_never_acked_ends_the_call_with_bye() {
    let (mut sim, bob, call, tag) = confirmed_call();
    let second = offer(7002, &[(8, "PCMA/8000")]);
    sim.inject(
        addr(PEER),
        bob,
        request("INVITE", 2, "INVITE", Some(&tag), &second).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    let now = sim.now;
    let (answer, _) = sdp::answer(&second, &bob_media()).unwrap();
    sim.ua(bob)
        .answer_reoffer(now, call, answer.into_bytes())
        .unwrap();
    sim.settle_for(Duration::from_secs(40));
    assert!(count_starting(&sim, "BYE ") >= 1, "{:?}", sent(&sim));
    assert!(sim.events(bob).contains(&UaEvent::Ended {
        call,
        cause: EndCause::Timeout
    }));
}

/// The peer's response to one of Bob's requests, with an optional SDP body.
fn response_to(request: &str, status: &str, sdp: &str) -> String {
    let mut out = format!("SIP/2.0 {status}\r\n");
    for via in header(request, "Via") {
        out += &format!("Via: {via}\r\n");
    }
    for name in ["From", "To", "Call-ID", "CSeq"] {
        out += &format!("{name}: {}\r\n", header(request, name)[0]);
    }
    out += "Contact: <sip:peer@127.0.0.1:6000>\r\n";
    if !sdp.is_empty() {
        out += "Content-Type: application/sdp\r\n";
    }
    out += &format!("Content-Length: {}\r\n\r\n{sdp}", sdp.len());
    out
}

#[test]
fn our_reinvite_is_acked_and_a_crossing_one_from_the_peer_gets_491() {
    let (mut sim, bob, call, tag) = confirmed_call();
    let mut media = bob_media();
    media.codecs = codec::preferred(&["PCMA".to_string()]);
    let now = sim.now;
    sim.ua(bob)
        .reinvite(now, call, sdp::offer(&media).into_bytes())
        .unwrap();
    sim.settle_for(Duration::from_millis(50));
    let ours = sent(&sim)
        .into_iter()
        .find(|m| m.starts_with("INVITE "))
        .expect("Bob's re-INVITE");
    assert!(header(&ours, "To")[0].ends_with(";tag=pf"), "{ours}");
    assert_eq!(header(&ours, "Call-ID"), ["reinvite@peer"]);
    assert!(body(&ours).contains("PCMA/8000"), "{ours}");
    let our_seq = header(&ours, "CSeq")[0].to_string();

    // Glare: the peer's re-INVITE crosses ours.
    let theirs = offer(7002, &[(0, "PCMU/8000")]);
    sim.inject(
        addr(PEER),
        bob,
        request("INVITE", 2, "INVITE", Some(&tag), &theirs).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    let glare = sent(&sim)
        .into_iter()
        .find(|m| m.starts_with("SIP/2.0 491 "))
        .expect("491 Request Pending for the crossing re-INVITE");
    assert_eq!(header(&glare, "CSeq"), ["2 INVITE"]);
    assert!(reoffer_of(&sim, bob, call).is_none());

    // The peer accepts ours: Bob ACKs with the same CSeq number, and again for a copy.
    let answer = offer(7004, &[(8, "PCMA/8000")]);
    let ok = response_to(&ours, "200 OK", &answer);
    sim.captured.clear();
    sim.inject(addr(PEER), bob, ok.as_bytes());
    sim.settle_for(Duration::from_millis(50));
    sim.inject(addr(PEER), bob, ok.as_bytes());
    sim.settle_for(Duration::from_millis(50));
    let acks: Vec<String> = sent(&sim)
        .into_iter()
        .filter(|m| m.starts_with("ACK "))
        .collect();
    assert_eq!(acks.len(), 2, "{:?}", sent(&sim));
    let seq_number = our_seq.split(' ').next().unwrap();
    assert_eq!(header(&acks[0], "CSeq"), [format!("{seq_number} ACK")]);
    assert!(sim.events(bob).contains(&UaEvent::ReinviteAnswered {
        call,
        code: 200,
        sdp: Some(answer.into_bytes()),
    }));
    bye_ends_the_call(&mut sim, bob, call, &tag, 3);
}
