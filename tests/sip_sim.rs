//! Two user agents talking over a seeded, misbehaving in-memory network on virtual time.

mod support_sim;

use std::time::Duration;

use handset::sip::{CallKey, EndCause, UaEvent};
use support_sim::{addr, NetConditions, Sim};

const OFFER: &[u8] = b"v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
const ANSWER: &[u8] = b"v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n";

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn incoming_calls(sim: &Sim, node: usize) -> Vec<CallKey> {
    sim.events(node)
        .iter()
        .filter_map(|e| match e {
            UaEvent::Incoming { call, .. } => Some(*call),
            _ => None,
        })
        .collect()
}

fn ended(sim: &Sim, node: usize) -> Option<EndCause> {
    sim.events(node).iter().find_map(|e| match e {
        UaEvent::Ended { cause, .. } => Some(cause.clone()),
        _ => None,
    })
}

fn has(sim: &Sim, node: usize, wanted: impl Fn(&UaEvent) -> bool) -> bool {
    sim.events(node).iter().any(wanted)
}

/// Alice calls Bob; Bob rings and answers as soon as the call shows up.
fn set_up_call(sim: &mut Sim, alice: usize, bob: usize) -> CallKey {
    let now = sim.now;
    let call = sim
        .ua(alice)
        .invite(now, "sip:bob@127.0.0.1:5080", addr(5080), OFFER.to_vec())
        .unwrap();
    let limit = sim.now + secs(60);
    assert!(
        sim.run_until(limit, |s| !incoming_calls(s, bob).is_empty()),
        "Bob never saw the call:\n{}",
        sim.trace_text()
    );
    let incoming = incoming_calls(sim, bob)[0];
    let now = sim.now;
    sim.ua(bob).ringing(now, incoming).unwrap();
    sim.ua(bob).answer(now, incoming, ANSWER.to_vec()).unwrap();
    let limit = sim.now + secs(60);
    let up = sim.run_until(limit, |s| {
        has(s, alice, |e| matches!(e, UaEvent::Answered { .. }))
            && has(s, bob, |e| matches!(e, UaEvent::Confirmed { .. }))
    });
    assert!(up, "call not set up:\n{}", sim.trace_text());
    call
}

#[test]
fn calls_set_up_and_tear_down_despite_20_percent_loss() {
    for seed in 1..=12 {
        let mut sim = Sim::new(seed, NetConditions::lossy(0.2));
        let alice = sim.add("alice", 5070);
        let bob = sim.add("bob", 5080);
        let call = set_up_call(&mut sim, alice, bob);

        let answered_sdp = sim.events(alice).iter().find_map(|e| match e {
            UaEvent::Answered { sdp, .. } => sdp.clone(),
            _ => None,
        });
        assert_eq!(answered_sdp.as_deref(), Some(ANSWER), "seed {seed}");
        let offered_sdp = sim.events(bob).iter().find_map(|e| match e {
            UaEvent::Incoming { sdp, from, .. } => {
                assert_eq!(from, "sip:alice@127.0.0.1:5070");
                sdp.clone()
            }
            _ => None,
        });
        assert_eq!(offered_sdp.as_deref(), Some(OFFER), "seed {seed}");

        let now = sim.now;
        sim.ua(alice).hangup(now, call).unwrap();
        let limit = sim.now + secs(60);
        let down = sim.run_until(limit, |s| {
            ended(s, alice).is_some() && ended(s, bob).is_some()
        });
        assert!(
            down,
            "seed {seed}: call not torn down:\n{}",
            sim.trace_text()
        );
        assert_eq!(
            ended(&sim, alice),
            Some(EndCause::LocalHangup),
            "seed {seed}"
        );
        assert_eq!(
            ended(&sim, bob),
            Some(EndCause::RemoteHangup),
            "seed {seed}"
        );

        // Let every retransmission die out: still exactly one call seen by Bob.
        sim.settle(sim.now + secs(120));
        assert_eq!(
            incoming_calls(&sim, bob).len(),
            1,
            "seed {seed}: INVITE retransmission shown as a new call"
        );
        let endings = sim
            .events(alice)
            .iter()
            .filter(|e| matches!(e, UaEvent::Ended { .. }))
            .count();
        assert_eq!(endings, 1, "seed {seed}");
    }
}

#[test]
fn callee_hangup_ends_both_sides() {
    let mut sim = Sim::new(7, NetConditions::lossy(0.1));
    let alice = sim.add("alice", 5070);
    let bob = sim.add("bob", 5080);
    set_up_call(&mut sim, alice, bob);
    let bob_call = incoming_calls(&sim, bob)[0];
    let now = sim.now;
    sim.ua(bob).hangup(now, bob_call).unwrap();
    let limit = sim.now + secs(60);
    assert!(sim.run_until(limit, |s| ended(s, alice).is_some()
        && ended(s, bob).is_some()));
    assert_eq!(ended(&sim, alice), Some(EndCause::RemoteHangup));
    assert_eq!(ended(&sim, bob), Some(EndCause::LocalHangup));
}

#[test]
fn busy_callee_rejects_with_486() {
    let mut sim = Sim::new(3, NetConditions::lossy(0.2));
    let alice = sim.add("alice", 5070);
    let bob = sim.add("bob", 5080);
    let now = sim.now;
    sim.ua(alice)
        .invite(now, "sip:bob@127.0.0.1:5080", addr(5080), OFFER.to_vec())
        .unwrap();
    assert!(sim.run_until(secs(60), |s| !incoming_calls(s, bob).is_empty()));
    let call = incoming_calls(&sim, bob)[0];
    let now = sim.now;
    sim.ua(bob).reject(now, call, 486).unwrap();
    assert!(sim.run_until(secs(120), |s| ended(s, alice).is_some()));
    assert_eq!(
        ended(&sim, alice),
        Some(EndCause::Rejected {
            code: 486,
            reason: "Busy Here".into()
        })
    );
    assert_eq!(
        ended(&sim, bob),
        Some(EndCause::LocallyRejected { code: 486 })
    );
    assert!(!has(&sim, alice, |e| matches!(e, UaEvent::Answered { .. })));
}

#[test]
fn ringing_is_reported_to_the_caller() {
    let mut sim = Sim::new(5, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let bob = sim.add("bob", 5080);
    let now = sim.now;
    sim.ua(alice)
        .invite(now, "sip:bob@127.0.0.1:5080", addr(5080), OFFER.to_vec())
        .unwrap();
    assert!(sim.run_until(secs(5), |s| !incoming_calls(s, bob).is_empty()));
    let call = incoming_calls(&sim, bob)[0];
    let now = sim.now;
    sim.ua(bob).ringing(now, call).unwrap();
    assert!(sim.run_until(secs(10), |s| has(s, alice, |e| matches!(
        e,
        UaEvent::Progress { code: 180, .. }
    ))));
}

#[test]
fn caller_cancel_before_answer_ends_both_sides() {
    let mut sim = Sim::new(11, NetConditions::lossy(0.2));
    let alice = sim.add("alice", 5070);
    let bob = sim.add("bob", 5080);
    let now = sim.now;
    let call = sim
        .ua(alice)
        .invite(now, "sip:bob@127.0.0.1:5080", addr(5080), OFFER.to_vec())
        .unwrap();
    assert!(sim.run_until(secs(60), |s| !incoming_calls(s, bob).is_empty()));
    let incoming = incoming_calls(&sim, bob)[0];
    let now = sim.now;
    sim.ua(bob).ringing(now, incoming).unwrap();
    assert!(sim.run_until(secs(90), |s| has(s, alice, |e| matches!(
        e,
        UaEvent::Progress { .. }
    ))));
    let now = sim.now;
    sim.ua(alice).hangup(now, call).unwrap();
    assert!(sim.run_until(secs(200), |s| ended(s, alice).is_some()
        && ended(s, bob).is_some()));
    assert_eq!(ended(&sim, alice), Some(EndCause::LocalHangup));
    assert_eq!(ended(&sim, bob), Some(EndCause::RemoteCancelled));
    assert!(sim.trace.iter().any(|t| t.3.starts_with("SIP/2.0 487")));
}

#[test]
fn hangup_before_any_provisional_cancels_once_one_arrives() {
    let mut sim = Sim::new(12, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let bob = sim.add("bob", 5080);
    let now = sim.now;
    let call = sim
        .ua(alice)
        .invite(now, "sip:bob@127.0.0.1:5080", addr(5080), OFFER.to_vec())
        .unwrap();
    // Hang up at once, before the 100 Trying is back.
    sim.ua(alice).hangup(now, call).unwrap();
    assert!(sim.run_until(secs(60), |s| ended(s, alice).is_some()
        && ended(s, bob).is_some()));
    assert_eq!(ended(&sim, alice), Some(EndCause::LocalHangup));
    assert_eq!(ended(&sim, bob), Some(EndCause::RemoteCancelled));
}

#[test]
fn cancel_crossing_the_200_ends_the_call_with_ack_and_bye() {
    let mut sim = Sim::new(21, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let bob = sim.add("bob", 5080);
    let now = sim.now;
    let call = sim
        .ua(alice)
        .invite(now, "sip:bob@127.0.0.1:5080", addr(5080), OFFER.to_vec())
        .unwrap();
    assert!(sim.run_until(secs(5), |s| !incoming_calls(s, bob).is_empty()));
    let incoming = incoming_calls(&sim, bob)[0];
    let now = sim.now;
    sim.ua(bob).ringing(now, incoming).unwrap();
    assert!(sim.run_until(secs(5), |s| has(s, alice, |e| matches!(
        e,
        UaEvent::Progress { .. }
    ))));
    // Both act at the same instant: the CANCEL and the 200 cross on the wire.
    let now = sim.now;
    sim.ua(alice).hangup(now, call).unwrap();
    sim.ua(bob).answer(now, incoming, ANSWER.to_vec()).unwrap();
    assert!(sim.run_until(secs(60), |s| ended(s, alice).is_some()
        && ended(s, bob).is_some()));
    assert_eq!(ended(&sim, alice), Some(EndCause::LocalHangup));
    assert_eq!(ended(&sim, bob), Some(EndCause::RemoteHangup));
    assert!(!has(&sim, alice, |e| matches!(e, UaEvent::Answered { .. })));
    let lines: Vec<&str> = sim.trace.iter().map(|t| t.3.as_str()).collect();
    assert!(lines.iter().any(|l| l.starts_with("ACK ")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("BYE ")), "{lines:?}");
}

#[test]
fn unanswered_invite_times_out_with_timer_b() {
    let mut sim = Sim::new(4, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let now = sim.now;
    // Nobody lives at 5099: every INVITE vanishes.
    sim.ua(alice)
        .invite(now, "sip:nobody@127.0.0.1:5099", addr(5099), OFFER.to_vec())
        .unwrap();
    assert!(sim.run_until(secs(120), |s| ended(s, alice).is_some()));
    assert_eq!(ended(&sim, alice), Some(EndCause::Timeout));
    // Timer B is 64*T1 = 32 s; the INVITE was retransmitted (timer A) in between.
    assert!(sim.now >= secs(32));
    assert!(
        sim.captured.len() >= 6,
        "only {} INVITEs sent",
        sim.captured.len()
    );
}

const PEER: u16 = 6000;

fn raw_request(method: &str, to_tag: Option<&str>) -> String {
    let to_tag = to_tag.map(|t| format!(";tag={t}")).unwrap_or_default();
    format!(
        "{method} sip:bob@127.0.0.1:5080 SIP/2.0\r\n\
Via: SIP/2.0/UDP 127.0.0.1:{PEER};branch=z9hG4bK{method}1\r\n\
Max-Forwards: 70\r\n\
From: <sip:probe@127.0.0.1:{PEER}>;tag=p1\r\n\
To: <sip:bob@127.0.0.1:5080>{to_tag}\r\n\
Call-ID: probe-{method}@127.0.0.1\r\n\
CSeq: 1 {method}\r\n\
Contact: <sip:probe@127.0.0.1:{PEER}>\r\n\
Content-Length: 0\r\n\r\n"
    )
}

/// Send `bytes` to Bob from a raw peer and return the responses' first lines (and texts).
fn probe(bytes: &[u8]) -> Vec<String> {
    let mut sim = Sim::new(9, NetConditions::perfect());
    let bob = sim.add("bob", 5080);
    sim.inject(addr(PEER), bob, bytes);
    sim.settle(secs(1));
    sim.captured
        .iter()
        .map(|(_, to, payload)| {
            assert_eq!(*to, addr(PEER));
            String::from_utf8_lossy(payload).into_owned()
        })
        .collect()
}

#[test]
fn options_outside_a_dialog_gets_200_with_allow() {
    let responses = probe(raw_request("OPTIONS", None).as_bytes());
    assert_eq!(responses.len(), 1, "{responses:?}");
    let r = &responses[0];
    assert!(r.starts_with("SIP/2.0 200 OK\r\n"), "{r}");
    assert!(
        r.contains("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n"),
        "{r}"
    );
    assert!(r.contains("Accept: application/sdp\r\n"), "{r}");
    assert!(r.contains("CSeq: 1 OPTIONS\r\n"), "{r}");
    assert!(r.contains("To: <sip:bob@127.0.0.1:5080>;tag="), "{r}");
    assert!(r.contains("Content-Length: 0\r\n"), "{r}");
}

#[test]
fn bye_for_an_unknown_dialog_gets_481() {
    let responses = probe(raw_request("BYE", Some("nosuchdialog")).as_bytes());
    assert_eq!(responses.len(), 1, "{responses:?}");
    assert!(responses[0].starts_with("SIP/2.0 481 "), "{}", responses[0]);
}

#[test]
fn reinvite_for_an_unknown_dialog_gets_481_and_ack_gets_nothing() {
    let responses = probe(raw_request("INVITE", Some("nosuchdialog")).as_bytes());
    assert!(responses[0].starts_with("SIP/2.0 481 "), "{}", responses[0]);
    assert!(probe(raw_request("ACK", Some("nosuchdialog")).as_bytes()).is_empty());
}

#[test]
fn malformed_request_gets_400() {
    let bad = raw_request("OPTIONS", None).replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS");
    let responses = probe(bad.as_bytes());
    assert_eq!(responses.len(), 1, "{responses:?}");
    assert!(
        responses[0].starts_with("SIP/2.0 400 Bad Request\r\n"),
        "{}",
        responses[0]
    );
    assert!(responses[0].contains("Call-ID: probe-OPTIONS@127.0.0.1\r\n"));
}

#[test]
fn garbage_is_dropped_silently() {
    assert!(probe(b"\x00\x01 not sip at all").is_empty());
    let response_without_tx = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bKnone\r\n\
From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    assert!(probe(response_without_tx.as_bytes()).is_empty());
}

#[test]
fn retransmitted_invite_is_not_a_new_call() {
    let mut sim = Sim::new(9, NetConditions::perfect());
    let bob = sim.add("bob", 5080);
    let invite = raw_request("INVITE", None);
    sim.inject(addr(PEER), bob, invite.as_bytes());
    sim.settle(secs(1));
    sim.inject(addr(PEER), bob, invite.as_bytes());
    sim.settle(secs(2));
    assert_eq!(incoming_calls(&sim, bob).len(), 1);
    let trying = sim
        .captured
        .iter()
        .filter(|(_, _, p)| p.starts_with(b"SIP/2.0 100 Trying"))
        .count();
    assert_eq!(
        trying, 2,
        "the retransmission is answered with the last response"
    );
}
