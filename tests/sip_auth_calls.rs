//! Calls through a scripted proxy that challenges: INVITE with 407 (answered with
//! Proxy-Authorization, the call completes), BYE with 401, and a wrong password that ends the
//! call after one authenticated try.

mod sip_auth_support;
mod support_sim;

use std::time::Duration;

use handset::sip::{AccountEvent, CallOptions, Credentials, EndCause, MessageOutcome, UaEvent};
use sip_auth_support::{
    cseq_number, digest_is_valid, digest_params, first, header, param, response_to, Scripted,
};
use support_sim::{addr, NetConditions, Sim};

const PROXY: u16 = 6200;
const PASSWORD: &str = "open sesame";

/// A proxy that wants Proxy-Authorization on INVITE and Authorization on BYE.
fn proxy(request: &str) -> Vec<String> {
    let challenge = |kind: &str, nonce: &str| {
        format!("{kind}: Digest realm=\"proxy.test\", nonce=\"{nonce}\", qop=\"auth\", algorithm=SHA-256\r\n")
    };
    let method = request.split(' ').next().unwrap_or_default();
    match method {
        "INVITE" => match header(request, "Proxy-Authorization").first() {
            Some(c) if digest_is_valid(c, "INVITE", PASSWORD) => vec![
                response_to(request, "180 Ringing", "pt", "", ""),
                response_to(
                    request,
                    "200 OK",
                    "pt",
                    "Contact: <sip:bob@127.0.0.1:6200>\r\n",
                    "",
                ),
            ],
            _ => {
                let extra = challenge(
                    "Proxy-Authenticate",
                    &format!("inv{}", cseq_number(request)),
                );
                vec![response_to(
                    request,
                    "407 Proxy Authentication Required",
                    "pt",
                    &extra,
                    "",
                )]
            }
        },
        "BYE" => match header(request, "Authorization").first() {
            Some(c) if digest_is_valid(c, "BYE", PASSWORD) => {
                vec![response_to(request, "200 OK", "pt", "", "")]
            }
            _ => {
                let extra = challenge("WWW-Authenticate", "bye");
                vec![response_to(request, "401 Unauthorized", "pt", &extra, "")]
            }
        },
        "MESSAGE" => match header(request, "Proxy-Authorization").first() {
            Some(c) if digest_is_valid(c, "MESSAGE", PASSWORD) => {
                vec![response_to(request, "202 Accepted", "pt", "", "")]
            }
            _ => {
                let extra = challenge("Proxy-Authenticate", "msg");
                vec![response_to(
                    request,
                    "407 Proxy Authentication Required",
                    "pt",
                    &extra,
                    "",
                )]
            }
        },
        _ => Vec::new(),
    }
}

fn call_with(password: &str) -> (Sim, usize, Scripted, handset::sip::CallKey) {
    let mut sim = Sim::new(31, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let now = sim.now;
    let options = CallOptions {
        credentials: Some(Credentials::new("alice", password)),
        from_uri: Some("sip:alice@proxy.test".into()),
        display_name: None,
        ..CallOptions::default()
    };
    let call = sim
        .ua(alice)
        .invite_with(
            now,
            "sip:bob@proxy.test",
            addr(PROXY),
            b"v=0\r\n".to_vec(),
            options,
        )
        .unwrap();
    (sim, alice, Scripted::new(addr(PROXY)), call)
}

#[test]
fn invite_challenged_with_407_is_resent_with_credentials_and_the_call_completes() {
    let (mut sim, alice, mut server, call) = call_with(PASSWORD);
    server.run(&mut sim, alice, Duration::from_secs(5), |_, r| proxy(r));

    let invites = server.requests("INVITE");
    assert_eq!(invites.len(), 2, "{}", sim.trace_text());
    let (one, two) = (&invites[0].1, &invites[1].1);
    assert_eq!(first(one, "Call-ID"), first(two, "Call-ID"));
    assert_eq!(first(one, "From"), first(two, "From"));
    assert!(
        first(one, "From").starts_with("\"ALICE\" <sip:alice@proxy.test>;tag="),
        "the account's address of record: {one}"
    );
    assert_eq!(first(two, "CSeq"), "2 INVITE");
    assert_ne!(first(one, "Via"), first(two, "Via"), "a new branch");
    assert!(two.ends_with("v=0\r\n"), "the offer goes again");
    let credentials = digest_params(&first(two, "Proxy-Authorization"));
    assert_eq!(
        param(&credentials, "uri").as_deref(),
        Some("sip:bob@proxy.test")
    );
    assert_eq!(param(&credentials, "algorithm").as_deref(), Some("SHA-256"));

    let acks = server.requests("ACK");
    assert_eq!(acks.len(), 2, "one for the 407, one for the 200");
    assert_eq!(first(&acks[0].1, "CSeq"), "1 ACK");
    assert_eq!(first(&acks[0].1, "Via"), first(one, "Via"));
    assert_eq!(first(&acks[1].1, "CSeq"), "2 ACK");
    assert!(!header(&acks[1].1, "Proxy-Authorization").is_empty());
    assert!(sim
        .events(alice)
        .iter()
        .any(|e| matches!(e, UaEvent::Answered { call: c, .. } if *c == call)));
}

#[test]
fn bye_challenged_with_401_is_resent_with_credentials() {
    let (mut sim, alice, mut server, call) = call_with(PASSWORD);
    server.run(&mut sim, alice, Duration::from_secs(5), |_, r| proxy(r));
    let now = sim.now;
    sim.ua(alice).hangup(now, call).unwrap();
    server.run(&mut sim, alice, Duration::from_secs(10), |_, r| proxy(r));

    let byes = server.requests("BYE");
    assert_eq!(byes.len(), 2, "{}", sim.trace_text());
    assert!(header(&byes[0].1, "Authorization").is_empty());
    assert_eq!(cseq_number(&byes[1].1), cseq_number(&byes[0].1) + 1);
    assert_eq!(first(&byes[0].1, "Call-ID"), first(&byes[1].1, "Call-ID"));
    let credentials = digest_params(&first(&byes[1].1, "Authorization"));
    assert_eq!(
        param(&credentials, "uri").as_deref(),
        Some("sip:bob@127.0.0.1:6200")
    );
    assert_eq!(
        sim.events(alice).last(),
        Some(&UaEvent::Ended {
            call,
            cause: EndCause::LocalHangup
        })
    );
}

#[test]
fn a_wrong_password_ends_the_call_after_one_authenticated_invite() {
    let (mut sim, alice, mut server, call) = call_with("not it");
    server.run(&mut sim, alice, Duration::from_secs(120), |_, r| proxy(r));
    assert_eq!(server.requests("INVITE").len(), 2, "{}", sim.trace_text());
    assert_eq!(
        sim.events(alice),
        [UaEvent::Ended {
            call,
            cause: EndCause::Rejected {
                code: 407,
                reason: "Proxy Authentication Required".into()
            }
        }]
    );
}

#[test]
fn without_credentials_a_challenge_ends_the_call() {
    let mut sim = Sim::new(32, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let now = sim.now;
    let call = sim
        .ua(alice)
        .invite(now, "sip:bob@proxy.test", addr(PROXY), b"v=0\r\n".to_vec())
        .unwrap();
    let mut server = Scripted::new(addr(PROXY));
    server.run(&mut sim, alice, Duration::from_secs(60), |_, r| proxy(r));
    assert_eq!(server.requests("INVITE").len(), 1);
    assert!(matches!(
        sim.events(alice),
        [UaEvent::Ended { call: c, cause: EndCause::Rejected { code: 407, .. } }] if *c == call
    ));
}

fn message_with(password: &str) -> (Vec<String>, Vec<AccountEvent>) {
    let mut sim = Sim::new(33, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let now = sim.now;
    let options = CallOptions {
        credentials: Some(Credentials::new("alice", password)),
        ..CallOptions::default()
    };
    sim.ua(alice)
        .send_message(
            now,
            "sip:bob@proxy.test",
            addr(PROXY),
            "text/plain;charset=UTF-8",
            b"hello".to_vec(),
            options,
        )
        .unwrap();
    let mut server = Scripted::new(addr(PROXY));
    server.run(&mut sim, alice, Duration::from_secs(60), |_, r| proxy(r));
    let sent = server
        .requests("MESSAGE")
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    let events = server.account_events.into_iter().map(|(_, e)| e).collect();
    (sent, events)
}

#[test]
fn message_challenged_with_407_is_resent_and_delivered() {
    let (sent, events) = message_with(PASSWORD);
    assert_eq!(sent.len(), 2);
    assert_eq!(first(&sent[1], "Content-Type"), "text/plain;charset=UTF-8");
    assert!(sent[1].ends_with("\r\n\r\nhello"));
    assert_eq!(cseq_number(&sent[1]), cseq_number(&sent[0]) + 1);
    assert!(matches!(
        events.as_slice(),
        [AccountEvent::Message {
            outcome: MessageOutcome::Delivered { code: 202 },
            ..
        }]
    ));
}

#[test]
fn message_with_a_wrong_password_fails_after_one_retry() {
    let (sent, events) = message_with("nope");
    assert_eq!(sent.len(), 2);
    assert!(matches!(
        events.as_slice(),
        [AccountEvent::Message {
            outcome: MessageOutcome::Failed { code: 407, .. },
            ..
        }]
    ));
}

#[test]
fn an_early_dialog_before_the_challenge_does_not_outlive_it() {
    let (mut sim, alice, mut server, call) = call_with(PASSWORD);
    server.run(&mut sim, alice, Duration::from_secs(5), |_, r| {
        let method = r.split(' ').next().unwrap_or_default();
        match (method, header(r, "Proxy-Authorization").is_empty()) {
            ("INVITE", true) => {
                let early = "Contact: <sip:early@127.0.0.1:6200>\r\n";
                let mut replies = vec![response_to(r, "183 Session Progress", "early", early, "")];
                replies.extend(proxy(r));
                replies
            }
            _ => proxy(r),
        }
    });
    assert!(sim
        .events(alice)
        .iter()
        .any(|e| matches!(e, UaEvent::Answered { .. })));
    let now = sim.now;
    sim.ua(alice).hangup(now, call).unwrap();
    server.run(&mut sim, alice, Duration::from_secs(10), |_, r| proxy(r));
    let byes = server.requests("BYE");
    assert!(!byes.is_empty(), "{}", sim.trace_text());
    assert!(
        first(&byes[0].1, "To").ends_with(";tag=pt"),
        "{}",
        byes[0].1
    );
    assert!(byes[0].1.starts_with("BYE sip:bob@127.0.0.1:6200 "));
}
