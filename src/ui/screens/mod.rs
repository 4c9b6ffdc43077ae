//! One file per screen. Each screen is a plain struct with its own `Message`, `update` and
//! `view`; `update` returns an [`Action`] instead of doing anything itself, so every screen can
//! be driven in a unit test without a window or an engine.

pub mod dialer;
pub mod ended;
pub mod in_call;
pub mod incoming;
pub mod keypad;
pub mod password_prompt;
pub mod settings;

use crate::engine::api::Command;
use std::time::Duration;

/// What a screen asks the application to do after handling a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Nothing beyond the screen's own state change.
    None,
    /// Send this command to the engine.
    Engine(Command),
    /// Leave this screen and go back to the dialer.
    Close,
    /// Save or reset the settings (the settings panel).
    Settings(settings::SettingsRequest),
    /// Ask the user for this account's password ("ask at each start").
    AskPassword(crate::config::AccountId),
}

/// `m:ss` for calls under an hour, `h:mm:ss` after that.
pub fn format_duration(duration: Duration) -> String {
    crate::ui::i18n::format_duration(duration.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_clock() {
        assert_eq!(format_duration(Duration::ZERO), "0:00");
        assert_eq!(format_duration(Duration::from_millis(59_999)), "0:59");
        assert_eq!(format_duration(Duration::from_secs(61)), "1:01");
        assert_eq!(format_duration(Duration::from_secs(3599)), "59:59");
        assert_eq!(format_duration(Duration::from_secs(3661)), "1:01:01");
    }
}
