//! Turning what the user typed into a SIP URI and a destination address.

use std::net::SocketAddr;

/// A dial target the engine can send an INVITE to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialTarget {
    /// The Request-URI, always with a `sip:` scheme.
    pub uri: String,
    /// host or IP literal, and port, to resolve and send to.
    pub host: String,
    pub port: u16,
}

/// Why a typed address cannot be dialled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("the address is empty")]
    Empty,
    #[error("only sip: addresses are supported here, not {0}")]
    UnsupportedScheme(String),
    #[error("the address has no host")]
    NoHost,
    #[error("the port {0} is not a number from 1 to 65535")]
    BadPort(String),
}

const DEFAULT_SIP_PORT: u16 = 5060;

/// Parse `sip:user@host:port`, `user@host`, or a bare `host[:port]`.
pub fn parse(input: &str) -> Result<DialTarget, TargetError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(TargetError::Empty);
    }
    let rest = match input.split_once(':') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("sip") => rest,
        Some((scheme, _)) if !scheme.contains('@') && !is_port(input) => {
            return Err(TargetError::UnsupportedScheme(scheme.to_owned()))
        }
        _ => input,
    };
    // URI parameters and headers do not choose where to send.
    let address = rest.split([';', '?']).next().unwrap_or_default();
    let host_port = address.rsplit_once('@').map_or(address, |(_, h)| h);
    let (host, port) = split_host_port(host_port)?;
    if host.is_empty() {
        return Err(TargetError::NoHost);
    }
    let uri = format!("sip:{address}");
    Ok(DialTarget {
        uri,
        host: host.to_owned(),
        port,
    })
}

/// `host:port` where the part after the last colon is a number: `10.0.0.1:5080`.
fn is_port(input: &str) -> bool {
    input
        .rsplit_once(':')
        .is_some_and(|(_, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn split_host_port(host_port: &str) -> Result<(&str, u16), TargetError> {
    if let Some(v6) = host_port.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or(TargetError::NoHost)?;
        return match after.strip_prefix(':') {
            Some(port) => Ok((host, parse_port(port)?)),
            None => Ok((host, DEFAULT_SIP_PORT)),
        };
    }
    match host_port.rsplit_once(':') {
        Some((host, port)) => Ok((host, parse_port(port)?)),
        None => Ok((host_port, DEFAULT_SIP_PORT)),
    }
}

fn parse_port(port: &str) -> Result<u16, TargetError> {
    match port.parse::<u16>() {
        Ok(p) if p != 0 => Ok(p),
        _ => Err(TargetError::BadPort(port.to_owned())),
    }
}

/// Resolve the target's host (IP literals need no lookup).
pub async fn resolve(target: &DialTarget) -> std::io::Result<SocketAddr> {
    if let Ok(ip) = target.host.parse() {
        return Ok(SocketAddr::new(ip, target.port));
    }
    tokio::net::lookup_host((target.host.as_str(), target.port))
        .await?
        .next()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no address"))
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
