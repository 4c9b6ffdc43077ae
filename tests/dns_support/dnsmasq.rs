//! A private dnsmasq (Debian dnsmasq-base) serving a test zone on a loopback port, started
//! in the foreground per test and stopped when dropped. It answers only from its command
//! line: names under `.test` it does not know are NXDOMAIN, known names without the asked
//! record type are NODATA.

use crate::common::ports::free_port_block;
use crate::common::process::ChildGuard;
use crate::common::tools::{find_on_path, require};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A running dnsmasq.
pub struct Dnsmasq {
    child: ChildGuard,
    log: PathBuf,
    pub addr: SocketAddr,
}

/// What the zone holds, in dnsmasq's own option syntax.
#[derive(Default)]
pub struct Zone {
    options: Vec<String>,
}

impl Zone {
    /// An SRV record `name` → `target:port` with `priority` and `weight`.
    pub fn srv(mut self, name: &str, target: &str, port: u16, priority: u16, weight: u16) -> Self {
        self.options.push(format!(
            "--srv-host={name},{target},{port},{priority},{weight}"
        ));
        self
    }

    /// A NAPTR record with flag `s` (the replacement is an SRV name).
    pub fn naptr(
        mut self,
        name: &str,
        order: u16,
        preference: u16,
        service: &str,
        srv: &str,
    ) -> Self {
        self.options.push(format!(
            "--naptr-record={name},{order},{preference},s,{service},,{srv}"
        ));
        self
    }

    /// A and/or AAAA records for `name`.
    pub fn host(mut self, name: &str, addresses: &[&str]) -> Self {
        self.options
            .push(format!("--host-record={name},{}", addresses.join(",")));
        self
    }

    /// `name` exists (it has a TXT record) but has no address, SRV or NAPTR record.
    pub fn existing(mut self, name: &str) -> Self {
        self.options.push(format!("--txt-record={name},exists"));
        self
    }
}

impl Dnsmasq {
    /// Starts dnsmasq on a free loopback port with `zone`, logging queries to `dir`.
    pub fn start(dir: &Path, zone: Zone) -> Dnsmasq {
        // /usr/sbin is not on an ordinary user's PATH.
        let program =
            find_on_path("/usr/sbin/dnsmasq").unwrap_or_else(|| require("dnsmasq", "dnsmasq-base"));
        std::fs::create_dir_all(dir).unwrap();
        let port = free_port_block(1);
        let log = dir.join("dnsmasq.log");
        let out = std::fs::File::create(&log).unwrap();
        let mut command = Command::new(program);
        command
            .args([
                "--keep-in-foreground",
                &format!("--port={port}"),
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                // Only what is given here: no upstream servers, no /etc/hosts, no config file.
                "--no-resolv",
                "--no-hosts",
                "--conf-file=/dev/null",
                "--pid-file=",
                // Unknown names under .test are NXDOMAIN rather than "refused".
                "--local=/test/",
                "--log-facility=-",
                "--log-queries",
            ])
            .args(&zone.options)
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        // As root, dnsmasq switches to user "nobody", who could not write the log file we
        // handed it; an ordinary user keeps running as itself.
        if is_root() {
            command.arg("--user=root");
        }
        let child = ChildGuard::spawn("dnsmasq", &mut command);
        let mut dnsmasq = Dnsmasq {
            child,
            log,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        };
        dnsmasq.wait_started();
        dnsmasq
    }

    /// dnsmasq logs "started" once its sockets are bound. Liveness bound: 20 s.
    fn wait_started(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.log().contains("started, version") {
            if let Some(status) = self.child.try_exit_status() {
                panic!("dnsmasq exited ({status}):\n{}", self.log());
            }
            assert!(
                Instant::now() < deadline,
                "dnsmasq did not start within 20 s:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// Whether we run as root (uid 0), from /proc so no extra crate is needed.
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2).map(|uid| uid == "0"))
        })
        .unwrap_or(false)
}

impl Drop for Dnsmasq {
    fn drop(&mut self) {
        self.child.terminate(Duration::from_secs(5));
    }
}
