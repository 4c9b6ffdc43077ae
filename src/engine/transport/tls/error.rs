//! What can go wrong setting up SIP over TLS, said so that the user knows what to fix.

use std::io;
use std::path::{Path, PathBuf};

use rustls::pki_types::ServerName;
use rustls::{AlertDescription, CertificateError};

use super::calendar::civil_date;

/// A failure to set up, or to complete, a TLS connection to a SIP server.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TlsError {
    #[error("cannot read the trusted certificate {}: {reason}", path.display())]
    ReadTrustedCertificate { path: PathBuf, reason: String },
    #[error(
        "the trusted certificate file {} holds no PEM certificate \
         (expected a -----BEGIN CERTIFICATE----- block)",
        path.display()
    )]
    NoPemCertificate { path: PathBuf },
    #[error("the trusted certificate file {} is not a valid PEM certificate: {reason}", path.display())]
    BadTrustedCertificate { path: PathBuf, reason: String },
    #[error("'{name}' is not a valid server name or IP address for TLS")]
    InvalidServerName { name: String },
    #[error(
        "the server's certificate is not trusted (self-signed?) — \
         add it as this account's trusted certificate"
    )]
    NotTrusted,
    #[error(
        "the certificate is for another name ({presented}), not for {expected} — \
         check the server address in the account"
    )]
    WrongName { expected: String, presented: String },
    #[error("the certificate has expired{}", since(*not_after))]
    Expired { not_after: Option<u64> },
    #[error("the certificate is not valid yet — check this computer's clock")]
    NotYetValid,
    #[error(
        "the server's signature does not match its certificate — \
         the connection may have been intercepted"
    )]
    BadSignature,
    #[error("the certificate has been revoked by its issuer")]
    Revoked,
    #[error("the server refused our TLS connection ({alert})")]
    RefusedByServer { alert: String },
    #[error("TLS handshake failed: {reason}")]
    Handshake { reason: String },
}

impl TlsError {
    /// A stable code for events and translations (`tls.not_trusted`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            TlsError::ReadTrustedCertificate { .. } => "tls.read_trusted_certificate",
            TlsError::NoPemCertificate { .. } => "tls.no_pem_certificate",
            TlsError::BadTrustedCertificate { .. } => "tls.bad_trusted_certificate",
            TlsError::InvalidServerName { .. } => "tls.invalid_server_name",
            TlsError::NotTrusted => "tls.not_trusted",
            TlsError::WrongName { .. } => "tls.wrong_name",
            TlsError::Expired { .. } => "tls.expired",
            TlsError::NotYetValid => "tls.not_yet_valid",
            TlsError::BadSignature => "tls.bad_signature",
            TlsError::Revoked => "tls.revoked",
            TlsError::RefusedByServer { .. } => "tls.refused_by_server",
            TlsError::Handshake { .. } => "tls.handshake",
        }
    }

    pub(crate) fn read_trusted(path: &Path, error: &io::Error) -> TlsError {
        TlsError::ReadTrustedCertificate {
            path: path.to_path_buf(),
            reason: error.to_string(),
        }
    }

    /// Explains a failed handshake. tokio-rustls hands rustls errors back wrapped in an
    /// `io::Error`; anything else is a plain network failure during the handshake.
    pub(crate) fn from_handshake(error: io::Error) -> TlsError {
        match error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            Some(rustls_error) => TlsError::from_rustls(rustls_error),
            None => TlsError::Handshake {
                reason: if error.kind() == io::ErrorKind::UnexpectedEof {
                    format!("the server closed the connection — {NOT_A_TLS_PORT}")
                } else {
                    error.to_string()
                },
            },
        }
    }

    pub(crate) fn from_rustls(error: &rustls::Error) -> TlsError {
        match error {
            rustls::Error::InvalidCertificate(certificate) => from_certificate_error(certificate),
            rustls::Error::AlertReceived(alert) => TlsError::RefusedByServer {
                alert: describe_alert(*alert),
            },
            rustls::Error::InvalidMessage(_) => TlsError::Handshake {
                reason: format!("the server does not speak TLS — {NOT_A_TLS_PORT}"),
            },
            other => TlsError::Handshake {
                reason: other.to_string(),
            },
        }
    }
}

/// The usual cause of a handshake that goes nowhere: a UDP/TCP SIP port given for TLS.
const NOT_A_TLS_PORT: &str = "is this its TLS port? SIP over TLS is usually port 5061";

fn from_certificate_error(error: &CertificateError) -> TlsError {
    match error {
        CertificateError::UnknownIssuer => TlsError::NotTrusted,
        CertificateError::BadSignature => TlsError::BadSignature,
        CertificateError::NotValidForName => TlsError::WrongName {
            expected: "this server".to_string(),
            presented: "names not given".to_string(),
        },
        CertificateError::NotValidForNameContext {
            expected,
            presented,
        } => TlsError::WrongName {
            expected: describe_server_name(expected),
            presented: if presented.is_empty() {
                "it names no server".to_string()
            } else {
                presented.join(", ")
            },
        },
        CertificateError::Expired => TlsError::Expired { not_after: None },
        CertificateError::ExpiredContext { not_after, .. } => TlsError::Expired {
            not_after: Some(not_after.as_secs()),
        },
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            TlsError::NotYetValid
        }
        CertificateError::Revoked => TlsError::Revoked,
        other => TlsError::Handshake {
            reason: format!("the server's certificate was refused: {other}"),
        },
    }
}

fn describe_server_name(name: &ServerName<'_>) -> String {
    match name {
        ServerName::DnsName(dns) => dns.as_ref().to_string(),
        ServerName::IpAddress(ip) => std::net::IpAddr::from(*ip).to_string(),
        other => format!("{other:?}"),
    }
}

fn describe_alert(alert: AlertDescription) -> String {
    match alert {
        AlertDescription::HandshakeFailure | AlertDescription::ProtocolVersion => {
            "no TLS version or cipher in common".to_string()
        }
        AlertDescription::UnrecognisedName => "it does not serve that name".to_string(),
        AlertDescription::CertificateRequired => "it wants a client certificate".to_string(),
        other => format!("{other:?}"),
    }
}

/// " on 2025-01-31" for an expiry date, or nothing when rustls did not say.
fn since(not_after: Option<u64>) -> String {
    let Some(seconds) = not_after else {
        return String::new();
    };
    let (year, month, day) = civil_date(seconds / 86_400);
    format!(" on {year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expiry_date_is_shown_in_the_message() {
        let error = TlsError::Expired {
            not_after: Some(1_709_208_000),
        };
        assert_eq!(
            error.to_string(),
            "the certificate has expired on 2024-02-29"
        );
    }

    #[test]
    fn an_untrusted_issuer_names_the_fix() {
        let error = TlsError::from_rustls(&rustls::Error::InvalidCertificate(
            CertificateError::UnknownIssuer,
        ));
        assert_eq!(error, TlsError::NotTrusted);
        assert!(error.to_string().contains("trusted certificate"));
    }
}
