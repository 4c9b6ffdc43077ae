//! The account form's trusted-certificate check: the file must hold a certificate the TLS
//! connector can use.
//!
//! The check lives here, in the face, rather than in `src/config`: the config layer is data and
//! already refuses a path that is not a file (so headless and hand-edited files get that much),
//! but deciding whether the bytes are a usable certificate is the TLS connector's job. Asking
//! the connector itself (the one the engine builds for the account) means the panel accepts
//! exactly what a connection will accept, with no second PEM parser to drift from it.

use super::form::Field;
use crate::config::FieldError;
use crate::engine::transport::tls::{TlsConnector, TlsError};
use std::path::Path;

/// The problem with the trusted certificate at `path`, worded for the form, if it has one.
/// Reads the file (and, once per process, the system CA roots), so call it on Save only.
pub(super) fn check_trusted_certificate(path: &Path) -> Option<FieldError> {
    let error = TlsConnector::new(Some(path)).err()?;
    // The Fluent messages for these codes say what is wrong; `detail` carries the specifics.
    // Anything else falls back to the connector's own sentence.
    let detail = match &error {
        TlsError::ReadTrustedCertificate { reason, .. } => reason.clone(),
        TlsError::NoPemCertificate { path } => path.display().to_string(),
        TlsError::BadTrustedCertificate { reason, .. } => reason.clone(),
        other => other.to_string(),
    };
    Some(FieldError {
        field: Field::TrustedCertificate.config_name(),
        key: error.code(),
        detail,
    })
}
