//! Answering an arbitrary remote SDP, or reading it as an answer, gives a result or an
//! SdpError, never a panic.
#![no_main]

use handset::media::codec::supported;
use handset::media::sdp::{self, LocalMedia};
use libfuzzer_sys::fuzz_target;
use std::net::{IpAddr, Ipv4Addr};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let local = LocalMedia {
        address: IpAddr::V4(Ipv4Addr::LOCALHOST),
        rtp_port: 40000,
        codecs: supported(),
        telephone_event_pt: Some(101),
        session_id: 1,
        session_version: 1,
    };
    let _ = sdp::answer(text, &local);
    let _ = sdp::accept_answer(text, &local);
});
