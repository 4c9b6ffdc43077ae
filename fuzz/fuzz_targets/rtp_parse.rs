//! The RTP depacketiser turns any datagram into a packet or an RtpError, never a panic, and a
//! parsed payload always lies inside the datagram.
#![no_main]

use handset::media::rtp;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(packet) = rtp::parse(data) {
        assert!(packet.payload.len() <= data.len());
    }
});
