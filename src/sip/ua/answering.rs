//! The callee's answers to an incoming INVITE: 1xx, 2xx (retransmitted until the ACK,
//! RFC 3261 13.3.1.4), failures, and the core timers of calls.

use std::time::Duration;

use super::{CallKey, EndCause, Purpose, SipError, UaEvent, UserAgent};
use crate::sip::call::CallState;
use crate::sip::message::build::{build_response, ResponseSpec, ALLOW};
use crate::sip::message::parsed::InRequest;
use crate::sip::transaction::timers::Timer;

impl UserAgent {
    /// Send a response to the INVITE of incoming call `call` (any status; the name says the
    /// common case). 1xx other than 100 and 2xx carry Contact and the Record-Route copy (12.1.1).
    pub(super) fn send_to_invite(
        &mut self,
        now: Duration,
        call: CallKey,
        code: u16,
        body: Vec<u8>,
    ) -> Option<Vec<u8>> {
        let c = self.calls.get(&call)?;
        let contact = self.contact_for(call, c.peer.transport);
        let callee = c.callee()?;
        let mut extra = Vec::new();
        if code > 100 && code < 300 {
            extra.push(("Contact", contact));
            extra.extend(
                c.dialog
                    .route_set
                    .iter()
                    .map(|rr| ("Record-Route", rr.clone())),
            );
        }
        if (200..300).contains(&code) {
            extra.push(("Allow", ALLOW.to_string()));
        }
        let bytes = build_response(
            &callee.invite,
            &ResponseSpec {
                code,
                reason: None,
                to_tag: Some(&c.dialog.local_tag),
                extra,
                server: &self.config.user_agent,
                body: &body,
            },
        );
        let tx_key = callee.invite_tx.clone();
        self.respond(now, &tx_key, code, bytes.clone());
        Some(bytes)
    }

    fn offered(&self, call: CallKey) -> Result<(), SipError> {
        match self.calls.get(&call) {
            None => Err(SipError::UnknownCall(call)),
            Some(c) if c.state == CallState::Offered => Ok(()),
            Some(_) => Err(SipError::WrongState),
        }
    }

    pub(super) fn send_ringing(&mut self, now: Duration, call: CallKey) -> Result<(), SipError> {
        self.offered(call)?;
        self.send_to_invite(now, call, 180, Vec::new());
        Ok(())
    }

    pub(super) fn send_answer(
        &mut self,
        now: Duration,
        call: CallKey,
        sdp: Vec<u8>,
    ) -> Result<(), SipError> {
        self.offered(call)?;
        let ok = self.send_to_invite(now, call, 200, sdp);
        if let Some(c) = self.calls.get_mut(&call) {
            c.state = CallState::WaitingAck;
            c.timers.cancel(Timer::Ring);
            if let Some(callee) = c.callee_mut() {
                callee.ok_response = ok;
            }
            c.timers
                .start(&self.timer_values, Timer::Retransmit2xx, now);
            c.timers.start(&self.timer_values, Timer::WaitAck, now);
        }
        Ok(())
    }

    pub(super) fn send_rejection(
        &mut self,
        now: Duration,
        call: CallKey,
        code: u16,
    ) -> Result<(), SipError> {
        self.offered(call)?;
        if !(300..=699).contains(&code) {
            return Err(SipError::WrongState);
        }
        self.send_to_invite(now, call, code, Vec::new());
        self.end_call(call, EndCause::LocallyRejected { code });
        Ok(())
    }

    /// An ACK outside any transaction: the ACK for our 2xx confirms the call (13.3.1.4).
    pub(super) fn on_ack_for_2xx(&mut self, now: Duration, request: &InRequest) {
        let Some(key) = self.find_dialog(request) else {
            return;
        };
        if self.on_reoffer_ack(key, request.common.cseq.seq) {
            return;
        }
        let Some(call) = self.calls.get_mut(&key) else {
            return;
        };
        if call.state != CallState::WaitingAck {
            return;
        }
        call.state = CallState::Confirmed;
        call.timers.cancel(Timer::Retransmit2xx);
        call.timers.cancel(Timer::WaitAck);
        let bye_now = call.callee().is_some_and(|c| c.bye_after_ack);
        self.emit(UaEvent::Confirmed { call: key });
        if bye_now {
            self.send_bye(now, key);
        }
    }

    /// Core timers of incoming calls: 2xx retransmission and the wait for its ACK; and the
    /// wait for the final response to a CANCELled INVITE.
    pub(super) fn on_call_timer(
        &mut self,
        now: Duration,
        key: CallKey,
        timer: Timer,
        interval: Duration,
    ) {
        let Some(call) = self.calls.get_mut(&key) else {
            return;
        };
        match (timer, call.state) {
            (Timer::Retransmit2xx, CallState::WaitingAck) => {
                let next = self.timer_values.next(Timer::Retransmit2xx, interval);
                call.timers.arm(Timer::Retransmit2xx, now, next);
                let peer = call.peer;
                if let Some(ok) = call.callee().and_then(|c| c.ok_response.clone()) {
                    self.transmit(peer, ok);
                }
            }
            (Timer::WaitAck, CallState::WaitingAck) => {
                // No ACK: the dialog is over (13.3.1.4); say so to the peer too.
                let hung_up = call.callee().is_some_and(|c| c.bye_after_ack);
                self.send_bye_with(now, key, Purpose::Detached);
                let cause = if hung_up {
                    EndCause::LocalHangup
                } else {
                    EndCause::Timeout
                };
                self.end_call(key, cause);
            }
            (Timer::Retransmit2xx | Timer::WaitAck, CallState::Confirmed) => {
                self.on_reoffer_timer(now, key, timer, interval)
            }
            (Timer::Ring, CallState::Offered) => {
                self.send_to_invite(now, key, 480, Vec::new());
                self.end_call(key, EndCause::Unanswered);
            }
            (Timer::CancelWait, CallState::Cancelling) => {
                self.abandon_invite(now, key);
                self.end_call(key, EndCause::LocalHangup);
            }
            _ => {}
        }
    }
}
