//! A scripted peer at 127.0.0.1:6000 talking to Bob (an agent at 5080) in the simulated
//! world: helpers for tests that write the peer's side of a dialog by hand.

use std::time::Duration;

use handset::sip::UaEvent;

use super::{addr, NetConditions, Sim};

/// The scripted peer's port.
pub const PEER: u16 = 6000;

/// Values of header `name` (case-insensitive; compact forms are not used by our agent).
pub fn header<'a>(message: &'a str, name: &str) -> Vec<&'a str> {
    message
        .split("\r\n")
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .collect()
}

/// Messages the agent sent to the scripted peer (port `PEER` or the proxy at 6001).
pub fn sent(sim: &Sim) -> Vec<String> {
    sim.captured
        .iter()
        .map(|(_, _, p)| String::from_utf8_lossy(p).into_owned())
        .collect()
}

/// The first message the agent sent that starts with `prefix`, and the port it went to.
pub fn first_starting(sim: &Sim, prefix: &str) -> Option<(u16, String)> {
    sim.captured.iter().find_map(|(_, to, p)| {
        let text = String::from_utf8_lossy(p).into_owned();
        text.starts_with(prefix).then_some((to.port(), text))
    })
}

/// Bob with one confirmed incoming call from the scripted peer; returns the sim, Bob's
/// call, and Bob's To tag.
pub fn confirmed_incoming_call() -> (Sim, usize, handset::sip::CallKey, String) {
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

/// A request from the scripted peer to Bob in the dialog `dialog@peer` (no To tag for the
/// INVITE that opens it).
pub fn in_dialog_request(method: &str, seq: u32, to_tag: Option<&str>) -> String {
    let to_tag = to_tag.map(|t| format!(";tag={t}")).unwrap_or_default();
    format!(
        "{method} sip:bob@127.0.0.1:5080 SIP/2.0\r\n\
Via: SIP/2.0/UDP 127.0.0.1:6000;branch=z9hG4bK{method}{seq}\r\n\
Max-Forwards: 70\r\nFrom: <sip:peer@127.0.0.1:6000>;tag=pf\r\n\
To: <sip:bob@127.0.0.1:5080>{to_tag}\r\nCall-ID: dialog@peer\r\nCSeq: {seq} {method}\r\n\
Contact: <sip:peer@127.0.0.1:6000>\r\nContent-Length: 0\r\n\r\n"
    )
}

/// The one message the agent sent; fails if it sent none or several.
pub fn only_response(sim: &Sim) -> String {
    let sent = sent(sim);
    assert_eq!(sent.len(), 1, "{sent:?}");
    sent[0].clone()
}
