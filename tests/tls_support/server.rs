//! A one-connection TLS server on loopback (tokio-rustls' server side) that answers each line
//! with "echo: " and the line, so a test can see bytes flow both ways.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Serves `certificate` (a PEM file: the server's certificate, then any intermediates) with
/// `key` to the first client that connects; returns the address to connect to.
pub async fn serve_tls_once(certificate: &Path, key: &Path) -> SocketAddr {
    serve_once(certified_key(certificate, key)).await
}

/// Like [`serve_tls_once`] but presents `certificate` while signing with another `key`: an
/// impostor who copied a server's public certificate but not its private key.
pub async fn serve_stolen_certificate_once(certificate: &Path, key: &Path) -> SocketAddr {
    serve_once(certified_key(certificate, key)).await
}

/// The chain and signing key, deliberately without rustls' check that they belong together.
fn certified_key(certificate: &Path, key: &Path) -> Arc<CertifiedKey> {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(certificate)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(key).unwrap();
    let signing_key = rustls::crypto::ring::sign::any_supported_type(&key).unwrap();
    Arc::new(CertifiedKey::new(chain, signing_key))
}

#[derive(Debug)]
struct AlwaysThisKey(Arc<CertifiedKey>);

impl ResolvesServerCert for AlwaysThisKey {
    fn resolve(&self, _: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.0.clone())
    }
}

async fn serve_once(key: Arc<CertifiedKey>) -> SocketAddr {
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_cert_resolver(Arc::new(AlwaysThisKey(key)));
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        // A refused handshake is the client's business: the test looks at the client's error.
        let Ok(tls) = acceptor.accept(tcp).await else {
            return;
        };
        let (read, mut write) = tokio::io::split(tls);
        let mut lines = BufReader::new(read).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            write
                .write_all(format!("echo: {line}\r\n").as_bytes())
                .await
                .unwrap();
            write.flush().await.unwrap();
        }
    });
    address
}

/// A plain TCP server that answers like a SIP server would on a UDP/TCP port, to see what the
/// connector says when the user picked TLS for a port that does not speak it.
pub async fn serve_plain_sip_once() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut tcp, _) = listener.accept().await.unwrap();
        let _ = tcp
            .write_all(b"SIP/2.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            .await;
    });
    address
}
