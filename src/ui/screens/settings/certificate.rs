//! The account form's trusted-certificate check: the file must hold a certificate the TLS
//! connector can use.
//!
//! The config layer only refuses a path that is not a file; whether the bytes are a usable
//! certificate is the TLS connector's call, and the connector is the engine's. So Save asks
//! the engine (`Command::CheckCertificate`) and the save waits for its answer
//! (`Event::CertificateChecked`): meanwhile the field says the file is being checked, a refusal
//! is said below the field like any other problem, and a usable file lets the save go ahead.
//! Each answer serves the one Save that asked for it: the next Save asks again, since the
//! file may have changed in between.

use super::form::Field;
use super::{log_field_errors, Action, SettingsPanel};
use crate::config::{Account, FieldError};
use crate::engine::api::{CertificateOutcome, Command};
use std::path::{Path, PathBuf};

/// Where the open form's certificate check stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CertificateCheck {
    /// Nothing asked, or the answer was used: Save asks.
    #[default]
    NotAsked,
    /// Save asked the engine about `path` as question `request`; saving waits for the answer.
    Asked { request: u64, path: PathBuf },
    /// The engine found `path` usable in answer to the last Save.
    Usable(PathBuf),
}

impl CertificateCheck {
    /// Whether the engine has just found `path` usable; the answer is used up either way.
    fn take_usable(&mut self, path: &Path) -> bool {
        matches!(std::mem::take(self), CertificateCheck::Usable(usable) if usable == path)
    }

    /// The path asked about, if `request` is the question still waiting; it waits no more.
    fn answered(&mut self, request: u64) -> Option<PathBuf> {
        match std::mem::take(self) {
            CertificateCheck::Asked {
                request: asked,
                path,
            } if asked == request => Some(path),
            other => {
                *self = other;
                None
            }
        }
    }
}

/// The refusal codes the Fluent file has words for; others are told in the engine's sentence.
const WORDED_CODES: [&str; 3] = [
    "tls.read_trusted_certificate",
    "tls.no_pem_certificate",
    "tls.bad_trusted_certificate",
];

impl SettingsPanel {
    /// Before `account` is saved: the question for the engine, unless it has just found the
    /// account's certificate usable (or the account names none).
    pub(super) fn certificate_question(&mut self, account: &Account) -> Option<Action> {
        let path = account.trusted_certificate.as_ref()?;
        let form = self.form.as_mut()?;
        if form.certificate.take_usable(path) {
            return None;
        }
        self.certificate_requests += 1;
        let request = self.certificate_requests;
        form.certificate = CertificateCheck::Asked {
            request,
            path: path.clone(),
        };
        Some(Action::Engine(Command::CheckCertificate {
            path: path.clone(),
            request,
        }))
    }

    /// The engine's answer to a certificate check: a usable file lets the waiting save go
    /// ahead, a refused one is said below the field. An answer to an older question (the
    /// path was retyped, or Save pressed again since) changes nothing.
    pub fn certificate_checked(&mut self, request: u64, outcome: CertificateOutcome) -> Action {
        let Some(form) = &mut self.form else {
            return Action::None;
        };
        let Some(path) = form.certificate.answered(request) else {
            return Action::None;
        };
        match outcome {
            CertificateOutcome::Usable => {
                form.certificate = CertificateCheck::Usable(path);
                self.save_form()
            }
            CertificateOutcome::Refused { code, detail } => {
                form.errors.push(refusal(&code, detail));
                log_field_errors(&form.errors);
                Action::None
            }
        }
    }

    /// The check asked as `request` will get no answer: the phone is not running.
    pub fn certificate_not_checked(&mut self, request: u64) {
        let Some(form) = &mut self.form else {
            return;
        };
        if form.certificate.answered(request).is_some() {
            form.errors.push(FieldError {
                field: Field::TrustedCertificate.config_name(),
                key: "settings.certificate.not_checked",
                detail: String::new(),
            });
            log_field_errors(&form.errors);
        }
    }

    /// Whether Save waits for the engine to check the certificate.
    pub fn checking_certificate(&self) -> bool {
        self.form
            .as_ref()
            .is_some_and(|form| matches!(form.certificate, CertificateCheck::Asked { .. }))
    }
}

/// The engine's refusal as the message below the field.
fn refusal(code: &str, detail: String) -> FieldError {
    let key = WORDED_CODES
        .iter()
        .find(|worded| **worded == code)
        .copied()
        .unwrap_or("settings.error.generic");
    FieldError {
        field: Field::TrustedCertificate.config_name(),
        key,
        detail,
    }
}
