//! Ring 1: media without I/O. SDP offer/answer, RTP packets, codecs, the jitter buffer and the
//! per-call stream that ties them together. Time arrives as `now`; nothing here reads a clock.
//!
//! - [`sdp`]: offer/answer (RFC 3264); `sdp/prefilter.rs` makes real-world SDP digestible for
//!   webrtc-sdp, `sdp/remote.rs` reads the peer's, `sdp/write.rs` writes ours.
//! - [`rtp`]: packetiser and a depacketiser that checks every length before parsing.
//! - [`codec`]: `CodecSpec` + encode/decode/conceal; G.711 and a pitch-repeating concealer (also for G.722 and GSM).
//! - [`dtmf`]: RFC 4733 telephone-events: a sender scheduled per packet time, a receiver
//!   that reports each key once.
//! - [`jitter`]: the adaptive jitter buffer (delay estimate, time-stretching, concealment
//!   decisions), 10 ms of PCM per pull.
//! - [`stream`]: one call's audio, wiring the above; `stream/interarrival.rs` is RFC 3550 jitter.
//! - [`tones`]: ringback, busy, error and call-waiting tones and our ringtone, by sample count.
//! - [`volume`]: a volume per use, as a percentage.
//! - [`level`]: how loud a stretch of sound is, for a level meter.
//! - [`voice_processing`]: echo cancellation, noise suppression and gain control (sonora).
//! - [`looped_sound`]: a recorded sound repeated with a pause (the theme's ring).
//! - [`vorbis_headers`]: the sizes an Ogg Vorbis file declares, checked before decoding.
//! - [`sound_theme`]: finding `phone-incoming-call` in the desktop's freedesktop sound theme.

pub mod codec;
pub mod dtmf;
pub mod jitter;
pub mod level;
pub mod looped_sound;
pub mod resample;
pub mod rtp;
pub mod sdp;
pub mod sound_theme;
pub mod stream;
pub mod tones;
pub mod voice_processing;
pub mod volume;
pub mod vorbis_headers;

#[cfg(test)]
mod robustness_tests;
