//! The user agent over TCP and TLS, on virtual time: what goes out names its transport, answers
//! go back the way requests came, nothing is retransmitted, and a broken flow fails at once.

use core::net::SocketAddr;
use std::time::Duration;

use super::{AccountEvent, CallOptions, EndCause, Output, Transmit, UaConfig, UaEvent, UserAgent};
use crate::sip::registration::{RegFailure, RegistrationConfig, RegistrationEvent};
use crate::sip::transport::Transport;

fn addr(s: &str) -> SocketAddr {
    s.parse().unwrap()
}

fn agent() -> UserAgent {
    UserAgent::new(
        UaConfig {
            local_addr: addr("127.0.0.1:5070"),
            user: "alice".into(),
            display_name: None,
            user_agent: "test".into(),
        },
        7,
    )
}

fn sent(ua: &mut UserAgent) -> Vec<Transmit> {
    let mut out = Vec::new();
    while let Some(output) = ua.poll_output() {
        if let Output::Transmit(t) = output {
            out.push(t);
        }
    }
    out
}

fn events(ua: &mut UserAgent) -> Vec<UaEvent> {
    let mut out = Vec::new();
    while let Some(output) = ua.poll_output() {
        if let Output::Event(e) = output {
            out.push(e);
        }
    }
    out
}

fn text(t: &Transmit) -> String {
    String::from_utf8_lossy(&t.payload).into_owned()
}

/// Run the agent's timers up to `until`, collecting everything it sends meanwhile.
fn run_until(ua: &mut UserAgent, until: Duration) -> Vec<Output> {
    let mut out = Vec::new();
    while let Some(at) = ua.poll_timeout().filter(|t| *t <= until) {
        ua.handle_timeout(at);
        while let Some(output) = ua.poll_output() {
            out.push(output);
        }
    }
    out
}

fn tcp_invite(ua: &mut UserAgent) -> super::CallKey {
    let options = CallOptions {
        transport: Transport::Tcp,
        ..CallOptions::default()
    };
    ua.invite_with(
        Duration::ZERO,
        "sip:bob@127.0.0.1:5080;transport=tcp",
        addr("127.0.0.1:5080"),
        b"v=0\r\n".to_vec(),
        options,
    )
    .unwrap()
}

#[test]
fn a_tcp_invite_names_tcp_and_is_never_retransmitted() {
    let mut ua = agent();
    let call = tcp_invite(&mut ua);
    let out = sent(&mut ua);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].transport, Transport::Tcp);
    assert_eq!(out[0].destination, addr("127.0.0.1:5080"));
    let invite = text(&out[0]);
    assert!(
        invite.contains("Via: SIP/2.0/TCP 127.0.0.1:5070;rport;alias;branch="),
        "{invite}"
    );
    assert!(
        invite.contains("<sip:alice@127.0.0.1:5070;transport=tcp>"),
        "{invite}"
    );
    // Timer A does not run over TCP: silence until timer B ends the call at 64*T1.
    let later = run_until(&mut ua, Duration::from_secs(40));
    let resent = later
        .iter()
        .filter(|o| matches!(o, Output::Transmit(_)))
        .count();
    assert_eq!(resent, 0);
    assert!(later.contains(&Output::Event(UaEvent::Ended {
        call,
        cause: EndCause::Timeout
    })));
}

#[test]
fn a_udp_invite_is_as_it_always_was() {
    let mut ua = agent();
    ua.invite(
        Duration::ZERO,
        "sip:bob@127.0.0.1:5080",
        addr("127.0.0.1:5080"),
        b"v=0\r\n".to_vec(),
    )
    .unwrap();
    let out = sent(&mut ua);
    assert_eq!(out[0].transport, Transport::Udp);
    let invite = text(&out[0]);
    assert!(
        invite.contains("Via: SIP/2.0/UDP 127.0.0.1:5070;"),
        "{invite}"
    );
    assert!(
        invite.contains("Contact: <sip:alice@127.0.0.1:5070>\r\n"),
        "{invite}"
    );
    let resent = run_until(&mut ua, Duration::from_millis(600));
    assert_eq!(resent.len(), 1, "timer A resends over UDP");
}

const INVITE_OVER_TCP: &str = "INVITE sip:alice@127.0.0.1:5070;transport=tcp SIP/2.0\r\n\
Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKk1\r\n\
Record-Route: <sip:127.0.0.1:5060;transport=tcp;lr>\r\n\
From: <sip:bob@example.com>;tag=b1\r\nTo: <sip:alice@example.com>\r\n\
Call-ID: in1\r\nCSeq: 1 INVITE\r\nContact: <sip:bob@127.0.0.1:5090>\r\n\
Content-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n";

#[test]
fn answers_to_a_request_from_a_connection_go_back_on_it() {
    let mut ua = agent();
    let from = addr("127.0.0.1:40001");
    ua.handle_message(
        Duration::ZERO,
        from,
        Transport::Tcp,
        INVITE_OVER_TCP.as_bytes(),
    );
    let mut outputs = Vec::new();
    while let Some(o) = ua.poll_output() {
        outputs.push(o);
    }
    let call = outputs
        .iter()
        .find_map(|o| match o {
            Output::Event(UaEvent::Incoming { call, .. }) => Some(*call),
            _ => None,
        })
        .expect("the INVITE rings");
    let trying = outputs
        .iter()
        .find_map(|o| match o {
            Output::Transmit(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        (trying.destination, trying.transport),
        (from, Transport::Tcp)
    );
    ua.answer(Duration::ZERO, call, b"v=0\r\n".to_vec())
        .unwrap();
    let ok = sent(&mut ua);
    assert_eq!((ok[0].destination, ok[0].transport), (from, Transport::Tcp));
    assert!(text(&ok[0]).contains("Contact: <sip:alice@127.0.0.1:5070;transport=tcp>"));
    // Our BYE follows the route set (the proxy, over TCP as its URI says).
    let ack = "ACK sip:alice@127.0.0.1:5070;transport=tcp SIP/2.0\r\n\
Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKk2\r\n\
From: <sip:bob@example.com>;tag=b1\r\nTo: <sip:alice@example.com>;tag=TAG\r\n\
Call-ID: in1\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
    let tag = text(&ok[0])
        .lines()
        .find(|l| l.starts_with("To:"))
        .and_then(|l| l.split("tag=").nth(1))
        .unwrap()
        .trim()
        .to_string();
    ua.handle_message(
        Duration::from_millis(10),
        from,
        Transport::Tcp,
        ack.replace("TAG", &tag).as_bytes(),
    );
    assert!(events(&mut ua).contains(&UaEvent::Confirmed { call }));
    ua.hangup(Duration::from_millis(20), call).unwrap();
    let bye = sent(&mut ua);
    assert_eq!(
        (bye[0].destination, bye[0].transport),
        (addr("127.0.0.1:5060"), Transport::Tcp)
    );
    assert!(text(&bye[0]).contains("Via: SIP/2.0/TCP "));
}

fn registration(transport: Transport) -> RegistrationConfig {
    RegistrationConfig {
        registrar_uri: "sips:example.com".into(),
        aor: "sips:alice@example.com".into(),
        display_name: None,
        contact_user: "alice".into(),
        expires: 600,
        instance_id: None,
        reg_id: None,
        credentials: None,
        destination: addr("192.0.2.1:5061"),
        routes: Vec::new(),
        transport,
    }
}

#[test]
fn a_tls_register_says_tls_and_sips_and_fails_at_once_on_a_broken_flow() {
    let mut ua = agent();
    let key = ua
        .register(Duration::ZERO, registration(Transport::Tls))
        .unwrap();
    let out = sent(&mut ua);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].transport, Transport::Tls);
    let register = text(&out[0]);
    assert!(
        register.contains("Via: SIP/2.0/TLS 127.0.0.1:5070;"),
        "{register}"
    );
    assert!(
        register.contains("Contact: <sips:alice@127.0.0.1:5070>"),
        "{register}"
    );
    // The connection cannot be made: the REGISTER fails now, not after timer F.
    ua.handle_transport_error(
        Duration::from_millis(5),
        addr("192.0.2.1:5061"),
        Transport::Tls,
    );
    let mut failed = None;
    while let Some(AccountEvent::Registration {
        registration,
        event,
    }) = ua.poll_account_event()
    {
        assert_eq!(registration, key);
        if let RegistrationEvent::Failed { reason, retry_at } = event {
            failed = Some((reason, retry_at.is_some()));
        }
    }
    assert_eq!(failed, Some((RegFailure::Timeout, true)));
    // A transport error on another flow touches nothing.
    ua.handle_transport_error(
        Duration::from_millis(6),
        addr("192.0.2.9:5061"),
        Transport::Tls,
    );
    assert!(ua.poll_account_event().is_none());
}
