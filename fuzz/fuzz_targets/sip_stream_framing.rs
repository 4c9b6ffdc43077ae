//! The stream de-framer takes any bytes cut into any chunks: it never panics, never holds more
//! than its limit, and every message it returns carries exactly its Content-Length of body.
#![no_main]

use handset::sip::transport::stream_framing::{Framed, StreamDeframer, MAX_BUFFERED};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the chunk size, so splits land everywhere.
    let Some((&size, stream)) = data.split_first() else {
        return;
    };
    let size = usize::from(size).max(1);
    let mut deframer = StreamDeframer::new();
    for chunk in stream.chunks(size) {
        if deframer.push(chunk).is_err() {
            return;
        }
        loop {
            match deframer.next_frame() {
                Ok(Some(Framed::Message(message))) => assert!(message.len() <= MAX_BUFFERED),
                Ok(Some(_)) => {}
                Ok(None) => break,
                Err(_) => return,
            }
        }
        assert!(deframer.buffered() <= MAX_BUFFERED);
    }
});
