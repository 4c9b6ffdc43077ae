//! A kamailio registrar and proxy listening on UDP, TCP and TLS, with a self-signed
//! certificate made at test time, for the transport tests.
//!
//! Include it next to `mod common;` as
//! `#[path = "common/kamailio_tls.rs"] mod kamailio_tls;` (it uses `crate::common`).
//! Users alice/alicepw and bob/bobpw, realm and domain sip.test, as in
//! `tests/common/kamailio.rs`, whose REGISTER-SEEN and REGISTERED-USER log lines it keeps, so
//! `registers_seen` and `wait_registered` work on its log too.

use crate::common::certs::CertificateLab;
use crate::common::ports::free_port_block;
use crate::common::process::ChildGuard;
use crate::common::tools::require;
use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MODULES: &str = "/usr/lib/x86_64-linux-gnu/kamailio/modules";

/// A running kamailio: UDP and TCP on `port`, TLS on `tls_port`.
pub struct TransportKamailio {
    child: ChildGuard,
    log: PathBuf,
    pub port: u16,
    pub tls_port: u16,
    /// The server's self-signed certificate (PEM, CN and subjectAltName 127.0.0.1).
    pub certificate: PathBuf,
}

impl TransportKamailio {
    /// Makes a certificate, writes `tls.cfg` and `kamailio.cfg` into `dir` and starts
    /// kamailio there; returns once its TCP listener accepts connections.
    pub fn start(dir: &Path) -> TransportKamailio {
        std::fs::create_dir_all(dir).unwrap();
        let program = require("kamailio", "kamailio");
        assert!(
            Path::new(MODULES).join("tls.so").exists(),
            "kamailio's tls module is missing: apt-get install kamailio-tls-modules"
        );
        let (certificate, key) = self_signed_certificate(dir);
        let tls_cfg = dir.join("tls.cfg");
        std::fs::write(&tls_cfg, tls_config(&certificate, &key)).unwrap();
        let base = free_port_block(2);
        let (port, tls_port) = (base, base + 1);
        let config = dir.join("kamailio.cfg");
        std::fs::write(&config, kamailio_config(port, tls_port, &tls_cfg)).unwrap();

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
        let child = ChildGuard::spawn("kamailio", &mut command);
        let mut kamailio = TransportKamailio {
            child,
            log,
            port,
            tls_port,
            certificate,
        };
        kamailio.wait_listening();
        kamailio
    }

    /// Only the plain TCP port is probed: a connection to the TLS port that never shakes
    /// hands would be logged as a failed handshake, which the tests count.
    fn wait_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            if let Some(status) = self.child.try_exit_status() {
                panic!("kamailio exited ({status}) at start:\n{}", self.log());
            }
            assert!(
                Instant::now() < deadline,
                "kamailio's TCP port {} did not open within 20 s:\n{}",
                self.port,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// An outbound proxy URI for an account or baresip over `transport` (udp, tcp or tls).
    pub fn proxy(&self, transport: &str) -> String {
        let port = if transport == "tls" {
            self.tls_port
        } else {
            self.port
        };
        format!("sip:127.0.0.1:{port};transport={transport}")
    }

    /// The transports (`udp`, `tcp`, `tls`) of every binding `user` saved, in order.
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
    /// Gives up (returning none) after a liveness bound of 20 s.
    pub fn wait_bindings(&self, user: &str) -> Vec<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let bindings = self.bindings(user);
            if !bindings.is_empty() || std::time::Instant::now() >= deadline {
                return bindings;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// Where kamailio sent each initial INVITE: its `ROUTING` lines.
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

impl Drop for TransportKamailio {
    fn drop(&mut self) {
        // SIGTERM lets kamailio's main process stop its workers; a SIGKILL would orphan them.
        self.child.terminate(Duration::from_secs(5));
    }
}

/// A self-signed certificate for 127.0.0.1 (as IP subjectAltName, what rustls checks) in
/// `dir`: `server.pem` and `server.key`.
pub fn self_signed_certificate(dir: &Path) -> (PathBuf, PathBuf) {
    let issued = CertificateLab::in_dir(dir).self_signed("server", "IP:127.0.0.1");
    (issued.certificate, issued.key)
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

fn kamailio_config(port: u16, tls_port: u16, tls_cfg: &Path) -> String {
    format!(
        r#"#!KAMAILIO
debug=1
log_stderror=yes
children=1
tcp_children=1
listen=udp:127.0.0.1:{port}
listen=tcp:127.0.0.1:{port}
listen=tls:127.0.0.1:{tls_port}
enable_tls=yes
auto_aliases=no
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
loadmodule "xlog.so"
loadmodule "nathelper.so"
loadmodule "tls.so"
modparam("tls", "config", "{tls_cfg}")
modparam("usrloc", "db_mode", 0)
modparam("htable", "htable", "users=>size=4;")
modparam("registrar", "min_expires", 2)
modparam("auth", "nonce_count", 1)
# NAT handling as a provider does it for clients on TCP and TLS, which cannot be reached by
# a new connection (they usually listen on no port, and never for TLS): nathelper's
# fix_nated_register() stores the address a REGISTER came from (the client's connection) as
# the binding's `received`, and lookup() then sends requests for that user to that address,
# where kamailio reuses the open connection. For dialogs, set_contact_alias() tags the
# callee's Contact in its replies with the connection's address, and handle_ruri_alias()
# routes in-dialog requests (ACK, BYE) back down that same connection.
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("registrar", "received_avp", "$avp(RECEIVED)")
event_route[htable:mod-init] {{ $sht(users=>alice) = "alicepw"; $sht(users=>bob) = "bobpw"; }}
request_route {{
    if (!mf_process_maxfwd_header("10")) {{ sl_send_reply("483", "Too Many Hops"); exit; }}
    if (is_method("REGISTER")) {{
        xlog("L_ALERT", "REGISTER-SEEN from $fU\n");
        if ($sht(users=>$fU) == $null || !pv_www_authenticate("$fd", "$sht(users=>$fU)", "0")) {{
            www_challenge("$fd", "1");
            exit;
        }}
        consume_credentials();
        if (proto == TCP || proto == TLS) {{ fix_nated_register(); }}
        save("location");
        xlog("L_ALERT", "REGISTERED-USER $fU\n");
        xlog("L_ALERT", "BINDING $fU $proto $si:$sp $ct\n");
        exit;
    }}
    if (has_totag()) {{
        if (loose_route()) {{
            if ($du == $null) {{ handle_ruri_alias(); }}
            t_relay();
            exit;
        }}
        if (is_method("ACK")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
        sl_send_reply("404", "Not here");
        exit;
    }}
    if (is_method("CANCEL")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
    if (is_method("INVITE")) {{
        if ($sht(users=>$fU) == $null || !pv_proxy_authenticate("$fd", "$sht(users=>$fU)", "0")) {{
            proxy_challenge("$fd", "1");
            exit;
        }}
        consume_credentials();
        remove_hf("Route");
        record_route();
        t_on_reply("CONTACT_ALIAS");
    }}
    if (!lookup("location")) {{ sl_send_reply("404", "Not Found"); exit; }}
    xlog("L_ALERT", "ROUTING $rm to $ru via $du\n");
    t_relay();
}}
onreply_route[CONTACT_ALIAS] {{
    if ((proto == TCP || proto == TLS) && status =~ "^(1|2)") {{ set_contact_alias(); }}
}}
"#,
        tls_cfg = tls_cfg.display()
    )
}

/// Writes a Handset account folder (`--config DIR`: `config.toml` and a 0600 `secrets.toml`)
/// for `user`@sip.test sent via `kamailio` over `transport` ("udp", "tcp" or "tls"),
/// trusting `certificate` for TLS when given.
pub fn write_transport_account(
    dir: &Path,
    user: &str,
    password: &str,
    kamailio: &TransportKamailio,
    transport: &str,
    certificate: Option<&Path>,
) {
    std::fs::create_dir_all(dir).unwrap();
    let trusted = certificate
        .map(|path| format!("trusted_certificate = \"{}\"\n", path.display()))
        .unwrap_or_default();
    let config = format!(
        r#"version = 1
default_account = 1

[[accounts]]
id = 1
display_name = "Test {user}"
user = "{user}"
domain = "sip.test"
outbound_proxy = "{proxy}"
transport = "{transport}"
register = true
expires = 300
enabled = true
password_storage = "file"
{trusted}"#,
        proxy = kamailio.proxy(transport)
    );
    std::fs::write(dir.join("config.toml"), config).unwrap();
    let secrets = dir.join("secrets.toml");
    std::fs::write(&secrets, format!("[passwords]\n1 = \"{password}\"\n")).unwrap();
    std::fs::set_permissions(&secrets, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// A TLS handshake with `openssl s_client` that verifies the server against `certificate`;
/// returns s_client's output.
pub fn openssl_handshake(port: u16, certificate: &Path) -> String {
    let openssl = require("openssl", "openssl");
    let output = Command::new(openssl)
        .args(["s_client", "-connect", &format!("127.0.0.1:{port}")])
        .args(["-verify_return_error", "-verify_ip", "127.0.0.1", "-CAfile"])
        .arg(certificate)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Registers a baresip as `user` over `transport` ("tcp" or "tls", the latter trusting the
/// kamailio's certificate with `sip_cafile`), waits until kamailio saved that binding, and
/// stops baresip. A check of kamailio from outside Handset.
pub fn baresip_registers(
    dir: &Path,
    kamailio: &TransportKamailio,
    user: &str,
    password: &str,
    transport: &str,
) {
    let program = require("baresip", "baresip");
    std::fs::create_dir_all(dir).unwrap();
    // baresip also binds TLS on the SIP port + 1.
    let sip_port = free_port_block(2);
    let config = format!(
        "poll_method\tepoll\n\
         sip_listen\t127.0.0.1:{sip_port}\n\
         net_interface\t127.0.0.1\n\
         sip_cafile\t{}\n\
         module_path\t/usr/lib/baresip/modules\n\
         module_app\taccount.so\n",
        kamailio.certificate.display()
    );
    std::fs::write(dir.join("config"), config).unwrap();
    let account = format!(
        "<sip:{user}@sip.test;transport={transport}>;auth_pass={password};\
         outbound=\"{};lr\";regint=60\n",
        kamailio.proxy(transport)
    );
    std::fs::write(dir.join("accounts"), account).unwrap();
    std::fs::write(dir.join("contacts"), "").unwrap();
    let log = std::fs::File::create(dir.join("baresip.log")).unwrap();
    let mut command = Command::new(program);
    command
        .arg("-f")
        .arg(dir)
        .arg("-s")
        .env("HOME", dir)
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    let mut baresip = ChildGuard::spawn(&format!("baresip {user} over {transport}"), &mut command);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !kamailio.bindings(user).iter().any(|t| t == transport) {
        if Instant::now() >= deadline || baresip.try_exit_status().is_some() {
            panic!(
                "baresip did not register {user} over {transport} within 20 s\n\
                 kamailio:\n{}\nbaresip:\n{}",
                kamailio.log(),
                std::fs::read_to_string(dir.join("baresip.log")).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    baresip.terminate(Duration::from_secs(5));
}
