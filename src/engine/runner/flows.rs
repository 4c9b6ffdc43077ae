//! Sending over UDP, TCP or TLS, and what the connections report: messages for the user
//! agent, accepted connections, and flows that failed (which fail the requests waiting on
//! them and make registrations on them register again).

use super::Runner;
use crate::engine::api::{RegistrationFailure, RegistrationState};
use crate::engine::transport::{self, FlowError, StreamEvent};
use crate::sip::{Transmit, Transport};
use std::net::SocketAddr;

impl Runner {
    /// Send what the user agent asked for on its transport.
    pub(super) async fn transmit(&mut self, t: Transmit) {
        match t.transport {
            Transport::Udp => {
                if let Err(e) = self.socket.send_to(&t.payload, t.destination).await {
                    tracing::warn!("SIP send to {} failed: {e}", t.destination);
                }
            }
            stream => self.connections.send(t.destination, stream, t.payload),
        }
    }

    /// Listen for TCP on the UDP socket's address (so one port serves both, and a Contact
    /// with `;transport=tcp` names a port we listen on) while `enabled`; stop otherwise.
    /// Connections already accepted stay until they close.
    pub(super) async fn sync_tcp_listener(&mut self, enabled: bool) {
        match (&self.tcp_listener, enabled) {
            (None, true) => match transport::listen(self.local_addr, &self.connections).await {
                Ok(task) => self.tcp_listener = Some(task),
                Err(e) => self.error(
                    "tcp-listen",
                    format!(
                        "cannot listen for SIP over TCP on {}: {e}; UDP works as before",
                        self.local_addr
                    ),
                ),
            },
            (Some(task), false) => {
                task.abort();
                self.tcp_listener = None;
            }
            _ => {}
        }
    }

    pub(super) fn handle_stream_event(&mut self, event: StreamEvent) {
        match event {
            StreamEvent::Message {
                from,
                transport,
                bytes,
            } => {
                let now = self.now();
                self.ua.handle_message(now, from, transport, &bytes);
            }
            StreamEvent::Accepted { peer, handle } => self.connections.adopt(peer, handle),
            StreamEvent::Closed {
                id,
                peer,
                transport,
                error,
            } => self.flow_closed(id, peer, transport, error),
        }
    }

    fn flow_closed(
        &mut self,
        id: u64,
        peer: SocketAddr,
        transport: Transport,
        error: Option<FlowError>,
    ) {
        self.connections.closed(id, peer, transport);
        let Some(error) = error else {
            // Closed cleanly (idle, or by the peer): the next request opens a new connection.
            // A registration must stay reachable, so it registers again over a new one.
            return self.reregister_on_flow(peer, transport);
        };
        tracing::info!("{error}");
        let never_opened = matches!(error, FlowError::Connect { .. } | FlowError::Tls { .. });
        self.flow_failures.insert((peer, transport), error);
        if self.connections.is_open(peer, transport) {
            // A newer connection to the peer already carries what was sent since: the
            // requests lost with this one end on their own timers.
            return;
        }
        let now = self.now();
        self.ua.handle_transport_error(now, peer, transport);
        if !never_opened {
            // A flow that worked and broke: register again at once. One that never opened
            // is the registration's own failure, retried on its back-off.
            self.reregister_on_flow(peer, transport);
        }
    }

    /// A registration that failed for want of an answer on a TCP/TLS flow that had failed
    /// is reported with the flow's reason ("TLS: the certificate is not trusted ...").
    pub(super) fn explain_flow_failure(
        &mut self,
        flow: Option<(SocketAddr, Transport)>,
        state: RegistrationState,
    ) -> RegistrationState {
        let RegistrationState::Failed {
            failure: RegistrationFailure::NoResponse,
            retry_at_unix,
        } = state
        else {
            return state;
        };
        let Some(error) = flow.and_then(|flow| self.flow_failures.remove(&flow)) else {
            return state;
        };
        let failure = if error.is_certificate() {
            RegistrationFailure::Certificate {
                detail: error.to_string(),
            }
        } else {
            RegistrationFailure::Network {
                detail: error.to_string(),
            }
        };
        RegistrationState::Failed {
            failure,
            retry_at_unix,
        }
    }
}
