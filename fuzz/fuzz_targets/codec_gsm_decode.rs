//! The GSM decoder takes any bytes without panicking: as one payload of any length, and cut
//! into 33-byte frames with the signature nibble forced so every parameter combination
//! reaches the synthesis filters.
#![no_main]

use handset::media::codec::gsm::{self, Gsm, FRAME_BYTES, FRAME_SAMPLES};
use handset::media::codec::{Codec, DecodeError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut codec = Gsm::new(gsm::spec());
    let mut out = Vec::new();
    match codec.decode(data, &mut out) {
        Ok(()) => assert_eq!(out.len(), data.len() / FRAME_BYTES * FRAME_SAMPLES),
        Err(DecodeError::BadLength(_)) | Err(DecodeError::Corrupt) => assert!(out.is_empty()),
    }
    for chunk in data.chunks(FRAME_BYTES) {
        let mut frame = chunk.to_vec();
        if let Some(first) = frame.first_mut() {
            *first = 0xD0 | (*first & 0x0F);
        }
        out.clear();
        match codec.decode(&frame, &mut out) {
            Ok(()) => assert_eq!(out.len(), FRAME_SAMPLES),
            Err(_) => {
                assert_ne!(frame.len(), FRAME_BYTES);
                codec.conceal(&mut out);
                assert_eq!(out.len(), FRAME_SAMPLES);
            }
        }
    }
});
