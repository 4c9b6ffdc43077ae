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
