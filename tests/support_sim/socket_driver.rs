//! A user agent on a real UDP socket on loopback, driven in real time, for tests against
//! real peers (sipp, baresip). The virtual-time world is in the parent module.

use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use handset::sip::{Output, UaConfig, UaEvent, UserAgent};

/// A plain audio offer/answer: PCMU on an unused port.
pub const SDP: &[u8] = b"v=0\r\no=handset 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 31040 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

/// A user agent on a real socket, driven in real time.
pub struct Driver {
    socket: UdpSocket,
    pub ua: UserAgent,
    start: Instant,
    pub events: Vec<UaEvent>,
}

impl Driver {
    pub fn new(port: u16) -> Self {
        let local: SocketAddr = ([127, 0, 0, 1], port).into();
        let socket = UdpSocket::bind(local).expect("bind test port");
        let config = UaConfig {
            local_addr: local,
            user: "handset".into(),
            display_name: None,
            user_agent: "Handset-test".into(),
        };
        Self {
            socket,
            ua: UserAgent::new(config, 42),
            start: Instant::now(),
            events: Vec::new(),
        }
    }

    pub fn now(&self) -> Duration {
        self.start.elapsed()
    }

    /// Run until `done` says so (it may act on the agent) or `limit` passes.
    pub fn run(
        &mut self,
        limit: Duration,
        mut done: impl FnMut(&mut UserAgent, Duration, &UaEvent) -> bool,
    ) -> bool {
        let deadline = Instant::now() + limit;
        let mut buf = vec![0u8; 65_535];
        while Instant::now() < deadline {
            while let Some(output) = self.ua.poll_output() {
                match output {
                    Output::Transmit(t) => {
                        self.socket
                            .send_to(&t.payload, t.destination)
                            .expect("send");
                    }
                    Output::Event(event) => {
                        let now = self.now();
                        let finished = done(&mut self.ua, now, &event);
                        self.events.push(event);
                        if finished {
                            return true;
                        }
                    }
                }
            }
            let now = self.now();
            let wait = self
                .ua
                .poll_timeout()
                .map_or(Duration::from_millis(50), |t| t.saturating_sub(now))
                .clamp(Duration::from_millis(1), Duration::from_millis(50));
            self.socket.set_read_timeout(Some(wait)).expect("timeout");
            if let Ok((len, from)) = self.socket.recv_from(&mut buf) {
                let now = self.now();
                self.ua.handle_datagram(now, from, &buf[..len]);
            }
            let now = self.now();
            if self.ua.poll_timeout().is_some_and(|t| t <= now) {
                self.ua.handle_timeout(now);
            }
        }
        false
    }
}

/// A peer program started by a test; killed when dropped so a failing test leaves nothing.
pub struct PeerProcess {
    child: Option<std::process::Child>,
}

impl PeerProcess {
    /// Start `program`; a missing program fails the test with the Debian package to install.
    pub fn spawn(program: &str, args: &[&str], debian_package: &str) -> Self {
        let child = std::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run {program} ({e}): apt-get install {debian_package}")
            });
        Self { child: Some(child) }
    }

    /// Wait for the program to exit; returns whether it succeeded and its stdout+stderr.
    pub fn finish(mut self) -> (bool, String) {
        let Some(child) = self.child.take() else {
            return (false, String::new());
        };
        let output = child.wait_with_output().expect("wait for peer");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    }

    /// Stop the program now and return its output.
    pub fn kill(mut self) -> String {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
        }
        self.finish().1
    }
}

impl Drop for PeerProcess {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
