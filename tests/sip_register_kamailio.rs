//! REGISTER against a real kamailio (started by the test, passwords in an htable): digest
//! with MD5 without qop (RFC 2069 form), SHA-256 with qop=auth and nonce-count checking across
//! refreshes, 423 Min-Expires, and a wrong password that stops after two REGISTERs.
//! The agent runs on a real loopback socket in real time.

mod common;
mod sip_auth_support;
mod support_sim;

use std::net::SocketAddr;
use std::time::Duration;

use common::kamailio::Kamailio;
use common::ports::free_port;
use handset::sip::{Credentials, RegFailure, RegistrationConfig, RegistrationEvent};
use sip_auth_support::agent::Agent;

/// kamailio as registrar for realm `sip.test`.
fn start_kamailio(dir: &std::path::Path, port: u16, algorithm: &str, qop_flag: &str) -> Kamailio {
    let body = format!(
        r#"modparam("registrar", "min_expires", 2)
modparam("registrar", "min_expires_mode", 1)
modparam("auth", "algorithm", "{algorithm}")
modparam("auth", "nonce_count", 1)
request_route {{
    if (!mf_process_maxfwd_header("10")) {{ sl_send_reply("483", "Too Many Hops"); exit; }}
    if (is_method("REGISTER")) {{
        if ($sht(users=>$fU) == $null || !pv_www_authenticate("$fd", "$sht(users=>$fU)", "0")) {{
            www_challenge("$fd", "{qop_flag}");
            exit;
        }}
        consume_credentials();
        save("location");
        exit;
    }}
    sl_send_reply("405", "Method Not Allowed");
}}
"#
    );
    Kamailio::start(dir, port, &body)
}

fn account(port: u16, password: &str, expires: u32) -> RegistrationConfig {
    RegistrationConfig {
        registrar_uri: "sip:sip.test".into(),
        aor: "sip:alice@sip.test".into(),
        display_name: None,
        contact_user: "alice".into(),
        expires,
        instance_id: Some("6f1a7d2e-8c4b-4f0e-9a51-0d3c2b1a0f9e".into()),
        reg_id: None,
        credentials: Some(Credentials::new("alice", password)),
        destination: SocketAddr::from(([127, 0, 0, 1], port)),
        routes: Vec::new(),
        transport: Default::default(),
    }
}

fn authorization_of(register: &str) -> String {
    register
        .lines()
        .find_map(|l| l.strip_prefix("Authorization: "))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn md5_without_qop_registers() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let kamailio = start_kamailio(dir.path(), port, "MD5", "0");
    let mut agent = Agent::new("alice", 5);
    let now = agent.now();
    agent
        .ua
        .register(now, account(port, "alicepw", 60))
        .unwrap();
    let ok = agent.run(Duration::from_secs(15), |a| a.registered_count() >= 1);
    assert!(
        ok,
        "{:?}\n{:?}\n{}",
        agent.registration,
        agent.sent("REGISTER"),
        kamailio.log()
    );
    let credentials = authorization_of(agent.sent("REGISTER").last().unwrap());
    assert!(!credentials.contains("qop="), "{credentials}");
    assert!(credentials.contains("algorithm=MD5"), "{credentials}");
}

#[test]
fn sha256_with_qop_registers_and_refreshes_with_counted_nonces() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let kamailio = start_kamailio(dir.path(), port, "SHA-256", "1");
    let mut agent = Agent::new("alice", 5);
    let now = agent.now();
    // 4 s bindings are refreshed every 2 s, reusing the nonce with nc 2, 3 ...
    agent.ua.register(now, account(port, "alicepw", 4)).unwrap();
    let ok = agent.run(Duration::from_secs(30), |a| a.registered_count() >= 3);
    assert!(
        ok,
        "{:?}\n{:?}\n{}",
        agent.registration,
        agent.sent("REGISTER"),
        kamailio.log()
    );
    assert!(!agent
        .registration
        .iter()
        .any(|e| matches!(e, RegistrationEvent::Failed { .. })));
    let credentials = authorization_of(agent.sent("REGISTER").last().unwrap());
    assert!(credentials.contains("algorithm=SHA-256"), "{credentials}");
    assert!(credentials.contains("qop=auth"), "{credentials}");
    // kamailio checks nonce counts: the refreshes reused the nonce and were accepted.
    assert!(
        agent
            .sent("REGISTER")
            .iter()
            .any(|r| authorization_of(r).contains("nc=00000002")),
        "{:?}",
        agent.sent("REGISTER")
    );
}

#[test]
fn interval_too_brief_from_kamailio_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let kamailio = start_kamailio(dir.path(), port, "MD5", "1");
    let mut agent = Agent::new("alice", 5);
    let now = agent.now();
    agent.ua.register(now, account(port, "alicepw", 1)).unwrap();
    let ok = agent.run(Duration::from_secs(15), |a| a.registered_count() >= 1);
    assert!(
        ok,
        "{:?}\n{:?}\n{}",
        agent.registration,
        agent.sent("REGISTER"),
        kamailio.log()
    );
    assert!(
        agent
            .sent("REGISTER")
            .last()
            .unwrap()
            .contains("\r\nExpires: 2\r\n"),
        "{}",
        agent.sent("REGISTER").last().unwrap()
    );
}

#[test]
fn wrong_password_stops_after_two_registers() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let _kamailio = start_kamailio(dir.path(), port, "MD5", "1");
    let mut agent = Agent::new("alice", 5);
    let now = agent.now();
    agent
        .ua
        .register(now, account(port, "not-alicepw", 60))
        .unwrap();
    let failed = |a: &Agent| {
        a.registration
            .iter()
            .any(|e| matches!(e, RegistrationEvent::Failed { .. }))
    };
    assert!(
        agent.run(Duration::from_secs(15), failed),
        "{:?}",
        agent.registration
    );
    // Keep listening a while: nothing more goes out.
    agent.run(Duration::from_secs(3), |_| false);
    assert_eq!(
        agent.registration.last(),
        Some(&RegistrationEvent::Failed {
            reason: RegFailure::AuthFailed,
            retry_at: None
        })
    );
    let distinct: std::collections::BTreeSet<&str> = agent
        .sent("REGISTER")
        .iter()
        .filter_map(|r| r.lines().find(|l| l.starts_with("CSeq: ")))
        .collect();
    assert_eq!(distinct.len(), 2, "{:?}", agent.sent("REGISTER"));
}
