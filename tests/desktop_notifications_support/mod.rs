//! A private desktop session for the notification tests: its own D-Bus session bus (with no
//! service activation, so nothing of the machine's starts on it), a watcher that records the
//! bus traffic as `dbus-monitor` prints it, and optionally a real dunst on a private X server
//! whose context menu runs a script that picks the action a test names, as a user's click.
//!
//! Every process is stopped by its own PID when its guard drops.

#![allow(dead_code)] // each test file uses a different part

use crate::common::process::ChildGuard;
use crate::common::tools::require;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Liveness bound for anything on the bus; not a performance check.
pub const BOUND: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);

/// A dbus-daemon of our own, for one test.
pub struct SessionBus {
    _daemon: ChildGuard,
    pub address: String,
}

impl SessionBus {
    pub fn start(dir: &Path) -> SessionBus {
        let program = require("dbus-daemon", "dbus");
        std::fs::create_dir_all(dir).unwrap();
        let socket = dir.join("bus");
        // A session bus without <servicedir>: a Notify sent before our dunst is up must fail,
        // not start the machine's own notification daemon.
        let config = dir.join("session.conf");
        std::fs::write(
            &config,
            format!(
                "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN\"\n\
                 \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n\
                 <busconfig><type>session</type><listen>unix:path={}</listen>\n\
                 <policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>\n\
                 <allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n",
                socket.display()
            ),
        )
        .unwrap();
        let mut command = Command::new(program);
        command
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut daemon = ChildGuard::spawn("dbus-daemon", &mut command);
        let stdout = daemon.child_mut().stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let address = line.trim().to_owned();
        assert!(
            address.starts_with("unix:"),
            "dbus-daemon printed no address: {line:?}"
        );
        SessionBus {
            _daemon: daemon,
            address,
        }
    }

    /// Environment for a client of this bus.
    pub fn env(&self) -> (String, String) {
        ("DBUS_SESSION_BUS_ADDRESS".to_owned(), self.address.clone())
    }

    /// Whether someone owns `name` on this bus now.
    pub fn has_owner(&self, name: &str) -> bool {
        let output = Command::new("dbus-send")
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                &format!("string:{name}"),
            ])
            .output()
            .expect("run dbus-send (package dbus)");
        String::from_utf8_lossy(&output.stdout).contains("boolean true")
    }

    pub fn wait_for_owner(&self, name: &str) {
        let deadline = Instant::now() + BOUND;
        while !self.has_owner(name) {
            assert!(Instant::now() < deadline, "nobody took {name} on the bus");
            std::thread::sleep(POLL);
        }
    }
}

/// `dbus-monitor` on the notification interface: every message as it printed it, one block
/// per message (a header line, then its arguments).
pub struct BusWatch {
    _monitor: ChildGuard,
    text: Arc<Mutex<String>>,
}

impl BusWatch {
    pub fn start(bus: &SessionBus) -> BusWatch {
        let program = require("dbus-monitor", "dbus");
        let mut command = Command::new(program);
        command
            .args([
                "--address",
                &bus.address,
                "interface='org.freedesktop.Notifications'",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut monitor = ChildGuard::spawn("dbus-monitor", &mut command);
        let stdout = monitor.child_mut().stdout.take().unwrap();
        let text = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&text);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Ok(mut text) = sink.lock() {
                    text.push_str(&line);
                    text.push('\n');
                }
            }
        });
        let watch = BusWatch {
            _monitor: monitor,
            text,
        };
        // dbus-monitor says it has become a monitor with a NameLost signal of its own; wait
        // for its first output so no message of the test is sent before it listens.
        let deadline = Instant::now() + BOUND;
        while watch.text().is_empty() {
            assert!(Instant::now() < deadline, "dbus-monitor printed nothing");
            std::thread::sleep(POLL);
        }
        watch
    }

    pub fn text(&self) -> String {
        self.text.lock().map(|t| t.clone()).unwrap_or_default()
    }

    /// The messages seen so far whose header names `member` (`Notify`, `CloseNotification`,
    /// `ActionInvoked`...), each with its arguments.
    pub fn messages(&self, member: &str) -> Vec<String> {
        let marker = format!("member={member}");
        split_messages(&self.text())
            .into_iter()
            .filter(|block| block.lines().next().is_some_and(|l| l.contains(&marker)))
            .collect()
    }

    /// Waits until `count` messages for `member` satisfy `check`; returns them.
    pub fn wait_for(
        &self,
        member: &str,
        count: usize,
        what: &str,
        check: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        let deadline = Instant::now() + BOUND;
        loop {
            let found: Vec<String> = self
                .messages(member)
                .into_iter()
                .filter(|m| check(m))
                .collect();
            if found.len() >= count {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {what} on the bus; the traffic was:\n{}",
                self.text()
            );
            std::thread::sleep(POLL);
        }
    }
}

fn split_messages(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    for line in text.lines() {
        let starts = ["method call", "method return", "signal", "error"]
            .iter()
            .any(|kind| line.starts_with(kind));
        if starts || blocks.is_empty() {
            blocks.push(String::new());
        }
        if let Some(block) = blocks.last_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks
}

/// A real dunst on a private X server, on `bus`. Its context menu (`dunstctl context`) runs
/// a script that picks the menu line holding the text in `pick`, exactly as dunst's `dmenu`
/// setting runs dmenu or rofi for a user.
pub struct Dunst {
    _dunst: ChildGuard,
    _x: crate::gui_support::Xvfb,
    dir: PathBuf,
    bus_address: String,
}

impl Dunst {
    pub fn start(dir: &Path, bus: &SessionBus) -> Dunst {
        let program = require("dunst", "dunst");
        require("dunstctl", "dunst");
        require("Xvfb", "xvfb");
        let x = crate::gui_support::Xvfb::start();
        std::fs::create_dir_all(dir.join("config/dunst")).unwrap();
        let pick = dir.join("pick");
        std::fs::write(&pick, "nothing").unwrap();
        let script = dir.join("pick.sh");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\ntee -a {menu} | grep -i -m1 -F -- \"$(cat {pick})\"\n",
                menu = dir.join("menu.txt").display(),
                pick = pick.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(
            dir.join("config/dunst/dunstrc"),
            format!("[global]\n    dmenu = {}\n", script.display()),
        )
        .unwrap();
        let log = std::fs::File::create(dir.join("dunst.log")).unwrap();
        let mut command = Command::new(program);
        command
            .env("DISPLAY", &x.display)
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log);
        let dunst = ChildGuard::spawn("dunst", &mut command);
        bus.wait_for_owner("org.freedesktop.Notifications");
        Dunst {
            _dunst: dunst,
            _x: x,
            dir: dir.to_path_buf(),
            bus_address: bus.address.clone(),
        }
    }

    fn dunstctl(&self, args: &[&str]) -> String {
        let output = Command::new("dunstctl")
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address)
            .args(args)
            .output()
            .expect("run dunstctl (package dunst)");
        assert!(
            output.status.success(),
            "dunstctl {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// How many notifications are on screen.
    pub fn displayed(&self) -> usize {
        self.dunstctl(&["count", "displayed"])
            .trim()
            .parse()
            .unwrap_or(usize::MAX)
    }

    pub fn wait_displayed(&self, count: usize) {
        let deadline = Instant::now() + BOUND;
        loop {
            let now = self.displayed();
            if now == count {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "dunst shows {now} notifications, expected {count}; its log:\n{}",
                std::fs::read_to_string(self.dir.join("dunst.log")).unwrap_or_default()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Open dunst's context menu and pick the line that holds `label`, as a user would.
    pub fn pick(&self, label: &str) {
        std::fs::write(self.dir.join("pick"), label).unwrap();
        self.dunstctl(&["context"]);
    }

    /// What dunst offered in its context menus so far.
    pub fn menus_offered(&self) -> String {
        std::fs::read_to_string(self.dir.join("menu.txt")).unwrap_or_default()
    }
}

/// The environment Handset needs to speak English on this bus, and say how long each
/// notification took to come up.
pub fn handset_env(bus: &SessionBus) -> Vec<(String, String)> {
    vec![
        bus.env(),
        ("LC_ALL".to_owned(), "en_US.UTF-8".to_owned()),
        ("LANG".to_owned(), "en_US.UTF-8".to_owned()),
        ("HANDSET_LOG".to_owned(), "handset=info".to_owned()),
    ]
}
