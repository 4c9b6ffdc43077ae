//! Cutting a TCP or TLS byte stream into SIP messages (RFC 3261 18.3), sans-IO.
//!
//! A stream has no datagram boundaries: a message ends where its Content-Length says (the
//! compact form `l:` too). CRLFs between messages are keep-alive traffic (RFC 5626 3.5.1): a
//! double CRLF is a ping the driver answers with a single CRLF, and a single CRLF is a pong.
//! A header block without Content-Length, an absurd length, or more than [`MAX_BUFFERED`]
//! bytes waiting is an error: the driver closes the connection, since nothing after it can be
//! trusted to start on a message boundary.

/// The most a connection may hold unframed: a SIP message larger than this is no phone's.
pub const MAX_BUFFERED: usize = 64 * 1024;

/// One thing found in the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Framed {
    /// A complete message (start line, headers and body).
    Message(Vec<u8>),
    /// A keep-alive ping (CRLF CRLF): answer with [`PONG`].
    Ping,
    /// A keep-alive pong (a lone CRLF).
    Pong,
}

/// The keep-alive ping we send on an idle flow.
pub const PING: &[u8] = b"\r\n\r\n";
/// The answer to a ping.
pub const PONG: &[u8] = b"\r\n";

/// Why the stream can no longer be framed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FramingError {
    #[error("a message on the stream has no Content-Length")]
    MissingContentLength,
    #[error("a message on the stream has an unusable Content-Length")]
    BadContentLength,
    #[error("more than {MAX_BUFFERED} bytes arrived without a complete message")]
    TooLarge,
}

/// Bytes received on one connection that do not make a whole message yet.
#[derive(Debug, Default, Clone)]
pub struct StreamDeframer {
    buffer: Vec<u8>,
}

impl StreamDeframer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add bytes read from the connection; then call [`Self::next_frame`] until it says `None`.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), FramingError> {
        if self.buffer.len().saturating_add(bytes.len()) > MAX_BUFFERED {
            return Err(FramingError::TooLarge);
        }
        self.buffer.extend_from_slice(bytes);
        Ok(())
    }

    /// How many bytes wait for the rest of their message.
    pub fn buffered(&self) -> usize {
        self.buffer.len()
    }

    /// The next complete thing in the stream, `None` if more bytes are needed.
    pub fn next_frame(&mut self) -> Result<Option<Framed>, FramingError> {
        if self.buffer.starts_with(PING) {
            self.buffer.drain(..PING.len());
            return Ok(Some(Framed::Ping));
        }
        if self.buffer.starts_with(PONG) {
            // A lone CRLF is a pong even at the end of what arrived: pongs come alone, and a
            // ping cut in two is far rarer than a pong we would otherwise sit on.
            self.buffer.drain(..PONG.len());
            return Ok(Some(Framed::Pong));
        }
        if self.buffer.is_empty() || self.buffer == b"\r" {
            return Ok(None);
        }
        let Some(body_start) = header_end(&self.buffer) else {
            return Ok(None);
        };
        let head = self.buffer.get(..body_start).unwrap_or_default();
        let length = content_length(head)?;
        let total = body_start
            .checked_add(length)
            .filter(|total| *total <= MAX_BUFFERED)
            .ok_or(FramingError::BadContentLength)?;
        if self.buffer.len() < total {
            return Ok(None);
        }
        let message: Vec<u8> = self.buffer.drain(..total).collect();
        Ok(Some(Framed::Message(message)))
    }
}

/// Where the body starts: just past the blank line ending the header block (CRLF CRLF, or a
/// bare LF LF from a lax peer).
fn header_end(buffer: &[u8]) -> Option<usize> {
    let crlf = find(buffer, b"\r\n\r\n").map(|i| i + 4);
    let lf = find(buffer, b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The Content-Length (or `l`) header's value in a header block.
fn content_length(head: &[u8]) -> Result<usize, FramingError> {
    let text = String::from_utf8_lossy(head);
    for line in text.lines().skip(1) {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim();
        if name.eq_ignore_ascii_case("content-length") || name.eq_ignore_ascii_case("l") {
            return value
                .trim()
                .parse::<usize>()
                .map_err(|_| FramingError::BadContentLength);
        }
    }
    Err(FramingError::MissingContentLength)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGISTER: &[u8] = b"REGISTER sip:example.com SIP/2.0\r\n\
Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK1\r\n\
Content-Length: 0\r\n\r\n";

    const MESSAGE: &[u8] = b"MESSAGE sip:bob@example.com SIP/2.0\r\n\
Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK2\r\n\
l: 5\r\n\r\nhello";

    /// Everything framed from `chunks` fed in order, stopping at the first error.
    fn frame(chunks: &[&[u8]]) -> Result<Vec<Framed>, FramingError> {
        let mut deframer = StreamDeframer::new();
        let mut out = Vec::new();
        for chunk in chunks {
            deframer.push(chunk)?;
            while let Some(framed) = deframer.next_frame()? {
                out.push(framed);
            }
        }
        Ok(out)
    }

    #[test]
    fn two_merged_messages_come_out_whole_and_in_order() {
        let stream = [REGISTER, MESSAGE].concat();
        assert_eq!(
            frame(&[&stream]).unwrap(),
            [
                Framed::Message(REGISTER.to_vec()),
                Framed::Message(MESSAGE.to_vec())
            ]
        );
    }

    #[test]
    fn messages_split_at_every_byte_boundary_come_out_the_same() {
        let stream = [REGISTER, MESSAGE].concat();
        let whole = frame(&[&stream]).unwrap();
        for cut in 0..=stream.len() {
            let (a, b) = stream.split_at(cut);
            assert_eq!(frame(&[a, b]).unwrap(), whole, "cut at {cut}");
        }
        for second in 1..stream.len() {
            let (a, rest) = stream.split_at(second / 2);
            let (b, c) = rest.split_at(second - second / 2);
            assert_eq!(frame(&[a, b, c]).unwrap(), whole, "cuts near {second}");
        }
        let bytes: Vec<&[u8]> = stream.chunks(1).collect();
        assert_eq!(frame(&bytes).unwrap(), whole, "one byte at a time");
    }

    #[test]
    fn a_body_waits_for_all_its_bytes() {
        let mut deframer = StreamDeframer::new();
        deframer.push(&MESSAGE[..MESSAGE.len() - 1]).unwrap();
        assert_eq!(deframer.next_frame().unwrap(), None);
        deframer.push(&MESSAGE[MESSAGE.len() - 1..]).unwrap();
        assert_eq!(
            deframer.next_frame().unwrap(),
            Some(Framed::Message(MESSAGE.to_vec()))
        );
        assert_eq!(deframer.buffered(), 0);
    }

    #[test]
    fn double_crlf_is_a_ping_and_a_lone_crlf_a_pong() {
        assert_eq!(frame(&[b"\r\n\r\n"]).unwrap(), [Framed::Ping]);
        assert_eq!(frame(&[b"\r\n"]).unwrap(), [Framed::Pong]);
        let stream = [b"\r\n\r\n".as_slice(), REGISTER, b"\r\n", MESSAGE].concat();
        assert_eq!(
            frame(&[&stream]).unwrap(),
            [
                Framed::Ping,
                Framed::Message(REGISTER.to_vec()),
                Framed::Pong,
                Framed::Message(MESSAGE.to_vec())
            ]
        );
    }

    #[test]
    fn a_header_block_without_content_length_is_an_error() {
        let stream = b"OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK3\r\n\r\n";
        assert_eq!(frame(&[stream]), Err(FramingError::MissingContentLength));
    }

    #[test]
    fn absurd_or_garbled_lengths_are_errors() {
        let huge = b"OPTIONS sip:x SIP/2.0\r\nContent-Length: 99999999999999999999\r\n\r\n";
        assert_eq!(frame(&[huge]), Err(FramingError::BadContentLength));
        let big = b"OPTIONS sip:x SIP/2.0\r\nContent-Length: 70000\r\n\r\n";
        assert_eq!(frame(&[big]), Err(FramingError::BadContentLength));
        let words = b"OPTIONS sip:x SIP/2.0\r\nContent-Length: ten\r\n\r\n";
        assert_eq!(frame(&[words]), Err(FramingError::BadContentLength));
    }

    #[test]
    fn more_than_64_kib_without_a_message_is_an_error() {
        let junk = vec![b'a'; 40_000];
        assert_eq!(frame(&[&junk, &junk]), Err(FramingError::TooLarge));
    }
}
