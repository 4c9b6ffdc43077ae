//! SIP over TLS, client side (RFC 3261 §26.3.1, "sips:" and `transport=tls`): wraps a connected
//! TCP stream in TLS, trusting the system CA roots plus the account's own trusted certificate.
//! Handset never accepts incoming TLS connections, so there is no server side here.

mod calendar;
mod certificate_facts;
mod error;
mod system_roots;
mod verifier;

use std::path::Path;
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, RootCertStore};
use tokio::net::TcpStream;

use certificate_facts::CertificateFacts;
pub use error::TlsError;
use verifier::{AccountVerifier, PinnedCertificate};

/// The TLS stream a SIP connection runs over.
pub type TlsStream = tokio_rustls::client::TlsStream<TcpStream>;

/// Opens TLS connections for one account. Cheap to clone; build one per account (or per change
/// of its trusted certificate) and reuse it for every connection.
#[derive(Clone)]
pub struct TlsConnector {
    connector: tokio_rustls::TlsConnector,
    trusts_own_certificate: bool,
}

impl std::fmt::Debug for TlsConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsConnector")
            .field("trusts_own_certificate", &self.trusts_own_certificate)
            .finish_non_exhaustive()
    }
}

impl TlsConnector {
    /// A connector trusting the system's CA roots and, if given, the certificate(s) in the PEM
    /// file `trusted_certificate`: a server presenting exactly that certificate is accepted
    /// (a self-signed PBX), and if it is a CA, certificates it issued are accepted too.
    /// Fails when the file cannot be read or holds no usable certificate, so the settings
    /// panel can report that at once rather than at the first connection.
    pub fn new(trusted_certificate: Option<&Path>) -> Result<TlsConnector, TlsError> {
        let trusted = match trusted_certificate {
            Some(path) => read_trusted_certificates(path)?,
            None => Vec::new(),
        };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let pinned: Vec<PinnedCertificate> = trusted
            .into_iter()
            .map(|der| PinnedCertificate {
                facts: CertificateFacts::read(&der),
                der,
            })
            .collect();
        let chained = chained_verifier(&pinned, &provider)?;
        let trusts_own_certificate = !pinned.is_empty();
        let verifier =
            AccountVerifier::new(pinned, chained, provider.signature_verification_algorithms);
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| TlsError::Handshake {
                reason: format!("no usable TLS version: {error}"),
            })?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        Ok(TlsConnector {
            connector: tokio_rustls::TlsConnector::from(Arc::new(config)),
            trusts_own_certificate,
        })
    }

    /// Runs the TLS handshake over `tcp`, checking the certificate against `server_name`: a DNS
    /// name (sent as SNI) or an IP literal, with or without IPv6 brackets. Time-limit it with
    /// `tokio::time::timeout` if the caller needs to: a silent server stalls it.
    pub async fn connect(&self, tcp: TcpStream, server_name: &str) -> Result<TlsStream, TlsError> {
        let name = parse_server_name(server_name)?;
        self.connector
            .connect(name, tcp)
            .await
            .map_err(TlsError::from_handshake)
    }
}

fn parse_server_name(server_name: &str) -> Result<ServerName<'static>, TlsError> {
    let bare = server_name
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .unwrap_or(server_name);
    ServerName::try_from(bare.to_string()).map_err(|_| TlsError::InvalidServerName {
        name: server_name.to_string(),
    })
}

fn read_trusted_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let pem = std::fs::read(path).map_err(|error| TlsError::read_trusted(path, &error))?;
    let certificates = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| TlsError::BadTrustedCertificate {
            path: path.to_path_buf(),
            reason: error.to_string(),
        })?;
    if certificates.is_empty() {
        return Err(TlsError::NoPemCertificate {
            path: path.to_path_buf(),
        });
    }
    if let Some(unreadable) = certificates
        .iter()
        .position(|der| CertificateFacts::read(der).is_none())
    {
        return Err(TlsError::BadTrustedCertificate {
            path: path.to_path_buf(),
            reason: format!(
                "certificate {} in the file is not a readable X.509 certificate",
                unreadable + 1
            ),
        });
    }
    Ok(certificates)
}

/// The webpki verifier over the system roots plus the trusted certificates that are CAs;
/// `None` when that leaves no anchor at all (then only pinned certificates are accepted).
fn chained_verifier(
    pinned: &[PinnedCertificate],
    provider: &Arc<CryptoProvider>,
) -> Result<Option<Arc<WebPkiServerVerifier>>, TlsError> {
    let system = system_roots::system_roots();
    let trusted_cas: Vec<&PinnedCertificate> = pinned
        .iter()
        .filter(|pin| pin.facts.as_ref().is_some_and(|facts| facts.is_ca))
        .collect();
    let roots: Arc<RootCertStore> = if trusted_cas.is_empty() {
        system
    } else {
        let mut roots = RootCertStore::clone(&system);
        for ca in trusted_cas {
            // A CA webpki cannot use as an anchor is still honoured as a pin.
            if let Err(error) = roots.add(ca.der.clone()) {
                tracing::warn!("the trusted certificate cannot serve as a CA: {error}");
            }
        }
        Arc::new(roots)
    };
    if roots.is_empty() {
        return Ok(None);
    }
    WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
        .build()
        .map(Some)
        .map_err(|error| TlsError::Handshake {
            reason: format!("cannot set up certificate checks: {error}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_names_may_be_dns_names_or_ip_literals_with_or_without_brackets() {
        assert!(matches!(
            parse_server_name("pbx.example.com"),
            Ok(ServerName::DnsName(_))
        ));
        for ip in ["192.0.2.7", "2001:db8::7", "[2001:db8::7]"] {
            assert!(
                matches!(parse_server_name(ip), Ok(ServerName::IpAddress(_))),
                "{ip}"
            );
        }
        for bad in ["", "under_score and space", "[pbx.example.com"] {
            assert!(
                matches!(
                    parse_server_name(bad),
                    Err(TlsError::InvalidServerName { .. })
                ),
                "{bad}"
            );
        }
    }
}
