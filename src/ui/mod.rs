//! The iced face. PLACEHOLDER until the GUI lands.

use crate::audio::AudioBackend;
use std::net::SocketAddr;

/// What the window needs to start.
#[derive(Debug, Clone)]
pub struct GuiOptions {
    pub listen: SocketAddr,
    pub audio: AudioBackend,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct GuiError(String);

pub fn run(options: GuiOptions) -> Result<(), GuiError> {
    let _ = options;
    Err(GuiError("the window is not built yet".to_owned()))
}
