//! `handset headless --config DIR` registering its account with a real kamailio.

mod common;

use common::accounts::write_account_folder;
use common::handset::{args, registration_state, Handset, LONG, SHORT};
use common::kamailio::{registers_seen, registrar_body, Kamailio};
use common::ports::free_port;
use common::scratch::Scratch;

/// Starts Handset with an account folder for alice at kamailio `port`.
fn handset_for(scratch: &Scratch, password: &str, port: u16) -> Handset {
    let config = scratch.subdir("accounts");
    write_account_folder(&config, "alice", password, port, 60);
    let config = config.display().to_string();
    let (handset, _) = Handset::start(
        scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--config",
            &config,
        ]),
    );
    handset
}

fn registers_with(algorithm: &str, label: &str) {
    let scratch = Scratch::new(label);
    let port = free_port();
    let kamailio = Kamailio::start(
        &scratch.subdir("kamailio"),
        port,
        &registrar_body(algorithm),
    );
    let mut handset = handset_for(&scratch, "alicepw", port);
    let registered = handset.wait_for(SHORT, "a `registered` registration event", |e| {
        matches!(registration_state(e), Some("registered" | "failed"))
    });
    assert_eq!(
        registration_state(&registered),
        Some("registered"),
        "{registered}\n{}",
        kamailio.log()
    );
    assert!(registered["state"]["until_unix"].as_u64().unwrap_or(0) > 0);
    assert!(handset.quit().success());
    // Quit unregisters: kamailio saw the REGISTER with Expires 0 before Handset stopped.
    assert!(registers_seen(&kamailio.log()) >= 3, "{}", kamailio.log());
}

#[test]
fn registers_with_an_md5_challenge() {
    registers_with("MD5", "kamailio-md5");
}

#[test]
fn registers_with_a_sha256_challenge() {
    registers_with("SHA-256", "kamailio-sha256");
}

#[test]
fn a_wrong_password_fails_once_without_a_retry_storm() {
    let scratch = Scratch::new("kamailio-wrong-password");
    let port = free_port();
    let kamailio = Kamailio::start(&scratch.subdir("kamailio"), port, &registrar_body("MD5"));
    let mut handset = handset_for(&scratch, "not-alices-password", port);
    let failed = handset.wait_for(SHORT, "a registration outcome", |e| {
        matches!(registration_state(e), Some("registered" | "failed"))
    });
    assert_eq!(registration_state(&failed), Some("failed"), "{failed}");
    assert_eq!(failed["state"]["failure"]["reason"], "wrong_credentials");
    assert!(failed["state"]["retry_at_unix"].is_null(), "{failed}");
    // Give a storm the chance to show: a status round trip after the failure.
    assert!(handset.quit().success());
    let outcomes = handset
        .events_seen()
        .iter()
        .filter(|e| registration_state(e) == Some("failed"))
        .count();
    assert_eq!(outcomes, 1, "{:?}", handset.events_seen());
    let seen = registers_seen(&kamailio.log());
    assert!(
        (1..=2).contains(&seen),
        "kamailio saw {seen} REGISTERs\n{}",
        kamailio.log()
    );
}

#[test]
fn a_lost_registrar_shows_and_a_restarted_one_gets_us_back_within_seconds() {
    let scratch = Scratch::new("kamailio-restart");
    let port = free_port();
    let kamailio_dir = scratch.subdir("kamailio");
    let kamailio = Kamailio::start(&kamailio_dir, port, &registrar_body("MD5"));
    let config = scratch.subdir("accounts");
    // A 10 s binding is refreshed after 5 s, so the outage is noticed quickly.
    write_account_folder(&config, "alice", "alicepw", port, 10);
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
    handset.wait_for(SHORT, "registered", |e| {
        registration_state(e) == Some("registered")
    });
    drop(kamailio);

    // The refresh goes unanswered until timer F (32 s): the failure shows, with a retry.
    let failed = handset.wait_for(LONG, "a failure after kamailio died", |e| {
        registration_state(e) == Some("failed")
    });
    assert_eq!(
        failed["state"]["failure"]["reason"], "no_response",
        "{failed}"
    );
    assert!(failed["state"]["retry_at_unix"].is_u64(), "{failed}");

    let kamailio = Kamailio::start(&kamailio_dir, port, &registrar_body("MD5"));
    let back = handset.wait_for(SHORT, "registered again", |e| {
        matches!(registration_state(e), Some("registered" | "failed"))
    });
    assert_eq!(
        registration_state(&back),
        Some("registered"),
        "{back}\n{}",
        kamailio.log()
    );
    assert!(handset.quit().success());
}
