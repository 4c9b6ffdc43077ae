//! Constant tables of RFC 3951. Tables that are plain functions of an index (the analysis
//! windows) are computed in `lpc.rs` instead of listed.

pub mod filters;
pub mod lsf;
pub mod quant;
