//! One connection to a PulseAudio server over its native protocol, on a plain blocking Unix
//! socket: the handshake, commands with their replies, and the framing of everything the
//! server sends. The `pulseaudio` crate encodes and decodes the messages; this file owns the
//! socket, so that nothing else runs on it (no reactor thread, no polling) and closing it is
//! ours to do in order.

use std::ffi::CString;
use std::io::{Cursor, ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use pulseaudio::protocol::{
    self, AuthParams, AuthReply, Command, CommandReply, Descriptor, DescriptorFlags, Prop, Props,
    SetClientNameReply, TagStructReader, DESCRIPTOR_SIZE,
};

use crate::audio::AudioError;

/// How long the server may take to answer one command.
const REPLY_TIMEOUT: Duration = Duration::from_secs(5);
/// A blocked read returns after this long, so that the I/O thread notices a stop request. While
/// audio flows the server wakes it far more often than this.
pub(super) const READ_TICK: Duration = Duration::from_millis(100);
/// How long a write may block before the server counts as hung.
const WRITE_TIMEOUT: Duration = Duration::from_secs(2);
/// Room for incoming messages; grows only for a message larger than this (a long device list).
const INBOX_BYTES: usize = 64 * 1024;
/// Larger messages are a broken or hostile server.
const MAX_MESSAGE: usize = 16 * 1024 * 1024;

/// What the server sent.
// Lives on the stack for one dispatch and is never stored; boxing the command would allocate
// for every stream request.
#[allow(clippy::large_enum_variant)]
pub(super) enum Incoming<'a> {
    /// Audio for the record stream on `channel`.
    Audio { channel: u32, bytes: &'a [u8] },
    /// A command; for `Command::Reply`, `body` holds the reply's fields.
    Command {
        seq: u32,
        command: Command,
        body: &'a [u8],
    },
}

/// A connected, authenticated client.
pub(super) struct Connection {
    socket: UnixStream,
    version: u16,
    next_seq: u32,
    inbox: Vec<u8>,
    filled: usize,
    outbox: Vec<u8>,
}

fn device_error(detail: impl std::fmt::Display) -> AudioError {
    AudioError::Device(format!("PulseAudio: {detail}"))
}

/// The server's socket as libpulse finds it: `$PULSE_SERVER` (a `unix:` path), else
/// `$PULSE_RUNTIME_PATH/native`, else `$XDG_RUNTIME_DIR/pulse/native`.
pub(super) fn socket_path() -> Option<PathBuf> {
    let from_server = std::env::var("PULSE_SERVER")
        .ok()
        .and_then(|s| s.strip_prefix("unix:").map(PathBuf::from));
    let from_runtime =
        std::env::var_os("PULSE_RUNTIME_PATH").map(|p| PathBuf::from(p).join("native"));
    let from_xdg =
        std::env::var_os("XDG_RUNTIME_DIR").map(|p| PathBuf::from(p).join("pulse/native"));
    [from_server, from_runtime, from_xdg]
        .into_iter()
        .flatten()
        .find(|path| path.exists())
}

/// The client's properties, as desktops show and route it.
fn client_props() -> Props {
    let mut props = Props::new();
    props.set(Prop::ApplicationName, c"Handset");
    props.set(Prop::ApplicationId, c"org.handset.Handset");
    props.set(Prop::ApplicationIconName, c"org.handset.Handset");
    if let Ok(pid) = CString::new(std::process::id().to_string()) {
        props.set(Prop::ApplicationProcessId, pid);
    }
    props
}

impl Connection {
    /// Connect to the server the environment names, authenticate and introduce ourselves.
    pub(super) fn open() -> Result<Connection, AudioError> {
        let path = socket_path().ok_or_else(|| device_error("no server socket found"))?;
        let socket = UnixStream::connect(&path)
            .map_err(|e| device_error(format!("cannot connect to {}: {e}", path.display())))?;
        let mut connection = Connection::on(socket)?;
        let cookie = pulseaudio::cookie_path_from_env()
            .and_then(|path| std::fs::read(path).ok())
            .unwrap_or_default();
        let auth: AuthReply = connection.request(Command::Auth(AuthParams {
            version: protocol::MAX_VERSION,
            supports_shm: false,
            supports_memfd: false,
            cookie,
        }))?;
        connection.version = auth.version.min(protocol::MAX_VERSION);
        let _: SetClientNameReply = connection.request(Command::SetClientName(client_props()))?;
        Ok(connection)
    }

    /// A connection on `socket`, before the handshake.
    fn on(socket: UnixStream) -> Result<Connection, AudioError> {
        socket
            .set_read_timeout(Some(READ_TICK))
            .and_then(|()| socket.set_write_timeout(Some(WRITE_TIMEOUT)))
            .map_err(device_error)?;
        Ok(Connection {
            socket,
            version: protocol::MAX_VERSION,
            next_seq: 0,
            inbox: vec![0; INBOX_BYTES],
            filled: 0,
            outbox: Vec::with_capacity(INBOX_BYTES),
        })
    }

    /// Send `command` and wait for its reply. Anything else that arrives meanwhile goes to
    /// `other` (stream requests and audio while a second stream is being set up).
    pub(super) fn request_with<R: CommandReply>(
        &mut self,
        command: Command,
        mut other: impl FnMut(Incoming<'_>),
    ) -> Result<R, AudioError> {
        let what = format!("{:?}", command.tag());
        let seq = self.send(&command)?;
        let deadline = Instant::now() + REPLY_TIMEOUT;
        let version = self.version;
        let mut answer: Option<Result<R, AudioError>> = None;
        while answer.is_none() {
            if Instant::now() > deadline {
                return Err(device_error(format!("no answer to {what} in time")));
            }
            let alive = self.receive(|incoming| match incoming {
                Incoming::Command {
                    seq: got,
                    command,
                    body,
                } if got == seq && answer.is_none() => {
                    answer = Some(match command {
                        Command::Reply => {
                            let mut cursor = Cursor::new(body);
                            TagStructReader::new(&mut cursor, version)
                                .read::<R>()
                                .map_err(|e| device_error(format!("bad reply to {what}: {e}")))
                        }
                        Command::Error(error) => Err(device_error(format!("{what}: {error}"))),
                        other => Err(device_error(format!("{what} answered with {other:?}"))),
                    });
                }
                incoming => other(incoming),
            })?;
            if !alive {
                return Err(device_error("the server closed the connection"));
            }
        }
        answer.unwrap_or_else(|| Err(device_error("no answer")))
    }

    /// [`Connection::request_with`] when nothing else can arrive.
    pub(super) fn request<R: CommandReply>(&mut self, command: Command) -> Result<R, AudioError> {
        self.request_with(command, |_| {})
    }

    /// Send `command` without waiting; returns its sequence number.
    pub(super) fn send(&mut self, command: &Command) -> Result<u32, AudioError> {
        let seq = self.next_seq;
        self.next_seq = self.next_seq.wrapping_add(1);
        self.outbox.clear();
        protocol::encode_command_message(&mut self.outbox, seq, command, self.version)
            .map_err(device_error)?;
        self.socket.write_all(&self.outbox).map_err(device_error)?;
        Ok(seq)
    }

    /// Send audio for playback stream `channel`; `fill` writes exactly `len` bytes into the
    /// slice it gets. No allocation once the outbox has grown to the stream's request size.
    pub(super) fn send_audio(
        &mut self,
        channel: u32,
        len: usize,
        fill: impl FnOnce(&mut [u8]),
    ) -> Result<(), AudioError> {
        let length = u32::try_from(len).map_err(|_| device_error("request too large"))?;
        self.outbox.clear();
        self.outbox.resize(DESCRIPTOR_SIZE + len, 0);
        let (head, body) = self.outbox.split_at_mut(DESCRIPTOR_SIZE);
        if let Ok(head) = <&mut [u8; DESCRIPTOR_SIZE]>::try_from(head) {
            protocol::encode_descriptor(
                head,
                &Descriptor {
                    length,
                    channel,
                    offset: 0,
                    flags: DescriptorFlags::empty(),
                },
            );
        }
        fill(body);
        self.socket.write_all(&self.outbox).map_err(device_error)
    }

    /// Wait up to [`READ_TICK`] for data and hand every complete message to `handle`.
    /// Returns false once the server has closed the connection.
    pub(super) fn receive(
        &mut self,
        mut handle: impl FnMut(Incoming<'_>),
    ) -> Result<bool, AudioError> {
        if self.filled == self.inbox.len() {
            self.inbox.resize(self.inbox.len() * 2, 0);
        }
        let Some(free) = self.inbox.get_mut(self.filled..) else {
            return Err(device_error("receive buffer out of bounds"));
        };
        match self.socket.read(free) {
            Ok(0) => return Ok(false),
            Ok(n) => self.filled += n,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Ok(true)
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => return Ok(true),
            Err(e) => return Err(device_error(e)),
        }
        let mut start = 0;
        while let Some(head) = self.inbox.get(start..start + DESCRIPTOR_SIZE) {
            if start + DESCRIPTOR_SIZE > self.filled {
                break;
            }
            let descriptor = protocol::read_descriptor(&mut &head[..]).map_err(device_error)?;
            let length = descriptor.length as usize;
            if length > MAX_MESSAGE {
                return Err(device_error(format!("a message of {length} bytes")));
            }
            let end = start + DESCRIPTOR_SIZE + length;
            if end > self.filled {
                if end - start > self.inbox.len() {
                    self.inbox.resize(end - start, 0);
                }
                break;
            }
            if let Some(payload) = self.inbox.get(start + DESCRIPTOR_SIZE..end) {
                dispatch(descriptor.channel, payload, self.version, &mut handle);
            }
            start = end;
        }
        self.inbox.copy_within(start..self.filled, 0);
        self.filled -= start;
        Ok(true)
    }

    /// From now on a read waits for as long as the server is silent: for a connection that
    /// only listens, where nothing but the server's news needs the thread.
    pub(super) fn wait_without_timeout(&self) -> Result<(), AudioError> {
        self.socket.set_read_timeout(None).map_err(device_error)
    }

    /// Another handle on the socket: shutting it down ends a read blocked on this connection.
    pub(super) fn second_handle(&self) -> Result<UnixStream, AudioError> {
        self.socket.try_clone().map_err(device_error)
    }

    /// Close the socket; the server forgets our streams with it.
    pub(super) fn close(self) {
        let _ = self.socket.shutdown(std::net::Shutdown::Both);
    }
}

fn dispatch(channel: u32, payload: &[u8], version: u16, handle: &mut impl FnMut(Incoming<'_>)) {
    if channel != u32::MAX {
        handle(Incoming::Audio {
            channel,
            bytes: payload,
        });
        return;
    }
    let mut cursor = Cursor::new(payload);
    match Command::read_tag_prefixed(&mut cursor, version) {
        Ok((seq, command)) => {
            let body = payload
                .get(usize::try_from(cursor.position()).unwrap_or(usize::MAX)..)
                .unwrap_or_default();
            handle(Incoming::Command { seq, command, body });
        }
        // A command this protocol version does not know: the frame is skipped whole.
        Err(error) => tracing::debug!(%error, "unreadable PulseAudio message skipped"),
    }
}

/// The empty reply that acknowledges a command.
pub(super) struct Ack;

impl protocol::TagStructRead for Ack {
    fn read(
        _ts: &mut TagStructReader<'_>,
        _protocol_version: u16,
    ) -> Result<Self, protocol::ProtocolError> {
        Ok(Ack)
    }
}

impl protocol::TagStructWrite for Ack {
    fn write(
        &self,
        _w: &mut protocol::TagStructWriter<'_>,
        _protocol_version: u16,
    ) -> Result<(), protocol::ProtocolError> {
        Ok(())
    }
}

impl CommandReply for Ack {}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(channel: u32, payload: &[u8]) -> Vec<u8> {
        let mut head = [0u8; DESCRIPTOR_SIZE];
        protocol::encode_descriptor(
            &mut head,
            &Descriptor {
                length: payload.len() as u32,
                channel,
                offset: 0,
                flags: DescriptorFlags::empty(),
            },
        );
        [&head[..], payload].concat()
    }

    /// Everything `connection` hands out from one receive, as (channel, bytes) for audio and
    /// (u32::MAX, tag) for commands.
    fn received(connection: &mut Connection) -> Result<Vec<(u32, Vec<u8>)>, AudioError> {
        let mut got = Vec::new();
        connection.receive(|incoming| match incoming {
            Incoming::Audio { channel, bytes } => got.push((channel, bytes.to_vec())),
            Incoming::Command { command, .. } => {
                got.push((u32::MAX, format!("{:?}", command.tag()).into_bytes()))
            }
        })?;
        Ok(got)
    }

    #[test]
    fn a_frame_split_across_reads_is_delivered_once_and_whole() {
        let (mut server, client) = UnixStream::pair().unwrap();
        let mut connection = Connection::on(client).unwrap();
        let audio = frame(3, &[1, 2, 3, 4]);
        server.write_all(&audio[..7]).unwrap();
        assert!(received(&mut connection).unwrap().is_empty());
        server.write_all(&audio[7..]).unwrap();
        assert_eq!(
            received(&mut connection).unwrap(),
            vec![(3, vec![1, 2, 3, 4])]
        );
    }

    #[test]
    fn an_unreadable_command_is_skipped_and_the_next_frame_still_arrives() {
        let (mut server, client) = UnixStream::pair().unwrap();
        let mut connection = Connection::on(client).unwrap();
        let mut bytes = frame(u32::MAX, &[0xff, 0xfe, 0x00]);
        bytes.extend(frame(5, &[9, 9]));
        server.write_all(&bytes).unwrap();
        assert_eq!(received(&mut connection).unwrap(), vec![(5, vec![9, 9])]);
    }

    #[test]
    fn an_absurd_length_is_an_error_not_an_allocation() {
        let (mut server, client) = UnixStream::pair().unwrap();
        let mut connection = Connection::on(client).unwrap();
        let mut head = frame(1, &[]);
        head[..4].copy_from_slice(&u32::MAX.to_be_bytes());
        server.write_all(&head).unwrap();
        assert!(received(&mut connection).is_err());
    }

    #[test]
    fn a_closed_server_is_reported() {
        let (server, client) = UnixStream::pair().unwrap();
        let mut connection = Connection::on(client).unwrap();
        drop(server);
        assert!(!connection.receive(|_| {}).unwrap());
    }
}
