//! Computing a digest response and the `Authorization` value that carries it (RFC 7616 3.4,
//! RFC 2617 3.2.2, and the RFC 2069 form when no `qop` was offered).

use super::challenge::{Challenge, Qop};

/// Everything besides the challenge that goes into one response.
#[derive(Debug, Clone, Copy)]
pub struct DigestParams<'a> {
    pub username: &'a str,
    pub password: &'a str,
    /// The request method, e.g. `REGISTER`.
    pub method: &'a str,
    /// The Request-URI exactly as sent (`digest-uri`).
    pub uri: &'a str,
    /// The request body, hashed into A2 only for `auth-int`.
    pub body: &'a [u8],
    pub cnonce: &'a str,
    /// Nonce count: how many requests (this one included) used this nonce.
    pub nc: u32,
}

/// The `response` value (RFC 7616 3.4.1).
pub fn digest_response(challenge: &Challenge, p: &DigestParams<'_>) -> String {
    let alg = challenge.algorithm;
    let h = |text: &str| alg.hex_hash(text.as_bytes());
    let mut ha1 = h(&format!(
        "{}:{}:{}",
        p.username, challenge.realm, p.password
    ));
    if alg.is_session() {
        ha1 = h(&format!("{ha1}:{}:{}", challenge.nonce, p.cnonce));
    }
    let ha2 = match challenge.qop {
        Qop::AuthInt => h(&format!("{}:{}:{}", p.method, p.uri, alg.hex_hash(p.body))),
        Qop::Auth | Qop::None => h(&format!("{}:{}", p.method, p.uri)),
    };
    match challenge.qop.token() {
        Some(qop) => h(&format!(
            "{ha1}:{}:{}:{}:{qop}:{ha2}",
            challenge.nonce,
            nc_hex(p.nc),
            p.cnonce
        )),
        None => h(&format!("{ha1}:{}:{ha2}", challenge.nonce)),
    }
}

/// `nc` as RFC 7616 wants it: 8 lowercase hex digits.
pub fn nc_hex(nc: u32) -> String {
    format!("{nc:08x}")
}

/// The whole `Authorization` / `Proxy-Authorization` value answering `challenge`.
pub fn authorization_value(challenge: &Challenge, p: &DigestParams<'_>) -> String {
    let response = digest_response(challenge, p);
    let mut out = format!(
        "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", response=\"{response}\", algorithm={}",
        quote(p.username),
        quote(&challenge.realm),
        quote(&challenge.nonce),
        quote(p.uri),
        challenge.algorithm.token(),
    );
    let uses_cnonce = challenge.qop != Qop::None || challenge.algorithm.is_session();
    if uses_cnonce {
        out.push_str(&format!(", cnonce=\"{}\"", quote(p.cnonce)));
    }
    if let Some(opaque) = &challenge.opaque {
        out.push_str(&format!(", opaque=\"{}\"", quote(opaque)));
    }
    if let Some(qop) = challenge.qop.token() {
        out.push_str(&format!(", qop={qop}, nc={}", nc_hex(p.nc)));
    }
    out
}

/// Escape a value for a quoted string.
fn quote(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::auth::challenge::parse_challenge;

    /// RFC 7616 section 3.9.1: the "Mufasa" example.
    fn rfc7616(algorithm: &str) -> Challenge {
        parse_challenge(&format!(
            r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#
        ))
        .unwrap()
    }

    fn mufasa() -> DigestParams<'static> {
        DigestParams {
            username: "Mufasa",
            password: "Circle of Life",
            method: "GET",
            uri: "/dir/index.html",
            body: b"",
            cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            nc: 1,
        }
    }

    #[test]
    fn rfc7616_md5_example() {
        assert_eq!(
            digest_response(&rfc7616("MD5"), &mufasa()),
            "8ca523f5e9506fed4657c9700eebdbec"
        );
    }

    #[test]
    fn rfc7616_sha256_example() {
        assert_eq!(
            digest_response(&rfc7616("SHA-256"), &mufasa()),
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
        );
    }

    #[test]
    fn rfc2617_section_3_5_example() {
        // RFC 2617 3.5 (qop=auth, MD5).
        let c = parse_challenge(
            r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#,
        )
        .unwrap();
        let p = DigestParams {
            username: "Mufasa",
            password: "Circle Of Life",
            method: "GET",
            uri: "/dir/index.html",
            body: b"",
            cnonce: "0a4f113b",
            nc: 1,
        };
        assert_eq!(digest_response(&c, &p), "6629fae49393a05397450978507c4ef1");
    }

    #[test]
    fn rfc2069_form_without_qop() {
        // H(H(A1):nonce:H(A2)) with no nc and no cnonce.
        let c = parse_challenge(r#"Digest realm="biloxi.com", nonce="abc""#).unwrap();
        let p = DigestParams {
            method: "REGISTER",
            uri: "sip:biloxi.com",
            ..mufasa()
        };
        let md5 = |s: &str| crate::sip::auth::Algorithm::Md5.hex_hash(s.as_bytes());
        let expected = md5(&format!(
            "{}:abc:{}",
            md5("Mufasa:biloxi.com:Circle of Life"),
            md5("REGISTER:sip:biloxi.com")
        ));
        assert_eq!(digest_response(&c, &p), expected);
        let value = authorization_value(&c, &p);
        assert!(!value.contains("nc="), "{value}");
        assert!(!value.contains("cnonce="), "{value}");
        assert!(!value.contains("qop="), "{value}");
    }

    #[test]
    fn session_variant_hashes_nonce_and_cnonce_into_a1() {
        let c = parse_challenge(r#"Digest realm="r", nonce="n", qop=auth, algorithm=SHA-256-sess"#)
            .unwrap();
        let p = DigestParams {
            username: "u",
            password: "p",
            method: "INVITE",
            uri: "sip:b@r",
            body: b"",
            cnonce: "c",
            nc: 0x1a,
        };
        let sha = |s: &str| crate::sip::auth::Algorithm::Sha256.hex_hash(s.as_bytes());
        let ha1 = sha(&format!("{}:n:c", sha("u:r:p")));
        let expected = sha(&format!(
            "{ha1}:n:0000001a:c:auth:{}",
            sha("INVITE:sip:b@r")
        ));
        assert_eq!(digest_response(&c, &p), expected);
    }

    #[test]
    fn auth_int_hashes_the_body() {
        let c = parse_challenge(r#"Digest realm="r", nonce="n", qop="auth-int""#).unwrap();
        let p = |body: &'static [u8]| DigestParams { body, ..mufasa() };
        assert_ne!(
            digest_response(&c, &p(b"v=0")),
            digest_response(&c, &p(b""))
        );
    }

    #[test]
    fn authorization_value_carries_every_field_with_hex_nc() {
        let c = rfc7616("SHA-256");
        let p = DigestParams { nc: 10, ..mufasa() };
        let value = authorization_value(&c, &p);
        assert!(value.starts_with("Digest username=\"Mufasa\", realm=\"http-auth@example.org\""));
        assert!(value.contains("uri=\"/dir/index.html\""));
        assert!(value.contains("algorithm=SHA-256"));
        assert!(value.contains("qop=auth, nc=0000000a"), "{value}");
        assert!(value.contains("cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\""));
        assert!(value.contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""));
        let escaped = authorization_value(
            &c,
            &DigestParams {
                username: "a\"b\\c",
                ..p
            },
        );
        assert!(escaped.contains(r#"username="a\"b\\c""#), "{escaped}");
    }
}
