//! The bookkeeping of one authenticating request (an INVITE with its re-sends, a BYE, a
//! registration): which challenges we answer, the nonce count of each nonce, and when to give up.
//!
//! The rule that prevents loops: a challenge of the same kind and realm as one we answered in the
//! request we just sent (with credentials computed for that very challenge) means the credentials
//! were refused, unless it says `stale=true` (RFC 7616 3.3), which is retried at most
//! [`MAX_STALE_RETRIES`] times in a row. Credentials reused without a fresh challenge (a
//! registration refresh) may be challenged once more: the nonce simply expired.

use rand::Rng;

use super::challenge::{parse_challenge, Challenge, ChallengeError, ChallengeKind};
use super::response::{authorization_value, DigestParams};
use super::Credentials;

/// `stale=true` answers accepted in a row before we call the credentials refused.
pub const MAX_STALE_RETRIES: u8 = 2;

/// Why a challenged request cannot be sent again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// The server refused credentials it had just asked for: wrong user name or password.
    #[error("the credentials were refused")]
    Rejected,
    /// The server kept calling our nonce stale: the credentials seem right, but the exchange
    /// does not converge (retrying later may work).
    #[error("the server kept answering stale=true")]
    TooManyStale,
    /// No challenge in the response could be answered; the first problem found.
    #[error("no usable challenge: {0}")]
    Unusable(ChallengeError),
    /// The response carried no challenge header at all.
    #[error("the response carries no challenge")]
    NoChallenge,
    /// Every challenge is for a realm our credentials are not for.
    #[error("the challenge is for realm {offered:?}, not ours")]
    RealmMismatch { offered: String },
}

/// Where an answer stands: did the last request carry it fresh from its challenge?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sent {
    /// Challenge received; no request has carried the answer yet.
    Not,
    /// The last request carried it, computed for a challenge to the request before.
    Fresh,
    /// A request with it succeeded, or a new logical request reuses it (its nonce may have
    /// expired, so a challenge to it is not a refusal).
    Reused,
}

#[derive(Debug, Clone)]
struct Answer {
    kind: ChallengeKind,
    challenge: Challenge,
    /// Requests that used this nonce so far.
    nc: u32,
    sent: Sent,
}

/// Digest state for one logical request and its re-sends.
#[derive(Debug, Clone)]
pub struct DigestClient {
    credentials: Credentials,
    answers: Vec<Answer>,
    stale_retries: u8,
}

impl DigestClient {
    pub fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
            answers: Vec::new(),
            stale_retries: 0,
        }
    }

    /// A 401 or 407 came back with these challenge header values. `Ok` means: send the
    /// request again (new CSeq) with [`Self::authorization`].
    pub fn on_challenge(&mut self, kind: ChallengeKind, values: &[&str]) -> Result<(), AuthError> {
        let chosen = self.choose(values)?;
        let mut stale_used = false;
        for challenge in &chosen {
            let previous = self
                .answers
                .iter()
                .find(|a| a.kind == kind && a.challenge.realm == challenge.realm);
            if previous.is_some_and(|a| a.sent == Sent::Fresh) {
                if !challenge.stale {
                    return Err(AuthError::Rejected);
                }
                if self.stale_retries >= MAX_STALE_RETRIES {
                    return Err(AuthError::TooManyStale);
                }
                stale_used = true;
            }
        }
        self.stale_retries = if stale_used {
            self.stale_retries + 1
        } else {
            0
        };
        for challenge in chosen {
            let slot = self
                .answers
                .iter_mut()
                .find(|a| a.kind == kind && a.challenge.realm == challenge.realm);
            match slot {
                Some(a) => {
                    if a.challenge.nonce != challenge.nonce {
                        a.nc = 0;
                    }
                    a.challenge = challenge;
                    a.sent = Sent::Not;
                }
                None => self.answers.push(Answer {
                    kind,
                    challenge,
                    nc: 0,
                    sent: Sent::Not,
                }),
            }
        }
        Ok(())
    }

    /// The strongest answerable challenge per realm.
    fn choose(&self, values: &[&str]) -> Result<Vec<Challenge>, AuthError> {
        let mut first_error = None;
        let mut offered_realm = None;
        let mut chosen: Vec<Challenge> = Vec::new();
        for value in values {
            let challenge = match parse_challenge(value) {
                Ok(c) => c,
                Err(e) => {
                    first_error.get_or_insert(e);
                    continue;
                }
            };
            if let Some(ours) = &self.credentials.realm {
                if *ours != challenge.realm {
                    offered_realm.get_or_insert_with(|| challenge.realm.clone());
                    continue;
                }
            }
            match chosen.iter_mut().find(|c| c.realm == challenge.realm) {
                Some(c) if challenge.algorithm.strength() > c.algorithm.strength() => {
                    *c = challenge
                }
                Some(_) => {}
                None => chosen.push(challenge),
            }
        }
        if !chosen.is_empty() {
            return Ok(chosen);
        }
        Err(match (offered_realm, first_error) {
            (Some(offered), _) => AuthError::RealmMismatch { offered },
            (None, Some(e)) => AuthError::Unusable(e),
            (None, None) => AuthError::NoChallenge,
        })
    }

    /// The credentials headers for the next request: (header name, value) pairs. Each use
    /// counts one more `nc` for its nonce and draws a new `cnonce` from `rng`.
    pub fn authorization(
        &mut self,
        method: &str,
        uri: &str,
        body: &[u8],
        rng: &mut impl Rng,
    ) -> Vec<(&'static str, String)> {
        let credentials = &self.credentials;
        self.answers
            .iter_mut()
            .map(|a| {
                a.nc = a.nc.wrapping_add(1);
                if a.sent == Sent::Not {
                    a.sent = Sent::Fresh;
                }
                let cnonce = format!("{:016x}", rng.random::<u64>());
                let params = DigestParams {
                    username: &credentials.username,
                    password: &credentials.password,
                    method,
                    uri,
                    body,
                    cnonce: &cnonce,
                    nc: a.nc,
                };
                (
                    a.kind.credentials_header(),
                    authorization_value(&a.challenge, &params),
                )
            })
            .collect()
    }

    /// A new logical request starts (a refresh, a retry after a failure): answers sent before
    /// count as reused, so a challenge to them is answered once more.
    pub fn begin_request(&mut self) {
        for a in &mut self.answers {
            if a.sent == Sent::Fresh {
                a.sent = Sent::Reused;
            }
        }
        self.stale_retries = 0;
    }

    /// The request succeeded: the answers are good and later requests may reuse them.
    pub fn on_success(&mut self) {
        for a in &mut self.answers {
            a.sent = Sent::Reused;
        }
        self.stale_retries = 0;
    }

    /// Whether a request would carry credentials.
    pub fn has_answers(&self) -> bool {
        !self.answers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    const MD5: &str = r#"Digest realm="sip.example", nonce="n1", qop="auth", algorithm=MD5"#;

    fn client() -> DigestClient {
        DigestClient::new(Credentials::new("alice", "pw"))
    }

    fn nc_of(headers: &[(&'static str, String)]) -> String {
        let v = &headers[0].1;
        let at = v.find("nc=").unwrap();
        v[at + 3..at + 11].to_string()
    }

    #[test]
    fn a_second_plain_challenge_after_fresh_credentials_is_a_refusal() {
        let mut rng = StdRng::seed_from_u64(1);
        let mut c = client();
        assert_eq!(c.on_challenge(ChallengeKind::Www, &[MD5]), Ok(()));
        let h = c.authorization("REGISTER", "sip:sip.example", b"", &mut rng);
        assert_eq!(h[0].0, "Authorization");
        let fresh_nonce = MD5.replace("n1", "n2");
        assert_eq!(
            c.on_challenge(ChallengeKind::Www, &[&fresh_nonce]),
            Err(AuthError::Rejected)
        );
    }

    #[test]
    fn stale_challenges_are_retried_a_bounded_number_of_times() {
        let mut rng = StdRng::seed_from_u64(2);
        let mut c = client();
        c.on_challenge(ChallengeKind::Proxy, &[MD5]).unwrap();
        for round in 0..MAX_STALE_RETRIES {
            c.authorization("INVITE", "sip:b@x", b"", &mut rng);
            let stale = format!("{MD5}, stale=true").replace("n1", &format!("s{round}"));
            assert_eq!(c.on_challenge(ChallengeKind::Proxy, &[&stale]), Ok(()));
        }
        c.authorization("INVITE", "sip:b@x", b"", &mut rng);
        let stale = format!("{MD5}, stale=true").replace("n1", "last");
        assert_eq!(
            c.on_challenge(ChallengeKind::Proxy, &[&stale]),
            Err(AuthError::TooManyStale)
        );
    }

    #[test]
    fn nc_counts_per_nonce_in_hex_and_restarts_with_a_new_nonce() {
        let mut rng = StdRng::seed_from_u64(3);
        let mut c = client();
        c.on_challenge(ChallengeKind::Www, &[MD5]).unwrap();
        let mut seen = Vec::new();
        for _ in 0..11 {
            seen.push(nc_of(&c.authorization("REGISTER", "sip:x", b"", &mut rng)));
            c.on_success();
        }
        assert_eq!(seen[0], "00000001");
        assert_eq!(seen[9], "0000000a");
        assert_eq!(seen[10], "0000000b");
        // Reused credentials were challenged again: the nonce expired, one more try is fine.
        let next = MD5.replace("n1", "n9");
        assert_eq!(c.on_challenge(ChallengeKind::Www, &[&next]), Ok(()));
        assert_eq!(
            nc_of(&c.authorization("REGISTER", "sip:x", b"", &mut rng)),
            "00000001"
        );
    }

    #[test]
    fn the_strongest_algorithm_is_chosen() {
        let mut rng = StdRng::seed_from_u64(4);
        let mut c = client();
        let sha = MD5.replace("MD5", "SHA-256");
        let sha512 = MD5.replace("MD5", "SHA-512-256");
        c.on_challenge(ChallengeKind::Www, &[MD5, &sha512, &sha])
            .unwrap();
        let h = c.authorization("REGISTER", "sip:x", b"", &mut rng);
        assert_eq!(h.len(), 1);
        assert!(h[0].1.contains("algorithm=SHA-512-256"), "{}", h[0].1);
    }

    #[test]
    fn unusable_and_foreign_challenges_are_errors() {
        let mut c = client();
        assert_eq!(
            c.on_challenge(ChallengeKind::Www, &[]),
            Err(AuthError::NoChallenge)
        );
        assert_eq!(
            c.on_challenge(ChallengeKind::Www, &["Digest nonce=x"]),
            Err(AuthError::Unusable(ChallengeError::MissingField("realm")))
        );
        let mut scoped = DigestClient::new(Credentials {
            realm: Some("mine".into()),
            ..Credentials::new("a", "b")
        });
        assert_eq!(
            scoped.on_challenge(ChallengeKind::Www, &[MD5]),
            Err(AuthError::RealmMismatch {
                offered: "sip.example".into()
            })
        );
    }

    #[test]
    fn a_proxy_challenge_after_a_registrar_challenge_is_answered_too() {
        let mut rng = StdRng::seed_from_u64(5);
        let mut c = client();
        c.on_challenge(ChallengeKind::Proxy, &[MD5]).unwrap();
        c.authorization("INVITE", "sip:b@x", b"", &mut rng);
        let www = MD5.replace("sip.example", "other");
        assert_eq!(c.on_challenge(ChallengeKind::Www, &[&www]), Ok(()));
        let h = c.authorization("INVITE", "sip:b@x", b"", &mut rng);
        let names: Vec<&str> = h.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["Proxy-Authorization", "Authorization"]);
    }
}
