//! The Opus decoder (libopus through audiopus) turns any bytes into PCM or a DecodeError,
//! never a panic: as one payload, and cut into packets with PLC and FEC decoding mixed in.
#![no_main]

use handset::media::codec::{opus_spec, Codec, Opus};
use libfuzzer_sys::fuzz_target;

/// 120 ms at 48 kHz: the most one Opus packet can hold.
const MAX_SAMPLES: usize = 5760;

fuzz_target!(|data: &[u8]| {
    let Ok(mut codec) = Opus::new(opus_spec(111, 20)) else {
        return;
    };
    let mut out = Vec::new();
    match codec.decode(data, &mut out) {
        Ok(()) => assert!(out.len() <= MAX_SAMPLES),
        Err(_) => assert!(out.is_empty()),
    }
    // The first byte picks packet lengths, so the fuzzer can shape the packet stream.
    let Some((&shape, rest)) = data.split_first() else {
        return;
    };
    let size = usize::from(shape % 64) + 1;
    let packets: Vec<&[u8]> = rest.chunks(size).collect();
    for (i, packet) in packets.iter().enumerate() {
        out.clear();
        match i % 4 {
            0 => codec.conceal(&mut out),
            1 => {
                if let Some(next) = packets.get(i + 1) {
                    if codec.decode_fec(next, &mut out).is_ok() {
                        assert_eq!(out.len(), 960);
                    }
                }
            }
            _ => {}
        }
        out.clear();
        match codec.decode(packet, &mut out) {
            Ok(()) => assert!(out.len() <= MAX_SAMPLES),
            Err(_) => assert!(out.is_empty()),
        }
    }
});
