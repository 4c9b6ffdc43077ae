//! The G.722 decoder takes any bytes without panicking: every octet is a code pair, so any
//! non-empty payload decodes to two samples per octet, whole or cut into 20 ms packets with
//! concealment in between.
#![no_main]

use handset::media::codec::{g722_spec, Codec, DecodeError, G722};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut codec = G722::new(g722_spec(20));
    let mut out = Vec::new();
    match codec.decode(data, &mut out) {
        Ok(()) => assert_eq!(out.len(), data.len() * 2),
        Err(DecodeError::BadLength(0)) => assert!(data.is_empty() && out.is_empty()),
        Err(other) => panic!("unexpected {other:?}"),
    }
    for (i, packet) in data.chunks(160).enumerate() {
        out.clear();
        if i % 3 == 2 {
            codec.conceal(&mut out);
            assert_eq!(out.len(), 320);
            out.clear();
        }
        codec.decode(packet, &mut out).expect("non-empty payloads decode");
        assert_eq!(out.len(), packet.len() * 2);
    }
});
