//! Drives linphone-daemon 5.1 (package linphone-cli) as a SIP peer on loopback.
//!
//! It runs with a fresh config and HOME in its own folder and a private PulseAudio server
//! (its sound card goes through ALSA's default device to PulseAudio), and is commanded
//! over its unix socket `/tmp/NAME`: one text command per connection, answered with
//! `Status: Ok|Error` and fields.

use super::ports::free_port_block;
use super::process::ChildGuard;
use super::pulse::PrivatePulse;
use super::tools::require;
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

static NEXT_PIPE: AtomicU32 = AtomicU32::new(0);

pub struct Linphone {
    // Dropped in order: the daemon first, then its sound server.
    child: ChildGuard,
    _pulse: PrivatePulse,
    socket: PathBuf,
    sip_port: u16,
    log: PathBuf,
}

impl Linphone {
    /// Starts linphone-daemon in `dir`; `auto_answer` answers every incoming call.
    pub fn start(dir: &Path, auto_answer: bool) -> Linphone {
        let program = require("linphone-daemon", "linphone-cli");
        std::fs::create_dir_all(dir).unwrap();
        let home = dir.join("home");
        std::fs::create_dir_all(home.join(".local/share/linphone")).unwrap();
        let pulse = PrivatePulse::start(&dir.join("pulse"));

        let base = free_port_block(8);
        let config = dir.join("linphonerc");
        // Written afresh each run: linphone rewrites its config file when it exits.
        std::fs::write(
            &config,
            format!(
                "[sip]\nsip_port={base}\nsip_tcp_port=-1\nsip_tls_port=-1\n\
                 bind_address=127.0.0.1\n\
                 [rtp]\naudio_rtp_port={}\n\
                 [sound]\nplayback_dev_id=ALSA Unknown: default\n\
                 capture_dev_id=ALSA Unknown: default\n\
                 ringer_dev_id=ALSA Unknown: default\ntone_indications=0\n",
                base + 4
            ),
        )
        .unwrap();

        // The daemon creates its socket as /tmp/NAME and refuses absolute names.
        let name = format!(
            "handset-test-linphone-{}-{}",
            std::process::id(),
            NEXT_PIPE.fetch_add(1, Ordering::SeqCst)
        );
        let socket = PathBuf::from("/tmp").join(&name);
        let _ = std::fs::remove_file(&socket);
        let log = dir.join("linphone.log");
        let out = File::create(dir.join("linphone.out")).unwrap();
        let mut command = Command::new(program);
        command
            .arg("--config")
            .arg(&config)
            .args(["--pipe", &name, "--log"])
            .arg(&log)
            .env("HOME", &home)
            .env("PULSE_SINK", super::pulse::CALL_SINK)
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        if auto_answer {
            command.arg("--auto-answer");
        }
        pulse.apply(&mut command);
        let mut child = ChildGuard::spawn("linphone-daemon", &mut command);

        let deadline = Instant::now() + Duration::from_secs(20);
        while UnixStream::connect(&socket).is_err() {
            if let Some(status) = child.try_exit_status() {
                panic!(
                    "linphone-daemon exited ({status}) at start; see {}",
                    log.display()
                );
            }
            assert!(
                Instant::now() < deadline,
                "linphone-daemon's socket {} did not appear within 20 s; see {}",
                socket.display(),
                log.display()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Linphone {
            child,
            _pulse: pulse,
            socket,
            sip_port: base,
            log,
        }
    }

    /// Its private sound server: what is played into its default sink is linphone's microphone.
    #[allow(dead_code)] // Not every test binary feeds linphone audio.
    pub fn pulse(&self) -> &PrivatePulse {
        &self._pulse
    }

    /// Its SIP URI.
    pub fn uri(&self) -> String {
        format!("sip:linphone@127.0.0.1:{}", self.sip_port)
    }

    /// Sends one command and returns the daemon's reply text.
    pub fn command(&self, line: &str) -> String {
        // The daemon serves one client at a time and drops a connection that arrives while
        // it still holds the previous one, without executing it; then simply try again.
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let reply = self.try_command(line);
            if !reply.is_empty() {
                return reply;
            }
            assert!(
                Instant::now() < deadline,
                "linphone-daemon did not answer `{line}` within 10 s; see {}",
                self.log.display()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn try_command(&self, line: &str) -> String {
        let Ok(mut stream) = UnixStream::connect(&self.socket) else {
            return String::new();
        };
        if stream.write_all(format!("{line}\n").as_bytes()).is_err() {
            return String::new();
        }
        // Replies have no terminator: read until the daemon pauses after replying.
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut reply = Vec::new();
        let mut buffer = [0u8; 4096];
        let _ = stream.set_read_timeout(Some(Duration::from_millis(300)));
        while Instant::now() < deadline {
            match stream.read(&mut buffer) {
                Ok(0) => break,
                Ok(len) => reply.extend_from_slice(&buffer[..len]),
                Err(_) if !reply.is_empty() => break,
                Err(_) => {}
            }
        }
        String::from_utf8_lossy(&reply).to_string()
    }

    /// Waits until `call-status` satisfies `wanted`; returns the last reply.
    pub fn wait_call_status(
        &self,
        limit: Duration,
        what: &str,
        wanted: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let reply = self.command("call-status");
            if wanted(&reply) {
                return reply;
            }
            assert!(
                Instant::now() < deadline,
                "linphone never reported {what}; last call-status: {reply:?}; see {}",
                self.log.display()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Linphone {
    fn drop(&mut self) {
        self.child.terminate(Duration::from_secs(5));
        let _ = std::fs::remove_file(&self.socket);
    }
}
