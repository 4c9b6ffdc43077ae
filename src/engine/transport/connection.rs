//! One TCP or TLS connection as a task: it writes what the runner sends, frames what arrives
//! into SIP messages, answers keep-alive pings, pings an idle registration flow and expects
//! the pong, and closes when idle, broken or told to.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::{FlowError, StreamEvent};
use crate::sip::transport::stream_framing::{Framed, StreamDeframer, PING, PONG};
use crate::sip::Transport;

/// What the runner asks of a connection.
#[derive(Debug)]
pub enum ConnectionCommand {
    /// Write one SIP message.
    Send(Vec<u8>),
    /// Start or stop keep-alive pings (the flow carries a registration or not).
    KeepAlive(bool),
}

/// The runner's end of a connection task.
#[derive(Debug, Clone)]
pub struct ConnectionHandle {
    pub id: u64,
    pub commands: mpsc::UnboundedSender<ConnectionCommand>,
}

/// Keep-alive timing (RFC 5626 4.4.1) and when an unused connection is closed.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// Quiet time after which a registration flow is pinged.
    pub ping_after: Duration,
    /// How long to wait for the pong before the flow counts as failed.
    pub pong_wait: Duration,
    /// Quiet time after which a connection that carries no registration is closed.
    pub idle_close: Duration,
}

impl Timing {
    /// RFC 5626 4.4.1 recommends pinging connection-oriented flows every 95 to 120 s, drawn
    /// at random so that many phones behind one NAT do not ping in step. TCP NAT bindings
    /// last two hours at least (RFC 5382), so pinging more often only wakes the radio for
    /// nothing; a dead flow is still noticed within about two minutes, and a network change
    /// is noticed at once by the network watcher. The pong wait of 10 s is the RFC's.
    pub fn standard() -> Self {
        let ping_after = Duration::from_millis(rand::random_range(95_000..=120_000));
        Timing {
            ping_after,
            pong_wait: Duration::from_secs(10),
            // A few minutes: long enough to carry a call's next request (re-INVITE, BYE)
            // after a quiet spell without reconnecting, short enough not to hoard sockets.
            idle_close: Duration::from_secs(5 * 60),
        }
    }
}

/// Everything a connection task needs besides its stream.
pub struct Session {
    pub id: u64,
    pub peer: SocketAddr,
    pub transport: Transport,
    pub keepalive: bool,
    pub timing: Timing,
    pub commands: mpsc::UnboundedReceiver<ConnectionCommand>,
    pub events: mpsc::UnboundedSender<StreamEvent>,
}

const READ_CHUNK: usize = 16 * 1024;

/// Serve `stream` until it closes; the last thing sent to the runner is `Closed`.
pub async fn serve<S>(stream: S, mut session: Session)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let error = run(stream, &mut session).await.err();
    let _ = session.events.send(StreamEvent::Closed {
        id: session.id,
        peer: session.peer,
        transport: session.transport,
        error,
    });
}

/// Report a connection that could not even be made.
pub fn report_failure(session: &Session, error: FlowError) {
    let _ = session.events.send(StreamEvent::Closed {
        id: session.id,
        peer: session.peer,
        transport: session.transport,
        error: Some(error),
    });
}

async fn run<S>(stream: S, session: &mut Session) -> Result<(), FlowError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let peer = session.peer;
    let broken = |e: std::io::Error| FlowError::Broken {
        peer,
        detail: e.to_string(),
    };
    let (mut reader, mut writer) = tokio::io::split(stream);
    let mut deframer = StreamDeframer::new();
    let mut chunk = vec![0u8; READ_CHUNK];
    let timing = session.timing;
    // Any traffic at all postpones the next ping; only SIP messages keep a connection open.
    let mut last_traffic = Instant::now();
    let mut last_message = Instant::now();
    let mut pong_due: Option<Instant> = None;
    loop {
        let ping_at =
            (session.keepalive && pong_due.is_none()).then(|| last_traffic + timing.ping_after);
        let idle_at = (!session.keepalive).then(|| last_message + timing.idle_close);
        tokio::select! {
            read = reader.read(&mut chunk) => {
                let n = read.map_err(broken)?;
                if n == 0 {
                    return Ok(());
                }
                last_traffic = Instant::now();
                let framing = |error| FlowError::Framing { peer, error };
                deframer.push(chunk.get(..n).unwrap_or_default()).map_err(framing)?;
                while let Some(framed) = deframer.next_frame().map_err(framing)? {
                    match framed {
                        Framed::Message(bytes) => {
                            last_message = Instant::now();
                            let _ = session.events.send(StreamEvent::Message {
                                from: peer,
                                transport: session.transport,
                                bytes,
                            });
                        }
                        Framed::Ping => writer.write_all(PONG).await.map_err(broken)?,
                        Framed::Pong => pong_due = None,
                    }
                }
            }
            command = session.commands.recv() => match command {
                Some(ConnectionCommand::Send(bytes)) => {
                    writer.write_all(&bytes).await.map_err(broken)?;
                    last_traffic = Instant::now();
                    last_message = last_traffic;
                }
                Some(ConnectionCommand::KeepAlive(on)) => {
                    session.keepalive = on;
                    if !on {
                        pong_due = None;
                    }
                }
                // The runner dropped the connection table: nothing more to do.
                None => return Ok(()),
            },
            _ = sleep_until(ping_at) => {
                writer.write_all(PING).await.map_err(broken)?;
                last_traffic = Instant::now();
                pong_due = Some(last_traffic + timing.pong_wait);
            }
            _ = sleep_until(pong_due) => return Err(FlowError::NoPong { peer }),
            _ = sleep_until(idle_at) => return Ok(()),
        }
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(
        keepalive: bool,
        timing: Timing,
    ) -> (
        Session,
        mpsc::UnboundedSender<ConnectionCommand>,
        mpsc::UnboundedReceiver<StreamEvent>,
    ) {
        let (commands_tx, commands) = mpsc::unbounded_channel();
        let (events, events_rx) = mpsc::unbounded_channel();
        let session = Session {
            id: 7,
            peer: "127.0.0.1:5060".parse().unwrap(),
            transport: Transport::Tcp,
            keepalive,
            timing,
            commands,
            events,
        };
        (session, commands_tx, events_rx)
    }

    fn quick() -> Timing {
        Timing {
            ping_after: Duration::from_millis(20),
            pong_wait: Duration::from_millis(50),
            idle_close: Duration::from_secs(3600),
        }
    }

    #[tokio::test]
    async fn messages_are_framed_and_pings_answered() {
        let (ours, mut theirs) = tokio::io::duplex(4096);
        let (session, commands, mut events) = session(false, quick());
        tokio::spawn(serve(ours, session));
        let message = b"OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n";
        theirs.write_all(b"\r\n\r\n").await.unwrap();
        theirs.write_all(message).await.unwrap();
        let mut pong = [0u8; 2];
        theirs.read_exact(&mut pong).await.unwrap();
        assert_eq!(&pong, b"\r\n", "a ping gets a pong");
        match events.recv().await.unwrap() {
            StreamEvent::Message {
                bytes, transport, ..
            } => {
                assert_eq!(bytes, message);
                assert_eq!(transport, Transport::Tcp);
            }
            other => panic!("{other:?}"),
        }
        commands
            .send(ConnectionCommand::Send(b"SIP/2.0 200 OK\r\n".to_vec()))
            .unwrap();
        let mut reply = [0u8; 16];
        theirs.read_exact(&mut reply).await.unwrap();
        assert_eq!(&reply, b"SIP/2.0 200 OK\r\n");
        drop(theirs);
        assert!(matches!(
            events.recv().await.unwrap(),
            StreamEvent::Closed {
                id: 7,
                error: None,
                ..
            }
        ));
    }

    #[tokio::test]
    async fn a_registration_flow_is_pinged_and_fails_without_a_pong() {
        let (ours, mut theirs) = tokio::io::duplex(4096);
        let (session, _commands, mut events) = session(true, quick());
        tokio::spawn(serve(ours, session));
        let mut ping = [0u8; 4];
        theirs.read_exact(&mut ping).await.unwrap();
        assert_eq!(&ping, b"\r\n\r\n");
        // Answer the first ping: the flow lives on and is pinged again.
        theirs.write_all(b"\r\n").await.unwrap();
        theirs.read_exact(&mut ping).await.unwrap();
        assert_eq!(&ping, b"\r\n\r\n");
        // Do not answer the second.
        match events.recv().await.unwrap() {
            StreamEvent::Closed { error, .. } => {
                assert!(matches!(error, Some(FlowError::NoPong { .. })), "{error:?}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn garbage_closes_the_connection_with_a_framing_error() {
        let (ours, mut theirs) = tokio::io::duplex(4096);
        let (session, _commands, mut events) = session(false, quick());
        tokio::spawn(serve(ours, session));
        theirs
            .write_all(b"HELLO there\r\nNo-Length: here\r\n\r\n")
            .await
            .unwrap();
        match events.recv().await.unwrap() {
            StreamEvent::Closed { error, .. } => {
                assert!(
                    matches!(error, Some(FlowError::Framing { .. })),
                    "{error:?}"
                )
            }
            other => panic!("{other:?}"),
        }
    }
}
