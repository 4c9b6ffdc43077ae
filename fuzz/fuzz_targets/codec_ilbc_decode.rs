//! Feed arbitrary payloads to the iLBC decoder: it must never panic, whatever the length
//! or content, and must keep producing whole frames (decoded or concealed).
#![no_main]

use handset::media::codec::ilbc::{IlbcDecoder, IlbcMode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let mode = if selector & 1 == 0 {
        IlbcMode::Ms20
    } else {
        IlbcMode::Ms30
    };
    let enhance = selector & 2 != 0;
    let mut decoder = IlbcDecoder::new(mode, enhance);
    // Several payloads in a row, so state carried between frames is exercised too.
    for payload in rest.chunks(mode.frame_bytes()) {
        let mut out = Vec::new();
        if decoder.decode(payload, &mut out).is_err() {
            assert!(out.is_empty());
            decoder.conceal(&mut out);
        }
        assert_eq!(out.len(), mode.block_len());
    }
});
