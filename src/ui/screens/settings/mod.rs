//! The settings panel: accounts (with their live registration state), audio devices, network
//! and general preferences. It never touches files itself: Save returns a
//! [`SettingsRequest`] that the application carries out with the config store and the secret
//! store, then reports back with [`SettingsPanel::saved`], [`SettingsPanel::save_failed`] or
//! [`SettingsPanel::password_storage_unavailable`].
//!
//! What it needs to know about the machine it asks the engine: the sound devices come with
//! `Event::AudioDevices` ([`SettingsPanel::set_devices`]), and a trusted certificate is read
//! by the engine before an account that names one is saved (see `certificate.rs`).

mod audio_devices;
mod audio_test_view;
mod certificate;
pub mod codecs;
mod codecs_view;
pub mod form;
mod general_view;
mod messages;
mod network;
mod network_view;
mod registration;
mod ringing_view;
mod shortcuts_view;
mod sounds;
mod transport_view;
mod view;
mod voice_view;
mod words;

pub use audio_devices::{choices as device_choices, DeviceChoice};
pub use audio_test_view::AudioTestShown;
pub use codecs::CodecChange;
pub use form::{AccountForm, Field};
pub use messages::{AudioRole, Message, Section, SettingsRequest};
pub use registration::registration_text;
pub use sounds::{SoundChange, Volume};
pub use voice_view::VoiceChange;
use words::field_error_text;
pub use words::{account_title, keyed_text};

use super::Action;
use crate::config::secrets::Password;
use crate::config::{Account, AccountId, FieldError, Settings, Transport};
use crate::engine::api::{AudioDevice, RegistrationState};
use crate::ui::i18n::{tr, tr_args};
use std::collections::HashMap;

pub struct SettingsPanel {
    /// The settings as last saved (or loaded).
    settings: Settings,
    section: Section,
    registrations: HashMap<AccountId, RegistrationState>,
    form: Option<AccountForm>,
    confirm_delete: Option<AccountId>,
    /// Set when the Secret Service is missing: the user picks where the password goes.
    storage_choice: Option<String>,
    /// The config file could not be loaded: shown, and saving waits for a reset.
    load_error: Option<String>,
    confirm_reset: bool,
    /// The last save's failure, in words.
    status: Option<String>,
    /// The sound devices the engine last listed.
    inputs: Vec<audio_devices::DeviceChoice>,
    outputs: Vec<audio_devices::DeviceChoice>,
    sip_port: String,
    tls_port: String,
    /// The keep-alive interval in seconds as typed.
    keepalive: String,
    /// The name server as typed; empty for the system's.
    dns_server: String,
    network_errors: Vec<FieldError>,
    /// The General page's country for local numbers, as typed, and whether it was refused.
    country: String,
    country_refused: bool,
    /// The number of the last certificate check asked of the engine.
    certificate_requests: u64,
    /// A volume slider's value while it is dragged, until the save lands (`sounds.rs`).
    volume_draft: Option<(Volume, u8)>,
    /// The device test's progress, once one was asked for.
    audio_test: Option<AudioTestShown>,
    /// What the desktop last said about the global shortcuts.
    shortcuts_status: crate::desktop::global_shortcuts::ShortcutsStatus,
}

impl SettingsPanel {
    /// `load_error` is the config file's problem in words when it could not be loaded.
    /// `devices` may be empty: [`Self::set_devices`] fills them in when the engine answers.
    pub fn new(settings: Settings, devices: &[AudioDevice], load_error: Option<String>) -> Self {
        let mut panel = SettingsPanel {
            sip_port: settings.network.sip_port.to_string(),
            tls_port: settings.network.tls_port.to_string(),
            keepalive: settings.network.keepalive_seconds.to_string(),
            dns_server: dns_server_text(&settings),
            country: settings.general.default_country.clone().unwrap_or_default(),
            country_refused: false,
            settings,
            section: Section::Accounts,
            registrations: HashMap::new(),
            form: None,
            confirm_delete: None,
            storage_choice: None,
            load_error,
            confirm_reset: false,
            status: None,
            inputs: Vec::new(),
            outputs: Vec::new(),
            network_errors: Vec::new(),
            certificate_requests: 0,
            volume_draft: None,
            audio_test: None,
            shortcuts_status: Default::default(),
        };
        panel.set_devices(devices);
        panel
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn form(&self) -> Option<&AccountForm> {
        self.form.as_ref()
    }

    pub fn section(&self) -> Section {
        self.section
    }

    /// The question shown before deleting, if one is up.
    pub fn delete_question(&self) -> Option<String> {
        let id = self.confirm_delete?;
        let account = self.settings.account(id)?;
        Some(tr_args(
            "settings-delete-question",
            &[("account", &account_title(account))],
        ))
    }

    /// The message and choice shown when the Secret Service is missing.
    pub fn storage_choice_text(&self) -> Option<String> {
        self.storage_choice
            .as_ref()
            .map(|detail| tr_args("settings-storage-unavailable", &[("detail", detail)]))
    }

    pub fn load_error(&self) -> Option<&str> {
        self.load_error.as_deref()
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The message next to a form field, if the form is open and the field has a problem.
    pub fn field_error(&self, field: &str) -> Option<String> {
        self.form
            .as_ref()
            .and_then(|form| form.error(field))
            .map(field_error_text)
    }

    /// The message next to a network field.
    pub fn network_error(&self, field: &str) -> Option<String> {
        self.network_errors
            .iter()
            .find(|error| error.field == field)
            .map(field_error_text)
    }

    /// One line per account as the list shows it: name, then registration state.
    pub fn account_lines(&self) -> Vec<(String, String)> {
        self.settings
            .accounts
            .iter()
            .map(|account| {
                let state = self
                    .registrations
                    .get(&account.id)
                    .map(registration_text)
                    .unwrap_or_else(|| {
                        if account.enabled {
                            tr("settings-registration-unknown")
                        } else {
                            tr("settings-account-disabled")
                        }
                    });
                (account_title(account), state)
            })
            .collect()
    }

    /// The account's registration as the engine last reported it.
    pub fn registration(&self, account: AccountId) -> Option<&RegistrationState> {
        self.registrations.get(&account)
    }

    /// The engine reported an account's registration.
    pub fn set_registration(&mut self, account: AccountId, state: RegistrationState) {
        self.registrations.insert(account, state);
    }

    /// The application saved what the last request asked for.
    pub fn saved(&mut self, settings: Settings) {
        self.settings = settings;
        self.volume_draft = None;
        self.form = None;
        self.storage_choice = None;
        self.status = None;
        self.load_error = None;
        self.confirm_reset = false;
        self.sip_port = self.settings.network.sip_port.to_string();
        self.tls_port = self.settings.network.tls_port.to_string();
        self.keepalive = self.settings.network.keepalive_seconds.to_string();
        self.dns_server = dns_server_text(&self.settings);
        self.country = self
            .settings
            .general
            .default_country
            .clone()
            .unwrap_or_default();
        self.country_refused = false;
    }

    pub fn save_failed(&mut self, message: String) {
        self.status = Some(message);
    }

    /// No Secret Service: ask whether to type the password at each start or keep it in a file.
    pub fn password_storage_unavailable(&mut self, detail: String) {
        self.storage_choice = Some(detail);
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Section(section) => {
                self.section = section;
                Action::None
            }
            Message::Close => Action::Close,
            Message::AddAccount => {
                self.form = Some(AccountForm::new_account(&self.settings));
                self.storage_choice = None;
                Action::None
            }
            Message::EditAccount(id) => {
                if let Some(account) = self.settings.account(id) {
                    self.form = Some(AccountForm::edit(account));
                    self.storage_choice = None;
                }
                Action::None
            }
            Message::DeleteAccount(id) => {
                self.confirm_delete = Some(id);
                Action::None
            }
            Message::CancelDelete => {
                self.confirm_delete = None;
                Action::None
            }
            Message::ConfirmDelete => {
                let Some(id) = self.confirm_delete.take() else {
                    return Action::None;
                };
                let mut settings = self.settings.clone();
                let Some(removed) = settings.remove_account(id) else {
                    return Action::None;
                };
                self.registrations.remove(&id);
                Action::Settings(SettingsRequest::Save {
                    settings: Box::new(settings),
                    password: None,
                    forget: Some(Box::new(removed)),
                })
            }
            Message::ToggleEnabled(id, enabled) => self.change(|settings| {
                if let Some(account) = settings.account_mut(id) {
                    account.enabled = enabled;
                }
            }),
            Message::SetDefault(id) => self.change(|settings| settings.default_account = Some(id)),
            Message::EnterPassword(id) => match self.settings.account(id) {
                Some(_) => Action::AskPassword(id),
                None => Action::None,
            },
            Message::FieldChanged(field, value) => {
                if let Some(form) = &mut self.form {
                    form.set(field, value);
                }
                Action::None
            }
            Message::TransportPicked(transport) => {
                self.edit_form(|form| form.transport = transport)
            }
            Message::RegisterToggled(on) => self.edit_form(|form| form.register = on),
            Message::FormEnabledToggled(on) => self.edit_form(|form| form.enabled = on),
            Message::Codec(change) => self.edit_form(|form| form.change_codecs(change)),
            Message::CancelForm => {
                self.form = None;
                self.storage_choice = None;
                Action::None
            }
            Message::SaveAccount => self.save_form(),
            Message::ChooseStorage(storage) => {
                if let Some(form) = &mut self.form {
                    form.set_password_storage(storage);
                }
                self.storage_choice = None;
                self.save_form()
            }
            Message::DevicePicked(role, choice) => self.change(|settings| {
                let chosen = choice.name;
                let slot = match role {
                    AudioRole::Input => &mut settings.audio.input,
                    AudioRole::Output => &mut settings.audio.output,
                    AudioRole::Ringer => &mut settings.audio.ringer,
                };
                *slot = chosen;
            }),
            Message::SipPortChanged(text) => {
                self.sip_port = text;
                Action::None
            }
            Message::TlsPortChanged(text) => {
                self.tls_port = text;
                Action::None
            }
            Message::KeepaliveChanged(text) => {
                self.keepalive = text;
                self.network_errors
                    .retain(|error| error.field != network::KEEPALIVE_FIELD);
                Action::None
            }
            Message::DnsServerChanged(text) => {
                self.dns_server = text;
                self.network_errors
                    .retain(|error| error.field != network::DNS_SERVER_FIELD);
                Action::None
            }
            Message::TransportFlag(transport, on) => {
                let mut settings = self.settings.clone();
                let flags = &mut settings.network.transports;
                match transport {
                    Transport::Udp => flags.udp = on,
                    Transport::Tcp => flags.tcp = on,
                    Transport::Tls => flags.tls = on,
                    // Not a listening transport; the panel has no flag for it.
                    Transport::Auto => {}
                }
                self.save_network(settings)
            }
            Message::SaveNetwork => self.save_network(self.settings.clone()),
            Message::AutoAnswer(on) => self.change(|s| s.general.auto_answer = on),
            Message::StartMinimised(on) => self.change(|s| s.general.start_minimised = on),
            Message::CloseToTray(on) => self.change(|s| s.general.close_to_tray = on),
            Message::Autostart(on) => self.change(|s| s.general.autostart = on),
            Message::DoNotDisturb(on) => self.change(|s| s.general.do_not_disturb = on),
            Message::GlobalShortcuts(on) => self.change(|s| s.general.global_shortcuts = on),
            Message::AllowDirectCalls(on) => self.change(|s| s.general.allow_direct_calls = on),
            Message::RingTimeoutPicked(secs) => {
                self.change(|s| s.general.ring_timeout_seconds = secs)
            }
            Message::LanguagePicked(language) => self.change(|s| s.general.language = language),
            Message::CountryChanged(text) => {
                self.country = text;
                self.country_refused = false;
                Action::None
            }
            Message::SaveCountry => self.save_country(),
            Message::ThemePicked(theme) => self.change(|s| s.general.theme = theme),
            Message::Sound(change) => self.change_sound(change),
            Message::Voice(change) => self.change_voice(change),
            Message::AudioTest(test) => self.start_audio_test(test),
            Message::AskReset => {
                self.confirm_reset = true;
                Action::None
            }
            Message::CancelReset => {
                self.confirm_reset = false;
                Action::None
            }
            Message::ConfirmReset => {
                self.confirm_reset = false;
                Action::Settings(SettingsRequest::Reset)
            }
        }
    }

    pub(super) fn change(&mut self, edit: impl FnOnce(&mut Settings)) -> Action {
        let mut settings = self.settings.clone();
        edit(&mut settings);
        save(settings, None)
    }

    fn edit_form(&mut self, edit: impl FnOnce(&mut AccountForm)) -> Action {
        if let Some(form) = &mut self.form {
            edit(form);
        }
        Action::None
    }

    /// Saves the form, or first asks the engine whether its trusted certificate is usable:
    /// the save then waits for [`Self::certificate_checked`].
    fn save_form(&mut self) -> Action {
        let Some(form) = &mut self.form else {
            return Action::None;
        };
        let Some((account, password)) = form.check(&self.settings) else {
            log_field_errors(&form.errors);
            return Action::None;
        };
        if let Some(question) = self.certificate_question(&account) {
            return question;
        }
        let mut settings = self.settings.clone();
        match settings.account_mut(account.id) {
            Some(existing) => *existing = account.clone(),
            None => settings.accounts.push(account.clone()),
        }
        if settings.default_account.is_none() {
            settings.default_account = Some(account.id);
        }
        save(settings, password.map(|password| (account, password)))
    }
}

/// Says in the log what the panel shows next to each field, so the state a user sees can
/// be followed without a screen (the GUI tests read it).
fn log_field_errors(errors: &[FieldError]) {
    for error in errors {
        tracing::info!("settings: {}: {}", error.field, field_error_text(error));
    }
}

fn save(settings: Settings, password: Option<(Account, Password)>) -> Action {
    Action::Settings(SettingsRequest::Save {
        settings: Box::new(settings),
        password: password.map(Box::new),
        forget: None,
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_transport;

/// The name server as the Network page shows it: empty means the system's.
fn dns_server_text(settings: &Settings) -> String {
    settings
        .network
        .dns_server
        .map(|server| server.to_string())
        .unwrap_or_default()
}
