//! SIP messages: normalising what rsip 0.4 cannot parse, reading fields, building messages.

pub mod build;
pub mod fields;
pub mod limits;
pub mod normalise;
pub mod parsed;
pub mod received;

#[cfg(test)]
mod torture_tests;
