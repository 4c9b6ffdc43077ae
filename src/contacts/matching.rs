//! Who is calling: from what the engine reports for the other party to a contact.

use super::fold::{digits, looks_like_number};
use super::index::ContactIndex;
use super::model::{strip_prefix_ignore_case, Contact};

/// The other party of a call, as far as matching cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Remote {
    /// User part (percent-decoded, case kept: it is case-sensitive in SIP) and host
    /// (lower case, without port).
    Sip {
        user: String,
        host: String,
    },
    Number(String),
}

/// Understands `sip:user@host:port;params`, `sips:…`, `"Name" <sip:…>`, `tel:+49-30-…`,
/// `user@host` and bare numbers.
pub(crate) fn parse_remote(remote: &str) -> Option<Remote> {
    let mut text = remote.trim();
    if let Some(start) = text.find('<') {
        let inner = &text[start + 1..];
        text = inner.split('>').next().unwrap_or(inner).trim();
    }
    if let Some(number) = strip_prefix_ignore_case(text, "tel:") {
        let number = number.split(';').next().unwrap_or("").trim();
        return (!number.is_empty()).then(|| Remote::Number(number.to_string()));
    }
    let sip_rest = strip_prefix_ignore_case(text, "sip:")
        .or_else(|| strip_prefix_ignore_case(text, "sips:"))
        .or_else(|| text.contains('@').then_some(text));
    match sip_rest {
        Some(rest) => parse_sip(rest),
        None => (!digits(text).is_empty()).then(|| Remote::Number(text.to_string())),
    }
}

fn parse_sip(rest: &str) -> Option<Remote> {
    let rest = rest.split('?').next().unwrap_or(rest);
    let (user, host_part) = rest.split_once('@')?;
    let user = percent_decode(user.split(';').next().unwrap_or(user));
    let host_port = host_part.split(';').next().unwrap_or(host_part).trim();
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or(v6)
    } else {
        host_port.split(':').next().unwrap_or(host_port)
    };
    if user.is_empty() || host.is_empty() {
        return None;
    }
    Some(Remote::Sip {
        user,
        host: host.to_ascii_lowercase(),
    })
}

/// `%2B49…` → `+49…`; a malformed escape is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl ContactIndex {
    /// The contact for a caller, from what the engine reports: a SIP URI (with or without
    /// display name), a `tel:` URI or a number. A SIP URI matches a contact's SIP address
    /// by user and host (host case-insensitive; port, parameters and display name
    /// ignored); a SIP URI whose user is a phone number also matches the contact's numbers.
    /// Numbers are compared in E.164 form (libphonenumber, with the default country for
    /// numbers without a country code), else by their digits.
    pub fn find(&self, remote: &str) -> Option<&Contact> {
        match parse_remote(remote)? {
            Remote::Sip { user, host } => self
                .first_ranked(self.by_sip.get(&[&user, &host]))
                .or_else(|| {
                    looks_like_number(&user)
                        .then(|| self.find_number(&user))
                        .flatten()
                }),
            Remote::Number(number) => self.find_number(&number),
        }
    }

    fn find_number(&self, number: &str) -> Option<&Contact> {
        self.region
            .e164(number)
            .and_then(|e164| self.first_ranked(self.by_e164.get(&[&e164])))
            .or_else(|| self.first_ranked(self.by_digits.get(&[&digits(number)])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::{Address, AddressLabel};

    fn sip(user: &str, host: &str) -> Option<Remote> {
        Some(Remote::Sip {
            user: user.into(),
            host: host.into(),
        })
    }

    #[test]
    fn remote_forms_are_understood() {
        assert_eq!(
            parse_remote("sip:+49301234567@host"),
            sip("+49301234567", "host")
        );
        assert_eq!(
            parse_remote("\"Bob\" <sip:0301234567@PBX.example:5060;transport=tcp>"),
            sip("0301234567", "pbx.example")
        );
        assert_eq!(
            parse_remote("Bob <sips:Bob@Example.ORG>;tag=1"),
            sip("Bob", "example.org")
        );
        assert_eq!(
            parse_remote("sip:%2B4930@[2001:db8::1]:5060"),
            sip("+4930", "2001:db8::1")
        );
        assert_eq!(
            parse_remote("sip:alice;isub=1@host?subject=x"),
            sip("alice", "host")
        );
        assert_eq!(parse_remote("alice@host"), sip("alice", "host"));
        assert_eq!(
            parse_remote("tel:+49-30-1234567;phone-context=x"),
            Some(Remote::Number("+49-30-1234567".into()))
        );
        assert_eq!(
            parse_remote(" 030 1234567 "),
            Some(Remote::Number("030 1234567".into()))
        );
        assert_eq!(parse_remote("anonymous"), None);
        assert_eq!(parse_remote("sip:host.only"), None);
        assert_eq!(parse_remote(""), None);
    }

    fn contact(uid: &str, addresses: Vec<Address>) -> Contact {
        Contact {
            uid: uid.into(),
            name: uid.into(),
            addresses,
            ..Contact::default()
        }
    }

    fn book() -> Vec<Contact> {
        vec![
            contact(
                "saved-national",
                vec![Address::number(AddressLabel::Work, "030 1234567")],
            ),
            contact(
                "sip-bob",
                vec![Address::sip(AddressLabel::Sip, "sip:bob@Example.org")],
            ),
            contact("short", vec![Address::number(AddressLabel::Other, "201")]),
            contact("weird", vec![Address::number(AddressLabel::Other, "*99#")]),
            contact(
                "sip-numeric",
                vec![Address::sip(AddressLabel::Sip, "sip:0891234567@pbx")],
            ),
        ]
    }

    fn found(index: &ContactIndex, remote: &str) -> Option<String> {
        index.find(remote).map(|c| c.uid.clone())
    }

    #[test]
    fn international_caller_finds_contact_saved_nationally() {
        let index = ContactIndex::build(&book(), Some("DE"));
        for remote in [
            "+49 30 1234567",
            "sip:+49301234567@host",
            "\"Bob\" <sip:0301234567@pbx>",
            "tel:+49-30-1234567",
            "0049301234567",
        ] {
            assert_eq!(
                found(&index, remote).as_deref(),
                Some("saved-national"),
                "{remote}"
            );
        }
        assert_eq!(found(&index, "+49 30 1234568"), None);
        assert_eq!(found(&index, "+44 30 1234567"), None);
    }

    #[test]
    fn sip_uri_matches_by_user_and_host_only() {
        let index = ContactIndex::build(&book(), Some("DE"));
        assert_eq!(
            found(&index, "sip:bob@example.org").as_deref(),
            Some("sip-bob")
        );
        assert_eq!(
            found(
                &index,
                "\"Robert\" <sip:bob@EXAMPLE.org:5061;transport=tls>"
            )
            .as_deref(),
            Some("sip-bob")
        );
        assert_eq!(found(&index, "sip:bob@other.org"), None);
        assert_eq!(
            found(&index, "sip:Bob@example.org"),
            None,
            "the user part is case-sensitive"
        );
        assert_eq!(
            found(&index, "tel:+49891234567").as_deref(),
            Some("sip-numeric")
        );
    }

    #[test]
    fn without_a_country_numbers_compare_by_digits() {
        let index = ContactIndex::build(&book(), None);
        assert_eq!(
            found(&index, "030-123 4567").as_deref(),
            Some("saved-national")
        );
        assert_eq!(found(&index, "+49 30 1234567"), None);
        assert_eq!(found(&index, "sip:201@pbx").as_deref(), Some("short"));
        assert_eq!(found(&index, "*99#").as_deref(), Some("weird"));
    }
}
