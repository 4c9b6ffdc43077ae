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
use serde_json::{json, Value};
use std::net::{SocketAddr, UdpSocket};
use std::time::Duration;

/// Sends one INVITE for `request_uri` straight to `handset` from a socket of our own, and
/// returns the first final status.
fn direct_invite_status(handset: SocketAddr, request_uri: &str) -> u16 {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let me = socket.local_addr().unwrap();
    let sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n\
               m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    let invite = format!(
        "INVITE {request_uri} SIP/2.0\r\n\
         Via: SIP/2.0/UDP {me};branch=z9hG4bKdirect{}\r\nMax-Forwards: 70\r\n\
         From: <sip:mallory@{me}>;tag=m1\r\nTo: <{request_uri}>\r\n\
         Call-ID: direct-{}@mallory\r\nCSeq: 1 INVITE\r\nContact: <sip:mallory@{me}>\r\n\
         Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{sdp}",
        me.port(),
        me.port(),
        sdp.len()
    );
    socket.send_to(invite.as_bytes(), handset).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        let (len, _) = socket
            .recv_from(&mut buf)
            .expect("an answer to the direct INVITE within 5 s (a liveness bound)");
        let text = String::from_utf8_lossy(&buf[..len]);
        let code: u16 = text
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        if code >= 200 {
            return code;
        }
    }
}

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
    assert_eq!(direct_invite_status(listen, &alice_direct), 403);
    assert_eq!(direct_invite_status(listen, &handset.address()), 403);
    assert_eq!(
        direct_invite_status(listen, &format!("sip:100@{listen}")),
        404
    );

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
