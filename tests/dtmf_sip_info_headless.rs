//! A scripted SIP peer over real UDP calls headless Handset, then sends SIP INFO
//! `application/dtmf-relay` inside the call: Handset answers 200 and prints `dtmf_received`.

mod common;

use common::handset::{call_id, Handset, SHORT};
use common::scratch::Scratch;
use std::net::UdpSocket;
use std::time::{Duration, Instant};

/// A minimal UAC: one dialog, requests written by hand.
struct Peer {
    socket: UdpSocket,
    port: u16,
    handset: String,
}

impl Peer {
    fn new(handset_port: u16) -> Peer {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let port = socket.local_addr().unwrap().port();
        Peer {
            socket,
            port,
            handset: format!("127.0.0.1:{handset_port}"),
        }
    }

    fn request(&self, method: &str, seq: u32, to_tag: &str, extra: &str, body: &str) -> String {
        let to_tag = if to_tag.is_empty() {
            String::new()
        } else {
            format!(";tag={to_tag}")
        };
        format!(
            "{method} sip:handset@{h} SIP/2.0\r\n\
Via: SIP/2.0/UDP 127.0.0.1:{p};branch=z9hG4bK-{method}-{seq}\r\n\
Max-Forwards: 70\r\nFrom: <sip:peer@127.0.0.1:{p}>;tag=peertag\r\n\
To: <sip:handset@{h}>{to_tag}\r\nCall-ID: info-dtmf@peer\r\nCSeq: {seq} {method}\r\n\
Contact: <sip:peer@127.0.0.1:{p}>\r\n{extra}Content-Length: {len}\r\n\r\n{body}",
            h = self.handset,
            p = self.port,
            len = body.len()
        )
    }

    fn send(&self, message: &str) {
        self.socket
            .send_to(message.as_bytes(), &self.handset)
            .unwrap();
    }

    /// The first response starting with `status` whose CSeq names `method`.
    fn wait_response(&self, status: &str, method: &str) -> String {
        let deadline = Instant::now() + SHORT;
        let mut seen = Vec::new();
        let mut buffer = vec![0u8; 65_535];
        while Instant::now() < deadline {
            let Ok((len, _)) = self.socket.recv_from(&mut buffer) else {
                continue;
            };
            let text = String::from_utf8_lossy(&buffer[..len]).into_owned();
            let cseq_matches = text
                .lines()
                .any(|l| l.starts_with("CSeq:") && l.trim_end().ends_with(method));
            if text.starts_with(status) && cseq_matches {
                return text;
            }
            seen.push(text.lines().next().unwrap_or_default().to_owned());
        }
        panic!("no {status} to {method} from handset; saw {seen:?}");
    }
}

fn to_tag(response: &str) -> String {
    response
        .lines()
        .find(|l| l.starts_with("To:"))
        .and_then(|l| l.split(";tag=").nth(1))
        .map(|t| t.trim().to_owned())
        .expect("the 200 carries a To tag")
}

#[test]
fn info_dtmf_relay_in_a_call_gets_200_and_an_event() {
    let scratch = Scratch::new("dtmf-sip-info");
    let (mut handset, port) = Handset::start_on_loopback(
        &scratch,
        &["--auto-answer", "--audio", "null", "--user", "handset"],
    );
    let peer = Peer::new(port);
    let rtp = UdpSocket::bind("127.0.0.1:0").unwrap();
    let sdp = format!(
        "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n\
m=audio {} RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n",
        rtp.local_addr().unwrap().port()
    );
    peer.send(&peer.request("INVITE", 1, "", "Content-Type: application/sdp\r\n", &sdp));
    let ok = peer.wait_response("SIP/2.0 200", "INVITE");
    let tag = to_tag(&ok);
    peer.send(&peer.request("ACK", 1, &tag, "", ""));
    let established = handset.wait_call_state("established", SHORT);
    let call = call_id(&established);

    peer.send(&peer.request(
        "INFO",
        2,
        &tag,
        "Content-Type: application/dtmf-relay\r\n",
        "Signal=5\r\nDuration=160\r\n",
    ));
    peer.wait_response("SIP/2.0 200", "INFO");
    let event = handset.wait_event("dtmf_received", SHORT);
    assert_eq!(call_id(&event), call);
    assert_eq!(event["digit"], "5");
    assert_eq!(event["duration_ms"], 160);

    peer.send(&peer.request("INFO", 3, &tag, "Content-Type: application/dtmf\r\n", "#"));
    peer.wait_response("SIP/2.0 200", "INFO");
    let event = handset.wait_event("dtmf_received", SHORT);
    assert_eq!(event["digit"], "#");

    peer.send(&peer.request("BYE", 4, &tag, "", ""));
    peer.wait_response("SIP/2.0 200", "BYE");
    handset.wait_call_ended(SHORT);
    assert!(handset.quit().success(), "handset exited with an error");
}

/// The headless face reads `send_dtmf` as the engine's SendDtmf command.
#[test]
fn send_dtmf_json_line_is_the_send_dtmf_command() {
    use handset::engine::api::{CallId, Command};
    let command: Command =
        serde_json::from_str(r#"{"command":"send_dtmf","call":1,"digits":"123#"}"#).unwrap();
    assert_eq!(
        command,
        Command::SendDtmf {
            call: CallId(1),
            digits: "123#".to_owned()
        }
    );
}
