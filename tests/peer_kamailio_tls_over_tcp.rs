//! Handset registers with kamailio over TLS, checking kamailio's certificate against a CA the
//! account trusts, and a call from baresip (registered over UDP) arrives down that TLS
//! connection: Handset does not accept TLS connections, so there is no other way in.

mod common;

use common::accounts::AccountFolder;
use common::baresip::{AnswerMode, Baresip, BaresipRegistrar, BaresipSetup};
use common::certs::{CertificateLab, CURRENT};
use common::handset::{args, call_id, Handset, LONG, SHORT};
use common::kamailio::{registrar_body, wait_registered, Kamailio};
use common::ports::free_port;
use common::scratch::Scratch;
use common::speech::speech_wav;
use serde_json::json;
use std::path::{Path, PathBuf};

/// A CA (`ca.pem`) and a server certificate it signed for 127.0.0.1 (`server.pem`,
/// `server.key`), in `dir`.
fn make_certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let lab = CertificateLab::in_dir(dir);
    let ca = lab.certificate_authority("ca");
    let server = lab.leaf("server", "IP:127.0.0.1", &ca, CURRENT);
    (ca.certificate, server.certificate, server.key)
}

fn write_tls_account(dir: &Path, tls_port: u16, ca: &Path) {
    let proxy = format!("sips:127.0.0.1:{tls_port}");
    let mut account = AccountFolder::new("alice", "alicepw", &proxy);
    account.display_name = "Alice".into();
    account.transport = "tls".into();
    account.expires = 60;
    account.trusted_certificate = Some(ca.to_path_buf());
    account.write(dir);
}

#[test]
fn handset_registers_over_tls_and_a_call_arrives_down_that_connection() {
    let scratch = Scratch::new("kamailio-tls");
    let (ca, certificate, key) = make_certificates(&scratch.subdir("certificates"));
    let port = free_port();
    let tls_port = free_port();
    let kamailio = Kamailio::start_with_tls(
        &scratch.subdir("kamailio"),
        port,
        tls_port,
        &certificate,
        &key,
        &registrar_body("MD5"),
    );

    let config = scratch.subdir("accounts");
    write_tls_account(&config, tls_port, &ca);
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
    handset.wait_call_state("established", SHORT);
    baresip.wait_event("CALL_ESTABLISHED", SHORT);
    handset.hangup(call);
    baresip.wait_event("CALL_CLOSED", SHORT);
    assert_eq!(
        handset.wait_call_ended(LONG),
        json!({"reason": "local_hangup"})
    );
    assert!(handset.quit().success(), "handset exited with an error");
}
