//! Small, forgiving parsers for the header values the user agent reads: name-addr (From, To,
//! Contact, Record-Route), Via and CSeq. They work on the untyped values rsip hands us, so a
//! value rsip's typed parsers would refuse (odd parameters, quoted display names) still works.

use core::net::{IpAddr, SocketAddr};

/// Split a header value at commas that are outside double quotes and `<...>`.
pub fn split_top_level_commas(value: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut in_quotes = false;
    let mut escaped = false;
    let mut angle = false;
    let mut start = 0;
    for (i, ch) in value.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match ch {
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            '<' if !in_quotes => angle = true,
            '>' if !in_quotes => angle = false,
            ',' if !in_quotes && !angle => {
                parts.push(value.get(start..i).unwrap_or_default().trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(value.get(start..).unwrap_or_default().trim());
    parts
}

/// `;name=value` parameters, names lower-cased.
pub type Params = Vec<(String, Option<String>)>;

fn parse_params(text: &str) -> Params {
    text.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((n, v)) => (n.trim().to_ascii_lowercase(), Some(v.trim().to_string())),
            None => (p.to_ascii_lowercase(), None),
        })
        .collect()
}

fn param<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.as_deref())
}

fn has_param(params: &Params, name: &str) -> bool {
    params.iter().any(|(n, _)| n == name)
}

/// A name-addr or addr-spec with header parameters (RFC 3261 20.10, 20.20, 20.39).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameAddr {
    /// Display name without quotes.
    pub display: Option<String>,
    pub uri: String,
    pub params: Params,
}

impl NameAddr {
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if let Some(open) = find_unquoted(value, '<') {
            let display_raw = value.get(..open)?.trim();
            let after = value.get(open + 1..)?;
            let close = after.find('>')?;
            let uri = after.get(..close)?.trim().to_string();
            let params = parse_params(after.get(close + 1..)?);
            let display = unquote(display_raw);
            if uri.is_empty() {
                return None;
            }
            Some(Self {
                display: (!display.is_empty()).then_some(display),
                uri,
                params,
            })
        } else {
            // addr-spec form: parameters after the URI belong to the header (20.10).
            let (uri, params) = match value.split_once(';') {
                Some((u, p)) => (u.trim(), parse_params(p)),
                None => (value, Vec::new()),
            };
            if uri.is_empty() || uri.contains(char::is_whitespace) {
                return None;
            }
            Some(Self {
                display: None,
                uri: uri.to_string(),
                params,
            })
        }
    }

    pub fn tag(&self) -> Option<&str> {
        param(&self.params, "tag")
    }

    /// One header parameter's value (names are lower-case), e.g. `expires`.
    pub fn param(&self, name: &str) -> Option<&str> {
        param(&self.params, name)
    }
}

fn find_unquoted(value: &str, wanted: char) -> Option<usize> {
    let mut in_quotes = false;
    let mut escaped = false;
    for (i, ch) in value.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match ch {
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            c if c == wanted && !in_quotes => return Some(i),
            _ => {}
        }
    }
    None
}

fn unquote(text: &str) -> String {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    let mut out = String::with_capacity(inner.len());
    let mut escaped = false;
    for ch in inner.chars() {
        if !escaped && ch == '\\' {
            escaped = true;
            continue;
        }
        escaped = false;
        out.push(ch);
    }
    out
}

/// One Via value (RFC 3261 20.42).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViaValue {
    /// e.g. `UDP`.
    pub transport: String,
    /// sent-by host (IPv6 without brackets).
    pub host: String,
    pub port: Option<u16>,
    pub params: Params,
}

impl ViaValue {
    pub fn parse(value: &str) -> Option<Self> {
        // sent-protocol may have LWS around its slashes (RFC 3261 25.1).
        let mut parts = value.trim().splitn(3, '/').map(str::trim);
        let name = parts.next()?;
        let _version = parts.next()?;
        let (transport, rest) = parts
            .next()?
            .split_once(|c: char| c.is_ascii_whitespace())?;
        let transport = transport.to_ascii_uppercase();
        if !name.eq_ignore_ascii_case("SIP") || transport.is_empty() {
            return None;
        }
        let rest = rest.trim();
        let (sent_by, params) = match rest.split_once(';') {
            Some((s, p)) => (s.trim(), parse_params(p)),
            None => (rest, Vec::new()),
        };
        let (host, port) = split_host_port(sent_by)?;
        Some(Self {
            transport,
            host: host.to_string(),
            port,
            params,
        })
    }

    pub fn branch(&self) -> Option<&str> {
        param(&self.params, "branch")
    }

    /// `sent-by` as a comparable string (host:port, port defaulting to 5060).
    pub fn sent_by(&self) -> String {
        format!(
            "{}:{}",
            self.host.to_ascii_lowercase(),
            self.port.unwrap_or(5060)
        )
    }

    pub fn has_rport(&self) -> bool {
        has_param(&self.params, "rport")
    }

    pub fn received(&self) -> Option<&str> {
        param(&self.params, "received")
    }

    /// The port the peer saw our request come from (RFC 3581), when it filled `rport` in.
    pub fn rport(&self) -> Option<u16> {
        self.params
            .iter()
            .filter(|(n, _)| n == "rport")
            .find_map(|(_, v)| v.as_deref()?.trim().parse().ok())
    }

    /// One parameter's value (names are lower-case).
    pub fn param(&self, name: &str) -> Option<&str> {
        param(&self.params, name)
    }
}

/// Split `host[:port]`, where host may be a bracketed IPv6 reference.
fn split_host_port(text: &str) -> Option<(&str, Option<u16>)> {
    if let Some(rest) = text.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p.parse().ok()?),
            None if after.is_empty() => None,
            None => return None,
        };
        return Some((host, port));
    }
    match text.rsplit_once(':') {
        Some((host, port)) => Some((host, Some(port.parse().ok()?))),
        None if !text.is_empty() => Some((text, None)),
        None => None,
    }
}

/// A CSeq value: sequence number and method name (RFC 3261 20.16).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CSeqValue {
    pub seq: u32,
    pub method: String,
}

impl CSeqValue {
    pub fn parse(value: &str) -> Option<Self> {
        let mut parts = value.split_whitespace();
        let seq = parts.next()?.parse().ok()?;
        let method = parts.next()?.to_string();
        if parts.next().is_some() {
            return None;
        }
        Some(Self { seq, method })
    }
}

/// The socket address of a SIP URI whose host is an IP literal (`sip:u@1.2.3.4:5080;...`).
/// Hostnames give `None`: resolving them is the driver's business.
pub fn uri_ip_destination(uri: &str) -> Option<SocketAddr> {
    let rest = uri
        .strip_prefix("sip:")
        .or_else(|| uri.strip_prefix("SIP:"))?;
    let rest = rest.split([';', '?']).next()?;
    let host_port = rest.rsplit_once('@').map_or(rest, |(_, hp)| hp);
    let (host, port) = split_host_port(host_port)?;
    let ip: IpAddr = host.parse().ok()?;
    Some(SocketAddr::new(ip, port.unwrap_or(5060)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_split_only_at_top_level() {
        assert_eq!(
            split_top_level_commas(r#""a, \"b\"" <sip:x@y;p=1,2>;q=1, <sip:z@w>"#),
            [r#""a, \"b\"" <sip:x@y;p=1,2>;q=1"#, "<sip:z@w>"]
        );
        assert_eq!(split_top_level_commas("one"), ["one"]);
    }

    #[test]
    fn name_addr_with_quoted_display_and_tag() {
        let na = NameAddr::parse(r#""Bob \"B\" Smith" <sip:bob@127.0.0.1:5080>;tag=abc"#).unwrap();
        assert_eq!(na.display.as_deref(), Some(r#"Bob "B" Smith"#));
        assert_eq!(na.uri, "sip:bob@127.0.0.1:5080");
        assert_eq!(na.tag(), Some("abc"));
    }

    #[test]
    fn name_addr_addr_spec_form_keeps_params_outside_uri() {
        let na = NameAddr::parse("sip:alice@example.com;tag=9").unwrap();
        assert_eq!(na.display, None);
        assert_eq!(na.uri, "sip:alice@example.com");
        assert_eq!(na.tag(), Some("9"));
        let bare = NameAddr::parse("Alice <sip:a@b;transport=udp>").unwrap();
        assert_eq!(bare.display.as_deref(), Some("Alice"));
        assert_eq!(bare.uri, "sip:a@b;transport=udp");
        assert_eq!(bare.tag(), None);
        assert_eq!(NameAddr::parse("<>"), None);
        assert_eq!(NameAddr::parse("\"x\" <sip:a@b"), None);
    }

    #[test]
    fn via_values() {
        let v =
            ViaValue::parse("SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bKx;received=1.2.3.4")
                .unwrap();
        assert_eq!(v.transport, "UDP");
        assert_eq!(v.sent_by(), "127.0.0.1:5070");
        assert_eq!(v.branch(), Some("z9hG4bKx"));
        assert!(v.has_rport());
        assert_eq!(v.received(), Some("1.2.3.4"));
        let v6 = ViaValue::parse("SIP/2.0/UDP [::1]:5060 ;branch=z9hG4bKy").unwrap();
        assert_eq!(v6.host, "::1");
        assert_eq!(v6.port, Some(5060));
        let noport = ViaValue::parse("SIP / 2.0 / udp example.com").unwrap();
        assert_eq!(noport.sent_by(), "example.com:5060");
        assert_eq!(ViaValue::parse("garbage"), None);
        assert_eq!(ViaValue::parse("SIP/2.0/UDP host:notaport"), None);
    }

    #[test]
    fn cseq_values() {
        assert_eq!(
            CSeqValue::parse(" 42  INVITE "),
            Some(CSeqValue {
                seq: 42,
                method: "INVITE".into()
            })
        );
        assert_eq!(CSeqValue::parse("x INVITE"), None);
        assert_eq!(CSeqValue::parse("1"), None);
        assert_eq!(CSeqValue::parse("99999999999 INVITE"), None);
    }

    #[test]
    fn uri_destinations_only_for_ip_literals() {
        assert_eq!(
            uri_ip_destination("sip:bob@127.0.0.1:5080;transport=udp"),
            Some("127.0.0.1:5080".parse().unwrap())
        );
        assert_eq!(
            uri_ip_destination("sip:10.0.0.2"),
            Some("10.0.0.2:5060".parse().unwrap())
        );
        assert_eq!(
            uri_ip_destination("sip:a@[::1]:5062"),
            Some("[::1]:5062".parse().unwrap())
        );
        assert_eq!(uri_ip_destination("sip:bob@example.com"), None);
        assert_eq!(uri_ip_destination("tel:+123"), None);
    }
}
