//! A private, real Secret Service for tests: a `dbus-daemon` of our own (no service
//! activation, so nothing else answers) and `gnome-keyring-daemon` unlocked with a throwaway
//! password. Tests that use it, or change `DBUS_SESSION_BUS_ADDRESS`, hold [`ENV_LOCK`] (the
//! session holds it for its lifetime), because the variable is process-wide.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

pub static ENV_LOCK: Mutex<()> = Mutex::new(());

pub fn lock_env() -> MutexGuard<'static, ()> {
    ENV_LOCK
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Fails the test, naming the Debian package, when a tool is missing.
pub fn require_tool(tool: &str, package: &str) {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "{tool} is missing: install the Debian package {package} (apt-get install {package})"
    );
}

const BUS_CONFIG: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=DIR</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

pub struct KeyringSession {
    bus: Child,
    keyring: Option<Child>,
    /// The bus socket, and the keyring daemon's HOME; not a Handset folder.
    dir: tempfile::TempDir,
    pub address: String,
    previous_address: Option<std::ffi::OsString>,
    _env: MutexGuard<'static, ()>,
}

impl KeyringSession {
    /// The bus and an unlocked gnome-keyring on it.
    pub fn start() -> Self {
        require_tool("gnome-keyring-daemon", "gnome-keyring");
        require_tool("secret-tool", "libsecret-tools");
        let mut session = Self::start_bus_only();
        let home = session.dir.path().join("home");
        let runtime = session.dir.path().join("run");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&runtime).unwrap();
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("HOME", &home)
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("DBUS_SESSION_BUS_ADDRESS", &session.address)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start gnome-keyring-daemon");
        let stdin = keyring.stdin.take();
        session.keyring = Some(keyring);
        // Closing stdin ends the unlock password.
        stdin
            .unwrap()
            .write_all(b"throwaway-keyring-password")
            .unwrap();
        session.wait_for_secret_service();
        session
    }

    /// A private session bus with no Secret Service on it, as on a desktop without a keyring.
    pub fn start_bus_only() -> Self {
        require_tool("dbus-daemon", "dbus-daemon");
        require_tool("dbus-send", "dbus-bin");
        let env = lock_env();
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("bus.conf");
        std::fs::write(
            &config,
            BUS_CONFIG.replace("DIR", &dir.path().to_string_lossy()),
        )
        .unwrap();
        let mut bus = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-daemon");
        let stdout = bus.stdout.take();
        let mut session = KeyringSession {
            bus,
            keyring: None,
            dir,
            address: String::new(),
            previous_address: std::env::var_os("DBUS_SESSION_BUS_ADDRESS"),
            _env: env,
        };
        let mut address = String::new();
        BufReader::new(stdout.unwrap())
            .read_line(&mut address)
            .unwrap();
        let address = address.trim().to_string();
        assert!(!address.is_empty(), "dbus-daemon printed no address");
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);
        session.address = address;
        session
    }

    /// Readiness, not timing: poll until the daemon owns its bus name (at most ~20 s).
    fn wait_for_secret_service(&self) {
        for _ in 0..400 {
            let reply = Command::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
                .output()
                .unwrap();
            if String::from_utf8_lossy(&reply.stdout).contains("boolean true") {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("gnome-keyring-daemon did not take org.freedesktop.secrets on the private bus");
    }

    /// `secret-tool lookup ATTR VALUE...` on the private bus; `None` when nothing matches.
    pub fn secret_tool_lookup(&self, attributes: &[&str]) -> Option<String> {
        let output = self
            .secret_tool()
            .arg("lookup")
            .args(attributes)
            .output()
            .unwrap();
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// `secret-tool store`, with the secret on stdin.
    pub fn secret_tool_store(&self, attributes: &[&str], secret: &str) {
        let mut child = self
            .secret_tool()
            .args(["store", "--label=handset test"])
            .args(attributes)
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(secret.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success(), "secret-tool store failed");
    }

    fn secret_tool(&self) -> Command {
        let mut command = Command::new("secret-tool");
        command.env("DBUS_SESSION_BUS_ADDRESS", &self.address);
        command
    }
}

impl Drop for KeyringSession {
    fn drop(&mut self) {
        if let Some(keyring) = &mut self.keyring {
            let _ = keyring.kill();
            let _ = keyring.wait();
        }
        let _ = self.bus.kill();
        let _ = self.bus.wait();
        match self.previous_address.take() {
            Some(previous) => std::env::set_var("DBUS_SESSION_BUS_ADDRESS", previous),
            None => std::env::remove_var("DBUS_SESSION_BUS_ADDRESS"),
        }
    }
}

/// Every regular file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// Whether `needle` occurs in the bytes of `path`.
pub fn file_contains(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}
