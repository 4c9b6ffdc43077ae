//! No ghost calls with an account: Handset registered as alice at a real kamailio. An INVITE
//! sent straight to Handset's port, around the proxy, does not ring (403), neither for the
//! account's user nor for the peer-to-peer address; the same call placed by a registered
//! baresip through kamailio rings on the account.

mod common;

use common::accounts::write_account_folder;
use common::baresip::{AnswerMode, Baresip, BaresipRegistrar, BaresipSetup};
use common::handset::{args, call_id, Handset, SHORT};
use common::kamailio::{registrar_body, wait_registered, Kamailio};
use common::ports::free_port;
use common::scratch::Scratch;
use common::speech::speech_wav;
use common::stray_invite::final_status;
use serde_json::{json, Value};
use std::net::SocketAddr;

fn is_incoming(event: &Value) -> bool {
    event["event"] == "incoming_call"
}

#[test]
fn a_call_around_the_proxy_never_rings_and_one_through_it_does() {
    let scratch = Scratch::new("ghost-kamailio");
    let port = free_port();
    let kamailio = Kamailio::start(&scratch.subdir("kamailio"), port, &registrar_body("MD5"));
    let config = scratch.subdir("accounts");
    write_account_folder(&config, "alice", "alicepw", port, 60);
    let (mut handset, ready) = Handset::start(
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
    let listen: SocketAddr = ready["listen"].as_str().unwrap().parse().unwrap();
    handset.wait_for(SHORT, "alice registered", |e| {
        e["event"] == "registration" && e["state"]["state"] == "registered"
    });
    wait_registered(|| kamailio.log(), "alice");

    // Around the proxy: the account's user, and the peer-to-peer address (direct calls are
    // off by default while an account is set up).
    let alice_direct = format!("sip:alice@{listen}");
    assert_eq!(final_status(listen, &alice_direct), 403);
    assert_eq!(final_status(listen, &handset.address()), 403);
    assert_eq!(final_status(listen, &format!("sip:100@{listen}")), 404);

    // Through the proxy: baresip, registered as bob, calls alice at sip.test.
    let mut setup = BaresipSetup::new("bob", AnswerMode::Auto, &speech_wav());
    setup.registrar = Some(BaresipRegistrar {
        domain: "sip.test".into(),
        proxy: format!("127.0.0.1:{port}"),
        password: "bobpw".into(),
    });
    let mut baresip = Baresip::start(&scratch.subdir("baresip"), &setup);
    wait_registered(|| kamailio.log(), "bob");
    baresip.dial("sip:alice@sip.test");
    let incoming = handset.wait_for(SHORT, "the call through kamailio", is_incoming);
    assert_eq!(incoming["account"], 1, "{incoming}");
    assert!(
        incoming["from"]
            .as_str()
            .unwrap_or_default()
            .contains("bob"),
        "{incoming}"
    );
    handset.send(json!({"command": "decline", "call": call_id(&incoming)}));
    handset.wait_call_ended(SHORT);

    handset.drain_events();
    let rang = handset
        .events_seen()
        .iter()
        .filter(|e| is_incoming(e))
        .count();
    assert_eq!(rang, 1, "only the call through kamailio may ring");
    assert!(handset.quit().success());
    baresip.quit();
}
