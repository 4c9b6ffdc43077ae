//! The SIP datagram parser classifies any bytes (request, response or garbage), never panics.
#![no_main]

use handset::sip::message::parsed::parse_datagram;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_datagram(data);
});
