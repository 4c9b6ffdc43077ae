//! The user agent against a scripted peer on virtual time: we write the peer's messages by
//! hand to reach corners two of our own agents never reach (late 2xx, Record-Route).

mod support_sim;

use std::time::Duration;

use handset::sip::{EndCause, UaEvent};
use support_sim::scripted_peer::{
    confirmed_incoming_call, first_starting, header, in_dialog_request, only_response, sent, PEER,
};
use support_sim::{addr, NetConditions, Sim};

/// A response to `request` written the way a simple peer would.
fn response_to(request: &str, status: &str, to_tag: &str, extra: &str) -> String {
    let mut out = format!("SIP/2.0 {status}\r\n");
    for via in header(request, "Via") {
        out += &format!("Via: {via}\r\n");
    }
    out += &format!("From: {}\r\n", header(request, "From")[0]);
    let to = header(request, "To")[0];
    if to.contains(";tag=") {
        out += &format!("To: {to}\r\n");
    } else {
        out += &format!("To: {to};tag={to_tag}\r\n");
    }
    out += &format!("Call-ID: {}\r\n", header(request, "Call-ID")[0]);
    out += &format!("CSeq: {}\r\n", header(request, "CSeq")[0]);
    out += extra;
    out += "Content-Length: 0\r\n\r\n";
    out
}

#[test]
fn a_2xx_after_the_cancel_gave_up_is_acked_and_byed() {
    let mut sim = Sim::new(1, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let now = sim.now;
    let call = sim
        .ua(alice)
        .invite(
            now,
            "sip:peer@127.0.0.1:6000",
            addr(PEER),
            b"v=0\r\n".to_vec(),
        )
        .unwrap();
    sim.settle_for(Duration::from_millis(100));
    let (_, invite) = first_starting(&sim, "INVITE ").expect("INVITE sent");
    let contact = "Contact: <sip:peer@127.0.0.1:6000>\r\n";
    sim.inject(
        addr(PEER),
        alice,
        response_to(&invite, "180 Ringing", "pt", contact).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(200));
    let now = sim.now;
    sim.ua(alice).hangup(now, call).unwrap();
    // The peer ignores the CANCEL; after 64*T1 Alice stops waiting.
    let limit = sim.now + Duration::from_secs(60);
    sim.run_until(limit, |s| {
        s.events(alice)
            .iter()
            .any(|e| matches!(e, UaEvent::Ended { .. }))
    });
    assert!(sim.events(alice).contains(&UaEvent::Ended {
        call,
        cause: EndCause::LocalHangup
    }));
    assert!(first_starting(&sim, "CANCEL ").is_some());
    // Now the peer answers after all.
    sim.inject(
        addr(PEER),
        alice,
        response_to(&invite, "200 OK", "pt", contact).as_bytes(),
    );
    sim.settle_for(Duration::from_secs(1));
    let ack = first_starting(&sim, "ACK ").expect("late 2xx acknowledged");
    let bye = first_starting(&sim, "BYE ").expect("late 2xx hung up");
    assert!(
        ack.1.contains("To: <sip:peer@127.0.0.1:6000>;tag=pt\r\n"),
        "{}",
        ack.1
    );
    assert!(bye.1.starts_with("BYE sip:peer@127.0.0.1:6000 SIP/2.0\r\n"));
    assert!(!sim
        .events(alice)
        .iter()
        .any(|e| matches!(e, UaEvent::Answered { .. })));
}

#[test]
fn caller_follows_the_record_route_of_the_2xx() {
    let mut sim = Sim::new(2, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let now = sim.now;
    let call = sim
        .ua(alice)
        .invite(
            now,
            "sip:peer@127.0.0.1:6000",
            addr(PEER),
            b"v=0\r\n".to_vec(),
        )
        .unwrap();
    sim.settle_for(Duration::from_millis(100));
    let (_, invite) = first_starting(&sim, "INVITE ").unwrap();
    let extra = "Record-Route: <sip:127.0.0.1:6001;lr>, <sip:127.0.0.1:6002;lr>\r\n\
Contact: <sip:peer@127.0.0.1:6009>\r\n";
    sim.inject(
        addr(PEER),
        alice,
        response_to(&invite, "200 OK", "pt", extra).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(200));
    let (ack_port, ack) = first_starting(&sim, "ACK ").unwrap();
    // Route set is the Record-Route reversed; the request goes to its first entry.
    assert_eq!(ack_port, 6002, "{ack}");
    assert!(
        ack.starts_with("ACK sip:peer@127.0.0.1:6009 SIP/2.0\r\n"),
        "{ack}"
    );
    assert_eq!(
        header(&ack, "Route"),
        ["<sip:127.0.0.1:6002;lr>", "<sip:127.0.0.1:6001;lr>"]
    );
    let now = sim.now;
    sim.ua(alice).hangup(now, call).unwrap();
    sim.settle_for(Duration::from_millis(100));
    let (bye_port, bye) = first_starting(&sim, "BYE ")
        .unwrap_or_else(|| panic!("no BYE: {:?}\n{}", sim.events(alice), sim.trace_text()));
    assert_eq!(bye_port, 6002);
    assert!(bye.contains("CSeq: 2 BYE\r\n"), "{bye}");
}

#[test]
fn callee_copies_record_route_into_its_responses() {
    let mut sim = Sim::new(3, NetConditions::perfect());
    let bob = sim.add("bob", 5080);
    let invite = "INVITE sip:bob@127.0.0.1:5080 SIP/2.0\r\n\
Via: SIP/2.0/UDP 127.0.0.1:6000;branch=z9hG4bKrr1\r\n\
Max-Forwards: 70\r\n\
Record-Route: <sip:127.0.0.1:6001;lr>\r\n\
Record-Route: <sip:127.0.0.1:6002;lr>\r\n\
From: <sip:peer@127.0.0.1:6000>;tag=pf\r\nTo: <sip:bob@127.0.0.1:5080>\r\n\
Call-ID: rr@peer\r\nCSeq: 5 INVITE\r\nContact: <sip:peer@127.0.0.1:6000>\r\n\
Content-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n";
    sim.inject(addr(PEER), bob, invite.as_bytes());
    sim.settle_for(Duration::from_millis(100));
    let Some(UaEvent::Incoming { call, .. }) = sim.events(bob).first().cloned() else {
        panic!("no call");
    };
    let now = sim.now;
    sim.ua(bob).answer(now, call, b"v=0\r\n".to_vec()).unwrap();
    sim.settle_for(Duration::from_millis(200));
    let (port, ok) = first_starting(&sim, "SIP/2.0 200").unwrap();
    assert_eq!(port, PEER, "responses go back where the request came from");
    assert_eq!(
        header(&ok, "Record-Route"),
        ["<sip:127.0.0.1:6001;lr>", "<sip:127.0.0.1:6002;lr>"]
    );
    assert!(header(&ok, "To")[0].contains(";tag="));
    assert_eq!(header(&ok, "CSeq"), ["5 INVITE"]);
    assert_eq!(header(&ok, "Content-Length"), ["5"]);
    // Without an ACK the 2xx is retransmitted, then the call times out (13.3.1.4).
    sim.settle_for(Duration::from_secs(40));
    let oks = sent(&sim)
        .iter()
        .filter(|m| m.starts_with("SIP/2.0 200"))
        .count();
    assert!(oks >= 7, "only {oks} copies of the 2xx");
    assert!(sim.events(bob).contains(&UaEvent::Ended {
        call,
        cause: EndCause::Timeout
    }));
    // ...and the BYE that ends it follows the route set: to the first Record-Route.
    let (bye_port, bye) = first_starting(&sim, "BYE ").unwrap();
    assert_eq!(bye_port, 6001, "{bye}");
}

#[test]
fn reinvite_is_refused_with_488_and_the_call_goes_on() {
    let (mut sim, bob, call, tag) = confirmed_incoming_call();
    sim.inject(
        addr(PEER),
        bob,
        in_dialog_request("INVITE", 2, Some(&tag)).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    let refusal = only_response(&sim);
    assert!(refusal.starts_with("SIP/2.0 488 "), "{refusal}");
    // The ACK for the 488 (same branch) stops its retransmission.
    let ack = in_dialog_request("INVITE", 2, Some(&tag)).replacen("INVITE", "ACK", 1);
    let ack = ack.replace("CSeq: 2 INVITE", "CSeq: 2 ACK");
    sim.inject(addr(PEER), bob, ack.as_bytes());
    sim.settle_for(Duration::from_secs(10));
    assert_eq!(sent(&sim).len(), 1, "488 retransmitted after its ACK");
    sim.captured.clear();
    sim.inject(
        addr(PEER),
        bob,
        in_dialog_request("BYE", 3, Some(&tag)).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    assert!(only_response(&sim).starts_with("SIP/2.0 200 OK"));
    assert!(sim.events(bob).contains(&UaEvent::Ended {
        call,
        cause: EndCause::RemoteHangup
    }));
}

#[test]
fn in_dialog_options_gets_200_and_old_cseq_gets_500() {
    let (mut sim, bob, _, tag) = confirmed_incoming_call();
    sim.inject(
        addr(PEER),
        bob,
        in_dialog_request("OPTIONS", 2, Some(&tag)).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    assert!(only_response(&sim).starts_with("SIP/2.0 200 OK"));
    sim.captured.clear();
    let stale =
        in_dialog_request("BYE", 1, Some(&tag)).replace("branch=z9hG4bKBYE1", "branch=z9hG4bKold");
    sim.inject(addr(PEER), bob, stale.as_bytes());
    sim.settle_for(Duration::from_millis(50));
    assert!(only_response(&sim).starts_with("SIP/2.0 500 "));
    assert!(!sim
        .events(bob)
        .iter()
        .any(|e| matches!(e, UaEvent::Ended { .. })));
}

fn probe(request: &str) -> String {
    let mut sim = Sim::new(5, NetConditions::perfect());
    let bob = sim.add("bob", 5080);
    sim.inject(addr(PEER), bob, request.as_bytes());
    sim.settle_for(Duration::from_millis(50));
    assert!(sim.events(bob).is_empty(), "{:?}", sim.events(bob));
    only_response(&sim)
}

#[test]
fn unsupported_requests_get_the_right_refusal() {
    let with_require = in_dialog_request("INVITE", 1, None).replace(
        "Max-Forwards: 70\r\n",
        "Max-Forwards: 70\r\nRequire: 100rel\r\n",
    );
    let r = probe(&with_require);
    assert!(r.starts_with("SIP/2.0 420 Bad Extension\r\n"), "{r}");
    assert!(r.contains("Unsupported: 100rel\r\n"), "{r}");

    let r = probe(&in_dialog_request("MESSAGE", 1, None));
    assert!(r.starts_with("SIP/2.0 405 Method Not Allowed\r\n"), "{r}");
    assert!(
        r.contains("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n"),
        "{r}"
    );

    let r = probe(&in_dialog_request("FROB", 1, None));
    assert!(r.starts_with("SIP/2.0 501 Not Implemented\r\n"), "{r}");

    let r = probe(&in_dialog_request("CANCEL", 1, None));
    assert!(
        r.starts_with("SIP/2.0 481 "),
        "CANCEL without its INVITE: {r}"
    );
}

#[test]
fn the_same_invite_by_another_path_is_refused_with_482() {
    let mut sim = Sim::new(6, NetConditions::perfect());
    let bob = sim.add("bob", 5080);
    let invite = in_dialog_request("INVITE", 1, None);
    sim.inject(addr(PEER), bob, invite.as_bytes());
    let other_path = invite.replace("branch=z9hG4bKINVITE1", "branch=z9hG4bKpath2");
    sim.inject(addr(PEER), bob, other_path.as_bytes());
    sim.settle_for(Duration::from_millis(50));
    let calls = sim
        .events(bob)
        .iter()
        .filter(|e| matches!(e, UaEvent::Incoming { .. }))
        .count();
    assert_eq!(calls, 1);
    assert!(sent(&sim).iter().any(|m| m.starts_with("SIP/2.0 482 ")));
}

#[test]
fn a_retransmitted_2xx_is_acked_again_without_a_second_answer() {
    let mut sim = Sim::new(7, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let now = sim.now;
    sim.ua(alice)
        .invite(
            now,
            "sip:peer@127.0.0.1:6000",
            addr(PEER),
            b"v=0\r\n".to_vec(),
        )
        .unwrap();
    sim.settle_for(Duration::from_millis(50));
    let (_, invite) = first_starting(&sim, "INVITE ").unwrap();
    let ok = response_to(
        &invite,
        "200 OK",
        "pt",
        "Contact: <sip:peer@127.0.0.1:6000>\r\n",
    );
    sim.inject(addr(PEER), alice, ok.as_bytes());
    sim.settle_for(Duration::from_millis(600));
    sim.inject(addr(PEER), alice, ok.as_bytes());
    sim.settle_for(Duration::from_millis(50));
    let acks: Vec<String> = sent(&sim)
        .into_iter()
        .filter(|m| m.starts_with("ACK "))
        .collect();
    assert_eq!(acks.len(), 2);
    assert_eq!(acks[0], acks[1], "the same ACK is sent again");
    let answers = sim
        .events(alice)
        .iter()
        .filter(|e| matches!(e, UaEvent::Answered { .. }))
        .count();
    assert_eq!(answers, 1);
}

#[test]
fn callee_hanging_up_before_the_ack_sends_bye_once_it_arrives() {
    let mut sim = Sim::new(8, NetConditions::perfect());
    let bob = sim.add("bob", 5080);
    sim.inject(
        addr(PEER),
        bob,
        in_dialog_request("INVITE", 1, None).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    let Some(UaEvent::Incoming { call, .. }) = sim.events(bob).first().cloned() else {
        panic!("no call");
    };
    let now = sim.now;
    sim.ua(bob).answer(now, call, b"v=0\r\n".to_vec()).unwrap();
    sim.ua(bob).hangup(now, call).unwrap();
    sim.settle_for(Duration::from_millis(50));
    assert!(
        first_starting(&sim, "BYE ").is_none(),
        "BYE must wait for the ACK (RFC 3261 15)"
    );
    let (_, ok) = first_starting(&sim, "SIP/2.0 200").unwrap();
    let tag = header(&ok, "To")[0]
        .split(";tag=")
        .nth(1)
        .unwrap()
        .to_string();
    sim.inject(
        addr(PEER),
        bob,
        in_dialog_request("ACK", 1, Some(&tag)).as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    let (port, bye) = first_starting(&sim, "BYE ").expect("BYE after the ACK");
    assert_eq!(port, PEER);
    assert!(
        bye.starts_with("BYE sip:peer@127.0.0.1:6000 SIP/2.0\r\n"),
        "{bye}"
    );
    let response = response_to(&bye, "200 OK", "", "");
    sim.inject(addr(PEER), bob, response.as_bytes());
    sim.settle_for(Duration::from_millis(50));
    assert_eq!(
        sim.events(bob).last(),
        Some(&UaEvent::Ended {
            call,
            cause: EndCause::LocalHangup
        })
    );
}
