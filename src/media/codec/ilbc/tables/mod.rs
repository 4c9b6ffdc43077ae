//! Constant tables of RFC 3951. Tables that are plain functions of an index (the analysis
//! windows) are computed in `lpc.rs` instead of listed.

// The RFC's values, digit for digit, even where f32 cannot hold them all.
#![allow(clippy::excessive_precision)]

pub mod filters;
pub mod lsf;
pub mod quant;
