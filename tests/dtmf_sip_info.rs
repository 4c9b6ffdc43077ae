//! SIP INFO DTMF inside a dialog, against a scripted peer on virtual time: the key press
//! is answered 200 and reported; an INFO with another body is refused and the call goes on.

mod support_sim;

use std::time::Duration;

use handset::sip::UaEvent;
use support_sim::{addr, NetConditions, Sim};

const PEER: u16 = 6000;

fn header<'a>(message: &'a str, name: &str) -> Vec<&'a str> {
    message
        .split("\r\n")
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .collect()
}

/// Messages the agent sent to the scripted peer (port `PEER` or the proxy at 6001).
fn sent(sim: &Sim) -> Vec<String> {
    sim.captured
        .iter()
        .map(|(_, _, p)| String::from_utf8_lossy(p).into_owned())
        .collect()
}

fn first_starting(sim: &Sim, prefix: &str) -> Option<(u16, String)> {
    sim.captured.iter().find_map(|(_, to, p)| {
        let text = String::from_utf8_lossy(p).into_owned();
        text.starts_with(prefix).then_some((to.port(), text))
    })
}

/// Bob with one confirmed incoming call from the scripted peer; returns the sim, Bob's
/// call, and Bob's To tag.
fn confirmed_incoming_call() -> (Sim, usize, handset::sip::CallKey, String) {
    let mut sim = Sim::new(4, NetConditions::perfect());
    let bob = sim.add("bob", 5080);
    let invite = in_dialog_request("INVITE", 1, None);
    sim.inject(addr(PEER), bob, invite.as_bytes());
    sim.settle_for(Duration::from_millis(50));
    let Some(UaEvent::Incoming { call, .. }) = sim.events(bob).first().cloned() else {
        panic!("no call");
    };
    let now = sim.now;
    sim.ua(bob).answer(now, call, b"v=0\r\n".to_vec()).unwrap();
    sim.settle_for(Duration::from_millis(50));
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
    assert!(sim.events(bob).contains(&UaEvent::Confirmed { call }));
    sim.captured.clear();
    (sim, bob, call, tag)
}

fn in_dialog_request(method: &str, seq: u32, to_tag: Option<&str>) -> String {
    let to_tag = to_tag.map(|t| format!(";tag={t}")).unwrap_or_default();
    format!(
        "{method} sip:bob@127.0.0.1:5080 SIP/2.0\r\n\
Via: SIP/2.0/UDP 127.0.0.1:6000;branch=z9hG4bK{method}{seq}\r\n\
Max-Forwards: 70\r\nFrom: <sip:peer@127.0.0.1:6000>;tag=pf\r\n\
To: <sip:bob@127.0.0.1:5080>{to_tag}\r\nCall-ID: dialog@peer\r\nCSeq: {seq} {method}\r\n\
Contact: <sip:peer@127.0.0.1:6000>\r\nContent-Length: 0\r\n\r\n"
    )
}

fn only_response(sim: &Sim) -> String {
    let sent = sent(sim);
    assert_eq!(sent.len(), 1, "{sent:?}");
    sent[0].clone()
}

/// An in-dialog INFO from the peer with the given body.
fn info(seq: u32, tag: &str, content_type: &str, body: &str) -> String {
    in_dialog_request("INFO", seq, Some(tag)).replace(
        "Content-Length: 0\r\n\r\n",
        &format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    )
}

#[test]
fn info_dtmf_relay_gets_200_and_reports_the_key() {
    let (mut sim, bob, call, tag) = confirmed_incoming_call();
    let request = info(
        2,
        &tag,
        "application/dtmf-relay",
        "Signal=5\r\nDuration=160\r\n",
    );
    sim.inject(addr(PEER), bob, request.as_bytes());
    sim.settle_for(Duration::from_millis(50));
    assert!(only_response(&sim).starts_with("SIP/2.0 200 OK"));
    assert!(sim.events(bob).contains(&UaEvent::Dtmf {
        call,
        digit: '5',
        duration_ms: Some(160)
    }));
    sim.captured.clear();
    sim.inject(
        addr(PEER),
        bob,
        info(3, &tag, "application/dtmf", "#").as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    assert!(only_response(&sim).starts_with("SIP/2.0 200 OK"));
    assert!(sim.events(bob).contains(&UaEvent::Dtmf {
        call,
        digit: '#',
        duration_ms: None
    }));
}

#[test]
fn info_with_another_body_is_refused_and_the_call_goes_on() {
    let (mut sim, bob, _, tag) = confirmed_incoming_call();
    sim.inject(
        addr(PEER),
        bob,
        info(2, &tag, "text/plain", "hello").as_bytes(),
    );
    sim.settle_for(Duration::from_millis(50));
    let refusal = only_response(&sim);
    assert!(refusal.starts_with("SIP/2.0 415 "), "{refusal}");
    sim.captured.clear();
    let broken = info(3, &tag, "application/dtmf-relay", "Signal=Q\r\n");
    sim.inject(addr(PEER), bob, broken.as_bytes());
    sim.settle_for(Duration::from_millis(50));
    assert!(only_response(&sim).starts_with("SIP/2.0 400 "));
    assert!(!sim
        .events(bob)
        .iter()
        .any(|e| matches!(e, UaEvent::Dtmf { .. } | UaEvent::Ended { .. })));
}
