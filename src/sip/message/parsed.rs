//! Turning a datagram into a request or response the user agent can act on.
//!
//! The bytes are normalised (see [`super::normalise`]), parsed by rsip, and the fields every
//! transaction and dialog needs (Via, From, To, Call-ID, CSeq, Contact, Record-Route) are read
//! once into plain values. A request that is broken but still names those fields becomes
//! [`Inbound::Malformed`] so the user agent can answer it: 400 naming what is wrong, 414 for
//! an overlong Request-URI, 416 for a scheme other than sip or sips, 501 for an unknown
//! method, 505 for another SIP version. Limits on sizes are in [`super::limits`].

use super::fields::{CSeqValue, NameAddr, ViaValue};
use super::limits::MAX_URI_BYTES;
use super::normalise::{normalise, RawMessage};

/// The fields shared by requests and responses.
#[derive(Debug, Clone)]
pub struct Common {
    /// The normalised message; responses copy headers from here.
    pub raw: RawMessage,
    pub call_id: String,
    pub from: NameAddr,
    pub to: NameAddr,
    pub cseq: CSeqValue,
    pub top_via: ViaValue,
    pub contact: Option<NameAddr>,
    /// Record-Route values in message order.
    pub record_route: Vec<String>,
    pub body: Vec<u8>,
}

impl Common {
    /// The body if it is non-empty.
    pub fn sdp(&self) -> Option<Vec<u8>> {
        (!self.body.is_empty()).then(|| self.body.clone())
    }
}

#[derive(Debug, Clone)]
pub struct InRequest {
    pub message: rsip::Request,
    pub method: rsip::Method,
    /// The Request-URI as received.
    pub uri: String,
    pub common: Common,
}

#[derive(Debug, Clone)]
pub struct InResponse {
    pub message: rsip::Response,
    pub code: u16,
    pub reason: String,
    pub common: Common,
}

/// What a datagram turned out to be.
#[derive(Debug, Clone)]
pub enum Inbound {
    Request(Box<InRequest>),
    Response(Box<InResponse>),
    /// A request we cannot process but can answer with `status` and `reason`.
    Malformed {
        raw: RawMessage,
        status: u16,
        reason: String,
    },
    /// Nothing we can answer: dropped.
    Unusable,
}

/// Parse one datagram. Never panics, whatever the bytes.
pub fn parse_datagram(data: &[u8]) -> Inbound {
    let Ok(raw) = normalise(data) else {
        return Inbound::Unusable;
    };
    let is_response = raw.start_line.starts_with("SIP/");
    match try_parse(&raw) {
        Some(inbound) if raw.defects.is_empty() => inbound,
        _ if is_response => Inbound::Unusable,
        _ => malformed_request(raw),
    }
}

fn try_parse(raw: &RawMessage) -> Option<Inbound> {
    let message = rsip::SipMessage::try_from(bytes_for_rsip(raw).as_slice()).ok()?;
    let common = read_common(raw)?;
    match message {
        rsip::SipMessage::Request(request) => {
            let method = request.method;
            let uri = raw.start_line.split_whitespace().nth(1)?.to_string();
            if !super::build::is_plausible_uri(&uri)
                || !is_sip_scheme(&uri)
                || uri.len() > MAX_URI_BYTES
            {
                return None;
            }
            if !common.cseq.method.eq_ignore_ascii_case(&method.to_string()) {
                return None;
            }
            Some(Inbound::Request(Box::new(InRequest {
                message: request,
                method,
                uri,
                common,
            })))
        }
        rsip::SipMessage::Response(response) => {
            let mut parts = raw.start_line.splitn(3, ' ');
            let _version = parts.next()?;
            let code: u16 = parts.next()?.trim().parse().ok()?;
            if !(100..700).contains(&code) {
                return None;
            }
            let reason = parts.next().unwrap_or_default().trim().to_string();
            Some(Inbound::Response(Box::new(InResponse {
                message: response,
                code,
                reason,
                common,
            })))
        }
    }
}

/// The normalised bytes, with a request's Request-URI swapped for a placeholder: rsip 0.4
/// refuses valid URIs such as `sip:[::1]:5060`, and we read the URI from the start line anyway.
fn bytes_for_rsip(raw: &RawMessage) -> Vec<u8> {
    let mut parts = raw.start_line.split_whitespace();
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(_uri), Some(version), None) if !method.starts_with("SIP/") => {
            let mut copy = raw.clone();
            copy.start_line = format!("{method} sip:request-uri.invalid {version}");
            copy.to_bytes()
        }
        _ => raw.to_bytes(),
    }
}

fn read_common(raw: &RawMessage) -> Option<Common> {
    let call_id = raw.header("Call-ID")?.trim().to_string();
    if call_id.is_empty() {
        return None;
    }
    Some(Common {
        call_id,
        from: NameAddr::parse(raw.header("From")?)?,
        to: NameAddr::parse(raw.header("To")?)?,
        cseq: CSeqValue::parse(raw.header("CSeq")?)?,
        top_via: ViaValue::parse(raw.header("Via")?)?,
        contact: raw.header("Contact").and_then(NameAddr::parse),
        record_route: raw
            .headers_named("Record-Route")
            .map(str::to_string)
            .collect(),
        body: raw.body.clone(),
        raw: raw.clone(),
    })
}

/// Headers every request carries, whose absence is answered by name (RFC 3261 8.1.1; Via is
/// checked apart: without it there is nowhere to send an answer).
const MANDATORY: [&str; 4] = ["From", "To", "Call-ID", "CSeq"];

/// A request rsip or our field parsers refused, answered where a response can be routed
/// (it has a Via) and the request is not an ACK (which is never answered): with what is wrong,
/// checked from the start line down.
fn malformed_request(raw: RawMessage) -> Inbound {
    let mut start = raw.start_line.split_whitespace();
    let (Some(method), Some(uri), Some(version), None) =
        (start.next(), start.next(), start.next(), start.next())
    else {
        return Inbound::Unusable;
    };
    let has = |name: &str| raw.header(name).is_some_and(|v| !v.trim().is_empty());
    if method.eq_ignore_ascii_case("ACK") || !has("Via") {
        return Inbound::Unusable;
    }
    let (status, reason) = match what_is_wrong(&raw, method, uri, version, has) {
        Some(answer) => answer,
        None => (400, "Bad Request".to_owned()),
    };
    Inbound::Malformed {
        raw,
        status,
        reason,
    }
}

fn what_is_wrong(
    raw: &RawMessage,
    method: &str,
    uri: &str,
    version: &str,
    has: impl Fn(&str) -> bool,
) -> Option<(u16, String)> {
    if !version.eq_ignore_ascii_case("SIP/2.0") {
        return Some((505, "Version Not Supported".to_owned()));
    }
    if let Some(defect) = raw.defects.first() {
        return Some(defect.answer());
    }
    if let Some(missing) = MANDATORY.iter().find(|name| !has(name)) {
        return Some((400, format!("Missing {missing}")));
    }
    if uri.len() > MAX_URI_BYTES {
        return Some((414, "Request-URI Too Long".to_owned()));
    }
    if super::build::is_plausible_uri(uri) && !is_sip_scheme(uri) {
        return Some((416, "Unsupported URI Scheme".to_owned()));
    }
    let method_is_token = !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b));
    if method_is_token && method.parse::<rsip::Method>().is_err() {
        return Some((501, "Not Implemented".to_owned()));
    }
    None
}

/// Handset is reached at sip: and sips: addresses only.
fn is_sip_scheme(uri: &str) -> bool {
    uri.split_once(':').is_some_and(|(scheme, _)| {
        scheme.eq_ignore_ascii_case("sip") || scheme.eq_ignore_ascii_case("sips")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const INVITE: &str = "INVITE sip:bob@127.0.0.1:5080 SIP/2.0\r\n\
Via: SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bKabc\r\n\
Max-Forwards: 70\r\n\
From: \"Alice\" <sip:alice@127.0.0.1:5070>;tag=a1\r\n\
To: <sip:bob@127.0.0.1:5080>\r\n\
Call-ID: call-1@127.0.0.1\r\n\
CSeq: 1 INVITE\r\n\
Contact: <sip:alice@127.0.0.1:5070>\r\n\
Record-Route: <sip:p1;lr>, <sip:p2;lr>\r\n\
Content-Type: application/sdp\r\n\
Content-Length: 4\r\n\r\nv=0\n";

    #[test]
    fn a_good_invite_yields_its_fields() {
        let Inbound::Request(req) = parse_datagram(INVITE.as_bytes()) else {
            panic!("not a request");
        };
        assert_eq!(req.method, rsip::Method::Invite);
        assert_eq!(req.uri, "sip:bob@127.0.0.1:5080");
        let c = &req.common;
        assert_eq!(c.call_id, "call-1@127.0.0.1");
        assert_eq!(c.from.display.as_deref(), Some("Alice"));
        assert_eq!(c.from.tag(), Some("a1"));
        assert_eq!(c.to.tag(), None);
        assert_eq!(c.cseq.seq, 1);
        assert_eq!(c.top_via.branch(), Some("z9hG4bKabc"));
        assert_eq!(c.record_route, ["<sip:p1;lr>", "<sip:p2;lr>"]);
        assert_eq!(c.contact.as_ref().unwrap().uri, "sip:alice@127.0.0.1:5070");
        assert_eq!(c.body, b"v=0\n");
    }

    #[test]
    fn ipv6_request_uris_survive() {
        let v6 = INVITE.replace("INVITE sip:bob@127.0.0.1:5080", "INVITE sip:bob@[::1]:5080");
        let Inbound::Request(req) = parse_datagram(v6.as_bytes()) else {
            panic!("not a request");
        };
        assert_eq!(req.uri, "sip:bob@[::1]:5080");
    }

    #[test]
    fn a_response_yields_code_and_reason() {
        let resp = "SIP/2.0 486 Busy Here Now\r\n\
Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKabc\r\n\
From: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.1>;tag=b2\r\n\
Call-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        let Inbound::Response(r) = parse_datagram(resp.as_bytes()) else {
            panic!("not a response");
        };
        assert_eq!(r.code, 486);
        assert_eq!(r.reason, "Busy Here Now");
        assert_eq!(r.common.to.tag(), Some("b2"));
    }

    #[test]
    fn broken_requests_with_the_essentials_are_malformed_400() {
        let bad_cseq = INVITE.replace("CSeq: 1 INVITE", "CSeq: one INVITE");
        assert!(matches!(
            parse_datagram(bad_cseq.as_bytes()),
            Inbound::Malformed { status: 400, .. }
        ));
        let mismatched = INVITE.replace("CSeq: 1 INVITE", "CSeq: 1 BYE");
        assert!(matches!(
            parse_datagram(mismatched.as_bytes()),
            Inbound::Malformed { status: 400, .. }
        ));
        let short_body = INVITE.replace("Content-Length: 4", "Content-Length: 40");
        assert!(matches!(
            parse_datagram(short_body.as_bytes()),
            Inbound::Malformed { status: 400, .. }
        ));
    }

    #[test]
    fn unknown_methods_are_501_missing_headers_named_and_hopeless_input_unusable() {
        let unknown = INVITE
            .replace("INVITE sip:", "FROB sip:")
            .replace("1 INVITE", "1 FROB");
        assert!(matches!(
            parse_datagram(unknown.as_bytes()),
            Inbound::Malformed { status: 501, .. }
        ));
        let no_call_id = INVITE
            .replace("Call-ID: call-1@127.0.0.1\r\n", "")
            .replace("CSeq: 1 INVITE", "CSeq: x");
        let Inbound::Malformed { status, reason, .. } = parse_datagram(no_call_id.as_bytes())
        else {
            panic!("a request without Call-ID is answered");
        };
        assert_eq!((status, reason.as_str()), (400, "Missing Call-ID"));
        let no_via = INVITE.replace(
            "Via: SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bKabc\r\n",
            "",
        );
        assert!(matches!(
            parse_datagram(no_via.as_bytes()),
            Inbound::Unusable
        ));
        let ack = INVITE
            .replace("INVITE sip:", "ACK sip:")
            .replace("CSeq: 1 INVITE", "CSeq: x ACK");
        assert!(matches!(parse_datagram(ack.as_bytes()), Inbound::Unusable));
        assert!(matches!(parse_datagram(b"hello"), Inbound::Unusable));
    }
}

#[cfg(test)]
mod robustness {
    use super::*;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    fn corpus() -> Vec<Vec<u8>> {
        let invite = super::tests::INVITE.to_string();
        let compact = "INVITE sip:bob@[::1]:5080;transport=udp SIP/2.0\r\n\
v: SIP/2.0/UDP [::1]:5070;rport;branch=z9hG4bKq, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKr\r\n\
f: \"A, \\\"B\\\"\" <sip:a@[::1]:5070>;tag=x\r\nt: sip:bob@[::1]:5080\r\ni: cid\r\n\
CSeq: 9 INVITE\r\nm: <sip:a@[::1]:5070>;expires=60\r\nc: application/sdp\r\nl: 3\r\n\r\nv=0";
        let response = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKabc\r\n\
From: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.1>;tag=b2\r\nCall-ID: x\r\n\
CSeq: 1 INVITE\r\nContact: <sip:bob@127.0.0.1:5080>\r\nRecord-Route: <sip:p;lr>\r\n\
Content-Length: 0\r\n\r\n";
        vec![
            invite.into_bytes(),
            compact.as_bytes().to_vec(),
            response.as_bytes().to_vec(),
        ]
    }

    #[test]
    fn no_bytes_make_the_parser_panic() {
        let mut rng = StdRng::seed_from_u64(0x5eed);
        for message in corpus() {
            for cut in 0..=message.len() {
                let _ = parse_datagram(&message[..cut]);
                let _ = parse_datagram(&message[cut..]);
            }
            for _ in 0..3000 {
                let mut mutated = message.clone();
                for _ in 0..rng.random_range(1..6) {
                    let at = rng.random_range(0..mutated.len());
                    let special = b"\r\n:;,<>\"\\ \t=@[]%\x00\xff";
                    match rng.random_range(0..4) {
                        0 => mutated[at] = rng.random(),
                        1 => mutated[at] = special[rng.random_range(0..special.len())],
                        2 => {
                            mutated.remove(at);
                        }
                        _ => mutated.insert(at, special[rng.random_range(0..special.len())]),
                    }
                    if mutated.is_empty() {
                        break;
                    }
                }
                let _ = parse_datagram(&mutated);
            }
        }
        for _ in 0..3000 {
            let len = rng.random_range(0..600);
            let noise: Vec<u8> = (0..len).map(|_| rng.random()).collect();
            let _ = parse_datagram(&noise);
        }
    }
}
