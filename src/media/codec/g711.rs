//! G.711 µ-law and A-law. PLACEHOLDER: the media owner writes the codec.

use super::{Codec, CodecSpec, DecodeError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum G711Law {
    MuLaw,
    ALaw,
}

pub struct G711 {
    spec: CodecSpec,
    law: G711Law,
}

impl G711 {
    pub fn new(law: G711Law, spec: CodecSpec) -> Self {
        Self { spec, law }
    }
}

impl Codec for G711 {
    fn spec(&self) -> &CodecSpec {
        &self.spec
    }
    fn encode(&mut self, pcm: &[i16], out: &mut Vec<u8>) {
        let _ = (pcm, out, self.law);
        todo!()
    }
    fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<(), DecodeError> {
        let _ = (payload, out);
        todo!()
    }
    fn conceal(&mut self, out: &mut Vec<i16>) {
        let _ = out;
        todo!()
    }
}
