//! The transport a SIP flow runs over (RFC 3261 section 18): UDP, TCP or TLS, and what that
//! changes for the user agent: the Via token, whether retransmissions are needed, the form of
//! our Contact URI, and the default port.
//!
//! `stream_framing` cuts a TCP/TLS byte stream into messages.

pub mod stream_framing;

use core::net::SocketAddr;

/// The transport of one flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Transport {
    #[default]
    Udp,
    Tcp,
    Tls,
}

impl Transport {
    /// The token in a Via header's sent-protocol (`SIP/2.0/TCP`).
    pub fn via_token(self) -> &'static str {
        match self {
            Transport::Udp => "UDP",
            Transport::Tcp => "TCP",
            Transport::Tls => "TLS",
        }
    }

    /// Whether the transport itself delivers reliably: then the transaction layer sends no
    /// retransmissions and waits no time to absorb them (RFC 3261 17.1.1.2, 17.1.2.2, 17.2).
    pub fn is_reliable(self) -> bool {
        !matches!(self, Transport::Udp)
    }

    /// The port a URI without one means (RFC 3261 19.1.2).
    pub fn default_port(self) -> u16 {
        match self {
            Transport::Udp | Transport::Tcp => 5060,
            Transport::Tls => 5061,
        }
    }

    /// Our Contact URI for `user` at `host` on this transport: `sip:` as it always was for
    /// UDP, `;transport=tcp` for TCP and `sips:` for TLS.
    pub fn contact_uri(self, user: &str, host: SocketAddr) -> String {
        match self {
            Transport::Udp => format!("sip:{user}@{host}"),
            Transport::Tcp => format!("sip:{user}@{host};transport=tcp"),
            Transport::Tls => format!("sips:{user}@{host}"),
        }
    }

    /// The transport a URI asks for, if it asks: `sips:` is TLS, otherwise the `transport=`
    /// parameter (`udp`, `tcp`, `tls`), case-insensitively. `None` when the URI says nothing
    /// (the caller keeps its own choice).
    pub fn of_uri(uri: &str) -> Option<Transport> {
        let uri = uri.trim().trim_start_matches('<');
        let (scheme, rest) = uri.split_once(':')?;
        if scheme.eq_ignore_ascii_case("sips") {
            return Some(Transport::Tls);
        }
        if !scheme.eq_ignore_ascii_case("sip") {
            return None;
        }
        let params = rest.split(['?', '>']).next().unwrap_or_default();
        params.split(';').skip(1).find_map(|param| {
            let (name, value) = param.split_once('=')?;
            if !name.trim().eq_ignore_ascii_case("transport") {
                return None;
            }
            Transport::from_token(value.trim())
        })
    }

    /// The transport named by a Via token or a `transport=` value.
    pub fn from_token(token: &str) -> Option<Transport> {
        [Transport::Udp, Transport::Tcp, Transport::Tls]
            .into_iter()
            .find(|t| t.via_token().eq_ignore_ascii_case(token))
    }
}

impl core::fmt::Display for Transport {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.via_token())
    }
}

/// Where a message goes: an address and the transport to reach it over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Flow {
    pub address: SocketAddr,
    pub transport: Transport,
}

impl Flow {
    pub fn new(address: SocketAddr, transport: Transport) -> Self {
        Self { address, transport }
    }

    pub fn udp(address: SocketAddr) -> Self {
        Self::new(address, Transport::Udp)
    }
}

/// The socket address of a `sip:` or `sips:` URI whose host is an IP literal, with the port
/// its transport implies when none is given; hostnames give `None`.
pub fn uri_ip_flow(uri: &str, fallback_transport: Transport) -> Option<Flow> {
    let transport = Transport::of_uri(uri).unwrap_or(fallback_transport);
    let trimmed = uri.trim();
    let rest = match trimmed.split_once(':') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("sips") => rest,
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("sip") => rest,
        _ => return None,
    };
    // Reuse the sip: parser for the host part, asking it with the transport's default port.
    let as_sip = format!("sip:{rest}");
    let mut address = crate::sip::message::fields::uri_ip_destination(&as_sip)?;
    if !has_explicit_port(rest) {
        address.set_port(transport.default_port());
    }
    Some(Flow::new(address, transport))
}

/// Whether the host part of a URI (after the scheme) carries a port.
fn has_explicit_port(rest: &str) -> bool {
    let host_port = rest.split([';', '?']).next().unwrap_or_default();
    let host_port = host_port.rsplit_once('@').map_or(host_port, |(_, hp)| hp);
    match host_port.rsplit_once(']') {
        Some((_, after)) => after.starts_with(':'),
        None => host_port.contains(':'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn each_transport_names_itself_in_via_and_contact() {
        let host = addr("192.0.2.4:5070");
        assert_eq!(Transport::Udp.via_token(), "UDP");
        assert_eq!(Transport::Tcp.via_token(), "TCP");
        assert_eq!(Transport::Tls.via_token(), "TLS");
        assert_eq!(
            Transport::Udp.contact_uri("alice", host),
            "sip:alice@192.0.2.4:5070"
        );
        assert_eq!(
            Transport::Tcp.contact_uri("alice", host),
            "sip:alice@192.0.2.4:5070;transport=tcp"
        );
        assert_eq!(
            Transport::Tls.contact_uri("alice", host),
            "sips:alice@192.0.2.4:5070"
        );
    }

    #[test]
    fn only_udp_is_unreliable_and_tls_defaults_to_5061() {
        assert!(!Transport::Udp.is_reliable());
        assert!(Transport::Tcp.is_reliable() && Transport::Tls.is_reliable());
        assert_eq!(Transport::Udp.default_port(), 5060);
        assert_eq!(Transport::Tcp.default_port(), 5060);
        assert_eq!(Transport::Tls.default_port(), 5061);
    }

    #[test]
    fn uris_say_which_transport_they_want() {
        assert_eq!(Transport::of_uri("sip:bob@10.0.0.1"), None);
        assert_eq!(
            Transport::of_uri("sip:bob@10.0.0.1:5081;transport=TCP"),
            Some(Transport::Tcp)
        );
        assert_eq!(
            Transport::of_uri("<sip:p.example.com;lr;transport=tls>"),
            Some(Transport::Tls)
        );
        assert_eq!(
            Transport::of_uri("SIPS:bob@example.com"),
            Some(Transport::Tls)
        );
        assert_eq!(Transport::of_uri("sip:bob@h;transport=sctp"), None);
        assert_eq!(Transport::of_uri("tel:+12345"), None);
        assert_eq!(Transport::of_uri(""), None);
    }

    #[test]
    fn ip_flows_take_the_port_their_transport_implies() {
        assert_eq!(
            uri_ip_flow("sip:bob@127.0.0.1:5081;transport=tcp", Transport::Udp),
            Some(Flow::new(addr("127.0.0.1:5081"), Transport::Tcp))
        );
        assert_eq!(
            uri_ip_flow("sips:bob@127.0.0.1", Transport::Udp),
            Some(Flow::new(addr("127.0.0.1:5061"), Transport::Tls))
        );
        assert_eq!(
            uri_ip_flow("sip:[::1]:5062", Transport::Tcp),
            Some(Flow::new(addr("[::1]:5062"), Transport::Tcp))
        );
        assert_eq!(
            uri_ip_flow("sip:bob@10.0.0.2", Transport::Udp),
            Some(Flow::udp(addr("10.0.0.2:5060")))
        );
        assert_eq!(uri_ip_flow("sip:bob@example.com", Transport::Udp), None);
        assert_eq!(uri_ip_flow("mailto:x@y", Transport::Udp), None);
    }
}
