//! Syntax checks for what users type as a registrar domain or an outbound proxy. They accept
//! the forms RFC 3261 allows there (host names, IPv4, bracketed IPv6, an optional port) and
//! explain what is wrong otherwise. No DNS: whether the host exists is the registrar's answer.

use std::net::{Ipv4Addr, Ipv6Addr};

/// `host` or `host:port`, where host is a DNS name, an IPv4 address or `[IPv6]`.
pub fn check_host_port(text: &str) -> Result<(), String> {
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("no spaces allowed".to_string());
    }
    let (host, port) = split_host_port(text)?;
    check_host(host)?;
    match port {
        Some(port) => check_port(port),
        None => Ok(()),
    }
}

/// An outbound proxy: `sip:host[:port][;params]`, `sips:...`, or a bare `host[:port]`.
pub fn check_proxy_uri(text: &str) -> Result<(), String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("empty".to_string());
    }
    let without_scheme = strip_scheme(trimmed)?;
    let (host_port, params) = match without_scheme.split_once(';') {
        Some((host_port, params)) => (host_port, Some(params)),
        None => (without_scheme, None),
    };
    if host_port.contains('@') {
        return Err("a proxy has no user part".to_string());
    }
    check_host_port(host_port)?;
    if let Some(params) = params {
        for param in params.split(';') {
            let name = param.split_once('=').map_or(param, |(name, _)| name);
            if name.is_empty() || !name.chars().all(is_token_char) {
                return Err(format!("bad URI parameter '{param}'"));
            }
        }
    }
    Ok(())
}

fn strip_scheme(text: &str) -> Result<&str, String> {
    for scheme in ["sips:", "sip:"] {
        if let Some(prefix) = text.get(..scheme.len()) {
            if prefix.eq_ignore_ascii_case(scheme) {
                return Ok(&text[scheme.len()..]);
            }
        }
    }
    // Anything else before a colon that is not a port (e.g. `http:`) is a wrong scheme.
    if let Some((before, after)) = text.split_once(':') {
        let looks_like_port = after
            .split(';')
            .next()
            .is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        if !before.starts_with('[') && !looks_like_port {
            return Err(format!(
                "'{before}:' is not a SIP URI scheme; use sip: or sips:"
            ));
        }
    }
    Ok(text)
}

fn split_host_port(text: &str) -> Result<(&str, Option<&str>), String> {
    if let Some(rest) = text.strip_prefix('[') {
        let (inside, after) = rest
            .split_once(']')
            .ok_or_else(|| "missing ']' after the IPv6 address".to_string())?;
        if inside.parse::<Ipv6Addr>().is_err() {
            return Err(format!("'{inside}' is not an IPv6 address"));
        }
        return match after {
            "" => Ok((text, None)),
            _ => match after.strip_prefix(':') {
                Some(port) => Ok((&text[..inside.len() + 2], Some(port))),
                None => Err("unexpected text after ']'".to_string()),
            },
        };
    }
    match text.split_once(':') {
        Some((host, port)) => {
            if port.contains(':') {
                return Err("IPv6 addresses go in brackets, e.g. [2001:db8::1]:5060".to_string());
            }
            Ok((host, Some(port)))
        }
        None => Ok((text, None)),
    }
}

fn check_host(host: &str) -> Result<(), String> {
    if host.is_empty() {
        return Err("no host".to_string());
    }
    if host.starts_with('[') {
        return Ok(()); // checked while splitting
    }
    if host.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return host
            .parse::<Ipv4Addr>()
            .map(|_| ())
            .map_err(|_| format!("'{host}' is not an IPv4 address"));
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.len() > 253 {
        return Err("host name too long".to_string());
    }
    for label in name.split('.') {
        let valid = !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !valid {
            return Err(format!("'{host}' is not a valid host name"));
        }
    }
    Ok(())
}

fn check_port(port: &str) -> Result<(), String> {
    match port.parse::<u16>() {
        Ok(0) | Err(_) => Err(format!("'{port}' is not a port (1-65535)")),
        Ok(_) => Ok(()),
    }
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-.!%*_+`'~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_usual_registrar_forms() {
        for ok in [
            "example.com",
            "sip.example.com:5060",
            "192.0.2.7",
            "192.0.2.7:5080",
            "[2001:db8::1]",
            "[2001:db8::1]:5061",
            "pbx",
            "example.com.",
        ] {
            assert_eq!(check_host_port(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_what_users_get_wrong() {
        for bad in [
            "",
            "sip:example.com",
            "example.com:",
            "example.com:99999",
            "example.com:0",
            "exa mple.com",
            "-bad.example.com",
            "bad_name.com",
            "2001:db8::1",
            "[2001:db8::zz]",
            "999.1.1.1",
            "a..b",
        ] {
            assert!(check_host_port(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn proxy_uris() {
        for ok in [
            "sip:proxy.example.com",
            "sips:proxy.example.com:5061",
            "SIP:proxy.example.com;lr",
            "sip:192.0.2.1:5060;transport=tcp;lr",
            "proxy.example.com:5070",
            "sip:[2001:db8::1]:5060;lr",
        ] {
            assert_eq!(check_proxy_uri(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "http://proxy.example.com",
            "sip:",
            "sip:alice@proxy.example.com",
            "sip:proxy.example.com;",
            "sip:proxy.example.com;=x",
            "sip:proxy example.com",
        ] {
            assert!(check_proxy_uri(bad).is_err(), "{bad}");
        }
    }
}
