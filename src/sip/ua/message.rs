//! Sending an out-of-dialog MESSAGE (RFC 3428), answering 401/407 once with credentials like
//! INVITE and BYE, and reporting the outcome as an [`AccountEvent::Message`].

use core::net::SocketAddr;
use std::time::Duration;

use super::challenged::challenge_of;
use super::{AccountEvent, CallOptions, Purpose, SipError, UserAgent, NO_CALL};
use crate::sip::auth::DigestClient;
use crate::sip::message::build::{build_request_with, is_plausible_uri, RequestSpec};
use crate::sip::message::parsed::InResponse;
use crate::sip::transaction::key::ClientKey;

/// Identifies one MESSAGE we sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageKey(pub u64);

/// How a MESSAGE ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageOutcome {
    /// A 2xx: accepted for delivery.
    Delivered { code: u16 },
    /// A final failure (including a 401/407 we could not or should not answer again).
    Failed { code: u16, reason: String },
    /// No final response before timer F.
    Timeout,
}

/// What a MESSAGE needs to be sent again with credentials.
pub(super) struct OutgoingMessage {
    target: String,
    from: String,
    call_id: String,
    cseq: u32,
    content_type: String,
    body: Vec<u8>,
    destination: crate::sip::transport::Flow,
    auth: Option<DigestClient>,
}

impl UserAgent {
    /// Send a MESSAGE with `body` of `content_type` (e.g. `text/plain;charset=UTF-8`) to
    /// `target`; `options` gives the From identity and credentials as for calls.
    pub fn send_message(
        &mut self,
        now: Duration,
        target: &str,
        destination: SocketAddr,
        content_type: &str,
        body: Vec<u8>,
        options: CallOptions,
    ) -> Result<MessageKey, SipError> {
        let target = target.trim();
        let from_ok = options.from_uri.as_deref().is_none_or(is_plausible_uri);
        if !is_plausible_uri(target) || !from_ok {
            return Err(SipError::InvalidUri(target.to_string()));
        }
        let key = MessageKey(self.next_message);
        self.next_message += 1;
        let tag = self.token();
        let message = OutgoingMessage {
            target: target.to_string(),
            from: format!("{};tag={tag}", self.party_for(&options)),
            call_id: format!("{}@handset", self.token()),
            cseq: 0,
            content_type: content_type.to_string(),
            body,
            destination: crate::sip::transport::Flow::new(destination, options.transport),
            auth: options
                .credentials
                .or_else(|| self.credentials.clone())
                .map(DigestClient::new),
        };
        self.messages.insert(key, message);
        if !self.send_message_request(now, key) {
            self.messages.remove(&key);
            return Err(SipError::InvalidUri(target.to_string()));
        }
        Ok(key)
    }

    /// (Re)send MESSAGE `key` with a new CSeq and whatever credentials it has.
    fn send_message_request(&mut self, now: Duration, key: MessageKey) -> bool {
        let Some(transport) = self.messages.get(&key).map(|m| m.destination.transport) else {
            return false;
        };
        let (via, branch) = self.new_via(transport);
        let Some(m) = self.messages.get_mut(&key) else {
            return false;
        };
        m.cseq += 1;
        let mut extra = vec![("Content-Type", m.content_type.clone())];
        if let Some(auth) = &mut m.auth {
            extra.extend(auth.authorization("MESSAGE", &m.target, &m.body, &mut self.rng));
        }
        let spec = RequestSpec {
            method: rsip::Method::Message,
            uri: &m.target,
            via,
            from: m.from.clone(),
            to: format!("<{}>", m.target),
            call_id: &m.call_id,
            cseq: m.cseq,
            contact: None,
            routes: &[],
            user_agent: &self.config.user_agent,
            body: &m.body,
        };
        let Ok(request) = build_request_with(&spec, &extra) else {
            return false;
        };
        let destination = m.destination;
        let started = self.start_non_invite(now, request, destination);
        let tx_key = ClientKey::new(&branch, "MESSAGE");
        self.add_client(
            now,
            tx_key,
            started,
            NO_CALL,
            Purpose::Message(key),
            destination,
        );
        true
    }

    pub(super) fn on_message_response(
        &mut self,
        now: Duration,
        key: MessageKey,
        response: &InResponse,
    ) {
        let code = response.code;
        if code < 200 {
            return;
        }
        if let Some((kind, values)) = challenge_of(response) {
            let retry = self
                .messages
                .get_mut(&key)
                .and_then(|m| m.auth.as_mut())
                .is_some_and(|auth| auth.on_challenge(kind, &values).is_ok());
            if retry && self.send_message_request(now, key) {
                return;
            }
        }
        let outcome = if code < 300 {
            MessageOutcome::Delivered { code }
        } else {
            MessageOutcome::Failed {
                code,
                reason: response.reason.clone(),
            }
        };
        self.finish_message(key, outcome);
    }

    pub(super) fn on_message_timeout(&mut self, key: MessageKey) {
        self.finish_message(key, MessageOutcome::Timeout);
    }

    fn finish_message(&mut self, key: MessageKey, outcome: MessageOutcome) {
        if self.messages.remove(&key).is_some() {
            self.account_events.push_back(AccountEvent::Message {
                message: key,
                outcome,
            });
        }
    }
}
