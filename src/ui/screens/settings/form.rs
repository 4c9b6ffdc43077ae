//! The account form: what the user typed, kept as text until Save turns it into an
//! [`Account`] and the config's own validation says what is wrong next to each field.

use super::certificate::CertificateCheck;
use super::codecs::{CodecChange, CodecList, CODECS_FIELD};
use crate::config::secrets::Password;
use crate::config::{Account, FieldError, PasswordStorage, Settings, Transport};
use std::path::PathBuf;

/// The text fields of the form, in the order Tab moves through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    DisplayName,
    User,
    Domain,
    AuthUser,
    Password,
    OutboundProxy,
    Expires,
    /// A PEM file trusted for the account's TLS server; last, so the others keep their Tab
    /// places, and shown only where TLS may be used (see [`AccountForm::shows`]).
    TrustedCertificate,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::DisplayName,
        Field::User,
        Field::Domain,
        Field::AuthUser,
        Field::Password,
        Field::OutboundProxy,
        Field::Expires,
        Field::TrustedCertificate,
    ];

    /// The field's name as `FieldError::field` spells it.
    pub fn config_name(self) -> &'static str {
        match self {
            Field::DisplayName => "display_name",
            Field::User => "user",
            Field::Domain => "domain",
            Field::AuthUser => "auth_user",
            Field::Password => "password",
            Field::OutboundProxy => "outbound_proxy",
            Field::Expires => "expires",
            Field::TrustedCertificate => "trusted_certificate",
        }
    }

    /// The i18n key of the field's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Field::DisplayName => "settings-account-display-name",
            Field::User => "settings-account-user",
            Field::Domain => "settings-account-domain",
            Field::AuthUser => "settings-account-auth-user",
            Field::Password => "settings-account-password",
            Field::OutboundProxy => "settings-account-proxy",
            Field::Expires => "settings-account-expires",
            Field::TrustedCertificate => "settings-account-trusted-certificate",
        }
    }

    /// The widget id, so the panel can focus the first field when the form opens.
    pub fn widget_id(self) -> &'static str {
        match self {
            Field::DisplayName => "account-display-name",
            Field::User => "account-user",
            Field::Domain => "account-domain",
            Field::AuthUser => "account-auth-user",
            Field::Password => "account-password",
            Field::OutboundProxy => "account-proxy",
            Field::Expires => "account-expires",
            Field::TrustedCertificate => "account-trusted-certificate",
        }
    }
}

/// One account being added or edited.
#[derive(Debug, Clone)]
pub struct AccountForm {
    /// The account as it was (or a fresh one); fields the form does not show are kept.
    base: Account,
    pub is_new: bool,
    pub display_name: String,
    pub user: String,
    pub domain: String,
    pub auth_user: String,
    pub password: String,
    pub outbound_proxy: String,
    pub expires: String,
    /// The trusted certificate's path as typed; empty means none.
    pub trusted_certificate: String,
    pub transport: Transport,
    pub register: bool,
    pub enabled: bool,
    /// Every supported codec in the account's order, each on or off.
    pub codecs: CodecList,
    pub errors: Vec<FieldError>,
    /// The engine's check of the trusted certificate, which Save waits for.
    pub(super) certificate: CertificateCheck,
}

impl AccountForm {
    pub fn new_account(settings: &Settings) -> AccountForm {
        let mut form = AccountForm::edit(&Account {
            id: settings.next_account_id(),
            ..Account::default()
        });
        form.is_new = true;
        form
    }

    pub fn edit(account: &Account) -> AccountForm {
        AccountForm {
            base: account.clone(),
            is_new: false,
            display_name: account.display_name.clone(),
            user: account.user.clone(),
            domain: account.domain.clone(),
            auth_user: account.auth_user.clone().unwrap_or_default(),
            password: String::new(),
            outbound_proxy: account.outbound_proxy.clone().unwrap_or_default(),
            expires: account.expires.to_string(),
            trusted_certificate: account
                .trusted_certificate
                .as_ref()
                .map(|path| path.display().to_string())
                .unwrap_or_default(),
            transport: account.transport,
            register: account.register,
            enabled: account.enabled,
            codecs: CodecList::from_account(&account.codecs),
            errors: Vec::new(),
            certificate: CertificateCheck::NotAsked,
        }
    }

    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::DisplayName => &self.display_name,
            Field::User => &self.user,
            Field::Domain => &self.domain,
            Field::AuthUser => &self.auth_user,
            Field::Password => &self.password,
            Field::OutboundProxy => &self.outbound_proxy,
            Field::Expires => &self.expires,
            Field::TrustedCertificate => &self.trusted_certificate,
        }
    }

    pub fn set(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::DisplayName => &mut self.display_name,
            Field::User => &mut self.user,
            Field::Domain => &mut self.domain,
            Field::AuthUser => &mut self.auth_user,
            Field::Password => &mut self.password,
            Field::OutboundProxy => &mut self.outbound_proxy,
            Field::Expires => &mut self.expires,
            Field::TrustedCertificate => &mut self.trusted_certificate,
        };
        *slot = value;
        // The user is fixing this field: its old complaint no longer applies.
        let name = field.config_name();
        self.errors.retain(|error| error.field != name);
        if field == Field::TrustedCertificate {
            // A check of the old path no longer says anything about this one.
            self.certificate = CertificateCheck::NotAsked;
        }
    }

    /// Whether the form shows `field`: the trusted certificate only matters for TLS, so it is
    /// hidden for plain UDP and TCP accounts unless one is set (a set path stays visible, so
    /// its error can never sit behind a hidden field).
    pub fn shows(&self, field: Field) -> bool {
        match field {
            Field::TrustedCertificate => {
                !matches!(self.transport, Transport::Udp | Transport::Tcp)
                    || !self.trusted_certificate.trim().is_empty()
            }
            _ => true,
        }
    }

    /// The typed certificate path: empty is none; the path as loaded is kept as it was (a
    /// path that is not UTF-8 would not survive a round trip through the text).
    fn trusted_certificate_path(&self) -> Option<PathBuf> {
        let typed = self.trusted_certificate.trim();
        if typed.is_empty() {
            return None;
        }
        match &self.base.trusted_certificate {
            Some(loaded) if loaded.display().to_string() == typed => Some(loaded.clone()),
            _ => Some(PathBuf::from(typed)),
        }
    }

    /// Reorder or switch a codec; switching off the last one says at once that one must stay.
    pub fn change_codecs(&mut self, change: CodecChange) {
        self.codecs.change(change);
        self.errors.retain(|error| error.field != CODECS_FIELD);
        self.errors.extend(self.codecs.error());
    }

    pub fn set_password_storage(&mut self, storage: PasswordStorage) {
        self.base.password_storage = storage;
    }

    pub fn password_storage(&self) -> PasswordStorage {
        self.base.password_storage
    }

    /// The first error about `field`, if any.
    pub fn error(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|error| error.field == field)
    }

    /// The account and (if one was typed) its password, or the errors to show by the fields.
    pub fn check(&mut self, settings: &Settings) -> Option<(Account, Option<Password>)> {
        let trimmed = |text: &str| {
            let text = text.trim();
            (!text.is_empty()).then(|| text.to_owned())
        };
        let mut account = self.base.clone();
        account.display_name = self.display_name.trim().to_owned();
        account.user = self.user.trim().to_owned();
        account.domain = self.domain.trim().to_owned();
        account.auth_user = trimmed(&self.auth_user);
        account.outbound_proxy = trimmed(&self.outbound_proxy);
        account.transport = self.transport;
        account.register = self.register;
        account.enabled = self.enabled;
        account.codecs = self.codecs.enabled_names();
        account.trusted_certificate = self.trusted_certificate_path();
        let mut errors = Vec::new();
        match self.expires.trim().parse::<u32>() {
            Ok(expires) => account.expires = expires,
            Err(_) => errors.push(FieldError {
                field: "expires",
                key: "settings.expires.not_a_number",
                detail: self.expires.trim().to_owned(),
            }),
        }
        // The config only checks that a certificate file exists; whether the TLS connector
        // can use it, the engine says before the panel saves (see `certificate.rs`).
        errors.extend(settings.validate_account(&account));
        if errors.is_empty() {
            self.errors.clear();
            let password = (!self.password.is_empty()).then(|| Password::new(&*self.password));
            Some((account, password))
        } else {
            self.errors = errors;
            None
        }
    }
}
