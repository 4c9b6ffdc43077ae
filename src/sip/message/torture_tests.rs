//! Malformed and tortuous messages, in the spirit of RFC 4475 and of what SIP scanners send,
//! each with the answer Handset owes it. Written for Handset from the RFC's categories (not
//! taken from any test suite): valid but unusual messages are accepted; broken ones get the
//! status that says what is wrong; what cannot be answered is dropped.

use super::limits::{MAX_HEADER_LINES, MAX_HEADER_LINE_BYTES, MAX_URI_BYTES};
use super::parsed::{parse_datagram, Inbound};

/// What a message must get.
#[derive(Debug, PartialEq, Eq)]
enum Owed {
    /// Parsed and handed to the user agent.
    Accepted,
    /// Answered with this status, the reason phrase containing the text.
    Answered(u16, &'static str),
    /// Neither: nothing can be routed back, or it is a response or an ACK.
    Dropped,
}

const HEAD: &str = "OPTIONS sip:handset@192.0.2.1 SIP/2.0\r\n\
Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKtorture\r\n\
Max-Forwards: 70\r\n\
From: <sip:scanner@192.0.2.9>;tag=t1\r\n\
To: <sip:handset@192.0.2.1>\r\n\
Call-ID: torture-1\r\n\
CSeq: 1 OPTIONS\r\n";

fn with(extra: &str) -> Vec<u8> {
    format!("{HEAD}{extra}Content-Length: 0\r\n\r\n").into_bytes()
}

/// The plain message with each `(from, to)` replaced.
fn changed(replacements: &[(&str, &str)]) -> Vec<u8> {
    let mut text = String::from_utf8(with("")).unwrap_or_default();
    for (from, to) in replacements {
        text = text.replace(from, to);
    }
    text.into_bytes()
}

fn replacing(from: &str, to: &str) -> Vec<u8> {
    changed(&[(from, to)])
}

fn cases() -> Vec<(&'static str, Vec<u8>, Owed)> {
    let mut invalid_utf8 = with("");
    let from_at = String::from_utf8_lossy(&invalid_utf8)
        .find("scanner")
        .unwrap_or(0);
    invalid_utf8.splice(from_at..from_at + 2, [0xC3, 0x28]);
    vec![
        ("a plain OPTIONS", with(""), Owed::Accepted),
        (
            "folded lines, compact names, odd spacing",
            b"OPTIONS sip:handset@192.0.2.1 SIP/2.0\r\nv: SIP/2.0/UDP 192.0.2.9;\r\n \
              branch=z9hG4bKfold\r\nMax-Forwards :70\r\nf: <sip:a@192.0.2.9>;tag=1\r\n\
              t: <sip:handset@192.0.2.1>\r\ni: fold-1\r\nCSeq:1 OPTIONS\r\nl: 0\r\n\r\n"
                .to_vec(),
            Owed::Accepted,
        ),
        (
            "the same Content-Length twice",
            with("Content-Length: 0\r\n"),
            Owed::Accepted,
        ),
        (
            "a header line of 64 KiB",
            with(&format!("X-Padding: {}\r\n", "a".repeat(64 * 1024))),
            Owed::Answered(400, "Header Line Too Long"),
        ),
        (
            "a header line just over the limit",
            with(&format!(
                "X-Padding: {}\r\n",
                "a".repeat(MAX_HEADER_LINE_BYTES)
            )),
            Owed::Answered(400, "Header Line Too Long"),
        ),
        (
            "thousands of extension headers",
            with(&"X-Extension: 1\r\n".repeat(3000)),
            Owed::Answered(400, "Too Many Headers"),
        ),
        (
            "as many headers as allowed",
            with(&"X-Extension: 1\r\n".repeat(MAX_HEADER_LINES - 8)),
            Owed::Accepted,
        ),
        (
            "invalid UTF-8 in From",
            invalid_utf8,
            Owed::Answered(400, "Invalid UTF-8"),
        ),
        (
            "a NUL inside a header value",
            with("Subject: a\0b\r\n"),
            Owed::Answered(400, "Bad Header Line"),
        ),
        (
            "a Request-URI with an unknown scheme",
            replacing(
                "OPTIONS sip:handset@192.0.2.1",
                "OPTIONS nope:handset@192.0.2.1",
            ),
            Owed::Answered(416, "Unsupported URI Scheme"),
        ),
        (
            "a tel: Request-URI",
            replacing("OPTIONS sip:handset@192.0.2.1", "OPTIONS tel:+4930123456"),
            Owed::Answered(416, "Unsupported URI Scheme"),
        ),
        (
            "a Request-URI over 2 KiB",
            replacing(
                "OPTIONS sip:handset@192.0.2.1",
                &format!(
                    "OPTIONS sip:handset@192.0.2.1;x={}",
                    "y".repeat(MAX_URI_BYTES)
                ),
            ),
            Owed::Answered(414, "Request-URI Too Long"),
        ),
        (
            "two different Content-Lengths",
            with("Content-Length: 4\r\n"),
            Owed::Answered(400, "Conflicting Content-Length"),
        ),
        (
            "two different Content-Types",
            with("Content-Type: application/sdp\r\nContent-Type: text/plain\r\n"),
            Owed::Answered(400, "Conflicting Content-Type"),
        ),
        (
            "a negative Content-Length",
            format!("{HEAD}Content-Length: -5\r\n\r\n").into_bytes(),
            Owed::Answered(400, "Bad Content-Length"),
        ),
        (
            "no Call-ID",
            replacing("Call-ID: torture-1\r\n", ""),
            Owed::Answered(400, "Missing Call-ID"),
        ),
        (
            "no CSeq",
            replacing("CSeq: 1 OPTIONS\r\n", ""),
            Owed::Answered(400, "Missing CSeq"),
        ),
        (
            "no From",
            replacing("From: <sip:scanner@192.0.2.9>;tag=t1\r\n", ""),
            Owed::Answered(400, "Missing From"),
        ),
        (
            "a CSeq naming another method",
            replacing("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"),
            Owed::Answered(400, "Bad Request"),
        ),
        (
            "a header line without a colon",
            with("This is not a header\r\n"),
            Owed::Answered(400, "Bad Header Line"),
        ),
        (
            "an unknown method",
            changed(&[
                ("OPTIONS sip:", "FROBNICATE sip:"),
                ("1 OPTIONS", "1 FROBNICATE"),
            ]),
            Owed::Answered(501, "Not Implemented"),
        ),
        (
            "SIP version 7.0",
            replacing("SIP/2.0\r\nVia", "SIP/7.0\r\nVia"),
            Owed::Answered(505, "Version Not Supported"),
        ),
        (
            "no Via: nowhere to answer",
            replacing(
                "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKtorture\r\n",
                "",
            ),
            Owed::Dropped,
        ),
        (
            "a broken ACK is never answered",
            replacing("OPTIONS sip:", "ACK sip:"),
            Owed::Dropped,
        ),
        (
            "a response with a broken status line",
            b"SIP/2.0 9999 Nope\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKx\r\n\r\n".to_vec(),
            Owed::Dropped,
        ),
        (
            "nothing but blank lines",
            b"\r\n\r\n\r\n".to_vec(),
            Owed::Dropped,
        ),
        (
            "binary noise",
            vec![0xFF, 0x00, 0x13, 0x37, 0x0D, 0x0A],
            Owed::Dropped,
        ),
    ]
}

fn owed(bytes: &[u8]) -> (Owed, String) {
    match parse_datagram(bytes) {
        Inbound::Request(_) | Inbound::Response(_) => (Owed::Accepted, String::new()),
        Inbound::Malformed { status, reason, .. } => (Owed::Answered(status, ""), reason),
        Inbound::Unusable => (Owed::Dropped, String::new()),
    }
}

#[test]
fn every_torture_message_gets_what_it_is_owed() {
    let mut wrong = Vec::new();
    for (name, bytes, expected) in cases() {
        let (got, reason) = owed(&bytes);
        eprintln!("{name}: {got:?} {reason}");
        let right = match (&expected, &got) {
            (Owed::Answered(want, phrase), Owed::Answered(status, _)) => {
                want == status && reason.contains(phrase)
            }
            (want, got) => want == got,
        };
        if !right {
            wrong.push(format!(
                "{name}: wanted {expected:?}, got {got:?} {reason:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
