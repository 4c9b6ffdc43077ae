//! An account on TLS whose server shows a certificate nobody trusts fails to register with a
//! reason the user can act on (`certificate`, naming TLS and trust), not a bare timeout; and a
//! server that refuses TCP connections gives a network failure saying so.
//!
//! The TLS server is `openssl s_server` with a fresh self-signed certificate.

mod common;

use common::accounts::AccountFolder;
use common::certs::CertificateLab;
use common::handset::{args, Handset, SHORT};
use common::ports::free_port;
use common::scratch::Scratch;
use serde_json::Value;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A self-signed certificate for 127.0.0.1 in `dir`, served by `openssl s_server` on `port`.
struct TlsServer(Child);

impl TlsServer {
    fn start(dir: &Path, port: u16) -> TlsServer {
        let issued = CertificateLab::in_dir(dir).self_signed("server", "IP:127.0.0.1");
        let (cert, key) = (issued.certificate, issued.key);
        let child = Command::new("openssl")
            .args(["s_server", "-quiet", "-accept"])
            .arg(port.to_string())
            .arg("-cert")
            .arg(&cert)
            .arg("-key")
            .arg(&key)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run openssl ({e}): apt-get install openssl"));
        // Ready once it accepts connections.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "openssl s_server did not listen"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        TlsServer(child)
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// alice@sip.test, sent over `transport` to `proxy`.
fn write_account(dir: &Path, proxy: &str, transport: &str) {
    let mut account = AccountFolder::new("alice", "alicepw", proxy);
    account.display_name = "Alice".into();
    account.transport = transport.into();
    account.expires = 60;
    account.write(dir);
}

fn first_failure(scratch: &Scratch, proxy: &str, transport: &str) -> Value {
    let config = scratch.subdir("accounts");
    write_account(&config, proxy, transport);
    let (mut handset, _) = Handset::start(
        scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--config",
            config.to_str().unwrap(),
        ]),
    );
    let failed = handset.wait_for(SHORT, "a registration failure", |e| {
        e["event"] == "registration"
            && matches!(e["state"]["state"].as_str(), Some("failed" | "registered"))
    });
    assert!(handset.quit().success());
    assert_eq!(failed["state"]["state"], "failed", "{failed}");
    failed["state"]["failure"].clone()
}

#[test]
fn an_untrusted_tls_certificate_is_reported_as_such() {
    let scratch = Scratch::new("tls-untrusted");
    let port = free_port();
    let _server = TlsServer::start(&scratch.subdir("tls"), port);
    let failure = first_failure(&scratch, &format!("sips:127.0.0.1:{port}"), "udp");
    assert_eq!(failure["reason"], "certificate", "{failure}");
    let detail = failure["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("TLS"), "{detail}");
    assert!(detail.contains("not trusted"), "{detail}");
}

#[test]
fn a_refused_tcp_connection_is_a_network_failure_that_says_so() {
    let scratch = Scratch::new("tcp-refused");
    let port = free_port();
    let failure = first_failure(&scratch, &format!("sip:127.0.0.1:{port}"), "tcp");
    assert_eq!(failure["reason"], "network", "{failure}");
    let detail = failure["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("cannot connect"), "{detail}");
    assert!(detail.contains("TCP"), "{detail}");
}
