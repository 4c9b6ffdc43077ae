//! Links that dial: what `handset sip:…`, a click on a `tel:` link or a `callto:` link hands
//! us, turned into the target of `Command::Dial`, exactly as if the user had typed it.
//!
//! - `sip:` and `sips:` URIs are dialled as they are, but without `?header=…` parts: a web
//!   page must not be able to put header fields of its choosing into our INVITE.
//! - `tel:` numbers (RFC 3966) lose their visual separators (`-`, `.`, `(`, `)`, spaces) and
//!   parameters, and go out as digits through the default account, as a number typed in the
//!   dial field does.
//! - `callto:` (and the older `callto://`) holds whatever a user would type: a number, a
//!   name that the default account completes with its domain, or `user@host`.
//!
//! Links come from web pages and mail, so they are untrusted: anything else is refused.

/// Why a link cannot be dialled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("{0:?} is not a sip:, sips:, tel: or callto: link")]
    UnknownScheme(String),
    #[error("the link names nobody to call")]
    Empty,
    #[error("{0:?} is not a phone number or address that can be called")]
    Malformed(String),
}

/// What a link asks to call, in the form `Command::Dial` takes as its `target`.
pub fn dial_target(link: &str) -> Result<String, LinkError> {
    let link = link.trim();
    let (scheme, rest) = link
        .split_once(':')
        .ok_or_else(|| LinkError::UnknownScheme(link.to_owned()))?;
    match scheme.to_ascii_lowercase().as_str() {
        "sip" => sip_target("sip", rest),
        "sips" => sip_target("sips", rest),
        "tel" => tel_number(&percent_decode(rest)?),
        "callto" => typed_address(&percent_decode(rest.trim_start_matches("//"))?),
        _ => Err(LinkError::UnknownScheme(scheme.to_owned())),
    }
}

/// A SIP URI without its headers; the user part stays percent-encoded, as SIP sends it.
fn sip_target(scheme: &str, rest: &str) -> Result<String, LinkError> {
    let without_headers = rest.split('?').next().unwrap_or_default();
    if without_headers.is_empty() {
        return Err(LinkError::Empty);
    }
    let (user, host) = match without_headers.rsplit_once('@') {
        Some((user, host)) => (Some(user), host),
        None => (None, without_headers),
    };
    let host_name = host.split(';').next().unwrap_or_default();
    if user == Some("") || host_name.is_empty() || !is_uri_text(without_headers) {
        return Err(LinkError::Malformed(rest.to_owned()));
    }
    Ok(format!("{scheme}:{without_headers}"))
}

/// A `tel:` number: `+49-30-123456`, `+49 (30) 123.456;ext=7`, `7042;phone-context=…`.
fn tel_number(text: &str) -> Result<String, LinkError> {
    // Parameters (`;phone-context=`, `;ext=`, `;isub=`) say nothing a SIP call can use.
    let number = text.split(';').next().unwrap_or_default();
    phone_digits(number)
        .ok_or_else(|| LinkError::Malformed(text.to_owned()))
        .and_then(|digits| match digits.as_str() {
            "" | "+" => Err(LinkError::Empty),
            _ => Ok(digits),
        })
}

/// The digits of a number written with visual separators; `None` if it holds anything else.
fn phone_digits(number: &str) -> Option<String> {
    let mut digits = String::new();
    for (at, c) in number.trim().chars().enumerate() {
        match c {
            '0'..='9' | '*' | '#' => digits.push(c),
            '+' if at == 0 => digits.push(c),
            '-' | '.' | '(' | ')' | ' ' | '/' => {}
            _ => return None,
        }
    }
    Some(digits)
}

/// `callto:` text as the user would type it: a number, or an address with no spaces.
fn typed_address(text: &str) -> Result<String, LinkError> {
    let text = text.trim().trim_end_matches('/');
    if text.is_empty() {
        return Err(LinkError::Empty);
    }
    if text.chars().any(|c| c.is_ascii_digit()) {
        if let Some(digits) = phone_digits(text) {
            return Ok(digits);
        }
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("sip:") || lower.starts_with("sips:") {
        return dial_target(text);
    }
    let (user, host) = match text.rsplit_once('@') {
        Some((user, host)) => (user, Some(host)),
        None => (text, None),
    };
    if user.is_empty() || host == Some("") || !is_uri_text(text) || text.contains('?') {
        return Err(LinkError::Malformed(text.to_owned()));
    }
    Ok(text.to_owned())
}

/// Printable ASCII with none of the characters that would break a SIP header or a URI.
fn is_uri_text(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\\' | '`' | '{' | '}'))
}

/// `%20` and friends, as browsers write them in links. Bytes that are not UTF-8 are refused.
fn percent_decode(text: &str) -> Result<String, LinkError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = bytes
                .get(at + 1..at + 3)
                .and_then(|pair| std::str::from_utf8(pair).ok())
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                .ok_or_else(|| LinkError::Malformed(text.to_owned()))?;
            out.push(hex);
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).map_err(|_| LinkError::Malformed(text.to_owned()))
}

#[cfg(test)]
#[path = "instance_uri_tests.rs"]
mod tests;
