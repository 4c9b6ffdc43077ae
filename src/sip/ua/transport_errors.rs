//! A flow the driver could not use: a refused connection, a failed TLS handshake, a stream
//! that broke. RFC 3261 8.1.3.1 and 17.1.4 treat a transport error like a timeout, so every
//! client transaction waiting on that flow ends at once instead of after timer B or F.

use core::net::SocketAddr;
use std::time::Duration;

use super::{ClientTx, UserAgent};
use crate::sip::transaction::key::ClientKey;
use crate::sip::transport::{Flow, Transport};

impl UserAgent {
    /// The driver could not send to `destination` over `transport`, or the connection there
    /// closed: requests still waiting on it fail now (a call ends with
    /// [`super::EndCause::Timeout`], a registration reports a timeout and retries).
    pub fn handle_transport_error(
        &mut self,
        now: Duration,
        destination: SocketAddr,
        transport: Transport,
    ) {
        let flow = Flow::new(destination, transport);
        let waiting: Vec<ClientKey> = self
            .clients
            .iter()
            .filter(|(_, entry)| entry.destination == flow)
            .map(|(key, _)| key.clone())
            .collect();
        for key in waiting {
            let actions = match self.clients.get_mut(&key).map(|e| &mut e.tx) {
                Some(ClientTx::Invite(tx)) => tx.on_transport_error(),
                Some(ClientTx::NonInvite(tx)) => tx.on_transport_error(),
                None => continue,
            };
            self.run_client_actions(now, &key, actions);
        }
        self.purge_terminated();
    }
}
