//! Ring 1: a sans-IO SIP user agent (RFC 3261) on rsip messages.
//!
//! Nothing here does I/O or reads a clock: time arrives as `now` (a `Duration` since an epoch the
//! driver chooses), datagrams (UDP) and whole messages cut from a stream (TCP, TLS, see
//! [`transport::stream_framing`]) arrive as bytes, and everything the agent wants done comes out of
//! [`UserAgent::poll_output`] and [`UserAgent::poll_timeout`].
//!
//! Layers, bottom up: `message` (normalise, parse, build), `transaction` (RFC 3261 section 17
//! with timers as data), `auth` (digest authentication, RFC 7616), `dialog` (section 12),
//! `call` (one INVITE usage), `registration` (a REGISTER client per account), and `ua` (the
//! core that ties them together behind the public API). `message`, `transaction` and `auth`
//! are public so fuzz targets and tools can reach the parsers and the state machines; the
//! driver needs only [`UserAgent`]: calls and their events come from
//! [`UserAgent::poll_output`], registrations and MESSAGE outcomes from
//! [`UserAgent::poll_account_event`].

pub mod auth;
mod call;
mod dialog;
pub mod message;
pub mod registration;
pub mod transaction;
pub mod transport;
mod ua;

pub use auth::Credentials;
pub use registration::{RegFailure, RegistrationConfig, RegistrationEvent, RegistrationKey};
pub use transaction::timers::TimerValues;
pub use transport::{Flow, Transport};
pub use ua::{
    uri_user, AccountEvent, AccountGate, CallKey, CallOptions, EndCause, MessageKey,
    MessageOutcome, Output, RateLimit, Screening, SipError, Transmit, UaConfig, UaEvent, UserAgent,
    Verdict,
};
