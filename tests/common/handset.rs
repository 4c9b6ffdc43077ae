//! Drives `handset headless`: starts it, writes Commands as JSON lines to its stdin and reads
//! its Events as JSON lines from its stdout.
//!
//! Every wait has a liveness bound and fails with the events seen so far and the tail of
//! Handset's stderr, so a stuck call reads as a clear failure instead of a hung CI job.

use super::process::ChildGuard;
use super::scratch::Scratch;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Liveness bound for start-up and single SIP exchanges on loopback.
pub const SHORT: Duration = Duration::from_secs(20);
/// Liveness bound for a whole call with speech, or Timer B (32 s) expiring.
pub const LONG: Duration = Duration::from_secs(90);

/// The `handset` binary cargo built for this test or bench.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_handset"))
}

/// A `handset headless ARGS...` command whose config and data folders live in `home`, so
/// tests never read or write the user's own settings and history.
pub fn headless_command(home: &Path, args: &[String]) -> Command {
    let mut command = Command::new(binary());
    command
        .arg("headless")
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("RUST_BACKTRACE", "1");
    command
}

/// One line Handset printed on stdout.
#[derive(Debug)]
enum Line {
    Event(Value),
    NotJson(String),
    Closed,
}

/// A running `handset headless`.
pub struct Handset {
    child: ChildGuard,
    stdin: Option<ChildStdin>,
    lines: Receiver<Line>,
    seen: Vec<Value>,
    stdout_closed: bool,
    stderr: Arc<Mutex<String>>,
    stderr_reader: Option<JoinHandle<()>>,
    /// The address `ready` announced (`sip:USER@host:port`), once it came.
    contact: Option<String>,
}

impl Handset {
    /// Starts `handset headless ARGS...` with its files under `scratch`.
    pub fn spawn(scratch: &Scratch, args: &[String]) -> Handset {
        Handset::spawn_with_env(scratch, args, &[])
    }

    /// [`Handset::spawn`] with extra environment, e.g. a private PulseAudio server's.
    pub fn spawn_with_env(scratch: &Scratch, args: &[String], env: &[(String, String)]) -> Handset {
        let home = scratch.subdir("handset-home");
        let mut command = headless_command(&home, args);
        command
            .envs(env.iter().map(|(key, value)| (key, value)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = ChildGuard::spawn("handset headless", &mut command);
        let stdin = child.child_mut().stdin.take();
        let stdout = child.child_mut().stdout.take().unwrap();
        let stderr_pipe = child.child_mut().stderr.take().unwrap();

        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                eprintln!("[handset stdout] {line}");
                let parsed = serde_json::from_str::<Value>(&line)
                    .map(Line::Event)
                    .unwrap_or(Line::NotJson(line));
                if sender.send(parsed).is_err() {
                    return;
                }
            }
            let _ = sender.send(Line::Closed);
        });

        let stderr = Arc::new(Mutex::new(String::new()));
        let stderr_sink = Arc::clone(&stderr);
        let stderr_reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr_pipe).lines() {
                let Ok(line) = line else { break };
                eprintln!("[handset stderr] {line}");
                if let Ok(mut text) = stderr_sink.lock() {
                    text.push_str(&line);
                    text.push('\n');
                }
            }
        });

        Handset {
            child,
            stdin,
            lines,
            seen: Vec::new(),
            stdout_closed: false,
            stderr,
            stderr_reader: Some(stderr_reader),
            contact: None,
        }
    }

    /// Starts Handset and waits for its `ready` event, which it returns.
    pub fn start(scratch: &Scratch, args: &[String]) -> (Handset, Value) {
        let mut handset = Handset::spawn(scratch, args);
        let ready = handset.wait_event("ready", SHORT);
        handset.contact = ready["contact"].as_str().map(str::to_owned);
        (handset, ready)
    }

    /// The address Handset announced in `ready` (`sip:USER@host:port`): the one a peer-to-peer
    /// call must name to ring (its user is a token, not a fixed name).
    pub fn address(&self) -> String {
        self.contact
            .clone()
            .unwrap_or_else(|| panic!("no `ready` with a contact yet\n{}", self.context()))
    }

    /// The user part of [`Handset::address`].
    pub fn user(&self) -> String {
        let address = self.address();
        let user = address
            .trim_start_matches("sip:")
            .split('@')
            .next()
            .unwrap_or_default();
        user.to_owned()
    }

    /// Starts `handset headless` on loopback, without sound, with its settings and accounts
    /// from the folder `config` (`--config`), and waits for `ready`.
    pub fn start_with_config(scratch: &Scratch, config: &Path) -> Handset {
        let config = config.display().to_string();
        let list = [
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--config",
            &config,
        ];
        Handset::start(scratch, &args(&list)).0
    }

    /// Starts Handset on `127.0.0.1:0` (the system picks a free port, so parallel tests never
    /// collide) with `extra` arguments, waits for `ready`, and returns the port it listens on.
    pub fn start_on_loopback(scratch: &Scratch, extra: &[&str]) -> (Handset, u16) {
        let mut list = vec!["--listen", "127.0.0.1:0"];
        list.extend_from_slice(extra);
        let (handset, ready) = Handset::start(scratch, &args(&list));
        let port = ready["listen"]
            .as_str()
            .and_then(|listen| listen.parse::<std::net::SocketAddr>().ok())
            .map(|listen| listen.port())
            .unwrap_or_else(|| panic!("`ready` should carry the listen address: {ready}"));
        assert_ne!(
            port, 0,
            "`ready` should report the port actually bound: {ready}"
        );
        (handset, port)
    }

    /// Sends one Command as a JSON line.
    pub fn send(&mut self, command: Value) {
        let stdin = self
            .stdin
            .as_mut()
            .expect("handset's stdin was already closed");
        let line = format!("{command}\n");
        if let Err(err) = stdin
            .write_all(line.as_bytes())
            .and_then(|()| stdin.flush())
        {
            panic!(
                "could not send {command} to handset: {err}\n{}",
                self.context()
            );
        }
    }

    /// `{"command":"dial","target":TARGET}`.
    pub fn dial(&mut self, target: &str) {
        self.send(json!({"command": "dial", "target": target}));
    }

    /// `{"command":"hangup","call":CALL}`.
    pub fn hangup(&mut self, call: u64) {
        self.send(json!({"command": "hangup", "call": call}));
    }

    /// `{"command":"answer","call":CALL}`.
    pub fn answer(&mut self, call: u64) {
        self.send(json!({"command": "answer", "call": call}));
    }

    /// Closes stdin, as a script that has nothing more to say would.
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// The next event of any kind. Fails the test after `limit` or if Handset's stdout closes.
    pub fn next_event(&mut self, limit: Duration, waiting_for: &str) -> Value {
        let deadline = Instant::now() + limit;
        loop {
            if self.stdout_closed {
                panic!(
                    "handset closed its stdout while the test waited for {waiting_for}\n{}",
                    self.context()
                );
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(Line::Event(event)) => {
                    self.seen.push(event.clone());
                    return event;
                }
                Ok(Line::NotJson(text)) => panic!(
                    "handset printed a line on stdout that is not JSON: {text:?}\n{}",
                    self.context()
                ),
                Ok(Line::Closed) | Err(RecvTimeoutError::Disconnected) => {
                    self.stdout_closed = true;
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no {waiting_for} from handset within {} s (a liveness bound)\n{}",
                    limit.as_secs(),
                    self.context()
                ),
            }
        }
    }

    /// Skips events until one satisfies `wanted`, and returns it.
    pub fn wait_for(
        &mut self,
        limit: Duration,
        waiting_for: &str,
        wanted: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let event = self.next_event(left, waiting_for);
            if wanted(&event) {
                return event;
            }
        }
    }

    /// Waits for the next event named `name` (`{"event":NAME,...}`).
    pub fn wait_event(&mut self, name: &str, limit: Duration) -> Value {
        self.wait_for(limit, &format!("a `{name}` event"), |event| {
            event["event"] == name
        })
    }

    /// Waits for `{"event":"call_state","state":STATE}` of any call.
    pub fn wait_call_state(&mut self, state: &str, limit: Duration) -> Value {
        self.wait_for(limit, &format!("call state `{state}`"), |event| {
            event["event"] == "call_state" && event["state"] == state
        })
    }

    /// Waits for `call_ended` and returns its `reason` object, e.g. `{"reason":"busy"}`.
    pub fn wait_call_ended(&mut self, limit: Duration) -> Value {
        self.wait_event("call_ended", limit)["reason"].clone()
    }

    /// Sends `quit`, waits for `stopped`, closes stdin (the script has nothing more to say)
    /// and waits for the process to exit; returns its status.
    pub fn quit(&mut self) -> ExitStatus {
        self.send(json!({"command": "quit"}));
        self.wait_event("stopped", SHORT);
        self.close_stdin();
        self.wait_exit(SHORT)
    }

    /// Waits for the process to exit on its own.
    pub fn wait_exit(&mut self, limit: Duration) -> ExitStatus {
        match self.child.wait_timeout(limit) {
            Some(status) => status,
            None => panic!(
                "handset was still running {} s after it should have exited\n{}",
                limit.as_secs(),
                self.context()
            ),
        }
    }

    /// Everything Handset wrote to stderr so far.
    pub fn stderr_text(&self) -> String {
        self.stderr
            .lock()
            .map(|text| text.clone())
            .unwrap_or_default()
    }

    /// Every event received so far, in order.
    pub fn events_seen(&self) -> &[Value] {
        &self.seen
    }

    /// Drains the events Handset has already printed, without waiting.
    pub fn drain_events(&mut self) -> Vec<Value> {
        let mut drained = Vec::new();
        while let Ok(line) = self.lines.try_recv() {
            match line {
                Line::Event(event) => {
                    self.seen.push(event.clone());
                    drained.push(event);
                }
                Line::NotJson(_) => {}
                Line::Closed => self.stdout_closed = true,
            }
        }
        drained
    }

    /// After the process exited: waits until every line it printed on stdout and stderr has
    /// been read, so error messages can be checked in full.
    pub fn collect_remaining_output(&mut self) {
        let deadline = Instant::now() + SHORT;
        while !self.stdout_closed && Instant::now() < deadline {
            match self.lines.recv_timeout(Duration::from_millis(100)) {
                Ok(Line::Event(event)) => self.seen.push(event),
                Ok(Line::NotJson(_)) | Err(RecvTimeoutError::Timeout) => {}
                Ok(Line::Closed) | Err(RecvTimeoutError::Disconnected) => self.stdout_closed = true,
            }
        }
        if let Some(reader) = self.stderr_reader.take() {
            let _ = reader.join();
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Events seen and the end of stderr, for failure messages.
    fn context(&self) -> String {
        let events: Vec<String> = self.seen.iter().map(Value::to_string).collect();
        let stderr = self.stderr_text();
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        format!(
            "events so far:\n  {}\nlast lines of handset's stderr:\n  {}",
            events.join("\n  "),
            tail.join("\n  ")
        )
    }
}

/// The `call` id of a call event.
pub fn call_id(event: &Value) -> u64 {
    event["call"]
        .as_u64()
        .unwrap_or_else(|| panic!("event without a numeric call id: {event}"))
}

/// Converts `&str` arguments for [`Handset::spawn`].
pub fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|arg| arg.to_string()).collect()
}

/// The state (`registered`, `failed`, ...) a `registration` event reports for account 1;
/// `None` for any other event.
pub fn registration_state(event: &Value) -> Option<&str> {
    (event["event"] == "registration" && event["account"] == 1)
        .then(|| event["state"]["state"].as_str())
        .flatten()
}
