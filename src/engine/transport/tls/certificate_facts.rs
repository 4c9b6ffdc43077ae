//! The facts about a certificate that rustls does not tell us but the account's trusted
//! certificate needs: when it is valid (a pinned certificate is never run through webpki's path
//! checks, so its dates must be checked here), whether it is a CA (only a CA may serve as a
//! trust anchor for other certificates), and the names an old-style certificate gives only in
//! its subject's common name.
//!
//! A minimal DER walk over X.509 (RFC 5280 §4.1): it reads only what it needs and answers
//! `None` for anything it does not understand, never panicking on a malformed file.

use super::calendar::days_since_epoch;

const TAG_BOOLEAN: u8 = 0x01;
const TAG_OCTET_STRING: u8 = 0x04;
const TAG_OID: u8 = 0x06;
const TAG_UTF8_STRING: u8 = 0x0c;
const TAG_PRINTABLE_STRING: u8 = 0x13;
const TAG_IA5_STRING: u8 = 0x16;
const TAG_SEQUENCE: u8 = 0x30;
const TAG_SET: u8 = 0x31;
const TAG_UTC_TIME: u8 = 0x17;
const TAG_GENERALIZED_TIME: u8 = 0x18;
/// `[0] EXPLICIT Version` at the start of the TBSCertificate.
const TAG_VERSION: u8 = 0xa0;
/// `[3] EXPLICIT Extensions` at the end of the TBSCertificate.
const TAG_EXTENSIONS: u8 = 0xa3;
/// id-ce-basicConstraints, 2.5.29.19.
const OID_BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
/// id-ce-subjectAltName, 2.5.29.17.
const OID_SUBJECT_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x11];
/// id-at-commonName, 2.5.4.3.
const OID_COMMON_NAME: &[u8] = &[0x55, 0x04, 0x03];

/// What the trusted certificate says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CertificateFacts {
    /// Seconds since the Unix epoch.
    pub not_before: u64,
    /// Seconds since the Unix epoch.
    pub not_after: u64,
    /// basicConstraints says cA = TRUE.
    pub is_ca: bool,
    /// It has a subjectAltName extension (then the common name must not be used as a name).
    pub has_subject_alt_name: bool,
    /// The subject's (last) common name, if it is text.
    pub common_name: Option<String>,
}

/// What the extensions say.
#[derive(Default)]
struct Extensions {
    is_ca: bool,
    has_subject_alt_name: bool,
}

impl CertificateFacts {
    /// Reads the facts from a DER certificate; `None` if it is not a certificate we can read.
    pub(crate) fn read(der: &[u8]) -> Option<CertificateFacts> {
        let (certificate, _) = expect(der, TAG_SEQUENCE)?;
        let (tbs, _) = expect(certificate, TAG_SEQUENCE)?;
        let mut rest = tbs;
        if let Some((TAG_VERSION, _, after)) = next(rest) {
            rest = after;
        }
        // serialNumber, signature AlgorithmIdentifier, issuer Name.
        for _ in 0..3 {
            rest = next(rest)?.2;
        }
        let (validity, after_validity) = expect(rest, TAG_SEQUENCE)?;
        let (not_before, after_not_before) = read_time(validity)?;
        let (not_after, _) = read_time(after_not_before)?;
        let (subject, after_subject) = expect(after_validity, TAG_SEQUENCE)?;
        let common_name = read_common_name(subject)?;
        // subjectPublicKeyInfo, then optional unique ids and extensions.
        let mut rest = next(after_subject)?.2;
        let mut extensions = Extensions::default();
        while let Some((tag, content, after)) = next(rest) {
            if tag == TAG_EXTENSIONS {
                extensions = read_extensions(content)?;
            }
            rest = after;
        }
        Some(CertificateFacts {
            not_before,
            not_after,
            is_ca: extensions.is_ca,
            has_subject_alt_name: extensions.has_subject_alt_name,
            common_name,
        })
    }
}

/// The last commonName in a Name (`SEQUENCE OF SET OF { type, value }`), when it is text.
fn read_common_name(mut name: &[u8]) -> Option<Option<String>> {
    let mut common_name = None;
    while let Some((tag, relative_name, after)) = next(name) {
        name = after;
        if tag != TAG_SET {
            return None;
        }
        let mut attributes = relative_name;
        while let Some((_, attribute, after_attribute)) = next(attributes) {
            attributes = after_attribute;
            let (oid, value) = expect(attribute, TAG_OID)?;
            if oid != OID_COMMON_NAME {
                continue;
            }
            common_name = match next(value)? {
                (TAG_UTF8_STRING | TAG_PRINTABLE_STRING | TAG_IA5_STRING, text, _) => {
                    std::str::from_utf8(text).ok().map(str::to_string)
                }
                _ => None,
            };
        }
    }
    Some(common_name)
}

/// Walks `[3] { SEQUENCE OF Extension }` for basicConstraints and subjectAltName.
fn read_extensions(explicit: &[u8]) -> Option<Extensions> {
    let (mut list, _) = expect(explicit, TAG_SEQUENCE)?;
    let mut found = Extensions::default();
    while let Some((tag, extension, after)) = next(list) {
        list = after;
        if tag != TAG_SEQUENCE {
            return None;
        }
        let (oid, mut rest) = expect(extension, TAG_OID)?;
        if oid == OID_SUBJECT_ALT_NAME {
            found.has_subject_alt_name = true;
        }
        if oid != OID_BASIC_CONSTRAINTS {
            continue;
        }
        if let Some((TAG_BOOLEAN, _, after_critical)) = next(rest) {
            rest = after_critical;
        }
        let (value, _) = expect(rest, TAG_OCTET_STRING)?;
        let (constraints, _) = expect(value, TAG_SEQUENCE)?;
        // cA BOOLEAN DEFAULT FALSE: absent means not a CA.
        found.is_ca = match next(constraints) {
            Some((TAG_BOOLEAN, flag, _)) => flag.first().is_some_and(|byte| *byte != 0),
            _ => false,
        };
    }
    Some(found)
}

/// Reads one `Time` (UTCTime or GeneralizedTime), returning Unix seconds and what follows.
fn read_time(input: &[u8]) -> Option<(u64, &[u8])> {
    let (tag, content, rest) = next(input)?;
    let text = std::str::from_utf8(content).ok()?;
    let digits = text.strip_suffix('Z')?;
    if !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let (year, rest_of_time) = match (tag, digits.len()) {
        (TAG_UTC_TIME, 12) => {
            let short: u64 = digits.get(0..2)?.parse().ok()?;
            // RFC 5280 §4.1.2.5.1: YY >= 50 is 19YY, otherwise 20YY.
            let year = if short >= 50 {
                1900 + short
            } else {
                2000 + short
            };
            (year, digits.get(2..)?)
        }
        (TAG_GENERALIZED_TIME, 14) => (digits.get(0..4)?.parse().ok()?, digits.get(4..)?),
        _ => return None,
    };
    let field = |at: usize| -> Option<u64> { rest_of_time.get(at..at + 2)?.parse().ok() };
    let (month, day) = (field(0)?, field(2)?);
    let (hour, minute, second) = (field(4)?, field(6)?, field(8)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    let days = days_since_epoch(year, month, day)?;
    Some((days * 86_400 + hour * 3600 + minute * 60 + second, rest))
}

/// Reads one TLV whose tag must be `tag`: its content and what follows it.
fn expect(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    match next(input)? {
        (found, content, rest) if found == tag => Some((content, rest)),
        _ => None,
    }
}

/// Reads one DER TLV (single-byte tags, definite lengths up to four bytes).
fn next(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, after_tag) = input.split_first()?;
    let (&first, mut after_length) = after_tag.split_first()?;
    let length = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 {
            return None;
        }
        let (bytes, after) = after_length.split_at_checked(count)?;
        after_length = after;
        bytes
            .iter()
            .fold(0usize, |length, byte| (length << 8) | usize::from(*byte))
    };
    let (content, rest) = after_length.split_at_checked(length)?;
    Some((tag, content, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_time_forms_read_the_same_instant() {
        let utc = [&[TAG_UTC_TIME, 13][..], b"240229120000Z"].concat();
        let generalized = [&[TAG_GENERALIZED_TIME, 15][..], b"20240229120000Z"].concat();
        let expected = 1_709_208_000;
        assert_eq!(read_time(&utc).map(|(t, _)| t), Some(expected));
        assert_eq!(read_time(&generalized).map(|(t, _)| t), Some(expected));
    }

    #[test]
    fn garbage_and_truncated_input_read_as_nothing() {
        assert_eq!(CertificateFacts::read(b""), None);
        assert_eq!(CertificateFacts::read(b"not a certificate"), None);
        assert_eq!(
            CertificateFacts::read(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
            None
        );
        assert_eq!(CertificateFacts::read(&[0x30, 0x03, 0x30, 0x01]), None);
    }
}
