//! Jitter buffer. PLACEHOLDER.
