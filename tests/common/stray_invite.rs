//! One INVITE sent straight to Handset from a socket of the test's own, as a scanner or a
//! caller going around the proxy would send it.

use std::net::{SocketAddr, UdpSocket};
use std::time::Duration;

/// Sends one INVITE for `request_uri` to `handset` and returns the first final status.
pub fn final_status(handset: SocketAddr, request_uri: &str) -> u16 {
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
            .expect("an answer to the INVITE within 5 s (a liveness bound)");
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
