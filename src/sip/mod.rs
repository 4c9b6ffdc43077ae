//! Ring 1: a sans-IO SIP user agent (RFC 3261) on rsip messages.
//!
//! Nothing here does I/O or reads a clock: time arrives as `now` (a `Duration` since an epoch the
//! driver chooses), datagrams arrive as bytes, and everything the agent wants done comes out of
//! [`UserAgent::poll_output`] and [`UserAgent::poll_timeout`].

mod ua;

pub use ua::{CallKey, EndCause, Output, SipError, Transmit, UaConfig, UaEvent, UserAgent};
