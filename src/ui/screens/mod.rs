//! One file per screen. Each screen is a plain struct with its own `Message`, `update` and
//! `view`; `update` returns an [`Action`] instead of doing anything itself, so every screen can
//! be driven in a unit test without a window or an engine.

pub mod account_choice;
pub mod avatar;
pub mod call_devices;
pub mod contact_editor;
pub mod contact_page;
pub mod contact_words;
pub mod contacts;
pub mod dial_pad;
pub mod ended;
pub mod history;
pub mod in_call;
pub mod incoming;
pub mod keypad;
pub mod password_prompt;
pub mod row_window;
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
    /// Show another page of the window.
    Navigate(Destination),
    /// Change the user's contacts.
    Contacts(ContactRequest),
    /// Read or change the call history.
    History(HistoryRequest),
}

/// A page a screen can send the user to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Contacts,
    Contact(String),
    /// A new contact, with this number or address filled in.
    NewContact(Option<String>),
    EditContact(String),
}

/// What a screen asks of the contacts on disk.
#[derive(Debug, Clone, PartialEq)]
pub enum ContactRequest {
    Save(Box<crate::contacts::Contact>),
    Delete(String),
    /// Write one contact (by uid), or all of them, to a new .vcf file.
    Export(Option<String>),
}

/// What a screen asks of the call history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryRequest {
    /// Read the entries again (the filter changed).
    Reload,
    Delete(crate::history::EntryId),
    Clear,
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
