//! Registration and incoming calls over TCP and TLS against a real kamailio (tls module,
//! self-signed certificate made at test time), and a clear failure when TLS cannot be
//! trusted.

mod common;

use common::accounts::write_transport_account;
use common::baresip::{AnswerMode, Baresip, BaresipRegistrar, BaresipSetup};
use common::certs::openssl_handshake;
use common::handset::{args, call_id, registration_state, Handset, LONG, SHORT};
use common::kamailio::{registers_seen, wait_registered, Kamailio};
use common::pesq::assert_carries_speech;
use common::ports::free_port_block;
use common::process::ChildGuard;
use common::scratch::Scratch;
use common::speech::speech_wav;
use common::tools::require;
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Waits for alice's first registration outcome (registered or failed).
fn registration_outcome(handset: &mut Handset) -> Value {
    handset.wait_for(SHORT, "a registration outcome", |e| {
        matches!(registration_state(e), Some("registered" | "failed"))
    })
}

/// Starts Handset as alice over `transport`, with `extra` headless arguments.
fn handset_over(
    scratch: &Scratch,
    kamailio: &Kamailio,
    transport: &str,
    certificate: Option<&Path>,
    extra: &[&str],
) -> Handset {
    let config = scratch.subdir("accounts");
    write_transport_account(
        &config,
        "alice",
        "alicepw",
        kamailio,
        transport,
        certificate,
    );
    let config = config.display().to_string();
    let mut list = vec!["--listen", "127.0.0.1:0", "--config", &config];
    list.extend_from_slice(extra);
    Handset::start(scratch, &args(&list)).0
}

/// The support works from outside Handset: the certificate verifies in a handshake, and
/// baresip registers over TCP and over TLS (trusting the certificate with `sip_cafile`).
#[test]
fn kamailio_serves_tls_with_the_generated_certificate_and_registers_baresip() {
    let scratch = Scratch::new("kamailio-transports-support");
    let kamailio = Kamailio::start_for_transports(&scratch.subdir("kamailio"));
    let handshake = openssl_handshake(kamailio.tls_port(), kamailio.certificate());
    assert!(
        handshake.contains("Verify return code: 0 (ok)"),
        "{handshake}"
    );
    baresip_registers(
        &scratch.subdir("baresip-tcp"),
        &kamailio,
        "bob",
        "bobpw",
        "tcp",
    );
    baresip_registers(
        &scratch.subdir("baresip-tls"),
        &kamailio,
        "alice",
        "alicepw",
        "tls",
    );
    assert_eq!(kamailio.failed_tls_handshakes(), 0, "{}", kamailio.log());
}

/// kamailio's routing for clients on TCP and TLS works with another stack: bob (baresip)
/// registers over `transport`, alice (baresip, UDP) calls him, kamailio sends the INVITE down
/// bob's connection, and alice's BYE reaches bob the same way.
fn baresip_takes_a_call_over(transport: &str) {
    let scratch = Scratch::new(&format!("kamailio-baresip-{transport}"));
    let kamailio = Kamailio::start_for_transports(&scratch.subdir("kamailio"));
    let speech = speech_wav();
    let registered = |user: &str, password: &str, proxy: String, answer| {
        let mut setup = BaresipSetup::new(user, answer, &speech);
        setup.registrar = Some(BaresipRegistrar {
            domain: "sip.test".into(),
            proxy,
            password: password.into(),
        });
        Baresip::start(&scratch.subdir(&format!("baresip-{user}")), &setup)
    };
    // baresip 1.0 does not check the server's certificate (it has no sip_cafile here).
    let mut bob = registered(
        "bob",
        "bobpw",
        format!(
            "127.0.0.1:{};transport={transport}",
            port_for(&kamailio, transport)
        ),
        AnswerMode::Auto,
    );
    let mut alice = registered(
        "alice",
        "alicepw",
        format!("127.0.0.1:{}", kamailio.port),
        AnswerMode::Auto,
    );
    wait_registered(|| kamailio.log(), "bob");
    wait_registered(|| kamailio.log(), "alice");
    let bob_bindings = kamailio.wait_bindings("bob");
    assert!(
        !bob_bindings.is_empty() && bob_bindings.iter().all(|t| t == transport),
        "bob should have registered over {transport} only: {bob_bindings:?}"
    );

    alice.dial("sip:bob@sip.test");
    bob.wait_event("CALL_ESTABLISHED", SHORT);
    alice.wait_event("CALL_ESTABLISHED", SHORT);
    let routes = kamailio.invite_routes();
    assert!(
        routes.len() == 1 && routes[0].ends_with(&format!(";transport={transport}")),
        "{routes:?}\n{}",
        kamailio.log()
    );
    let response = alice.command("hangup", "");
    assert!(response["ok"] == true, "{response}");
    bob.wait_event("CALL_CLOSED", SHORT);
}

fn port_for(kamailio: &Kamailio, transport: &str) -> u16 {
    if transport == "tls" {
        kamailio.tls_port()
    } else {
        kamailio.port
    }
}

#[test]
fn kamailio_routes_calls_down_a_tcp_connection_to_baresip() {
    baresip_takes_a_call_over("tcp");
}

#[test]
fn kamailio_routes_calls_down_a_tls_connection_to_baresip() {
    baresip_takes_a_call_over("tls");
}

/// alice (Handset) registers over `transport`; bob (baresip, UDP) calls her through
/// kamailio, which can reach her only down the connection she registered on. The call rings,
/// Handset answers, and speech flows both ways.
fn takes_a_call_over(transport: &str, trust_certificate: bool) {
    let scratch = Scratch::new(&format!("kamailio-{transport}-call"));
    let kamailio = Kamailio::start_for_transports(&scratch.subdir("kamailio"));
    let speech = speech_wav();
    let mut setup = BaresipSetup::new("bob", AnswerMode::Auto, &speech);
    setup.registrar = Some(BaresipRegistrar {
        domain: "sip.test".into(),
        proxy: format!("127.0.0.1:{}", kamailio.port),
        password: "bobpw".into(),
    });
    let mut baresip = Baresip::start(&scratch.subdir("baresip"), &setup);
    wait_registered(|| kamailio.log(), "bob");

    let recording = scratch.join("handset-heard.wav");
    let certificate = trust_certificate.then_some(kamailio.certificate());
    let mut handset = handset_over(
        &scratch,
        &kamailio,
        transport,
        certificate,
        &[
            "--play",
            speech.to_str().unwrap(),
            "--record",
            recording.to_str().unwrap(),
        ],
    );
    let registered = registration_outcome(&mut handset);
    assert_eq!(
        registration_state(&registered),
        Some("registered"),
        "{registered}\n{}",
        kamailio.log()
    );
    let bindings = kamailio.wait_bindings("alice");
    assert!(
        !bindings.is_empty() && bindings.iter().all(|t| t == transport),
        "alice should have registered over {transport} only: {bindings:?}\n{}",
        kamailio.log()
    );

    baresip.dial("sip:alice@sip.test");
    let incoming = handset.wait_event("incoming_call", SHORT);
    assert_eq!(incoming["account"], 1, "{incoming}");
    // Over TCP and TLS, kamailio sent the INVITE to the address alice's REGISTER came from,
    // over her transport: the connection she opened, as nothing else of hers is reachable.
    if transport != "udp" {
        let routes = kamailio.invite_routes();
        assert!(
            routes.len() == 1 && routes[0].ends_with(&format!(";transport={transport}")),
            "{routes:?}\n{}",
            kamailio.log()
        );
    }
    handset.answer(call_id(&incoming));
    let established = handset.wait_call_state("established", SHORT);
    assert_eq!(established["direction"], "incoming");
    baresip.wait_event("CALL_ESTABLISHED", SHORT);
    // baresip hangs up when its speech file ends; the BYE reaches Handset down the same
    // connection (kamailio's Contact alias), and the call ends as a remote hang-up.
    baresip.wait_event("CALL_CLOSED", LONG);
    let reason = handset.wait_call_ended(LONG);
    assert_eq!(reason, json!({"reason": "remote_hangup"}));
    assert!(handset.quit().success());

    let label = format!("baresip -> Handset over {transport}");
    assert_carries_speech(&label, &speech, &recording);
    let label = format!("Handset over {transport} -> baresip");
    assert_carries_speech(&label, &speech, &baresip.received_audio());
}

/// The baseline: the same call with alice on UDP, so a failure over TCP or TLS points at
/// the transport, not at the routing.
#[test]
fn registers_over_udp_and_takes_a_call() {
    takes_a_call_over("udp", false);
}

#[test]
fn registers_over_tcp_and_takes_a_call_on_that_connection() {
    takes_a_call_over("tcp", false);
}

#[test]
fn registers_over_tls_trusting_the_self_signed_certificate_and_takes_a_call() {
    takes_a_call_over("tls", true);
}

#[test]
fn tls_without_trusting_the_certificate_fails_clearly_without_a_retry_storm() {
    let scratch = Scratch::new("kamailio-tls-untrusted");
    let kamailio = Kamailio::start_for_transports(&scratch.subdir("kamailio"));
    let mut handset = handset_over(&scratch, &kamailio, "tls", None, &["--audio", "null"]);
    let failed = registration_outcome(&mut handset);
    assert_eq!(
        registration_state(&failed),
        Some("failed"),
        "{failed}\n{}",
        kamailio.log()
    );
    let failure = &failed["state"]["failure"];
    let detail = failure["detail"].as_str().unwrap_or_default();
    assert!(
        detail.to_lowercase().contains("certif"),
        "the failure should say the certificate is the problem: {failed}"
    );

    // Give a retry storm time to show before counting: a few seconds, many times what a
    // handshake takes on loopback.
    std::thread::sleep(Duration::from_secs(3));
    assert!(handset.quit().success());
    // A back-off retry is fine; more than one within the window is a storm.
    let outcomes = handset
        .events_seen()
        .iter()
        .filter(|e| registration_state(e) == Some("failed"))
        .count();
    assert!((1..=2).contains(&outcomes), "{:?}", handset.events_seen());
    let handshakes = kamailio.failed_tls_handshakes();
    assert!(
        (1..=2).contains(&handshakes),
        "kamailio saw {handshakes} refused TLS handshakes\n{}",
        kamailio.log()
    );
    assert_eq!(registers_seen(&kamailio.log()), 0, "{}", kamailio.log());
}

/// Registers a baresip as `user` over `transport` ("tcp" or "tls", the latter trusting the
/// kamailio's certificate with `sip_cafile`), waits until kamailio saved that binding, and
/// stops baresip. A check of kamailio from outside Handset.
pub fn baresip_registers(
    dir: &Path,
    kamailio: &Kamailio,
    user: &str,
    password: &str,
    transport: &str,
) {
    let program = require("baresip", "baresip");
    std::fs::create_dir_all(dir).unwrap();
    // baresip also binds TLS on the SIP port + 1.
    let sip_port = free_port_block(2);
    let config = format!(
        "poll_method\tepoll\n\
         sip_listen\t127.0.0.1:{sip_port}\n\
         net_interface\t127.0.0.1\n\
         sip_cafile\t{}\n\
         module_path\t/usr/lib/baresip/modules\n\
         module_app\taccount.so\n",
        kamailio.certificate().display()
    );
    std::fs::write(dir.join("config"), config).unwrap();
    let account = format!(
        "<sip:{user}@sip.test;transport={transport}>;auth_pass={password};\
         outbound=\"{};lr\";regint=60\n",
        kamailio.proxy(transport)
    );
    std::fs::write(dir.join("accounts"), account).unwrap();
    std::fs::write(dir.join("contacts"), "").unwrap();
    let log = std::fs::File::create(dir.join("baresip.log")).unwrap();
    let mut command = Command::new(program);
    command
        .arg("-f")
        .arg(dir)
        .arg("-s")
        .env("HOME", dir)
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    let mut baresip = ChildGuard::spawn(&format!("baresip {user} over {transport}"), &mut command);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !kamailio.bindings(user).iter().any(|t| t == transport) {
        if Instant::now() >= deadline || baresip.try_exit_status().is_some() {
            panic!(
                "baresip did not register {user} over {transport} within 20 s\n\
                 kamailio:\n{}\nbaresip:\n{}",
                kamailio.log(),
                std::fs::read_to_string(dir.join("baresip.log")).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    baresip.terminate(Duration::from_secs(5));
}
