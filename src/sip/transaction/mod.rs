//! RFC 3261 section 17 transactions over UDP, TCP or TLS, as sans-IO state machines.
//!
//! Each transaction owns a [`timers::TimerTable`], is fed requests, responses and expired
//! timers, and answers with [`TxAction`]s. Sending goes to the destination the transaction was
//! created with; the user agent core turns actions into datagrams and events.

pub mod client_invite;
pub mod client_non_invite;
pub mod key;
pub mod server_invite;
pub mod server_non_invite;
pub mod timers;

use crate::sip::message::parsed::InResponse;

/// What a transaction asks of the user agent core.
#[derive(Debug, Clone)]
pub enum TxAction {
    /// Send these bytes to the transaction's peer.
    Send(Vec<u8>),
    /// (Client) pass this response up to the transaction user.
    Deliver(Box<InResponse>),
    /// Timer B, F or H fired: the peer never answered (or never acknowledged).
    Timeout,
}

#[cfg(test)]
pub(crate) mod test_support {
    use std::time::Duration;

    use super::TxAction;
    use crate::sip::message::build::SentInvite;
    use crate::sip::message::parsed::{parse_datagram, InResponse, Inbound};

    pub fn ms(v: u64) -> Duration {
        Duration::from_millis(v)
    }

    pub fn response(code: u16, method: &str) -> Box<InResponse> {
        let text = format!(
            "SIP/2.0 {code} Whatever\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n\
From: <sip:a@127.0.0.1>;tag=f\r\nTo: <sip:b@127.0.0.1>;tag=t\r\nCall-ID: c\r\n\
CSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n"
        );
        match parse_datagram(text.as_bytes()) {
            Inbound::Response(r) => r,
            other => panic!("{other:?}"),
        }
    }

    pub fn sent_invite() -> SentInvite {
        SentInvite {
            uri: "sip:b@127.0.0.1".into(),
            via: "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1".into(),
            from: "<sip:a@127.0.0.1>;tag=f".into(),
            to: "<sip:b@127.0.0.1>".into(),
            call_id: "c".into(),
            cseq: 1,
            routes: Vec::new(),
            user_agent: "t".into(),
        }
    }

    /// The first lines of what the actions send, and what else they say.
    pub fn describe(actions: &[TxAction]) -> Vec<String> {
        actions
            .iter()
            .map(|a| match a {
                TxAction::Send(b) => format!(
                    "send {}",
                    String::from_utf8_lossy(b)
                        .lines()
                        .next()
                        .unwrap_or_default()
                ),
                TxAction::Deliver(r) => format!("deliver {}", r.code),
                TxAction::Timeout => "timeout".to_string(),
            })
            .collect()
    }
}
