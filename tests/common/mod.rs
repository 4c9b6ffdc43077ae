//! Shared support for the real-peer tests and the benchmarks.
//!
//! Use it as `mod common;` from `tests/*.rs`, or as
//! `#[path = "../tests/common/mod.rs"] mod common;` from `benches/*.rs`.
//! Every waiting helper here has a generous *liveness* bound: it exists so a broken peer
//! fails the test with a message instead of hanging CI, never to assert how fast anything is.
//!
//! Each test binary uses a different subset of these helpers, hence the dead-code allowance.
#![allow(dead_code)]

pub mod accounts;
pub mod baresip;
pub mod certs;
pub mod handset;
pub mod kamailio;
pub mod kamailio_routes;
pub mod linphone;
pub mod netstring;
pub mod pesq;
pub mod ports;
pub mod process;
pub mod pulse;
pub mod ringing;
pub mod scratch;
pub mod sipp_flood;
pub mod speech;
pub mod stray_invite;
pub mod tone;
pub mod tools;
