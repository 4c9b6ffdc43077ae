//! A real kamailio for tests: the one place that writes its configuration (UDP, plus TCP, plus
//! TLS), starts it, waits until it listens, reads its log, and stops it with SIGTERM (so its
//! worker processes go too) when dropped.
//!
//! Every kamailio knows users alice/alicepw and bob/bobpw (an htable), with alias sip.test.
//! What it does with requests is the `body` a test passes: its own routes, or one of
//! [`registrar_body`] and [`transport_body`].

use super::certs::CertificateLab;
use super::ports::{free_port_block, loopback};
use super::process::ChildGuard;
use super::tools::{require, require_file};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

// Re-exported so a test imports everything about kamailio from here; most use only some.
#[allow(unused_imports)]
pub use super::kamailio_routes::{registrar_body, transport_body};

const MODULES: &str = "/usr/lib/x86_64-linux-gnu/kamailio/modules";

/// Generous liveness bound for start-up and for waiting on log lines.
const LIVENESS: Duration = Duration::from_secs(20);

/// What kamailio listens on besides UDP on its port.
pub enum Listen<'a> {
    /// UDP only.
    Udp,
    /// TCP on the same port too.
    Tcp,
    /// TCP on the same port too, and TLS on `tls_port` presenting `certificate` and `key`
    /// (PEM files).
    Tls {
        tls_port: u16,
        certificate: &'a Path,
        key: &'a Path,
    },
}

pub struct Kamailio {
    child: ChildGuard,
    log: PathBuf,
    /// The UDP (and TCP) port.
    pub port: u16,
    /// 127.0.0.1:`port`.
    pub addr: SocketAddr,
    /// TLS port and the certificate kamailio presents there, when it listens for TLS.
    tls: Option<(u16, PathBuf)>,
}

impl Kamailio {
    /// kamailio on UDP 127.0.0.1:`port` doing `body`.
    pub fn start(dir: &Path, port: u16, body: &str) -> Kamailio {
        Kamailio::start_listening(dir, port, Listen::Udp, body)
    }

    /// Like [`Self::start`], listening for TCP on the same port too.
    pub fn start_with_tcp(dir: &Path, port: u16, body: &str) -> Kamailio {
        Kamailio::start_listening(dir, port, Listen::Tcp, body)
    }

    /// Like [`Self::start_with_tcp`], with TLS on `tls_port` too, presenting `certificate` and
    /// `key` (PEM files).
    pub fn start_with_tls(
        dir: &Path,
        port: u16,
        tls_port: u16,
        certificate: &Path,
        key: &Path,
        body: &str,
    ) -> Kamailio {
        let listen = Listen::Tls {
            tls_port,
            certificate,
            key,
        };
        Kamailio::start_listening(dir, port, listen, body)
    }

    /// The transport tests' kamailio: UDP and TCP on a free port, TLS on the next one with a
    /// self-signed certificate for 127.0.0.1 made in `dir`, and [`transport_body`]'s routes.
    pub fn start_for_transports(dir: &Path) -> Kamailio {
        std::fs::create_dir_all(dir).unwrap();
        let issued = CertificateLab::in_dir(dir).self_signed("server", "IP:127.0.0.1");
        let port = free_port_block(2);
        let listen = Listen::Tls {
            tls_port: port + 1,
            certificate: &issued.certificate,
            key: &issued.key,
        };
        Kamailio::start_listening(dir, port, listen, &transport_body())
    }

    /// Writes `kamailio.cfg` (and `tls.cfg` for TLS) into `dir`, starts kamailio there, and
    /// returns once it is up (see [`Self::wait_started`]).
    pub fn start_listening(dir: &Path, port: u16, listen: Listen, body: &str) -> Kamailio {
        let program = require("kamailio", "kamailio");
        std::fs::create_dir_all(dir).unwrap();
        let mut tls = None;
        let (listens, tls_module) = match listen {
            Listen::Udp => (String::new(), String::new()),
            Listen::Tcp => (tcp_listen(port), String::new()),
            Listen::Tls {
                tls_port,
                certificate,
                key,
            } => {
                require_file(&Path::new(MODULES).join("tls.so"), "kamailio-tls-modules");
                let tls_cfg = dir.join("tls.cfg");
                std::fs::write(&tls_cfg, tls_config(certificate, key)).unwrap();
                tls = Some((tls_port, certificate.to_path_buf()));
                let listens = format!(
                    "{}enable_tls=yes\nlisten=tls:127.0.0.1:{tls_port}\n",
                    tcp_listen(port)
                );
                let module = format!(
                    "loadmodule \"tls.so\"\nmodparam(\"tls\", \"config\", \"{}\")\n",
                    tls_cfg.display()
                );
                (listens, module)
            }
        };
        let config = dir.join("kamailio.cfg");
        std::fs::write(&config, kamailio_config(port, &listens, &tls_module, body)).unwrap();

        let log = dir.join("kamailio.log");
        let out = std::fs::File::create(&log).unwrap();
        let mut command = Command::new(program);
        command
            .arg("-f")
            .arg(&config)
            .arg("-P")
            .arg(dir.join("kamailio.pid"))
            .arg("-Y")
            .arg(dir)
            .args(["-E", "-DD"])
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        let mut kamailio = Kamailio {
            child: ChildGuard::spawn("kamailio", &mut command),
            log,
            port,
            addr: loopback(port),
            tls,
        };
        let over_tcp = !listens.is_empty();
        kamailio.wait_started(over_tcp);
        kamailio
    }

    /// Waits until kamailio says it is listening and, when it takes TCP, until its TCP port
    /// accepts a connection: over TCP and TLS a refused connection fails a REGISTER at once
    /// (there is no retransmission to wait through as over UDP). Only the plain TCP port is
    /// probed: a connection to the TLS port that never shakes hands would be logged as a
    /// failed handshake, which tests count. Fails if kamailio exits or the liveness bound
    /// passes.
    fn wait_started(&mut self, over_tcp: bool) {
        let deadline = Instant::now() + LIVENESS;
        loop {
            let listening = self.log().contains("Listening on")
                && (!over_tcp || TcpStream::connect(self.addr).is_ok());
            if listening {
                return;
            }
            if let Some(status) = self.child.try_exit_status() {
                panic!("kamailio exited ({status}) at start:\n{}", self.log());
            }
            assert!(
                Instant::now() < deadline,
                "kamailio did not start listening on port {} within {} s:\n{}",
                self.port,
                LIVENESS.as_secs(),
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Everything kamailio has logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The TLS port. Panics unless kamailio was started with TLS.
    pub fn tls_port(&self) -> u16 {
        self.tls
            .as_ref()
            .expect("kamailio was started without TLS")
            .0
    }

    /// The certificate kamailio presents for TLS (PEM). Panics unless started with TLS.
    pub fn certificate(&self) -> &Path {
        &self
            .tls
            .as_ref()
            .expect("kamailio was started without TLS")
            .1
    }

    /// An outbound proxy URI for an account or baresip over `transport` (udp, tcp or tls).
    pub fn proxy(&self, transport: &str) -> String {
        let port = if transport == "tls" {
            self.tls_port()
        } else {
            self.port
        };
        format!("sip:127.0.0.1:{port};transport={transport}")
    }

    /// The transports (`udp`, `tcp`, `tls`) of every binding `user` saved, in order, from
    /// [`transport_body`]'s `BINDING` log lines.
    pub fn bindings(&self, user: &str) -> Vec<String> {
        let prefix = format!("BINDING {user} ");
        self.log()
            .lines()
            .filter_map(|line| line.split_once(&prefix))
            .filter_map(|(_, rest)| rest.split_whitespace().next().map(str::to_string))
            .collect()
    }

    /// [`Self::bindings`] once there is at least one: kamailio logs a binding just after its
    /// 200 OK has gone out, so Handset may report `registered` before the line is written.
    /// Gives up (returning none) after the liveness bound.
    pub fn wait_bindings(&self, user: &str) -> Vec<String> {
        let deadline = Instant::now() + LIVENESS;
        loop {
            let bindings = self.bindings(user);
            if !bindings.is_empty() || Instant::now() >= deadline {
                return bindings;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Where kamailio sent each initial INVITE: [`transport_body`]'s `ROUTING` lines.
    pub fn invite_routes(&self) -> Vec<String> {
        self.log()
            .lines()
            .filter_map(|line| line.split_once("ROUTING INVITE "))
            .map(|(_, rest)| rest.to_string())
            .collect()
    }

    /// TLS handshakes that a client broke off (a client that distrusts the certificate sends
    /// a fatal alert, which kamailio's tls module logs once per connection).
    pub fn failed_tls_handshakes(&self) -> usize {
        self.log().matches("TLS accept:error").count()
    }
}

impl Drop for Kamailio {
    fn drop(&mut self) {
        // SIGTERM lets kamailio's main process stop its workers; a SIGKILL would orphan them.
        self.child.terminate(LIVENESS);
    }
}

/// How many REGISTERs kamailio has seen, from a log of [`registrar_body`] or
/// [`transport_body`].
pub fn registers_seen(log: &str) -> usize {
    log.matches("REGISTER-SEEN").count()
}

/// Waits until kamailio's log (read by `log`) shows `user` registered, from a log of
/// [`registrar_body`] or [`transport_body`]. Fails after the liveness bound.
pub fn wait_registered(log: impl Fn() -> String, user: &str) {
    let wanted = format!("REGISTERED-USER {user}\n");
    let deadline = Instant::now() + LIVENESS;
    while !log().contains(&wanted) {
        assert!(
            Instant::now() < deadline,
            "{user} did not register with kamailio within {} s\n{}",
            LIVENESS.as_secs(),
            log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// TCP on `port`; connections a client opened are reused for requests to it when its Via
/// offers them (`alias`, RFC 5923).
fn tcp_listen(port: u16) -> String {
    format!("listen=tcp:127.0.0.1:{port}\ntcp_accept_aliases=yes\n")
}

/// The tls module's configuration: our certificate, and no client certificates asked for.
fn tls_config(certificate: &Path, key: &Path) -> String {
    format!(
        "[server:default]\n\
         method = TLSv1.2+\n\
         verify_certificate = no\n\
         require_certificate = no\n\
         private_key = {}\n\
         certificate = {}\n\
         \n\
         [client:default]\n\
         method = TLSv1.2+\n\
         verify_certificate = no\n\
         require_certificate = no\n",
        key.display(),
        certificate.display()
    )
}

/// The modules and users every test kamailio has, then `body`.
fn kamailio_config(port: u16, more_listens: &str, tls_module: &str, body: &str) -> String {
    format!(
        r#"#!KAMAILIO
debug=1
log_stderror=yes
children=1
tcp_children=1
listen=udp:127.0.0.1:{port}
{more_listens}auto_aliases=no
alias="sip.test"
mpath="{MODULES}/"
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
{tls_module}modparam("usrloc", "db_mode", 0)
modparam("htable", "htable", "users=>size=4;")
event_route[htable:mod-init] {{ $sht(users=>alice) = "alicepw"; $sht(users=>bob) = "bobpw"; }}
{body}
"#
    )
}
