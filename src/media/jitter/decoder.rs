//! The buffer's view of a codec: it decodes packets when they are due and asks for stand-ins
//! when they are not, and it never owns the codec (the stream does, and encodes with it too).

use crate::media::codec::{Codec, DecodeError};

/// Decodes and conceals for the buffer. Every [`Codec`] is one.
pub trait Decoder {
    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<(), DecodeError>;
    /// One frame standing in for a lost packet.
    fn conceal(&mut self, out: &mut Vec<i16>);
    /// One frame standing in for a lost packet whose successor, `next_payload`, is here
    /// (in-band FEC). Conceals unless the codec can do better.
    fn recover(&mut self, next_payload: &[u8], out: &mut Vec<i16>) {
        let _ = next_payload;
        self.conceal(out);
    }
}

impl<C: Codec + ?Sized> Decoder for C {
    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<(), DecodeError> {
        Codec::decode(self, payload, out)
    }

    fn conceal(&mut self, out: &mut Vec<i16>) {
        Codec::conceal(self, out)
    }

    fn recover(&mut self, next_payload: &[u8], out: &mut Vec<i16>) {
        Codec::recover(self, next_payload, out)
    }
}
