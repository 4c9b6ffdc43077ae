//! A private PulseAudio server with null sinks, for tests that play or record through a
//! "sound card" on a machine that has none.
//!
//! A null sink is paced in real time like a device. The server runs in the foreground under a
//! [`ChildGuard`], with its own `XDG_RUNTIME_DIR`, so it never meets the user's session and
//! dies with the test. Give children the variables from [`PrivatePulse::env`].

use super::process::ChildGuard;
use super::tools::require;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The sink a call's audio should be played into (8 kHz mono, bit-exact round trip).
pub const CALL_SINK: &str = "callsink";
/// The default sink (48 kHz), whose monitor is also the default source.
pub const DEFAULT_SINK: &str = "nullsink";

pub struct PrivatePulse {
    child: ChildGuard,
    runtime_dir: PathBuf,
}

impl PrivatePulse {
    /// Starts `pulseaudio` with its runtime folder inside `dir` and waits for its socket.
    pub fn start(dir: &Path) -> PrivatePulse {
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
                 set-default-source {DEFAULT_SINK}.monitor\n"
            ),
        )
        .unwrap();
        let mut command = Command::new(program);
        command
            .args(["-n", "--daemonize=no", "--exit-idle-time=-1"])
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
        let pulse = PrivatePulse { child, runtime_dir };
        pulse.wait_ready(dir);
        pulse
    }

    /// Environment variables that point PulseAudio and ALSA clients at this server.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            (
                "XDG_RUNTIME_DIR".to_string(),
                self.runtime_dir.display().to_string(),
            ),
            (
                "PULSE_SERVER".to_string(),
                format!("unix:{}", self.socket().display()),
            ),
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

    /// The server's authentication cookie (the server runs with HOME set to its folder).
    pub fn cookie(&self) -> PathBuf {
        let home = self.runtime_dir.parent().unwrap_or(&self.runtime_dir);
        home.join(".config/pulse/cookie")
    }

    pub fn socket(&self) -> PathBuf {
        self.runtime_dir.join("pulse/native")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn wait_ready(&self, dir: &Path) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mut pactl = Command::new("pactl");
            self.apply(&mut pactl);
            let ready = self.socket().exists()
                && pactl
                    .arg("info")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .map(|status| status.success())
                    .unwrap_or(false);
            if ready {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the private PulseAudio server did not answer within 20 s; see {}",
                dir.join("pulse.log").display()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}
