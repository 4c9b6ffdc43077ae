//! Scripted SIP servers for the authentication and registration tests: message helpers, a
//! digest check written independently of `handset::sip::auth` (straight from RFC 7616 with the
//! hash crates), and a registrar whose behaviour each test configures.

#![allow(dead_code)]

pub mod agent;

use std::net::SocketAddr;
use std::time::Duration;

use handset::sip::{AccountEvent, RegistrationEvent};
use md5::Md5;
use sha2::{Digest, Sha256};

use crate::support_sim::Sim;

/// Values of header `name` (case-insensitive; compact forms are not used by our agent).
pub fn header(message: &str, name: &str) -> Vec<String> {
    message
        .split("\r\n")
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

pub fn first(message: &str, name: &str) -> String {
    header(message, name)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no {name} in\n{message}"))
}

/// A response to `request`: Via (top one with `via_extra` appended), From, To (+tag), Call-ID, CSeq.
pub fn response_to(
    request: &str,
    status: &str,
    to_tag: &str,
    extra: &str,
    via_extra: &str,
) -> String {
    let mut out = format!("SIP/2.0 {status}\r\n");
    for (i, via) in header(request, "Via").into_iter().enumerate() {
        if i == 0 && via_extra.contains("rport=") {
            // A real server fills the empty rport in rather than adding a second one.
            let filled = via.replace(";rport;", ";").replace(";rport", "");
            out += &format!("Via: {filled}{via_extra}\r\n");
        } else if i == 0 {
            out += &format!("Via: {via}{via_extra}\r\n");
        } else {
            out += &format!("Via: {via}\r\n");
        }
    }
    out += &format!("From: {}\r\n", first(request, "From"));
    let to = first(request, "To");
    if to.contains(";tag=") {
        out += &format!("To: {to}\r\n");
    } else {
        out += &format!("To: {to};tag={to_tag}\r\n");
    }
    out += &format!("Call-ID: {}\r\n", first(request, "Call-ID"));
    out += &format!("CSeq: {}\r\n", first(request, "CSeq"));
    out += extra;
    out += "Content-Length: 0\r\n\r\n";
    out
}

pub fn cseq_number(request: &str) -> u32 {
    first(request, "CSeq")
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The `name=value` pairs of a digest credentials value, quotes removed (no escapes needed
/// for the values these tests use).
pub fn digest_params(value: &str) -> Vec<(String, String)> {
    let rest = value
        .trim()
        .strip_prefix("Digest")
        .expect("Digest scheme")
        .trim();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in rest.chars().chain([',']) {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                if let Some((n, v)) = current.split_once('=') {
                    out.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
                }
                current.clear();
            }
            _ => current.push(c),
        }
    }
    out
}

pub fn param(params: &[(String, String)], name: &str) -> Option<String> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
}

fn hash(algorithm: &str, text: &str) -> String {
    let bytes: Vec<u8> = match algorithm {
        "MD5" => Md5::digest(text.as_bytes()).to_vec(),
        "SHA-256" => Sha256::digest(text.as_bytes()).to_vec(),
        other => panic!("the test registrar does not do {other}"),
    };
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `value` is a correct qop=auth response for `method` with `password`
/// (RFC 7616 3.4.1, computed here without the crate's code).
pub fn digest_is_valid(value: &str, method: &str, password: &str) -> bool {
    let p = digest_params(value);
    let get = |n: &str| param(&p, n).unwrap_or_default();
    let algorithm = param(&p, "algorithm").unwrap_or_else(|| "MD5".into());
    let ha1 = hash(
        &algorithm,
        &format!("{}:{}:{password}", get("username"), get("realm")),
    );
    let ha2 = hash(&algorithm, &format!("{method}:{}", get("uri")));
    let expected = hash(
        &algorithm,
        &format!(
            "{ha1}:{}:{}:{}:{}:{ha2}",
            get("nonce"),
            get("nc"),
            get("cnonce"),
            get("qop")
        ),
    );
    get("response") == expected
}

/// A registrar (or proxy) at `addr` answering what the agent sends it, on virtual time.
pub struct Scripted {
    pub addr: SocketAddr,
    seen: usize,
    /// Every request that reached the server: (arrival time, text).
    pub received: Vec<(Duration, String)>,
    /// Account events of the agent, with the time they were drained.
    pub account_events: Vec<(Duration, AccountEvent)>,
}

impl Scripted {
    pub fn new(addr: SocketAddr) -> Self {
        Self {
            addr,
            seen: 0,
            received: Vec::new(),
            account_events: Vec::new(),
        }
    }

    /// Run the world until `until`, answering every datagram for `addr` with `answer`
    /// (which returns the responses to send back, possibly none).
    pub fn run(
        &mut self,
        sim: &mut Sim,
        node: usize,
        until: Duration,
        mut answer: impl FnMut(Duration, &str) -> Vec<String>,
    ) {
        loop {
            self.collect(sim, node);
            while self.seen < sim.captured.len() {
                let (_, to, payload) = sim.captured[self.seen].clone();
                self.seen += 1;
                if to != self.addr {
                    continue;
                }
                let text = String::from_utf8_lossy(&payload).into_owned();
                self.received.push((sim.now, text.clone()));
                for reply in answer(sim.now, &text) {
                    sim.inject(self.addr, node, reply.as_bytes());
                }
            }
            if !sim.step_within(until) {
                self.collect(sim, node);
                return;
            }
        }
    }

    fn collect(&mut self, sim: &mut Sim, node: usize) {
        let now = sim.now;
        while let Some(event) = sim.ua(node).poll_account_event() {
            self.account_events.push((now, event));
        }
    }

    /// Requests received whose first line starts with `method`.
    pub fn requests(&self, method: &str) -> Vec<(Duration, String)> {
        let prefix = format!("{method} ");
        self.received
            .iter()
            .filter(|(_, t)| t.starts_with(&prefix))
            .cloned()
            .collect()
    }
}

/// The registration events the agent reported to `server`'s run, with their times.
pub fn registration_events(server: &Scripted) -> Vec<(Duration, RegistrationEvent)> {
    server
        .account_events
        .iter()
        .filter_map(|(t, e)| match e {
            AccountEvent::Registration { event, .. } => Some((*t, event.clone())),
            _ => None,
        })
        .collect()
}

/// What the scripted registrar does.
pub struct Registrar {
    pub realm: String,
    pub password: String,
    /// The challenges offered, each an algorithm name (several make several headers).
    pub algorithms: Vec<&'static str>,
    /// Answer the next valid credentials with `stale=true` and a new nonce instead of 200.
    pub stale_once: bool,
    /// Answer REGISTERs whose Expires is below this with 423.
    pub min_expires: Option<u32>,
    /// Contacts listed before ours in the 200 (already formatted values).
    pub other_contacts: Vec<String>,
    /// Overrides the expiry granted to our contact.
    pub grant: Option<u32>,
    /// Appended to the top Via of every response (e.g. `;received=...;rport=...`).
    pub via_extra: String,
    /// Do not answer at all.
    pub silent: bool,
    /// Answer every REGISTER with this response instead (e.g. `503 ...` plus headers).
    pub fixed: Option<(&'static str, String)>,
    nonces: u32,
    /// Nonces issued in this life; like a real registrar, any of them is accepted (a
    /// retransmitted REGISTER may have drawn a newer challenge meanwhile).
    issued: Vec<String>,
    /// Bumped by a restart: the nonces of an earlier life are unknown.
    generation: u32,
}

impl Registrar {
    pub fn new(algorithm: &'static str) -> Self {
        Self {
            realm: "sip.test".into(),
            password: "correct horse".into(),
            algorithms: vec![algorithm],
            stale_once: false,
            min_expires: None,
            other_contacts: Vec::new(),
            grant: None,
            via_extra: String::new(),
            silent: false,
            fixed: None,
            nonces: 0,
            issued: Vec::new(),
            generation: 0,
        }
    }

    /// Forget every nonce, as a restarted server does.
    pub fn restart(&mut self) {
        self.generation += 1;
        self.nonces = 0;
        self.issued.clear();
    }

    fn current_nonce(&self) -> String {
        match self.generation {
            0 => format!("nonce{}", self.nonces),
            g => format!("life{g}-nonce{}", self.nonces),
        }
    }

    fn challenge(&mut self, request: &str, stale: bool) -> String {
        self.nonces += 1;
        let nonce = self.current_nonce();
        self.issued.push(nonce.clone());
        let mut extra = String::new();
        for algorithm in &self.algorithms {
            extra += &format!(
                "WWW-Authenticate: Digest realm=\"{}\", nonce=\"{nonce}\", qop=\"auth\", algorithm={algorithm}, opaque=\"op-{nonce}\"{}\r\n",
                self.realm,
                if stale { ", stale=true" } else { "" }
            );
        }
        response_to(request, "401 Unauthorized", "reg", &extra, &self.via_extra)
    }

    pub fn answer(&mut self, request: &str) -> Vec<String> {
        if self.silent || !request.starts_with("REGISTER ") {
            return Vec::new();
        }
        if let Some((status, extra)) = &self.fixed {
            return vec![response_to(request, status, "reg", extra, &self.via_extra)];
        }
        let expires: u32 = first(request, "Expires").parse().unwrap();
        if let Some(min) = self.min_expires {
            if expires != 0 && expires < min {
                let extra = format!("Min-Expires: {min}\r\n");
                return vec![response_to(
                    request,
                    "423 Interval Too Brief",
                    "reg",
                    &extra,
                    &self.via_extra,
                )];
            }
        }
        let Some(credentials) = header(request, "Authorization").into_iter().next() else {
            return vec![self.challenge(request, false)];
        };
        let params = digest_params(&credentials);
        let nonce = param(&params, "nonce").unwrap_or_default();
        let nonce_ok = self.issued.contains(&nonce);
        let opaque_ok = param(&params, "opaque") == Some(format!("op-{nonce}"));
        if !digest_is_valid(&credentials, "REGISTER", &self.password) || !opaque_ok {
            return vec![self.challenge(request, false)];
        }
        if !nonce_ok || self.stale_once {
            self.stale_once = false;
            return vec![self.challenge(request, true)];
        }
        let contact = first(request, "Contact");
        let ours = contact.split(";expires=").next().unwrap().to_string();
        let granted = if expires == 0 {
            0
        } else {
            self.grant.unwrap_or(expires)
        };
        let mut extra = String::new();
        for other in &self.other_contacts {
            extra += &format!("Contact: {other}\r\n");
        }
        if granted > 0 {
            extra += &format!("Contact: {ours};expires={granted}\r\n");
        }
        vec![response_to(
            request,
            "200 OK",
            "reg",
            &extra,
            &self.via_extra,
        )]
    }
}
