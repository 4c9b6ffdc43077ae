//! The callee's side and every other incoming request: new INVITEs, CANCEL, BYE, ACK for our
//! 2xx, OPTIONS, and the 4xx/5xx answers for what we do not support.
//!
//! A re-INVITE inside an established dialog goes to `ua/reoffer.rs`.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Duration;

use rand::Rng;

use super::{CallKey, EndCause, ServerEntry, ServerTx, UaEvent, UserAgent, Verdict};
use crate::sip::auth::DigestClient;
use crate::sip::call::{Call, CallState, CalleeSide, Side};
use crate::sip::dialog::{party_without_tag, Dialog};
use crate::sip::message::build::{build_response, ResponseSpec, ACCEPT, ALLOW};
use crate::sip::message::normalise::RawMessage;
use crate::sip::message::parsed::InRequest;
use crate::sip::transaction::key::ServerKey;
use crate::sip::transaction::server_invite::{self, ServerInvite};
use crate::sip::transaction::server_non_invite::ServerNonInvite;
use crate::sip::transaction::timers::{Timer, TimerTable};
use crate::sip::transport::Flow;

/// Calls ringing at once; one more is answered 486 Busy Here. A person takes one call at a
/// time, and each ringing call holds its INVITE until the ring timeout.
pub const MAX_RINGING: usize = 8;
/// Server transactions kept at once (each holds its last response for up to 32 s).
pub const MAX_SERVER_TRANSACTIONS: usize = 2048;

impl UserAgent {
    pub(super) fn on_request(&mut self, now: Duration, from: Flow, request: Box<InRequest>) {
        let key = ServerKey::of_request(&request.common, &request.method);
        if self.absorbed_by_transaction(now, &key, &request.method) {
            return;
        }
        if request.method == rsip::Method::Ack {
            self.on_ack_for_2xx(now, &request);
            return;
        }
        let account = match self.screen(from, &request) {
            Verdict::Ring(account) => account,
            Verdict::Refuse(code) => return self.refuse_statelessly(from, &request, code),
        };
        if self.servers.len() >= MAX_SERVER_TRANSACTIONS {
            // Only a flood from very many sources gets here: answer without keeping state.
            return self.refuse_statelessly(from, &request, 503);
        }
        let reliable = from.transport.is_reliable();
        let tx = match request.method {
            rsip::Method::Invite => {
                ServerTx::Invite(ServerInvite::new_over(self.timer_values, reliable))
            }
            _ => ServerTx::NonInvite(ServerNonInvite::new_over(self.timer_values, reliable)),
        };
        self.servers.insert(
            key.clone(),
            ServerEntry {
                tx,
                destination: from,
            },
        );
        let raw = &request.common.raw;
        let required: Vec<&str> = raw.headers_named("Require").collect();
        if !required.is_empty() && request.method != rsip::Method::Cancel {
            // We support no extensions (RFC 3261 8.2.2.3).
            let unsupported = required.join(", ");
            self.reply(now, &key, raw, 420, vec![("Unsupported", unsupported)]);
            return;
        }
        if request.common.to.tag().is_some() {
            self.on_in_dialog_request(now, from, &key, request);
        } else {
            self.on_out_of_dialog_request(now, from, &key, request, account);
        }
    }

    /// The screening's verdict on a new INVITE (see `ua/screening.rs`); other requests, and
    /// every request of a bare agent without screening, pass. Beyond [`MAX_RINGING`] calls
    /// ringing at once, a new one is busy.
    fn screen(&self, from: Flow, request: &InRequest) -> Verdict {
        let c = &request.common;
        if request.method != rsip::Method::Invite || c.to.tag().is_some() {
            return Verdict::Ring(None);
        }
        let Some(screening) = &self.screening else {
            return Verdict::Ring(None);
        };
        let verdict = screening.judge(&request.uri, &c.to.uri, from.address);
        let ringing = self
            .calls
            .values()
            .filter(|call| call.callee().is_some() && call.state == CallState::Offered)
            .count();
        match verdict {
            Verdict::Ring(_) if ringing >= MAX_RINGING => Verdict::Refuse(486),
            other => other,
        }
    }

    /// A final answer that leaves nothing behind (RFC 3261 8.2.7): no transaction, so no
    /// retransmission; a retransmitted request gets the same answer with the same To tag,
    /// and the ACK for it finds nothing and is dropped.
    fn refuse_statelessly(&mut self, from: Flow, request: &InRequest, code: u16) {
        let c = &request.common;
        let mut hasher = DefaultHasher::new();
        (self.tag_salt, &c.call_id, c.from.tag(), c.top_via.branch()).hash(&mut hasher);
        let to_tag = format!("{:016x}", hasher.finish());
        let bytes = build_response(
            &c.raw,
            &ResponseSpec {
                code,
                reason: None,
                to_tag: Some(&to_tag),
                extra: Vec::new(),
                server: &self.config.user_agent,
                body: b"",
            },
        );
        self.transmit(from, bytes);
    }

    /// Retransmissions and ACKs for non-2xx finals stop at their transaction.
    fn absorbed_by_transaction(
        &mut self,
        now: Duration,
        key: &ServerKey,
        method: &rsip::Method,
    ) -> bool {
        let Some(entry) = self.servers.get_mut(key) else {
            return false;
        };
        let actions = match (&mut entry.tx, method) {
            (ServerTx::Invite(tx), rsip::Method::Ack) => {
                // A peer reusing the INVITE branch for the 2xx ACK: that ACK is the core's.
                if tx.state() == server_invite::State::Accepted {
                    return false;
                }
                tx.on_ack(now);
                Vec::new()
            }
            (ServerTx::Invite(tx), _) => tx.on_invite_retransmission(),
            (ServerTx::NonInvite(tx), _) => tx.on_retransmission(),
        };
        self.run_server_actions(key, actions);
        true
    }

    /// A stateless-style reply through a fresh server transaction.
    pub(super) fn reply(
        &mut self,
        now: Duration,
        key: &ServerKey,
        request: &RawMessage,
        code: u16,
        extra: Vec<(&'static str, String)>,
    ) {
        let to_tag = self.token();
        let bytes = build_response(
            request,
            &ResponseSpec {
                code,
                reason: None,
                to_tag: Some(&to_tag),
                extra,
                server: &self.config.user_agent,
                body: b"",
            },
        );
        self.respond(now, key, code, bytes);
    }

    pub(super) fn answer_malformed(
        &mut self,
        from: Flow,
        raw: &RawMessage,
        status: u16,
        reason: &str,
    ) {
        let to_tag = self.token();
        let extra = if status == 501 || status == 405 {
            vec![("Allow", ALLOW.to_string())]
        } else {
            Vec::new()
        };
        let bytes = build_response(
            raw,
            &ResponseSpec {
                code: status,
                reason: Some(reason),
                to_tag: Some(&to_tag),
                extra,
                server: &self.config.user_agent,
                body: b"",
            },
        );
        self.transmit(from, bytes);
    }

    pub(super) fn find_dialog(&self, request: &InRequest) -> Option<CallKey> {
        let c = &request.common;
        self.calls
            .values()
            .find(|call| call.dialog.matches(&c.call_id, c.to.tag(), c.from.tag()))
            .map(|call| call.key)
    }

    fn on_in_dialog_request(
        &mut self,
        now: Duration,
        from: Flow,
        key: &ServerKey,
        request: Box<InRequest>,
    ) {
        let raw = &request.common.raw;
        let Some(call) = self.find_dialog(&request) else {
            self.reply(now, key, raw, 481, Vec::new());
            return;
        };
        let seq_ok = self
            .calls
            .get_mut(&call)
            .is_some_and(|c| c.dialog.accept_remote_seq(request.common.cseq.seq));
        if !seq_ok {
            self.reply(now, key, raw, 500, Vec::new());
            return;
        }
        match request.method {
            rsip::Method::Bye => {
                self.reply(now, key, raw, 200, Vec::new());
                self.abandon_invite(now, call);
                self.end_call(call, EndCause::RemoteHangup);
            }
            rsip::Method::Invite => self.on_reinvite(now, from, key, call, &request),
            rsip::Method::Options => self.reply(now, key, raw, 200, capabilities()),
            rsip::Method::Info => self.on_info(now, key, call, &request),
            rsip::Method::Cancel => self.on_out_of_dialog_request(now, from, key, request, None),
            _ => self.reply(now, key, raw, 405, vec![("Allow", ALLOW.to_string())]),
        }
    }

    fn on_out_of_dialog_request(
        &mut self,
        now: Duration,
        from: Flow,
        key: &ServerKey,
        request: Box<InRequest>,
        account: Option<u64>,
    ) {
        let raw = &request.common.raw;
        match request.method {
            rsip::Method::Invite if self.is_merged(&request) => {
                self.reply(now, key, raw, 482, Vec::new())
            }
            rsip::Method::Invite => self.on_new_invite(now, from, key, request, account),
            rsip::Method::Cancel => self.on_cancel(now, key, raw),
            rsip::Method::Options => self.reply(now, key, raw, 200, capabilities()),
            rsip::Method::Bye => self.reply(now, key, raw, 481, Vec::new()),
            _ => self.reply(now, key, raw, 405, vec![("Allow", ALLOW.to_string())]),
        }
    }

    /// The same INVITE reaching us again by another path (different branch): RFC 3261
    /// 8.2.2.2 says to refuse the copy with 482 rather than ring twice.
    fn is_merged(&self, request: &InRequest) -> bool {
        let c = &request.common;
        self.calls.values().any(|call| {
            call.callee().is_some()
                && call.dialog.call_id == c.call_id
                && call.dialog.remote_tag.as_deref() == c.from.tag()
                && call.callee().and_then(|s| s.invite.header("CSeq")) == c.raw.header("CSeq")
        })
    }

    fn on_cancel(&mut self, now: Duration, key: &ServerKey, raw: &RawMessage) {
        let invite_key = key.cancelled_invite();
        let pending = match self.servers.get(&invite_key).map(|e| &e.tx) {
            Some(ServerTx::Invite(tx)) => !tx.has_final(),
            _ => {
                self.reply(now, key, raw, 481, Vec::new());
                return;
            }
        };
        // The CANCEL itself always gets 200 once its INVITE is known (9.2).
        self.reply(now, key, raw, 200, Vec::new());
        if !pending {
            return;
        }
        let call = self
            .calls
            .values()
            .find(|c| c.callee().is_some_and(|s| s.invite_tx == invite_key))
            .map(|c| c.key);
        if let Some(call) = call {
            self.send_to_invite(now, call, 487, Vec::new());
            self.end_call(call, EndCause::RemoteCancelled);
        }
    }

    fn on_new_invite(
        &mut self,
        now: Duration,
        from: Flow,
        key: &ServerKey,
        request: Box<InRequest>,
        account: Option<u64>,
    ) {
        let call = CallKey(self.next_call);
        self.next_call += 1;
        let local_tag = self.token();
        let local_seq = self.rng.random_range(1..10_000);
        let c = &request.common;
        let dialog = Dialog {
            call_id: c.call_id.clone(),
            local_tag,
            remote_tag: c.from.tag().map(str::to_string),
            local_party: party_without_tag(&c.to),
            remote_party: party_without_tag(&c.from),
            local_seq,
            remote_seq: Some(c.cseq.seq),
            remote_target: c
                .contact
                .as_ref()
                .map_or_else(|| c.from.uri.clone(), |ct| ct.uri.clone()),
            route_set: c.record_route.clone(),
        };
        self.calls.insert(
            call,
            Call {
                key: call,
                state: CallState::Offered,
                dialog,
                peer: from,
                side: Side::Callee(Box::new(CalleeSide {
                    invite_tx: key.clone(),
                    invite: c.raw.clone(),
                    ok_response: None,
                    bye_after_ack: false,
                })),
                timers: TimerTable::default(),
                auth: self.credentials.clone().map(DigestClient::new),
                contact_addr: None,
                reoffer: None,
                own_reinvite: None,
            },
        );
        if let (Some(timeout), Some(new)) = (self.ring_timeout, self.calls.get_mut(&call)) {
            new.timers.arm(Timer::Ring, now, timeout);
        }
        self.send_to_invite(now, call, 100, Vec::new());
        self.emit(UaEvent::Incoming {
            call,
            from: c.from.uri.clone(),
            from_display: c.from.display.clone(),
            to: c.to.uri.clone(),
            sdp: c.sdp(),
            account,
        });
    }
}

fn capabilities() -> Vec<(&'static str, String)> {
    vec![("Allow", ALLOW.to_string()), ("Accept", ACCEPT.to_string())]
}
