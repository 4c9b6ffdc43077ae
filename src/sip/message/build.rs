//! Building the requests and responses the user agent sends, as rsip messages.
//!
//! Every message carries Content-Length (even 0), our requests carry Max-Forwards 70 and a
//! User-Agent, and responses copy Via, From, To, Call-ID and CSeq from the request
//! (RFC 3261 8.2.6.2), adding our To tag to everything but 100 Trying.

use rsip::headers::UntypedHeader;
use rsip::Header;

use super::normalise::RawMessage;

/// The methods we accept, advertised in Allow.
pub const ALLOW: &str = "INVITE, ACK, CANCEL, BYE, OPTIONS";
/// The bodies we understand, advertised in Accept.
pub const ACCEPT: &str = "application/sdp";

/// The standard reason phrase of a status code.
pub fn reason_phrase(code: u16) -> String {
    let known = match code {
        100 => "Trying",
        180 => "Ringing",
        183 => "Session Progress",
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        420 => "Bad Extension",
        480 => "Temporarily Unavailable",
        481 => "Call/Transaction Does Not Exist",
        482 => "Loop Detected",
        486 => "Busy Here",
        487 => "Request Terminated",
        488 => "Not Acceptable Here",
        491 => "Request Pending",
        500 => "Server Internal Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        603 => "Decline",
        _ => {
            let generic = rsip::StatusCode::from(code).to_string();
            return generic
                .split_once(' ')
                .map(|(_, r)| r.to_string())
                .unwrap_or_default();
        }
    };
    known.to_string()
}

/// One header by name, as the rsip variant it parses into.
pub fn header(name: &str, value: impl Into<String>) -> Header {
    use rsip::headers as h;
    let value = value.into();
    match name {
        "Via" => Header::Via(h::Via::new(value)),
        "From" => Header::From(h::From::new(value)),
        "To" => Header::To(h::To::new(value)),
        "Call-ID" => Header::CallId(h::CallId::new(value)),
        "CSeq" => Header::CSeq(h::CSeq::new(value)),
        "Contact" => Header::Contact(h::Contact::new(value)),
        "Route" => Header::Route(h::Route::new(value)),
        "Record-Route" => Header::RecordRoute(h::RecordRoute::new(value)),
        "Max-Forwards" => Header::MaxForwards(h::MaxForwards::new(value)),
        "User-Agent" => Header::UserAgent(h::UserAgent::new(value)),
        "Server" => Header::Server(h::Server::new(value)),
        "Allow" => Header::Allow(h::Allow::new(value)),
        "Accept" => Header::Accept(h::Accept::new(value)),
        "Supported" => Header::Supported(h::Supported::new(value)),
        "Unsupported" => Header::Unsupported(h::Unsupported::new(value)),
        "Content-Type" => Header::ContentType(h::ContentType::new(value)),
        "Content-Length" => Header::ContentLength(h::ContentLength::new(value)),
        other => Header::Other(other.to_string(), value),
    }
}

fn push_body(headers: &mut Vec<Header>, body: &[u8]) {
    push_typed_body(headers, body, "application/sdp");
}

fn push_typed_body(headers: &mut Vec<Header>, body: &[u8], content_type: &str) {
    if !body.is_empty() {
        headers.push(header("Content-Type", content_type));
    }
    headers.push(header("Content-Length", body.len().to_string()));
}

/// What goes into a request we originate.
#[derive(Debug, Clone)]
pub struct RequestSpec<'a> {
    pub method: rsip::Method,
    pub uri: &'a str,
    /// The whole Via value, branch included.
    pub via: String,
    pub from: String,
    pub to: String,
    pub call_id: &'a str,
    pub cseq: u32,
    pub contact: Option<String>,
    /// Route values, in order.
    pub routes: &'a [String],
    pub user_agent: &'a str,
    /// SDP, or empty.
    pub body: &'a [u8],
}

/// Why a request could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequestUri(pub String);

/// Whether `uri` looks like an absolute URI we can put on a request line: a scheme, a colon,
/// and no characters that would break the line (rsip's own parser accepts nearly anything).
pub fn is_plausible_uri(uri: &str) -> bool {
    let Some((scheme, rest)) = uri.split_once(':') else {
        return false;
    };
    !scheme.is_empty()
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        && !rest.is_empty()
        && !uri.contains(|c: char| c.is_whitespace() || c.is_control() || "<>\"".contains(c))
}

pub fn build_request(spec: &RequestSpec<'_>) -> Result<Vec<u8>, InvalidRequestUri> {
    build_request_with(spec, &[])
}

/// Like [`build_request`], with `extra` headers (Authorization, Expires, Supported ...) after
/// User-Agent. An extra `Content-Type` replaces the default `application/sdp`.
pub fn build_request_with(
    spec: &RequestSpec<'_>,
    extra: &[(&'static str, String)],
) -> Result<Vec<u8>, InvalidRequestUri> {
    let invalid = || InvalidRequestUri(spec.uri.into());
    if !is_plausible_uri(spec.uri) {
        return Err(invalid());
    }
    let mut headers = vec![
        header("Via", spec.via.clone()),
        header("Max-Forwards", "70"),
        header("From", spec.from.clone()),
        header("To", spec.to.clone()),
        header("Call-ID", spec.call_id),
        header("CSeq", format!("{} {}", spec.cseq, spec.method)),
    ];
    headers.extend(spec.routes.iter().map(|r| header("Route", r.clone())));
    if let Some(contact) = &spec.contact {
        headers.push(header("Contact", contact.clone()));
    }
    if spec.method == rsip::Method::Invite {
        headers.push(header("Allow", ALLOW));
    }
    headers.push(header("User-Agent", spec.user_agent));
    let mut content_type = "application/sdp";
    for (name, value) in extra {
        if name.eq_ignore_ascii_case("Content-Type") {
            content_type = value;
        } else {
            headers.push(header(name, value.clone()));
        }
    }
    push_typed_body(&mut headers, spec.body, content_type);
    // The request line is written by hand: rsip 0.4's Uri rejects IPv6 references and
    // rewrites parameters (transport=udp becomes UDP), and the URI must go out as given.
    let headers = rsip::Headers::from(headers);
    let mut out = format!("{} {} SIP/2.0\r\n{headers}\r\n", spec.method, spec.uri).into_bytes();
    out.extend_from_slice(spec.body);
    Ok(out)
}

/// The parts of an INVITE we sent that its CANCEL and its non-2xx ACK reuse
/// (RFC 3261 9.1 and 17.1.1.3: same Request-URI, Call-ID, From, CSeq number, top Via, Route).
#[derive(Debug, Clone)]
pub struct SentInvite {
    pub uri: String,
    pub via: String,
    pub from: String,
    pub to: String,
    pub call_id: String,
    pub cseq: u32,
    pub routes: Vec<String>,
    pub user_agent: String,
}

impl SentInvite {
    fn spec<'a>(&'a self, method: rsip::Method, to: &str) -> RequestSpec<'a> {
        RequestSpec {
            method,
            uri: &self.uri,
            via: self.via.clone(),
            from: self.from.clone(),
            to: to.to_string(),
            call_id: &self.call_id,
            cseq: self.cseq,
            contact: None,
            routes: &self.routes,
            user_agent: &self.user_agent,
            body: b"",
        }
    }

    /// The ACK for a non-2xx final response whose To header is `response_to`.
    pub fn ack_for_failure(&self, response_to: &str) -> Option<Vec<u8>> {
        build_request(&self.spec(rsip::Method::Ack, response_to)).ok()
    }

    /// The CANCEL of this INVITE.
    pub fn cancel(&self) -> Option<Vec<u8>> {
        build_request(&self.spec(rsip::Method::Cancel, &self.to)).ok()
    }
}

/// What goes into a response beyond the copied headers.
#[derive(Debug, Clone, Default)]
pub struct ResponseSpec<'a> {
    pub code: u16,
    /// A reason phrase saying more than the code's standard one (which `None` gives).
    pub reason: Option<&'a str>,
    /// Our To tag; ignored for 100 and when the request's To already has a tag.
    pub to_tag: Option<&'a str>,
    /// Extra headers (Contact, Record-Route, Allow ...), in order.
    pub extra: Vec<(&'static str, String)>,
    pub server: &'a str,
    pub body: &'a [u8],
}

/// A response to `request` (its normalised parts).
pub fn build_response(request: &RawMessage, spec: &ResponseSpec<'_>) -> Vec<u8> {
    let mut headers: Vec<Header> = request
        .headers_named("Via")
        .map(|v| header("Via", v))
        .collect();
    for name in ["From", "To", "Call-ID", "CSeq"] {
        let Some(value) = request.header(name) else {
            continue;
        };
        let mut value = value.to_string();
        if name == "To" && spec.code > 100 {
            if let Some(tag) = spec.to_tag {
                let has_tag =
                    super::fields::NameAddr::parse(&value).is_some_and(|na| na.tag().is_some());
                if !has_tag {
                    value.push_str(";tag=");
                    value.push_str(tag);
                }
            }
        }
        headers.push(header(name, value));
    }
    headers.extend(spec.extra.iter().map(|(n, v)| header(n, v.clone())));
    headers.push(header("Server", spec.server));
    push_body(&mut headers, spec.body);
    let response = rsip::Response {
        status_code: rsip::StatusCode::Other(
            spec.code,
            spec.reason
                .map_or_else(|| reason_phrase(spec.code), str::to_owned),
        ),
        version: rsip::Version::V2,
        headers: headers.into(),
        body: spec.body.to_vec(),
    };
    response.to_string().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::message::parsed::{parse_datagram, Inbound};

    const OPTIONS: &str = "OPTIONS sip:bob@127.0.0.1:5080 SIP/2.0\r\n\
Via: SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKp\r\n\
Via: SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bKabc\r\n\
From: <sip:alice@127.0.0.1:5070>;tag=a1\r\nTo: <sip:bob@127.0.0.1:5080>\r\n\
Call-ID: c1\r\nCSeq: 7 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    #[test]
    fn responses_copy_the_request_and_tag_to_except_on_100() {
        let raw = crate::sip::message::normalise::normalise(OPTIONS.as_bytes()).unwrap();
        let ok = build_response(
            &raw,
            &ResponseSpec {
                code: 200,
                reason: None,
                to_tag: Some("t9"),
                extra: vec![("Allow", ALLOW.into())],
                server: "test",
                body: b"",
            },
        );
        let Inbound::Response(r) = parse_datagram(&ok) else {
            panic!("unparseable: {}", String::from_utf8_lossy(&ok));
        };
        assert_eq!(r.code, 200);
        assert_eq!(r.reason, "OK");
        assert_eq!(r.common.to.tag(), Some("t9"));
        assert_eq!(r.common.cseq.seq, 7);
        assert_eq!(r.common.top_via.branch(), Some("z9hG4bKp"));
        assert_eq!(r.common.raw.headers_named("Via").count(), 2);
        assert_eq!(r.common.raw.header("Content-Length"), Some("0"));

        let trying = build_response(
            &raw,
            &ResponseSpec {
                code: 100,
                reason: None,
                to_tag: Some("t9"),
                ..Default::default()
            },
        );
        let Inbound::Response(r) = parse_datagram(&trying) else {
            panic!("unparseable");
        };
        assert_eq!(r.common.to.tag(), None);
    }

    #[test]
    fn requests_carry_the_mandatory_headers_and_body_length() {
        let bytes = build_request(&RequestSpec {
            method: rsip::Method::Invite,
            uri: "sip:bob@127.0.0.1:5080",
            via: "SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bKq".into(),
            from: "<sip:alice@127.0.0.1:5070>;tag=f".into(),
            to: "<sip:bob@127.0.0.1:5080>".into(),
            call_id: "cid",
            cseq: 1,
            contact: Some("<sip:alice@127.0.0.1:5070>".into()),
            routes: &["<sip:p1;lr>".to_string()],
            user_agent: "Handset",
            body: b"v=0\r\n",
        })
        .unwrap();
        let Inbound::Request(r) = parse_datagram(&bytes) else {
            panic!("unparseable: {}", String::from_utf8_lossy(&bytes));
        };
        let raw = &r.common.raw;
        assert_eq!(raw.header("Max-Forwards"), Some("70"));
        assert_eq!(raw.header("Content-Length"), Some("5"));
        assert_eq!(raw.header("Content-Type"), Some("application/sdp"));
        assert_eq!(raw.header("CSeq"), Some("1 INVITE"));
        assert_eq!(raw.header("Route"), Some("<sip:p1;lr>"));
        assert_eq!(r.common.body, b"v=0\r\n");
        assert!(build_request(&RequestSpec {
            uri: "not a uri",
            ..RequestSpec {
                method: rsip::Method::Bye,
                uri: "",
                via: String::new(),
                from: String::new(),
                to: String::new(),
                call_id: "",
                cseq: 1,
                contact: None,
                routes: &[],
                user_agent: "",
                body: b"",
            }
        })
        .is_err());
    }
}
