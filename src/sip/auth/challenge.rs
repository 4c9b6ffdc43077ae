//! Reading a `WWW-Authenticate` or `Proxy-Authenticate` value (RFC 7616 3.3, RFC 3261 25.1).
//!
//! The grammar is `Digest` followed by comma-separated `name=value` pairs, where a value is a
//! token or a quoted string with backslash escapes (and may hold commas). Names are
//! case-insensitive. Anything odd ends in a [`ChallengeError`], never a panic.

use super::algorithm::Algorithm;

/// Which header carried the challenge, and so which header carries our answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChallengeKind {
    /// 401 with `WWW-Authenticate`, answered in `Authorization`.
    Www,
    /// 407 with `Proxy-Authenticate`, answered in `Proxy-Authorization`.
    Proxy,
}

impl ChallengeKind {
    /// The kind of a 401 or 407 response.
    pub fn of_status(code: u16) -> Option<Self> {
        match code {
            401 => Some(Self::Www),
            407 => Some(Self::Proxy),
            _ => None,
        }
    }

    pub fn challenge_header(self) -> &'static str {
        match self {
            Self::Www => "WWW-Authenticate",
            Self::Proxy => "Proxy-Authenticate",
        }
    }

    pub fn credentials_header(self) -> &'static str {
        match self {
            Self::Www => "Authorization",
            Self::Proxy => "Proxy-Authorization",
        }
    }
}

/// The quality of protection we will use for a challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qop {
    /// No `qop` offered: the RFC 2069 compatible response without `nc` and `cnonce`.
    None,
    Auth,
    /// Only `auth-int` offered: the body's hash goes into A2.
    AuthInt,
}

impl Qop {
    pub fn token(self) -> Option<&'static str> {
        match self {
            Self::None => None,
            Self::Auth => Some("auth"),
            Self::AuthInt => Some("auth-int"),
        }
    }
}

/// One digest challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub realm: String,
    pub nonce: String,
    pub opaque: Option<String>,
    pub algorithm: Algorithm,
    /// The protection we will use: `auth` when offered, else `auth-int`, else none.
    pub qop: Qop,
    /// `stale=true`: our credentials were right but the nonce was old (RFC 7616 3.3).
    pub stale: bool,
}

/// Why a challenge cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChallengeError {
    #[error("the challenge uses the {0:?} scheme, not Digest")]
    NotDigest(String),
    #[error("the challenge has no {0} parameter")]
    MissingField(&'static str),
    #[error("the challenge asks for the unsupported algorithm {0:?}")]
    UnsupportedAlgorithm(String),
    #[error("the challenge offers only unsupported qop values {0:?}")]
    UnsupportedQop(String),
    #[error("the challenge is malformed: {0}")]
    Malformed(&'static str),
}

/// Parse one challenge header value.
pub fn parse_challenge(value: &str) -> Result<Challenge, ChallengeError> {
    let value = value.trim();
    let scheme_end = value.find(char::is_whitespace).unwrap_or(value.len());
    let (scheme, rest) = value.split_at(scheme_end);
    if !scheme.eq_ignore_ascii_case("Digest") {
        return Err(ChallengeError::NotDigest(scheme.to_string()));
    }
    let params = parse_params(rest)?;
    let get = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let realm = get("realm").ok_or(ChallengeError::MissingField("realm"))?;
    let nonce = get("nonce").ok_or(ChallengeError::MissingField("nonce"))?;
    let algorithm = match get("algorithm") {
        None => Algorithm::Md5,
        Some(token) => Algorithm::from_token(token)
            .ok_or_else(|| ChallengeError::UnsupportedAlgorithm(token.to_string()))?,
    };
    let qop = match get("qop") {
        None => Qop::None,
        Some(list) => choose_qop(list)?,
    };
    Ok(Challenge {
        realm: realm.to_string(),
        nonce: nonce.to_string(),
        opaque: get("opaque").map(str::to_string),
        algorithm,
        qop,
        stale: get("stale").is_some_and(|s| s.trim().eq_ignore_ascii_case("true")),
    })
}

fn choose_qop(list: &str) -> Result<Qop, ChallengeError> {
    let offered: Vec<String> = list
        .split(',')
        .map(|q| q.trim().to_ascii_lowercase())
        .collect();
    if offered.iter().any(|q| q == "auth") {
        Ok(Qop::Auth)
    } else if offered.iter().any(|q| q == "auth-int") {
        Ok(Qop::AuthInt)
    } else {
        Err(ChallengeError::UnsupportedQop(list.to_string()))
    }
}

/// The `name=value` pairs after the scheme, names lower-cased, quotes and escapes removed.
/// The first occurrence of a repeated name wins.
fn parse_params(text: &str) -> Result<Vec<(String, String)>, ChallengeError> {
    let mut params: Vec<(String, String)> = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        if chars.peek().is_none() {
            return Ok(params);
        }
        let mut name = String::new();
        while let Some(c) = chars.next_if(|c| is_token_char(*c)) {
            name.push(c.to_ascii_lowercase());
        }
        if name.is_empty() {
            return Err(ChallengeError::Malformed("a parameter name is not a token"));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            return Err(ChallengeError::Malformed("a parameter has no value"));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let value = if chars.next_if_eq(&'"').is_some() {
            read_quoted(&mut chars)?
        } else {
            let mut token = String::new();
            while let Some(c) = chars.next_if(|c| is_token_char(*c)) {
                token.push(c);
            }
            token
        };
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.peek() {
            None | Some(',') => {}
            Some(_) => {
                return Err(ChallengeError::Malformed(
                    "parameters are not comma-separated",
                ))
            }
        }
        if !params.iter().any(|(n, _)| *n == name) {
            params.push((name, value));
        }
    }
}

/// The rest of a quoted string whose opening quote was consumed.
fn read_quoted(chars: &mut impl Iterator<Item = char>) -> Result<String, ChallengeError> {
    let mut out = String::new();
    loop {
        match chars.next() {
            None => return Err(ChallengeError::Malformed("a quoted string is not closed")),
            Some('"') => return Ok(out),
            Some('\\') => match chars.next() {
                Some(c) => out.push(c),
                None => return Err(ChallengeError::Malformed("a quoted string is not closed")),
            },
            Some(c) => out.push(c),
        }
    }
}

/// RFC 3261 25.1 `token` characters.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-.!%*_+`'~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typical_sip_challenge() {
        let c = parse_challenge(
            r#"Digest realm="atlanta.com", domain="sip:ss1.carrier.com", qop="auth", nonce="f84f1cec41e6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5"#,
        )
        .unwrap();
        assert_eq!(c.realm, "atlanta.com");
        assert_eq!(c.nonce, "f84f1cec41e6cbe5aea9c8e88d359");
        assert_eq!(c.opaque.as_deref(), Some(""));
        assert_eq!(c.algorithm, Algorithm::Md5);
        assert_eq!(c.qop, Qop::Auth);
        assert!(!c.stale);
    }

    #[test]
    fn names_are_case_insensitive_and_quotes_may_hold_commas_and_escapes() {
        let c = parse_challenge(
            "digest REALM = \"a, \\\"quoted\\\" realm\" ,NONCE=abc,Algorithm=sha-256-SESS,QOP=\"auth-int, auth\",Stale=TRUE",
        )
        .unwrap();
        assert_eq!(c.realm, "a, \"quoted\" realm");
        assert_eq!(c.nonce, "abc");
        assert_eq!(c.algorithm, Algorithm::Sha256Sess);
        assert_eq!(c.qop, Qop::Auth);
        assert!(c.stale);
    }

    #[test]
    fn qop_falls_back_to_auth_int_and_none() {
        let c = parse_challenge(r#"Digest realm="r", nonce="n", qop="auth-int""#).unwrap();
        assert_eq!(c.qop, Qop::AuthInt);
        let c = parse_challenge(r#"Digest realm="r", nonce="n""#).unwrap();
        assert_eq!(c.qop, Qop::None);
        assert_eq!(
            parse_challenge(r#"Digest realm="r", nonce="n", qop="auth-conf""#),
            Err(ChallengeError::UnsupportedQop("auth-conf".into()))
        );
    }

    #[test]
    fn missing_and_broken_fields_are_clear_errors() {
        assert_eq!(
            parse_challenge(r#"Digest nonce="n""#),
            Err(ChallengeError::MissingField("realm"))
        );
        assert_eq!(
            parse_challenge(r#"Digest realm="r""#),
            Err(ChallengeError::MissingField("nonce"))
        );
        assert_eq!(
            parse_challenge(r#"Basic realm="r""#),
            Err(ChallengeError::NotDigest("Basic".into()))
        );
        assert_eq!(
            parse_challenge(r#"Digest realm="r", nonce="n", algorithm=AKAv1-MD5"#),
            Err(ChallengeError::UnsupportedAlgorithm("AKAv1-MD5".into()))
        );
        assert!(matches!(
            parse_challenge(r#"Digest realm="r, nonce="n""#),
            Err(ChallengeError::Malformed(_))
        ));
        assert!(matches!(
            parse_challenge(r#"Digest realm"#),
            Err(ChallengeError::Malformed(_))
        ));
        assert!(matches!(
            parse_challenge(r#"Digest realm="r" nonce="n""#),
            Err(ChallengeError::Malformed(_))
        ));
        assert!(parse_challenge("").is_err());
    }

    #[test]
    fn random_challenge_headers_never_panic() {
        use rand::rngs::StdRng;
        use rand::{Rng, SeedableRng};
        let seed = r#"Digest realm="a\"b, c", nonce="xyz", opaque="o", qop="auth,auth-int", algorithm=SHA-256, stale=true"#;
        let alphabet: Vec<char> = "Digest=\",\\ \t;aZ-9é\u{0}".chars().collect();
        let mut rng = StdRng::seed_from_u64(7616);
        for _ in 0..20_000 {
            let mut chars: Vec<char> = seed.chars().collect();
            for _ in 0..rng.random_range(1..8) {
                let at = rng.random_range(0..=chars.len());
                let c = alphabet[rng.random_range(0..alphabet.len())];
                match rng.random_range(0..3) {
                    0 if at < chars.len() => chars[at] = c,
                    1 if at < chars.len() => {
                        chars.remove(at);
                    }
                    _ => chars.insert(at, c),
                }
            }
            let text: String = chars.into_iter().collect();
            if let Ok(c) = parse_challenge(&text) {
                assert!(!c.nonce.contains('"') || text.contains("\\\""));
            }
        }
        for _ in 0..5_000 {
            let len = rng.random_range(0..80);
            let text: String = (0..len)
                .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                .collect();
            let _ = parse_challenge(&text);
        }
    }
}
