//! A deterministic world for SIP user agents: a seeded in-memory UDP network that can drop,
//! duplicate, delay and reorder datagrams, and a virtual clock that jumps from one deadline to
//! the next. Whole calls run in milliseconds and a seed always replays the same run.

#![allow(dead_code)]

pub mod scripted_peer;
pub mod socket_driver;

use std::net::SocketAddr;
use std::time::Duration;

use handset::sip::{Output, TimerValues, UaConfig, UaEvent, UserAgent};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// How the network misbehaves.
#[derive(Debug, Clone, Copy)]
pub struct NetConditions {
    /// Probability that a datagram is lost.
    pub drop: f64,
    /// Probability that a datagram arrives twice.
    pub duplicate: f64,
    /// One-way delay range; independent delays per datagram reorder them.
    pub min_delay: Duration,
    pub max_delay: Duration,
}

impl NetConditions {
    pub fn perfect() -> Self {
        Self {
            drop: 0.0,
            duplicate: 0.0,
            min_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(10),
        }
    }

    pub fn lossy(drop: f64) -> Self {
        Self {
            drop,
            duplicate: 0.05,
            min_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(80),
        }
    }
}

#[derive(Debug, Clone)]
struct InFlight {
    deliver_at: Duration,
    order: u64,
    from: SocketAddr,
    to: SocketAddr,
    payload: Vec<u8>,
}

/// One agent in the world and everything it reported.
pub struct Node {
    pub addr: SocketAddr,
    pub ua: UserAgent,
    pub events: Vec<UaEvent>,
}

pub struct Sim {
    pub now: Duration,
    pub nodes: Vec<Node>,
    /// Datagrams sent to addresses where no agent lives: (from, to, payload).
    pub captured: Vec<(SocketAddr, SocketAddr, Vec<u8>)>,
    /// Every datagram put on the wire, for failure messages: (time, from, to, first line).
    pub trace: Vec<(Duration, SocketAddr, SocketAddr, String)>,
    /// Every datagram put on the wire, whole.
    pub wire: Vec<Vec<u8>>,
    conditions: NetConditions,
    rng: StdRng,
    in_flight: Vec<InFlight>,
    next_order: u64,
}

pub fn addr(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}

pub fn config(user: &str, port: u16) -> UaConfig {
    UaConfig {
        local_addr: addr(port),
        user: user.to_string(),
        display_name: Some(user.to_uppercase()),
        user_agent: "Handset-sim".to_string(),
    }
}

impl Sim {
    pub fn new(seed: u64, conditions: NetConditions) -> Self {
        Self {
            now: Duration::ZERO,
            nodes: Vec::new(),
            captured: Vec::new(),
            trace: Vec::new(),
            wire: Vec::new(),
            conditions,
            rng: StdRng::seed_from_u64(seed),
            in_flight: Vec::new(),
            next_order: 0,
        }
    }

    /// Add an agent listening on 127.0.0.1:`port`; returns its index.
    pub fn add(&mut self, user: &str, port: u16) -> usize {
        let seed = self.rng.random();
        let ua = UserAgent::with_timer_values(config(user, port), seed, TimerValues::default());
        self.nodes.push(Node {
            addr: addr(port),
            ua,
            events: Vec::new(),
        });
        self.nodes.len() - 1
    }

    pub fn ua(&mut self, node: usize) -> &mut UserAgent {
        &mut self.nodes[node].ua
    }

    pub fn events(&self, node: usize) -> &[UaEvent] {
        &self.nodes[node].events
    }

    /// Put raw bytes on the wire from `from` (an address with no agent) to agent `node`.
    pub fn inject(&mut self, from: SocketAddr, node: usize, payload: &[u8]) {
        let to = self.nodes[node].addr;
        self.send(from, to, payload.to_vec());
    }

    fn send(&mut self, from: SocketAddr, to: SocketAddr, payload: Vec<u8>) {
        let first_line = String::from_utf8_lossy(&payload)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        self.trace.push((self.now, from, to, first_line));
        self.wire.push(payload.clone());
        let c = self.conditions;
        if self.rng.random_bool(c.drop) {
            return;
        }
        let copies = if self.rng.random_bool(c.duplicate) {
            2
        } else {
            1
        };
        for _ in 0..copies {
            let spread = c.max_delay.saturating_sub(c.min_delay).as_micros() as u64;
            let jitter = if spread == 0 {
                0
            } else {
                self.rng.random_range(0..=spread)
            };
            let deliver_at = self.now + c.min_delay + Duration::from_micros(jitter);
            self.in_flight.push(InFlight {
                deliver_at,
                order: self.next_order,
                from,
                to,
                payload: payload.clone(),
            });
            self.next_order += 1;
        }
    }

    /// Collect what every agent wants to send or tell, until nothing is left.
    fn drain(&mut self) {
        loop {
            let mut sent = Vec::new();
            for node in &mut self.nodes {
                while let Some(output) = node.ua.poll_output() {
                    match output {
                        Output::Transmit(t) => sent.push((node.addr, t.destination, t.payload)),
                        Output::Event(e) => node.events.push(e),
                    }
                }
            }
            if sent.is_empty() {
                return;
            }
            for (from, to, payload) in sent {
                self.send(from, to, payload);
            }
        }
    }

    /// Advance to the next packet delivery or timer, whichever is first, and process it.
    /// Returns false when nothing will ever happen again.
    pub fn step(&mut self) -> bool {
        self.step_within(Duration::MAX)
    }

    /// Like [`Self::step`], but never past `limit`: if the next happening is later, the clock
    /// stops at `limit` and false is returned.
    pub fn step_within(&mut self, limit: Duration) -> bool {
        self.drain();
        let next_packet = self.in_flight.iter().map(|p| p.deliver_at).min();
        let next_timer = self.nodes.iter().filter_map(|n| n.ua.poll_timeout()).min();
        let Some(next) = [next_packet, next_timer].into_iter().flatten().min() else {
            return false;
        };
        if next > limit {
            self.now = self.now.max(limit);
            return false;
        }
        self.now = self.now.max(next);
        let now = self.now;

        let mut due: Vec<InFlight> = Vec::new();
        self.in_flight.retain(|p| {
            if p.deliver_at <= now {
                due.push(p.clone());
                false
            } else {
                true
            }
        });
        due.sort_by_key(|p| (p.deliver_at, p.order));
        for packet in due {
            match self.nodes.iter_mut().find(|n| n.addr == packet.to) {
                Some(node) => node.ua.handle_datagram(now, packet.from, &packet.payload),
                None => self.captured.push((packet.from, packet.to, packet.payload)),
            }
        }
        for node in &mut self.nodes {
            if node.ua.poll_timeout().is_some_and(|t| t <= now) {
                node.ua.handle_timeout(now);
            }
        }
        self.drain();
        true
    }

    /// Step until `done` holds or virtual time passes `limit`. Returns whether `done` held.
    pub fn run_until(&mut self, limit: Duration, mut done: impl FnMut(&Sim) -> bool) -> bool {
        loop {
            if done(self) {
                return true;
            }
            if !self.step_within(limit) {
                return done(self);
            }
        }
    }

    /// Step until nothing is pending or `duration` of virtual time has passed.
    pub fn settle_for(&mut self, duration: Duration) {
        let limit = self.now + duration;
        self.settle(limit);
    }

    /// Step until nothing is pending before `limit`; the clock ends at `limit` at most.
    pub fn settle(&mut self, limit: Duration) {
        while self.step_within(limit) {}
    }

    /// The trace as text, for assertion messages.
    pub fn trace_text(&self) -> String {
        self.trace
            .iter()
            .map(|(t, from, to, line)| format!("{:>8.3}s {from} -> {to}: {line}", t.as_secs_f64()))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
