//! SIP over TCP and TLS for the engine (RFC 3261 section 18): a listener on the SIP port,
//! outgoing connections reused for every message to the same address, a task per connection
//! that frames the stream into messages and keeps registration flows alive with CRLF pings
//! (RFC 5626 section 4.4.1), and TLS through [`tls`].
//!
//! The runner sends with [`Connections::send`] and hears everything back as [`StreamEvent`]s on
//! one channel: messages with the address and transport they came from, and closed
//! connections with why they closed.

mod connection;
mod connections;
mod flow_error;
mod listener;
mod stream_event;
pub mod tls;

pub use connections::{Connections, TlsTarget};
pub use flow_error::FlowError;
pub use listener::listen;
pub use stream_event::StreamEvent;
