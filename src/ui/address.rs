//! Turning what a user typed into the SIP URI the engine dials.
//!
//! The check is deliberately forgiving about form (a missing `sip:` is added) and strict about
//! things that can never work (spaces, an empty host, a port that is not a number), so the user
//! hears about a typo at once instead of through a failed call.

/// Why typed text cannot be dialled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressError {
    /// Nothing was typed.
    Empty,
    /// The text is not a SIP URI we can dial.
    Invalid,
}

/// Normalise `input` into a `sip:` or `sips:` URI, or say why it cannot be one.
pub fn parse_target(input: &str) -> Result<String, AddressError> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(AddressError::Empty);
    }
    if typed.chars().any(char::is_whitespace) {
        return Err(AddressError::Invalid);
    }
    let (scheme, rest) = split_scheme(typed)?;
    // Parameters and headers (`;transport=udp`, `?subject=x`) are passed on as typed.
    let address_end = rest.find([';', '?']).unwrap_or(rest.len());
    let address = &rest[..address_end];
    let host_port = match address.rsplit_once('@') {
        Some((user, host_port)) => {
            if user.is_empty() || user.contains('@') {
                return Err(AddressError::Invalid);
            }
            host_port
        }
        None => address,
    };
    check_host_port(host_port)?;
    Ok(format!("{scheme}:{rest}"))
}

/// Split off `sip:` / `sips:` (any case); text without a scheme is taken as `sip:`.
fn split_scheme(typed: &str) -> Result<(&'static str, &str), AddressError> {
    let Some((scheme, rest)) = typed.split_once(':') else {
        return Ok(("sip", typed));
    };
    if scheme.eq_ignore_ascii_case("sip") {
        Ok(("sip", rest))
    } else if scheme.eq_ignore_ascii_case("sips") {
        Ok(("sips", rest))
    } else if scheme.contains('@') || scheme.chars().all(|c| c.is_ascii_digit()) {
        // `bob@host:5060` or `host:5060` without a scheme: the colon is the port's.
        Ok(("sip", typed))
    } else if !scheme.contains('.') && rest.chars().all(|c| c.is_ascii_digit()) {
        // `localhost:5060`
        Ok(("sip", typed))
    } else if scheme.contains('.') {
        // `example.com:5060`
        Ok(("sip", typed))
    } else {
        // `tel:`, `http:` and friends are not something we can dial.
        Err(AddressError::Invalid)
    }
}

fn check_host_port(host_port: &str) -> Result<(), AddressError> {
    let (host, port) = if let Some(bracketed) = host_port.strip_prefix('[') {
        // IPv6 reference: [2001:db8::1]:5060
        let (inside, after) = bracketed.split_once(']').ok_or(AddressError::Invalid)?;
        if inside.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(AddressError::Invalid);
        }
        match after {
            "" => return Ok(()),
            _ => (
                inside,
                after.strip_prefix(':').ok_or(AddressError::Invalid)?,
            ),
        }
    } else {
        match host_port.split_once(':') {
            Some((host, port)) => (host, port),
            None => (host_port, ""),
        }
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
        && !host.starts_with(['.', '-']);
    if !host_ok {
        return Err(AddressError::Invalid);
    }
    let port_ok = host_port.ends_with(']')
        || !host_port.contains(':')
        || matches!(port.parse::<u16>(), Ok(p) if p != 0);
    if port_ok {
        Ok(())
    } else {
        Err(AddressError::Invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_uri_is_kept() {
        assert_eq!(
            parse_target("sip:bob@127.0.0.1:5080"),
            Ok("sip:bob@127.0.0.1:5080".to_owned())
        );
    }

    #[test]
    fn surrounding_spaces_are_ignored() {
        assert_eq!(
            parse_target("  sip:alice@example.com \n"),
            Ok("sip:alice@example.com".to_owned())
        );
    }

    #[test]
    fn missing_scheme_is_added() {
        assert_eq!(
            parse_target("bob@192.0.2.7:5060"),
            Ok("sip:bob@192.0.2.7:5060".to_owned())
        );
        assert_eq!(
            parse_target("192.0.2.7:5060"),
            Ok("sip:192.0.2.7:5060".to_owned())
        );
        assert_eq!(
            parse_target("example.com:5060"),
            Ok("sip:example.com:5060".to_owned())
        );
        assert_eq!(parse_target("localhost"), Ok("sip:localhost".to_owned()));
    }

    #[test]
    fn scheme_case_is_normalised_and_sips_kept() {
        assert_eq!(parse_target("SIP:bob@host"), Ok("sip:bob@host".to_owned()));
        assert_eq!(
            parse_target("sips:bob@host"),
            Ok("sips:bob@host".to_owned())
        );
    }

    #[test]
    fn parameters_and_ipv6_are_accepted() {
        assert_eq!(
            parse_target("sip:bob@host:5060;transport=udp"),
            Ok("sip:bob@host:5060;transport=udp".to_owned())
        );
        assert_eq!(
            parse_target("sip:bob@[::1]:5060"),
            Ok("sip:bob@[::1]:5060".to_owned())
        );
    }

    #[test]
    fn empty_input_is_reported_as_empty() {
        assert_eq!(parse_target(""), Err(AddressError::Empty));
        assert_eq!(parse_target("   "), Err(AddressError::Empty));
    }

    #[test]
    fn nonsense_is_invalid() {
        for bad in [
            "sip:",
            "sip:bob@",
            "sip:@host",
            "bob smith@host",
            "sip:bob@host:port",
            "sip:bob@host:0",
            "sip:bob@host:70000",
            "tel:+15551234",
            "http://example.com",
            "sip:bob@[nothex]:5060",
            "sip:bob@ho$t",
            "sip:a@b@c",
        ] {
            assert_eq!(parse_target(bad), Err(AddressError::Invalid), "{bad:?}");
        }
    }
}
