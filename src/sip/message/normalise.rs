//! A thin layer that rewrites a received datagram into the narrow form rsip 0.4 can parse.
//!
//! rsip 0.4.0 tokenizes a message as: start line, then header lines of the exact shape
//! `token ":" SP* value CRLF`, then CRLF CRLF, then everything else as the body. It therefore
//! rejects or misreads several things RFC 3261 allows (section 7.3):
//! - folded header lines (a continuation line starting with SP or HT fails the whole message);
//! - whitespace between a header name and its colon (`Via : ...` fails);
//! - bare LF line ends (the message has no CRLF, so it fails);
//! - leading CRLFs before the start line (section 7.5 says to ignore them);
//! - compact header names (`i:`, `v:`, `m:` ... parse as unknown "Other" headers);
//! - comma-separated lists of Via/Contact/Route/Record-Route in one line (rsip's typed Via
//!   silently keeps only the first value, typed Contact refuses the list; we want one value
//!   per line anyway);
//! - a body longer than Content-Length (over UDP the extra bytes must be dropped, 18.3).
//!
//! [`normalise`] fixes these and gives the parts back; [`RawMessage::to_bytes`] reassembles
//! them for rsip. The parts are also what the 400 Bad Request path reads when rsip still fails.

use super::fields::split_top_level_commas;

/// A message cut into start line, unfolded single-valued header lines and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMessage {
    pub start_line: String,
    /// (full header name, value) in message order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// What was wrong but could be stepped over; a request with defects earns a 400.
    pub defects: Vec<Defect>,
}

/// Why a datagram could not even be cut into parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NormaliseError {
    /// No start line.
    Empty,
}

/// Something wrong in a message that did not stop us reading the rest of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Defect {
    /// A header line without a colon, with a bad name, or a continuation with nothing before.
    BadHeaderLine,
    /// Content-Length is not a number or promises more bytes than arrived.
    BadContentLength,
}

/// The full name of a compact header form (RFC 3261 7.3.3 and later RFCs), or `None`.
pub fn expand_compact_name(name: &str) -> Option<&'static str> {
    let full = match name.to_ascii_lowercase().as_str() {
        "i" => "Call-ID",
        "m" => "Contact",
        "f" => "From",
        "t" => "To",
        "v" => "Via",
        "l" => "Content-Length",
        "c" => "Content-Type",
        "k" => "Supported",
        "s" => "Subject",
        "e" => "Content-Encoding",
        "o" => "Event",
        "u" => "Allow-Events",
        "r" => "Refer-To",
        "b" => "Referred-By",
        "x" => "Session-Expires",
        _ => return None,
    };
    Some(full)
}

/// Headers whose comma-separated values we split into one line per value.
fn is_list_header(name: &str) -> bool {
    ["Via", "Contact", "Route", "Record-Route"]
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
}

/// Cut `data` into its parts, unfolding, expanding and splitting header lines as described in
/// the module documentation.
pub fn normalise(data: &[u8]) -> Result<RawMessage, NormaliseError> {
    let (head, body) = split_head_body(data);
    let head = String::from_utf8_lossy(head);
    let mut lines = head
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .skip_while(|l| l.trim().is_empty());
    let start_line = lines
        .next()
        .ok_or(NormaliseError::Empty)?
        .trim()
        .to_string();
    if start_line.is_empty() {
        return Err(NormaliseError::Empty);
    }

    let mut defects = Vec::new();
    let mut unfolded: Vec<String> = Vec::new();
    for line in lines {
        if line.is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            // A continuation line: part of the previous header's value (7.3.1).
            match unfolded.last_mut() {
                Some(prev) => {
                    prev.push(' ');
                    prev.push_str(line.trim());
                }
                None => defects.push(Defect::BadHeaderLine),
            }
        } else {
            unfolded.push(line.to_string());
        }
    }

    let mut headers = Vec::with_capacity(unfolded.len());
    for line in &unfolded {
        let Some((name, value)) = line.split_once(':') else {
            defects.push(Defect::BadHeaderLine);
            continue;
        };
        let name = name.trim();
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            defects.push(Defect::BadHeaderLine);
            continue;
        }
        let name = expand_compact_name(name).map_or_else(|| name.to_string(), str::to_string);
        let value = value.trim();
        if is_list_header(&name) && value != "*" {
            for part in split_top_level_commas(value) {
                if !part.is_empty() {
                    headers.push((name.clone(), part.to_string()));
                }
            }
        } else {
            headers.push((name, value.to_string()));
        }
    }

    let body = match trim_body_to_content_length(&headers, body) {
        Some(b) => b,
        None => {
            defects.push(Defect::BadContentLength);
            body
        }
    };
    Ok(RawMessage {
        start_line,
        headers,
        body: body.to_vec(),
        defects,
    })
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b)
}

/// Split at the first empty line (CRLF CRLF, or LF LF from sloppy senders).
fn split_head_body(data: &[u8]) -> (&[u8], &[u8]) {
    // Leading blank lines are not the end of the head.
    let start = data
        .iter()
        .position(|b| *b != b'\r' && *b != b'\n')
        .unwrap_or(data.len());
    let rest = data.get(start..).unwrap_or_default();
    let crlf = find(rest, b"\r\n\r\n").map(|i| (i, 4));
    let lf = find(rest, b"\n\n").map(|i| (i, 2));
    let cut = match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    };
    match cut {
        Some((at, len)) => (
            rest.get(..at).unwrap_or_default(),
            rest.get(at + len..).unwrap_or_default(),
        ),
        None => (rest, &[]),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The body cut to Content-Length, or `None` if the length is unusable.
fn trim_body_to_content_length<'a>(
    headers: &[(String, String)],
    body: &'a [u8],
) -> Option<&'a [u8]> {
    let declared = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, v)| v.trim().parse::<usize>());
    match declared {
        None => Some(body),
        Some(Err(_)) => None,
        Some(Ok(len)) => body.get(..len),
    }
}

impl RawMessage {
    /// The message in the form rsip parses: CRLF line ends, one header per line.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256 + self.body.len());
        out.extend_from_slice(self.start_line.as_bytes());
        out.extend_from_slice(b"\r\n");
        for (name, value) in &self.headers {
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&self.body);
        out
    }

    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of header `name`, in order.
    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsip::message::HasHeaders;

    /// Whether rsip 0.4 parses these bytes at all.
    fn rsip_parses(bytes: &[u8]) -> bool {
        rsip::SipMessage::try_from(bytes).is_ok()
    }

    const BASE: &str = "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n\
Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n\
From: <sip:alice@127.0.0.1>;tag=1\r\n\
To: <sip:bob@127.0.0.1>\r\n\
Call-ID: abc\r\n\
CSeq: 1 OPTIONS\r\n\
Content-Length: 0\r\n\r\n";

    #[test]
    fn rsip_rejects_folded_lines_and_normalise_fixes_them() {
        let folded = BASE.replace(
            "To: <sip:bob@127.0.0.1>\r\n",
            "To:\r\n <sip:bob@127.0.0.1>\r\n",
        );
        assert!(!rsip_parses(folded.as_bytes()), "rsip 0.4 fails on folding");
        let raw = normalise(folded.as_bytes()).unwrap();
        assert_eq!(raw.header("To"), Some("<sip:bob@127.0.0.1>"));
        assert!(rsip_parses(&raw.to_bytes()));
    }

    #[test]
    fn rsip_rejects_space_before_colon_and_normalise_fixes_it() {
        let spaced = BASE.replace("Call-ID: abc", "Call-ID  : abc");
        assert!(!rsip_parses(spaced.as_bytes()));
        let raw = normalise(spaced.as_bytes()).unwrap();
        assert_eq!(raw.header("call-id"), Some("abc"));
        assert!(rsip_parses(&raw.to_bytes()));
    }

    #[test]
    fn rsip_rejects_bare_lf_and_normalise_fixes_it() {
        let lf = BASE.replace("\r\n", "\n");
        assert!(!rsip_parses(lf.as_bytes()));
        let raw = normalise(lf.as_bytes()).unwrap();
        assert_eq!(raw.headers.len(), 6);
        assert!(rsip_parses(&raw.to_bytes()));
    }

    #[test]
    fn leading_blank_lines_are_ignored() {
        let padded = format!("\r\n\r\n{BASE}");
        let raw = normalise(padded.as_bytes()).unwrap();
        assert_eq!(raw.start_line, "OPTIONS sip:bob@127.0.0.1 SIP/2.0");
    }

    #[test]
    fn compact_names_become_full_names_that_rsip_types() {
        let compact = "INVITE sip:bob@127.0.0.1 SIP/2.0\r\n\
v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n\
f: <sip:alice@127.0.0.1>;tag=1\r\nt: <sip:bob@127.0.0.1>\r\ni: abc\r\n\
CSeq: 1 INVITE\r\nm: <sip:alice@127.0.0.1:5070>\r\nc: application/sdp\r\n\
k: timer\r\ns: hi\r\ne: gzip\r\no: dialog\r\nu: talk\r\nr: <sip:x@y>\r\nb: <sip:z@y>\r\n\
x: 90\r\nl: 0\r\n\r\n";
        let parsed = rsip::SipMessage::try_from(compact.as_bytes()).unwrap();
        let untyped_call_id = parsed
            .headers()
            .iter()
            .any(|h| matches!(h, rsip::Header::CallId(_)));
        assert!(!untyped_call_id, "rsip 0.4 does not know compact names");

        let raw = normalise(compact.as_bytes()).unwrap();
        let names: Vec<&str> = raw.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Via",
                "From",
                "To",
                "Call-ID",
                "CSeq",
                "Contact",
                "Content-Type",
                "Supported",
                "Subject",
                "Content-Encoding",
                "Event",
                "Allow-Events",
                "Refer-To",
                "Referred-By",
                "Session-Expires",
                "Content-Length"
            ]
        );
        let parsed = rsip::SipMessage::try_from(raw.to_bytes().as_slice()).unwrap();
        assert!(parsed
            .headers()
            .iter()
            .any(|h| matches!(h, rsip::Header::CallId(_))));
    }

    #[test]
    fn rsip_misreads_comma_lists_and_normalise_splits_them() {
        use rsip::headers::ToTypedHeader;
        use rsip::headers::UntypedHeader;
        let two = "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKb";
        // rsip 0.4 silently keeps only the first Via of a list...
        let typed = rsip::headers::Via::new(two).typed().unwrap();
        assert_eq!(typed.params.len(), 1);
        // ...and refuses a Contact list outright.
        assert!(rsip::headers::Contact::new("<sip:a@b>, <sip:c@d>")
            .typed()
            .is_err());

        let message = BASE.replace(
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1",
            &format!("Via: {two}\r\nContact: <sip:a@b>, <sip:c@d>"),
        );
        let raw = normalise(message.as_bytes()).unwrap();
        let vias: Vec<_> = raw
            .headers_named("Via")
            .map(|v| rsip::headers::Via::new(v).typed().unwrap())
            .collect();
        assert_eq!(vias.len(), 2);
        assert_eq!(vias[1].branch().unwrap().to_string(), "z9hG4bKb");
        assert!(raw
            .headers_named("Contact")
            .all(|c| rsip::headers::Contact::new(c).typed().is_ok()));
    }

    #[test]
    fn list_headers_are_split_but_not_inside_quotes_or_brackets() {
        let listed = BASE.replace(
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n",
            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa, SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n\
Record-Route: <sip:p1.example;lr>, \"Proxy, Two\" <sip:p2.example;lr;x=a,b>\r\n\
Contact: \"Smith, J\" <sip:j@127.0.0.1>\r\n",
        );
        let raw = normalise(listed.as_bytes()).unwrap();
        let vias: Vec<&str> = raw.headers_named("Via").collect();
        assert_eq!(
            vias,
            [
                "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa",
                "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1"
            ]
        );
        let rr: Vec<&str> = raw.headers_named("Record-Route").collect();
        assert_eq!(
            rr,
            [
                "<sip:p1.example;lr>",
                "\"Proxy, Two\" <sip:p2.example;lr;x=a,b>"
            ]
        );
        assert_eq!(
            raw.header("Contact"),
            Some("\"Smith, J\" <sip:j@127.0.0.1>")
        );
        assert!(rsip_parses(&raw.to_bytes()));
    }

    #[test]
    fn body_is_cut_to_content_length_and_short_bodies_are_errors() {
        let with_body = BASE.replace("Content-Length: 0", "Content-Length: 3") + "abcdef";
        let raw = normalise(with_body.as_bytes()).unwrap();
        assert_eq!(raw.body, b"abc");
        assert!(raw.defects.is_empty());
        let short = BASE.replace("Content-Length: 0", "Content-Length: 30") + "abc";
        let raw = normalise(short.as_bytes()).unwrap();
        assert_eq!(raw.defects, [Defect::BadContentLength]);
        let bad = BASE.replace("Content-Length: 0", "Content-Length: x");
        let raw = normalise(bad.as_bytes()).unwrap();
        assert_eq!(raw.defects, [Defect::BadContentLength]);
    }

    #[test]
    fn broken_lines_are_defects_and_empty_input_is_an_error() {
        assert_eq!(normalise(b""), Err(NormaliseError::Empty));
        assert_eq!(normalise(b"\r\n\r\n"), Err(NormaliseError::Empty));
        let broken = BASE.replace("Call-ID: abc", "Call-ID abc\r\nBad Name: 1");
        let raw = normalise(broken.as_bytes()).unwrap();
        assert_eq!(raw.defects, [Defect::BadHeaderLine, Defect::BadHeaderLine]);
        assert_eq!(raw.header("CSeq"), Some("1 OPTIONS"));
    }
}
