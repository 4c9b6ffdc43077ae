//! Our own re-INVITE in a confirmed call (RFC 3261 14.1): a new offer in the dialog, the ACK
//! for its 2xx (resent when the 2xx is), and the answer handed to the driver. A failure
//! response leaves the call as it was. While it is open, a re-INVITE from the peer gets 491
//! (glare, 14.2).

use std::time::Duration;

use super::{CallKey, Purpose, SipError, UaEvent, UserAgent};
use crate::sip::call::{CallState, OwnReinvite};
use crate::sip::message::build::{build_request, RequestSpec, SentInvite};
use crate::sip::message::parsed::InResponse;
use crate::sip::transaction::key::ClientKey;

impl UserAgent {
    pub(super) fn send_reinvite(
        &mut self,
        now: Duration,
        call: CallKey,
        sdp: Vec<u8>,
    ) -> Result<(), SipError> {
        let destination = self
            .calls
            .get(&call)
            .ok_or(SipError::UnknownCall(call))?
            .request_destination();
        let contact = self.contact_for(call, destination.transport);
        let (via, branch) = self.new_via(destination.transport);
        let user_agent = self.config.user_agent.clone();
        let c = self
            .calls
            .get_mut(&call)
            .ok_or(SipError::UnknownCall(call))?;
        let busy = c.reoffer.is_some() || c.own_reinvite.as_ref().is_some_and(|r| r.ack.is_none());
        if c.state != CallState::Confirmed || busy {
            return Err(SipError::WrongState);
        }
        let seq = c.dialog.next_seq();
        let sent = SentInvite {
            uri: c.dialog.remote_target.clone(),
            via,
            from: c.dialog.local_header(),
            to: c.dialog.remote_header(),
            call_id: c.dialog.call_id.clone(),
            cseq: seq,
            routes: c.dialog.route_set.clone(),
            user_agent,
        };
        let request = build_request(&RequestSpec {
            method: rsip::Method::Invite,
            uri: &sent.uri,
            via: sent.via.clone(),
            from: sent.from.clone(),
            to: sent.to.clone(),
            call_id: &sent.call_id,
            cseq: seq,
            contact: Some(contact),
            routes: &sent.routes,
            user_agent: &sent.user_agent,
            body: &sdp,
        })
        .map_err(|e| SipError::InvalidUri(e.0))?;
        c.own_reinvite = Some(OwnReinvite { seq, ack: None });
        let tx_key = ClientKey::new(&branch, "INVITE");
        let started = self.start_invite(now, request, sent, destination);
        self.add_client(now, tx_key, started, call, Purpose::Reinvite, destination);
        Ok(())
    }

    /// A response to our re-INVITE: ACK a 2xx ourselves (the transaction ACKs failures).
    pub(super) fn on_reinvite_response(&mut self, call: CallKey, response: &InResponse) {
        let code = response.code;
        if code < 200 {
            return;
        }
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        let Some(seq) = c.own_reinvite.as_ref().map(|r| r.seq) else {
            return;
        };
        if code >= 300 {
            c.own_reinvite = None;
        } else {
            c.dialog.update_target(response.common.contact.as_ref());
            let dialog = c.dialog.clone();
            let destination = c.request_destination();
            let transport = destination.transport;
            if let (_, Ok(ack)) =
                self.dialog_request(&dialog, transport, rsip::Method::Ack, seq, &[])
            {
                if let Some(r) = self
                    .calls
                    .get_mut(&call)
                    .and_then(|c| c.own_reinvite.as_mut())
                {
                    r.ack = Some(ack.clone());
                }
                self.transmit(destination, ack);
            }
        }
        let sdp = response.common.sdp();
        self.emit(UaEvent::ReinviteAnswered { call, code, sdp });
    }

    /// No final response to our re-INVITE: the call goes on with the media it had.
    pub(super) fn on_reinvite_timeout(&mut self, call: CallKey) {
        if let Some(c) = self.calls.get_mut(&call) {
            c.own_reinvite = None;
        }
        self.emit(UaEvent::ReinviteAnswered {
            call,
            code: 408,
            sdp: None,
        });
    }

    /// The ACK to resend for a retransmitted 2xx of our re-INVITE with CSeq `seq`, if any.
    pub(super) fn reinvite_ack(
        &self,
        call_id: &str,
        seq: u32,
    ) -> Option<(crate::sip::transport::Flow, Vec<u8>)> {
        self.calls.values().find_map(|c| {
            let own = c.own_reinvite.as_ref()?;
            (c.dialog.call_id == call_id && own.seq == seq)
                .then(|| own.ack.clone().map(|ack| (c.request_destination(), ack)))
                .flatten()
        })
    }

    /// Whether our re-INVITE in `call` has no final response yet.
    pub(super) fn own_reinvite_pending(&self, call: CallKey) -> bool {
        self.calls
            .get(&call)
            .and_then(|c| c.own_reinvite.as_ref())
            .is_some_and(|r| r.ack.is_none())
    }
}
