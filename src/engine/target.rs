//! Turning what the user typed into a SIP URI, with the host, port and transport it names.

use crate::sip::Transport;

/// A dial target the engine can send an INVITE to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialTarget {
    /// The Request-URI: `sip:` (or `sips:` when typed so), with a `transport=` parameter
    /// kept when one was typed.
    pub uri: String,
    /// host or IP literal, and port, to resolve and send to.
    pub host: String,
    pub port: u16,
    /// `sips:` means TLS; otherwise the `transport=` parameter, UDP when there is none.
    pub transport: Transport,
}

/// Why a typed address cannot be dialled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("the address is empty")]
    Empty,
    #[error("only sip: and sips: addresses are supported here, not {0}")]
    UnsupportedScheme(String),
    #[error("the address has no host")]
    NoHost,
    #[error("the port {0} is not a number from 1 to 65535")]
    BadPort(String),
}

/// Parse `sip:user@host:port`, `sips:user@host`, `user@host`, or a bare `host[:port]`.
pub fn parse(input: &str) -> Result<DialTarget, TargetError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(TargetError::Empty);
    }
    let (secure, rest) = match input.split_once(':') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("sip") => (false, rest),
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("sips") => (true, rest),
        Some((scheme, _)) if !scheme.contains('@') && !is_port(input) => {
            return Err(TargetError::UnsupportedScheme(scheme.to_owned()))
        }
        _ => (false, input),
    };
    let scheme = if secure { "sips" } else { "sip" };
    // Of the URI parameters only `transport` chooses how to send; it stays in the URI.
    let transport = Transport::of_uri(&format!("{scheme}:{rest}")).unwrap_or_default();
    let address = rest.split([';', '?']).next().unwrap_or_default();
    let host_port = address.rsplit_once('@').map_or(address, |(_, h)| h);
    let (host, port) = split_host_port(host_port, transport.default_port())?;
    if host.is_empty() {
        return Err(TargetError::NoHost);
    }
    let uri = match transport {
        Transport::Tcp if !secure => format!("sip:{address};transport=tcp"),
        Transport::Tls if !secure => format!("sip:{address};transport=tls"),
        _ => format!("{scheme}:{address}"),
    };
    Ok(DialTarget {
        uri,
        host: host.to_owned(),
        port,
        transport,
    })
}

/// `host:port` where the part after the last colon is a number: `10.0.0.1:5080`.
fn is_port(input: &str) -> bool {
    input
        .rsplit_once(':')
        .is_some_and(|(_, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn split_host_port(host_port: &str, default_port: u16) -> Result<(&str, u16), TargetError> {
    if let Some(v6) = host_port.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or(TargetError::NoHost)?;
        return match after.strip_prefix(':') {
            Some(port) => Ok((host, parse_port(port)?)),
            None => Ok((host, default_port)),
        };
    }
    match host_port.rsplit_once(':') {
        Some((host, port)) => Ok((host, parse_port(port)?)),
        None => Ok((host_port, default_port)),
    }
}

fn parse_port(port: &str) -> Result<u16, TargetError> {
    match port.parse::<u16>() {
        Ok(p) if p != 0 => Ok(p),
        _ => Err(TargetError::BadPort(port.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_uri_keeps_user_and_port() {
        let t = parse("sip:bob@127.0.0.1:5081").unwrap();
        assert_eq!(t.uri, "sip:bob@127.0.0.1:5081");
        assert_eq!((t.host.as_str(), t.port), ("127.0.0.1", 5081));
    }

    #[test]
    fn bare_user_at_host_gets_scheme_and_default_port() {
        let t = parse(" alice@192.0.2.7 ").unwrap();
        assert_eq!(t.uri, "sip:alice@192.0.2.7");
        assert_eq!(t.port, 5060);
    }

    #[test]
    fn bare_host_and_port() {
        let t = parse("192.0.2.7:5070").unwrap();
        assert_eq!(t.uri, "sip:192.0.2.7:5070");
        assert_eq!(t.port, 5070);
    }

    #[test]
    fn ipv6_literal() {
        let t = parse("sip:bob@[::1]:5090").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("::1", 5090));
    }

    #[test]
    fn parameters_do_not_change_the_destination() {
        let t = parse("sip:bob@127.0.0.1:5081;transport=udp").unwrap();
        assert_eq!(t.port, 5081);
        assert_eq!(t.transport, Transport::Udp);
        assert_eq!(t.uri, "sip:bob@127.0.0.1:5081");
    }

    #[test]
    fn transport_tcp_is_kept_and_chosen() {
        let t = parse("sip:bob@127.0.0.1:5081;transport=TCP;foo=1").unwrap();
        assert_eq!(t.transport, Transport::Tcp);
        assert_eq!(t.uri, "sip:bob@127.0.0.1:5081;transport=tcp");
        assert_eq!(t.port, 5081);
    }

    #[test]
    fn sips_means_tls_on_5061() {
        let t = parse("sips:bob@192.0.2.7").unwrap();
        assert_eq!(t.transport, Transport::Tls);
        assert_eq!(t.uri, "sips:bob@192.0.2.7");
        assert_eq!(t.port, 5061);
    }

    #[test]
    fn bad_input_is_explained() {
        assert_eq!(parse("  "), Err(TargetError::Empty));
        assert_eq!(parse("sip:bob@"), Err(TargetError::NoHost));
        assert_eq!(
            parse("sip:bob@host:99999"),
            Err(TargetError::BadPort("99999".into()))
        );
        assert!(matches!(
            parse("https://x"),
            Err(TargetError::UnsupportedScheme(_))
        ));
        assert!(matches!(
            parse("tel:+4912345"),
            Err(TargetError::UnsupportedScheme(_))
        ));
    }
}
