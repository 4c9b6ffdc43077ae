//! Connections a SIP account talks over.

pub mod tls;
