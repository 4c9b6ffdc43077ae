//! The TLS connector against a real tokio-rustls server over loopback, with certificates made
//! by `openssl` at test time: what a user sees when they point an account at a TLS server with
//! a self-signed certificate, a CA-issued one, the wrong name, an expired one, or a bad file.
//! Needs the Debian package `openssl`; its absence fails the tests saying so.

mod common;
#[path = "tls_support/server.rs"]
mod server;

use std::net::SocketAddr;
use std::path::Path;

use common::certs::{CertificateLab, CURRENT, EXPIRED, NOT_YET_VALID};
use handset::engine::transport::tls::{TlsConnector, TlsError};
use server::{serve_plain_sip_once, serve_stolen_certificate_once, serve_tls_once};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Connects to `address` over TLS as `server_name`, then checks one line goes each way.
async fn connect_and_talk(
    trusted: Option<&Path>,
    address: SocketAddr,
    server_name: &str,
) -> Result<(), TlsError> {
    let connector = TlsConnector::new(trusted)?;
    let tcp = TcpStream::connect(address).await.unwrap();
    let mut tls = connector.connect(tcp, server_name).await?;
    tls.write_all(b"OPTIONS sip:pbx SIP/2.0\r\n").await.unwrap();
    tls.flush().await.unwrap();
    let mut answer = String::new();
    BufReader::new(&mut tls)
        .read_line(&mut answer)
        .await
        .unwrap();
    assert_eq!(answer, "echo: OPTIONS sip:pbx SIP/2.0\r\n");
    Ok(())
}

#[tokio::test]
async fn a_trusted_self_signed_certificate_connects_and_bytes_flow_both_ways() {
    let lab = CertificateLab::new();
    let pbx = lab.self_signed("pbx", "IP:127.0.0.1");
    let address = serve_tls_once(&pbx.certificate, &pbx.key).await;
    connect_and_talk(Some(&pbx.certificate), address, "127.0.0.1")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_trusted_self_signed_certificate_for_a_dns_name_connects_by_that_name() {
    let lab = CertificateLab::new();
    let pbx = lab.self_signed("pbx", "DNS:pbx.handset.test");
    let address = serve_tls_once(&pbx.certificate, &pbx.key).await;
    connect_and_talk(Some(&pbx.certificate), address, "pbx.handset.test")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_self_signed_certificate_nobody_trusted_is_refused_naming_the_fix() {
    let lab = CertificateLab::new();
    let pbx = lab.self_signed("pbx", "IP:127.0.0.1");
    let address = serve_tls_once(&pbx.certificate, &pbx.key).await;
    let error = connect_and_talk(None, address, "127.0.0.1")
        .await
        .unwrap_err();
    assert_eq!(error, TlsError::NotTrusted);
    assert!(
        error
            .to_string()
            .contains("add it as this account's trusted certificate"),
        "{error}"
    );
}

#[tokio::test]
async fn trusting_one_self_signed_certificate_does_not_trust_another_for_the_same_address() {
    let lab = CertificateLab::new();
    let trusted = lab.self_signed("trusted", "IP:127.0.0.1");
    let impostor = lab.self_signed("impostor", "IP:127.0.0.1");
    let address = serve_tls_once(&impostor.certificate, &impostor.key).await;
    let error = connect_and_talk(Some(&trusted.certificate), address, "127.0.0.1")
        .await
        .unwrap_err();
    assert_eq!(error, TlsError::NotTrusted);
}

#[tokio::test]
async fn a_server_showing_the_trusted_certificate_without_its_key_is_refused() {
    let lab = CertificateLab::new();
    let pbx = lab.self_signed("pbx", "IP:127.0.0.1");
    let impostor = lab.self_signed("impostor", "IP:127.0.0.1");
    let address = serve_stolen_certificate_once(&pbx.certificate, &impostor.key).await;
    let error = connect_and_talk(Some(&pbx.certificate), address, "127.0.0.1")
        .await
        .unwrap_err();
    assert_eq!(error, TlsError::BadSignature);
    assert!(error.to_string().contains("intercepted"), "{error}");
}

#[tokio::test]
async fn a_trusted_certificate_naming_its_host_only_as_common_name_connects_by_that_name() {
    let lab = CertificateLab::new();
    let pbx = lab.self_signed_common_name_only("pbx", "pbx.handset.test");
    let address = serve_tls_once(&pbx.certificate, &pbx.key).await;
    connect_and_talk(Some(&pbx.certificate), address, "pbx.handset.test")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_trusted_common_name_only_certificate_for_another_host_says_which_host() {
    let lab = CertificateLab::new();
    let pbx = lab.self_signed_common_name_only("pbx", "pbx.handset.test");
    let address = serve_tls_once(&pbx.certificate, &pbx.key).await;
    let error = connect_and_talk(Some(&pbx.certificate), address, "127.0.0.1")
        .await
        .unwrap_err();
    assert!(
        matches!(&error, TlsError::WrongName { presented, .. }
            if presented.contains("CN=pbx.handset.test")),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_trusted_certificate_for_another_address_is_refused_as_another_name() {
    let lab = CertificateLab::new();
    let pbx = lab.self_signed("pbx", "IP:127.0.0.2");
    let address = serve_tls_once(&pbx.certificate, &pbx.key).await;
    let error = connect_and_talk(Some(&pbx.certificate), address, "127.0.0.1")
        .await
        .unwrap_err();
    assert!(
        matches!(&error, TlsError::WrongName { expected, presented }
            if expected == "127.0.0.1" && presented.contains("127.0.0.2")),
        "{error:?}"
    );
    assert!(error.to_string().contains("another name"), "{error}");
}

#[tokio::test]
async fn a_leaf_signed_by_a_trusted_ca_connects() {
    let lab = CertificateLab::new();
    let ca = lab.certificate_authority("ca");
    let server = lab.leaf("server", "IP:127.0.0.1", &ca, CURRENT);
    let address = serve_tls_once(&server.certificate, &server.key).await;
    connect_and_talk(Some(&ca.certificate), address, "127.0.0.1")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_leaf_from_an_unknown_ca_is_refused() {
    let lab = CertificateLab::new();
    let ca = lab.certificate_authority("ca");
    let server = lab.leaf("server", "IP:127.0.0.1", &ca, CURRENT);
    let address = serve_tls_once(&server.certificate, &server.key).await;
    let error = connect_and_talk(None, address, "127.0.0.1")
        .await
        .unwrap_err();
    assert_eq!(error, TlsError::NotTrusted);
}

#[tokio::test]
async fn a_ca_signed_leaf_for_another_name_is_refused_as_another_name() {
    let lab = CertificateLab::new();
    let ca = lab.certificate_authority("ca");
    let server = lab.leaf("server", "DNS:sip.handset.test", &ca, CURRENT);
    let address = serve_tls_once(&server.certificate, &server.key).await;
    let error = connect_and_talk(Some(&ca.certificate), address, "pbx.handset.test")
        .await
        .unwrap_err();
    assert!(
        matches!(&error, TlsError::WrongName { expected, presented }
            if expected == "pbx.handset.test" && presented.contains("sip.handset.test")),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_expired_leaf_from_a_trusted_ca_is_refused_as_expired() {
    let lab = CertificateLab::new();
    let ca = lab.certificate_authority("ca");
    let server = lab.leaf("server", "IP:127.0.0.1", &ca, EXPIRED);
    let address = serve_tls_once(&server.certificate, &server.key).await;
    let error = connect_and_talk(Some(&ca.certificate), address, "127.0.0.1")
        .await
        .unwrap_err();
    assert!(matches!(error, TlsError::Expired { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "the certificate has expired on 2020-02-01"
    );
}

#[tokio::test]
async fn a_pinned_certificate_that_has_expired_is_refused_as_expired() {
    let lab = CertificateLab::new();
    let pbx = lab.self_signed_dated("pbx", "IP:127.0.0.1", EXPIRED);
    let address = serve_tls_once(&pbx.certificate, &pbx.key).await;
    let error = connect_and_talk(Some(&pbx.certificate), address, "127.0.0.1")
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "the certificate has expired on 2020-02-01"
    );
}

#[tokio::test]
async fn a_pinned_certificate_not_valid_yet_is_refused_pointing_at_the_clock() {
    let lab = CertificateLab::new();
    let pbx = lab.self_signed_dated("pbx", "IP:127.0.0.1", NOT_YET_VALID);
    let address = serve_tls_once(&pbx.certificate, &pbx.key).await;
    let error = connect_and_talk(Some(&pbx.certificate), address, "127.0.0.1")
        .await
        .unwrap_err();
    assert_eq!(error, TlsError::NotYetValid);
    assert!(error.to_string().contains("clock"), "{error}");
}

#[tokio::test]
async fn a_pinned_certificate_with_current_dates_from_openssl_ca_connects() {
    let lab = CertificateLab::new();
    let pbx = lab.self_signed_dated("pbx", "IP:127.0.0.1", CURRENT);
    let address = serve_tls_once(&pbx.certificate, &pbx.key).await;
    connect_and_talk(Some(&pbx.certificate), address, "127.0.0.1")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_port_that_does_not_speak_tls_fails_the_handshake() {
    let address = serve_plain_sip_once().await;
    let error = connect_and_talk(None, address, "127.0.0.1")
        .await
        .unwrap_err();
    assert!(matches!(error, TlsError::Handshake { .. }), "{error:?}");
    assert!(
        error.to_string().starts_with("TLS handshake failed: "),
        "{error}"
    );
}

#[test]
fn a_missing_trusted_certificate_file_is_reported_with_its_path() {
    let lab = CertificateLab::new();
    let missing = lab.path("nowhere.pem");
    let error = TlsConnector::new(Some(&missing)).unwrap_err();
    assert!(
        matches!(&error, TlsError::ReadTrustedCertificate { path, .. } if *path == missing),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.starts_with("cannot read the trusted certificate "),
        "{message}"
    );
    assert!(message.contains("nowhere.pem"), "{message}");
}

#[test]
fn a_file_without_a_pem_certificate_is_reported() {
    let lab = CertificateLab::new();
    let garbage = lab.path("garbage.pem");
    std::fs::write(&garbage, "this is not a certificate\n").unwrap();
    let error = TlsConnector::new(Some(&garbage)).unwrap_err();
    assert!(
        matches!(error, TlsError::NoPemCertificate { .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("holds no PEM certificate"),
        "{error}"
    );

    // A private key alone is a classic mix-up: it is not a certificate either.
    let pbx = lab.self_signed("pbx", "IP:127.0.0.1");
    let error = TlsConnector::new(Some(&pbx.key)).unwrap_err();
    assert!(
        matches!(error, TlsError::NoPemCertificate { .. }),
        "{error:?}"
    );
}

#[test]
fn a_pem_block_that_is_not_a_certificate_inside_is_reported() {
    let lab = CertificateLab::new();
    let broken = lab.path("broken.pem");
    std::fs::write(
        &broken,
        "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let error = TlsConnector::new(Some(&broken)).unwrap_err();
    assert!(
        matches!(error, TlsError::BadTrustedCertificate { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_server_name_that_is_neither_a_name_nor_an_address_is_refused() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let tcp = TcpStream::connect(listener.local_addr().unwrap())
        .await
        .unwrap();
    let connector = TlsConnector::new(None).unwrap();
    let error = connector.connect(tcp, "not a host!").await.unwrap_err();
    assert!(
        matches!(error, TlsError::InvalidServerName { .. }),
        "{error:?}"
    );
}
