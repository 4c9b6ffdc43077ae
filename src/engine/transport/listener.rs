//! Accepting TCP connections on the SIP port: a peer (or a registrar that lost our
//! connection) may open one to the address in our Contact.

use std::net::SocketAddr;

use tokio::net::TcpListener;
use tokio::sync::mpsc;

use super::connection::{self, ConnectionHandle, Session};
use super::{Connections, StreamEvent};
use crate::sip::Transport;

/// Listen for TCP on `address` (the UDP socket's) and hand every accepted connection to the
/// runner as [`StreamEvent::Accepted`]; its messages follow on the same channel. Aborting the
/// returned task stops listening.
pub async fn listen(
    address: SocketAddr,
    connections: &Connections,
) -> std::io::Result<tokio::task::JoinHandle<()>> {
    let listener = TcpListener::bind(address).await?;
    let events = connections.events();
    let timing = connections.timing();
    // Ids of accepted connections count down from the top so they never meet the table's.
    let mut next_id = u64::MAX;
    Ok(tokio::spawn(async move {
        loop {
            let (stream, peer) = match listener.accept().await {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: wait a little rather than spin.
                    tracing::debug!("TCP accept failed: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let id = next_id;
            next_id -= 1;
            let (commands_tx, commands) = mpsc::unbounded_channel();
            let handle = ConnectionHandle {
                id,
                commands: commands_tx,
            };
            if events.send(StreamEvent::Accepted { peer, handle }).is_err() {
                return;
            }
            let session = Session {
                id,
                peer,
                transport: Transport::Tcp,
                keepalive: false,
                timing,
                commands,
                events: events.clone(),
            };
            tokio::spawn(connection::serve(stream, session));
        }
    }))
}
