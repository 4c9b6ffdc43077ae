//! Ring 1: media without I/O. SDP offer/answer, RTP packets, codecs, the jitter buffer and the
//! per-call stream that ties them together. Time arrives as `now`; nothing here reads a clock.

pub mod codec;
pub mod jitter;
pub mod resample;
pub mod rtp;
pub mod sdp;
pub mod stream;

#[cfg(test)]
mod robustness_tests;
