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
use super::limits::{MAX_HEADER_LINES, MAX_HEADER_LINE_BYTES};

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
    /// The start line or a header is not UTF-8, where SIP's grammar wants text.
    InvalidUtf8,
    /// A header line longer than [`MAX_HEADER_LINE_BYTES`].
    HeaderLineTooLong,
    /// More header lines than [`MAX_HEADER_LINES`].
    TooManyHeaders,
    /// A header that may appear once appears with two different values.
    Conflicting(&'static str),
}

impl Defect {
    /// The status and reason phrase a request with this defect is answered with.
    pub fn answer(&self) -> (u16, String) {
        let reason = match self {
            Defect::BadHeaderLine => "Bad Header Line".to_owned(),
            Defect::BadContentLength => "Bad Content-Length".to_owned(),
            Defect::InvalidUtf8 => "Invalid UTF-8".to_owned(),
            Defect::HeaderLineTooLong => "Header Line Too Long".to_owned(),
            Defect::TooManyHeaders => "Too Many Headers".to_owned(),
            Defect::Conflicting(name) => format!("Conflicting {name}"),
        };
        (400, reason)
    }
}

/// Headers a message may carry once only, whose copies must agree (RFC 3261 7.3.1 allows
/// repeating a header only where its grammar is a comma-separated list).
const SINGLE_VALUED: [&str; 2] = ["Content-Length", "Content-Type"];

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
    let mut defects = Vec::new();
    if std::str::from_utf8(head).is_err() {
        defects.push(Defect::InvalidUtf8);
    }
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

    let mut unfolded: Vec<String> = Vec::new();
    for line in lines {
        if line.is_empty() {
            continue;
        }
        if line.len() > MAX_HEADER_LINE_BYTES {
            // Not kept: a response copies headers from the request, and must not echo this.
            push_once(&mut defects, Defect::HeaderLineTooLong);
            continue;
        }
        if unfolded.len() >= MAX_HEADER_LINES && !line.starts_with([' ', '\t']) {
            push_once(&mut defects, Defect::TooManyHeaders);
            continue;
        }
        if line.starts_with([' ', '\t']) {
            // A continuation line: part of the previous header's value (7.3.1).
            match unfolded.last_mut() {
                Some(prev) if prev.len() + line.len() > MAX_HEADER_LINE_BYTES => {
                    push_once(&mut defects, Defect::HeaderLineTooLong);
                }
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
        // SIP's text allows tabs but no other control characters (RFC 3261 25.1, TEXT-UTF8).
        if value.chars().any(|c| c.is_control() && c != '\t') {
            push_once(&mut defects, Defect::BadHeaderLine);
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

    for name in SINGLE_VALUED {
        let mut values = headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim());
        if let Some(first) = values.next() {
            if values.any(|other| !other.eq_ignore_ascii_case(first)) {
                defects.push(Defect::Conflicting(name));
            }
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

fn push_once(defects: &mut Vec<Defect>, defect: Defect) {
    if !defects.contains(&defect) {
        defects.push(defect);
    }
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
mod tests;
