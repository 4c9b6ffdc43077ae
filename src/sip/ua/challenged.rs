//! Answering 401 and 407 to our INVITE and BYE (RFC 3261 22.2, 22.3): the request goes out
//! again with a new CSeq and branch, the same Call-ID and From tag, and the credentials header.
//! Whether to try again at all is the call's [`DigestClient`]'s decision, so a refused password
//! ends the call instead of looping.
//!
//! [`DigestClient`]: crate::sip::auth::DigestClient

use std::time::Duration;

use super::{CallKey, Purpose, UserAgent};
use crate::sip::auth::ChallengeKind;
use crate::sip::call::CallState;
use crate::sip::message::build::{build_request_with, RequestSpec};
use crate::sip::message::parsed::InResponse;
use crate::sip::transaction::key::ClientKey;

/// The challenge kind and header values of a 401/407, if it is one.
pub(super) fn challenge_of(response: &InResponse) -> Option<(ChallengeKind, Vec<&str>)> {
    let kind = ChallengeKind::of_status(response.code)?;
    let values = response
        .common
        .raw
        .headers_named(kind.challenge_header())
        .collect();
    Some((kind, values))
}

impl UserAgent {
    /// Our INVITE was challenged: send it again with credentials if we can and should.
    /// Returns false when the call must end with the response as its cause.
    pub(super) fn resend_invite_with_credentials(
        &mut self,
        now: Duration,
        key: CallKey,
        response: &InResponse,
    ) -> bool {
        let Some((kind, values)) = challenge_of(response) else {
            return false;
        };
        let Some(call) = self.calls.get_mut(&key) else {
            return false;
        };
        let Some((mut sent, offer)) = call
            .caller()
            .map(|c| (c.sent_invite.clone(), c.offer.clone()))
        else {
            return false;
        };
        let Some(auth) = call.auth.as_mut() else {
            return false;
        };
        if auth.on_challenge(kind, &values).is_err() {
            return false;
        }
        let credentials = auth.authorization("INVITE", &sent.uri, &offer, &mut self.rng);
        sent.cseq = call.dialog.next_seq();
        let destination = call.peer;
        let contact_addr = call.contact_addr;
        let (via, branch) = self.new_via(destination.transport);
        sent.via = via;
        let spec = RequestSpec {
            method: rsip::Method::Invite,
            uri: &sent.uri,
            via: sent.via.clone(),
            from: sent.from.clone(),
            to: sent.to.clone(),
            call_id: &sent.call_id,
            cseq: sent.cseq,
            contact: Some(self.contact_at(contact_addr, destination.transport)),
            routes: &sent.routes,
            user_agent: &sent.user_agent,
            body: &offer,
        };
        let Ok(request) = build_request_with(&spec, &credentials) else {
            return false;
        };
        let tx_key = ClientKey::new(&branch, "INVITE");
        let started = self.start_invite(now, request, sent.clone(), destination);
        if let Some(call) = self.calls.get_mut(&key) {
            call.state = CallState::Calling;
            // A provisional from the challenged attempt may have set up an early dialog with
            // some fork; the new INVITE starts over.
            call.dialog.remote_tag = None;
            call.dialog.route_set.clear();
            call.dialog.remote_target = sent.uri.clone();
            if let Some(caller) = call.caller_mut() {
                caller.invite_tx = tx_key.clone();
                caller.sent_invite = sent;
                caller.auth_headers = credentials;
            }
        }
        self.add_client(now, tx_key, started, key, Purpose::Invite, destination);
        true
    }

    /// Our BYE was challenged: send it again with credentials if we can and should.
    pub(super) fn resend_bye_with_credentials(
        &mut self,
        now: Duration,
        key: CallKey,
        response: &InResponse,
    ) -> bool {
        let Some((kind, values)) = challenge_of(response) else {
            return false;
        };
        let Some(call) = self.calls.get_mut(&key) else {
            return false;
        };
        let Some(auth) = call.auth.as_mut() else {
            return false;
        };
        if auth.on_challenge(kind, &values).is_err() {
            return false;
        }
        let uri = call.dialog.remote_target.clone();
        let credentials = auth.authorization("BYE", &uri, b"", &mut self.rng);
        let seq = call.dialog.next_seq();
        let dialog = call.dialog.clone();
        let destination = call.request_destination();
        let transport = destination.transport;
        match self.dialog_request(&dialog, transport, rsip::Method::Bye, seq, &credentials) {
            (branch, Ok(bye)) => {
                self.start_bye(now, &branch, bye, key, Purpose::Bye, destination);
                true
            }
            (_, Err(_)) => false,
        }
    }
}
