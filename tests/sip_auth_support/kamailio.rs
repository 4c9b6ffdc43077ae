//! A real kamailio for tests (started per test, logging to a file, stopped with SIGTERM so
//! its workers go too) and user agents on real loopback sockets driven in real time.

use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use handset::sip::{AccountEvent, Output, RegistrationEvent, UaConfig, UaEvent, UserAgent};

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0")
        .and_then(|s| s.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub struct Kamailio {
    child: Child,
    log: PathBuf,
    pub addr: SocketAddr,
}

impl Kamailio {
    /// Start kamailio on 127.0.0.1:`port` with `body` (modparams and routes) after the
    /// common header that loads the modules. Users: alice/alicepw, bob/bobpw.
    pub fn start(dir: &Path, port: u16, body: &str) -> Self {
        Self::start_listening(dir, port, "", body)
    }

    /// Like [`Self::start`], listening for TCP on the same port too; connections a client
    /// opened are reused for requests to it when its Via offers them (`alias`, RFC 5923).
    pub fn start_with_tcp(dir: &Path, port: u16, body: &str) -> Self {
        let tcp = format!("listen=tcp:127.0.0.1:{port}\ntcp_accept_aliases=yes\n");
        Self::start_listening(dir, port, &tcp, body).started()
    }

    /// Like [`Self::start`], with TLS on `tls_port` too, presenting `certificate` and `key`
    /// (PEM files). Client connections are reused for requests to them (`alias`).
    pub fn start_with_tls(
        dir: &Path,
        port: u16,
        tls_port: u16,
        certificate: &Path,
        key: &Path,
        body: &str,
    ) -> Self {
        let tls_cfg = dir.join("tls.cfg");
        let server = format!(
            "[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\n\
             require_certificate = no\nprivate_key = {}\ncertificate = {}\n\n\
             [client:default]\nverify_certificate = no\nrequire_certificate = no\n",
            key.display(),
            certificate.display()
        );
        std::fs::write(&tls_cfg, server).expect("write tls.cfg");
        let listens =
            format!("enable_tls=yes\nlisten=tls:127.0.0.1:{tls_port}\ntcp_accept_aliases=yes\n");
        let body = format!(
            "loadmodule \"tls.so\"\nmodparam(\"tls\", \"config\", \"{}\")\n{body}",
            tls_cfg.display()
        );
        Self::start_listening(dir, port, &listens, &body).started()
    }

    /// Returns once kamailio has started all its processes: over TCP and TLS a refused
    /// connection fails a REGISTER at once (there is no retransmission to wait through as
    /// over UDP).
    fn started(self) -> Self {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.log().contains("Listening on") {
            assert!(
                Instant::now() < deadline,
                "kamailio did not start:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(500));
        self
    }

    fn start_listening(dir: &Path, port: u16, more_listens: &str, body: &str) -> Self {
        let config = format!(
            r#"#!KAMAILIO
debug=1
log_stderror=yes
children=1
listen=udp:127.0.0.1:{port}
{more_listens}auto_aliases=no
alias="sip.test"
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "auth.so"
loadmodule "htable.so"
loadmodule "pv.so"
modparam("usrloc", "db_mode", 0)
modparam("htable", "htable", "users=>size=4;")
event_route[htable:mod-init] {{ $sht(users=>alice) = "alicepw"; $sht(users=>bob) = "bobpw"; }}
{body}
"#
        );
        let path = dir.join("kamailio.cfg");
        std::fs::write(&path, config).expect("write kamailio.cfg");
        let log = dir.join("kamailio.log");
        let out = std::fs::File::create(&log).expect("kamailio log file");
        let child = Command::new("kamailio")
            .arg("-f")
            .arg(&path)
            .arg("-P")
            .arg(dir.join("kamailio.pid"))
            .arg("-Y")
            .arg(dir)
            .args(["-E", "-DD"])
            .stdin(Stdio::null())
            .stdout(out.try_clone().expect("log handle"))
            .stderr(out)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run kamailio ({e}): apt-get install kamailio"));
        Self {
            child,
            log,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Kamailio {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// A user agent on its own loopback socket.
pub struct Agent {
    socket: UdpSocket,
    pub ua: UserAgent,
    start: Instant,
    /// Every request we sent, whole (retransmissions included).
    pub sent: Vec<String>,
    pub registration: Vec<RegistrationEvent>,
    pub calls: Vec<UaEvent>,
}

impl Agent {
    pub fn new(user: &str, seed: u64) -> Self {
        let socket = UdpSocket::bind("127.0.0.1:0").expect("bind");
        let local = socket.local_addr().expect("local address");
        let config = UaConfig {
            local_addr: local,
            user: user.into(),
            display_name: None,
            user_agent: "Handset-test".into(),
        };
        Self {
            socket,
            ua: UserAgent::new(config, seed),
            start: Instant::now(),
            sent: Vec::new(),
            registration: Vec::new(),
            calls: Vec::new(),
        }
    }

    pub fn now(&self) -> Duration {
        self.start.elapsed()
    }

    /// Requests sent whose first line starts with `method`.
    pub fn sent(&self, method: &str) -> Vec<&String> {
        let prefix = format!("{method} ");
        self.sent
            .iter()
            .filter(|m| m.starts_with(&prefix))
            .collect()
    }

    /// Send what is due, take events, wait up to `wait` for one datagram, fire timers.
    pub fn pump(&mut self, wait: Duration) {
        self.flush();
        let now = self.now();
        let wait = self
            .ua
            .poll_timeout()
            .map_or(wait, |t| t.saturating_sub(now))
            .clamp(Duration::from_millis(1), wait);
        self.socket.set_read_timeout(Some(wait)).expect("timeout");
        let mut buf = vec![0u8; 65_535];
        if let Ok((len, from)) = self.socket.recv_from(&mut buf) {
            let now = self.now();
            self.ua.handle_datagram(now, from, &buf[..len]);
        }
        let now = self.now();
        if self.ua.poll_timeout().is_some_and(|t| t <= now) {
            self.ua.handle_timeout(now);
        }
        self.flush();
    }

    fn flush(&mut self) {
        while let Some(output) = self.ua.poll_output() {
            match output {
                Output::Transmit(t) => {
                    let text = String::from_utf8_lossy(&t.payload).into_owned();
                    if !text.starts_with("SIP/2.0 ") {
                        self.sent.push(text);
                    }
                    self.socket
                        .send_to(&t.payload, t.destination)
                        .expect("send");
                }
                Output::Event(event) => self.calls.push(event),
            }
        }
        while let Some(event) = self.ua.poll_account_event() {
            if let AccountEvent::Registration { event, .. } = event {
                self.registration.push(event);
            }
        }
    }

    /// Pump until `done` holds or `limit` passes; returns whether `done` held.
    pub fn run(&mut self, limit: Duration, done: impl Fn(&Agent) -> bool) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if done(self) {
                return true;
            }
            self.pump(Duration::from_millis(50));
        }
        done(self)
    }

    pub fn registered_count(&self) -> usize {
        self.registration
            .iter()
            .filter(|e| matches!(e, RegistrationEvent::Registered { .. }))
            .count()
    }
}
