//! The dialog state of RFC 3261 section 12: identifiers, sequence numbers, remote target and
//! route set, and how to address a request within the dialog.
//!
//! Only loose routing is supported: the Request-URI is the remote target and the route set
//! goes into Route headers (12.2.1.1 with `lr` proxies).

use crate::sip::message::fields::NameAddr;
use crate::sip::transport::{uri_ip_flow, Flow, Transport};

#[derive(Debug, Clone)]
pub struct Dialog {
    pub call_id: String,
    pub local_tag: String,
    /// Unknown on the caller's side until a response carries a To tag.
    pub remote_tag: Option<String>,
    /// Our From (caller) or To (callee) header value without tag.
    pub local_party: String,
    /// The peer's header value without tag.
    pub remote_party: String,
    pub local_seq: u32,
    pub remote_seq: Option<u32>,
    /// The peer's Contact URI: Request-URI of our in-dialog requests.
    pub remote_target: String,
    /// Route values for our in-dialog requests, in order.
    pub route_set: Vec<String>,
}

impl Dialog {
    /// Our header value with our tag (From of our requests, To of our responses).
    pub fn local_header(&self) -> String {
        format!("{};tag={}", self.local_party, self.local_tag)
    }

    /// The peer's header value with its tag, if known.
    pub fn remote_header(&self) -> String {
        match &self.remote_tag {
            Some(tag) => format!("{};tag={}", self.remote_party, tag),
            None => self.remote_party.clone(),
        }
    }

    /// Whether a request or response with these identifiers belongs here. `local` and
    /// `remote` are the tags seen from our side.
    pub fn matches(&self, call_id: &str, local: Option<&str>, remote: Option<&str>) -> bool {
        self.call_id == call_id
            && local == Some(self.local_tag.as_str())
            && (self.remote_tag.is_none() || remote == self.remote_tag.as_deref())
    }

    /// Take the remote target from a Contact, if there is one.
    pub fn update_target(&mut self, contact: Option<&NameAddr>) {
        if let Some(contact) = contact {
            self.remote_target = contact.uri.clone();
        }
    }

    /// The next CSeq number for a request we send.
    pub fn next_seq(&mut self) -> u32 {
        self.local_seq = self.local_seq.wrapping_add(1);
        self.local_seq
    }

    /// Where in-dialog requests go: the first route or else the remote target, when it names
    /// an IP address; otherwise `fallback` (where the dialog started). The transport is the
    /// next hop URI's own (`transport=`, `sips:`) if it names one, else `fallback`'s.
    pub fn next_hop(&self, fallback: Flow) -> Flow {
        let next_hop = self.next_hop_uri();
        uri_ip_flow(&next_hop, fallback.transport).unwrap_or_else(|| {
            let transport = Transport::of_uri(&next_hop).unwrap_or(fallback.transport);
            Flow::new(fallback.address, transport)
        })
    }

    fn next_hop_uri(&self) -> String {
        self.route_set
            .first()
            .and_then(|r| NameAddr::parse(r))
            .map(|na| na.uri)
            .unwrap_or_else(|| self.remote_target.clone())
    }

    /// A remote CSeq is acceptable if it does not go backwards (12.2.2); it is then recorded.
    pub fn accept_remote_seq(&mut self, seq: u32) -> bool {
        match self.remote_seq {
            Some(prev) if seq < prev => false,
            _ => {
                self.remote_seq = Some(seq);
                true
            }
        }
    }
}

/// A header value without its `tag` parameter, keeping display name and URI.
pub fn party_without_tag(value: &NameAddr) -> String {
    let mut out = String::new();
    if let Some(display) = &value.display {
        out.push('"');
        out.push_str(&display.replace('\\', "\\\\").replace('"', "\\\""));
        out.push_str("\" ");
    }
    out.push('<');
    out.push_str(&value.uri);
    out.push('>');
    for (name, v) in &value.params {
        if name == "tag" {
            continue;
        }
        out.push(';');
        out.push_str(name);
        if let Some(v) = v {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dialog() -> Dialog {
        Dialog {
            call_id: "c".into(),
            local_tag: "l".into(),
            remote_tag: Some("r".into()),
            local_party: "<sip:a@127.0.0.1>".into(),
            remote_party: "<sip:b@127.0.0.1>".into(),
            local_seq: 1,
            remote_seq: None,
            remote_target: "sip:b@127.0.0.1:5080".into(),
            route_set: Vec::new(),
        }
    }

    #[test]
    fn destination_prefers_route_then_target_then_fallback() {
        let fallback = Flow::udp("10.0.0.1:5060".parse().unwrap());
        let at = |d: &Dialog| d.next_hop(fallback).address;
        let mut d = dialog();
        assert_eq!(at(&d), "127.0.0.1:5080".parse().unwrap());
        d.route_set = vec!["<sip:127.0.0.2:5099;lr>".into()];
        assert_eq!(at(&d), "127.0.0.2:5099".parse().unwrap());
        d.route_set = vec!["<sip:proxy.example;lr>".into()];
        assert_eq!(at(&d), fallback.address);
    }

    #[test]
    fn next_hop_keeps_the_dialog_transport_unless_the_uri_names_one() {
        let fallback = Flow::new("10.0.0.1:5060".parse().unwrap(), Transport::Tcp);
        let mut d = dialog();
        assert_eq!(
            d.next_hop(fallback),
            Flow::new("127.0.0.1:5080".parse().unwrap(), Transport::Tcp)
        );
        d.route_set = vec!["<sip:127.0.0.2;lr;transport=udp>".into()];
        assert_eq!(
            d.next_hop(fallback),
            Flow::udp("127.0.0.2:5060".parse().unwrap())
        );
        d.route_set = vec!["<sips:proxy.example;lr>".into()];
        assert_eq!(
            d.next_hop(fallback),
            Flow::new(fallback.address, Transport::Tls)
        );
    }

    #[test]
    fn remote_cseq_may_not_go_backwards() {
        let mut d = dialog();
        assert!(d.accept_remote_seq(5));
        assert!(d.accept_remote_seq(6));
        assert!(!d.accept_remote_seq(4));
    }

    #[test]
    fn matching_needs_call_id_and_both_tags() {
        let d = dialog();
        assert!(d.matches("c", Some("l"), Some("r")));
        assert!(!d.matches("c", Some("x"), Some("r")));
        assert!(!d.matches("c", Some("l"), Some("x")));
        assert!(!d.matches("d", Some("l"), Some("r")));
    }

    #[test]
    fn party_drops_only_the_tag() {
        let na = NameAddr::parse(r#""A \"x\"" <sip:a@b>;tag=1;foo=bar"#).unwrap();
        assert_eq!(party_without_tag(&na), r#""A \"x\"" <sip:a@b>;foo=bar"#);
    }
}
