//! PLACEHOLDER for H1b's `tls.rs` (same public shape: `TlsConnector::new`, `connect`,
//! `TlsStream`, `TlsError::code`). It trusts the system roots plus the account's certificate
//! as one more root; the real file explains certificate failures better. Delete this file
//! when `tls.rs` is merged and declare `pub mod tls;` in `mod.rs` instead.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::net::TcpStream;

/// The TLS stream a SIP connection runs over.
pub type TlsStream = tokio_rustls::client::TlsStream<TcpStream>;

/// A failure to set up or complete a TLS connection.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TlsError {
    #[error("cannot read the trusted certificate {}: {reason}", path.display())]
    ReadTrustedCertificate { path: PathBuf, reason: String },
    #[error("'{name}' is not a valid server name or IP address for TLS")]
    InvalidServerName { name: String },
    #[error("the server's certificate is not trusted: {reason}")]
    NotTrusted { reason: String },
    #[error("TLS handshake failed: {reason}")]
    Handshake { reason: String },
}

impl TlsError {
    /// A stable code for events and translations.
    pub fn code(&self) -> &'static str {
        match self {
            TlsError::ReadTrustedCertificate { .. } => "tls.read_trusted_certificate",
            TlsError::InvalidServerName { .. } => "tls.invalid_server_name",
            TlsError::NotTrusted { .. } => "tls.not_trusted",
            TlsError::Handshake { .. } => "tls.handshake",
        }
    }
}

/// Opens TLS connections for one account.
#[derive(Clone)]
pub struct TlsConnector {
    connector: tokio_rustls::TlsConnector,
}

impl std::fmt::Debug for TlsConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsConnector").finish_non_exhaustive()
    }
}

impl TlsConnector {
    /// Trust the system roots and the certificate(s) in the PEM file `trusted_certificate`.
    pub fn new(trusted_certificate: Option<&Path>) -> Result<TlsConnector, TlsError> {
        let mut roots = rustls::RootCertStore::empty();
        for cert in rustls_native_certs::load_native_certs().certs {
            let _ = roots.add(cert);
        }
        if let Some(path) = trusted_certificate {
            let read = |reason: String| TlsError::ReadTrustedCertificate {
                path: path.to_path_buf(),
                reason,
            };
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
                .map_err(|e| read(e.to_string()))?
                .collect::<Result<_, _>>()
                .map_err(|e| read(e.to_string()))?;
            for cert in certs {
                roots.add(cert).map_err(|e| read(e.to_string()))?;
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| TlsError::Handshake {
                reason: e.to_string(),
            })?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(TlsConnector {
            connector: tokio_rustls::TlsConnector::from(Arc::new(config)),
        })
    }

    /// The TLS handshake over `tcp`, checking the certificate against `server_name`.
    pub async fn connect(&self, tcp: TcpStream, server_name: &str) -> Result<TlsStream, TlsError> {
        let bare = server_name.trim_start_matches('[').trim_end_matches(']');
        let name =
            ServerName::try_from(bare.to_string()).map_err(|_| TlsError::InvalidServerName {
                name: server_name.to_string(),
            })?;
        self.connector.connect(name, tcp).await.map_err(|e| {
            let reason = e.to_string();
            if reason.contains("certificate") {
                TlsError::NotTrusted { reason }
            } else {
                TlsError::Handshake { reason }
            }
        })
    }
}
