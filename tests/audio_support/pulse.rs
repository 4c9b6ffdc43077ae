//! A private PulseAudio server with two null sinks, for tests that need real audio plumbing
//! without a sound card. Reusable: `#[path = "audio_support/pulse.rs"] mod pulse;`.
//!
//! `PulseServer::start()` runs `pulseaudio -n -F default.pa --daemonize=no` as a child in its own
//! temporary `XDG_RUNTIME_DIR`, with
//! - `nullsink` (48 kHz stereo, the default sink; its monitor is the default source),
//! - `callsink` (8 kHz mono; an 8 kHz round trip through it is bit-exact).
//!
//! Dropping the server kills the child by its pid. A missing binary fails with the Debian
//! packages to install.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

const INSTALL_HINT: &str =
    "install pulseaudio pulseaudio-utils (apt-get install pulseaudio pulseaudio-utils)";

const DEFAULT_PA: &str = "\
load-module module-native-protocol-unix
load-module module-null-sink sink_name=nullsink rate=48000 sink_properties=device.description=NullSink
load-module module-null-sink sink_name=callsink rate=8000 channels=1 sink_properties=device.description=CallSink
set-default-sink nullsink
set-default-source nullsink.monitor
";

/// Serialises tests that point this process's environment at a server.
static ENVIRONMENT: Mutex<()> = Mutex::new(());

pub struct PulseServer {
    child: Child,
    dir: tempfile::TempDir,
    server: String,
    _env_lock: MutexGuard<'static, ()>,
}

/// Fails the test unless `binary` runs.
pub fn require(binary: &str) {
    let found = Command::new(binary)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    assert!(found, "`{binary}` not found: {INSTALL_HINT}");
}

impl PulseServer {
    /// Start a server and point this process (`PULSE_SERVER`, `XDG_RUNTIME_DIR`) at it. Holds a
    /// lock so tests in one binary take turns; create cpal hosts only after this returns.
    pub fn start() -> PulseServer {
        let env_lock = ENVIRONMENT.lock().unwrap_or_else(|e| e.into_inner());
        require("pulseaudio");
        require("parec");
        require("paplay");
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("default.pa");
        std::fs::write(&config, DEFAULT_PA).unwrap();
        let log = dir.path().join("pulse.log");
        let socket = dir.path().join("pulse").join("native");
        let server = format!("unix:{}", socket.display());
        let child = Command::new("pulseaudio")
            .args(["-n", "-F"])
            .arg(&config)
            .args(["--daemonize=no", "--exit-idle-time=-1", "--disallow-exit"])
            .arg(format!("--log-target=file:{}", log.display()))
            .env("XDG_RUNTIME_DIR", dir.path())
            .env("HOME", dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start pulseaudio ({e}): {INSTALL_HINT}"));
        let mut pulse = PulseServer {
            child,
            dir,
            server,
            _env_lock: env_lock,
        };
        pulse.wait_ready();
        // The whole process talks to this server from now on (cpal reads these at host creation).
        std::env::set_var("PULSE_SERVER", &pulse.server);
        std::env::set_var("XDG_RUNTIME_DIR", pulse.dir.path());
        std::env::remove_var("PULSE_SINK");
        std::env::remove_var("PULSE_SOURCE");
        pulse
    }

    fn wait_ready(&mut self) {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("pulseaudio exited with {status}; log:\n{}", self.log());
            }
            let ready = self
                .command("pactl")
                .arg("info")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if ready {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "pulseaudio did not start; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A command (parec, paplay, pactl) aimed at this server.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env("PULSE_SERVER", &self.server)
            .env("XDG_RUNTIME_DIR", self.dir.path())
            .env("HOME", self.dir.path());
        command
    }

    /// The server address, e.g. for a child process's `PULSE_SERVER`.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// A private folder for the test's files.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("pulse.log")).unwrap_or_default()
    }

    /// Start recording `source` as raw 8 kHz mono s16le. Give it ~1 s before playing.
    pub fn record(&self, source: &str) -> Recorder {
        let child = self
            .command("parec")
            .args([
                "-d",
                source,
                "--raw",
                "--rate=8000",
                "--channels=1",
                "--format=s16le",
            ])
            .args(["--latency-msec=20"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start parec ({e}): {INSTALL_HINT}"));
        Recorder::new(child)
    }

    /// Play `wav` into `sink` with paplay; returns the running child.
    pub fn play(&self, sink: &str, wav: &Path) -> Child {
        self.command("paplay")
            .args(["-d", sink])
            .arg(wav)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start paplay ({e}): {INSTALL_HINT}"))
    }

    /// Where the server writes its log (useful in failure messages).
    pub fn log_path(&self) -> PathBuf {
        self.dir.path().join("pulse.log")
    }
}

impl Drop for PulseServer {
    fn drop(&mut self) {
        std::env::remove_var("PULSE_SERVER");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A running `parec` whose raw output is collected by a reader thread.
pub struct Recorder {
    child: Child,
    reader: Option<std::thread::JoinHandle<Vec<u8>>>,
}

impl Recorder {
    fn new(mut child: Child) -> Recorder {
        let mut stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = stdout.read_to_end(&mut bytes);
            bytes
        });
        Recorder {
            child,
            reader: Some(reader),
        }
    }

    /// Stop recording and return the samples.
    pub fn finish(mut self) -> Vec<i16> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let bytes = self.reader.take().unwrap().join().unwrap();
        bytes
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
