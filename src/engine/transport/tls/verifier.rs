//! How an account decides to trust a SIP server's certificate.
//!
//! Two ways, and nothing else:
//! - **Pinned**: the server presents exactly the certificate the user gave as the account's
//!   trusted certificate. Typical for a self-signed PBX certificate, which webpki would refuse as
//!   an end entity because openssl marks it CA:TRUE. The user vouched for these exact bytes, so
//!   no issuer chain is needed; the dates and the name are still checked here, and the handshake
//!   signature is still verified against the certificate's key (proving the server holds it).
//! - **Chained**: otherwise the usual webpki path validation against the system roots, plus the
//!   account's trusted certificate as an extra anchor when it is a CA.

use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{verify_server_name, WebPkiServerVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{CertificateError, DigitallySignedStruct, Error, SignatureScheme};

use super::certificate_facts::CertificateFacts;

/// A certificate the user trusts by its exact bytes.
#[derive(Debug)]
pub(crate) struct PinnedCertificate {
    pub der: CertificateDer<'static>,
    /// `None` when its dates cannot be read: such a pin never matches a connection.
    pub facts: Option<CertificateFacts>,
}

#[derive(Debug)]
pub(crate) struct AccountVerifier {
    pinned: Vec<PinnedCertificate>,
    /// `None` when there is no anchor at all (no system roots and no trusted CA).
    chained: Option<Arc<WebPkiServerVerifier>>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl AccountVerifier {
    pub(crate) fn new(
        pinned: Vec<PinnedCertificate>,
        chained: Option<Arc<WebPkiServerVerifier>>,
        algorithms: WebPkiSupportedAlgorithms,
    ) -> AccountVerifier {
        AccountVerifier {
            pinned,
            chained,
            algorithms,
        }
    }
}

impl ServerCertVerifier for AccountVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        if let Some(pin) = self.pinned.iter().find(|pin| pin.der == *end_entity) {
            return verify_pinned(pin, server_name, now);
        }
        let Some(chained) = &self.chained else {
            return Err(CertificateError::UnknownIssuer.into());
        };
        chained
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
            .map_err(|error| explain_refusal(error, end_entity))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

fn verify_pinned(
    pin: &PinnedCertificate,
    server_name: &ServerName<'_>,
    now: UnixTime,
) -> Result<ServerCertVerified, Error> {
    let Some(facts) = &pin.facts else {
        return Err(CertificateError::BadEncoding.into());
    };
    let at = |seconds: u64| UnixTime::since_unix_epoch(Duration::from_secs(seconds));
    if now.as_secs() < facts.not_before {
        return Err(CertificateError::NotValidYetContext {
            time: now,
            not_before: at(facts.not_before),
        }
        .into());
    }
    if now.as_secs() > facts.not_after {
        return Err(CertificateError::ExpiredContext {
            time: now,
            not_after: at(facts.not_after),
        }
        .into());
    }
    let parsed = ParsedCertificate::try_from(&pin.der)?;
    match verify_server_name(&parsed, server_name) {
        Ok(()) => Ok(ServerCertVerified::assertion()),
        // Many PBX scripts still make certificates naming the host only in the subject's
        // common name. For these exact bytes the user vouched for, that name counts too (RFC
        // 6125 §6.4.4 allows it when there is no subjectAltName); it never does for CA-issued
        // certificates, which webpki checks strictly.
        Err(_) if !facts.has_subject_alt_name && common_name_is(facts, server_name) => {
            Ok(ServerCertVerified::assertion())
        }
        Err(error) => Err(name_the_common_name(error, facts)),
    }
}

fn common_name_is(facts: &CertificateFacts, server_name: &ServerName<'_>) -> bool {
    let Some(common_name) = facts.common_name.as_deref() else {
        return false;
    };
    match server_name {
        ServerName::DnsName(dns) => {
            let wanted = dns.as_ref().trim_end_matches('.');
            common_name
                .trim_end_matches('.')
                .eq_ignore_ascii_case(wanted)
        }
        ServerName::IpAddress(ip) => {
            common_name.parse::<std::net::IpAddr>().ok() == Some(std::net::IpAddr::from(*ip))
        }
        _ => false,
    }
}

/// webpki lists only subjectAltNames as the names a certificate is for; for an old-style
/// certificate with none, say what its common name is so the user sees what it was made for.
fn name_the_common_name(error: Error, facts: &CertificateFacts) -> Error {
    match (error, &facts.common_name) {
        (
            Error::InvalidCertificate(CertificateError::NotValidForNameContext {
                expected,
                presented,
            }),
            Some(common_name),
        ) if presented.is_empty() => CertificateError::NotValidForNameContext {
            expected,
            presented: vec![format!("CN={common_name}, without a subjectAltName")],
        }
        .into(),
        (error, _) => error,
    }
}

/// webpki refuses an untrusted self-signed CA:TRUE certificate as "CA used as end entity", an
/// opaque `Other` error; to the user that is simply a certificate nobody vouched for.
fn explain_refusal(error: Error, end_entity: &CertificateDer<'_>) -> Error {
    let Some(facts) = CertificateFacts::read(end_entity) else {
        return error;
    };
    match error {
        Error::InvalidCertificate(CertificateError::Other(_)) if facts.is_ca => {
            CertificateError::UnknownIssuer.into()
        }
        other => name_the_common_name(other, &facts),
    }
}
