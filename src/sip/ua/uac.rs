//! The caller's side: sending INVITE, reading its responses, ACK for 2xx (sent by the core,
//! RFC 3261 13.2.2.4), CANCEL (9.1), and BYE for either side (15.1.1).

use core::net::SocketAddr;
use std::time::Duration;

use crate::sip::transport::Flow;

use super::{CallKey, CallOptions, EndCause, Purpose, SipError, UaEvent, UserAgent};
use crate::sip::auth::DigestClient;
use crate::sip::call::{Call, CallState, CallerSide, Side};
use crate::sip::dialog::{party_without_tag, Dialog};
use crate::sip::message::build::{build_request, is_plausible_uri, RequestSpec, SentInvite};
use crate::sip::message::parsed::InResponse;
use crate::sip::transaction::key::ClientKey;
use crate::sip::transaction::timers::{Timer, TimerTable};

impl UserAgent {
    pub(super) fn start_call(
        &mut self,
        now: Duration,
        target: &str,
        destination: SocketAddr,
        sdp: Vec<u8>,
        options: CallOptions,
    ) -> Result<CallKey, SipError> {
        let target = target.trim();
        let uri_ok =
            (target.starts_with("sip:") || target.starts_with("sips:")) && is_plausible_uri(target);
        if !uri_ok {
            return Err(SipError::InvalidUri(target.to_string()));
        }
        if let Some(from) = &options.from_uri {
            if !is_plausible_uri(from) {
                return Err(SipError::InvalidUri(from.clone()));
            }
        }
        let key = CallKey(self.next_call);
        let local_tag = self.token();
        let call_id = format!("{}@handset", self.token());
        let flow = Flow::new(destination, options.transport);
        let (via, branch) = self.new_via(flow.transport);
        let local_party = self.party_for(&options);
        let sent = SentInvite {
            uri: target.to_string(),
            via,
            from: format!("{local_party};tag={local_tag}"),
            to: format!("<{target}>"),
            call_id: call_id.clone(),
            cseq: 1,
            routes: Vec::new(),
            user_agent: self.config.user_agent.clone(),
        };
        let contact = self.contact_at(options.contact_addr, flow.transport);
        let request = build_request(&RequestSpec {
            method: rsip::Method::Invite,
            uri: &sent.uri,
            via: sent.via.clone(),
            from: sent.from.clone(),
            to: sent.to.clone(),
            call_id: &sent.call_id,
            cseq: sent.cseq,
            contact: Some(contact),
            routes: &[],
            user_agent: &sent.user_agent,
            body: &sdp,
        })
        .map_err(|e| SipError::InvalidUri(e.0))?;
        self.next_call += 1;

        let dialog = Dialog {
            call_id,
            local_tag,
            remote_tag: None,
            local_party,
            remote_party: format!("<{target}>"),
            local_seq: 1,
            remote_seq: None,
            remote_target: target.to_string(),
            route_set: Vec::new(),
        };
        let tx_key = ClientKey::new(&branch, "INVITE");
        let started = self.start_invite(now, request, sent.clone(), flow);
        self.calls.insert(
            key,
            Call {
                key,
                state: CallState::Calling,
                dialog,
                peer: flow,
                side: Side::Caller(Box::new(CallerSide {
                    invite_tx: tx_key.clone(),
                    sent_invite: sent,
                    ack: None,
                    cancel_sent: false,
                    offer: sdp,
                    auth_headers: Vec::new(),
                })),
                timers: TimerTable::default(),
                auth: options
                    .credentials
                    .or_else(|| self.credentials.clone())
                    .map(DigestClient::new),
                contact_addr: options.contact_addr,
                reoffer: None,
                own_reinvite: None,
            },
        );
        self.add_client(now, tx_key, started, key, Purpose::Invite, flow);
        Ok(key)
    }

    pub(super) fn on_client_response(
        &mut self,
        now: Duration,
        call: CallKey,
        purpose: Purpose,
        destination: Flow,
        response: Box<InResponse>,
    ) {
        match purpose {
            Purpose::Invite if !self.calls.contains_key(&call) => {
                if (200..300).contains(&response.code) {
                    self.hang_up_orphan_answer(now, &response, destination);
                }
            }
            Purpose::Invite => self.on_invite_response(now, call, response),
            Purpose::Reinvite => self.on_reinvite_response(call, &response),
            Purpose::Bye if matches!(response.code, 401 | 407) => {
                if !self.resend_bye_with_credentials(now, call, &response) {
                    self.end_call(call, EndCause::LocalHangup);
                }
            }
            Purpose::Bye if response.code >= 200 => self.end_call(call, EndCause::LocalHangup),
            Purpose::Register(key) => self.on_register_response(now, key, &response),
            Purpose::Message(key) => self.on_message_response(now, key, &response),
            Purpose::Bye | Purpose::Cancel | Purpose::Detached => {}
        }
    }

    pub(super) fn on_client_timeout(&mut self, now: Duration, call: CallKey, purpose: Purpose) {
        match purpose {
            Purpose::Invite => {
                let cancelling = self
                    .calls
                    .get(&call)
                    .is_some_and(|c| c.state == CallState::Cancelling);
                let cause = if cancelling {
                    EndCause::LocalHangup
                } else {
                    EndCause::Timeout
                };
                self.end_call(call, cause);
            }
            Purpose::Reinvite => self.on_reinvite_timeout(call),
            Purpose::Bye => self.end_call(call, EndCause::LocalHangup),
            Purpose::Register(key) => self.on_register_timeout(now, key),
            Purpose::Message(key) => self.on_message_timeout(key),
            Purpose::Cancel | Purpose::Detached => {}
        }
    }

    fn on_invite_response(&mut self, now: Duration, key: CallKey, response: Box<InResponse>) {
        let Some(call) = self.calls.get_mut(&key) else {
            return;
        };
        let code = response.code;
        let common = &response.common;
        if code < 300 {
            if let Some(tag) = common.to.tag() {
                // A 2xx may come from another fork than an earlier provisional: it wins.
                if call.dialog.remote_tag.is_none() || code >= 200 {
                    call.dialog.remote_tag = Some(tag.to_string());
                    call.dialog.remote_party = party_without_tag(&common.to);
                    call.dialog.route_set = common.record_route.iter().rev().cloned().collect();
                }
                call.dialog.update_target(common.contact.as_ref());
            }
        }
        match code {
            100..=199 => {
                let state = call.state;
                if state == CallState::Calling {
                    call.state = CallState::Early;
                }
                let cancel_now =
                    state == CallState::Cancelling && call.caller().is_some_and(|c| !c.cancel_sent);
                if cancel_now {
                    self.send_cancel(now, key);
                } else if code > 100 && state != CallState::Cancelling {
                    self.emit(UaEvent::Progress {
                        call: key,
                        code,
                        reason: response.reason.clone(),
                        sdp: response.common.sdp(),
                    });
                }
            }
            200..=299 => {
                let hung_up = call.state == CallState::Cancelling;
                call.timers.cancel(Timer::CancelWait);
                self.send_ack(key);
                if hung_up {
                    // The CANCEL lost the race (9.1): the call exists, so end it with BYE.
                    self.send_bye(now, key);
                } else if let Some(call) = self.calls.get_mut(&key) {
                    call.state = CallState::Confirmed;
                    self.emit(UaEvent::Answered {
                        call: key,
                        sdp: response.common.sdp(),
                    });
                }
            }
            _ => {
                let cancelling = call.state == CallState::Cancelling;
                if !cancelling && self.resend_invite_with_credentials(now, key, &response) {
                    return;
                }
                let cause = if cancelling {
                    EndCause::LocalHangup
                } else {
                    EndCause::Rejected {
                        code,
                        reason: response.reason.clone(),
                    }
                };
                self.end_call(key, cause);
            }
        }
    }

    /// A response no transaction wants: a retransmitted 2xx to our INVITE gets the ACK again.
    pub(super) fn on_stray_response(&mut self, response: &InResponse) {
        let common = &response.common;
        if !(200..300).contains(&response.code)
            || !common.cseq.method.eq_ignore_ascii_case("INVITE")
        {
            return;
        }
        if let Some((destination, ack)) = self.reinvite_ack(&common.call_id, common.cseq.seq) {
            self.transmit(destination, ack);
            return;
        }
        let resend = self.calls.values().find_map(|call| {
            let ack = call.caller()?.ack.clone()?;
            call.dialog
                .matches(&common.call_id, common.from.tag(), common.to.tag())
                .then(|| (call.request_destination(), ack))
        });
        if let Some((destination, ack)) = resend {
            self.transmit(destination, ack);
        }
    }

    fn send_cancel(&mut self, now: Duration, key: CallKey) {
        let Some(call) = self.calls.get_mut(&key) else {
            return;
        };
        let peer = call.peer;
        let Some(caller) = call.caller_mut() else {
            return;
        };
        caller.cancel_sent = true;
        let branch = caller.invite_tx.branch.clone();
        let cancel = caller.sent_invite.cancel();
        call.timers
            .start(&self.timer_values, Timer::CancelWait, now);
        if let Some(cancel) = cancel {
            let tx = self.start_non_invite(now, cancel, peer);
            let tx_key = ClientKey::new(&branch, "CANCEL");
            self.add_client(now, tx_key, tx, key, Purpose::Cancel, peer);
        }
    }

    pub(super) fn end_locally(&mut self, now: Duration, key: CallKey) -> Result<(), SipError> {
        let call = self.calls.get_mut(&key).ok_or(SipError::UnknownCall(key))?;
        match call.state {
            CallState::Calling => {
                // No provisional yet: the CANCEL waits for one (9.1); timer B bounds the wait.
                call.state = CallState::Cancelling;
            }
            CallState::Early => {
                call.state = CallState::Cancelling;
                self.send_cancel(now, key);
            }
            CallState::Offered => return self.send_rejection(now, key, 603),
            CallState::WaitingAck => {
                if let Some(callee) = call.callee_mut() {
                    callee.bye_after_ack = true;
                }
            }
            CallState::Confirmed => self.send_bye(now, key),
            CallState::Cancelling | CallState::Terminating => {}
        }
        Ok(())
    }
}
