//! The digest algorithms of RFC 7616 section 3.3 (and MD5 from RFC 2617), ranked by strength.

use md5::Md5;
use sha2::{Digest, Sha256, Sha512_256};

/// A digest algorithm a challenge may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    Md5,
    Md5Sess,
    Sha256,
    Sha256Sess,
    Sha512_256,
    Sha512_256Sess,
}

impl Algorithm {
    /// The algorithm a token names (case-insensitive), or `None` if we do not support it.
    pub fn from_token(token: &str) -> Option<Self> {
        let algorithm = match token.trim().to_ascii_uppercase().as_str() {
            "MD5" => Self::Md5,
            "MD5-SESS" => Self::Md5Sess,
            "SHA-256" => Self::Sha256,
            "SHA-256-SESS" => Self::Sha256Sess,
            "SHA-512-256" => Self::Sha512_256,
            "SHA-512-256-SESS" => Self::Sha512_256Sess,
            _ => return None,
        };
        Some(algorithm)
    }

    /// The canonical token, as we send it back.
    pub fn token(self) -> &'static str {
        match self {
            Self::Md5 => "MD5",
            Self::Md5Sess => "MD5-sess",
            Self::Sha256 => "SHA-256",
            Self::Sha256Sess => "SHA-256-sess",
            Self::Sha512_256 => "SHA-512-256",
            Self::Sha512_256Sess => "SHA-512-256-sess",
        }
    }

    /// Whether A1 includes the nonce and cnonce (RFC 7616 3.4.2).
    pub fn is_session(self) -> bool {
        matches!(
            self,
            Self::Md5Sess | Self::Sha256Sess | Self::Sha512_256Sess
        )
    }

    /// Higher is stronger: RFC 7616 3.7 asks clients to use the strongest offered hash.
    /// A session variant ranks just below its plain form (same hash, more state to keep).
    pub fn strength(self) -> u8 {
        match self {
            Self::Md5Sess => 0,
            Self::Md5 => 1,
            Self::Sha256Sess => 2,
            Self::Sha256 => 3,
            Self::Sha512_256Sess => 4,
            Self::Sha512_256 => 5,
        }
    }

    /// The hash of `data` as lowercase hex (RFC 7616 3.4: H() and KD()).
    pub fn hex_hash(self, data: &[u8]) -> String {
        match self {
            Self::Md5 | Self::Md5Sess => hex(&Md5::digest(data)),
            Self::Sha256 | Self::Sha256Sess => hex(&Sha256::digest(data)),
            Self::Sha512_256 | Self::Sha512_256Sess => hex(&Sha512_256::digest(data)),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_case_insensitively() {
        for a in [
            Algorithm::Md5,
            Algorithm::Md5Sess,
            Algorithm::Sha256,
            Algorithm::Sha256Sess,
            Algorithm::Sha512_256,
            Algorithm::Sha512_256Sess,
        ] {
            assert_eq!(Algorithm::from_token(a.token()), Some(a));
            assert_eq!(Algorithm::from_token(&a.token().to_lowercase()), Some(a));
        }
        assert_eq!(Algorithm::from_token("AKAv1-MD5"), None);
        assert_eq!(Algorithm::from_token(""), None);
    }

    #[test]
    fn hashes_match_known_values() {
        // RFC 1321 and FIPS 180-4 test vectors for "abc".
        assert_eq!(
            Algorithm::Md5.hex_hash(b"abc"),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            Algorithm::Sha256.hex_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            Algorithm::Sha512_256.hex_hash(b"abc"),
            "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"
        );
    }
}
