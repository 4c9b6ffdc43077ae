//! A scripted UDP registrar on a plain socket, and the engine started with one account
//! registering there: shared by the NAT, keep-alive and network-change tests.

#![allow(dead_code)]

use handset::audio::AudioBackend;
use handset::config::secrets::{AccountSecrets, MemorySecretStore};
use handset::config::{Account, AccountId, Settings};
use handset::engine::accounts::AccountSetup;
use handset::engine::{self, EngineConfig, EngineHandle};
use std::net::{SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One datagram the registrar received.
#[derive(Debug, Clone)]
pub struct Datagram {
    pub from: SocketAddr,
    pub text: String,
}

impl Datagram {
    /// The first value of header `name`, if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.text, name)
    }

    pub fn is_register(&self) -> bool {
        self.text.starts_with("REGISTER ")
    }
}

pub fn header<'a>(message: &'a str, name: &str) -> Option<&'a str> {
    message
        .split("\r\n")
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

/// A registrar that accepts every REGISTER with 200 OK and tells where it saw it come from
/// (RFC 3581 `received`/`rport`), as a real one does; or, with `pretend_nat`, an address of a
/// NAT in between. Everything it receives is reported to the test.
pub struct Registrar {
    pub addr: SocketAddr,
    datagrams: Receiver<Datagram>,
    /// Everything received so far, for failure messages.
    pub seen: Vec<Datagram>,
    stop: Arc<AtomicBool>,
}

impl Drop for Registrar {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Registrar {
    /// Serve on `socket` (already bound, e.g. inside a network namespace) from a thread that
    /// ends when the registrar is dropped.
    pub fn serve(socket: UdpSocket, pretend_nat: Option<SocketAddr>) -> Registrar {
        let addr = socket.local_addr().unwrap();
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let (tx, rx) = channel();
        let stopped = Arc::new(AtomicBool::new(false));
        let stop = stopped.clone();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65_535];
            loop {
                let (len, from) = match socket.recv_from(&mut buf) {
                    Ok(received) => received,
                    Err(_) if stop.load(Ordering::Relaxed) => return,
                    Err(_) => continue,
                };
                let text = String::from_utf8_lossy(&buf[..len]).into_owned();
                if text.starts_with("REGISTER ") {
                    let seen_at = pretend_nat.unwrap_or(from);
                    let _ = socket.send_to(ok_to_register(&text, seen_at).as_bytes(), from);
                }
                if tx.send(Datagram { from, text }).is_err() {
                    return;
                }
            }
        });
        Registrar {
            addr,
            datagrams: rx,
            seen: Vec::new(),
            stop: stopped,
        }
    }

    /// Bind on `addr` and serve.
    pub fn start(addr: &str, pretend_nat: Option<SocketAddr>) -> Registrar {
        Registrar::serve(UdpSocket::bind(addr).unwrap(), pretend_nat)
    }

    /// The next datagram that `wanted` accepts, within `bound` (a liveness bound: failing
    /// means it never came, with everything that did come in the message).
    pub fn wait_for(
        &mut self,
        what: &str,
        bound: Duration,
        wanted: impl Fn(&Datagram) -> bool,
    ) -> Datagram {
        let deadline = Instant::now() + bound;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.datagrams.recv_timeout(left) {
                Ok(datagram) => {
                    self.seen.push(datagram.clone());
                    if wanted(&datagram) {
                        return datagram;
                    }
                }
                Err(_) => panic!(
                    "no {what} within {bound:?}; the registrar received:\n{:#?}",
                    self.seen
                ),
            }
        }
    }
}

/// 200 OK to `register`, with `received`/`rport` saying it came from `seen_at`.
fn ok_to_register(register: &str, seen_at: SocketAddr) -> String {
    let via = header(register, "Via").unwrap_or_default().replace(
        ";rport",
        &format!(";received={};rport={}", seen_at.ip(), seen_at.port()),
    );
    let expires = header(register, "Expires").unwrap_or("60");
    let mut response = format!("SIP/2.0 200 OK\r\nVia: {via}\r\n");
    for name in ["From", "Call-ID", "CSeq"] {
        response += &format!("{name}: {}\r\n", header(register, name).unwrap_or_default());
    }
    response += &format!(
        "To: {};tag=reg1\r\n",
        header(register, "To").unwrap_or_default()
    );
    if expires != "0" {
        let contact = header(register, "Contact").unwrap_or_default();
        response += &format!("Contact: {contact};expires={expires}\r\n");
    }
    response + "Content-Length: 0\r\n\r\n"
}

/// Alice's account at `registrar`, over UDP, refreshing only every five minutes: a REGISTER
/// seen sooner than that is a re-registration the test caused.
pub fn account(registrar: SocketAddr) -> Account {
    let mut account = Account::new(AccountId(1), "alice", &registrar.to_string());
    account.expires = 300;
    account
}

/// The engine on `listen` with `settings`, every account's password in memory.
pub async fn start_engine(listen: &str, settings: Settings) -> EngineHandle {
    let secrets = AccountSecrets::with_stores(
        Box::new(MemorySecretStore::new()),
        Box::new(MemorySecretStore::new()),
    );
    for account in &settings.accounts {
        secrets.set(account, &"alicepw".into()).unwrap();
    }
    let config = EngineConfig::peer_to_peer(listen.parse().unwrap(), AudioBackend::Null);
    let setup = AccountSetup {
        settings,
        secrets: Arc::new(secrets),
    };
    engine::start_with_accounts(config, Some(setup))
        .await
        .unwrap()
}
