//! Two registered agents call each other through a real kamailio that challenges the INVITE
//! with 407: the caller re-sends it with Proxy-Authorization, the callee answers, and the BYE
//! follows the Record-Route. Real loopback sockets, real time.

mod common;
mod sip_auth_support;
mod support_sim;

use std::time::Duration;

use common::kamailio::Kamailio;
use common::ports::free_port;
use handset::sip::{CallOptions, Credentials, EndCause, RegistrationConfig, UaEvent};
use sip_auth_support::agent::Agent;
use sip_auth_support::{digest_params, first, header, param};

const SDP: &[u8] = b"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 31040 RTP/AVP 0\r\n";

const ROUTES: &str = r#"modparam("auth", "algorithm", "SHA-256")
request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (has_totag()) {
        if (loose_route() || is_method("ACK")) { t_relay(); exit; }
        sl_send_reply("404", "Not Here"); exit;
    }
    if (is_method("REGISTER")) {
        if ($sht(users=>$fU) == $null || !pv_www_authenticate("$fd", "$sht(users=>$fU)", "0")) {
            www_challenge("$fd", "1"); exit;
        }
        consume_credentials(); save("location"); exit;
    }
    if (is_method("INVITE") && from_uri == myself) {
        if ($sht(users=>$fU) == $null || !pv_proxy_authenticate("$fd", "$sht(users=>$fU)", "0")) {
            proxy_challenge("$fd", "1"); exit;
        }
        consume_credentials();
    }
    if (is_method("INVITE")) record_route();
    if (uri == myself && !lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
    t_relay();
}"#;

fn account(user: &str, kamailio: &Kamailio) -> RegistrationConfig {
    RegistrationConfig {
        registrar_uri: "sip:sip.test".into(),
        aor: format!("sip:{user}@sip.test"),
        display_name: None,
        contact_user: user.into(),
        expires: 300,
        instance_id: None,
        reg_id: None,
        credentials: Some(Credentials::new(user, format!("{user}pw"))),
        destination: kamailio.addr,
        routes: Vec::new(),
        transport: Default::default(),
    }
}

/// Pump both agents until `done` holds or `limit` passes.
fn run_both(
    alice: &mut Agent,
    bob: &mut Agent,
    limit: Duration,
    mut done: impl FnMut(&mut Agent, &mut Agent) -> bool,
) -> bool {
    let deadline = std::time::Instant::now() + limit;
    while std::time::Instant::now() < deadline {
        if done(alice, bob) {
            return true;
        }
        alice.pump(Duration::from_millis(5));
        bob.pump(Duration::from_millis(5));
    }
    done(alice, bob)
}

#[test]
fn a_call_challenged_by_the_proxy_completes_and_ends() {
    let dir = tempfile::tempdir().unwrap();
    let kamailio = Kamailio::start(dir.path(), free_port(), ROUTES);
    let mut alice = Agent::new("alice", 1);
    let mut bob = Agent::new("bob", 2);
    let now = alice.now();
    alice.ua.register(now, account("alice", &kamailio)).unwrap();
    let now = bob.now();
    bob.ua.register(now, account("bob", &kamailio)).unwrap();
    let both_registered = run_both(&mut alice, &mut bob, Duration::from_secs(15), |a, b| {
        a.registered_count() >= 1 && b.registered_count() >= 1
    });
    assert!(
        both_registered,
        "{:?} {:?}\n{}",
        alice.registration,
        bob.registration,
        kamailio.log()
    );

    let now = alice.now();
    let options = CallOptions {
        credentials: Some(Credentials::new("alice", "alicepw")),
        from_uri: Some("sip:alice@sip.test".into()),
        display_name: Some("Alice".into()),
        ..CallOptions::default()
    };
    let call = alice
        .ua
        .invite_with(
            now,
            "sip:bob@sip.test",
            kamailio.addr,
            SDP.to_vec(),
            options,
        )
        .unwrap();
    let answered = run_both(&mut alice, &mut bob, Duration::from_secs(15), |a, b| {
        let incoming = b.calls.iter().find_map(|e| match e {
            UaEvent::Incoming { call, .. } => Some(*call),
            _ => None,
        });
        let already = b
            .calls
            .iter()
            .any(|e| matches!(e, UaEvent::Confirmed { .. }));
        if let (Some(incoming), false) = (incoming, already) {
            let now = b.now();
            let _ = b.ua.answer(now, incoming, SDP.to_vec());
        }
        a.calls
            .iter()
            .any(|e| matches!(e, UaEvent::Answered { .. }))
            && b.calls
                .iter()
                .any(|e| matches!(e, UaEvent::Confirmed { .. }))
    });
    assert!(
        answered,
        "{:?} {:?}\n{:#?}\n{}",
        alice.calls,
        bob.calls,
        alice.sent("INVITE"),
        kamailio.log()
    );
    let invites: Vec<String> = alice.sent("INVITE").into_iter().cloned().collect();
    let first_invite = &invites[0];
    let last_invite = invites.last().unwrap();
    assert!(header(first_invite, "Proxy-Authorization").is_empty());
    assert_eq!(first(last_invite, "CSeq"), "2 INVITE");
    let credentials = digest_params(&first(last_invite, "Proxy-Authorization"));
    assert_eq!(param(&credentials, "algorithm").as_deref(), Some("SHA-256"));

    let now = alice.now();
    alice.ua.hangup(now, call).unwrap();
    let ended = run_both(&mut alice, &mut bob, Duration::from_secs(15), |a, b| {
        a.calls.iter().any(|e| matches!(e, UaEvent::Ended { .. }))
            && b.calls.iter().any(|e| matches!(e, UaEvent::Ended { .. }))
    });
    assert!(
        ended,
        "{:?} {:?}\n{}",
        alice.calls,
        bob.calls,
        kamailio.log()
    );
    assert!(alice.calls.contains(&UaEvent::Ended {
        call,
        cause: EndCause::LocalHangup
    }));
    assert!(bob.calls.iter().any(|e| matches!(
        e,
        UaEvent::Ended {
            cause: EndCause::RemoteHangup,
            ..
        }
    )));
}
