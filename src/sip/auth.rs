//! HTTP digest authentication for SIP (RFC 3261 section 22, RFC 2617, RFC 7616), written for
//! this project: rsip's helper counts `nc` in decimal and knows no SHA-256.
//!
//! - [`challenge`] parses `WWW-Authenticate` / `Proxy-Authenticate` values without panicking;
//! - [`algorithm`] names the hash functions (MD5, SHA-256, SHA-512/256 and their `-sess` forms);
//! - [`response`] computes the `Authorization` / `Proxy-Authorization` value;
//! - [`client`] is the per-request bookkeeping: which challenge we answer, `nc` per nonce,
//!   `stale=true` retries, and the rule that a second challenge after fresh credentials means the
//!   password is wrong (so callers never loop).

pub mod algorithm;
pub mod challenge;
pub mod client;
pub mod response;

pub use algorithm::Algorithm;
pub use challenge::{parse_challenge, Challenge, ChallengeError, ChallengeKind, Qop};
pub use client::{AuthError, DigestClient};
pub use response::{authorization_value, digest_response, nc_hex, DigestParams};

/// What a user gives us to answer digest challenges.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The authentication user name (often the user part of the AOR, not always).
    pub username: String,
    pub password: String,
    /// Answer only challenges of this realm; `None` answers any realm.
    pub realm: Option<String>,
}

impl Credentials {
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
            realm: None,
        }
    }
}

/// Never print a password, even in a debug log.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("realm", &self.realm)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_the_password() {
        let c = Credentials::new("alice", "s3cret-pw");
        let shown = format!("{c:?}");
        assert!(shown.contains("alice"));
        assert!(!shown.contains("s3cret-pw"));
    }
}
