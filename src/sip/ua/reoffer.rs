//! A re-INVITE from the peer in a confirmed dialog (RFC 3261 14.2): its offer goes to the
//! driver as [`UaEvent::Reoffer`], and the driver answers with `answer_reoffer` (2xx with the
//! SDP answer, retransmitted until the ACK like the first 2xx) or `reject_reoffer` (488 and
//! the call carries on as it was).
//!
//! A re-INVITE without an offer would need our offer in the 2xx and the answer in the ACK;
//! we do not take answers in ACKs, so it gets 488 like an offer we cannot accept.

use crate::sip::transport::Flow;
use std::time::Duration;

use super::{CallKey, Purpose, SipError, UaEvent, UserAgent};
use crate::sip::call::{CallState, IncomingReoffer};
use crate::sip::message::build::{build_response, ResponseSpec, ALLOW};
use crate::sip::message::parsed::InRequest;
use crate::sip::transaction::key::ServerKey;
use crate::sip::transaction::timers::Timer;

/// How long the peer should wait before retrying a re-INVITE that met one of ours (14.2).
const RETRY_AFTER_SECONDS: u32 = 1;

impl UserAgent {
    /// A re-INVITE (already matched to `call`, its CSeq accepted) arrived.
    pub(super) fn on_reinvite(
        &mut self,
        now: Duration,
        from: Flow,
        key: &ServerKey,
        call: CallKey,
        request: &InRequest,
    ) {
        let raw = &request.common.raw;
        let Some(c) = self.calls.get(&call) else {
            return;
        };
        if c.reoffer.is_some() || c.state == CallState::WaitingAck {
            // An INVITE of the peer's is still open: it must wait (14.2 asks for 500 and
            // Retry-After when the earlier one is the peer's own).
            let retry = ("Retry-After", RETRY_AFTER_SECONDS.to_string());
            self.reply(now, key, raw, 500, vec![retry]);
            return;
        }
        if c.state != CallState::Confirmed || self.own_reinvite_pending(call) {
            // Glare with our own INVITE in this dialog (14.2): 491 Request Pending.
            self.reply(now, key, raw, 491, Vec::new());
            return;
        }
        let Some(sdp) = request.common.sdp() else {
            self.reply(now, key, raw, 488, Vec::new());
            return;
        };
        if let Some(c) = self.calls.get_mut(&call) {
            // A target refresh request (12.2.2): the Contact of the re-INVITE replaces ours.
            c.dialog.update_target(request.common.contact.as_ref());
            c.reoffer = Some(IncomingReoffer {
                tx: key.clone(),
                request: raw.clone(),
                seq: request.common.cseq.seq,
                source: from,
                ok_response: None,
            });
        }
        self.emit(UaEvent::Reoffer { call, sdp });
    }

    /// The peer's re-INVITE still waiting for our answer.
    fn open_reoffer(&self, call: CallKey) -> Result<IncomingReoffer, SipError> {
        let c = self.calls.get(&call).ok_or(SipError::UnknownCall(call))?;
        match &c.reoffer {
            Some(r) if r.ok_response.is_none() => Ok(r.clone()),
            _ => Err(SipError::WrongState),
        }
    }

    fn respond_to_reoffer(
        &mut self,
        now: Duration,
        call: CallKey,
        reoffer: &IncomingReoffer,
        code: u16,
        body: &[u8],
    ) -> Vec<u8> {
        let mut extra = Vec::new();
        let mut to_tag = String::new();
        if let Some(c) = self.calls.get(&call) {
            to_tag = c.dialog.local_tag.clone();
            if (200..300).contains(&code) {
                extra.push(("Contact", self.contact_for(call, c.peer.transport)));
                extra.push(("Allow", ALLOW.to_string()));
            }
        }
        let bytes = build_response(
            &reoffer.request,
            &ResponseSpec {
                code,
                reason: None,
                to_tag: Some(&to_tag),
                extra,
                server: &self.config.user_agent,
                body,
            },
        );
        self.respond(now, &reoffer.tx, code, bytes.clone());
        bytes
    }

    pub(super) fn send_reoffer_answer(
        &mut self,
        now: Duration,
        call: CallKey,
        sdp: Vec<u8>,
    ) -> Result<(), SipError> {
        let reoffer = self.open_reoffer(call)?;
        let ok = self.respond_to_reoffer(now, call, &reoffer, 200, &sdp);
        if let Some(c) = self.calls.get_mut(&call) {
            if let Some(r) = c.reoffer.as_mut() {
                r.ok_response = Some(ok);
            }
            c.timers
                .start(&self.timer_values, Timer::Retransmit2xx, now);
            c.timers.start(&self.timer_values, Timer::WaitAck, now);
        }
        Ok(())
    }

    pub(super) fn send_reoffer_rejection(
        &mut self,
        now: Duration,
        call: CallKey,
        code: u16,
    ) -> Result<(), SipError> {
        if !(300..=699).contains(&code) {
            return Err(SipError::WrongState);
        }
        let reoffer = self.open_reoffer(call)?;
        self.respond_to_reoffer(now, call, &reoffer, code, b"");
        // The transaction absorbs the ACK of a failure; the dialog goes on unchanged.
        if let Some(c) = self.calls.get_mut(&call) {
            c.reoffer = None;
        }
        Ok(())
    }

    /// An ACK outside any transaction for the 2xx of a re-INVITE; true if it was one.
    pub(super) fn on_reoffer_ack(&mut self, call: CallKey, seq: u32) -> bool {
        let Some(c) = self.calls.get_mut(&call) else {
            return false;
        };
        let acked = c
            .reoffer
            .as_ref()
            .is_some_and(|r| r.ok_response.is_some() && r.seq == seq);
        if acked {
            c.reoffer = None;
            c.timers.cancel(Timer::Retransmit2xx);
            c.timers.cancel(Timer::WaitAck);
        }
        acked
    }

    /// Core timers of an answered re-INVITE: retransmit the 2xx, or give up on its ACK.
    pub(super) fn on_reoffer_timer(
        &mut self,
        now: Duration,
        call: CallKey,
        timer: Timer,
        interval: Duration,
    ) {
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        let Some((ok, source)) = c
            .reoffer
            .as_ref()
            .and_then(|r| r.ok_response.clone().map(|ok| (ok, r.source)))
        else {
            return;
        };
        match timer {
            Timer::Retransmit2xx => {
                let next = self.timer_values.next(Timer::Retransmit2xx, interval);
                c.timers.arm(Timer::Retransmit2xx, now, next);
                self.transmit(source, ok);
            }
            Timer::WaitAck => {
                // No ACK for the 2xx of a re-INVITE: the dialog is over (14.2 via 13.3.1.4).
                self.send_bye_with(now, call, Purpose::Detached);
                self.end_call(call, super::EndCause::Timeout);
            }
            _ => {}
        }
    }
}
