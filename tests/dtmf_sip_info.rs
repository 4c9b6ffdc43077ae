//! SIP INFO DTMF inside a dialog, against a scripted peer on virtual time: the key press
//! is answered 200 and reported; an INFO with another body is refused and the call goes on.

mod support_sim;

use std::time::Duration;

use handset::sip::UaEvent;
use support_sim::addr;
use support_sim::scripted_peer::{confirmed_incoming_call, in_dialog_request, only_response, PEER};

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
