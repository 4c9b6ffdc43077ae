//! What a face needs to start an engine and hold on to it: the configuration (with the
//! audio backend the engine's calls use), the accounts to register at once, and the handle
//! its Commands go into and its Events come out of.
//!
//! Faces import these from here, never from the engine's inner modules, so that the engine
//! can change inside without any face noticing (`tests/ring_purity.rs` holds them to it).

pub use crate::audio::AudioBackend;
pub use crate::engine::accounts::AccountSetup;
pub use crate::engine::{start, start_with_accounts, EngineConfig, EngineError, EngineHandle};
