//! Recording in the top Via where a request really came from (RFC 3261 18.2.1 `received`,
//! RFC 3581 `rport`), so responses tell a peer behind NAT its public address.

use core::net::SocketAddr;

use super::fields::ViaValue;
use super::normalise::RawMessage;

impl RawMessage {
    /// Note where a request really came from in its top Via (RFC 3261 18.2.1 `received`,
    /// RFC 3581 `rport`), so our responses show the peer its public address.
    pub fn stamp_received(&mut self, source: SocketAddr) {
        let Some(top) = self
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case("Via"))
            .map(|(_, v)| v)
        else {
            return;
        };
        let mut params: Vec<String> = top.split(';').map(|p| p.trim().to_string()).collect();
        let Some(sent_by) = params.first().cloned() else {
            return;
        };
        let wants_rport = params.iter().any(|p| p.eq_ignore_ascii_case("rport"));
        let ip = source.ip().to_string();
        let same_host = ViaValue::parse(&sent_by).is_some_and(|v| v.host == ip);
        params.retain(|p| {
            let name = p.split('=').next().unwrap_or_default().trim();
            !(name.eq_ignore_ascii_case("received")
                || (wants_rport && name.eq_ignore_ascii_case("rport")))
        });
        if wants_rport || !same_host {
            params.push(format!("received={ip}"));
        }
        if wants_rport {
            params.push(format!("rport={}", source.port()));
        }
        *top = params.join(";");
    }
}

#[cfg(test)]
mod tests {
    use crate::sip::message::normalise::normalise;

    const BASE: &str = "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n\
Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n\
From: <sip:alice@127.0.0.1>;tag=1\r\nTo: <sip:bob@127.0.0.1>\r\nCall-ID: abc\r\n\
CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    #[test]
    fn top_via_gets_received_and_rport() {
        let source: core::net::SocketAddr = "192.0.2.7:40000".parse().unwrap();
        let mut raw = normalise(BASE.replace("5070;", "5070;rport;").as_bytes()).unwrap();
        raw.stamp_received(source);
        assert_eq!(
            raw.header("Via"),
            Some("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;received=192.0.2.7;rport=40000")
        );
        let mut plain = normalise(BASE.as_bytes()).unwrap();
        plain.stamp_received("127.0.0.1:5070".parse().unwrap());
        assert_eq!(
            plain.header("Via"),
            Some("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1")
        );
    }

    #[test]
    fn a_different_source_host_is_recorded_without_rport() {
        let mut raw = normalise(BASE.as_bytes()).unwrap();
        raw.stamp_received("10.1.1.1:5070".parse().unwrap());
        assert_eq!(
            raw.header("Via"),
            Some("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;received=10.1.1.1")
        );
    }
}
