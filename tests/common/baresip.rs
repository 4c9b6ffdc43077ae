//! Drives baresip 1.0 as a real SIP peer on loopback.
//!
//! Each instance gets its own config folder and port block. It sends a speech WAV as its
//! microphone (module `aufile`; baresip hangs up when the file ends, which ends each call
//! naturally) and records the audio it decodes with module `sndfile`
//! (`rec/dump-*-dec.wav`), so no sound card or PulseAudio is needed. It is controlled over
//! `ctrl_tcp`: JSON commands and events framed as netstrings.

use super::netstring;
use super::ports::free_port_block;
use super::process::ChildGuard;
use super::tools::{require, require_file};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::fs::File;
use std::io::Write;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const MODULE_DIR: &str = "/usr/lib/baresip/modules";

/// How baresip treats an incoming call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerMode {
    /// Answers at once (`answermode=auto`).
    Auto,
    /// Rings until told to `accept` or `hangup`.
    Manual,
}

/// What one baresip instance should be.
#[derive(Debug, Clone)]
pub struct BaresipSetup {
    /// The user part of its SIP URI.
    pub user: String,
    pub answer: AnswerMode,
    /// 8 kHz mono 16-bit WAV sent as the microphone.
    pub source_wav: PathBuf,
    /// Audio codec modules to load, in preference order (`g711` gives PCMU and PCMA).
    pub codec_modules: Vec<String>,
    /// Register `user@domain` through this registrar instead of running registrar-less.
    pub registrar: Option<BaresipRegistrar>,
    /// Use ALSA's `default` device as microphone and speaker instead of `source_wav` and a
    /// recording (a benchmark on the sound-card path; with libasound2-plugins that is
    /// PulseAudio, steered by `PULSE_SINK` / `PULSE_SOURCE` in baresip's environment).
    /// Nothing is recorded then, and the call lasts until someone hangs up.
    pub alsa_device: bool,
    /// Further modules to load, e.g. `speex_pp` (the Speex preprocessor on the microphone).
    pub extra_modules: Vec<String>,
}

/// A registrar account for baresip: `<sip:user@domain>` registered via `proxy`.
#[derive(Debug, Clone)]
pub struct BaresipRegistrar {
    pub domain: String,
    /// Outbound proxy and registrar address, e.g. `127.0.0.1:5070`.
    pub proxy: String,
    pub password: String,
}

impl BaresipSetup {
    /// An auto-answering peer sending `source_wav` over G.711.
    pub fn new(user: &str, answer: AnswerMode, source_wav: &Path) -> BaresipSetup {
        BaresipSetup {
            user: user.to_string(),
            answer,
            source_wav: source_wav.to_path_buf(),
            codec_modules: vec!["g711".to_string()],
            registrar: None,
            alsa_device: false,
            extra_modules: Vec::new(),
        }
    }
}

/// A running baresip with its control connection.
pub struct Baresip {
    child: ChildGuard,
    dir: PathBuf,
    sip_port: u16,
    user: String,
    log: PathBuf,
    control: TcpStream,
    messages: Receiver<Value>,
    pending_events: VecDeque<Value>,
    seen_events: Vec<Value>,
    next_token: u64,
}

impl Baresip {
    /// Writes a config into `dir` (created) and starts baresip there.
    pub fn start(dir: &Path, setup: &BaresipSetup) -> Baresip {
        let program = require("baresip", "baresip");
        for module in ["aufile", "sndfile", "ctrl_tcp", "menu", "account"] {
            require_file(
                &Path::new(MODULE_DIR).join(format!("{module}.so")),
                "baresip",
            );
        }
        std::fs::create_dir_all(dir).unwrap();
        let rec_dir = dir.join("rec");
        std::fs::create_dir_all(&rec_dir).unwrap();

        // SIP on base (baresip also binds TLS/TCP on base+1), RTP+RTCP on base+4..5,
        // control on base+7.
        let base = free_port_block(8);
        let sip_port = base;
        let ctrl_port = base + 7;
        write_config(dir, setup, sip_port, base + 4, ctrl_port, &rec_dir);

        let log = dir.join("baresip.log");
        let log_file = File::create(&log).unwrap();
        let mut command = Command::new(program);
        command
            .arg("-f")
            .arg(dir)
            .arg("-s") // SIP trace in the log, for reading failures
            .env("HOME", dir)
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file);
        let mut child = ChildGuard::spawn(&format!("baresip {}", setup.user), &mut command);

        let control = connect_control(&mut child, ctrl_port, &log);
        let reader = control.try_clone().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = reader;
            while let Ok(Some(frame)) = netstring::read(&mut reader) {
                let Ok(message) = serde_json::from_slice::<Value>(&frame) else {
                    continue;
                };
                if sender.send(message).is_err() {
                    return;
                }
            }
        });

        Baresip {
            child,
            dir: dir.to_path_buf(),
            sip_port,
            user: setup.user.clone(),
            log,
            control,
            messages,
            pending_events: VecDeque::new(),
            seen_events: Vec::new(),
            next_token: 1,
        }
    }

    /// Its SIP URI, e.g. `sip:bob@127.0.0.1:25060`.
    pub fn uri(&self) -> String {
        format!("sip:{}@127.0.0.1:{}", self.user, self.sip_port)
    }

    pub fn sip_port(&self) -> u16 {
        self.sip_port
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs a menu command such as `dial`, `accept` or `hangup` and returns baresip's response.
    pub fn command(&mut self, command: &str, params: &str) -> Value {
        let token = self.next_token.to_string();
        self.next_token += 1;
        let request = json!({"command": command, "params": params, "token": token});
        let framed = netstring::encode(request.to_string().as_bytes());
        if let Err(err) = self.control.write_all(&framed) {
            panic!(
                "could not send {request} to baresip: {err}\n{}",
                self.context()
            );
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let message = self.receive(deadline, &format!("the response to `{command}`"));
            if message["response"] == true && message["token"] == token.as_str() {
                return message;
            }
            if message["event"] == true {
                self.pending_events.push_back(message);
            }
        }
    }

    /// Calls `uri`.
    pub fn dial(&mut self, uri: &str) {
        let response = self.command("dial", uri);
        assert!(
            response["ok"] == true,
            "baresip refused to dial {uri}: {response}"
        );
    }

    /// Waits for an event of `kind` (e.g. `CALL_ESTABLISHED`, `CALL_CLOSED`) and returns it.
    pub fn wait_event(&mut self, kind: &str, limit: Duration) -> Value {
        let deadline = Instant::now() + limit;
        loop {
            let event = match self.pending_events.pop_front() {
                Some(event) => event,
                None => {
                    let message = self.receive(deadline, &format!("baresip event {kind}"));
                    if message["event"] != true {
                        continue;
                    }
                    message
                }
            };
            self.seen_events.push(event.clone());
            if event["type"] == kind {
                return event;
            }
        }
    }

    /// The single `dump-*-dec.wav` sndfile wrote: the audio baresip received and decoded.
    /// Call it after the call closed, so the WAV header is complete.
    pub fn received_audio(&self) -> PathBuf {
        let rec_dir = self.dir.join("rec");
        let mut dumps: Vec<PathBuf> = std::fs::read_dir(&rec_dir)
            .unwrap()
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.to_string_lossy().ends_with("-dec.wav"))
            .collect();
        dumps.sort();
        match dumps.as_slice() {
            [one] => {
                wait_until_complete(one);
                one.clone()
            }
            [] => panic!(
                "baresip recorded nothing in {}\n{}",
                rec_dir.display(),
                self.context()
            ),
            many => panic!("baresip recorded several calls, expected one: {many:?}"),
        }
    }

    /// Asks baresip to quit and waits for it to exit.
    pub fn quit(&mut self) -> Option<ExitStatus> {
        if self.child.try_exit_status().is_some() {
            return self.child.try_exit_status();
        }
        let framed = netstring::encode(br#"{"command":"quit","params":"","token":"quit"}"#);
        let _ = self.control.write_all(&framed);
        if let Some(status) = self.child.wait_timeout(Duration::from_secs(10)) {
            return Some(status);
        }
        self.child.terminate(Duration::from_secs(5))
    }

    /// The tail of baresip's log, for failure messages.
    pub fn log_tail(&self) -> String {
        log_tail(&self.log)
    }

    fn receive(&mut self, deadline: Instant, waiting_for: &str) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.messages.recv_timeout(left) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!(
                "no {waiting_for} within the liveness bound\n{}",
                self.context()
            ),
            Err(RecvTimeoutError::Disconnected) => panic!(
                "baresip closed its control connection while the test waited for {waiting_for}\n{}",
                self.context()
            ),
        }
    }

    fn context(&self) -> String {
        let events: Vec<String> = self
            .seen_events
            .iter()
            .map(|event| format!("{} {}", event["type"], event["param"]))
            .collect();
        format!(
            "baresip events so far: {}\nbaresip log ({}):\n{}",
            events.join(", "),
            self.log.display(),
            self.log_tail()
        )
    }
}

impl Drop for Baresip {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.child.kill();
        } else {
            self.quit();
        }
    }
}

fn write_config(
    dir: &Path,
    setup: &BaresipSetup,
    sip_port: u16,
    rtp_port: u16,
    ctrl_port: u16,
    rec_dir: &Path,
) {
    let source = if setup.alsa_device {
        "alsa,default\naudio_player\talsa,default".to_string()
    } else {
        format!("aufile,{}", setup.source_wav.display())
    };
    let mut config = format!(
        "poll_method\tepoll\n\
         sip_listen\t127.0.0.1:{sip_port}\n\
         net_interface\t127.0.0.1\n\
         rtp_ports\t{rtp_port}-{}\n\
         audio_source\t{source}\n\
         ausrc_srate\t8000\n\
         auplay_srate\t8000\n\
         ausrc_channels\t1\n\
         auplay_channels\t1\n\
         snd_path\t{}\n\
         ctrl_tcp_listen\t127.0.0.1:{ctrl_port}\n\
         module_path\t{MODULE_DIR}\n",
        rtp_port + 1,
        rec_dir.display(),
    );
    for module in setup.codec_modules.iter().chain(&setup.extra_modules) {
        config.push_str(&format!("module\t{module}.so\n"));
    }
    // No audio player module: sndfile records the decoded audio, and nothing needs pacing
    // on the receive side because the sender paces the RTP stream.
    if setup.alsa_device {
        config.push_str("module\talsa.so\n");
    } else {
        config.push_str("module\taufile.so\nmodule\tsndfile.so\n");
    }
    config.push_str("module_app\taccount.so\nmodule_app\tmenu.so\nmodule_app\tctrl_tcp.so\n");
    std::fs::write(dir.join("config"), config).unwrap();

    let answer = match setup.answer {
        AnswerMode::Auto => "auto",
        AnswerMode::Manual => "manual",
    };
    let account = match &setup.registrar {
        None => format!(
            "<sip:{}@127.0.0.1:{sip_port}>;regint=0;answermode={answer}\n",
            setup.user
        ),
        Some(r) => format!(
            "<sip:{}@{}>;auth_pass={};outbound=\"sip:{};lr\";regint=60;answermode={answer}\n",
            setup.user, r.domain, r.password, r.proxy
        ),
    };
    std::fs::write(dir.join("accounts"), account).unwrap();
    std::fs::write(dir.join("contacts"), "").unwrap();
}

fn connect_control(child: &mut ChildGuard, port: u16, log: &Path) -> TcpStream {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) {
            return stream;
        }
        if let Some(status) = child.try_exit_status() {
            panic!(
                "baresip exited ({status}) before its control port opened:\n{}",
                log_tail(log)
            );
        }
        if Instant::now() >= deadline {
            panic!(
                "baresip's ctrl_tcp port {port} did not open within 20 s:\n{}",
                log_tail(log)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// sndfile writes the WAV header's sizes when it closes the file, just after the call ends;
/// until then the header claims no samples. Waits (bounded) for the closed file.
fn wait_until_complete(wav: &Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let complete = hound::WavReader::open(wav)
            .map(|reader| reader.duration() > 0)
            .unwrap_or(false);
        if complete {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "baresip's recording {} has no complete WAV header 10 s after the call",
        wav.display()
    );
}

fn log_tail(log: &Path) -> String {
    let text = std::fs::read(log).unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    // The menu's status line repeats with carriage returns; keep only real lines.
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.contains("audio=") || line.len() < 200)
        .collect();
    let start = lines.len().saturating_sub(60);
    lines[start..].join("\n")
}
