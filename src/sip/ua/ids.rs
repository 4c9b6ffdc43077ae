//! Fresh identifiers from the seeded RNG: tags, branches, Call-IDs, Via and Contact values.

use core::net::SocketAddr;

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

    /// Our Contact with `host` (an account's learnt public address) in place of our local
    /// address: a peer behind no NAT of ours can then reach us for in-dialog requests.
    pub(super) fn contact_at(&self, host: Option<SocketAddr>) -> String {
        let host = host.unwrap_or(self.config.local_addr);
        format!("<sip:{}@{host}>", self.config.user)
    }

    /// Our Contact in `call`: the address chosen when it began (see
    /// [`super::CallOptions::contact_addr`] and [`UserAgent::set_call_contact`]).
    pub(super) fn contact_for(&self, call: super::CallKey) -> String {
        self.contact_at(self.calls.get(&call).and_then(|c| c.contact_addr))
    }

    /// Our From value without tag for a call with `options`.
    pub(super) fn party_for(&self, options: &super::CallOptions) -> String {
        let uri = options.from_uri.clone().unwrap_or_else(|| self.local_uri());
        let display = options
            .display_name
            .as_ref()
            .or(self.config.display_name.as_ref());
        name_addr(display.map(String::as_str), &uri)
    }
}

/// `"Display" <uri>`, or `<uri>` without a display name.
pub(crate) fn name_addr(display: Option<&str>, uri: &str) -> String {
    match display {
        Some(name) if !name.is_empty() => format!(
            "\"{}\" <{uri}>",
            name.replace('\\', "\\\\").replace('"', "\\\"")
        ),
        _ => format!("<{uri}>"),
    }
}
