//! What the settings panel hears and says: its messages (clicks and typing), its sections,
//! and the requests it hands the application for the disk.

use super::codecs::CodecChange;
use super::form::Field;
use crate::config::secrets::Password;
use crate::config::{Account, AccountId, PasswordStorage, Settings, Transport};

/// The panel's sections, shown as tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Accounts,
    Audio,
    Network,
    General,
}

/// Which audio device setting a pick list changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioRole {
    Input,
    Output,
    Ringer,
}

/// What the panel asks the application to do with the disk.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsRequest {
    /// Store `password` for `account` (when given), then save `settings` and apply them.
    Save {
        settings: Box<Settings>,
        password: Option<Box<(Account, Password)>>,
        /// A deleted account whose password is to be removed from every store.
        forget: Option<Box<Account>>,
    },
    /// The user confirmed: replace an unreadable config file with the defaults.
    Reset,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Section(Section),
    Close,
    AddAccount,
    EditAccount(AccountId),
    DeleteAccount(AccountId),
    ConfirmDelete,
    CancelDelete,
    ToggleEnabled(AccountId, bool),
    SetDefault(AccountId),
    /// Type the password of an "ask at each start" account (again, e.g. after a wrong one).
    EnterPassword(AccountId),
    FieldChanged(Field, String),
    TransportPicked(Transport),
    RegisterToggled(bool),
    FormEnabledToggled(bool),
    Codec(CodecChange),
    SaveAccount,
    CancelForm,
    ChooseStorage(PasswordStorage),
    DevicePicked(AudioRole, super::audio_devices::DeviceChoice),
    SipPortChanged(String),
    TlsPortChanged(String),
    TransportFlag(Transport, bool),
    KeepaliveChanged(String),
    DnsServerChanged(String),
    SaveNetwork,
    AutoAnswer(bool),
    StartMinimised(bool),
    CloseToTray(bool),
    Autostart(bool),
    DoNotDisturb(bool),
    /// Answer, hang up and mute through the desktop's global shortcuts.
    GlobalShortcuts(bool),
    AllowDirectCalls(bool),
    RingTimeoutPicked(u32),
    /// A language code from the picker; `None`: follow the desktop.
    LanguagePicked(Option<String>),
    /// The country for local numbers, as typed.
    CountryChanged(String),
    SaveCountry,
    ThemePicked(crate::config::ThemeChoice),
    AskReset,
    ConfirmReset,
    CancelReset,
    /// The Audio page's volumes and ringing choices (`sounds.rs`).
    Sound(super::SoundChange),
    /// Echo cancellation, noise suppression or gain control switched.
    Voice(super::VoiceChange),
    /// Try the chosen devices.
    AudioTest(crate::engine::api::AudioTestKind),
}
