//! The user agent against ghost calls, on virtual time: refused INVITEs leave nothing behind,
//! a flood is bounded by the per-source limit, and a call nobody answers stops ringing.

use core::net::SocketAddr;
use std::time::Duration;

use super::uas::MAX_RINGING;
use super::{
    AccountGate, EndCause, Output, RateLimit, Screening, Transmit, UaConfig, UaEvent, UserAgent,
};

const TOKEN: &str = "k7m2q9x4w8tz";
const ME: &str = "198.51.100.1:5060";
const SCANNER: &str = "203.0.113.5:5070";
const REGISTRAR: &str = "192.0.2.10:5060";

fn addr(s: &str) -> SocketAddr {
    s.parse().unwrap()
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn agent(accounts: Vec<AccountGate>) -> UserAgent {
    let mut ua = UserAgent::new(
        UaConfig {
            local_addr: addr(ME),
            user: TOKEN.into(),
            display_name: None,
            user_agent: "test".into(),
        },
        7,
    );
    ua.set_screening(Some(Screening {
        peer_user: TOKEN.into(),
        allow_direct: false,
        accounts,
    }));
    ua.set_ring_timeout(Some(secs(60)));
    ua
}

fn alice_gate() -> Vec<AccountGate> {
    vec![AccountGate {
        account: 3,
        user: "alice".into(),
        servers: vec![addr(REGISTRAR)],
    }]
}

/// An INVITE for `user` (none: `sip:host`) from `from`, numbered `n` (its Call-ID and branch).
fn invite(user: &str, from: SocketAddr, n: u32) -> Vec<u8> {
    let target = if user.is_empty() {
        format!("sip:{ME}")
    } else {
        format!("sip:{user}@{ME}")
    };
    let sdp = "v=0\r\no=- 1 1 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    format!(
        "INVITE {target} SIP/2.0\r\nVia: SIP/2.0/UDP {from};branch=z9hG4bK{n}x\r\n\
         Max-Forwards: 70\r\nFrom: <sip:scan@{from}>;tag=f{n}\r\nTo: <{target}>\r\n\
         Call-ID: c{n}@scan\r\nCSeq: 1 INVITE\r\nContact: <sip:scan@{from}>\r\n\
         Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{sdp}",
        sdp.len()
    )
    .into_bytes()
}

fn ack(user: &str, from: SocketAddr, n: u32, to_tag: &str) -> Vec<u8> {
    let target = format!("sip:{user}@{ME}");
    format!(
        "ACK {target} SIP/2.0\r\nVia: SIP/2.0/UDP {from};branch=z9hG4bK{n}x\r\n\
         Max-Forwards: 70\r\nFrom: <sip:scan@{from}>;tag=f{n}\r\nTo: <{target}>;tag={to_tag}\r\n\
         Call-ID: c{n}@scan\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n"
    )
    .into_bytes()
}

fn drain(ua: &mut UserAgent) -> (Vec<Transmit>, Vec<UaEvent>) {
    let (mut sent, mut events) = (Vec::new(), Vec::new());
    while let Some(output) = ua.poll_output() {
        match output {
            Output::Transmit(t) => sent.push(t),
            Output::Event(e) => events.push(e),
        }
    }
    (sent, events)
}

fn status(t: &Transmit) -> String {
    let text = String::from_utf8_lossy(&t.payload);
    text.lines().next().unwrap_or_default().to_owned()
}

fn to_tag(t: &Transmit) -> String {
    let text = String::from_utf8_lossy(&t.payload).into_owned();
    let to = text
        .lines()
        .find(|l| l.starts_with("To:"))
        .unwrap()
        .to_owned();
    to.split("tag=").nth(1).unwrap().trim().to_owned()
}

#[test]
fn a_scanners_invite_is_refused_at_once_and_leaves_nothing() {
    let mut ua = agent(Vec::new());
    let scanner = addr(SCANNER);
    for (n, user) in ["scan123456", "100", ""].into_iter().enumerate() {
        ua.handle_datagram(secs(0), scanner, &invite(user, scanner, n as u32));
        let (sent, events) = drain(&mut ua);
        assert!(events.is_empty(), "{user:?} must not ring: {events:?}");
        assert_eq!(sent.len(), 1, "one final answer, no 100 Trying");
        assert_eq!(status(&sent[0]), "SIP/2.0 404 Not Found");
        assert_eq!(sent[0].destination, scanner);
    }
    assert_eq!(ua.poll_timeout(), None, "no transaction and no call kept");
}

#[test]
fn a_retransmitted_invite_gets_the_same_refusal_and_the_ack_is_absorbed() {
    let mut ua = agent(Vec::new());
    let scanner = addr(SCANNER);
    ua.handle_datagram(secs(0), scanner, &invite("100", scanner, 1));
    let (first, _) = drain(&mut ua);
    ua.handle_datagram(secs(1), scanner, &invite("100", scanner, 1));
    let (again, _) = drain(&mut ua);
    assert_eq!(first[0].payload, again[0].payload, "same To tag");
    ua.handle_datagram(
        secs(1),
        scanner,
        &ack("100", scanner, 1, &to_tag(&first[0])),
    );
    let (sent, events) = drain(&mut ua);
    assert!(sent.is_empty() && events.is_empty());
    assert_eq!(ua.poll_timeout(), None);
}

#[test]
fn our_token_rings() {
    let mut ua = agent(Vec::new());
    let caller = addr("203.0.113.9:5060");
    ua.handle_datagram(secs(0), caller, &invite(TOKEN, caller, 1));
    let (sent, events) = drain(&mut ua);
    assert_eq!(status(&sent[0]), "SIP/2.0 100 Trying");
    assert!(matches!(
        events.as_slice(),
        [UaEvent::Incoming { account: None, .. }]
    ));
}

#[test]
fn a_flood_costs_no_state_and_the_rate_limit_bounds_the_answers() {
    let mut ua = agent(Vec::new());
    ua.set_rate_limit(Some(RateLimit::default()));
    let scanner = addr(SCANNER);
    let users = ["scan123456", "1001", ""];
    let mut answered = 0;
    // 200 INVITEs a second for 20 s.
    for n in 0..4000u32 {
        let now = Duration::from_millis(u64::from(n) * 5);
        let user = users[n as usize % users.len()];
        ua.handle_datagram(now, scanner, &invite(user, scanner, n));
        let (sent, events) = drain(&mut ua);
        assert!(events.is_empty(), "{events:?}");
        answered += sent.len();
    }
    assert_eq!(ua.poll_timeout(), None, "nothing kept");
    // The burst of 40, then 20 a second; the rest were dropped unread.
    assert!((430..=445).contains(&answered), "{answered}");
    assert_eq!(ua.rate_limited(), 4000 - answered as u64);

    // A caller from elsewhere is not held back by the flood.
    let caller = addr("203.0.113.9:5060");
    ua.handle_datagram(secs(20), caller, &invite(TOKEN, caller, 9999));
    let (_, events) = drain(&mut ua);
    assert!(matches!(events.as_slice(), [UaEvent::Incoming { .. }]));
}

#[test]
fn an_unanswered_call_stops_ringing_with_480_and_is_missed() {
    let mut ua = agent(Vec::new());
    let caller = addr("203.0.113.9:5060");
    ua.handle_datagram(secs(0), caller, &invite(TOKEN, caller, 1));
    let (_, events) = drain(&mut ua);
    let Some(UaEvent::Incoming { call, .. }) = events.first() else {
        panic!("{events:?}")
    };
    let call = *call;
    ua.ringing(secs(0), call).unwrap();
    drain(&mut ua);
    assert_eq!(ua.poll_timeout(), Some(secs(60)));
    ua.handle_timeout(secs(60));
    let (sent, events) = drain(&mut ua);
    assert_eq!(status(&sent[0]), "SIP/2.0 480 Temporarily Unavailable");
    assert_eq!(
        events,
        [UaEvent::Ended {
            call,
            cause: EndCause::Unanswered
        }]
    );
}

#[test]
fn an_answered_call_is_not_cut_by_the_ring_timeout() {
    let mut ua = agent(Vec::new());
    let caller = addr("203.0.113.9:5060");
    ua.handle_datagram(secs(0), caller, &invite(TOKEN, caller, 1));
    let (_, events) = drain(&mut ua);
    let Some(UaEvent::Incoming { call, .. }) = events.first() else {
        panic!("{events:?}")
    };
    ua.answer(secs(59), *call, b"v=0\r\n".to_vec()).unwrap();
    drain(&mut ua);
    let mut at = secs(59);
    while let Some(next) = ua.poll_timeout().filter(|t| *t <= secs(61)) {
        at = next;
        ua.handle_timeout(at);
        let (sent, _) = drain(&mut ua);
        assert!(sent.iter().all(|t| !status(t).contains("480")));
    }
    assert!(at <= secs(61));
}

#[test]
fn too_many_calls_ringing_at_once_are_busy() {
    let mut ua = agent(Vec::new());
    for n in 0..MAX_RINGING as u32 {
        let caller = addr(&format!("203.0.113.9:{}", 6000 + n));
        ua.handle_datagram(secs(0), caller, &invite(TOKEN, caller, n));
    }
    let (_, events) = drain(&mut ua);
    assert_eq!(events.len(), MAX_RINGING);
    let caller = addr("203.0.113.9:7000");
    ua.handle_datagram(secs(0), caller, &invite(TOKEN, caller, 99));
    let (sent, events) = drain(&mut ua);
    assert!(events.is_empty());
    assert_eq!(status(&sent[0]), "SIP/2.0 486 Busy Here");
}

#[test]
fn with_an_account_only_its_server_makes_it_ring() {
    let mut ua = agent(alice_gate());
    let scanner = addr(SCANNER);
    ua.handle_datagram(secs(0), scanner, &invite("alice", scanner, 1));
    let (sent, events) = drain(&mut ua);
    assert!(events.is_empty());
    assert_eq!(status(&sent[0]), "SIP/2.0 403 Forbidden");
    // Our peer-to-peer token is closed too while direct calls are not allowed.
    ua.handle_datagram(secs(0), scanner, &invite(TOKEN, scanner, 2));
    let (sent, _) = drain(&mut ua);
    assert_eq!(status(&sent[0]), "SIP/2.0 403 Forbidden");

    let registrar = addr(REGISTRAR);
    ua.handle_datagram(secs(0), registrar, &invite("alice", registrar, 3));
    let (_, events) = drain(&mut ua);
    assert!(matches!(
        events.as_slice(),
        [UaEvent::Incoming {
            account: Some(3),
            ..
        }]
    ));
}

#[test]
fn an_accounts_server_is_never_rate_limited() {
    let mut ua = agent(alice_gate());
    ua.set_rate_limit(Some(RateLimit {
        per_second: 1,
        burst: 1,
        max_sources: 4,
    }));
    let registrar = addr(REGISTRAR);
    for n in 0..5 {
        ua.handle_datagram(secs(0), registrar, &invite("alice", registrar, n));
    }
    let (_, events) = drain(&mut ua);
    assert_eq!(events.len(), 5);
}
