//! User agents on real loopback sockets driven in real time, for the tests against a real
//! kamailio (`tests/common/kamailio.rs`).

use std::net::UdpSocket;
use std::time::{Duration, Instant};

use handset::sip::{AccountEvent, Output, RegistrationEvent, UaConfig, UaEvent, UserAgent};

/// A user agent on its own loopback socket.
pub struct Agent {
    socket: UdpSocket,
    pub ua: UserAgent,
    start: Instant,
    /// Every request we sent, whole (retransmissions included).
    pub sent: Vec<String>,
    pub registration: Vec<RegistrationEvent>,
    pub calls: Vec<UaEvent>,
}

impl Agent {
    pub fn new(user: &str, seed: u64) -> Self {
        let socket = UdpSocket::bind("127.0.0.1:0").expect("bind");
        let local = socket.local_addr().expect("local address");
        let config = UaConfig {
            local_addr: local,
            user: user.into(),
            display_name: None,
            user_agent: "Handset-test".into(),
        };
        Self {
            socket,
            ua: UserAgent::new(config, seed),
            start: Instant::now(),
            sent: Vec::new(),
            registration: Vec::new(),
            calls: Vec::new(),
        }
    }

    pub fn now(&self) -> Duration {
        self.start.elapsed()
    }

    /// Requests sent whose first line starts with `method`.
    pub fn sent(&self, method: &str) -> Vec<&String> {
        let prefix = format!("{method} ");
        self.sent
            .iter()
            .filter(|m| m.starts_with(&prefix))
            .collect()
    }

    /// Send what is due, take events, wait up to `wait` for one datagram, fire timers.
    pub fn pump(&mut self, wait: Duration) {
        self.flush();
        let now = self.now();
        let wait = self
            .ua
            .poll_timeout()
            .map_or(wait, |t| t.saturating_sub(now))
            .clamp(Duration::from_millis(1), wait);
        self.socket.set_read_timeout(Some(wait)).expect("timeout");
        let mut buf = vec![0u8; 65_535];
        if let Ok((len, from)) = self.socket.recv_from(&mut buf) {
            let now = self.now();
            self.ua.handle_datagram(now, from, &buf[..len]);
        }
        let now = self.now();
        if self.ua.poll_timeout().is_some_and(|t| t <= now) {
            self.ua.handle_timeout(now);
        }
        self.flush();
    }

    fn flush(&mut self) {
        while let Some(output) = self.ua.poll_output() {
            match output {
                Output::Transmit(t) => {
                    let text = String::from_utf8_lossy(&t.payload).into_owned();
                    if !text.starts_with("SIP/2.0 ") {
                        self.sent.push(text);
                    }
                    self.socket
                        .send_to(&t.payload, t.destination)
                        .expect("send");
                }
                Output::Event(event) => self.calls.push(event),
            }
        }
        while let Some(event) = self.ua.poll_account_event() {
            if let AccountEvent::Registration { event, .. } = event {
                self.registration.push(event);
            }
        }
    }

    /// Pump until `done` holds or `limit` passes; returns whether `done` held.
    pub fn run(&mut self, limit: Duration, done: impl Fn(&Agent) -> bool) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if done(self) {
                return true;
            }
            self.pump(Duration::from_millis(50));
        }
        done(self)
    }

    pub fn registered_count(&self) -> usize {
        self.registration
            .iter()
            .filter(|e| matches!(e, RegistrationEvent::Registered { .. }))
            .count()
    }
}
