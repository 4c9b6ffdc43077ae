//! Fresh identifiers from the seeded RNG: tags, branches, Call-IDs, Via and Contact values.

use rand::Rng;

use super::UserAgent;
use crate::sip::transaction::key::MAGIC_COOKIE;

impl UserAgent {
    /// 16 random hex digits.
    pub(super) fn token(&mut self) -> String {
        format!("{:016x}", self.rng.random::<u64>())
    }

    /// A new branch and the Via value carrying it.
    pub(super) fn new_via(&mut self) -> (String, String) {
        let branch = format!("{MAGIC_COOKIE}{}", self.token());
        let via = format!(
            "SIP/2.0/UDP {};rport;branch={branch}",
            self.config.local_addr
        );
        (via, branch)
    }

    /// Our address-of-record style URI.
    pub(super) fn local_uri(&self) -> String {
        format!("sip:{}@{}", self.config.user, self.config.local_addr)
    }

    pub(super) fn contact(&self) -> String {
        format!("<{}>", self.local_uri())
    }

    /// Our From value without tag.
    pub(super) fn local_party(&self) -> String {
        match &self.config.display_name {
            Some(name) if !name.is_empty() => format!(
                "\"{}\" <{}>",
                name.replace('\\', "\\\\").replace('"', "\\\""),
                self.local_uri()
            ),
            _ => format!("<{}>", self.local_uri()),
        }
    }
}
