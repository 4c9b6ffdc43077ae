//! Requests inside a dialog that the core sends itself: the ACK for a 2xx (RFC 3261
//! 13.2.2.4) and BYE (15.1.1), including for a 2xx that arrives after its call is gone.

use std::time::Duration;

use super::{CallKey, EndCause, Purpose, UserAgent, NO_CALL};
use crate::sip::call::{Call, CallState};
use crate::sip::dialog::{party_without_tag, Dialog};
use crate::sip::message::build::{build_request_with, InvalidRequestUri, RequestSpec};
use crate::sip::message::parsed::InResponse;
use crate::sip::transaction::key::ClientKey;
use crate::sip::transport::{Flow, Transport};

impl UserAgent {
    /// A request in `dialog` going out over `transport`, with CSeq `seq` and a fresh branch;
    /// returns the branch too.
    pub(super) fn dialog_request(
        &mut self,
        dialog: &Dialog,
        transport: Transport,
        method: rsip::Method,
        seq: u32,
        extra: &[(&'static str, String)],
    ) -> (String, Result<Vec<u8>, InvalidRequestUri>) {
        let (via, branch) = self.new_via(transport);
        let spec = RequestSpec {
            method,
            uri: &dialog.remote_target,
            via,
            from: dialog.local_header(),
            to: dialog.remote_header(),
            call_id: &dialog.call_id,
            cseq: seq,
            contact: None,
            routes: &dialog.route_set,
            user_agent: &self.config.user_agent,
            body: b"",
        };
        (branch, build_request_with(&spec, extra))
    }

    /// Build, send and remember the ACK for the 2xx of call `key`.
    pub(super) fn send_ack(&mut self, key: CallKey) {
        let Some(call) = self.calls.get(&key) else {
            return;
        };
        let Some((seq, credentials)) = call
            .caller()
            .map(|c| (c.sent_invite.cseq, c.auth_headers.clone()))
        else {
            return;
        };
        let dialog = call.dialog.clone();
        let destination = call.request_destination();
        let transport = destination.transport;
        if let (_, Ok(ack)) =
            self.dialog_request(&dialog, transport, rsip::Method::Ack, seq, &credentials)
        {
            if let Some(caller) = self.calls.get_mut(&key).and_then(Call::caller_mut) {
                caller.ack = Some(ack.clone());
            }
            self.transmit(destination, ack);
        }
    }

    /// Send BYE in the dialog of `key`. `Purpose::Bye` ends the call when it completes.
    pub(super) fn send_bye(&mut self, now: Duration, key: CallKey) {
        self.send_bye_with(now, key, Purpose::Bye);
    }

    pub(super) fn send_bye_with(&mut self, now: Duration, key: CallKey, purpose: Purpose) {
        let Some(call) = self.calls.get_mut(&key) else {
            return;
        };
        call.state = CallState::Terminating;
        call.timers.cancel_all();
        let seq = call.dialog.next_seq();
        let dialog = call.dialog.clone();
        let destination = call.request_destination();
        match self.dialog_request(&dialog, destination.transport, rsip::Method::Bye, seq, &[]) {
            (branch, Ok(bye)) => self.start_bye(now, &branch, bye, key, purpose, destination),
            // A remote target we cannot put in a Request-URI: nothing to send to.
            (_, Err(_)) if purpose == Purpose::Bye => self.end_call(key, EndCause::LocalHangup),
            (_, Err(_)) => {}
        }
    }

    pub(super) fn start_bye(
        &mut self,
        now: Duration,
        branch: &str,
        bye: Vec<u8>,
        key: CallKey,
        purpose: Purpose,
        destination: Flow,
    ) {
        let started = self.start_non_invite(now, bye, destination);
        let tx_key = ClientKey::new(branch, "BYE");
        self.add_client(now, tx_key, started, key, purpose, destination);
    }

    /// A 2xx to our INVITE after its call ended (the CANCEL wait ran out): the peer thinks
    /// the call is up, so acknowledge it and end it at once.
    pub(super) fn hang_up_orphan_answer(
        &mut self,
        now: Duration,
        response: &InResponse,
        fallback: Flow,
    ) {
        let c = &response.common;
        let (Some(local_tag), Some(remote_tag)) = (c.from.tag(), c.to.tag()) else {
            return;
        };
        let mut dialog = Dialog {
            call_id: c.call_id.clone(),
            local_tag: local_tag.to_string(),
            remote_tag: Some(remote_tag.to_string()),
            local_party: party_without_tag(&c.from),
            remote_party: party_without_tag(&c.to),
            local_seq: c.cseq.seq,
            remote_seq: None,
            remote_target: c
                .contact
                .as_ref()
                .map_or_else(|| c.to.uri.clone(), |ct| ct.uri.clone()),
            route_set: c.record_route.iter().rev().cloned().collect(),
        };
        let destination = dialog.next_hop(fallback);
        let transport = destination.transport;
        if let (_, Ok(ack)) =
            self.dialog_request(&dialog, transport, rsip::Method::Ack, c.cseq.seq, &[])
        {
            self.transmit(destination, ack);
        }
        let seq = dialog.next_seq();
        if let (branch, Ok(bye)) =
            self.dialog_request(&dialog, transport, rsip::Method::Bye, seq, &[])
        {
            self.start_bye(now, &branch, bye, NO_CALL, Purpose::Detached, destination);
        }
    }
}
