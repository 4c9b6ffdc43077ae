//! Bad input from the network, the command line or stdin gets a clear answer, never a crash
//! or a hang.

mod common;

use common::handset::{args, Handset, LONG, SHORT};
use common::ports::{free_port, free_port_block};
use common::scratch::Scratch;
use serde_json::{json, Value};
use std::net::UdpSocket;
use std::time::{Duration, Instant};

/// A plain UDP socket that speaks raw SIP to Handset.
struct RawSip {
    socket: UdpSocket,
    handset: String,
}

impl RawSip {
    fn new(handset_port: u16) -> RawSip {
        let socket = UdpSocket::bind(("127.0.0.1", free_port_block(1))).unwrap();
        RawSip {
            socket,
            handset: format!("127.0.0.1:{handset_port}"),
        }
    }

    fn port(&self) -> u16 {
        self.socket.local_addr().unwrap().port()
    }

    fn send(&self, message: &str) {
        self.send_bytes(message.as_bytes());
    }

    fn send_bytes(&self, message: &[u8]) {
        self.socket.send_to(message, &self.handset).unwrap();
    }

    /// Reads responses until a final one (>= 200) and returns its status line and text.
    fn final_response(&self, limit: Duration) -> (u16, String) {
        let deadline = Instant::now() + limit;
        let mut buffer = [0u8; 65_535];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "no final SIP response from handset within {} s",
                limit.as_secs()
            );
            self.socket.set_read_timeout(Some(left)).unwrap();
            let Ok((len, _)) = self.socket.recv_from(&mut buffer) else {
                continue;
            };
            let text = String::from_utf8_lossy(&buffer[..len]).to_string();
            let code = status_code(&text).unwrap_or_else(|| {
                panic!("handset sent something that is not a response:\n{text}")
            });
            if code >= 200 {
                return (code, text);
            }
        }
    }
}

fn status_code(message: &str) -> Option<u16> {
    let first = message.lines().next()?;
    let rest = first.strip_prefix("SIP/2.0 ")?;
    rest.get(..3)?.parse().ok()
}

/// A request with every mandatory header, `extra` headers and `body`.
fn request(method: &str, handset_port: u16, from_port: u16, extra: &str, body: &str) -> String {
    let branch = format!("z9hG4bK-bad-{method}-{from_port}");
    format!(
        "{method} sip:handset@127.0.0.1:{handset_port} SIP/2.0\r\n\
         Via: SIP/2.0/UDP 127.0.0.1:{from_port};branch={branch}\r\n\
         Max-Forwards: 70\r\n\
         From: <sip:tester@127.0.0.1:{from_port}>;tag=bad1\r\n\
         To: <sip:handset@127.0.0.1:{handset_port}>\r\n\
         Call-ID: bad-input-{method}-{from_port}@127.0.0.1\r\n\
         CSeq: 1 {method}\r\n\
         Contact: <sip:tester@127.0.0.1:{from_port}>\r\n\
         {extra}\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// Handset with the fixed user the raw requests below name (`--user handset`).
fn start(scratch: &Scratch, extra: &[&str]) -> (Handset, u16) {
    let mut list = vec!["--audio", "null", "--user", "handset"];
    list.extend_from_slice(extra);
    Handset::start_on_loopback(scratch, &list)
}

fn assert_no_panic(handset: &Handset) {
    let stderr = handset.stderr_text();
    assert!(!stderr.contains("panicked"), "handset panicked:\n{stderr}");
}

#[test]
fn malformed_sip_requests_get_400_and_handset_keeps_running() {
    let scratch = Scratch::new("bad-sip");
    let (mut handset, port) = start(&scratch, &[]);

    // RFC 3261 18.3: a UDP request whose body is shorter than its Content-Length is an error.
    let peer = RawSip::new(port);
    let short_body = request("OPTIONS", port, peer.port(), "", "")
        .replace("Content-Length: 0", "Content-Length: 400");
    peer.send(&short_body);
    let (code, response) = peer.final_response(SHORT);
    assert_eq!(code, 400, "Content-Length beyond the datagram:\n{response}");

    // A header line with no colon breaks the message grammar.
    let peer = RawSip::new(port);
    let broken_header = request(
        "OPTIONS",
        port,
        peer.port(),
        "This line is not a header\r\n",
        "",
    );
    peer.send(&broken_header);
    let (code, response) = peer.final_response(SHORT);
    assert_eq!(code, 400, "a header line without a colon:\n{response}");

    // Bytes that are not SIP at all cannot be answered; they must simply not hurt.
    peer.send("\u{0}\u{1}\u{2} definitely not SIP \u{7f}");
    peer.send("");

    assert!(
        handset.quit().success(),
        "handset should still stop cleanly"
    );
    assert_no_panic(&handset);
}

/// One tortuous request: its name, how to write it for a peer, and the status and reason
/// phrase it must get.
type TortureCase = (
    &'static str,
    Box<dyn Fn(&RawSip) -> Vec<u8>>,
    u16,
    &'static str,
);

/// The reason phrase of a response's status line.
fn reason_phrase(response: &str) -> &str {
    response
        .lines()
        .next()
        .and_then(|line| line.get("SIP/2.0 123 ".len()..))
        .unwrap_or_default()
}

#[test]
fn tortuous_requests_get_the_status_that_says_what_is_wrong() {
    let scratch = Scratch::new("torture-sip");
    let (mut handset, port) = start(&scratch, &[]);
    let options =
        move |peer: &RawSip, extra: &str| request("OPTIONS", port, peer.port(), extra, "");
    let cases: Vec<TortureCase> = vec![
        (
            "one header line of 60 KB",
            Box::new(move |peer| {
                options(peer, &format!("X-Long: {}\r\n", "a".repeat(60_000))).into_bytes()
            }),
            400,
            "Header Line Too Long",
        ),
        (
            "3,000 extension headers",
            Box::new(move |peer| options(peer, &"X-Ext: 1\r\n".repeat(3000)).into_bytes()),
            400,
            "Too Many Headers",
        ),
        (
            "invalid UTF-8 in From",
            Box::new(move |peer| {
                let mut bytes = options(peer, "").into_bytes();
                let at = String::from_utf8_lossy(&bytes).find("tester").unwrap_or(0);
                bytes.splice(at..at + 2, [0xC3, 0x28]);
                bytes
            }),
            400,
            "Invalid UTF-8",
        ),
        (
            "a Request-URI with an unknown scheme",
            Box::new(move |peer| {
                options(peer, "")
                    .replacen("OPTIONS sip:", "OPTIONS nope:", 1)
                    .into_bytes()
            }),
            416,
            "Unsupported URI Scheme",
        ),
        (
            "two different Content-Lengths",
            Box::new(move |peer| options(peer, "Content-Length: 7\r\n").into_bytes()),
            400,
            "Conflicting Content-Length",
        ),
        (
            "no Call-ID",
            Box::new(move |peer| {
                let text = options(peer, "");
                let call_id = text
                    .lines()
                    .find(|line| line.starts_with("Call-ID"))
                    .map(|line| format!("{line}\r\n"))
                    .unwrap_or_default();
                text.replace(&call_id, "").into_bytes()
            }),
            400,
            "Missing Call-ID",
        ),
    ];
    for (name, message, status, reason) in cases {
        let peer = RawSip::new(port);
        peer.send_bytes(&message(&peer));
        let (code, response) = peer.final_response(SHORT);
        assert_eq!(
            (code, reason_phrase(&response)),
            (status, reason),
            "{name}:\n{response}"
        );
    }
    // And a plain OPTIONS still gets its 200.
    let peer = RawSip::new(port);
    peer.send(&options(&peer, ""));
    let (code, response) = peer.final_response(SHORT);
    assert_eq!(code, 200, "a plain OPTIONS after the torture:\n{response}");
    assert!(
        handset.quit().success(),
        "handset should still stop cleanly"
    );
    assert_no_panic(&handset);
}

#[test]
fn invite_with_malformed_sdp_gets_488() {
    let scratch = Scratch::new("bad-sdp");
    let (mut handset, port) = start(&scratch, &["--auto-answer"]);
    let peer = RawSip::new(port);
    let body = "v=0\r\no=broken\r\nthis is not an SDP line\r\nm=audio notaport RTP/AVP\r\n";
    let invite = request(
        "INVITE",
        port,
        peer.port(),
        "Content-Type: application/sdp\r\n",
        body,
    );
    peer.send(&invite);
    let (code, response) = peer.final_response(SHORT);
    assert_eq!(code, 488, "an unreadable offer:\n{response}");

    // Acknowledge the failure response so Handset's transaction ends quietly.
    let to_line = response
        .lines()
        .find(|line| line.to_ascii_lowercase().starts_with("to:"))
        .unwrap_or("To: <sip:handset@127.0.0.1>")
        .to_string();
    let ack = request("ACK", port, peer.port(), "", "")
        .replace("branch=z9hG4bK-bad-ACK", "branch=z9hG4bK-bad-INVITE")
        .replace("Call-ID: bad-input-ACK", "Call-ID: bad-input-INVITE")
        .replace(
            &format!("To: <sip:handset@127.0.0.1:{port}>"),
            to_line.trim_end(),
        );
    peer.send(&ack);

    let events: Vec<Value> = handset.drain_events();
    assert!(
        !events
            .iter()
            .any(|event| event["event"] == "call_state" && event["state"] == "established"),
        "a call with an unreadable offer must not be established: {events:?}"
    );
    assert!(handset.quit().success());
    assert_no_panic(&handset);
}

#[test]
fn call_to_a_silent_address_ends_with_no_response() {
    let scratch = Scratch::new("unreachable");
    let (mut handset, _port) = start(&scratch, &[]);
    // Nothing listens on this port; Timer B (64 * T1 = 32 s) ends the INVITE transaction.
    let closed = free_port();
    handset.dial(&format!("sip:nobody@127.0.0.1:{closed}"));
    let calling = handset.wait_call_state("calling", SHORT);
    assert_eq!(calling["direction"], "outgoing");
    let reason = handset.wait_call_ended(LONG);
    println!("unreachable peer: {reason}");
    // Linux may report the ICMP port-unreachable, which a UA may treat as a transport error.
    assert!(
        reason == json!({"reason": "no_response"}) || reason["reason"] == "transport_error",
        "expected no_response (or transport_error), got {reason}"
    );
    assert!(handset.quit().success());
}

#[test]
fn missing_play_file_is_a_clear_startup_error() {
    let scratch = Scratch::new("missing-wav");
    let missing = scratch.join("no-such-speech.wav");
    let listen = format!("127.0.0.1:{}", free_port());
    let mut handset = Handset::spawn(
        &scratch,
        &args(&["--listen", &listen, "--play", missing.to_str().unwrap()]),
    );
    let status = handset.wait_exit(SHORT);
    assert!(
        !status.success(),
        "a missing --play file must fail: {status}"
    );
    let output = all_output(&mut handset);
    assert!(
        output.contains("no-such-speech.wav"),
        "the error should name the missing file:\n{output}"
    );
    assert_no_panic(&handset);
}

#[test]
fn busy_listen_port_is_a_clear_startup_error() {
    let scratch = Scratch::new("busy-port");
    let port = free_port();
    let _squatter = UdpSocket::bind(("127.0.0.1", port)).unwrap();
    let listen = format!("127.0.0.1:{port}");
    let mut handset = Handset::spawn(&scratch, &args(&["--listen", &listen, "--audio", "null"]));
    let status = handset.wait_exit(SHORT);
    assert!(
        !status.success(),
        "a busy --listen port must fail: {status}"
    );
    let output = all_output(&mut handset);
    assert!(
        output.contains(&port.to_string()),
        "the error should name the address {listen}:\n{output}"
    );
    assert_no_panic(&handset);
}

#[test]
fn bad_commands_on_stdin_get_error_events() {
    let scratch = Scratch::new("bad-commands");
    let (mut handset, _port) = start(&scratch, &[]);
    handset.send(json!("this is a JSON string, not a command"));
    let first = handset.wait_event("error", SHORT);
    handset.send(json!({"command": "fly_to_the_moon"}));
    let second = handset.wait_event("error", SHORT);
    handset.send(json!({"command": "hangup", "call": 4242}));
    let third = handset.wait_event("error", SHORT);
    println!("errors: {first}\n{second}\n{third}");
    for error in [&first, &second, &third] {
        assert!(
            error["code"].as_str().is_some_and(|code| !code.is_empty()),
            "an error event carries a stable code: {error}"
        );
    }
    assert!(handset.quit().success());
    assert_no_panic(&handset);
}

/// Scripts often keep the pipe to Handset's stdin open after sending `quit`; Handset must
/// still exit once it has stopped.
#[test]
fn quit_exits_even_while_stdin_stays_open() {
    let scratch = Scratch::new("quit-stdin-open");
    let (mut handset, _port) = start(&scratch, &[]);
    handset.send(json!({"command": "quit"}));
    handset.wait_event("stopped", SHORT);
    let status = handset.wait_exit(SHORT);
    assert!(status.success(), "handset: {status}");
}

/// Handset's stderr and every event it printed, for checking error messages.
fn all_output(handset: &mut Handset) -> String {
    handset.collect_remaining_output();
    let events: Vec<String> = handset.events_seen().iter().map(Value::to_string).collect();
    format!("{}\n{}", handset.stderr_text(), events.join("\n"))
}
