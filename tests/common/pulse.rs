//! A private PulseAudio server with null sinks, for tests that play or record through a
//! "sound card" on a machine that has none.
//!
//! A null sink is paced in real time like a device. The server runs in the foreground under a
//! [`ChildGuard`], with its own `XDG_RUNTIME_DIR`, so it never meets the user's session and
//! dies with the test. It has
//! - [`DEFAULT_SINK`] (48 kHz stereo, the default sink; its monitor is the default source),
//! - [`CALL_SINK`] (8 kHz mono; an 8 kHz round trip through it is bit-exact).
//!
//! Give child processes the variables from [`PrivatePulse::env`]; a test whose own process
//! talks to the server (cpal in-process) uses [`ProcessPulse`] instead.

use super::process::ChildGuard;
use super::tools::require;
use std::io::Read;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The sink a call's audio should be played into (8 kHz mono, bit-exact round trip).
pub const CALL_SINK: &str = "callsink";
/// The default sink (48 kHz), whose monitor is also the default source.
pub const DEFAULT_SINK: &str = "nullsink";

pub struct PrivatePulse {
    child: ChildGuard,
    dir: PathBuf,
    runtime_dir: PathBuf,
}

impl PrivatePulse {
    /// Starts `pulseaudio` with its runtime folder inside `dir` and waits for its socket.
    pub fn start(dir: &Path) -> PrivatePulse {
        PrivatePulse::start_with(dir, "")
    }

    /// [`PrivatePulse::start`] with more `default.pa` lines (further null sinks, say) run
    /// after the standard ones.
    pub fn start_with(dir: &Path, extra_script: &str) -> PrivatePulse {
        let program = require("pulseaudio", "pulseaudio");
        require("pactl", "pulseaudio-utils");
        let runtime_dir = dir.join("pulse-runtime");
        std::fs::create_dir_all(&runtime_dir).unwrap();
        let script = dir.join("default.pa");
        std::fs::write(
            &script,
            format!(
                "load-module module-native-protocol-unix auth-anonymous=1\n\
                 load-module module-null-sink sink_name={DEFAULT_SINK} rate=48000 \
                 sink_properties=device.description=NullSink\n\
                 load-module module-null-sink sink_name={CALL_SINK} rate=8000 channels=1 \
                 sink_properties=device.description=CallSink\n\
                 set-default-sink {DEFAULT_SINK}\n\
                 set-default-source {DEFAULT_SINK}.monitor\n\
                 {extra_script}\n"
            ),
        )
        .unwrap();
        let mut command = Command::new(program);
        command
            .args([
                "-n",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--disallow-exit",
            ])
            .arg(format!(
                "--log-target=file:{}",
                dir.join("pulse.log").display()
            ))
            .arg("-F")
            .arg(&script)
            .env("XDG_RUNTIME_DIR", &runtime_dir)
            .env("HOME", dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let child = ChildGuard::spawn("pulseaudio", &mut command);
        let mut pulse = PrivatePulse {
            child,
            dir: dir.to_path_buf(),
            runtime_dir,
        };
        pulse.wait_ready();
        pulse
    }

    /// Environment variables that point PulseAudio and ALSA clients at this server.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            (
                "XDG_RUNTIME_DIR".to_string(),
                self.runtime_dir.display().to_string(),
            ),
            ("PULSE_SERVER".to_string(), self.server()),
            // Clients whose HOME differs from the server's would otherwise find no cookie;
            // libpulse then makes one up, but cpal's pure-Rust client sends none and is refused.
            (
                "PULSE_COOKIE".to_string(),
                self.cookie().display().to_string(),
            ),
        ]
    }

    /// Adds [`PrivatePulse::env`] to `command`.
    pub fn apply(&self, command: &mut Command) {
        for (key, value) in self.env() {
            command.env(key, value);
        }
    }

    /// A pulseaudio-utils `program` (parec, paplay, pactl) aimed at this server.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(require(program, "pulseaudio-utils"));
        self.apply(&mut command);
        command
    }

    /// Runs `pactl ARGUMENTS` against this server and returns what it printed; fails the test
    /// with pactl's own words if it refuses.
    pub fn pactl(&self, arguments: &[&str]) -> String {
        let output = self
            .command("pactl")
            .args(arguments)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "pactl {arguments:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The server address, `unix:` and its socket.
    pub fn server(&self) -> String {
        format!("unix:{}", self.socket().display())
    }

    /// The server's authentication cookie (the server runs with HOME set to its folder).
    pub fn cookie(&self) -> PathBuf {
        self.dir.join(".config/pulse/cookie")
    }

    pub fn socket(&self) -> PathBuf {
        self.runtime_dir.join("pulse/native")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The folder the server was started in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The server's log (useful in failure messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("pulse.log")).unwrap_or_default()
    }

    /// Starts recording `source` (e.g. `callsink.monitor`) as an 8 kHz mono WAV file at
    /// `wav`. parec needs about a second to connect; terminate it (SIGTERM, so it finishes
    /// the WAV header) to stop.
    pub fn record_wav(&self, source: &str, wav: &Path) -> ChildGuard {
        let mut parec = self.command("parec");
        parec
            .arg("-d")
            .arg(source)
            .args(["--rate=8000", "--channels=1", "--format=s16le"])
            .args(["--file-format=wav"])
            .arg(wav)
            .stdin(Stdio::null());
        ChildGuard::spawn("parec", &mut parec)
    }

    /// Starts recording `source` as raw 8 kHz mono s16le into memory. Give it ~1 s to
    /// connect before playing.
    pub fn record(&self, source: &str) -> Recorder {
        let mut parec = self.command("parec");
        parec
            .args(["-d", source, "--raw"])
            .args(["--rate=8000", "--channels=1", "--format=s16le"])
            .args(["--latency-msec=20"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        Recorder::new(ChildGuard::spawn("parec", &mut parec))
    }

    /// Starts playing `wav` into `sink` with paplay.
    pub fn play(&self, sink: &str, wav: &Path) -> ChildGuard {
        let mut paplay = self.command("paplay");
        paplay
            .args(["-d", sink])
            .arg(wav)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        ChildGuard::spawn("paplay", &mut paplay)
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_exit_status() {
                panic!("pulseaudio exited with {status}; log:\n{}", self.log());
            }
            let ready = self.socket().exists()
                && self
                    .command("pactl")
                    .arg("info")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|status| status.success());
            if ready {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the private PulseAudio server did not answer within 20 s; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Serialises tests that point this process's environment at a server.
static ENVIRONMENT: Mutex<()> = Mutex::new(());

/// A [`PrivatePulse`] this whole test process talks to: `PULSE_SERVER`, `XDG_RUNTIME_DIR`
/// and `PULSE_COOKIE` point at it until it is dropped. Holds a lock so tests in one binary
/// take turns; create cpal hosts only after [`ProcessPulse::start`] returns.
pub struct ProcessPulse {
    pulse: PrivatePulse,
    _environment: MutexGuard<'static, ()>,
}

impl ProcessPulse {
    pub fn start(dir: &Path) -> ProcessPulse {
        let environment = ENVIRONMENT.lock().unwrap_or_else(|e| e.into_inner());
        let pulse = PrivatePulse::start(dir);
        // cpal reads these at host creation.
        for (key, value) in pulse.env() {
            std::env::set_var(key, value);
        }
        std::env::remove_var("PULSE_SINK");
        std::env::remove_var("PULSE_SOURCE");
        ProcessPulse {
            pulse,
            _environment: environment,
        }
    }
}

impl Deref for ProcessPulse {
    type Target = PrivatePulse;

    fn deref(&self) -> &PrivatePulse {
        &self.pulse
    }
}

impl Drop for ProcessPulse {
    fn drop(&mut self) {
        for (key, _) in self.pulse.env() {
            std::env::remove_var(key);
        }
    }
}

/// A running raw `parec` whose output a reader thread collects.
pub struct Recorder {
    child: ChildGuard,
    reader: Option<std::thread::JoinHandle<Vec<u8>>>,
}

impl Recorder {
    fn new(mut child: ChildGuard) -> Recorder {
        let mut stdout = child.child_mut().stdout.take().unwrap();
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

    /// Stops recording and returns the samples.
    pub fn finish(mut self) -> Vec<i16> {
        self.child.kill();
        let bytes = self
            .reader
            .take()
            .map(|reader| reader.join().unwrap())
            .unwrap_or_default();
        bytes
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect()
    }
}
