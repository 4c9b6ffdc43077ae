//! Placing a call: choosing the account, completing and parsing the target, finding the
//! next hop and transport, opening the RTP port, and sending the INVITE.

use super::Runner;
use crate::config::AccountId;
use crate::engine::accounts::complete_target;
use crate::engine::api::{CallId, CallState, Direction, EndReason, Event};
use crate::engine::call::Call;
use crate::engine::target;
use crate::engine::transport::tls::TlsConnector;
use crate::engine::transport::TlsTarget;
use crate::media::sdp::{self, LocalMedia};
use crate::sip::{CallOptions, Transport};
use std::net::SocketAddr;
use tokio::net::UdpSocket;

/// Payload type we offer for RFC 4733 telephone-event.
const TELEPHONE_EVENT_PT: u8 = 101;

impl Runner {
    pub(super) async fn dial(&mut self, typed: String, asked: Option<AccountId>) {
        let id = self.allocate_id();
        if self.quit_deadline.is_some() {
            return;
        }
        let account = match self.dialling_account(asked) {
            Ok(account) => account,
            Err(detail) => return self.end_unstarted(id, &typed, EndReason::BadTarget { detail }),
        };
        let (typed, route) = match account {
            Some(account) => match self.call_setup(account).await {
                Ok((account, destination, options)) => (
                    complete_target(&typed, &account),
                    Some((destination, options)),
                ),
                Err(detail) => {
                    return self.end_unstarted(id, &typed, EndReason::BadTarget { detail })
                }
            },
            None => (typed, None),
        };
        let target = match target::parse(&typed) {
            Ok(target) => target,
            Err(e) => {
                return self.end_unstarted(
                    id,
                    &typed,
                    EndReason::BadTarget {
                        detail: e.to_string(),
                    },
                )
            }
        };
        let peer_to_peer = route.is_none();
        let hop = match route {
            Some(routed) => Ok(routed),
            // Peer to peer the URI and DNS choose the next hop and transport (RFC 3263).
            None => self
                .locate_uri(&target.uri)
                .await
                .map(|(destination, transport)| {
                    let options = CallOptions {
                        transport,
                        ..CallOptions::default()
                    };
                    (destination, options)
                }),
        };
        let (destination, options) = match hop {
            Ok(hop) => hop,
            Err(detail) => {
                return self.end_unstarted(id, &target.uri, EndReason::BadTarget { detail })
            }
        };
        if peer_to_peer && options.transport == Transport::Tls {
            let checked = TlsTarget {
                server_name: target.host.clone(),
                connector: TlsConnector::new(None),
            };
            self.connections.set_tls_target(destination, checked);
        }
        let (socket, local_media) = match self.bind_rtp(account).await {
            Ok(bound) => bound,
            Err(e) => {
                let detail = format!("cannot open an RTP port: {e}");
                return self.end_unstarted(id, &target.uri, EndReason::TransportError { detail });
            }
        };
        let offer = sdp::offer(&local_media);
        let now = self.now();
        match self
            .ua
            .invite_with(now, &target.uri, destination, offer.into_bytes(), options)
        {
            Ok(key) => {
                let call = Call::new(
                    id,
                    key,
                    Direction::Outgoing,
                    target.uri,
                    local_media,
                    socket,
                );
                self.emit_state(&call);
                self.calls.insert(id, call);
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
        let local = LocalMedia {
            address: self.advertised.ip(),
            rtp_port: port,
            codecs: self.call_codecs(account),
            telephone_event_pt: Some(TELEPHONE_EVENT_PT),
            session_id: u64::from(rand::random::<u32>()),
        };
        Ok((socket, local))
    }
}
