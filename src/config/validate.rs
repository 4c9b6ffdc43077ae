//! Checks a form runs before accepting an account or settings: each problem names the field it
//! belongs to, so the settings panel can show it next to that field.

use super::account::{Account, AccountId, DEFAULT_CODECS};
use super::address::{check_host_port, check_proxy_uri};
use super::settings::Settings;
use std::ops::RangeInclusive;

/// Expiry values a registrar can reasonably be asked for, in seconds.
pub const EXPIRES_RANGE: RangeInclusive<u32> = 60..=86_400;

/// Keep-alive intervals accepted, in seconds (0 is off): more than an hour keeps no NAT open.
pub const KEEPALIVE_RANGE: RangeInclusive<u32> = 0..=3600;

/// Longest display name accepted, in characters.
pub const MAX_DISPLAY_NAME: usize = 128;

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as in the config file, e.g. `domain` or `network.sip_port`.
    pub field: &'static str,
    /// A stable i18n message key, e.g. `config.account.domain.invalid`.
    pub key: &'static str,
    /// Specifics for the message (the offending value or the reason), in plain English.
    pub detail: String,
}

impl FieldError {
    fn new(field: &'static str, key: &'static str, detail: impl Into<String>) -> Self {
        FieldError {
            field,
            key,
            detail: detail.into(),
        }
    }
}

/// A problem found in the whole settings, with the account it concerns, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub account: Option<AccountId>,
    pub error: FieldError,
}

impl Account {
    /// Checks this account on its own (not against other accounts; see
    /// [`Settings::validate_account`]). Empty when the account is fine.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_display_name(&self.display_name, &mut errors);
        check_user("user", &self.user, &mut errors);
        if self.domain.trim().is_empty() {
            errors.push(FieldError::new("domain", "config.account.domain.empty", ""));
        } else if let Err(detail) = check_host_port(&self.domain) {
            errors.push(FieldError::new(
                "domain",
                "config.account.domain.invalid",
                detail,
            ));
        }
        if let Some(auth_user) = &self.auth_user {
            check_user("auth_user", auth_user, &mut errors);
        }
        if let Some(proxy) = &self.outbound_proxy {
            if let Err(detail) = check_proxy_uri(proxy) {
                errors.push(FieldError::new(
                    "outbound_proxy",
                    "config.account.outbound_proxy.invalid",
                    detail,
                ));
            }
        }
        if !EXPIRES_RANGE.contains(&self.expires) {
            errors.push(FieldError::new(
                "expires",
                "config.account.expires.out_of_range",
                format!(
                    "{} is not between {} and {} seconds",
                    self.expires,
                    EXPIRES_RANGE.start(),
                    EXPIRES_RANGE.end()
                ),
            ));
        }
        check_codecs(&self.codecs, &mut errors);
        if let Some(path) = &self.trusted_certificate {
            if path.as_os_str().is_empty() {
                errors.push(FieldError::new(
                    "trusted_certificate",
                    "config.account.trusted_certificate.empty",
                    "",
                ));
            } else if !path.is_file() {
                errors.push(FieldError::new(
                    "trusted_certificate",
                    "config.account.trusted_certificate.missing",
                    path.display().to_string(),
                ));
            }
        }
        errors
    }
}

fn check_display_name(name: &str, errors: &mut Vec<FieldError>) {
    // A line break here would end up inside the From header.
    if name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "display_name",
            "config.account.display_name.control_character",
            "",
        ));
    }
    if name.chars().count() > MAX_DISPLAY_NAME {
        errors.push(FieldError::new(
            "display_name",
            "config.account.display_name.too_long",
            format!("at most {MAX_DISPLAY_NAME} characters"),
        ));
    }
}

fn check_user(field: &'static str, user: &str, errors: &mut Vec<FieldError>) {
    if user.trim().is_empty() {
        errors.push(FieldError::new(field, "config.account.user.empty", ""));
    } else if user
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '@' | ':' | '<' | '>'))
    {
        errors.push(FieldError::new(
            field,
            "config.account.user.invalid_character",
            "spaces and @ : < > are not allowed",
        ));
    }
}

fn check_codecs(codecs: &[String], errors: &mut Vec<FieldError>) {
    if codecs.is_empty() {
        errors.push(FieldError::new("codecs", "config.account.codecs.empty", ""));
    }
    for (index, codec) in codecs.iter().enumerate() {
        if !DEFAULT_CODECS.iter().any(|c| c.eq_ignore_ascii_case(codec)) {
            errors.push(FieldError::new(
                "codecs",
                "config.account.codecs.unknown",
                codec.clone(),
            ));
        } else if codecs
            .iter()
            .take(index)
            .any(|earlier| earlier.eq_ignore_ascii_case(codec))
        {
            errors.push(FieldError::new(
                "codecs",
                "config.account.codecs.duplicate",
                codec.clone(),
            ));
        }
    }
}

impl Settings {
    /// Checks an account as the form would before saving it into these settings: its own
    /// fields, that no other account has the same user at the same domain, and that its
    /// transport is enabled. `account.id` identifies the account being edited (if it already
    /// exists, it is not compared with itself).
    pub fn validate_account(&self, account: &Account) -> Vec<FieldError> {
        let mut errors = account.validate();
        let duplicate = self.accounts.iter().any(|other| {
            other.id != account.id
                && other.user == account.user
                && other.domain.eq_ignore_ascii_case(&account.domain)
        });
        if duplicate {
            errors.push(FieldError::new(
                "user",
                "config.account.duplicate",
                format!("{}@{}", account.user, account.domain),
            ));
        }
        if !self.network.transports.enabled(account.transport) {
            errors.push(FieldError::new(
                "transport",
                "config.account.transport.disabled",
                account.transport.as_str(),
            ));
        }
        errors
    }

    /// Checks everything: each account (including duplicate ids), the default account, and
    /// the network settings.
    pub fn validate(&self) -> Vec<SettingsError> {
        let mut found = Vec::new();
        for (index, account) in self.accounts.iter().enumerate() {
            let id_taken = self.accounts.iter().take(index).any(|a| a.id == account.id);
            if id_taken {
                found.push(SettingsError {
                    account: Some(account.id),
                    error: FieldError::new(
                        "id",
                        "config.account.id.duplicate",
                        account.id.to_string(),
                    ),
                });
            }
            found.extend(
                self.validate_account(account)
                    .into_iter()
                    .map(|error| SettingsError {
                        account: Some(account.id),
                        error,
                    }),
            );
        }
        let general = |error| SettingsError {
            account: None,
            error,
        };
        if let Some(id) = self.default_account {
            if self.account(id).is_none() {
                found.push(general(FieldError::new(
                    "default_account",
                    "config.default_account.unknown",
                    id.to_string(),
                )));
            }
        }
        let network = &self.network;
        let flags = network.transports;
        if !flags.udp && !flags.tcp && !flags.tls {
            found.push(general(FieldError::new(
                "network.transports",
                "config.network.transports.none",
                "",
            )));
        }
        if flags.tcp && flags.tls && network.sip_port != 0 && network.sip_port == network.tls_port {
            found.push(general(FieldError::new(
                "network.tls_port",
                "config.network.tls_port.same_as_sip_port",
                network.tls_port.to_string(),
            )));
        }
        if !KEEPALIVE_RANGE.contains(&network.keepalive_seconds) {
            found.push(general(FieldError::new(
                "network.keepalive_seconds",
                "config.network.keepalive_seconds.out_of_range",
                format!(
                    "{} is more than {} seconds",
                    network.keepalive_seconds,
                    KEEPALIVE_RANGE.end()
                ),
            )));
        }
        if let Some(country) = &self.general.default_country {
            let is_iso_code =
                country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic());
            if !is_iso_code {
                found.push(general(FieldError::new(
                    "general.default_country",
                    "config.general.default_country.invalid",
                    country.clone(),
                )));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests;
