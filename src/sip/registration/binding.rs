//! Reading a registrar's answer: which Contact is ours and for how long it is bound
//! (RFC 3261 10.2.4), Min-Expires of a 423 (10.2.8), Retry-After, and the public address the
//! registrar saw in our Via (`received` and `rport`, RFC 3581).

use core::net::{IpAddr, SocketAddr};

use super::request::instance_urn;
use crate::sip::message::fields::NameAddr;
use crate::sip::message::parsed::InResponse;

/// How to recognise our binding among the Contacts of a 2xx.
pub(super) struct Ours<'a> {
    pub instance_id: Option<&'a str>,
    pub contact_uri: &'a str,
}

/// Every Contact value of the response, as sent.
pub(super) fn contacts(response: &InResponse) -> Vec<String> {
    response
        .common
        .raw
        .headers_named("Contact")
        .map(str::to_string)
        .collect()
}

/// The seconds our binding lasts: our Contact's `expires`, else the Expires header, else
/// `requested` (a registrar that says nothing granted what we asked).
pub(super) fn granted_expiry(response: &InResponse, ours: &Ours<'_>, requested: u32) -> u32 {
    let raw = &response.common.raw;
    let mine = raw
        .headers_named("Contact")
        .filter_map(NameAddr::parse)
        .find(|c| is_ours(c, ours));
    let from_contact = mine.and_then(|c| c.param("expires").and_then(parse_seconds));
    from_contact
        .or_else(|| raw.header("Expires").and_then(parse_seconds))
        .unwrap_or(requested)
}

fn is_ours(contact: &NameAddr, ours: &Ours<'_>) -> bool {
    if let (Some(id), Some(theirs)) = (ours.instance_id, contact.param("+sip.instance")) {
        let theirs = theirs.trim_matches('"');
        return instance_urn(theirs).eq_ignore_ascii_case(&instance_urn(id));
    }
    same_uri(&contact.uri, ours.contact_uri)
}

/// URIs compared on scheme, user, host and port (parameters left out), case-insensitively.
fn same_uri(a: &str, b: &str) -> bool {
    let base = |u: &str| {
        u.split([';', '?'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    base(a) == base(b)
}

/// A delta-seconds value, clamped to u32.
pub(super) fn parse_seconds(text: &str) -> Option<u32> {
    let digits = text.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        digits
            .parse::<u64>()
            .map_or(u32::MAX, |v| v.min(u64::from(u32::MAX)) as u32),
    )
}

/// Min-Expires of a 423.
pub(super) fn min_expires(response: &InResponse) -> Option<u32> {
    response
        .common
        .raw
        .header("Min-Expires")
        .and_then(parse_seconds)
}

/// Retry-After seconds (comments and parameters after the number ignored).
pub(super) fn retry_after(response: &InResponse) -> Option<u32> {
    let value = response.common.raw.header("Retry-After")?;
    let number = value.split([' ', ';', '(']).next()?;
    parse_seconds(number)
}

/// Where the registrar saw our request come from: `received` (or the sent-by host) and
/// `rport`. `None` unless the Via says something we did not write ourselves.
pub(super) fn public_address(response: &InResponse) -> Option<SocketAddr> {
    let via = &response.common.top_via;
    let received = via.received().and_then(|r| {
        r.trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .ok()
    });
    let rport = via.rport();
    if received.is_none() && rport.is_none() {
        return None;
    }
    let ip = received.or_else(|| via.host.parse().ok())?;
    let port = rport.or(via.port).unwrap_or(5060);
    Some(SocketAddr::new(ip, port))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::message::parsed::{parse_datagram, Inbound};

    fn ok(extra: &str, via_params: &str) -> Box<InResponse> {
        let text = format!(
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.2:5070;branch=z9hG4bKr{via_params}\r\n\
From: <sip:a@x>;tag=f\r\nTo: <sip:a@x>;tag=t\r\nCall-ID: c\r\nCSeq: 2 REGISTER\r\n\
{extra}Content-Length: 0\r\n\r\n"
        );
        match parse_datagram(text.as_bytes()) {
            Inbound::Response(r) => r,
            other => panic!("{other:?}"),
        }
    }

    const OURS: Ours<'static> = Ours {
        instance_id: Some("urn:uuid:1111"),
        contact_uri: "sip:a@10.0.0.2:5070",
    };

    #[test]
    fn our_binding_is_found_by_instance_among_several() {
        let r = ok(
            "Contact: <sip:a@10.9.9.9:5060>;expires=3600, <sip:a@192.0.2.1:4000>;+sip.instance=\"<urn:uuid:1111>\";expires=120\r\nExpires: 900\r\n",
            "",
        );
        assert_eq!(granted_expiry(&r, &OURS, 600), 120);
        assert_eq!(contacts(&r).len(), 2);
    }

    #[test]
    fn without_instance_the_uri_matches_and_fallbacks_apply() {
        let by_uri = Ours {
            instance_id: None,
            ..OURS
        };
        let r = ok(
            "Contact: <sip:b@10.0.0.3>;expires=50\r\nContact: <SIP:a@10.0.0.2:5070;transport=udp>;expires=70\r\n",
            "",
        );
        assert_eq!(granted_expiry(&r, &by_uri, 600), 70);
        let header_only = ok(
            "Contact: <sip:b@10.0.0.3>;expires=50\r\nExpires: 300\r\n",
            "",
        );
        assert_eq!(granted_expiry(&header_only, &by_uri, 600), 300);
        assert_eq!(granted_expiry(&ok("", ""), &by_uri, 600), 600);
    }

    #[test]
    fn received_and_rport_give_the_public_address() {
        let r = ok("", ";rport=40123;received=198.51.100.7");
        assert_eq!(
            public_address(&r),
            Some("198.51.100.7:40123".parse().unwrap())
        );
        let only_rport = ok("", ";rport=40123");
        assert_eq!(
            public_address(&only_rport),
            Some("10.0.0.2:40123".parse().unwrap())
        );
        assert_eq!(public_address(&ok("", ";rport")), None);
    }

    #[test]
    fn numbers_are_read_carefully() {
        assert_eq!(parse_seconds(" 60 "), Some(60));
        assert_eq!(parse_seconds("99999999999"), Some(u32::MAX));
        assert_eq!(parse_seconds("-1"), None);
        assert_eq!(parse_seconds(""), None);
        let r = ok(
            "Retry-After: 120 (maintenance);duration=60\r\nMin-Expires: 1800\r\n",
            "",
        );
        assert_eq!(retry_after(&r), Some(120));
        assert_eq!(min_expires(&r), Some(1800));
    }
}
