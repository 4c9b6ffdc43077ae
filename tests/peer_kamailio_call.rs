//! A registered Handset calls a registered baresip through kamailio, which challenges the
//! INVITE (407), and speech flows both ways.

mod common;

use common::accounts::write_account_folder;
use common::baresip::{AnswerMode, Baresip, BaresipRegistrar, BaresipSetup};
use common::handset::{args, Handset, LONG, SHORT};
use common::kamailio::{registrar_body, wait_registered, Kamailio};
use common::pesq::assert_carries_speech;
use common::ports::free_port;
use common::scratch::Scratch;
use common::speech::speech_wav;
use serde_json::json;

#[test]
fn registered_handset_calls_registered_baresip_through_kamailio() {
    let scratch = Scratch::new("kamailio-call");
    let port = free_port();
    let kamailio = Kamailio::start(&scratch.subdir("kamailio"), port, &registrar_body("MD5"));
    let speech = speech_wav();
    let mut setup = BaresipSetup::new("bob", AnswerMode::Auto, &speech);
    setup.registrar = Some(BaresipRegistrar {
        domain: "sip.test".into(),
        proxy: format!("127.0.0.1:{port}"),
        password: "bobpw".into(),
    });
    let mut baresip = Baresip::start(&scratch.subdir("baresip"), &setup);
    // baresip registers before its control connection is up, so its REGISTER_OK may be
    // lost: read kamailio's log instead.
    wait_registered(|| kamailio.log(), "bob");

    let config = scratch.subdir("accounts");
    write_account_folder(&config, "alice", "alicepw", port, 60);
    let recording = scratch.join("handset-heard.wav");
    let (mut handset, _) = Handset::start(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--config",
            config.to_str().unwrap(),
            "--play",
            speech.to_str().unwrap(),
            "--record",
            recording.to_str().unwrap(),
        ]),
    );
    handset.wait_for(SHORT, "alice registered", |e| {
        e["event"] == "registration" && e["state"]["state"] == "registered"
    });

    // A bare user name is completed with the account's domain and sent via kamailio.
    handset.dial("bob");
    let established = handset.wait_call_state("established", SHORT);
    assert_eq!(established["direction"], "outgoing");
    baresip.wait_event("CALL_ESTABLISHED", SHORT);
    baresip.wait_event("CALL_CLOSED", LONG);
    let reason = handset.wait_call_ended(LONG);
    assert_eq!(reason, json!({"reason": "remote_hangup"}));
    assert!(handset.quit().success());

    assert_carries_speech("Handset -> baresip", &speech, &baresip.received_audio());
    assert_carries_speech("baresip -> Handset", &speech, &recording);
}
