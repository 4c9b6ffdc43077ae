//! Dialling as a user would: type an address into the window and press Enter; a SIP peer at
//! that address must receive our INVITE for exactly that Request-URI.

mod gui_support;

use gui_support::{Handset, Xvfb};
use std::net::UdpSocket;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// A SIP "peer" that never answers: it reports the Request-URI of the first INVITE it gets.
fn silent_peer() -> (u16, mpsc::Receiver<String>) {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = socket.local_addr().unwrap().port();
    let (found, invites) = mpsc::channel();
    thread::spawn(move || {
        let mut buffer = [0u8; 65536];
        while let Ok((length, _)) = socket.recv_from(&mut buffer) {
            let datagram = String::from_utf8_lossy(&buffer[..length]);
            let request_line = datagram.lines().next().unwrap_or_default();
            let mut parts = request_line.split(' ');
            if parts.next() == Some("INVITE") {
                let uri = parts.next().unwrap_or_default().to_owned();
                if found.send(uri).is_err() {
                    return;
                }
            }
        }
    });
    (port, invites)
}

#[test]
fn typing_an_address_and_pressing_enter_sends_an_invite_there() {
    gui_support::require_tools();
    let dir = gui_support::artifacts_dir("gui_dial");
    let (peer_port, invites) = silent_peer();
    let target = format!("sip:bob@127.0.0.1:{peer_port}");

    let xvfb = Xvfb::start();
    let mut handset = Handset::start(&xvfb, "127.0.0.1:0", &dir);
    let window = handset.wait_for_window(&xvfb);
    handset.wait_until_drawn(&xvfb, &window, &dir.join("before-dial.png"));

    // Give the window the keyboard as a click would; the address field has focus from start-up.
    xvfb.run_ok("xdotool", &["windowfocus", "--sync", &window]);
    xvfb.run_ok("xdotool", &["type", "--delay", "40", &target]);
    xvfb.run_ok("xdotool", &["key", "Return"]);

    // A watchdog on the wait, not a performance check: the INVITE normally arrives at once.
    let mut request_uri = None;
    for _ in 0..600 {
        handset.assert_running();
        if let Ok(uri) = invites.recv_timeout(Duration::from_millis(100)) {
            request_uri = Some(uri);
            break;
        }
    }
    let shot = dir.join("after-dial.png");
    xvfb.screenshot(&shot);
    let request_uri = request_uri.unwrap_or_else(|| {
        panic!(
            "the peer at {target} received no INVITE; screenshot at {}; handset's output:\n{}",
            shot.display(),
            handset.log()
        )
    });
    assert_eq!(request_uri, target);
}
