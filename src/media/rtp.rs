//! RTP packets. PLACEHOLDER.
