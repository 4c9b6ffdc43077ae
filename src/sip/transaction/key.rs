//! Matching messages to transactions (RFC 3261 17.1.3 and 17.2.3).

use crate::sip::message::parsed::Common;

/// The RFC 3261 branch prefix that promises a globally unique branch.
pub const MAGIC_COOKIE: &str = "z9hG4bK";

/// Client transactions: the top Via branch we generated plus the CSeq method (so a CANCEL,
/// which reuses the INVITE's branch, is its own transaction).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientKey {
    pub branch: String,
    pub method: String,
}

impl ClientKey {
    pub fn new(branch: &str, method: &str) -> Self {
        Self {
            branch: branch.to_string(),
            method: method.to_ascii_uppercase(),
        }
    }

    /// The key a response belongs to.
    pub fn of_response(common: &Common) -> Option<Self> {
        Some(Self::new(common.top_via.branch()?, &common.cseq.method))
    }
}

/// Server transactions: branch, sent-by and method, where ACK belongs to its INVITE.
/// Requests without the magic cookie (RFC 2543 peers) are keyed by their dialog fields instead.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ServerKey {
    pub branch: String,
    pub sent_by: String,
    pub method: String,
}

impl ServerKey {
    pub fn of_request(common: &Common, method: &rsip::Method) -> Self {
        let method = match method {
            rsip::Method::Ack => "INVITE".to_string(),
            other => other.to_string(),
        };
        let branch = match common.top_via.branch() {
            Some(b) if b.starts_with(MAGIC_COOKIE) => b.to_string(),
            // Not the To tag: the ACK of a failure carries the tag our response added.
            _ => format!(
                "rfc2543:{}:{}:{}",
                common.call_id,
                common.from.tag().unwrap_or_default(),
                common.cseq.seq
            ),
        };
        Self {
            branch,
            sent_by: common.top_via.sent_by(),
            method,
        }
    }

    /// The INVITE transaction a CANCEL with this key aims at (RFC 3261 9.2).
    pub fn cancelled_invite(&self) -> Self {
        Self {
            method: "INVITE".to_string(),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::message::parsed::{parse_datagram, Inbound};

    fn request(method: &str, cseq_method: &str, branch: &str) -> (Common, rsip::Method) {
        let text = format!(
            "{method} sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch={branch}\r\n\
From: <sip:a@127.0.0.1>;tag=f\r\nTo: <sip:b@127.0.0.1>\r\nCall-ID: c\r\n\
CSeq: 1 {cseq_method}\r\nContent-Length: 0\r\n\r\n"
        );
        match parse_datagram(text.as_bytes()) {
            Inbound::Request(r) => (r.common, r.method),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ack_matches_its_invite_but_cancel_does_not() {
        let (invite, m) = request("INVITE", "INVITE", "z9hG4bK1");
        let (ack, am) = request("ACK", "ACK", "z9hG4bK1");
        let (cancel, cm) = request("CANCEL", "CANCEL", "z9hG4bK1");
        let invite_key = ServerKey::of_request(&invite, &m);
        assert_eq!(ServerKey::of_request(&ack, &am), invite_key);
        let cancel_key = ServerKey::of_request(&cancel, &cm);
        assert_ne!(cancel_key, invite_key);
        assert_eq!(cancel_key.cancelled_invite(), invite_key);
    }

    #[test]
    fn different_branches_are_different_transactions() {
        let (a, m) = request("INVITE", "INVITE", "z9hG4bK1");
        let (b, _) = request("INVITE", "INVITE", "z9hG4bK2");
        assert_ne!(ServerKey::of_request(&a, &m), ServerKey::of_request(&b, &m));
    }

    #[test]
    fn old_style_branches_key_on_dialog_fields() {
        let (a, m) = request("INVITE", "INVITE", "1");
        let (b, _) = request("INVITE", "INVITE", "2");
        assert_eq!(ServerKey::of_request(&a, &m), ServerKey::of_request(&b, &m));
        let (mut ack, am) = request("ACK", "ACK", "3");
        ack.to.params.push(("tag".into(), Some("ours".into())));
        assert_eq!(
            ServerKey::of_request(&ack, &am),
            ServerKey::of_request(&a, &m)
        );
    }
}
