//! Handset registers with kamailio over TCP, and a call to it arrives down that same
//! connection: Handset's TCP listener is switched off, so the registration's connection is
//! the only way in. baresip, registered over UDP, calls alice; the call is answered and
//! hung up (the BYE also goes over TCP, through kamailio's Record-Route).

mod common;

use common::accounts::AccountFolder;
use common::baresip::{AnswerMode, Baresip, BaresipRegistrar, BaresipSetup};
use common::handset::{args, call_id, Handset, LONG, SHORT};
use common::kamailio::{registrar_body, wait_registered, Kamailio};
use common::ports::free_port;
use common::scratch::Scratch;
use common::speech::speech_wav;
use serde_json::json;
use std::path::Path;

/// An account folder for alice at kamailio 127.0.0.1:`port` over TCP, with Handset's own TCP
/// listener off.
fn write_tcp_account(dir: &Path, port: u16) {
    let mut account = AccountFolder::new("alice", "alicepw", &format!("sip:127.0.0.1:{port}"));
    account.display_name = "Alice".into();
    account.transport = "tcp".into();
    account.expires = 60;
    account.own_transports = Some([true, false, false]);
    account.write(dir);
}

#[test]
fn a_call_reaches_handset_down_the_tcp_connection_it_registered_on() {
    let scratch = Scratch::new("kamailio-tcp");
    let port = free_port();
    let kamailio =
        Kamailio::start_with_tcp(&scratch.subdir("kamailio"), port, &registrar_body("MD5"));

    let config = scratch.subdir("accounts");
    write_tcp_account(&config, port);
    let (mut handset, _) = Handset::start(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--auto-answer",
            "--config",
            config.to_str().unwrap(),
        ]),
    );
    let registered = handset.wait_for(SHORT, "alice registered or failed", |e| {
        e["event"] == "registration"
            && matches!(e["state"]["state"].as_str(), Some("registered" | "failed"))
    });
    assert_eq!(
        registered["state"]["state"],
        "registered",
        "{registered}\n{}",
        kamailio.log()
    );
    wait_registered(|| kamailio.log(), "alice");

    let speech = speech_wav();
    let mut setup = BaresipSetup::new("bob", AnswerMode::Auto, &speech);
    setup.registrar = Some(BaresipRegistrar {
        domain: "sip.test".into(),
        proxy: format!("127.0.0.1:{port}"),
        password: "bobpw".into(),
    });
    let mut baresip = Baresip::start(&scratch.subdir("baresip"), &setup);
    wait_registered(|| kamailio.log(), "bob");

    baresip.dial("sip:alice@sip.test");
    let incoming = handset.wait_event("incoming_call", SHORT);
    let call = call_id(&incoming);
    let established = handset.wait_call_state("established", SHORT);
    assert_eq!(established["direction"], "incoming");
    baresip.wait_event("CALL_ESTABLISHED", SHORT);

    handset.hangup(call);
    baresip.wait_event("CALL_CLOSED", SHORT);
    let reason = handset.wait_call_ended(LONG);
    assert_eq!(reason, json!({"reason": "local_hangup"}));
    assert!(handset.quit().success(), "handset exited with an error");
}

#[test]
fn a_registrar_that_drops_the_connection_is_noticed_at_once_and_registered_with_again() {
    let scratch = Scratch::new("kamailio-tcp-restart");
    let port = free_port();
    let kamailio_dir = scratch.subdir("kamailio");
    let kamailio = Kamailio::start_with_tcp(&kamailio_dir, port, &registrar_body("MD5"));
    let config = scratch.subdir("accounts");
    write_tcp_account(&config, port);
    let (mut handset, _) = Handset::start(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--config",
            config.to_str().unwrap(),
        ]),
    );
    let is_state = |e: &serde_json::Value, states: &[&str]| {
        e["event"] == "registration"
            && states.contains(&e["state"]["state"].as_str().unwrap_or_default())
    };
    handset.wait_for(SHORT, "registered", |e| is_state(e, &["registered"]));
    drop(kamailio);

    // The connection closes with kamailio: Handset registers again at once, and since
    // nobody listens, says why (no waiting for a refresh, nor for timer F). Whether the
    // new connection is refused or reaches a kamailio still shutting down and is reset
    // depends on how fast kamailio's processes exit; either way the user is told that
    // the network path to the registrar failed.
    let failed = handset.wait_for(SHORT, "a failure after kamailio died", |e| {
        is_state(e, &["failed"])
    });
    assert_eq!(failed["state"]["failure"]["reason"], "network", "{failed}");
    let detail = failed["state"]["failure"]["detail"]
        .as_str()
        .unwrap_or_default();
    let registrar = format!("127.0.0.1:{port}");
    let says_why = detail.contains(&format!("cannot connect to {registrar}"))
        || detail.contains(&format!("the connection to {registrar} broke"));
    assert!(says_why, "{detail}");

    let kamailio = Kamailio::start_with_tcp(&kamailio_dir, port, &registrar_body("MD5"));
    let back = handset.wait_for(LONG, "registered again", |e| is_state(e, &["registered"]));
    assert_eq!(back["state"]["state"], "registered", "{}", kamailio.log());
    assert!(handset.quit().success());
}
