//! REGISTER against a real kamailio (started by the test, passwords in an htable): digest
//! with MD5 without qop (RFC 2069 form), SHA-256 with qop=auth and nonce-count checking across
//! refreshes, 423 Min-Expires, and a wrong password that stops after two REGISTERs.
//! The agent runs on a real loopback socket in real time.

use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use handset::sip::{
    AccountEvent, Credentials, Output, RegFailure, RegistrationConfig, RegistrationEvent, UaConfig,
    UserAgent,
};

/// A kamailio started by a test, logging to a file; stopped with SIGTERM (so it takes its
/// worker processes down with it) when dropped.
struct Kamailio {
    child: std::process::Child,
    log: std::path::PathBuf,
}

impl Kamailio {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Kamailio {
    fn drop(&mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0")
        .and_then(|s| s.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// kamailio as registrar for realm `sip.test`; alice's password is `alicepw`.
fn start_kamailio(dir: &std::path::Path, port: u16, algorithm: &str, qop_flag: &str) -> Kamailio {
    let config = format!(
        r#"#!KAMAILIO
debug=1
log_stderror=yes
children=1
listen=udp:127.0.0.1:{port}
auto_aliases=no
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "sanity.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "auth.so"
loadmodule "htable.so"
loadmodule "pv.so"
modparam("usrloc", "db_mode", 0)
modparam("registrar", "min_expires", 2)
modparam("registrar", "min_expires_mode", 1)
modparam("auth", "algorithm", "{algorithm}")
modparam("auth", "nonce_count", 1)
modparam("htable", "htable", "users=>size=4;")
event_route[htable:mod-init] {{ $sht(users=>alice) = "alicepw"; }}
request_route {{
    if (!mf_process_maxfwd_header("10")) {{ sl_send_reply("483", "Too Many Hops"); exit; }}
    if (is_method("REGISTER")) {{
        if ($sht(users=>$fU) == $null || !pv_www_authenticate("$fd", "$sht(users=>$fU)", "0")) {{
            www_challenge("$fd", "{qop_flag}");
            exit;
        }}
        consume_credentials();
        save("location");
        exit;
    }}
    sl_send_reply("405", "Method Not Allowed");
}}
"#
    );
    let path = dir.join("kamailio.cfg");
    std::fs::write(&path, config).unwrap();
    let path = path.to_string_lossy().into_owned();
    let pid = dir.join("kamailio.pid").to_string_lossy().into_owned();
    let runtime = dir.to_string_lossy().into_owned();
    let log = dir.join("kamailio.log");
    let out = std::fs::File::create(&log).unwrap();
    let child = std::process::Command::new("kamailio")
        .args(["-f", &path, "-P", &pid, "-Y", &runtime, "-E", "-DD"])
        .stdin(std::process::Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run kamailio ({e}): apt-get install kamailio"));
    Kamailio { child, log }
}

struct Agent {
    socket: UdpSocket,
    ua: UserAgent,
    start: Instant,
    /// First lines and Authorization values of every REGISTER we sent.
    registers: Vec<String>,
    events: Vec<RegistrationEvent>,
}

impl Agent {
    fn new() -> Self {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        let local = socket.local_addr().unwrap();
        let config = UaConfig {
            local_addr: local,
            user: "alice".into(),
            display_name: None,
            user_agent: "Handset-test".into(),
        };
        Self {
            socket,
            ua: UserAgent::new(config, 5),
            start: Instant::now(),
            registers: Vec::new(),
            events: Vec::new(),
        }
    }

    fn now(&self) -> Duration {
        self.start.elapsed()
    }

    /// Drive the agent until `done` holds for the events so far, or `limit` passes.
    fn run(&mut self, limit: Duration, done: impl Fn(&[RegistrationEvent]) -> bool) -> bool {
        let deadline = Instant::now() + limit;
        let mut buf = vec![0u8; 65_535];
        while Instant::now() < deadline {
            while let Some(output) = self.ua.poll_output() {
                if let Output::Transmit(t) = output {
                    let text = String::from_utf8_lossy(&t.payload).into_owned();
                    if text.starts_with("REGISTER ") {
                        self.registers.push(text);
                    }
                    self.socket.send_to(&t.payload, t.destination).unwrap();
                }
            }
            while let Some(event) = self.ua.poll_account_event() {
                if let AccountEvent::Registration { event, .. } = event {
                    self.events.push(event);
                }
            }
            if done(&self.events) {
                return true;
            }
            let now = self.now();
            let wait = self
                .ua
                .poll_timeout()
                .map_or(Duration::from_millis(50), |t| t.saturating_sub(now))
                .clamp(Duration::from_millis(1), Duration::from_millis(50));
            self.socket.set_read_timeout(Some(wait)).unwrap();
            if let Ok((len, from)) = self.socket.recv_from(&mut buf) {
                let now = self.now();
                self.ua.handle_datagram(now, from, &buf[..len]);
            }
            let now = self.now();
            if self.ua.poll_timeout().is_some_and(|t| t <= now) {
                self.ua.handle_timeout(now);
            }
        }
        false
    }
}

fn account(port: u16, password: &str, expires: u32) -> RegistrationConfig {
    RegistrationConfig {
        registrar_uri: "sip:sip.test".into(),
        aor: "sip:alice@sip.test".into(),
        display_name: None,
        contact_user: "alice".into(),
        expires,
        instance_id: Some("6f1a7d2e-8c4b-4f0e-9a51-0d3c2b1a0f9e".into()),
        reg_id: None,
        credentials: Some(Credentials::new("alice", password)),
        destination: SocketAddr::from(([127, 0, 0, 1], port)),
        routes: Vec::new(),
    }
}

fn count_registered(events: &[RegistrationEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, RegistrationEvent::Registered { .. }))
        .count()
}

fn authorization_of(register: &str) -> String {
    register
        .lines()
        .find_map(|l| l.strip_prefix("Authorization: "))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn md5_without_qop_registers() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let kamailio = start_kamailio(dir.path(), port, "MD5", "0");
    let mut agent = Agent::new();
    let now = agent.now();
    agent
        .ua
        .register(now, account(port, "alicepw", 60))
        .unwrap();
    let ok = agent.run(Duration::from_secs(15), |e| count_registered(e) >= 1);
    assert!(
        ok,
        "{:?}\n{:?}\n{}",
        agent.events,
        agent.registers,
        kamailio.log()
    );
    let credentials = authorization_of(agent.registers.last().unwrap());
    assert!(!credentials.contains("qop="), "{credentials}");
    assert!(credentials.contains("algorithm=MD5"), "{credentials}");
}

#[test]
fn sha256_with_qop_registers_and_refreshes_with_counted_nonces() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let kamailio = start_kamailio(dir.path(), port, "SHA-256", "1");
    let mut agent = Agent::new();
    let now = agent.now();
    // 4 s bindings are refreshed every 2 s, reusing the nonce with nc 2, 3 ...
    agent.ua.register(now, account(port, "alicepw", 4)).unwrap();
    let ok = agent.run(Duration::from_secs(30), |e| count_registered(e) >= 3);
    assert!(
        ok,
        "{:?}\n{:?}\n{}",
        agent.events,
        agent.registers,
        kamailio.log()
    );
    assert!(!agent
        .events
        .iter()
        .any(|e| matches!(e, RegistrationEvent::Failed { .. })));
    let credentials = authorization_of(agent.registers.last().unwrap());
    assert!(credentials.contains("algorithm=SHA-256"), "{credentials}");
    assert!(credentials.contains("qop=auth"), "{credentials}");
    // kamailio checks nonce counts: the refreshes reused the nonce and were accepted.
    assert!(
        agent
            .registers
            .iter()
            .any(|r| authorization_of(r).contains("nc=00000002")),
        "{:?}",
        agent.registers
    );
}

#[test]
fn interval_too_brief_from_kamailio_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let kamailio = start_kamailio(dir.path(), port, "MD5", "1");
    let mut agent = Agent::new();
    let now = agent.now();
    agent.ua.register(now, account(port, "alicepw", 1)).unwrap();
    let ok = agent.run(Duration::from_secs(15), |e| count_registered(e) >= 1);
    assert!(
        ok,
        "{:?}\n{:?}\n{}",
        agent.events,
        agent.registers,
        kamailio.log()
    );
    assert!(
        agent
            .registers
            .last()
            .unwrap()
            .contains("\r\nExpires: 2\r\n"),
        "{}",
        agent.registers.last().unwrap()
    );
}

#[test]
fn wrong_password_stops_after_two_registers() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let _kamailio = start_kamailio(dir.path(), port, "MD5", "1");
    let mut agent = Agent::new();
    let now = agent.now();
    agent
        .ua
        .register(now, account(port, "not-alicepw", 60))
        .unwrap();
    let failed = |e: &[RegistrationEvent]| {
        e.iter()
            .any(|e| matches!(e, RegistrationEvent::Failed { .. }))
    };
    assert!(
        agent.run(Duration::from_secs(15), failed),
        "{:?}",
        agent.events
    );
    // Keep listening a while: nothing more goes out.
    agent.run(Duration::from_secs(3), |_| false);
    assert_eq!(
        agent.events.last(),
        Some(&RegistrationEvent::Failed {
            reason: RegFailure::AuthFailed,
            retry_at: None
        })
    );
    let distinct: std::collections::BTreeSet<&str> = agent
        .registers
        .iter()
        .filter_map(|r| r.lines().find(|l| l.starts_with("CSeq: ")))
        .collect();
    assert_eq!(distinct.len(), 2, "{:?}", agent.registers);
}
