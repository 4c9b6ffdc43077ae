//! Placing a call: choosing the account, completing and parsing the target, finding the
//! next hop and transport (in the background when DNS is needed: `pending.rs`), opening the
//! RTP port, and sending the INVITE, to the next target if one gets no answer (`failover.rs`).

use super::hop::{account_hop, sip_transport, Hop};
use super::lookups::{Answer, Purpose};
use super::Runner;
use crate::config::{self, Account, AccountId};
use crate::engine::accounts::complete_target;
use crate::engine::api::{CallId, CallState, Direction, EndReason, Event};
use crate::engine::call::Call;
use crate::engine::resolve::{account_request, Request};
use crate::engine::target;
use crate::media::sdp::{self, LocalMedia};
use crate::sip::{CallOptions, Credentials};
use std::net::SocketAddr;
use tokio::net::UdpSocket;

mod failover;
mod pending;

pub(super) use failover::DialFallback;
pub(super) use pending::PendingDial;

/// Payload type we offer for RFC 4733 telephone-event.
const TELEPHONE_EVENT_PT: u8 = 101;

/// The account a call is placed from, as it was when the user dialled.
pub(super) struct AccountDial {
    id: AccountId,
    account: Account,
    credentials: Option<Credentials>,
}

impl Runner {
    pub(super) async fn dial(&mut self, typed: String, asked: Option<AccountId>) {
        self.stop_tone().await;
        let id = self.allocate_id();
        if self.quit_deadline.is_some() {
            return;
        }
        let account = match self.dialling_account(asked) {
            Ok(account) => account,
            Err(detail) => return self.end_unstarted(id, &typed, EndReason::BadTarget { detail }),
        };
        let active = account.and_then(|id| self.active.get(&id));
        // The account's next hop is usually known already, from its registration.
        let known = active.and_then(|a| a.targets.as_ref().map(|t| t.remaining().to_vec()));
        let account = active.map(|a| AccountDial {
            id: a.account.id,
            account: a.account.clone(),
            credentials: a.credentials.clone(),
        });
        let typed = match &account {
            Some(from) => complete_target(&typed, &from.account),
            None => typed,
        };
        let target = match target::parse(&typed) {
            Ok(target) => target,
            Err(e) => {
                let detail = e.to_string();
                return self.end_unstarted(id, &typed, EndReason::BadTarget { detail });
            }
        };
        let answer = match (&account, known) {
            (Some(_), Some(targets)) => Some(Ok(targets)),
            (Some(from), None) => match account_request(&from.account) {
                Ok(request) => self.look_up(request, Purpose::Dial(id)).await,
                Err(e) => Some(Err(e.to_string())),
            },
            // Peer to peer the URI and DNS choose the next hop and transport (RFC 3263).
            (None, _) => match Request::parse(&target.uri, config::Transport::Auto) {
                Some(request) => self.look_up(request, Purpose::Dial(id)).await,
                None => Some(Err(format!("{} names no host", target.uri))),
            },
        };
        let dial = PendingDial::new(target, account);
        match answer {
            Some(answer) => self.send_invite(id, dial, answer, false).await,
            None => self.wait_for_hop(id, dial),
        }
    }

    /// Send the INVITE of call `id` to the best of the targets found, keeping the others to
    /// fail over to. `announced`: the face already heard of the call (it waited for DNS).
    async fn send_invite(
        &mut self,
        id: CallId,
        dial: PendingDial,
        answer: Answer,
        announced: bool,
    ) {
        let PendingDial {
            target,
            account,
            muted,
        } = dial;
        let hops: Vec<Hop> = match answer {
            Ok(found) => found
                .into_iter()
                .map(|t| match &account {
                    Some(from) => account_hop(&from.account, t),
                    None => (t.addr, sip_transport(t.transport)),
                })
                .collect(),
            Err(detail) => {
                return self.end_unstarted(id, &target.uri, EndReason::BadTarget { detail })
            }
        };
        let Some((&(destination, transport), rest)) = hops.split_first() else {
            let detail = format!("no SIP server for {}", target.host);
            return self.end_unstarted(id, &target.uri, EndReason::BadTarget { detail });
        };
        match &account {
            Some(from) => self.trust_account_hops(&from.account.clone(), &hops),
            None => self.trust_uri_hops(&target.host, &hops),
        }
        let account_id = account.as_ref().map(|from| from.id);
        let (socket, local_media) = match self.bind_rtp(account_id).await {
            Ok(bound) => bound,
            Err(e) => {
                let detail = format!("cannot open an RTP port: {e}");
                return self.end_unstarted(id, &target.uri, EndReason::TransportError { detail });
            }
        };
        let options = match account {
            Some(from) => CallOptions {
                credentials: from.credentials,
                from_uri: Some(from.account.address_of_record()),
                display_name: Some(from.account.display_name.clone()).filter(|d| !d.is_empty()),
                contact_addr: self.learnt_contact(from.id),
                transport,
            },
            None => CallOptions {
                transport,
                ..CallOptions::default()
            },
        };
        let offer = sdp::offer(&local_media);
        let now = self.now();
        let sent = self.ua.invite_with(
            now,
            &target.uri,
            destination,
            offer.into_bytes(),
            options.clone(),
        );
        match sent {
            Ok(key) => {
                let uri = target.uri.clone();
                let mut call = Call::new(
                    id,
                    key,
                    Direction::Outgoing,
                    target.uri,
                    local_media,
                    socket,
                );
                call.muted = muted;
                call.account = account_id;
                if !announced {
                    self.emit_state(&call);
                }
                self.calls.insert(id, call);
                if !rest.is_empty() {
                    let fallback = DialFallback::new(uri, rest, options);
                    self.dial_fallbacks.insert(id, fallback);
                }
            }
            Err(e) => self.end_unstarted(
                id,
                &target.uri,
                EndReason::BadTarget {
                    detail: e.to_string(),
                },
            ),
        }
    }

    /// Report a dial that failed before any SIP was sent.
    pub(super) fn end_unstarted(&self, id: CallId, remote: &str, reason: EndReason) {
        self.emit(Event::CallState {
            call: id,
            state: CallState::Ended,
            direction: Direction::Outgoing,
            remote: remote.to_owned(),
            contact: None,
            account: None,
        });
        self.emit(Event::CallEnded { call: id, reason });
    }

    /// An RTP socket and the media we offer or accept on it, with `account`'s codec order
    /// (see `call_codecs`); `None` for a peer-to-peer call.
    pub(super) async fn bind_rtp(
        &self,
        account: Option<AccountId>,
    ) -> std::io::Result<(UdpSocket, LocalMedia)> {
        let socket = UdpSocket::bind(SocketAddr::new(self.local_addr.ip(), 0)).await?;
        let port = socket.local_addr()?.port();
        let session_id = u64::from(rand::random::<u32>());
        let local = LocalMedia {
            address: self.advertised.ip(),
            rtp_port: port,
            codecs: self.call_codecs(account),
            telephone_event_pt: Some(TELEPHONE_EVENT_PT),
            session_id,
            session_version: session_id,
        };
        Ok((socket, local))
    }
}
