//! Fresh identifiers from the seeded RNG: tags, branches, Call-IDs, Via and Contact values.

use core::net::SocketAddr;

use rand::Rng;

use super::UserAgent;
use crate::sip::transaction::key::MAGIC_COOKIE;
use crate::sip::transport::Transport;

impl UserAgent {
    /// 16 random hex digits.
    pub(super) fn token(&mut self) -> String {
        format!("{:016x}", self.rng.random::<u64>())
    }

    /// A new branch and the Via value carrying it, naming `transport`. Over TCP and TLS the
    /// Via offers the connection for requests to us (`alias`, RFC 5923): a registrar then
    /// sends our calls down the connection we registered on, which also crosses a NAT.
    pub(super) fn new_via(&mut self, transport: Transport) -> (String, String) {
        let branch = format!("{MAGIC_COOKIE}{}", self.token());
        let alias = if transport.is_reliable() {
            ";alias"
        } else {
            ""
        };
        let via = format!(
            "SIP/2.0/{} {};rport{alias};branch={branch}",
            transport.via_token(),
            self.config.local_addr
        );
        (via, branch)
    }

    /// Our address-of-record style URI.
    pub(super) fn local_uri(&self) -> String {
        format!("sip:{}@{}", self.config.user, self.config.local_addr)
    }

    /// Our Contact on `transport` (`;transport=tcp`, `sips:` for TLS) with `host` (an
    /// account's learnt public address) in place of our local address, so a peer can reach
    /// us for in-dialog requests through our NAT. Connection-oriented transports keep our own
    /// address: the address a registrar saw there belongs to one short-lived connection.
    pub(super) fn contact_at(&self, host: Option<SocketAddr>, transport: Transport) -> String {
        let host = host
            .filter(|_| !transport.is_reliable())
            .unwrap_or(self.config.local_addr);
        format!("<{}>", transport.contact_uri(&self.config.user, host))
    }

    /// Our Contact in `call` on `transport`: the address chosen when it began (see
    /// [`super::CallOptions::contact_addr`] and [`UserAgent::set_call_contact`]).
    pub(super) fn contact_for(&self, call: super::CallKey, transport: Transport) -> String {
        self.contact_at(
            self.calls.get(&call).and_then(|c| c.contact_addr),
            transport,
        )
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
