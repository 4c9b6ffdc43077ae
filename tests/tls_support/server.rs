//! A one-connection TLS server on loopback (tokio-rustls' server side) that answers each line
//! with "echo: " and the line, so a test can see bytes flow both ways.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Serves `certificate` (a PEM file: the server's certificate, then any intermediates) with
/// `key` to the first client that connects; returns the address to connect to.
pub async fn serve_tls_once(certificate: &Path, key: &Path) -> SocketAddr {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(certificate)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(key).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .unwrap();
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
