//! Netstrings (`LEN:BYTES,`), the framing of baresip's ctrl_tcp protocol.

use std::io::{self, Read};

/// Frames `payload` as a netstring.
pub fn encode(payload: &[u8]) -> Vec<u8> {
    let mut framed = format!("{}:", payload.len()).into_bytes();
    framed.extend_from_slice(payload);
    framed.push(b',');
    framed
}

/// Reads one netstring; `Ok(None)` at a clean end of stream.
pub fn read(reader: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len: usize = 0;
    let mut digits = 0;
    loop {
        let mut byte = [0u8; 1];
        if reader.read(&mut byte)? == 0 {
            return if digits == 0 {
                Ok(None)
            } else {
                Err(io::ErrorKind::UnexpectedEof.into())
            };
        }
        match byte[0] {
            b'0'..=b'9' if digits < 9 => {
                len = len * 10 + usize::from(byte[0] - b'0');
                digits += 1;
            }
            b':' if digits > 0 => break,
            other => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("bad netstring length byte {other:#04x}"),
                ))
            }
        }
    }
    let mut payload = vec![0u8; len + 1];
    reader.read_exact(&mut payload)?;
    if payload.pop() != Some(b',') {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "netstring without its trailing comma",
        ));
    }
    Ok(Some(payload))
}
