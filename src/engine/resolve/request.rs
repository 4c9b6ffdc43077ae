//! What to resolve for an account: the next hop's host, whether its port was given, the
//! transport asked for, and whether it is a `sips:` URI (RFC 3263 section 4).

use crate::config::{Account, Transport};
use std::net::IpAddr;

/// One server location request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// A host name or an IP literal (IPv6 without brackets).
    pub host: String,
    /// The port written in the URI; `None` lets DNS (SRV) choose.
    pub port: Option<u16>,
    /// The account's transport, or the proxy URI's `transport=` parameter; `Auto` asks DNS.
    pub transport: Transport,
    /// A `sips:` URI: only TLS may be used.
    pub sips: bool,
}

impl Request {
    /// The request for an account's next hop: its outbound proxy when set, else its domain.
    /// `None` when that names no host.
    pub fn for_account(account: &Account) -> Option<Request> {
        let text = account
            .outbound_proxy
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or(&account.domain);
        Request::parse(text, account.transport)
    }

    /// `host`, `host:port`, `[v6]:port`, or a `sip:`/`sips:` URI (with `<>`, a user part and
    /// parameters). A `transport=` parameter overrides `transport`.
    pub fn parse(text: &str, transport: Transport) -> Option<Request> {
        let text = text.trim().trim_start_matches('<');
        let text = text.split('>').next().unwrap_or_default();
        let (sips, rest) = strip_scheme(text);
        let mut parts = rest.split(';');
        let hostport = parts.next().unwrap_or_default();
        let hostport = hostport.split('?').next().unwrap_or_default();
        let hostport = hostport.rsplit_once('@').map_or(hostport, |(_, h)| h);
        let transport = parts
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("transport"))
            .and_then(|(_, v)| transport_param(v.trim()))
            .unwrap_or(transport);
        let (host, port) = split_host_port(hostport)?;
        Some(Request {
            host,
            port,
            transport,
            sips,
        })
    }

    /// The host as an IP address, when it is one (then no DNS is needed).
    pub fn ip_literal(&self) -> Option<IpAddr> {
        self.host.parse().ok()
    }
}

fn strip_scheme(text: &str) -> (bool, &str) {
    let lower = text.get(..5).unwrap_or_default().to_ascii_lowercase();
    if lower == "sips:" {
        (true, text.get(5..).unwrap_or_default())
    } else if lower.starts_with("sip:") {
        (false, text.get(4..).unwrap_or_default())
    } else {
        (false, text)
    }
}

fn transport_param(value: &str) -> Option<Transport> {
    match value.to_ascii_lowercase().as_str() {
        "udp" => Some(Transport::Udp),
        "tcp" => Some(Transport::Tcp),
        "tls" => Some(Transport::Tls),
        _ => None,
    }
}

/// `(host, port)`; `None` for an empty host or a port that is not a number from 1 to 65535.
fn split_host_port(text: &str) -> Option<(String, Option<u16>)> {
    let (host, port) = if let Some(v6) = text.strip_prefix('[') {
        let (host, after) = v6.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else if text.matches(':').count() > 1 {
        // A bare IPv6 address: every colon belongs to it.
        (text, None)
    } else {
        match text.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (text, None),
        }
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok().filter(|&p| p != 0)?),
        None => None,
    };
    // DNS names are case-insensitive; a trailing dot (fully qualified) is kept for DNS.
    let host = host.trim().to_ascii_lowercase();
    (!host.is_empty()).then_some((host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Request {
        Request::parse(text, Transport::Auto).unwrap()
    }

    #[test]
    fn a_bare_domain_leaves_port_and_transport_to_dns() {
        let r = parse("Example.COM");
        assert_eq!(r.host, "example.com");
        assert_eq!(
            (r.port, r.transport, r.sips),
            (None, Transport::Auto, false)
        );
    }

    #[test]
    fn a_uri_gives_its_port_scheme_and_transport_parameter() {
        let r = parse("<sips:proxy.example.com:5070;lr;transport=TCP>");
        assert_eq!(r.host, "proxy.example.com");
        assert_eq!(
            (r.port, r.transport, r.sips),
            (Some(5070), Transport::Tcp, true)
        );
        let r = parse("sip:alice@[2001:db8::1]:5080");
        assert_eq!((r.host.as_str(), r.port), ("2001:db8::1", Some(5080)));
        assert!(r.ip_literal().is_some());
        assert_eq!(parse("2001:db8::2").port, None);
    }

    #[test]
    fn nothing_usable_is_none() {
        assert_eq!(Request::parse("", Transport::Udp), None);
        assert_eq!(Request::parse("sip:", Transport::Udp), None);
        assert_eq!(Request::parse("host:0", Transport::Udp), None);
        assert_eq!(Request::parse("host:http", Transport::Udp), None);
    }
}
